package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

func TestAuditListsAChangeAndVerifies(t *testing.T) {
	a := newTestApp(t, true)
	var sc store.School
	view(t, a, func(tx *store.Tx) error {
		ss, err := tx.Schools()
		sc = ss[0]
		return err
	})
	sc.Name = "审计测试学校"
	if err := a.db.Update(context.Background(), func(tx *store.Tx) error { _, err := tx.PutSchool(&sc); return err }); err != nil {
		t.Fatal(err)
	}

	a.show("设置")
	test.Tap(a.settings.auditBtn)
	v := a.settings.audit
	if v == nil || len(v.entries) < 2 {
		t.Fatal("操作记录 lists nothing")
	}
	mustContain(t, v.count.Text, "共 ")
	// newest first: the change just made
	if got := v.cellText(0, 1) + "|" + v.cellText(0, 2) + "|" + v.cellText(0, 3); got != "修改|学校|"+sc.Code {
		t.Fatalf("first row %q", got)
	}
	mustContain(t, v.cellText(0, 4), "审计测试学校 改动：学校名称")
	v.choose(0)
	mustContain(t, v.detail.Text, "→ 审计测试学校")

	// filter by action
	v.action.SetSelected("新增")
	if len(v.entries) == 0 {
		t.Fatal("no 新增 entries")
	}
	for i := range v.entries {
		if v.cellText(i, 1) != "新增" {
			t.Fatalf("filter 新增 shows %q", v.cellText(i, 1))
		}
	}
	v.action.SetSelected(allActions)
	// search
	test.Type(v.search, "审计测试")
	if len(v.entries) != 1 || v.entries[0].Key != sc.Code {
		t.Fatalf("search shows %d entries", len(v.entries))
	}
	mustContain(t, v.count.Text, "找到 1 条")
	typeInto(v.search, "")
	schools := 0
	for _, e := range v.entries {
		if e.Table == "schools" {
			schools++
		}
	}
	typeInto(v.search, "学校") // a table's Chinese name finds the table's every entry
	found := 0
	for _, e := range v.entries {
		if e.Table == "schools" {
			found++
		}
	}
	if schools == 0 || found != schools {
		t.Fatalf("search 学校 finds %d of the %d entries of the schools table", found, schools)
	}
	typeInto(v.search, "")

	// 校验: all well
	test.Tap(v.verify)
	mustContain(t, v.result.Text, "校验通过")
	mustContain(t, v.result.Text, "数据库文件完好")
	if v.verify.Disabled() {
		t.Fatal("校验 stays disabled")
	}

	// an entry deleted behind the program's back
	if _, err := a.db.SQL().Exec("DELETE FROM audit WHERE id = 5"); err != nil {
		t.Fatal(err)
	}
	test.Tap(v.verify)
	mustContain(t, v.result.Text, "发现问题")
	mustContain(t, v.result.Text, "第 5 至 5 条记录缺失")

	// an entry edited: the first broken link is reported
	if _, err := a.db.SQL().Exec("UPDATE audit SET detail = '改过' WHERE id = 3"); err != nil {
		t.Fatal(err)
	}
	test.Tap(v.verify)
	mustContain(t, v.result.Text, "第 3 条记录的内容被修改过")
}

func TestVerifyText(t *testing.T) {
	text, ok := verifyText(store.VerifyReport{Integrity: "*** in database main ***", Entries: 4})
	if ok {
		t.Fatal("a damaged file passes")
	}
	mustContain(t, text, "数据库文件已损坏")
	mustContain(t, text, "请从备份恢复")
}

// The 操作记录 speaks the clerk's language: a stint's change shows 结束日期
// and the school's and enterprise's names, never the database's columns.
func TestAuditInChinese(t *testing.T) {
	a := newTestApp(t, true)
	var s store.Secondment
	var school, enterprise string
	view(t, a, func(tx *store.Tx) error {
		ss, err := tx.Secondments(a.year)
		if err != nil || len(ss) == 0 {
			t.Fatalf("no stints in the demo's %d: %v", a.year, err)
		}
		s = ss[0]
		sc, err := tx.SchoolByCode(s.SchoolCode)
		school = sc.Name
		if err != nil {
			return err
		}
		es, err := tx.Enterprises()
		for _, e := range es {
			if e.CreditCode == s.CreditCode {
				enterprise = e.Name
			}
		}
		return err
	})
	oldEnd := store.FormatDate(s.End)
	s.End = time.Date(a.year, 12, 30, 0, 0, 0, 0, time.UTC)
	for _, change := range []func(tx *store.Tx) error{
		func(tx *store.Tx) error { _, err := tx.PutSecondment(&s); return err },
		func(tx *store.Tx) error {
			n := store.Secondment{SchoolCode: s.SchoolCode, CreditCode: s.CreditCode, Name: "审计新人",
				Direction: s.Direction, Post: s.Post, Start: time.Date(a.year, 3, 1, 0, 0, 0, 0, time.UTC)}
			_, err := tx.PutSecondment(&n)
			return err
		},
	} {
		if err := a.db.Update(context.Background(), change); err != nil {
			t.Fatal(err)
		}
	}

	a.show("设置")
	test.Tap(a.settings.auditBtn)
	v := a.settings.audit
	mustContain(t, v.cellText(1, 4), s.Name+" 改动：结束日期")
	v.choose(1)
	mustContain(t, v.detail.Text, "结束日期："+oldEnd+" → "+store.FormatDate(s.End))
	mustContain(t, v.cellText(0, 4), "新增 审计新人")
	v.choose(0)
	for _, want := range []string{"学校：" + school, "合作企业：" + enterprise, "方向：" + s.Direction} {
		mustContain(t, v.detail.Text, want)
	}
	for i := range v.entries {
		v.choose(i)
		for _, text := range []string{v.cellText(i, 3), v.cellText(i, 4), v.detail.Text} {
			if strings.Contains(text, "school_id") || strings.Contains(text, "_date") || strings.Contains(text, "enterprise_id") {
				t.Fatalf("entry %d speaks the database's language: %q", i, text)
			}
		}
	}
}

// Exporting the returns is recorded in the 操作记录, with the files' names.
func TestAuditRecordsReturnsExport(t *testing.T) {
	a := newTestApp(t, true)
	dir := t.TempDir()
	a.exportTo(dir, a.year, false)
	pressPrompt(t, a, "导出报表", "关闭", "报表已导出")

	a.show("设置")
	test.Tap(a.settings.auditBtn)
	v := a.settings.audit
	if got := v.cellText(0, 1) + "|" + v.cellText(0, 2) + "|" + v.cellText(0, 3); got != fmt.Sprintf("导出|报表|%d", a.year) {
		t.Fatalf("first row %q", got)
	}
	for _, want := range []string{"产教融合统计报表.pdf", "产教融合统计报表.xlsx", dir} {
		mustContain(t, v.cellText(0, 4), want)
	}
}
