package workbook

// Templates: the canonical workbook pre-filled for one school, handed out each
// spring and collected back. A template is an ordinary canonical workbook
// (import reads it like any other) with, in addition (each column's rule,
// dropdown and format come from its declaration in Sheets):
//
//   - a 填表说明 sheet with the rules of every column in plain Chinese;
//   - dropdowns (data validation lists) on every enumerated column, the
//     专业目录 through defined names on the hidden sheet _下拉列表, since Excel
//     limits a typed-in list to 255 characters;
//   - code and 身份证号 columns formatted as text ("@") and date columns as
//     yyyy-mm-dd, on the whole column, so Excel keeps every digit and the
//     school's typing stays a code;
//   - sheet protection without a password: only the header row and the
//     school's own 学校标识码 are locked, everything else can be typed over,
//     rows inserted and deleted, columns widened; the workbook structure is
//     locked so sheets cannot be renamed, deleted or unhidden. Review →
//     Unprotect Sheet (撤消工作表保护) lifts it; no password is asked for;
//   - the hidden sheet _模板信息 (and the same values as custom document
//     properties) recording the template version, the school and the year.
//     Import recognises its own templates by it and then refuses rows of any
//     other school (ImportOptions.OnlySchool).

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/atomic"
	"chanjiao/store/refdata"
)

// TemplateVersion is the layout version of the templates this program
// writes. 2 added the 校企合作协议 and 订单班与学徒制 sheets and dropped
// 订单班人数: an older program told a version-2 template is newer warns
// instead of silently skipping those sheets. 3 added 师资 and 获奖.
const TemplateVersion = 3

// Sheets a template or an annotated copy adds; import ignores them.
const (
	SheetInstructions = "填表说明"
	SheetErrorList    = "错误清单"
	sheetLists        = "_下拉列表"
	sheetInfo         = "_模板信息"
)

// templateRows is how many rows below the header carry the dropdowns.
const templateRows = 2000

// Custom document properties that repeat _模板信息.
const (
	propVersion = "ChanjiaoTemplateVersion"
	propSchool  = "ChanjiaoSchoolCode"
	propYear    = "ChanjiaoYear"
)

// TemplateInfo is what a template records about itself.
type TemplateInfo struct {
	Version    int
	School     string // 学校标识码 of the school it was made for
	SchoolName string
	Year       int
	Unit       string // the unit that issued it
}

// issues says what import should know of the template itself.
func (t *TemplateInfo) issues() []Issue {
	if t.Version > TemplateVersion {
		return []Issue{{Warning: true, Message: fmt.Sprintf("本填报表由较新版本的程序生成（模板版本 %d，本程序为 %d），请核对导入结果", t.Version, TemplateVersion)}}
	}
	return nil
}

// templateInfo reads the template record of an open workbook: the _模板信息
// sheet, or else the custom properties. Nil when the file is not a template.
func templateInfo(f *excelize.File) *TemplateInfo {
	var rows [][]string
	for _, n := range f.GetSheetList() {
		if trim(n) == sheetInfo {
			rows, _ = f.GetRows(n)
			break
		}
	}
	return templateRecord(rows, func() map[string]string {
		props := map[string]string{}
		ps, _ := f.GetCustomProps()
		for _, p := range ps {
			props[p.Name] = fmt.Sprint(p.Value)
		}
		return props
	})
}

// templateRecord reads the template record from the rows of the _模板信息
// sheet (label, value), or else from the custom properties.
func templateRecord(rows [][]string, customProps func() map[string]string) *TemplateInfo {
	info := &TemplateInfo{}
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		v := trim(r[1])
		switch trim(r[0]) {
		case "模板版本":
			info.Version, _ = strconv.Atoi(v)
		case "学校标识码":
			info.School = normCode(v)
		case "学校名称":
			info.SchoolName = v
		case "年度":
			info.Year, _ = strconv.Atoi(v)
		case "下发单位":
			info.Unit = v
		}
	}
	if info.School == "" {
		for name, v := range customProps() {
			v = trim(v)
			switch name {
			case propVersion:
				info.Version, _ = strconv.Atoi(v)
			case propSchool:
				info.School = normCode(v)
			case propYear:
				info.Year, _ = strconv.Atoi(v)
			}
		}
	}
	if info.School == "" {
		return nil
	}
	return info
}

// ReadTemplateInfo tells whether the file at path is one of the program's
// templates (or an annotated copy of one), and for which school: nil when not.
func ReadTemplateInfo(path string) (*TemplateInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, store.Wrap(store.EInvalid, err, "无法读取文件 %s", filepath.Base(path))
	}
	f, err := openBook(data, filepath.Base(path))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return templateInfo(f), nil
}

// TemplateData is what one school's template is made from.
type TemplateData struct {
	Year        int
	Unit        store.Unit
	School      store.School
	Majors      []store.Major     // carried over from the year before, figures left blank
	Agreements  []store.Agreement // the school's, in force in the year
	Enterprises []store.Enterprise
	Catalogue   []refdata.Major // the 专业目录; nil when the reference data is missing
	Created     time.Time
}

// LoadTemplateData reads what the templates of year need, for the schools of
// codes, or, when codes is empty, for every school still running in year.
func LoadTemplateData(ctx context.Context, db *store.DB, year int, codes []string) ([]TemplateData, error) {
	if year < 2000 || year > 2100 {
		return nil, store.Errorf(store.EInvalid, "年度应为 2000 至 2100 之间的年份")
	}
	var out []TemplateData
	err := db.View(ctx, func(tx *store.Tx) error {
		unit, err := tx.Unit()
		if err != nil {
			return err
		}
		var schools []store.School
		if len(codes) == 0 {
			all, err := tx.Schools()
			if err != nil {
				return err
			}
			for _, s := range all {
				if s.ClosedYear == 0 || s.ClosedYear > year {
					schools = append(schools, s)
				}
			}
			if len(schools) == 0 {
				return store.Errorf(store.EInvalid, "数据库中没有 %d 年仍在办学的学校，无法生成填报表", year)
			}
		}
		for _, c := range codes {
			s, err := tx.SchoolByCode(normCode(trim(c)))
			if err != nil {
				return err
			}
			schools = append(schools, s)
		}
		ents, err := tx.Enterprises()
		if err != nil {
			return err
		}
		last, err := tx.Majors(year - 1)
		if err != nil {
			return err
		}
		agreements, err := tx.Agreements(year)
		if err != nil {
			return err
		}
		var cat []refdata.Major
		if ref := tx.Ref(); ref != nil && !ref.Missing {
			cat = ref.Majors()
		}
		for _, s := range schools {
			d := TemplateData{Year: year, Unit: unit, School: s, Enterprises: ents, Catalogue: cat, Created: db.Now()}
			for _, m := range last {
				if m.SchoolCode == s.Code && m.Status != store.StatusClosed {
					d.Majors = append(d.Majors, m)
				}
			}
			for _, a := range agreements {
				if a.SchoolCode == s.Code {
					d.Agreements = append(d.Agreements, a)
				}
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// TemplateFileName is {学校名称}_{年度}_填报表.xlsx, with the characters no
// file system takes replaced and a long name shortened (store.SafeFileName).
func TemplateFileName(schoolName string, year int) string {
	return store.SafeFileName(schoolName, "学校") + "_" + strconv.Itoa(year) + "_填报表.xlsx"
}

// Template writes the template of one school for year to path.
func Template(ctx context.Context, db *store.DB, year int, schoolCode, path string) error {
	ds, err := LoadTemplateData(ctx, db, year, []string{schoolCode})
	if err != nil {
		return err
	}
	return atomic.WriteFile(path, func(w io.Writer) error { return WriteTemplate(w, ds[0]) })
}

// Templates writes one template per school into dir, named by
// TemplateFileName (with the 学校标识码 added when two schools share a name),
// for the schools of codes or, when codes is empty, every school still running
// in year. It returns the files written, in school-code order.
func Templates(ctx context.Context, db *store.DB, year int, codes []string, dir string) ([]string, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, store.Errorf(store.EInvalid, "文件夹不存在：%s", dir)
	}
	ds, err := LoadTemplateData(ctx, db, year, codes)
	if err != nil {
		return nil, err
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].School.Code < ds[j].School.Code })
	names := map[string]int{}
	for _, d := range ds {
		names[store.SafeFileName(d.School.Name, "学校")]++
	}
	var paths []string
	for _, d := range ds {
		if err := ctx.Err(); err != nil {
			return paths, store.Wrap(store.EInvalid, err, "已取消，已生成 %d 个文件", len(paths))
		}
		name := TemplateFileName(d.School.Name, year)
		if names[store.SafeFileName(d.School.Name, "学校")] > 1 {
			name = TemplateFileName(d.School.Name+"_"+d.School.Code, year)
		}
		p := filepath.Join(dir, name)
		if err := atomic.WriteFile(p, func(w io.Writer) error { return WriteTemplate(w, d) }); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
