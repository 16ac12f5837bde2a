package workbook

// The sheets of measures.md: agreements, classes and carriers, and the
// retired 订单班人数 column of older workbooks.

import (
	"fmt"
	"slices"

	"chanjiao/store"
)

func (im *importer) buildAgreement(rr *rowReader) {
	var probe store.Agreement
	rr.text("学校标识码", &probe.SchoolCode)
	rr.text("统一社会信用代码", &probe.CreditCode)
	rr.text("协议名称", &probe.Name)
	rr.date("签订日期", &probe.Signed)
	key := probe.Key()
	old, exists := im.agreements[key]
	rec := old
	rec.SchoolCode, rec.CreditCode, rec.Name, rec.Signed = probe.SchoolCode, probe.CreditCode, probe.Name, probe.Signed
	rr.text("协议类型", &rec.Type)
	rr.date("到期日期", &rec.Expires)
	rr.items("合作内容", &rec.Contents)
	slices.SortStableFunc(rec.Contents, func(a, b string) int { // the order the store keeps them in
		return rank(a, store.CooperationContents) - rank(b, store.CooperationContents)
	})
	im.knownSchool(rr, "学校标识码", rec.SchoolCode)
	im.knownEnterprise(rr, "统一社会信用代码", rec.CreditCode)
	rr.problems(rec.Validate(im.tx.Ref()))
	rr.queue(key, "学校、企业、协议名称和签订日期", rec, old, exists, !rr.bad)
}

// rank is v's place in list, len(list) when it is not in it.
func rank(v string, list []string) int {
	if i := slices.Index(list, v); i >= 0 {
		return i
	}
	return len(list)
}

func (im *importer) buildClass(rr *rowReader) {
	var probe store.Class
	rr.text("学校标识码", &probe.SchoolCode)
	im.statYear(rr, &probe.Year)
	rr.text("班级名称", &probe.Name)
	key := probe.Key()
	old, exists := im.classes[key]
	rec := old
	rec.SchoolCode, rec.Year, rec.Name = probe.SchoolCode, probe.Year, probe.Name
	im.fileClasses[key] = true
	rr.text("培养类型", &rec.Type)
	rr.text("专业代码", &rec.MajorCode)
	rr.text("统一社会信用代码", &rec.CreditCode)
	rr.number("学生人数", &rec.Students)
	_, known := im.knownSchool(rr, "学校标识码", rec.SchoolCode)
	if rec.CreditCode != "" {
		im.knownEnterprise(rr, "统一社会信用代码", rec.CreditCode)
	}
	ps := rec.Validate(im.tx.Ref())
	major := majorKey(store.Major{SchoolCode: rec.SchoolCode, Year: rec.Year, Code: rec.MajorCode})
	if known && rec.Year != 0 && rec.MajorCode != "" && !im.majorKnown(major) {
		ps = append(ps, rec.MajorNotRun())
	}
	rr.problems(ps)
	im.classMajors[major] = true
	if rec.MajorCode != "" {
		rec.MajorCode = store.CatalogueCode(im.tx.Ref(), rec.MajorCode) // as PutClass stores it
	}
	if rr.queue(key, "学校、统计年度和班级名称", rec, old, exists, !rr.bad) {
		im.classes[key] = rec
		im.touch(major, rr.s.name, rr.r.num, "学生人数")
	}
}

// majorKnown reports whether the major (by majorKey) is in the database or
// on a row of this file.
func (im *importer) majorKnown(key string) bool {
	_, ok := im.majors[key]
	return ok || im.fileMajors[key]
}

func (im *importer) buildCarrier(rr *rowReader) {
	var probe store.Carrier
	rr.text("载体类型", &probe.Type)
	rr.text("载体名称", &probe.Name)
	key := probe.Key()
	old, exists := im.carriers[key]
	rec := old
	rec.Type, rec.Name = probe.Type, probe.Name
	rr.text("级别", &rec.Level)
	rr.number("认定年份", &rec.Recognized)
	rr.number("成立年份", &rec.Founded)
	rr.number("撤销年份", &rec.Revoked)
	rr.text("牵头学校标识码", &rec.LeadSchool)
	rr.items("成员学校", &rec.MemberSchools)
	rr.items("成员企业", &rec.MemberEnterprises)
	rr.text("备注", &rec.Note)
	slices.Sort(rec.MemberSchools) // as the store gives them back
	slices.Sort(rec.MemberEnterprises)
	im.knownSchool(rr, "牵头学校标识码", rec.LeadSchool)
	for _, s := range rec.MemberSchools {
		im.knownSchool(rr, "成员学校", s)
	}
	for _, e := range rec.MemberEnterprises {
		im.knownEnterprise(rr, "成员企业", e)
	}
	rr.problems(rec.Validate(im.tx.Ref()))
	rr.queue(key, "载体类型和载体名称", rec, old, exists, !rr.bad)
}

// refuseCountySheets refuses a school's file that fills a sheet of the
// unit's own records: carriers are the county's to record.
func (im *importer) refuseCountySheets() {
	if im.only == "" {
		return
	}
	for _, def := range Sheets {
		if s := im.sheets[def.Name]; def.countyOnly && s != nil && len(s.rows) > 0 {
			im.issues = append(im.issues, Issue{Sheet: def.Name, Message: "学校填报表不能填写本工作表（" + def.Name + "由教育局填写），请删除其中的行后再导入"})
			s.rows = nil
		}
	}
}

// statYear reads 统计年度, warning when a template's row names another year.
func (im *importer) statYear(rr *rowReader, dst *int) {
	rr.number("统计年度", dst)
	if im.year != 0 && *dst != 0 && *dst != im.year {
		rr.note("统计年度", fmt.Sprintf("统计年度 %d 与本填报表的年度 %d 不同，请核对", *dst, im.year), true)
	}
}

// legacyOrderClass is a 专业 row's retired 订单班人数, when > 0.
type legacyOrderClass struct {
	row      int
	major    store.Major
	students int
}

// legacyOrderClasses turns the retired 订单班人数 of an older workbook into
// classes as the migration does (measures.md): a value > 0 becomes an 订单班
// where the file has no class of that school, year and major; otherwise it
// is ignored. The sheet gets one warning saying so.
func (im *importer) legacyOrderClasses() {
	if s := im.sheets[SheetMajors]; s == nil || !s.has(ColumnLegacyOrderClass) {
		return
	}
	made := 0
	for _, l := range im.legacy {
		major := majorKey(l.major)
		if im.classMajors[major] {
			continue
		}
		c := store.LegacyOrderClassNamed(l.major, l.students, im.nameTakenFor(l.major))
		key := c.Key()
		if im.fileClasses[key] {
			continue // a class of the file has its name: the file's own class wins
		}
		if ps := c.Validate(im.tx.Ref()); len(ps) > 0 {
			im.issues = append(im.issues, Issue{Sheet: SheetMajors, Row: l.row, Column: ColumnLegacyOrderClass,
				Message: "无法按订单班人数生成订单班：" + ps[0].Message})
			continue
		}
		old, exists := im.classes[key]
		c.ID = old.ID
		im.queue(SheetClasses, l.row, key, c, old, exists)
		im.classes[key] = c
		im.touch(major, SheetMajors, l.row, ColumnLegacyOrderClass)
		made++
	}
	said := "本表没有需要转为班级的订单班人数"
	if made > 0 {
		said = fmt.Sprintf("本表大于 0 的订单班人数已生成 %d 个订单班（名为“专业名称订单班”）", made)
	}
	// on the column's header cell (row 1): the warning is about the column
	im.issues = append(im.issues, Issue{Sheet: SheetMajors, Row: 1, Column: ColumnLegacyOrderClass, Warning: true,
		Message: "“订单班人数”列已停用，订单班人数改由“订单班与学徒制”表中各班的学生人数合计。" + said + "；本工作簿已填写该专业班级的，以班级为准"})
}

// nameTakenFor says whether a class name of the major's school and year
// (of the database or made so far) belongs to a class of another major: two
// majors of one name then make two classes, and neither count is lost. A
// class of this major with the name is its own, made by an earlier import.
func (im *importer) nameTakenFor(m store.Major) func(string) bool {
	return func(name string) bool {
		c, ok := im.classes[store.Class{SchoolCode: m.SchoolCode, Year: m.Year, Name: name}.Key()]
		return ok && c.MajorCode != m.Code
	}
}

// touch remembers the first place of this file that bears on a major's
// classes, where an over-enrolment warning goes.
func (im *importer) touch(major, sheet string, row int, col string) {
	if _, ok := im.touched[major]; !ok {
		im.touched[major] = Issue{Sheet: sheet, Row: row, Column: col, Warning: true}
		im.touchOrder = append(im.touchOrder, major)
	}
}

// overEnrolled warns where, for one school, major and year, the classes
// other than 企业新型学徒制 (of this file and of the database) have more
// students than the major's 在校生数 (of this file or the database).
func (im *importer) overEnrolled() {
	for _, k := range im.majorOrder {
		im.touch(k, SheetMajors, im.majorRows[k], "在校生数")
	}
	sum := map[string]int{}
	for _, c := range im.classes {
		if c.Type != store.ClassEnterprise && c.MajorCode != "" {
			sum[majorKey(store.Major{SchoolCode: c.SchoolCode, Year: c.Year, Code: c.MajorCode})] += c.Students
		}
	}
	for _, k := range im.touchOrder {
		if m, ok := im.majors[k]; ok && sum[k] > m.Enrolled {
			w := im.touched[k]
			w.Message = store.ClassesOverEnrolled(sum[k], m.Enrolled)
			im.issues = append(im.issues, w)
		}
	}
}
