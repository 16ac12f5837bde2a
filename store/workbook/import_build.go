package workbook

import (
	"sort"
	"strings"

	"chanjiao/store"
)

// build turns each sheet's rows into records, in dependency order: a row may
// name the schools and enterprises of the sheets before it.
func (im *importer) build() {
	im.eachRow(SheetSchools, im.buildSchool)
	im.eachRow(SheetEnterprises, im.buildEnterprise)
	im.eachRow(SheetMajors, im.buildMajor)
	im.eachRow(SheetSecondments, im.buildSecondment)
	im.eachRow(SheetTrainings, im.buildTraining)
	im.eachRow(SheetAgreements, im.buildAgreement)
	im.eachRow(SheetClasses, im.buildClass)
	im.refuseCountySheets()
	im.eachRow(SheetCarriers, im.buildCarrier)
	im.eachRow(SheetTeachers, im.buildTeachers)
	im.eachRow(SheetAwards, im.buildAward)
	im.eachRow(SheetActivities, im.buildActivity)
	im.eachRow(SheetTargets, im.buildTarget)
	im.legacyOrderClasses()
	im.overEnrolled()
}

func (im *importer) buildSchool(rr *rowReader) {
	var code string
	rr.text("学校标识码", &code)
	im.ownSchool(rr, "学校标识码", code)
	old, exists := im.schools[code]
	rec := old
	rec.Code = code
	rr.text("学校名称", &rec.Name)
	rr.text("办学类型", &rec.Type)
	rr.text("所在区划代码", &rec.Region)
	rr.text("办学性质", &rec.Ownership)
	rr.text("优质学校等级", &rec.Quality)
	rr.text("联系人", &rec.Contact)
	rr.text("联系电话", &rec.Phone)
	rr.number("停办年份", &rec.ClosedYear)
	rr.problems(rec.Validate(im.tx.Ref()))
	if rr.queue(code, "学校标识码 "+code, rec, old, exists, code != "") {
		im.schools[code] = rec
	}
}

func (im *importer) buildEnterprise(rr *rowReader) {
	var code string
	rr.text("统一社会信用代码", &code)
	old, exists := im.enterprises[code]
	rec := old
	rec.CreditCode = code
	rr.text("企业名称", &rec.Name)
	rr.text("所属行业", &rec.Industry)
	rr.text("产教融合型企业等级", &rec.Grade)
	rr.text("所在区划代码", &rec.Region)
	rr.text("联系人", &rec.Contact)
	rr.text("联系电话", &rec.Phone)
	if len(rec.Industry) == 1 {
		rec.Industry = strings.ToUpper(rec.Industry) // a 门类 letter
	}
	rr.problems(rec.Validate(im.tx.Ref()))
	if rr.queue(code, "统一社会信用代码 "+code, rec, old, exists, code != "") {
		im.enterprises[code] = rec
	}
}

func (im *importer) buildMajor(rr *rowReader) {
	var probe store.Major
	rr.text("学校标识码", &probe.SchoolCode)
	im.statYear(rr, &probe.Year)
	rr.text("专业代码", &probe.Code)
	key := majorKey(probe)
	if probe.SchoolCode != "" && probe.Year != 0 && probe.Code != "" {
		im.fileMajors[key] = true
	}
	old, exists := im.majors[key]
	rec := old
	rec.SchoolCode, rec.Year, rec.Code = probe.SchoolCode, probe.Year, probe.Code
	rr.text("专业名称", &rec.Name)
	rr.number("开设年份", &rec.OpenedYear)
	rr.text("状态", &rec.Status)
	rr.number("在校生数", &rec.Enrolled)
	rr.number("毕业生数", &rec.Graduates)
	rr.number("升学人数", &rec.Progressed)
	rr.text("贯通培养", &rec.Through)
	rr.text("优质专业等级", &rec.Quality)
	if rr.s.has("合作企业") {
		rec.Enterprises = im.enterpriseList(rr, "合作企业")
	}
	rec.SchoolType, _ = im.knownSchool(rr, "学校标识码", rec.SchoolCode)
	rr.problems(rec.Validate(im.tx.Ref()))
	var legacy int
	rr.number(ColumnLegacyOrderClass, &legacy)
	rec.Code = store.CatalogueCode(im.tx.Ref(), rec.Code)
	if rr.queue(key, "学校、统计年度和专业代码", rec, old, exists, !rr.bad && rec.SchoolCode != "" && rec.Code != "") {
		im.majors[key] = rec
		im.majorRows[key] = rr.r.num
		im.majorOrder = append(im.majorOrder, key)
		if legacy > 0 {
			im.legacy = append(im.legacy, legacyOrderClass{row: rr.r.num, major: rec, students: legacy})
		}
	}
}

// enterpriseList reads a cell of credit codes separated by ; or , (either
// width), each a known enterprise, sorted.
func (im *importer) enterpriseList(rr *rowReader, col string) []string {
	var out []string
	sep := func(r rune) bool { return r == ';' || r == '；' || r == ',' || r == '，' }
	for _, c := range strings.FieldsFunc(rr.s.get(rr.r, col).raw, sep) {
		if c = normCode(trim(c)); c != "" && im.knownEnterprise(rr, col, c) {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

func (im *importer) buildSecondment(rr *rowReader) {
	var probe store.Secondment
	rr.text("学校标识码", &probe.SchoolCode)
	rr.text("统一社会信用代码", &probe.CreditCode)
	rr.text("姓名", &probe.Name)
	rr.date("开始日期", &probe.Start)
	key := probe.Key()
	old, exists := im.secondments[key]
	rec := old
	rec.SchoolCode, rec.CreditCode, rec.Name, rec.Start = probe.SchoolCode, probe.CreditCode, probe.Name, probe.Start
	rr.text("性别", &rec.Gender)
	rr.text("身份证号", &rec.IDNumber)
	rr.text("方向", &rec.Direction)
	rr.text("岗位类型", &rec.Post)
	rr.date("结束日期", &rec.End)
	rr.text("备注", &rec.Note)
	rr.text("人员标识", &rec.PersonKey)
	im.knownSchool(rr, "学校标识码", rec.SchoolCode)
	im.knownEnterprise(rr, "统一社会信用代码", rec.CreditCode)
	rr.problems(rec.Validate(im.tx.Ref()))
	rr.queue(key, "学校、企业、姓名和开始日期", rec, old, exists, !rr.bad && !rec.Start.IsZero())
}

func (im *importer) buildTraining(rr *rowReader) {
	var probe store.Training
	rr.text("承办学校标识码", &probe.SchoolCode)
	rr.text("项目名称", &probe.Name)
	rr.text("培训对象", &probe.Category)
	rr.date("开始日期", &probe.Start)
	key := probe.Key()
	old, exists := im.trainings[key]
	rec := old
	rec.SchoolCode, rec.Name, rec.Category, rec.Start = probe.SchoolCode, probe.Name, probe.Category, probe.Start
	rr.number("培训人次", &rec.Count)
	rr.number("学时", &rec.Hours)
	rr.date("结束日期", &rec.End)
	rr.text("合作企业", &rec.CreditCode)
	im.knownSchool(rr, "承办学校标识码", rec.SchoolCode)
	if rec.CreditCode != "" {
		im.knownEnterprise(rr, "合作企业", rec.CreditCode)
	}
	rr.problems(rec.Validate(im.tx.Ref()))
	rr.queue(key, "学校、项目名称、培训对象和开始日期", rec, old, exists, !rr.bad && !rec.Start.IsZero())
}

// knownSchool checks a school reference; it returns the school's type.
func (im *importer) knownSchool(rr *rowReader, col, code string) (string, bool) {
	if code == "" || !im.ownSchool(rr, col, code) {
		return "", false
	}
	sc, ok := im.schools[code]
	if !ok {
		rr.fail(col, "学校标识码 "+code+" 既不在本工作簿的“学校”表中，也不在数据库中")
	}
	return sc.Type, ok
}

func (im *importer) knownEnterprise(rr *rowReader, col, code string) bool {
	if code == "" {
		return false
	}
	if _, ok := im.enterprises[code]; !ok {
		rr.fail(col, "统一社会信用代码 "+code+" 既不在本工作簿的“合作企业”表中，也不在数据库中")
		return false
	}
	return true
}

// limit makes the importer refuse rows of any school but only.
func (im *importer) limit(only string, tmpl *TemplateInfo) {
	im.only = only
	if only == "" {
		return
	}
	if tmpl != nil && tmpl.School == only {
		im.onlyName, im.year = tmpl.SchoolName, tmpl.Year
	}
	if s, ok := im.schools[only]; ok && im.onlyName == "" {
		im.onlyName = s.Name
	}
}

// ownSchool reports whether code is the school the file may touch, noting an
// error on the row when it is not.
func (im *importer) ownSchool(rr *rowReader, col, code string) bool {
	if im.only == "" || code == "" || code == im.only {
		return true
	}
	who := im.only
	if im.onlyName != "" {
		who = "“" + im.onlyName + "”（" + im.only + "）"
	}
	rr.fail(col, "本工作簿是"+who+"的填报表，只能填写本校的记录，不能填写学校标识码 "+code+" 的记录")
	return false
}

// fileSchools lists the 学校标识码 the rows of the file name: the values of
// each sheet's school column.
func fileSchools(sheets map[string]*sheet) []string {
	set := map[string]bool{}
	for _, def := range Sheets {
		s := sheets[def.Name]
		if s == nil {
			continue
		}
		for _, c := range def.Columns {
			if c.school && s.has(c.Header) {
				for _, r := range s.rows {
					if code := schoolCode(s.get(r, c.Header)); code != "" {
						set[code] = true
					}
				}
			}
		}
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// schoolCode is a school code cell as a code, "" when it holds none.
func schoolCode(c cell) string {
	if c.numeric {
		code, _ := numberText(c.raw)
		return code
	}
	return normCode(c.raw)
}
