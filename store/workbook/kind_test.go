package workbook_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chanjiao/reports"
	"chanjiao/store/storetest"
)

// Workbooks of another kind (issue 13, item 3): a workbook with none of the
// exchange sheets is refused, saying what it seems to be and what to import
// instead, and the database stays as it was.

// expectedSheets is how each refusal lists the sheets it wanted.
const expectedSheets = "学校、合作企业、专业、互派互聘、培训、校企合作协议、订单班与学徒制、产教融合载体、师资、获奖、政校企活动、目标"

func TestReturnsWorkbookIsRefused(t *testing.T) {
	db := storetest.Demo(t)
	r, err := reports.Build(context.Background(), db, db.Now().Year()-1, reports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	refuseFile(t, db, "2025年度产教融合统计报表.xlsx", buf.Bytes(),
		"2025年度产教融合统计报表.xlsx", "统计报表", "表1", "填报表", expectedSheets)
}

// A 任务清单 is an exchange workbook (its 目标 sheet imports: targets_test.go);
// one named so whose 目标 sheet is gone is refused, saying so.
func TestTasksWorkbookWithoutTargetsIsRefused(t *testing.T) {
	data := sheetsBook(t, "Sheet1")
	msg := refuseFile(t, seededDB(t), "532301_楚雄市教育体育局_2025_任务清单.xlsx", data, "任务清单", expectedSheets, "没有“目标”工作表")
	if strings.Contains(msg, "统计报表") {
		t.Errorf("a 任务清单 called a returns workbook: %s", msg)
	}
}

func TestUnknownWorkbookIsRefused(t *testing.T) {
	msg := refuseFile(t, seededDB(t), "名单.xlsx", sheetsBook(t, "Sheet1"),
		"名单.xlsx", "不是本程序的数据工作簿", "Sheet1", expectedSheets)
	if strings.Contains(msg, "统计报表") || strings.Contains(msg, "任务清单") {
		t.Errorf("an unknown workbook named as something else: %s", msg)
	}
}

// sheetsBook is an xlsx workbook holding empty sheets of these names.
func sheetsBook(t *testing.T, names ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, n := range names {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", n); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(n); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
