package workbook_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/storetest"
	"chanjiao/store/workbook"
)

// The sheets of measures.md (issue 15): 校企合作协议, 订单班与学徒制 and
// 产教融合载体, and the retired 订单班人数 column of the 专业 sheet.

// measuresBase are the schools, enterprises and majors the measures' rows
// name: school A (中职, major 710201 with 200 students) and school H (高职,
// major 510201 with 150), enterprises 1 and 2.
func measuresBase() []sheetRows {
	return []sheetRows{
		{"学校", [][]any{hSchools,
			{schoolA, "甲校", "中等职业学校", "532323", "公办"},
			{schoolH, "乙校", "高职专科", "532323", "公办"},
		}},
		{"合作企业", [][]any{hEnterprises, {ent1, "甲公司"}, {ent2, "乙公司"}}},
		{"专业", [][]any{hMajors,
			{schoolA, 2025, "710201", "计算机应用", nil, "招生", 200, 60, 40},
			{schoolH, 2025, "510201", "计算机应用技术", nil, "招生", 150, 50, 10},
		}},
	}
}

// Good rows of each sheet, row 2 of a case's book.
var (
	goodAgreement = []any{schoolA, ent1, "校企合作协议", "合作协议", d(2025, 3, 1), nil, "订单培养"}
	goodClass     = []any{schoolA, 2025, "汽修订单班", "订单班", "710201", ent1, 30}
	goodCarrier   = []any{"县域产教联合体", "牟定县产教联合体", "县级", 2025, 2024, nil, schoolA, schoolA, ent1, ""}
)

func TestMeasuresRichBookStoresEveryColumn(t *testing.T) {
	db := openDB(t)
	res := importOK(t, db, richBook(t))
	for sheet, n := range map[string]int{"校企合作协议": 2, "订单班与学徒制": 3, "产教融合载体": 2} {
		if res.Added[sheet] != n {
			t.Errorf("%s added %d, want %d (%s)", sheet, res.Added[sheet], n, res.Summary())
		}
	}
	c := readAll(t, db)
	a := onlyOne(t, c.Agreements, "the 合作协议", func(a store.Agreement) bool { return a.Type == store.AgreementFormal })
	if a.SchoolCode != schoolA || a.CreditCode != ent1 || a.Name != "共建汽修实训基地协议" || !a.Signed.Equal(d(2024, 9, 1)) ||
		!a.Expires.Equal(d(2027, 8, 31)) || strings.Join(a.Contents, ",") != "订单培养,共建实训基地,实习实训" {
		t.Errorf("agreement = %+v", a)
	}
	i := onlyOne(t, c.Agreements, "the 意向书", func(a store.Agreement) bool { return a.Type == store.AgreementIntent })
	if !i.Signed.Equal(d(2025, 3, 15)) || !i.Expires.IsZero() || len(i.Contents) != 0 {
		t.Errorf("letter of intent = %+v", i)
	}
	apprentices := onlyOne(t, c.Classes, "the apprenticeship", func(c store.Class) bool { return c.Type == store.ClassEnterprise })
	if apprentices.MajorCode != "" || apprentices.CreditCode != ent1 || apprentices.Students != 25 || apprentices.Year != 2025 {
		t.Errorf("企业新型学徒制 = %+v", apprentices)
	}
	directed := onlyOne(t, c.Classes, "the 定向班", func(c store.Class) bool { return c.Type == store.ClassDirected })
	if directed.SchoolCode != schoolH || directed.MajorCode != "510201" || directed.CreditCode != "" || directed.Students != 12 {
		t.Errorf("定向班 = %+v", directed)
	}
	u := onlyOne(t, c.Carriers, "the 联合体", func(c store.Carrier) bool { return c.Name == "牟定县产教联合体" })
	if u.UnitCode != testUnit.Code || u.Type != "县域产教联合体" || u.Level != "州市级" || u.Recognized != 2024 || u.Founded != 2023 ||
		u.Revoked != 0 || u.LeadSchool != schoolA || !reflect.DeepEqual(u.MemberSchools, []string{schoolA, schoolH}) ||
		!reflect.DeepEqual(u.MemberEnterprises, []string{ent2, ent1}) || u.Note != "县政府牵头" {
		t.Errorf("carrier = %+v", u)
	}
	p := onlyOne(t, c.Carriers, "the 产业学院", func(c store.Carrier) bool { return c.Name == "滇中汽车产业学院" })
	if p.Level != store.GradeUnrecognized || p.Recognized != 0 || p.Revoked != 2030 {
		t.Errorf("carrier = %+v", p)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings:%s", issuesText(res.Warnings))
	}

	// the natural keys: the same file again changes nothing
	before := dump(t, db, true)
	res = importOK(t, db, richBook(t))
	for _, s := range []string{"校企合作协议", "订单班与学徒制", "产教融合载体"} {
		if res.Added[s]+res.Updated[s] != 0 || res.Unchanged[s] == 0 {
			t.Errorf("re-import %s: %s", s, res.Summary())
		}
	}
	if dump(t, db, true) != before {
		t.Error("re-importing the same file changed the database")
	}
}

// Every rule of the three sheets, each broken on row 3 of a book whose
// other rows are good: the errors are exactly the cells that break it, and
// the database is left byte for byte as it was.
func TestMeasuresRulesAreLocatedErrors(t *testing.T) {
	long := strings.Repeat("长", 10)
	cases := []struct {
		name  string
		sheet string
		rows  [][]any // after the header and the good row 2
		want  []string
	}{
		{"agreement: no school", "校企合作协议", [][]any{{"", ent1, "协议", "合作协议", d(2025, 3, 1)}}, []string{"3|学校标识码"}},
		{"agreement: unknown school", "校企合作协议", [][]any{{"3653009999", ent1, "协议", "合作协议", d(2025, 3, 1)}}, []string{"3|学校标识码"}},
		{"agreement: no enterprise", "校企合作协议", [][]any{{schoolA, "", "协议", "合作协议", d(2025, 3, 1)}}, []string{"3|统一社会信用代码"}},
		{"agreement: unknown enterprise", "校企合作协议", [][]any{{schoolA, "91532300MA6K000001", "协议", "合作协议", d(2025, 3, 1)}}, []string{"3|统一社会信用代码"}},
		{"agreement: no name", "校企合作协议", [][]any{{schoolA, ent1, "", "合作协议", d(2025, 3, 1)}}, []string{"3|协议名称"}},
		{"agreement: type", "校企合作协议", [][]any{{schoolA, ent1, "协议", "框架协议", d(2025, 3, 1)}}, []string{"3|协议类型"}},
		{"agreement: no date", "校企合作协议", [][]any{{schoolA, ent1, "协议", "合作协议", nil}}, []string{"3|签订日期"}},
		{"agreement: bad date", "校企合作协议", [][]any{{schoolA, ent1, "协议", "合作协议", "2025-02-30"}}, []string{"3|签订日期"}},
		{"agreement: expires first", "校企合作协议", [][]any{{schoolA, ent1, "协议", "合作协议", d(2025, 3, 1), "2025/2/28"}}, []string{"3|到期日期"}},
		{"agreement: content", "校企合作协议", [][]any{{schoolA, ent1, "协议", "合作协议", d(2025, 3, 1), nil, "订单培养;捐赠设备"}}, []string{"3|合作内容"}},
		{"agreement: content twice", "校企合作协议", [][]any{{schoolA, ent1, "协议", "合作协议", d(2025, 3, 1), nil, "订单培养、订单培养"}}, []string{"3|合作内容"}},
		{"agreement: same key", "校企合作协议", [][]any{{schoolA, ent1, "校企合作协议", "合作意向书", "2025年3月1日"}}, []string{"3|"}},

		{"class: unknown school", "订单班与学徒制", [][]any{{"3653009999", 2025, "班", "订单班", "710201", ent1, 10}}, []string{"3|学校标识码"}},
		{"class: no year", "订单班与学徒制", [][]any{{schoolA, nil, "班", "订单班", "710201", ent1, 10}}, []string{"3|统计年度"}},
		{"class: bad year", "订单班与学徒制", [][]any{{schoolA, "今年", "班", "订单班", "710201", ent1, 10}}, []string{"3|统计年度"}},
		{"class: no name", "订单班与学徒制", [][]any{{schoolA, 2025, "", "订单班", "710201", ent1, 10}}, []string{"3|班级名称"}},
		{"class: type", "订单班与学徒制", [][]any{{schoolA, 2025, "班", "实验班", "710201", ent1, 10}}, []string{"3|培养类型"}},
		{"class: no major", "订单班与学徒制", [][]any{{schoolA, 2025, "班", "冠名班", "", ent1, 10}}, []string{"3|专业代码"}},
		{"class: another school's major", "订单班与学徒制", [][]any{{schoolA, 2025, "班", "订单班", "510201", ent1, 10}}, []string{"3|专业代码"}},
		{"class: the major of another year", "订单班与学徒制", [][]any{{schoolA, 2024, "班", "订单班", "710201", ent1, 10}}, []string{"3|专业代码"}},
		{"class: unknown enterprise", "订单班与学徒制", [][]any{{schoolA, 2025, "班", "订单班", "710201", "91532300MA6K000001", 10}}, []string{"3|统一社会信用代码"}},
		{"class: no students", "订单班与学徒制", [][]any{{schoolA, 2025, "班", "订单班", "710201", ent1, nil}}, []string{"3|学生人数"}},
		{"class: zero students", "订单班与学徒制", [][]any{{schoolA, 2025, "班", "订单班", "710201", ent1, 0}}, []string{"3|学生人数"}},
		{"class: students not a number", "订单班与学徒制", [][]any{{schoolA, 2025, "班", "订单班", "710201", ent1, "三十"}}, []string{"3|学生人数"}},
		{"class: same key", "订单班与学徒制", [][]any{{schoolA, 2025, "汽修订单班", "冠名班", "710201", ent2, 5}}, []string{"3|"}},

		{"carrier: type", "产教融合载体", [][]any{{"产教园", "园区", "县级", 2025, 2025}}, []string{"3|载体类型"}},
		{"carrier: no name", "产教融合载体", [][]any{{"现代产业学院", "", "县级", 2025, 2025}}, []string{"3|载体名称"}},
		{"carrier: level", "产教融合载体", [][]any{{"现代产业学院", "学院", "市级", 2025, 2025}}, []string{"3|级别"}},
		{"carrier: recognised without a year", "产教融合载体", [][]any{{"现代产业学院", "学院", "省级", nil, 2025}}, []string{"3|认定年份"}},
		{"carrier: recognised before founded", "产教融合载体", [][]any{{"现代产业学院", "学院", "省级", 2023, 2024}}, []string{"3|认定年份"}},
		{"carrier: no founding year", "产教融合载体", [][]any{{"现代产业学院", "学院", "未认定", nil, nil}}, []string{"3|成立年份"}},
		{"carrier: bad founding year", "产教融合载体", [][]any{{"现代产业学院", "学院", "未认定", nil, 1999}}, []string{"3|成立年份"}},
		{"carrier: revoked when founded", "产教融合载体", [][]any{{"现代产业学院", "学院", "未认定", nil, 2024, 2024}}, []string{"3|撤销年份"}},
		{"carrier: unknown lead school", "产教融合载体", [][]any{{"现代产业学院", "学院", "未认定", nil, 2024, nil, "3653009999"}}, []string{"3|牵头学校标识码"}},
		{"carrier: unknown member school", "产教融合载体", [][]any{{"现代产业学院", "学院", "未认定", nil, 2024, nil, "", schoolA + "；3653009999"}}, []string{"3|成员学校"}},
		{"carrier: member school twice", "产教融合载体", [][]any{{"现代产业学院", "学院", "未认定", nil, 2024, nil, "", schoolA + "、" + schoolA}}, []string{"3|成员学校"}},
		{"carrier: unknown member enterprise", "产教融合载体", [][]any{{"现代产业学院", "学院", "未认定", nil, 2024, nil, "", "", ent1 + ";91532300MA6K000001"}}, []string{"3|成员企业"}},
		{"carrier: same key", "产教融合载体", [][]any{{"县域产教联合体", "牟定县产教联合体", "未认定", nil, 2025}}, []string{"3|"}},
		{"carrier: two rows, two errors", "产教融合载体", [][]any{{"现代产业学院", long, "省级", nil, 2025}, {"其他", "别的", "国家级", 2025, 2026}},
			[]string{"3|认定年份", "4|认定年份"}},
	}
	db := openDB(t)
	importOK(t, db, writeBook(t, measuresBase()...)) // the database holds the base records too
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sheets := map[string][][]any{
				"校企合作协议":  {hAgreements, goodAgreement},
				"订单班与学徒制": {hClasses, goodClass},
				"产教融合载体":  {hCarriers, goodCarrier},
			}
			sheets[tc.sheet] = append(sheets[tc.sheet], tc.rows...)
			book := append(measuresBase(), sheetRows{"校企合作协议", sheets["校企合作协议"]},
				sheetRows{"订单班与学徒制", sheets["订单班与学徒制"]}, sheetRows{"产教融合载体", sheets["产教融合载体"]})
			var want []string
			for _, w := range tc.want {
				want = append(want, tc.sheet+"|"+w)
			}
			refusedAt(t, db, writeBook(t, book...), want)
		})
	}
}

// What the rules let through: a 企业新型学徒制 without a major, a class of a
// major only the database holds, a 定向班 without an enterprise, a carrier
// 未认定 without a 认定年份, and list cells split on ;, ； and 、.
func TestMeasuresRulesAcceptWhatTheSpecAllows(t *testing.T) {
	db := openDB(t)
	importOK(t, db, writeBook(t, measuresBase()...))
	res := importOK(t, db, writeBook(t,
		sheetRows{"订单班与学徒制", [][]any{hClasses,
			{schoolA, 2025, "新型学徒制", "企业新型学徒制", nil, ent1, 500},
			{schoolH, 2025, "定向班", "定向班", "510201", nil, 20},
		}},
		sheetRows{"产教融合载体", [][]any{hCarriers,
			{"行业产教融合共同体", "共同体", "未认定", nil, 2025, nil, nil, schoolA + ";" + schoolH, ent1 + "；" + ent2},
		}},
		sheetRows{"校企合作协议", [][]any{hAgreements,
			{schoolH, ent2, "意向", "合作意向书", "2025.6.1", nil, "技术服务;职工培训；其他、师资互派"},
		}},
	))
	if len(res.Warnings) != 0 {
		t.Errorf("warnings:%s", issuesText(res.Warnings))
	}
	c := readAll(t, db)
	if len(c.Classes) != 2 || len(c.Carriers) != 1 || len(c.Agreements) != 1 {
		t.Fatalf("stored %d classes, %d carriers, %d agreements; want 2, 1, 1", len(c.Classes), len(c.Carriers), len(c.Agreements))
	}
	if got := c.Carriers[0]; len(got.MemberSchools) != 2 || len(got.MemberEnterprises) != 2 {
		t.Errorf("carrier members = %v %v, want two of each", got.MemberSchools, got.MemberEnterprises)
	}
	if got := strings.Join(c.Agreements[0].Contents, ","); got != "师资互派,技术服务,职工培训,其他" {
		t.Errorf("合作内容 = %s, want four, in the list's order", got)
	}
}

// A school's file holds only that school's agreements and classes, and no
// carriers at all: they are the county's.
func TestMeasuresOfASchoolsFile(t *testing.T) {
	db := openDB(t)
	importOK(t, db, writeBook(t, measuresBase()...))
	path := writeBook(t,
		sheetRows{"校企合作协议", [][]any{hAgreements, goodAgreement, {schoolH, ent1, "他校协议", "合作协议", d(2025, 3, 1)}}},
		sheetRows{"订单班与学徒制", [][]any{hClasses, goodClass, {schoolH, 2025, "他校班", "定向班", "510201", nil, 10}}},
		sheetRows{"产教融合载体", [][]any{hCarriers, goodCarrier}},
	)
	before := dbState(t, db)
	_, err := workbook.ImportWith(context.Background(), db, path, workbook.ImportOptions{OnlySchool: schoolA})
	re := refused(t, err)
	sameList(t, "errors", locs(re.Issues, false), []string{"校企合作协议|3|学校标识码", "订单班与学徒制|3|学校标识码", "产教融合载体|0|"}, re.Issues)
	if dbState(t, db) != before {
		t.Error("a refused file changed the database")
	}
	res := importOK(t, db, path) // the county's own import takes it all
	if res.Added["产教融合载体"] != 1 || res.Added["校企合作协议"] != 2 || res.Added["订单班与学徒制"] != 2 {
		t.Errorf("county import: %s", res.Summary())
	}
}

// The over-enrolment warning: for one school, major and year, the students
// of its classes other than 企业新型学徒制 (of the file and the database)
// add up to more than the major's 在校生数 (of the file or the database).
func TestMeasuresClassesOverEnrolledWarn(t *testing.T) {
	db := openDB(t)
	importOK(t, db, writeBook(t, measuresBase()...)) // 710201 has 200 students
	classes := func(rows ...[]any) string {
		return writeBook(t, sheetRows{"订单班与学徒制", append([][]any{hClasses}, rows...)})
	}
	warnings := func(path string) []workbook.Issue {
		t.Helper()
		var out []workbook.Issue
		for _, w := range importOK(t, db, path).Warnings {
			if strings.Contains(w.Message, "多于专业在校生数") {
				out = append(out, w)
			}
		}
		return out
	}
	// exactly 200, and a 企业新型学徒制 of the major besides: no warning
	if w := warnings(classes(
		[]any{schoolA, 2025, "一班", "订单班", "710201", ent1, 120},
		[]any{schoolA, 2025, "二班", "现代学徒制", "710201", ent1, 80},
		[]any{schoolA, 2025, "三班", "企业新型学徒制", "710201", ent1, 300},
	)); len(w) != 0 {
		t.Errorf("200 of 200 warned:%s", issuesText(w))
	}
	// one more student in a new class, the others in the database: a warning on its cell
	w := warnings(classes([]any{schoolH, 2025, "定向班", "定向班", "510201", nil, 1}, []any{schoolA, 2025, "四班", "冠名班", "710201", nil, 1}))
	if len(w) != 1 || loc(w[0]) != "订单班与学徒制|3|学生人数" || w[0].Message != store.ClassesOverEnrolled(201, 200) {
		t.Errorf("201 of 200: warnings %s, want one on 订单班与学徒制 3 学生人数 saying %q", issuesText(w), store.ClassesOverEnrolled(201, 200))
	}
	// the major's 在校生数 lowered by a file without classes: the warning is on its cell
	w = warnings(writeBook(t, sheetRows{"专业", [][]any{hMajors, {schoolA, 2025, "710201", "计算机应用", nil, "招生", 150, 60, 40}}}))
	if len(w) != 1 || loc(w[0]) != "专业|2|在校生数" || w[0].Message != store.ClassesOverEnrolled(201, 150) {
		t.Errorf("201 of 150: warnings %s, want one on 专业 2 在校生数", issuesText(w))
	}
}

// An older workbook's 订单班人数 (measures.md): one warning for the sheet; a
// value > 0 becomes the class the migration makes where the file has no
// class of that school, year and major; 0, empty, or such a class: ignored.
func TestLegacyOrderClassColumn(t *testing.T) {
	legacy := append(append([]any{}, hMajors...), workbook.ColumnLegacyOrderClass)
	path := writeBook(t,
		sheetRows{"学校", [][]any{hSchools, {schoolA, "甲校", "中等职业学校", "532323", "公办"}}},
		sheetRows{"合作企业", [][]any{hEnterprises, {ent1, "甲公司"}, {ent2, "乙公司"}}},
		sheetRows{"专业", [][]any{legacy,
			{schoolA, 2025, "710201", "计算机应用", nil, "招生", 200, 60, 40, "", "", ent1 + ";" + ent2, 35}, // becomes a class
			{schoolA, 2025, "740101", "旅游服务与管理", nil, "招生", 100, 0, 0, "", "", "", 0},                 // 0: nothing
			{schoolA, 2025, "720201", "护理", nil, "招生", 100, 0, 0, "", "", "", nil},                    // empty: nothing
			{schoolA, 2025, "730701", "电子商务", nil, "招生", 100, 0, 0, "", "", ent1, 30},                 // the file has its class
			{schoolA, 2024, "710201", "计算机应用", nil, "招生", 180, 50, 30, "", "", "", 12},                // another year: a class
		}},
		sheetRows{"订单班与学徒制", [][]any{hClasses, {schoolA, 2025, "电商学徒班", "现代学徒制", "730701", ent1, 25}}},
	)
	db := openDB(t)
	res := importOK(t, db, path)
	var legacyWarnings []workbook.Issue
	for _, w := range res.Warnings {
		if w.Column == workbook.ColumnLegacyOrderClass {
			legacyWarnings = append(legacyWarnings, w)
		}
	}
	if len(legacyWarnings) != 1 || loc(legacyWarnings[0]) != "专业|1|订单班人数" || !strings.Contains(legacyWarnings[0].Message, "已停用") {
		t.Errorf("warnings on 订单班人数: %s, want one for the sheet saying it is retired", issuesText(legacyWarnings))
	}
	if res.Added["订单班与学徒制"] != 3 {
		t.Errorf("classes added %d, want 3 (two made from 订单班人数, one of the file): %s", res.Added["订单班与学徒制"], res.Summary())
	}
	c := readAll(t, db)
	majors := map[string]store.Major{}
	for _, m := range c.Majors {
		majors[fmt.Sprint(m.Year, m.Code)] = m
	}
	want := []store.Class{
		store.LegacyOrderClass(majors["2024710201"], 12),
		{SchoolCode: schoolA, Year: 2025, Name: "电商学徒班", Type: store.ClassApprentice, MajorCode: "730701", CreditCode: ent1, Students: 25},
		store.LegacyOrderClass(majors["2025710201"], 35),
	}
	got := c.Classes
	for i := range got {
		got[i].ID = 0
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("classes =\n%+v\nwant\n%+v", got, want)
	}
	if want[2].Name != "计算机应用订单班" || want[2].CreditCode != ent2 || want[2].Type != store.ClassOrder {
		t.Errorf("LegacyOrderClass = %+v, want 计算机应用订单班 with the lower credit code", want[2])
	}
	if f := figures(t, db, 2025); f.OrderClassStudents != 35 {
		t.Errorf("order_class_students = %d, want 35", f.OrderClassStudents)
	}

	// the same old file again: the classes it made are unchanged
	before := dump(t, db, true)
	res = importOK(t, db, path)
	if res.Unchanged["订单班与学徒制"] != 3 || res.Added["订单班与学徒制"]+res.Updated["订单班与学徒制"] != 0 {
		t.Errorf("second import: %s", res.Summary())
	}
	if dump(t, db, true) != before {
		t.Error("importing the old file again changed the database")
	}

	// a bad 订单班人数 is an error of its cell, and the rule on other counts holds
	_, err := workbook.Import(context.Background(), db, writeBook(t, sheetRows{"专业", [][]any{legacy,
		{schoolA, 2025, "710201", "计算机应用", nil, "招生", 200, 60, 40, "", "", "", "许多"}}}))
	sameList(t, "a bad 订单班人数", locs(refused(t, err).Issues, false), []string{"专业|2|订单班人数"}, refused(t, err).Issues)

	// a workbook without the column: no warning
	res = importOK(t, db, writeBook(t, measuresBase()[:1]...))
	for _, w := range res.Warnings {
		if w.Column == workbook.ColumnLegacyOrderClass {
			t.Errorf("a workbook without 订单班人数 warned: %s", w)
		}
	}
}

// A database with every record type (the demo county, which has agreements,
// classes of every kind and carriers at several levels) exported and
// imported into a fresh database with the same unit gives the
// same `check --json` figures; imported into its own database it changes
// nothing.
func TestEveryRecordTypeRoundTrips(t *testing.T) {
	ctx := context.Background()
	db := storetest.Demo(t)
	year := storetest.Now.Year() - 1
	var unit store.Unit
	err := db.Update(ctx, func(tx *store.Tx) (err error) {
		if unit, err = tx.Unit(); err != nil {
			return err
		}
		// the targets of issue 16 changed, one default removed: the 目标
		// sheet carries them all
		targets, err := tx.Targets(year)
		if err != nil {
			return err
		}
		targets = slices.DeleteFunc(targets, func(t store.Target) bool {
			return slices.Contains([]string{store.IndSecondment, store.IndDualQualified, store.IndAwards, store.IndActivities}, t.Indicator)
		})
		return tx.SetTargets(year, append(targets,
			store.Target{Year: year, Indicator: store.IndDualQualified, Value: 0.55},
			store.Target{Year: year, Indicator: store.IndAwards, Categories: []string{store.GradeProvince}, Value: 2},
			store.Target{Year: year, Indicator: store.IndActivities, Categories: []string{store.ActivityJoint}, Value: 2}))
	})
	if err != nil {
		t.Fatal(err)
	}
	before := figures(t, db, year)
	for _, ind := range []string{store.IndDualQualified, store.IndAwards, store.IndActivities} {
		if !slices.ContainsFunc(before.Assessment, func(a store.Assessed) bool { return a.Indicator == ind }) {
			t.Fatalf("no %s in the assessment: %+v", ind, before.Assessment)
		}
	}
	if slices.ContainsFunc(before.Assessment, func(a store.Assessed) bool { return a.Indicator == store.IndSecondment }) {
		t.Fatal("the removed 每校互派互聘人数 target is still assessed")
	}
	if before.Agreements.InForce == 0 || len(before.Carriers) < 2 || before.OrderClassStudents == 0 {
		t.Fatalf("the demo lacks agreements, carriers or classes: %+v %+v %d", before.Agreements, before.Carriers, before.OrderClassStudents)
	}
	if before.Teachers.Professional == 0 || before.Teachers.PartTime == 0 || len(before.Awards) == 0 || len(before.Activities) == 0 {
		t.Fatalf("the demo lacks 师资 (with 兼职教师数), awards or activities: %+v %+v %+v", before.Teachers, before.Awards, before.Activities)
	}
	for _, typ := range store.ClassTypes {
		if before.Classes[typ].Classes == 0 {
			t.Fatalf("the demo has no class of type %s", typ)
		}
	}

	out := filepath.Join(t.TempDir(), "export.xlsx")
	if err := workbook.Export(ctx, db, year, out); err != nil {
		t.Fatalf("Export: %v", err)
	}
	fresh := storetest.Open(t, &unit)
	res := importOK(t, fresh, out)
	for _, s := range []string{workbook.SheetAgreements, workbook.SheetClasses, workbook.SheetCarriers,
		workbook.SheetTeachers, workbook.SheetAwards, workbook.SheetActivities, workbook.SheetTargets} {
		if res.Added[s] == 0 {
			t.Errorf("the export's %s imported nothing: %s", s, res.Summary())
		}
	}
	if got, want := carriedFigures(t, fresh, year), carriedFigures(t, db, year); got != want {
		t.Errorf("check --json of the re-imported export differs:\noriginal %s\nreimport %s", want, got)
	}

	dumpBefore := dump(t, db, true)
	res = importOK(t, db, out)
	for _, s := range workbook.Sheets {
		if res.Added[s.Name]+res.Updated[s.Name] != 0 {
			t.Errorf("re-importing the export into its own database: %s", res.Summary())
			break
		}
	}
	if dump(t, db, true) != dumpBefore {
		t.Error("re-importing the export changed its own database")
	}
}

// refusedAt imports path into db and wants it refused with errors exactly
// at want (sheet|row|column; sheet|row for a duplicate row, which names row
// 2), each in the refusal's text, and the database byte for byte as it was.
func refusedAt(t *testing.T, db *store.DB, path string, want []string) {
	t.Helper()
	before := dbState(t, db)
	_, err := workbook.Import(context.Background(), db, path)
	re := refused(t, err)
	got := locs(re.Issues, false)
	for i, g := range got { // a duplicate is an error of the whole row
		got[i] = strings.TrimSuffix(g, "|")
	}
	for i, w := range want {
		want[i] = strings.TrimSuffix(w, "|")
	}
	sameList(t, "error cells", got, want, re.Issues)
	for _, i := range re.Issues {
		if i.Warning {
			continue
		}
		if i.Message == "" || !strings.Contains(re.Error(), i.String()) {
			t.Errorf("issue %s is not in the refusal %q", i, re.Error())
		}
		if i.Column == "" && !strings.Contains(i.Message, "与第 2 行重复") {
			t.Errorf("duplicate row error %q does not name row 2", i.Message)
		}
	}
	if dbState(t, db) != before {
		t.Error("a refused workbook changed the database")
	}
}

// carriedFigures is `check --json` of year, every figure included.
func carriedFigures(t testing.TB, db *store.DB, year int) string {
	t.Helper()
	b, err := json.MarshalIndent(figures(t, db, year), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A prefecture's export holds its own carriers and activities, not those its
// counties sent: importing the file makes every one the importing unit's,
// which would count a county's twice at the prefecture.
func TestExportWritesOnlyTheUnitsOwnCarriersAndActivities(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, &store.Unit{Code: "532300", Name: "楚雄州", Level: store.LevelPrefecture})
	err := db.Update(ctx, func(tx *store.Tx) error {
		for _, c := range []store.Carrier{
			{Type: "市域产教联合体", Name: "楚雄州市域产教联合体", Level: store.GradeProvince, Recognized: 2024, Founded: 2024},
			{UnitCode: "532301", Type: "县域产教联合体", Name: "楚雄市产教联合体", Level: store.GradePrefecture, Recognized: 2024, Founded: 2023},
		} {
			if _, err := tx.PutCarrier(&c); err != nil {
				return err
			}
		}
		for _, a := range []store.Activity{
			{Type: "政校企推进会议", Name: "全州推进会", Date: d(2025, 4, 1)},
			{UnitCode: "532301", Type: "联席会议", Name: "楚雄市联席会议", Date: d(2025, 5, 1)},
		} {
			if _, err := tx.PutActivity(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "export.xlsx")
	if err := workbook.Export(ctx, db, 2025, out); err != nil {
		t.Fatal(err)
	}
	for sheet, own := range map[string]string{workbook.SheetCarriers: "楚雄州市域产教联合体", workbook.SheetActivities: "全州推进会"} {
		rows, err := openBook(t, out).GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || rows[1][1] != own {
			t.Errorf("%s rows = %v, want the header and the prefecture's own %s", sheet, rows, own)
		}
	}
}

// Two majors of one name in one school and year, each with a retired
// 订单班人数: two classes, the second named with its major's code, so
// neither count is lost; the same file again changes nothing.
func TestLegacyOrderClassesOfTwoMajorsOfOneName(t *testing.T) {
	legacy := append(append([]any{}, hMajors...), workbook.ColumnLegacyOrderClass)
	path := writeBook(t,
		sheetRows{"学校", [][]any{hSchools, {schoolA, "甲校", "中等职业学校", "532323", "公办"}}},
		sheetRows{"合作企业", [][]any{hEnterprises, {ent1, "甲公司"}}},
		sheetRows{"专业", [][]any{legacy,
			{schoolA, 2025, "710201", "计算机应用", nil, "招生", 200, 60, 40, "", "", ent1, 35},
			{schoolA, 2025, "710202", "计算机应用", nil, "招生", 100, 30, 20, "", "", ent1, 20},
		}},
	)
	db := openDB(t)
	importOK(t, db, path)
	var names []string
	for _, c := range readAll(t, db).Classes {
		names = append(names, fmt.Sprintf("%s=%d", c.Name, c.Students))
	}
	slices.Sort(names)
	if want := []string{"计算机应用订单班=35", "计算机应用订单班（710202）=20"}; !slices.Equal(names, want) {
		t.Errorf("classes = %v, want %v", names, want)
	}
	if f := figures(t, db, 2025); f.OrderClassStudents != 55 {
		t.Errorf("order_class_students = %d, want 55", f.OrderClassStudents)
	}
	before := dump(t, db, true)
	if res := importOK(t, db, path); res.Unchanged["订单班与学徒制"] != 2 {
		t.Errorf("second import: %s", res.Summary())
	}
	if dump(t, db, true) != before {
		t.Error("importing the old file again changed the database")
	}
}
