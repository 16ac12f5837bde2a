package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// AuditEntry is one line of the 操作记录.
type AuditEntry struct {
	ID       int64
	At       time.Time
	Action   string
	Table    string
	Key      string
	Before   string
	After    string
	Detail   string
	PrevHash string
	Hash     string
}

// Audit actions, in the order the 操作记录 filter offers them.
const (
	ActCreate  = "create"
	ActUpdate  = "update"
	ActDelete  = "delete"
	ActImport  = "import"
	ActExport  = "export" // a data file made for the level above
	ActLock    = "lock"
	ActUnlock  = "unlock"
	ActSetting = "setting"
	ActRestore = "restore" // the database replaced by a backup
)

// Actions lists every audit action.
var Actions = []string{ActCreate, ActUpdate, ActDelete, ActImport, ActExport, ActLock, ActUnlock, ActSetting, ActRestore}

var actionNames = map[string]string{
	ActCreate: "新增", ActUpdate: "修改", ActDelete: "删除", ActImport: "导入", ActExport: "导出",
	ActLock: "锁定", ActUnlock: "解锁", ActSetting: "设置", ActRestore: "恢复",
}

// ActionName gives an action's Chinese name.
func ActionName(a string) string {
	if n, ok := actionNames[a]; ok {
		return n
	}
	return a
}

func (e AuditEntry) hash() string {
	h := sha256.New()
	for _, s := range []string{e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), e.Action, e.Table, e.Key, e.Before, e.After, e.Detail} {
		fmt.Fprintf(h, "%d:%s\n", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Log appends an entry to the 操作记录 in the current transaction.
func (tx *Tx) Log(action, table, key, before, after, detail string) error {
	var prev string
	err := tx.queryRow("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	e := AuditEntry{At: tx.db.Now().UTC(), Action: action, Table: table, Key: key, Before: before, After: after, Detail: detail, PrevHash: prev}
	e.Hash = e.hash()
	_, err = tx.exec(`INSERT INTO audit (at, action, tbl, key, before, after, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.At.Format(time.RFC3339Nano), e.Action, e.Table, e.Key, e.Before, e.After, e.Detail, e.PrevHash, e.Hash)
	return err
}

// snapshot returns a row as JSON, for the audit's before/after; "" when the
// row does not exist.
func (tx *Tx) snapshot(table string, id int64) (string, error) {
	rows, err := tx.query("SELECT * FROM "+table+" WHERE id = ?", id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	if !rows.Next() {
		return "", rows.Err()
	}
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return "", err
	}
	m := map[string]any{}
	for i, c := range cols {
		if b, ok := vals[i].([]byte); ok {
			vals[i] = string(b)
		}
		m[c] = vals[i]
	}
	b, err := json.Marshal(m)
	return string(b), err
}

// before snapshots a row about to change (nothing for a new row).
func (tx *Tx) before(table string, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	return tx.snapshot(table, id)
}

// logChange records a row's change, given its state before.
func (tx *Tx) logChange(table, key string, id int64, before string) error {
	after, err := tx.snapshot(table, id)
	if err != nil {
		return err
	}
	action := ActUpdate
	switch {
	case before == "":
		action = ActCreate
	case after == "":
		action = ActDelete
	case before == after:
		return nil // nothing changed
	}
	return tx.Log(action, table, key, before, after, "")
}

// AuditFilter narrows the 操作记录 listing.
type AuditFilter struct {
	Action string // "" for all
	Text   string // matched against table, key and detail
	Limit  int    // 0 for all
}

// Audit lists the 操作记录, newest first.
func (tx *Tx) Audit(f AuditFilter) ([]AuditEntry, error) {
	q := `SELECT id, at, action, tbl, key, before, after, detail, prev_hash, hash FROM audit
		WHERE (?1 = '' OR action = ?1) AND (?2 = '' OR instr(tbl || ' ' || key || ' ' || detail || ' ' || after || ' ' || before, ?2) > 0)
		ORDER BY id DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := tx.query(q, f.Action, strings.TrimSpace(f.Text))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Action, &e.Table, &e.Key, &e.Before, &e.After, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// VerifyReport is what `verify` finds.
type VerifyReport struct {
	Integrity string // "ok" or SQLite's first complaints
	Entries   int
	BrokenAt  int64 // the first entry whose link or hash fails; 0 when the chain holds
	BrokenWhy string
}

// Verify checks the database's integrity and the 操作记录's hash chain.
func (db *DB) Verify() (VerifyReport, error) {
	var r VerifyReport
	rows, err := db.db.Query("PRAGMA integrity_check")
	if err != nil {
		return r, Wrap(EInternal, err, "无法检查数据库完整性")
	}
	var msgs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return r, err
		}
		msgs = append(msgs, s)
	}
	rows.Close()
	r.Integrity = strings.Join(msgs, "; ")
	err = db.View(context.Background(), func(tx *Tx) error {
		rows, err := tx.query("SELECT id, at, action, tbl, key, before, after, detail, prev_hash, hash FROM audit ORDER BY id")
		if err != nil {
			return err
		}
		defer rows.Close()
		prev, lastID := "", int64(0)
		for rows.Next() {
			var e AuditEntry
			var at string
			if err := rows.Scan(&e.ID, &at, &e.Action, &e.Table, &e.Key, &e.Before, &e.After, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
				return err
			}
			r.Entries++
			e.At, _ = time.Parse(time.RFC3339Nano, at)
			if r.BrokenAt == 0 {
				switch {
				case e.ID != lastID+1 && lastID != 0:
					r.BrokenAt, r.BrokenWhy = e.ID, fmt.Sprintf("第 %d 至 %d 条记录缺失（被删除）", lastID+1, e.ID-1)
				case e.PrevHash != prev:
					r.BrokenAt, r.BrokenWhy = e.ID, fmt.Sprintf("第 %d 条记录与前一条衔接不上（前一条被修改或删除）", e.ID)
				case e.hash() != e.Hash:
					r.BrokenAt, r.BrokenWhy = e.ID, fmt.Sprintf("第 %d 条记录的内容被修改过", e.ID)
				}
			}
			prev, lastID = e.Hash, e.ID
		}
		if err := rows.Err(); err != nil {
			return err
		}
		// the newest entries deleted: SQLite still remembers the highest id used
		var seq int64
		if tx.queryRow("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").Scan(&seq) == nil && seq > lastID && r.BrokenAt == 0 {
			r.BrokenAt, r.BrokenWhy = lastID+1, fmt.Sprintf("最后 %d 条记录（第 %d 至 %d 条）缺失（被删除）", seq-lastID, lastID+1, seq)
		}
		return nil
	})
	return r, err
}
