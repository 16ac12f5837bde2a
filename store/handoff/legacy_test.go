package handoff_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/handoff"
)

// legacyFile turns a data file packed by this program into the format-1
// file the program before the measures would have sent: every major carries
// its OrderClass (orderClass gives it, by the major and the file's classes),
// the records have no agreements, carriers nor, unless keepClasses, classes;
// the manifest says format 1, with the counts and hash of those records, and
// everything is signed again with the sender's own key.
func legacyFile(t *testing.T, packed []byte, key ed25519.PrivateKey, keepClasses bool,
	orderClass func(m store.Major, classes []store.Class) int) []byte {
	t.Helper()
	entries := readZip(t, packed)
	at := slices.IndexFunc(entries, func(e zipEntry) bool { return e.name == "records.json" })
	var typed handoff.Records
	var raw map[string]any
	if err := json.Unmarshal(entries[at].body, &typed); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(entries[at].body))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	for i, u := range raw["units"].([]any) {
		unit := u.(map[string]any)
		for j, m := range unit["Majors"].([]any) {
			m.(map[string]any)["OrderClass"] = orderClass(typed.Units[i].Majors[j], typed.Units[i].Classes)
		}
		delete(unit, "Agreements")
		delete(unit, "Carriers")
		typed.Units[i].Agreements, typed.Units[i].Carriers = nil, nil
		if !keepClasses {
			delete(unit, "Classes")
			typed.Units[i].Classes = nil
		}
	}
	body, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	entries[at].body = body
	sum := sha256.Sum256(body)
	return resign(t, zipSigned(t, entries, key), key, func(m *handoff.Manifest) {
		m.Format, m.Counts = 1, handoff.CountsOf(typed)
		for i := range m.Entries {
			if m.Entries[i].Name == "records.json" {
				m.Entries[i].Size, m.Entries[i].SHA256 = int64(len(body)), hex.EncodeToString(sum[:])
			}
		}
	})
}

// legacyOrderClassOf is the 订单班 of a major the migration made from its
// 订单班人数 (the demo's are named {专业名称}订单班), or false.
func legacyOrderClassOf(m store.Major, classes []store.Class) (store.Class, bool) {
	i := slices.IndexFunc(classes, func(c store.Class) bool {
		return c.SchoolCode == m.SchoolCode && c.Year == m.Year && c.MajorCode == m.Code && c.Name == m.Name+store.ClassOrder
	})
	if i < 0 {
		return store.Class{}, false
	}
	return classes[i], true
}

// receivedClasses receives a file at a new prefecture and gives the classes
// it then holds, without their row ids, and its majors.
func receivedClasses(t *testing.T, data []byte) ([]store.Class, []store.Major) {
	t.Helper()
	p := prefecture(t)
	if _, err := handoff.Receive(ctx, p, writeFile(t, "legacy.cjrh", data), "", handoff.Options{Trust: true}); err != nil {
		t.Fatalf("a format-1 file was refused: %v", err)
	}
	var classes []store.Class
	var majors []store.Major
	if err := p.View(ctx, func(tx *store.Tx) (err error) {
		if classes, err = tx.Classes(year); err != nil {
			return err
		}
		majors, err = tx.Majors(year)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for i := range classes {
		classes[i].ID = 0
	}
	return classes, majors
}

// sameClasses fails the test unless got and want hold the same classes, in
// any order.
func sameClasses(t *testing.T, got, want []store.Class) {
	t.Helper()
	byKey := func(a, b store.Class) int { return strings.Compare(a.Key(), b.Key()) }
	slices.SortFunc(got, byKey)
	slices.SortFunc(want, byKey)
	if !slices.Equal(got, want) {
		t.Errorf("classes received:\n%+v\nwant\n%+v", got, want)
	}
}

func countyKey(t *testing.T, c *store.DB) ed25519.PrivateKey {
	t.Helper()
	var key ed25519.PrivateKey
	if err := c.View(ctx, func(tx *store.Tx) error {
		id, err := tx.Identity()
		key = id.Key
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return key
}

// A format-1 file (sent before the measures) whose majors carry their
// 订单班人数 and that has no classes is received with every count > 0 made
// the class store.LegacyOrderClass describes, and nothing else.
func TestLegacyFileOrderClassesBecomeClasses(t *testing.T) {
	c := county(t)
	packed := pack(t, c, handoff.PackOptions{})
	var want []store.Class
	data := legacyFile(t, packed.Data, countyKey(t, c), false, func(m store.Major, classes []store.Class) int {
		if lc, ok := legacyOrderClassOf(m, classes); ok {
			want = append(want, store.LegacyOrderClass(m, lc.Students))
			return lc.Students
		}
		return 0 // the old program wrote 0 for a major without
	})
	if len(want) < 5 {
		t.Fatalf("the demo has %d majors with an 订单班人数, want several", len(want))
	}
	got, _ := receivedClasses(t, data)
	sameClasses(t, got, want)
}

// A format-1 file that already has classes keeps them as they are: a
// major's 订单班人数 becomes a class only where the file has no class of that
// school, year and major (of any type).
func TestLegacyFileKeepsItsOwnClasses(t *testing.T) {
	c := county(t)
	packed := pack(t, c, handoff.PackOptions{})
	var fileClasses []store.Class
	var want []store.Class
	added := 0
	data := legacyFile(t, packed.Data, countyKey(t, c), true, func(m store.Major, classes []store.Class) int {
		fileClasses = classes
		if slices.ContainsFunc(classes, func(c store.Class) bool {
			return c.SchoolCode == m.SchoolCode && c.Year == m.Year && c.MajorCode == m.Code
		}) {
			return 99 // a class of the major is in the file: ignored
		}
		if added < 2 {
			added++
			want = append(want, store.LegacyOrderClass(m, 9))
			return 9
		}
		return 0
	})
	if added != 2 {
		t.Fatalf("the demo has %d majors without a class, want 2 or more", added)
	}
	for _, fc := range fileClasses {
		fc.ID = 0
		want = append(want, fc)
	}
	got, _ := receivedClasses(t, data)
	sameClasses(t, got, want)
}

// Two majors of one school and year with the same name both keep their
// 订单班人数: the second class gets its major's code in its name, as the
// database migration does (they shared one class, and one count was lost).
func TestLegacyFileMajorsOfOneName(t *testing.T) {
	c := county(t)
	var first, second store.Major
	if err := c.Update(ctx, func(tx *store.Tx) error {
		ms, err := tx.Majors(year)
		if err != nil {
			return err
		}
		first, second = ms[0], ms[1]
		if first.SchoolCode != second.SchoolCode {
			t.Fatalf("majors %s and %s are of two schools", first.Code, second.Code)
		}
		second.Name = first.Name
		_, err = tx.PutMajor(&second)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	packed := pack(t, c, handoff.PackOptions{})
	data := legacyFile(t, packed.Data, countyKey(t, c), false, func(m store.Major, _ []store.Class) int {
		return map[string]int{first.Code: 11, second.Code: 7}[m.Code]
	})
	got, majors := receivedClasses(t, data)
	if len(got) != 2 {
		t.Fatalf("classes received: %+v, want one for each of the two majors", got)
	}
	students := map[string]int{}
	for _, g := range got {
		students[g.MajorCode] = g.Students
		i := slices.IndexFunc(majors, func(m store.Major) bool { return m.SchoolCode == g.SchoolCode && m.Code == g.MajorCode })
		// whichever of the two got the plain name, the other has its code added
		want := store.LegacyOrderClassNamed(majors[i], g.Students, func(name string) bool { return name != g.Name })
		if g != want {
			t.Errorf("class %+v, want %+v", g, want)
		}
	}
	if students[first.Code] != 11 || students[second.Code] != 7 {
		t.Errorf("students by major %v, want %s: 11 and %s: 7", students, first.Code, second.Code)
	}
}
