package handoff

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"chanjiao/store"
)

// The records entry encoded a unit per core is json.Marshal's, byte for
// byte: the file's digest (and so its revision) must not depend on how it
// was encoded.
func TestMarshalRecordsIsJSONMarshal(t *testing.T) {
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	unit := func(code string, n int) store.UnitRecords {
		u := store.UnitRecords{Unit: store.UnitRef{Code: code, Name: "县<&>\u2028局", Level: store.LevelCounty}}
		for i := range n {
			u.Schools = append(u.Schools, store.School{Code: "53232300" + string(rune('0'+i)), Name: "学校 \"甲\"", UnitCode: code, Contact: "乙\u2029"})
			u.Trainings = append(u.Trainings, store.Training{SchoolCode: "532323000", Name: "培训<b>", Count: i, Start: day})
			u.Secondments = append(u.Secondments, store.Secondment{SchoolCode: "532323000", Name: "张三", Start: day, End: day.AddDate(0, 6, 0)})
		}
		if code == "532399" { // encoding/json/v2 refuses it, json.Marshal writes \ufffd
			u.Schools[0].Phone = "\xff"
		}
		return u
	}
	ents := []store.Enterprise{{CreditCode: "91530000MA6K000000", Name: "企业 & 公司"}}
	for name, r := range map[string]Records{
		"nothing":               {},
		"no units":              {Units: []store.UnitRecords{}, Enterprises: ents},
		"one unit":              {Units: []store.UnitRecords{unit("532323", 3)}, Enterprises: ents},
		"an empty unit":         {Units: []store.UnitRecords{unit("532323", 0), unit("532324", 2)}},
		"bad UTF-8 in one unit": {Units: []store.UnitRecords{unit("532323", 2), unit("532399", 1)}},
		"more units than cores": {Units: []store.UnitRecords{unit("532301", 1), unit("532322", 2), unit("532323", 3), unit("532324", 4), unit("532325", 5)}, Enterprises: ents},
	} {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalRecords(r)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: marshalRecords gave\n%s (%v), json.Marshal\n%s", name, got, err, want)
		}
	}
}
