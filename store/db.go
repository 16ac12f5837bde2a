// Package store keeps the bureau's records: the domain types, their
// validation, the SQLite database they live in and the indicators computed
// from them. It knows nothing of windows or files other than the database.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"chanjiao/store/refdata"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a SQLite file as ours ("CJRH").
const ApplicationID = 0x434A5248

//go:embed migrations/*.sql
var migrationFiles embed.FS

// DB is an open database.
type DB struct {
	db   *sql.DB
	Path string
	Ref  *refdata.Reference
	// Now is the clock; tests replace it for reproducible output.
	Now func() time.Time

	forget func() // drops Path from the databases no writer may replace
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date. A file that is not ours, or that a newer program wrote, is
// refused with a message saying so.
func Open(path string, ref *refdata.Reference) (*DB, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	if err := probe(path); err != nil {
		return nil, err
	}
	q := url.Values{}
	// temp_store(MEMORY) keeps statement journals in memory: a bulk write's
	// statements of 64 rows each journal the pages they touch, and once that
	// spilled to a temporary file every page cost a write call.
	for _, p := range []string{"foreign_keys(1)", "busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	sqlDB, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, Wrap(EInternal, err, "无法打开数据库 %s", path)
	}
	db := &DB{db: sqlDB, Path: path, Ref: ref, Now: time.Now}
	if err := db.migrate(context.Background()); err != nil {
		sqlDB.Close()
		return nil, err
	}
	registerOpen(path)
	db.forget = sync.OnceFunc(func() { unregisterOpen(path) })
	return db, nil
}

// checkPath refuses a database path that cannot be a database file before
// SQLite tries it, whose only word for these is "unable to open": a folder,
// a device, a path through a file, a folder that is not there.
func checkPath(path string) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil {
		if errors.Is(err, syscall.ENOTDIR) {
			return Wrap(EInvalid, err, "数据库路径 %s 不对：其中有一段是文件，不是文件夹", path)
		}
		return Wrap(EInvalid, err, "数据库所在文件夹不存在：%s", dir)
	} else if !st.IsDir() {
		return Errorf(EInvalid, "数据库路径 %s 不对：%s 是文件，不是文件夹", path, dir)
	}
	for _, s := range sidecars[:3] { // SQLite's own files beside it
		if st, err := os.Stat(path + s); err == nil && !st.Mode().IsRegular() {
			return Errorf(EInvalid, "数据库旁的 %s 不是普通文件（可能是文件夹），无法打开数据库 %s。请删除或改名它后再试", filepath.Base(path+s), path)
		}
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil // a new database
	case st.IsDir():
		return Errorf(EInvalid, "%s 是一个文件夹，不是数据库文件。请指定数据库文件（如 %s）", path, filepath.Join(path, DBFileName))
	case !st.Mode().IsRegular():
		return Errorf(EInvalid, "%s 不是普通文件（可能是设备或管道），不能作为数据库文件", path)
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return Wrap(EInvalid, err, "没有权限读取数据库文件 %s", path)
		}
		return Wrap(EInvalid, err, "无法读取数据库文件 %s", path)
	}
	return f.Close()
}

// probe refuses an existing file that is not ours or is newer than this
// program before anything (such as switching it to WAL) can touch it.
func probe(path string) error {
	st, err := os.Stat(path)
	if err != nil || st.Size() == 0 {
		return nil // a new database
	}
	conn, err := sql.Open("sqlite", path+"?_pragma=query_only(1)")
	if err != nil {
		return Wrap(EInternal, err, "无法打开数据库 %s", path)
	}
	defer conn.Close()
	var appID, version, tables int
	if err := conn.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		if oe := openError(err, path); oe != nil { // a full disk is not a foreign file
			return oe
		}
		return Wrap(EInvalid, err, "%s 不是本程序（产教融合数据报送）的数据库文件，或文件已损坏", path)
	}
	conn.QueryRow("PRAGMA user_version").Scan(&version)
	if err := conn.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
		return Wrap(EInvalid, err, "%s 不是本程序（产教融合数据报送）的数据库文件，或文件已损坏", path)
	}
	switch {
	case appID != ApplicationID && (appID != 0 || tables > 0):
		return Errorf(EInvalid, "%s 不是本程序（产教融合数据报送）的数据库文件", path)
	case version > SchemaVersion():
		return Errorf(EInvalid, "数据库 %s 由较新版本的程序写入（数据结构版本 %d，本程序只认识到 %d），请安装新版本后再打开", path, version, SchemaVersion())
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	if db.forget != nil {
		db.forget()
	}
	return db.db.Close()
}

// SQL exposes the connection pool to packages of the store (backups,
// integrity checks); the window never uses it.
func (db *DB) SQL() *sql.DB { return db.db }

// SchemaVersion is the number of migrations this program knows.
func SchemaVersion() int { return len(migrationNames()) }

func migrationNames() []string {
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql") // the pattern is valid: no error
	sort.Strings(names)
	return names
}

func (db *DB) migrate(ctx context.Context) error {
	names := migrationNames()
	var appID, version int
	if err := db.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		if oe := openError(err, db.Path); oe != nil {
			return oe
		}
		return Wrap(EInvalid, err, "无法读取数据库 %s（文件可能已损坏，或不是本程序的数据库）", db.Path)
	}
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return Wrap(EInvalid, err, "无法读取数据库 %s", db.Path)
	}
	if appID != 0 && appID != ApplicationID {
		return Errorf(EInvalid, "%s 不是本程序（产教融合数据报送）的数据库文件", db.Path)
	}
	if appID == 0 {
		var tables int
		if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
			return Wrap(EInternal, err, "无法读取数据库 %s", db.Path)
		}
		if tables > 0 {
			return Errorf(EInvalid, "%s 不是本程序（产教融合数据报送）的数据库文件", db.Path)
		}
	}
	if version > len(names) {
		return Errorf(EInvalid, "数据库 %s 由较新版本的程序写入（数据结构版本 %d，本程序只认识到 %d），请安装新版本后再打开", db.Path, version, len(names))
	}
	for i := version; i < len(names); i++ {
		script, err := migrationFiles.ReadFile(names[i])
		if err != nil {
			return err
		}
		err = db.write(ctx, false, func(tx *Tx) error {
			if _, err := tx.tx.ExecContext(ctx, string(script)); err != nil {
				return fmt.Errorf("%s: %w", names[i], err)
			}
			_, err := tx.tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", ApplicationID, i+1))
			return err
		})
		if err != nil {
			return Wrap(EInternal, err, "无法更新数据库结构（%s）", filepath.Base(names[i]))
		}
	}
	return nil
}

// Tx is one transaction: a user action, an import, an unpack.
type Tx struct {
	tx  *sql.Tx
	ctx context.Context
	db  *DB
}

// Update runs fn in one write transaction: everything fn did is committed
// together, or, when fn returns an error, nothing is.
func (db *DB) Update(ctx context.Context, fn func(*Tx) error) error {
	return db.write(ctx, true, fn)
}

// write runs fn in a write transaction; counted, one that changed a row
// also moves the generation on, so that figures kept before it are no
// longer used (figures_cache.go). Only migrations and the keeping itself
// are not counted.
func (db *DB) write(ctx context.Context, counted bool, fn func(*Tx) error) error {
	sqlTx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return writeError(err)
	}
	defer sqlTx.Rollback()
	var before int64
	if counted {
		if before, err = totalChanges(ctx, sqlTx); err != nil {
			return writeError(err)
		}
	}
	if err := fn(&Tx{tx: sqlTx, ctx: ctx, db: db}); err != nil {
		var e *Error
		if we := WriteFailure(err); we != nil && !errors.As(err, &e) {
			return we // a write that failed before the commit (a large transaction spills to disk early)
		}
		return err
	}
	if counted {
		if err := nextGeneration(ctx, sqlTx, before); err != nil {
			return writeError(err)
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return writeError(err)
	}
	return nil
}

// nextGeneration moves the generation on when the transaction changed a row
// since before: one that changed nothing leaves the file as it was.
func nextGeneration(ctx context.Context, tx *sql.Tx, before int64) error {
	after, err := totalChanges(ctx, tx)
	if err != nil || after == before {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE changes SET generation = generation + 1")
	return err
}

func totalChanges(ctx context.Context, tx *sql.Tx) (n int64, err error) {
	err = tx.QueryRowContext(ctx, "SELECT total_changes()").Scan(&n)
	return n, err
}

// View runs fn in a read transaction, so it sees one consistent state.
func (db *DB) View(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Wrap(EInternal, err, "无法读取数据库")
	}
	defer sqlTx.Rollback()
	return fn(&Tx{tx: sqlTx, ctx: ctx, db: db})
}

// writeError turns SQLite's write failures into messages a clerk can act on.
func writeError(err error) error {
	if we := WriteFailure(err); we != nil {
		return we
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "locked") || strings.Contains(msg, "BUSY"):
		return Wrap(EConflict, err, "数据库正被另一个程序使用，请稍后重试")
	case errors.Is(err, context.Canceled):
		return Wrap(EInvalid, err, "操作已取消，未做任何修改")
	}
	return Wrap(EInternal, err, "保存失败，未做任何修改")
}

// WriteFailure gives the clerk's message for err when it is SQLite failing
// to write the database file: a full disk, a write past the largest file the
// system allows (EFBIG: a FAT32 USB stick's 4 GB, or a file-size limit,
// which SQLite reports as a plain I/O error), other I/O errors (a USB stick
// pulled out), read-only media. It returns nil for anything else, so callers
// that wrap technical errors as problems of their input (an import naming a
// row) can let these through instead.
func WriteFailure(err error) *Error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "SQLITE_FULL") || strings.Contains(msg, "disk is full"):
		return Wrap(EInvalid, err, "磁盘空间已满，本次修改未保存。请清理磁盘后重试")
	case strings.Contains(msg, "disk I/O error") || strings.Contains(msg, "SQLITE_IOERR"):
		return Wrap(EInvalid, err, "无法写入磁盘（磁盘空间已满、文件超过磁盘允许的大小，或U盘已拔出），本次修改未保存。请清理磁盘或插好U盘后重试")
	case strings.Contains(msg, "readonly") || strings.Contains(msg, "read-only") || strings.Contains(msg, "READONLY"):
		return Wrap(EInvalid, err, "数据库所在位置只读（如写保护的U盘），本次修改未保存")
	}
	return nil
}

// openError explains a database that cannot even be read for a reason of
// the disk, or nil when err is not such a failure. SQLite writes beside the
// database (its shared-memory file) to open it, so a full disk or a
// write-protected USB stick shows already here, and must not be taken for a
// foreign or damaged file.
func openError(err error, path string) *Error {
	msg := err.Error()
	if !strings.Contains(msg, "unable to open database file") && !strings.Contains(msg, "CANTOPEN") && WriteFailure(err) == nil {
		return nil
	}
	dir := filepath.Dir(path)
	if f, werr := os.CreateTemp(dir, ".chanjiao-probe-*"); werr != nil {
		switch {
		case errors.Is(werr, syscall.EROFS):
			return Wrap(EInvalid, err, "无法打开数据库 %s：所在位置只读（如写保护的U盘）。请把数据库复制到可写的位置，或取消U盘的写保护后再打开", path)
		case errors.Is(werr, syscall.ENOSPC) || errors.Is(werr, syscall.EFBIG):
			return Wrap(EInvalid, err, "无法打开数据库 %s：磁盘空间已满。请清理磁盘后重试", path)
		case errors.Is(werr, fs.ErrPermission):
			return Wrap(EInvalid, err, "无法打开数据库 %s：没有权限在 %s 中写入文件", path, dir)
		}
	} else {
		f.Close()
		os.Remove(f.Name())
	}
	return Wrap(EInvalid, err, "无法打开数据库 %s：磁盘空间已满或无法读写磁盘（U盘是否已拔出？）。请清理磁盘后重试", path)
}

func (tx *Tx) exec(query string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(tx.ctx, query, args...)
}

func (tx *Tx) query(query string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(tx.ctx, query, args...)
}

// queryAll runs query and scans every row with scan.
func queryAll[T any](tx *Tx, scan func(*sql.Rows) (T, error), query string, args ...any) ([]T, error) {
	rows, err := tx.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// scanInt scans a row of one integer.
func scanInt(rows *sql.Rows) (n int, err error) { err = rows.Scan(&n); return n, err }

func (tx *Tx) queryRow(query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(tx.ctx, query, args...)
}

// Ref returns the reference data the records are checked against.
func (tx *Tx) Ref() *refdata.Reference { return tx.db.Ref }

// nullInt stores 0 as NULL, for optional years.
func nullInt(v int) any {
	if v == 0 {
		return nil
	}
	return v
}

func nullID(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// withSchools is the FROM clause of a read of table (as alias) with its
// rows' schools (as s), for the units under prefix. For a unit's share the
// CROSS JOIN makes SQLite walk the schools first and find each one's rows
// by the index that starts with school_id, which every such table has: a
// province's read of one prefecture reads that prefecture's rows, not all
// of them. For everything, a plain scan of the table is quicker than going
// through the index row by row. table and alias are the caller's constants.
func withSchools(table, alias, prefix string) string {
	if prefix != "" {
		return "schools s CROSS JOIN " + table + " " + alias + " ON " + alias + ".school_id = s.id"
	}
	return table + " " + alias + " JOIN schools s ON s.id = " + alias + ".school_id"
}

// sizeHint is how many rows a whole read will give, counted first by the
// same condition (count, a query of the caller's constants, and its args),
// so a province's 160,000 stints are read into one allocation instead of a
// slice grown and copied twenty times. 0 for a unit's share (prefix ≠ ""),
// a fraction of the table not worth counting.
func (tx *Tx) sizeHint(prefix, count string, args ...any) int {
	if prefix != "" {
		return 0
	}
	var n int
	tx.queryRow(count, args...).Scan(&n) // a failed count only loses the hint
	return n
}
