package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// assessed finds the assessment entry of an indicator and 分类 ("" for
// none) in check --json, or nil.
func assessed(t *testing.T, doc map[string]any, indicator, category string) map[string]any {
	t.Helper()
	for _, a := range at(t, doc, "assessment").([]any) {
		m := a.(map[string]any)
		cat, _ := m["category"].(string)
		if m["indicator"] == indicator && cat == category {
			return m
		}
	}
	return nil
}

// targets --set replaces only the targets it names (rates written 80% or
// 0.8, a carrier's 分类 with its own slash, a set of 培训对象, 无 removing a
// default), the others stay, the figures use them, and the change is in
// the 操作记录.
func TestTargetsSetsSomeAndKeepsTheOthers(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "demo")
	year := demoYear()
	list := c.ok("--db", db, "targets", "--year", year).stdout
	for _, want := range []string{"指标\t分类\t目标值", "每校互派互聘人数\t—\t10", "中职升学率\t—\t60.0%", "校企合作协议覆盖率\t—\t80.0%",
		"产教融合载体数\t县域产教联合体/州市级\t1", "职业技能培训人次\t企业职工、社会人员\t2000"} {
		if !strings.Contains(list, want) {
			t.Errorf("targets list lacks %q:\n%s", want, list)
		}
	}
	audits := countWhere(t, db, "audit", "tbl = 'targets'")

	out := c.ok("--db", db, "targets", "--year", year,
		"--set", "校企合作协议覆盖率=90%",
		"--set", "中职升学率=0.65",
		"--set", "产教融合载体数/县域产教联合体/州市级=2",
		"--set", "产教融合载体数/乡村振兴学院/县级=1",
		"--set", "订单班数=20",
		"--set", "职业技能培训人次/社会人员、企业职工=5000", // the same set as 企业职工、社会人员
		"--set", "每校互派互聘人数=无").stdout
	for _, want := range []string{"校企合作协议覆盖率\t—\t90.0%", "中职升学率\t—\t65.0%", "产教融合载体数\t县域产教联合体/州市级\t2",
		"产教融合载体数\t乡村振兴学院/县级\t1", "订单班数\t—\t20", "职业技能培训人次\t企业职工、社会人员\t5000",
		"产教融合载体数\t现代产业学院/县级\t3", "现代学徒制学生数\t—\t60", "职业技能培训人次\t在校学生\t3000"} {
		if !strings.Contains(out, want) {
			t.Errorf("after --set the list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "每校互派互聘人数") {
		t.Errorf("每校互派互聘人数=无 left the target:\n%s", out)
	}
	if again := c.ok("--db", db, "targets", "--year", year).stdout; !strings.Contains(again, "订单班数\t—\t20") {
		t.Errorf("the targets set were not kept:\n%s", again)
	}

	doc := decode(t, c.ok("--db", db, "check", "--year", year, "--json").stdout)
	for _, w := range []struct {
		indicator, category string
		target              float64
	}{{"agreement_coverage", "", 0.9}, {"progression", "", 0.65}, {"carriers", "县域产教联合体/州市级", 2},
		{"carriers", "乡村振兴学院/县级", 1}, {"order_classes", "", 20}, {"training", "企业职工、社会人员", 5000}} {
		a := assessed(t, doc, w.indicator, w.category)
		if a == nil || a["target"] != w.target {
			t.Errorf("assessment of %s %s = %v, want target %v", w.indicator, w.category, a, w.target)
		}
	}
	if a := assessed(t, doc, "secondment", ""); a != nil {
		t.Errorf("the removed 互派互聘 target is still assessed: %v", a)
	}
	if n := countWhere(t, db, "audit", "tbl = 'targets'"); n != audits+1 {
		t.Errorf("%d 操作记录 entries for targets after one --set call, want %d", n, audits+1)
	}
}

// One bad --set refuses the whole call: exit 1, a Chinese message naming
// that argument, and the database file as it was.
func TestTargetsRefusesABadSetAsAWhole(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "demo")
	year := demoYear()
	before := fileState(t, db)
	for _, tc := range []struct{ bad, says string }{
		{"校企合作协议覆盖率=80", "写作 80% 或 0.8"},
		{"校企合作协议覆盖率=120%", "0% 至 100%"},
		{"订单班数=2.5", "不小于 0 的整数"},
		{"订单班数=-3", "不小于 0 的整数"},
		{"订单班数", "指标=值"},
		{"订单班数量=3", "没有指标“订单班数量”"},
		{"订单班数/冠名班=3", "不分类"},
		{"产教融合载体数=1", "载体类型/级别"},
		{"产教融合载体数/县域产教联合体/市级=1", "载体类型/级别"},
		{"优质学校数/未认定=1", "分类应为级别"},
		{"职业技能培训人次/学生=100", "培训对象“学生”"},
		{"职业技能培训人次/在校学生、企业职工=100", "重叠"}, // 在校学生 and 企业职工 each have a target of their own
		{"订单班数=7", "同一个目标"},              // with the good --set below
	} {
		r := c.expect(1, "--db", db, "targets", "--year", year, "--set", "订单班数=7", "--set", tc.bad, "--set", "现代学徒制学生数=1")
		if !strings.Contains(r.stderr, "“"+tc.bad+"”") || !strings.Contains(r.stderr, tc.says) {
			t.Errorf("--set %s: stderr %q does not name the argument and say %q", tc.bad, r.stderr, tc.says)
		}
		if !bytes.Equal(fileState(t, db), before) {
			t.Fatalf("a refused --set %s changed the database", tc.bad)
		}
	}
	if list := c.ok("--db", db, "targets", "--year", year).stdout; !strings.Contains(list, "订单班数\t—\t10") {
		t.Errorf("a refused call changed the targets:\n%s", list)
	}
	c.expect(2, "--db", db, "targets", "--set", "订单班数=7") // no --year
	c.expect(2, "--db", db, "targets", "--year", year, "extra")
}

// check's text shows the agreements, classes and carriers of the year.
func TestCheckPrintsMeasures(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "demo")
	out := c.ok("--db", db, "check", "--year", demoYear()).stdout
	for _, want := range []string{"校企合作协议：有效 21 份", "协议覆盖率：85.7%（6 / 7", "目标 80.0%，达标",
		"订单班：14 个班，392 人", "企业新型学徒制：2 个班", "县域产教联合体（州市级）：1 个", "乡村振兴学院（未认定）：1 个，其中本年新建 1 个"} {
		if !strings.Contains(out, want) {
			t.Errorf("check text lacks %q:\n%s", want, out)
		}
	}
}
