package reports_test

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"chanjiao/reports"
	"chanjiao/store"
)

// dataset loads the records of a year, for the per-school and per-major
// rows the test checks by plain sums.
func dataset(t *testing.T, db *store.DB, year int) store.Dataset {
	t.Helper()
	var d store.Dataset
	err := db.View(context.Background(), func(tx *store.Tx) (err error) {
		d, err = tx.Dataset(year)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func indicators(t *testing.T, db *store.DB, year int) *store.Figures {
	t.Helper()
	f, err := db.Indicators(context.Background(), year)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestBuildFiguresFromStore checks every figure of tables 1–5 and of the
// letter against db.Indicators for the same data, 合计 rows included.
func TestBuildFiguresFromStore(t *testing.T) {
	db := openDemo(t)
	r := build(t, db, 2025)
	f, prev := indicators(t, db, 2025), indicators(t, db, 2024)
	d := dataset(t, db, 2025)
	if !reflect.DeepEqual(r.Figures, f) {
		t.Fatalf("Returns.Figures differ from db.Indicators")
	}
	if r.Previous == nil || !reflect.DeepEqual(r.Previous, prev) {
		t.Fatalf("Returns.Previous differ from db.Indicators(2024)")
	}
	if r.Title != "2025年度楚雄市教育体育局产教融合统计报表" {
		t.Errorf("title %q", r.Title)
	}
	if r.Authority != "楚雄州教育体育局" {
		t.Errorf("制表机关 %q", r.Authority)
	}
	var names []string
	for _, tb := range r.Tables {
		names = append(names, tb.SheetName())
	}
	want := []string{"表1 职业学校基本情况", "表2 专业设置情况", "表3 校企互派互聘情况", "表4 职业技能培训情况", "表5 主要指标完成情况",
		"表7 校企合作协议与订单班情况", "表8 产教融合载体情况", "表9 师资与教师企业实践情况", "表10 获奖情况", "表11 政校企活动情况"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("tables %v, want %v", names, want)
	}

	t.Run("表1", func(t *testing.T) {
		p := table(t, r, 1).Parts[0]
		type sums struct{ open, enrolled, grads, progressed, vg, vp int }
		by := map[string]*sums{}
		var all sums
		for _, m := range d.Majors {
			s := by[m.SchoolCode]
			if s == nil {
				s = &sums{}
				by[m.SchoolCode] = s
			}
			for _, x := range []*sums{s, &all} {
				if m.Status == "招生" {
					x.open++
				}
				x.enrolled += m.Enrolled
				x.grads += m.Graduates
				x.progressed += m.Progressed
				if c := m.Code[:2]; c >= "61" && c <= "79" {
					x.vg += m.Graduates
					x.vp += m.Progressed
				}
			}
		}
		listed := 0
		for _, sf := range f.Schools {
			s := by[sf.Code]
			if !sf.Assessed && s == nil {
				if hasRow(p, sf.Name) {
					t.Errorf("%s (not assessed, no records) is listed", sf.Name)
				}
				continue
			}
			listed++
			row := findRow(t, p, sf.Name)
			rate := "—"
			if s.vg > 0 {
				v := float64(s.vp) / float64(s.vg)
				rate = store.FormatRate(&v)
			}
			for h, v := range map[string]string{"学校标识码": sf.Code, "办学类型": sf.Type, "招生专业数": itoa(s.open), "在校生数": itoa(s.enrolled),
				"毕业生数": itoa(s.grads), "升学人数": itoa(s.progressed), "升学率": rate} {
				if got := cell(t, p, row, h); got != v {
					t.Errorf("%s %s = %q, want %q", sf.Name, h, got, v)
				}
			}
		}
		if listed != len(p.Rows)-1 {
			t.Errorf("%d rows, want %d schools + 合计", len(p.Rows), listed)
		}
		total := findRow(t, p, "合计")
		if total.Kind != reports.RowTotal {
			t.Errorf("合计 is not a total row")
		}
		quality := fmt.Sprintf("省级%d，州市级%d", f.QualitySchools["省级"], f.QualitySchools["州市级"])
		for h, v := range map[string]string{"招生专业数": itoa(all.open), "在校生数": itoa(all.enrolled), "毕业生数": itoa(all.grads),
			"升学人数": itoa(all.progressed), "升学率": store.FormatRate(f.Progression.Rate), "合作企业数": itoa(f.PartnerEnterprises),
			"优质学校等级": quality} {
			if got := cell(t, p, total, h); got != v {
				t.Errorf("合计 %s = %q, want %q", h, got, v)
			}
		}
		if all.vg != f.Progression.Graduates || all.vp != f.Progression.Progressed {
			t.Errorf("test sums disagree with the store: %d/%d vs %d/%d", all.vp, all.vg, f.Progression.Progressed, f.Progression.Graduates)
		}
		note := strings.Join(table(t, r, 1).Footnotes, "")
		if !strings.Contains(note, fmt.Sprintf("升学%d人÷毕业%d人", f.Progression.Progressed, f.Progression.Graduates)) ||
			!strings.Contains(note, "不低于"+store.FormatRate(f.Progression.Target)) {
			t.Errorf("表1 notes do not name the 升学率 target: %s", note)
		}
	})

	t.Run("表2", func(t *testing.T) {
		p := table(t, r, 2).Parts[0]
		if len(p.Rows) != len(d.Majors)+1 {
			t.Fatalf("%d rows, want %d majors + 合计", len(p.Rows), len(d.Majors))
		}
		enrolled := 0
		for i, m := range d.Majors {
			row := p.Rows[i]
			for h, v := range map[string]string{"序号": itoa(i + 1), "专业代码": m.Code, "专业名称": m.Name, "在校生数": itoa(m.Enrolled),
				"订单班人数": itoa(d.OrderClassStudents()[m.Key()]), "合作企业数": itoa(len(m.Enterprises)), "贯通培养": m.Through, "优质专业等级": m.Quality} {
				if got := cell(t, p, row, h); got != v {
					t.Errorf("major %s %s = %q, want %q", m.Key(), h, got, v)
				}
			}
			enrolled += m.Enrolled
		}
		total := p.Rows[len(p.Rows)-1]
		if got := cell(t, p, total, "订单班人数"); got != itoa(f.OrderClassStudents) {
			t.Errorf("合计 订单班人数 %s, want %d", got, f.OrderClassStudents)
		}
		if got := cell(t, p, total, "在校生数"); got != itoa(enrolled) {
			t.Errorf("合计 在校生数 %s, want %d", got, enrolled)
		}
	})

	t.Run("表3", func(t *testing.T) {
		tb := table(t, r, 3)
		p := tb.Parts[0]
		var s2e, e2s, persons, gap int
		for _, sf := range f.Schools {
			sec := sf.Secondments
			if !sf.Assessed && sec.Persons == 0 {
				if hasRow(p, sf.Name) {
					t.Errorf("%s is listed", sf.Name)
				}
				continue
			}
			row := findRow(t, p, sf.Name)
			target, status, g := "—", "不考核", "—"
			if sf.Assessed {
				target, status, g = itoa(*sec.Target), store.MetText(sec.Met), itoa(sec.Gap())
				gap += sec.Gap()
			}
			for h, v := range map[string]string{"学校派往企业(人)": itoa(sec.SchoolToEnterprise), "企业派往学校(人)": itoa(sec.EnterpriseToSchool),
				"合计(人)": itoa(sec.Persons), "目标(人)": target, "是否达标": status, "差额(人)": g} {
				if got := cell(t, p, row, h); got != v {
					t.Errorf("%s %s = %q, want %q", sf.Name, h, got, v)
				}
			}
			s2e += sec.SchoolToEnterprise
			e2s += sec.EnterpriseToSchool
			persons += sec.Persons
		}
		total := findRow(t, p, "合计")
		for h, v := range map[string]string{"学校派往企业(人)": itoa(s2e), "企业派往学校(人)": itoa(e2s), "合计(人)": itoa(persons),
			"是否达标": fmt.Sprintf("达标学校%d/%d", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed), "差额(人)": itoa(gap)} {
			if got := cell(t, p, total, h); got != v {
				t.Errorf("合计 %s = %q, want %q", h, got, v)
			}
		}
		if !strings.Contains(strings.Join(tb.Footnotes, ""), "不少于10人") {
			t.Errorf("表3 notes do not name the target: %v", tb.Footnotes)
		}
		c := r.SecondmentChart
		if c.Target == nil || *c.Target != 10 || len(c.Items) != f.SecondmentSchoolsAssessed {
			t.Errorf("chart: target %v, %d bars", c.Target, len(c.Items))
		}
	})

	t.Run("表4", func(t *testing.T) {
		tb := table(t, r, 4)
		p1, p2 := tb.Parts[0], tb.Parts[1]
		targetSum := 0
		notes := strings.Join(tb.Footnotes, "")
		for _, tt := range f.Training.Targets {
			label := store.CategoriesText(tt.Categories)
			row := findRow(t, p1, label)
			if got := cell(t, p1, row, "目标人次"); got != itoa(tt.Target) {
				t.Errorf("%s 目标 %s, want %d", label, got, tt.Target)
			}
			if got := cell(t, p1, row, "完成人次"); got != itoa(tt.Count) {
				t.Errorf("%s 完成 %s, want %d", label, got, tt.Count)
			}
			if got := cell(t, p1, row, "是否达标"); got != store.MetText(&tt.Met) {
				t.Errorf("%s 达标 %s, want %v", label, got, tt.Met)
			}
			if len(tt.Categories) > 1 {
				for _, c := range tt.Categories {
					if got := cell(t, p1, findRow(t, p1, "其中："+c), "完成人次"); got != itoa(f.Training.ByCategory[c].Count) {
						t.Errorf("其中：%s %s, want %d", c, got, f.Training.ByCategory[c].Count)
					}
				}
			}
			if !strings.Contains(notes, label+"不少于"+groupThousands(tt.Target)+"人次") {
				t.Errorf("表4 notes do not name the target of %s: %s", label, notes)
			}
			targetSum += tt.Target
		}
		total := findRow(t, p1, "合计")
		if got := cell(t, p1, total, "完成人次"); got != itoa(f.Training.Total) {
			t.Errorf("合计 完成 %s, want %d", got, f.Training.Total)
		}
		if got := cell(t, p1, total, "目标人次"); got != itoa(targetSum) {
			t.Errorf("合计 目标 %s, want %d", got, targetSum)
		}
		bySchool := map[string]map[string]int{}
		for _, tr := range d.Trainings {
			if bySchool[tr.SchoolCode] == nil {
				bySchool[tr.SchoolCode] = map[string]int{}
			}
			bySchool[tr.SchoolCode][tr.Category] += tr.Count
			bySchool[tr.SchoolCode][""] += tr.Count
		}
		for _, sf := range f.Schools {
			if bySchool[sf.Code] == nil {
				continue
			}
			row := findRow(t, p2, sf.Name)
			for _, c := range store.TrainingGroups {
				if got := cell(t, p2, row, c); got != itoa(bySchool[sf.Code][c]) {
					t.Errorf("%s %s %s, want %d", sf.Name, c, got, bySchool[sf.Code][c])
				}
			}
			if got := cell(t, p2, row, "合计"); got != itoa(bySchool[sf.Code][""]) {
				t.Errorf("%s 合计 %s", sf.Name, got)
			}
		}
		total2 := findRow(t, p2, "合计")
		for _, c := range store.TrainingGroups {
			if got := cell(t, p2, total2, c); got != itoa(f.Training.ByCategory[c].Count) {
				t.Errorf("合计 %s %s, want %d", c, got, f.Training.ByCategory[c].Count)
			}
		}
		if got := cell(t, p2, total2, "合计"); got != itoa(f.Training.Total) {
			t.Errorf("合计 %s, want %d", got, f.Training.Total)
		}
	})

	t.Run("表5", func(t *testing.T) {
		tb := table(t, r, 5)
		p := tb.Parts[0]
		check := func(label, target, done, status, last, change string) {
			t.Helper()
			row := findRow(t, p, label)
			got := []string{}
			for _, h := range []string{"目标", "完成", "完成率/状态", "上年", "比上年增减"} {
				got = append(got, cell(t, p, row, h))
			}
			want := []string{target, done, status, last, change}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %q, want %q", label, got, want)
			}
		}
		signed := func(n int) string {
			if n > 0 {
				return fmt.Sprintf("+%d", n)
			}
			return itoa(n)
		}
		ratio := func(a, b int) string { v := float64(a) / float64(b); return store.FormatRate(&v) }
		check("互派互聘达标学校数（所）", itoa(f.SecondmentSchoolsAssessed), itoa(f.SecondmentSchoolsMet),
			ratio(f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed), itoa(prev.SecondmentSchoolsMet), signed(f.SecondmentSchoolsMet-prev.SecondmentSchoolsMet))
		persons := func(f *store.Figures) (n int) {
			for _, s := range f.Schools {
				n += s.Secondments.Persons
			}
			return n
		}
		check("互派互聘人数（各校合计，人）", "—", itoa(persons(f)), "—", itoa(persons(prev)), signed(persons(f)-persons(prev)))
		targetSum := 0
		for _, tt := range f.Training.Targets {
			targetSum += tt.Target
		}
		check("职业技能培训人次（合计）", itoa(targetSum), itoa(f.Training.Total), "—", itoa(prev.Training.Total), signed(f.Training.Total-prev.Training.Total))
		for i, tt := range f.Training.Targets {
			pt := prev.Training.Targets[i]
			check("　其中："+store.CategoriesText(tt.Categories), itoa(tt.Target), itoa(tt.Count), ratio(tt.Count, tt.Target), itoa(pt.Count), signed(tt.Count-pt.Count))
		}
		permille := func(r *float64) int {
			n, err := strconv.Atoi(strings.NewReplacer(".", "", "%", "").Replace(store.FormatRate(r)))
			if err != nil {
				t.Fatalf("rate %s", store.FormatRate(r))
			}
			return n
		}
		points := func(a, b *float64) string {
			d := permille(a) - permille(b)
			sign := ""
			if d > 0 {
				sign = "+"
			} else if d < 0 {
				sign, d = "-", -d
			}
			return fmt.Sprintf("%s%d.%d个百分点", sign, d/10, d%10)
		}
		pr := f.Progression
		check("中职升学率", store.FormatRate(pr.Target), store.FormatRate(pr.Rate), store.MetText(pr.Met), store.FormatRate(prev.Progression.Rate),
			points(pr.Rate, prev.Progression.Rate))
		cv := f.Coverage
		status := store.MetText(cv.Met)
		if cv.Target == nil {
			status = "未设目标"
		}
		check("3+2贯通培养覆盖率", store.FormatRate(cv.Target), store.FormatRate(cv.Rate), status, store.FormatRate(prev.Coverage.Rate),
			points(cv.Rate, prev.Coverage.Rate))
		check("订单班学生数（人）", "—", itoa(f.OrderClassStudents), "—", itoa(prev.OrderClassStudents), signed(f.OrderClassStudents-prev.OrderClassStudents))
		check("合作企业数（家）", "—", itoa(f.PartnerEnterprises), "—", itoa(prev.PartnerEnterprises), signed(f.PartnerEnterprises-prev.PartnerEnterprises))
		check("　其中：产教融合型企业（家）", "—", itoa(f.IntegratedEnterprises), "—", itoa(prev.IntegratedEnterprises),
			signed(f.IntegratedEnterprises-prev.IntegratedEnterprises))
		for _, l := range store.QualityLevels {
			check("优质学校（"+l+"，所）", "—", itoa(f.QualitySchools[l]), "—", itoa(prev.QualitySchools[l]), signed(f.QualitySchools[l]-prev.QualitySchools[l]))
			check("优质专业（群）（"+l+"，个）", "—", itoa(f.QualityMajors[l]), "—", itoa(prev.QualityMajors[l]), signed(f.QualityMajors[l]-prev.QualityMajors[l]))
		}
		notes := strings.Join(tb.Footnotes, "")
		for _, want := range []string{"不少于10人", "不低于60.0%", "在校学生不少于3,000人次", "3+2贯通培养覆盖率本年度未设目标"} {
			if !strings.Contains(notes, want) {
				t.Errorf("表5 notes lack %q: %s", want, notes)
			}
		}
	})

	t.Run("letter", func(t *testing.T) {
		l := r.Letter
		text := strings.Join(l.Paragraphs, "")
		if l.Title != "关于报送2025年度产教融合统计数据的报告" || l.Addressee != "楚雄州教育体育局：" || l.Date != "2026年3月1日" || l.Signer != "楚雄市教育体育局" {
			t.Errorf("letter header %q %q %q %q", l.Title, l.Addressee, l.Date, l.Signer)
		}
		for _, want := range []string{
			fmt.Sprintf("参加考核的%d所学校中，%d所达到", f.SecondmentSchoolsAssessed, f.SecondmentSchoolsMet),
			fmt.Sprintf("职业技能培训%s人次", groupThousands(f.Training.Total)),
			"中职升学率" + store.FormatRate(f.Progression.Rate),
			fmt.Sprintf("升学%d人", f.Progression.Progressed),
			fmt.Sprintf("与%d家企业开展合作，其中产教融合型企业%d家", f.PartnerEnterprises, f.IntegratedEnterprises),
		} {
			if !strings.Contains(text, want) {
				t.Errorf("letter lacks %q:\n%s", want, text)
			}
		}
		if len(l.Attachments) != 10 || l.Attachments[2] != "表3 校企互派互聘情况" {
			t.Errorf("attachments %v", l.Attachments)
		}
	})
}

func groupThousands(n int) string {
	return reports.Int(n).Display(true)
}
