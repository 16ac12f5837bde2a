package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
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

// LogExport records in the 操作记录 a file written for outside the program
// (the returns, a copy on a USB stick), once it is written. Failing, it says
// the file is there all the same.
func (db *DB) LogExport(table, key, detail string) error {
	err := db.Update(context.Background(), func(tx *Tx) error {
		return tx.Log(ActExport, table, key, "", "", detail)
	})
	if err != nil {
		return &Error{Code: EInternal, Err: err, Message: "文件已写好，但未能记入操作记录：" + ErrorMessage(err)}
	}
	return nil
}

// LogReturnsExport records the returns of year written as files (paths;
// one not written is "").
func (db *DB) LogReturnsExport(year int, paths ...string) error {
	var names []string
	dir := ""
	for _, p := range paths {
		if p != "" {
			names, dir = append(names, filepath.Base(p)), filepath.Dir(p)
		}
	}
	if len(names) == 0 {
		return nil
	}
	return db.LogExport("returns", strconv.Itoa(year), fmt.Sprintf("导出 %d 年度报表 %s 到 %s", year, strings.Join(names, "、"), dir))
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

// AuditText is an 操作记录 entry in the clerk's words.
type AuditText struct {
	Record  string // the 记录 column: the entry's key, or a deleted row's code
	Summary string // the 说明 column: the entry's own note, else what changed
	Detail  string // the fields: "结束日期：2025-06-30 → 2025-07-31", one a line
}

// Describe puts entries in the clerk's words: Chinese field names, a
// school's and an enterprise's name in place of its id. It works when the
// entries are shown, so the stored text, which the hash chain covers, stays
// as it was written.
func (tx *Tx) Describe(es []AuditEntry) ([]AuditText, error) {
	d := describer{tx: tx, names: map[string]string{}}
	out := make([]AuditText, len(es))
	for i, e := range es {
		t, err := d.describe(e)
		if err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}

// describer remembers the names it looked up, for a screenful of entries.
type describer struct {
	tx    *Tx
	names map[string]string // "schools/3" → its name
}

// fieldText is one field of a record: its Chinese name and its values
// before and after, as shown.
type fieldText struct{ name, before, after string }

func (d *describer) describe(e AuditEntry) (AuditText, error) {
	t := AuditText{Record: e.Key, Summary: e.Detail}
	before, after := jsonFields(e.Before), jsonFields(e.After)
	if before == nil && after == nil {
		return t, nil
	}
	fields, err := d.fields(e.Table, before, after)
	if err != nil {
		return t, err
	}
	var names, lines []string
	for _, f := range fields {
		switch {
		case before != nil && after != nil:
			if f.before != f.after {
				names = append(names, f.name)
				lines = append(lines, f.name+"："+orNone(f.before)+" → "+orNone(f.after))
			}
		case after != nil && f.after != "":
			lines = append(lines, f.name+"："+f.after)
		case before != nil && f.before != "":
			lines = append(lines, f.name+"："+f.before)
		}
	}
	summary := ""
	switch {
	case before == nil:
		summary = "新增 " + recordName(after)
		t.Detail = "新增的内容：" + strings.Join(lines, "，")
	case after == nil:
		summary = "删除 " + recordName(before)
		t.Detail = "删除前的内容：" + strings.Join(lines, "，")
		if e.Key == valueText(before["id"]) { // deleteRow keys by id; the other entries by code
			t.Record = firstOf(before, "code", "credit_code", "name")
		}
	case len(names) > 0:
		summary = recordName(after) + " 改动：" + strings.Join(names, "、")
		t.Detail = strings.Join(lines, "\n")
	}
	if t.Summary == "" {
		t.Summary = summary
	}
	return t, nil
}

func orNone(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// fields lists a record's fields in the table's column order; a table not
// in tableFields shows its columns by their own names.
func (d *describer) fields(table string, before, after map[string]any) ([]fieldText, error) {
	known := tableFields[table]
	if known == nil {
		for _, c := range sortedKeys(before, after) {
			known = append(known, field{c, c})
		}
	}
	out := make([]fieldText, 0, len(known))
	for _, f := range known {
		b, err := d.value(f.column, before)
		if err != nil {
			return nil, err
		}
		a, err := d.value(f.column, after)
		if err != nil {
			return nil, err
		}
		out = append(out, fieldText{f.name, b, a})
	}
	return out, nil
}

// sortedKeys is the columns of both snapshots but the row's id, sorted.
func sortedKeys(a, b map[string]any) []string {
	seen := map[string]bool{"id": true}
	var out []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// value is a column of a snapshot as the clerk reads it: a school or an
// enterprise by name, a 身份证号 masked, a level by its Chinese name.
func (d *describer) value(column string, m map[string]any) (string, error) {
	v := m[column]
	switch column {
	case "school_id", "lead_school_id":
		return d.rowName("schools", "code", v)
	case "enterprise_id":
		return d.rowName("enterprises", "credit_code", v)
	case "id_number":
		return MaskID(valueText(v)), nil
	case "level":
		return LevelName(valueText(v)), nil
	}
	return valueText(v), nil
}

// rowName names the school or enterprise whose id is v. One deleted since
// is named by its code, from the 操作记录's copy of it as it was deleted.
func (d *describer) rowName(table, codeColumn string, v any) (string, error) {
	id, ok := v.(float64)
	if !ok {
		return valueText(v), nil
	}
	key := fmt.Sprintf("%s/%d", table, int64(id))
	if n, ok := d.names[key]; ok {
		return n, nil
	}
	var name string
	err := d.tx.queryRow("SELECT name FROM "+table+" WHERE id = ?", int64(id)).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		name, err = d.deletedName(table, codeColumn, int64(id))
	}
	if err != nil {
		return "", err
	}
	d.names[key] = name
	return name, nil
}

// deletedName is a deleted row's code, as the 操作记录 kept it.
func (d *describer) deletedName(table, codeColumn string, id int64) (string, error) {
	var before string
	err := d.tx.queryRow(`SELECT before FROM audit WHERE tbl = ? AND action = ? AND json_extract(before, '$.id') = ?
		ORDER BY id DESC LIMIT 1`, table, ActDelete, id).Scan(&before)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Sprintf("编号 %d（已删除）", id), nil
	}
	if err != nil {
		return "", err
	}
	return valueText(jsonFields(before)[codeColumn]) + "（已删除）", nil
}

func jsonFields(s string) map[string]any {
	if s == "" {
		return nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

// recordName is what a snapshot is called: its name, else its code.
func recordName(m map[string]any) string { return firstOf(m, "name", "code", "credit_code") }

// firstOf is the first of the columns that has a value in the snapshot.
func firstOf(m map[string]any, columns ...string) string {
	for _, k := range columns {
		if s := valueText(m[k]); s != "" {
			return s
		}
	}
	return ""
}

// valueText is a snapshot's value as text; JSON numbers without ".0".
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
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
