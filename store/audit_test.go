package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/backup"
)

// The 操作记录 chain: an intact log verifies; deleting an entry in the middle
// or the newest entries, or editing one, is found.
func TestVerifyAuditChain(t *testing.T) {
	for _, tc := range []struct {
		name, tamper, want string
	}{
		{"OK", "", ""},
		{"ErrMiddleDeleted", "DELETE FROM audit WHERE id = 2", "第 2 至 2 条记录缺失"},
		{"ErrNewestDeleted", "DELETE FROM audit WHERE id > (SELECT max(id) - 2 FROM audit)", "最后 2 条记录"},
		{"ErrEdited", "UPDATE audit SET detail = '改过' WHERE id = 3", "第 3 条记录的内容被修改过"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpen(t)
			ctx := context.Background()
			for i, code := range []string{"3653000001", "3653000002", "3653000003"} {
				s := store.School{Code: code, Name: "学校" + code, Type: "中等职业学校", Region: "532323", Ownership: "公办"}
				if err := db.Update(ctx, func(tx *store.Tx) error { _, err := tx.PutSchool(&s); return err }); err != nil {
					t.Fatalf("school %d: %v", i, err)
				}
			}
			if tc.tamper != "" {
				if _, err := db.SQL().Exec(tc.tamper); err != nil {
					t.Fatal(err)
				}
			}
			r, err := db.Verify()
			if err != nil {
				t.Fatal(err)
			}
			if r.Integrity != "ok" {
				t.Fatalf("integrity %q", r.Integrity)
			}
			switch {
			case tc.want == "" && r.BrokenAt != 0:
				t.Fatalf("intact log reported broken at %d: %s", r.BrokenAt, r.BrokenWhy)
			case tc.want != "" && (r.BrokenAt == 0 || !strings.Contains(r.BrokenWhy, tc.want)):
				t.Fatalf("tampering not found: broken at %d, %q; want %q", r.BrokenAt, r.BrokenWhy, tc.want)
			}
		})
	}
}

// The 操作记录 speaks the clerk's language: Chinese field names, the school
// and the enterprise by name (a deleted one by its code), the 身份证号 masked;
// the stored entries, which the hash chain covers, stay as written.
func TestDescribeAudit(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	s := stintA()
	mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutSecondment(&s); return err })
	s.End = date("2025-07-31")
	mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutSecondment(&s); return err })

	describe := func() ([]store.AuditEntry, []store.AuditText) {
		t.Helper()
		var es []store.AuditEntry
		var texts []store.AuditText
		mustView(t, db, func(tx *store.Tx) (err error) {
			if es, err = tx.Audit(store.AuditFilter{Text: "张三"}); err != nil {
				return err
			}
			texts, err = tx.Describe(es)
			return err
		})
		if len(texts) != len(es) {
			t.Fatalf("%d texts for %d entries", len(texts), len(es))
		}
		return es, texts
	}
	es, texts := describe()
	if len(es) != 2 || es[0].Action != store.ActUpdate || es[1].Action != store.ActCreate {
		t.Fatalf("entries %+v", es)
	}
	stored := es[0].Before + es[0].After
	update, create := texts[0], texts[1]
	if update.Summary != "张三 改动：结束日期" || update.Detail != "结束日期：2025-06-30 → 2025-07-31" {
		t.Errorf("update described as %q / %q", update.Summary, update.Detail)
	}
	for _, want := range []string{"新增的内容：", "学校：牟定县职业高级中学", "合作企业：深圳某科技有限公司",
		"方向：学校派往企业", "开始日期：2025-03-01", "身份证号：" + store.MaskID(idP)} {
		if !strings.Contains(create.Detail, want) {
			t.Errorf("create detail %q lacks %q", create.Detail, want)
		}
	}
	for _, text := range []string{update.Summary, update.Detail, create.Summary, create.Detail} {
		if strings.Contains(text, "_id") || strings.Contains(text, "_date") || strings.Contains(text, idP) {
			t.Errorf("database language or a full 身份证号 shown: %q", text)
		}
	}

	// the enterprise deleted (its stints go with it): named by its code
	mustUpdate(t, db, func(tx *store.Tx) error {
		es, err := tx.Enterprises()
		for _, e := range es {
			if e.CreditCode == entX {
				return tx.DeleteEnterprise(e.ID)
			}
		}
		return err
	})
	es, texts = describe()
	if !strings.Contains(texts[len(texts)-1].Detail, "合作企业："+entX+"（已删除）") {
		t.Errorf("deleted enterprise shown as: %q", texts[len(texts)-1].Detail)
	}
	if got := es[len(es)-2].Before + es[len(es)-2].After; got != stored {
		t.Errorf("stored entry changed: %q, was %q", got, stored)
	}
	// the deletion itself, keyed by the row's id, is listed under its code
	var deleted []store.AuditText
	mustView(t, db, func(tx *store.Tx) error {
		es, err := tx.Audit(store.AuditFilter{Action: store.ActDelete})
		if err != nil {
			return err
		}
		deleted, err = tx.Describe(es)
		return err
	})
	if len(deleted) != 1 || deleted[0].Record != entX || deleted[0].Summary != "删除 深圳某科技有限公司" ||
		!strings.Contains(deleted[0].Detail, "删除前的内容：统一社会信用代码："+entX+"，企业名称：深圳某科技有限公司") {
		t.Errorf("deletion described as %+v", deleted)
	}
	if r, err := db.Verify(); err != nil || r.BrokenAt != 0 {
		t.Fatalf("verify after describing: %+v, %v", r, err)
	}
}

// A copy made by hand (备份到U盘, the command line's backup) is an export in
// the 操作记录; the automatic copy at start is not. The chain still holds.
func TestBackupRecorded(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	if _, err := backup.Auto(db); err != nil {
		t.Fatal(err)
	}
	exports := func() []store.AuditEntry {
		t.Helper()
		var es []store.AuditEntry
		mustView(t, db, func(tx *store.Tx) (err error) {
			es, err = tx.Audit(store.AuditFilter{Action: store.ActExport})
			return err
		})
		return es
	}
	if es := exports(); len(es) != 0 {
		t.Fatalf("the automatic copy was recorded: %+v", es)
	}
	path, err := backup.IntoFolder(db, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	es := exports()
	if len(es) != 1 || es[0].Table != "backup" || es[0].Key != filepath.Base(path) || !strings.Contains(es[0].Detail, path) {
		t.Fatalf("backup recorded as %+v", es)
	}
	if r, err := db.Verify(); err != nil || r.BrokenAt != 0 || r.Integrity != "ok" {
		t.Fatalf("verify after backup: %+v, %v", r, err)
	}
}
