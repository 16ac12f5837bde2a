package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// check's text shows the 师资 against the 双师型 target (pooled and per
// school), 教师企业实践人次, the awards by 类别 and 级别, the activities by
// type with the enterprises visited, the periods a required meeting still
// lacks, and how the majors changed.
func TestCheckPrintsStaffAwardsAndActivities(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "demo")
	year := demoYear()
	out := c.ok("--db", db, "check", "--year", year).stdout
	lacks := func(out string, wants ...string) {
		t.Helper()
		for _, want := range wants {
			if !strings.Contains(out, want) {
				t.Errorf("check text lacks %q:\n%s", want, out)
			}
		}
	}
	lacks(out, "师资：专任教师 1061 人，专业课教师 764 人，双师型教师 477 人，兼职教师 192 人",
		"双师型教师占比：62.4%（477 / 764 名专业课教师），目标 50.0%，达标",
		"3653010004 楚雄市华兴职业技术学校：双师型 14 / 34 人，41.1%，未达标",
		"4153010002 楚雄职业技术学院：双师型 96 / 150 人，64.0%，达标",
		"教师企业实践：17 人次", "目标 20，未达标",
		"获奖：10 项", "技能大赛：国家级 1 项，省级 1 项，州市级 1 项，县级 1 项", "其他：国家级 1 项，县级 1 项",
		"目标（省级及以上）：5 / 4 项，达标",
		"走访企业：3 次，走访企业 19 家", "联席会议频次：2 / 2 个半年有活动，达标",
		"政校企交流会议频次：3 / 4 个季度有活动，未达标，第三季度尚无政校企交流会议",
		"政校企推进会议频次：2 / 2 个半年有活动，达标",
		"专业变化：招生 24 个，停止招生 0 个，撤销 0 个；本年新开设 0 个")

	// The year before held a 交流会议 every quarter; a target on a type
	// held once names every other period.
	var before int
	fmt.Sscan(year, &before)
	c.ok("--db", db, "targets", "--year", fmt.Sprint(before-1), "--set", "政校企活动频次/签约仪式=4")
	earlier := c.ok("--db", db, "check", "--year", fmt.Sprint(before-1)).stdout
	lacks(earlier, "政校企交流会议频次：4 / 4 个季度有活动，达标",
		"签约仪式频次：1 / 4 个季度有活动，未达标，第二季度、第三季度、第四季度尚无签约仪式")
	if strings.Contains(earlier, "尚无政校企交流会议") {
		t.Errorf("every quarter held a 交流会议, yet check says one lacks it:\n%s", earlier)
	}

	// A county without these records says so.
	empty := filepath.Join(t.TempDir(), "empty.db")
	c.ok("--db", empty, "init", "--unit", "532323", "--name", "牟定县", "--level", "county")
	none := c.ok("--db", empty, "check", "--year", year).stdout
	lacks(none, "师资：专任教师 0 人", "双师型教师占比：—", "教师企业实践：0 人次（", "获奖：0 项", "政校企活动：无")
}
