package store_test

import (
	"context"
	"strings"
	"testing"

	"chanjiao/store"
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
