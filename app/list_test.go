package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

// The 互派互聘 list holds its rows without the person key and masked 身份证号
// that stints received from below carry: a stint edited from the list must
// keep them (the form is filled from the stint read whole).
func TestEditingAListedStintKeepsItsReceivedKeys(t *testing.T) {
	a := newTestApp(t, true)
	a.show("互派互聘")
	s := a.secondments
	key, masked := strings.Repeat("5a", 32), "530102********1382"
	stint := s.tbl.all[0]
	if err := a.db.Update(context.Background(), func(tx *store.Tx) error {
		stint.IDNumber, stint.PersonKey, stint.IDMasked = "", key, masked
		_, err := tx.PutSecondment(&stint)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	s.Load()
	test.Type(s.tbl.search, stint.Name)
	for row := range s.tbl.view {
		if r := s.tbl.rows()[row]; r.ID == stint.ID {
			s.tbl.openRow(row)
			break
		}
	}
	if s.form == nil || a.editing == nil {
		t.Fatal("the stint's form did not open")
	}
	typeInto(s.form.entries["备注"], "改过的备注")
	save(t, a, s.form)
	view(t, a, func(tx *store.Tx) (err error) {
		got, err := tx.SecondmentByID(stint.ID)
		if err == nil && (got.Note != "改过的备注" || got.PersonKey != key || got.IDMasked != masked) {
			t.Errorf("saved %+v: want the new note and the key and masked number it had", got)
		}
		return err
	})
}

// A search's text is made at the first search and again after every
// reload: a stint saved after a search is found by the next one.
func TestSearchFindsRowsLoadedAfterTheFirstSearch(t *testing.T) {
	a := newTestApp(t, true)
	a.show("互派互聘")
	s := a.secondments
	test.Type(s.tbl.search, "新来的人")
	if len(s.tbl.view) != 0 {
		t.Fatalf("新来的人 found %d times before being added", len(s.tbl.view))
	}
	r := s.tbl.all[0]
	r.ID, r.Name = 0, "新来的人"
	if err := a.db.Update(context.Background(), func(tx *store.Tx) error {
		_, err := tx.PutSecondment(&r)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	s.Load()
	if len(s.tbl.view) != 1 || s.tbl.cellText(0, 2) != "新来的人" {
		t.Fatalf("after a reload the search shows %d rows", len(s.tbl.view))
	}
	mustContain(t, s.tbl.count.Text, "找到 1 条")
}

// A column is sized to its widest text, counting a Chinese character as two
// Latin ones: texts with more bytes but less room are passed over.
func TestLongestTextPerColumn(t *testing.T) {
	a := newTestApp(t, false)
	tbl := newRecordTable(a, []column[string]{
		{title: "文本", width: 50, text: func(s string) string { return s }},
	}, nil)
	for _, c := range []struct {
		texts []string
		want  string
	}{
		{[]string{"abcdefghij", "中文字符", "中文字符串六", "abc"}, "中文字符串六"},
		{[]string{"αβγδεζηθ", "abcdefghi", "αβγ"}, "abcdefghi"},
		{[]string{"", "短"}, "短"},
	} {
		tbl.set(c.texts, nil, nil)
		if got := tbl.longest(); len(got) != 1 || got[0] != c.want {
			t.Errorf("longest of %q = %q, want %q", c.texts, got, c.want)
		}
	}
}
