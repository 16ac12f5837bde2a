package workbook

// The sheets of issue 16 (measures.md): 师资, 获奖 and 政校企活动.

import "chanjiao/store"

func (im *importer) buildTeachers(rr *rowReader) {
	var probe store.Teachers
	rr.text("学校标识码", &probe.SchoolCode)
	im.statYear(rr, &probe.Year)
	key := probe.Key()
	old, exists := im.teachers[key]
	rec := old
	rec.SchoolCode, rec.Year = probe.SchoolCode, probe.Year
	rr.number("专任教师数", &rec.FullTime)
	rr.number("专业课教师数", &rec.Professional)
	rr.number("双师型教师数", &rec.Dual)
	rr.optNumber("兼职教师数", &rec.PartTime)
	im.knownSchool(rr, "学校标识码", rec.SchoolCode)
	rr.problems(rec.Validate(im.tx.Ref()))
	rr.queue(key, "学校和统计年度", rec, old, exists, !rr.bad)
}

func (im *importer) buildAward(rr *rowReader) {
	var probe store.Award
	rr.text("学校标识码", &probe.SchoolCode)
	rr.text("项目名称", &probe.Project)
	rr.text("获奖者", &probe.Winners)
	rr.date("获奖日期", &probe.Date)
	key := probe.Key()
	old, exists := im.awards[key]
	rec := old
	rec.SchoolCode, rec.Project, rec.Winners, rec.Date = probe.SchoolCode, probe.Project, probe.Winners, probe.Date
	rr.text("类别", &rec.Category)
	rr.text("级别", &rec.Level)
	rr.text("等次", &rec.Rank)
	rr.text("获奖对象", &rec.WinnerType)
	im.knownSchool(rr, "学校标识码", rec.SchoolCode)
	rr.problems(rec.Validate(im.tx.Ref()))
	rr.queue(key, "学校、项目名称、获奖者和获奖日期", rec, old, exists, !rr.bad)
}

func (im *importer) buildActivity(rr *rowReader) {
	var probe store.Activity
	rr.text("活动类型", &probe.Type)
	rr.date("日期", &probe.Date)
	rr.text("活动名称", &probe.Name)
	key := probe.Key()
	old, exists := im.activities[key]
	rec := old
	rec.Type, rec.Date, rec.Name = probe.Type, probe.Date, probe.Name
	rr.text("牵头单位", &rec.Lead)
	rr.optNumber("参加企业数", &rec.Enterprises)
	rr.optNumber("参加学校数", &rec.Schools)
	rr.optNumber("走访企业数", &rec.Visited)
	rr.text("备注", &rec.Note)
	rr.problems(rec.Validate(im.tx.Ref()))
	rr.queue(key, "活动类型、日期和活动名称", rec, old, exists, !rr.bad)
}

// loadStaff reads the 师资 rows, the awards and the unit's own activities,
// by natural key.
func (im *importer) loadStaff(unit string) error {
	ts, err := im.tx.TeacherRows(0)
	if err != nil {
		return err
	}
	for _, t := range ts {
		im.teachers[t.Key()] = t
	}
	as, err := im.tx.Awards(0)
	if err != nil {
		return err
	}
	for _, a := range as {
		im.awards[a.Key()] = a
	}
	acts, err := im.tx.Activities(0)
	if err != nil {
		return err
	}
	for _, a := range acts {
		if a.UnitCode == unit { // a lower unit's activity is its own, not this file's
			im.activities[a.Key()] = a
		}
	}
	return nil
}
