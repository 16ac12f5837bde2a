package crashtest

// The crash test: a child process imports workbooks, edits a record and
// takes backups in a loop; the parent kills it (SIGKILL on Unix) at random
// moments and then opens the database the way the program does at its next
// start, and checks that nothing is torn.

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"chanjiao/store"
	"chanjiao/store/backup"
	"chanjiao/store/refdata"
	"chanjiao/store/workbook"
)

var crashKills = flag.Int("crash.kills", envInt("CHANJIAO_CRASH_KILLS", 200), "how many times the crash test kills its child (env CHANJIAO_CRASH_KILLS)")

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func init() { children["crash"] = crashChild }

// markerRE matches a training of the crash test's imports: import number
// g-i of the child of kill g, with n rows; the row number follows.
var markerRE = regexp.MustCompile(`^(崩溃测试-(\d+)-(\d+)-n(\d+))-\d{3}$`)

// crashChild works on the database in dir until it is killed: imports of
// distinct sets of trainings, single-record edits of the school's 联系人 (a
// counter) and, now and then, a backup. After each committed action it
// reports it on stdout.
func crashChild(arg string) int {
	dir, genText, _ := strings.Cut(arg, ",")
	gen, _ := strconv.Atoi(genText)
	r, err := ref()
	if err != nil {
		report("FAIL %v", err)
		return 3
	}
	db, err := store.Open(filepath.Join(dir, store.DBFileName), r)
	if err != nil {
		report("FAIL open: %v", err)
		return 3
	}
	defer db.Close()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(gen), uint64(time.Now().UnixNano())))
	books := filepath.Join(dir, "books")
	report("READY")
	deadline := time.Now().Add(2 * time.Minute) // the parent kills long before
	for i := 0; time.Now().Before(deadline); i++ {
		switch k := rng.IntN(40); {
		case k < 24:
			n := []int{1, 2, 5, 25}[rng.IntN(4)]
			marker := fmt.Sprintf("崩溃测试-%d-%d-n%d", gen, i, n)
			path := filepath.Join(books, marker+".xlsx")
			if err := writeBook(path, trainingsSheet(marker, n)); err != nil {
				report("FAIL writing %s: %v", path, err)
				return 3
			}
			if _, err := workbook.Import(ctx, db, path); err != nil {
				report("FAIL import %s: %v", marker, err)
				return 3
			}
			report("IMPORTED %s", marker)
			os.Remove(path)
		case k < 39:
			var v int
			err := db.Update(ctx, func(tx *store.Tx) error {
				ss, err := tx.Schools()
				if err != nil || len(ss) != 1 {
					return fmt.Errorf("schools: %v, %d", err, len(ss))
				}
				s := ss[0]
				if v, err = strconv.Atoi(s.Contact); err != nil {
					return err
				}
				v++
				s.Contact = strconv.Itoa(v)
				_, err = tx.PutSchool(&s)
				return err
			})
			if err != nil {
				report("FAIL edit: %v", err)
				return 3
			}
			report("EDITED %d", v)
		default:
			path, err := backup.Auto(db) // as the program does at every start
			if err != nil {
				report("FAIL backup: %v", err)
				return 3
			}
			report("BACKUP %s", path)
		}
	}
	return 0
}

// crashState is what the parent knows the children committed.
type crashState struct {
	imported map[string]int  // marker → rows, of every import reported as done
	edited   int             // the last counter value reported
	backups  map[string]bool // backups reported as written
	checked  map[string]bool // backup files already checked, by name, size and time
}

func TestCrash(t *testing.T) {
	kills := *crashKills
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "books"), 0o755); err != nil {
		t.Fatal(err)
	}
	dbPath := newDB(t, dir)
	r, err := ref()
	if err != nil {
		t.Fatal(err)
	}
	st := &crashState{imported: map[string]int{}, backups: map[string]bool{}, checked: map[string]bool{}}
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	start := time.Now()
	var totalSleep, totalReady, totalCheck time.Duration
	var stats struct{ imports, edits, backups, walLeft int }
	for g := 1; g <= kills; g++ {
		cmd := childCmd("crash", fmt.Sprintf("%s,%d", dir, g))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		started := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		// wait for the child to have the database open, then let it work
		// for a random 5–200 ms and kill it
		timeout := time.After(30 * time.Second)
		for ready := false; !ready; {
			select {
			case l, ok := <-lines:
				if !ok || strings.HasPrefix(l, "FAIL") {
					cmd.Wait()
					t.Fatalf("kill %d: child ended before it was ready: %s\n%s", g, l, stderr.String())
				}
				ready = l == "READY"
			case <-timeout:
				cmd.Process.Kill()
				t.Fatalf("kill %d: child not ready after 30 s", g)
			}
		}
		totalReady += time.Since(started)
		sleep := time.Duration(5+rng.IntN(196)) * time.Millisecond
		totalSleep += sleep
		time.Sleep(sleep)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatalf("kill %d: %v", g, err)
		}
		for l := range lines { // until the pipe closes: everything the child wrote
			verb, rest, _ := strings.Cut(l, " ")
			switch verb {
			case "FAIL":
				cmd.Wait()
				t.Fatalf("kill %d: child failed before it was killed: %s\n%s", g, rest, stderr.String())
			case "IMPORTED":
				st.imported[rest] = markerSize(rest)
				stats.imports++
			case "EDITED":
				st.edited, _ = strconv.Atoi(rest)
				stats.edits++
			case "BACKUP":
				st.backups[rest] = true
				stats.backups++
			}
		}
		if err := cmd.Wait(); err == nil {
			t.Fatalf("kill %d: the child ended by itself before it was killed\n%s", g, stderr.String())
		}
		if _, err := os.Stat(dbPath + "-wal"); err == nil {
			stats.walLeft++
		}
		checkStart := time.Now()
		for _, p := range crashCheck(dbPath, r, st) {
			t.Errorf("kill %d: %s", g, p)
		}
		totalCheck += time.Since(checkStart)
		if t.Failed() {
			t.Fatalf("stopped after kill %d", g)
		}
	}
	t.Logf("%d kills (SIGKILL) in %v: children starting %v, working 5–200 ms each after the database was open (%v in total), checks %v",
		kills, time.Since(start).Round(time.Millisecond), totalReady.Round(time.Millisecond), totalSleep.Round(time.Millisecond), totalCheck.Round(time.Millisecond))
	t.Logf("the children reported %d imports, %d edits and %d automatic backups committed before they were killed; %d kills left a WAL file to recover; %d backup files checked",
		stats.imports, stats.edits, stats.backups, stats.walLeft, len(st.checked))
	t.Logf("after every kill: integrity_check ok, the audit chain unbroken, every import all or none of its rows with one audit entry per row and one import entry, every reported import present, the edited counter at the last reported value or one more, every backup under its final name passing backup.Check with whole imports")

	// the copies that kills cut short leave temporary files; the next
	// start's backup.Auto removes them once they are stale
	leftovers := tempFiles(dir)
	old := time.Now().Add(-2 * time.Hour)
	for _, f := range leftovers {
		os.Chtimes(f, old, old)
	}
	db, err := store.Open(dbPath, r)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := backup.Auto(db); err != nil {
		t.Fatal(err)
	}
	if left := tempFiles(dir); len(left) > 0 {
		t.Errorf("backup.Auto left %d stale temporary files: %v", len(left), left)
	}
	t.Logf("temporary files of copies cut short by kills: %d, all removed by the next backup.Auto", len(leftovers))
}

// tempFiles lists the temporary files beside the database and in its backups folder.
func tempFiles(dir string) []string {
	var out []string
	for _, d := range []string{dir, backup.Dir(filepath.Join(dir, store.DBFileName))} {
		names, _ := filepath.Glob(filepath.Join(d, ".*"))
		out = append(out, names...)
	}
	return out
}

// crashCheck opens the database as the program would after a crash and
// checks it, and every backup not checked yet. It returns the problems.
func crashCheck(dbPath string, r *refdata.Reference, st *crashState) []string {
	db, err := store.Open(dbPath, r)
	if err != nil {
		return []string{fmt.Sprintf("open after the kill: %v", err)}
	}
	defer db.Close()
	var ps []string
	v, err := db.Verify()
	switch {
	case err != nil:
		return []string{fmt.Sprintf("verify: %v", err)}
	case v.Integrity != "ok":
		ps = append(ps, "integrity_check: "+v.Integrity)
	case v.BrokenAt != 0:
		ps = append(ps, fmt.Sprintf("audit chain broken at entry %d: %s", v.BrokenAt, v.BrokenWhy))
	}
	counts, whole := wholeImports(db)
	ps = append(ps, whole...)
	for m, n := range st.imported {
		if counts[m] != n {
			ps = append(ps, fmt.Sprintf("import %s was reported committed but has %d of its %d rows", m, counts[m], n))
		}
	}
	var contact string
	if err := db.SQL().QueryRow("SELECT contact FROM schools WHERE code = ?", schoolCode).Scan(&contact); err != nil {
		return append(ps, fmt.Sprintf("reading the edited school: %v", err))
	}
	if c, _ := strconv.Atoi(contact); c != st.edited && c != st.edited+1 {
		ps = append(ps, fmt.Sprintf("edited counter = %s, last reported %d (want it or the one in flight)", contact, st.edited))
	} else {
		st.edited = c // an edit in flight may have committed unreported
	}

	// every backup under its final name, reported or not, must be whole
	finals, _ := filepath.Glob(filepath.Join(backup.Dir(dbPath), "chanjiao-*.db"))
	present := map[string]bool{}
	for _, path := range finals {
		present[path] = true
		fi, err := os.Stat(path)
		if err != nil {
			continue
		}
		key := fmt.Sprintf("%s|%d|%d", path, fi.Size(), fi.ModTime().UnixNano())
		if st.checked[key] {
			continue
		}
		st.checked[key] = true
		if err := backup.Check(path); err != nil {
			ps = append(ps, fmt.Sprintf("backup %s: %v", filepath.Base(path), err))
			continue
		}
		snap, err := store.Open(path, r)
		if err != nil {
			ps = append(ps, fmt.Sprintf("opening backup %s: %v", filepath.Base(path), err))
			continue
		}
		_, whole := wholeImports(snap)
		for _, p := range whole {
			ps = append(ps, "backup "+filepath.Base(path)+": "+p)
		}
		snap.Close()
	}
	for path := range st.backups {
		if !present[path] && len(finals) < 10 {
			ps = append(ps, fmt.Sprintf("backup %s was reported written but is gone (only %d kept)", filepath.Base(path), len(finals)))
		}
	}
	return ps
}

// wholeImports checks that every import in db is all or nothing: the rows
// of each marker number its n, with n audit "create" entries and one
// "import" entry; an import with no rows has no entries. It returns the rows
// per marker and the problems.
func wholeImports(db *store.DB) (map[string]int, []string) {
	counts := map[string]int{}
	sizes := map[string]int{}
	var ps []string
	rows, err := db.SQL().Query("SELECT name FROM trainings WHERE name LIKE '崩溃测试-%'")
	if err != nil {
		return counts, []string{err.Error()}
	}
	for rows.Next() {
		var name string
		rows.Scan(&name)
		m := markerRE.FindStringSubmatch(name)
		if m == nil {
			ps = append(ps, fmt.Sprintf("unexpected training %q", name))
			continue
		}
		counts[m[1]]++
		sizes[m[1]], _ = strconv.Atoi(m[4])
	}
	rows.Close()
	creates := map[string]int{}
	imports := map[string]int{}
	rows, err = db.SQL().Query("SELECT action, key FROM audit WHERE action IN ('create', 'import') AND key LIKE '%崩溃测试-%'")
	if err != nil {
		return counts, append(ps, err.Error())
	}
	for rows.Next() {
		var action, key string
		rows.Scan(&action, &key)
		switch action {
		case store.ActImport:
			imports[strings.TrimSuffix(key, ".xlsx")]++
		case store.ActCreate: // school/name/category/date
			if parts := strings.Split(key, "/"); len(parts) == 4 {
				if m := markerRE.FindStringSubmatch(parts[1]); m != nil {
					creates[m[1]]++
				}
			}
		}
	}
	rows.Close()
	for m, c := range counts {
		if c != sizes[m] {
			ps = append(ps, fmt.Sprintf("import %s is torn: %d of its %d rows", m, c, sizes[m]))
		}
		if creates[m] != c || imports[m] != 1 {
			ps = append(ps, fmt.Sprintf("import %s: %d rows but %d audit create entries and %d import entries", m, c, creates[m], imports[m]))
		}
	}
	for m, n := range imports {
		if counts[m] == 0 {
			ps = append(ps, fmt.Sprintf("import %s is in the audit (%d entries) but none of its rows are", m, n))
		}
	}
	return counts, ps
}

// TestCrashCheckerSeesTornImports makes sure the crash test's checks would
// notice: a row deleted behind the store's back, an audit entry removed.
func TestCrashCheckerSeesTornImports(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, dir)
	r, err := ref()
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(dbPath, r)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, marker := range []string{"崩溃测试-1-1-n3", "崩溃测试-1-2-n2"} {
		book := filepath.Join(dir, marker+".xlsx")
		if err := writeBook(book, trainingsSheet(marker, markerSize(marker))); err != nil {
			t.Fatal(err)
		}
		if _, err := workbook.Import(context.Background(), db, book); err != nil {
			t.Fatal(err)
		}
	}
	if _, ps := wholeImports(db); len(ps) > 0 {
		t.Fatalf("whole imports reported as torn: %v", ps)
	}
	if _, err := db.SQL().Exec("DELETE FROM trainings WHERE name = '崩溃测试-1-1-n3-002'"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec("DELETE FROM audit WHERE action = 'import' AND key LIKE '崩溃测试-1-2-%'"); err != nil {
		t.Fatal(err)
	}
	_, ps := wholeImports(db)
	want := []string{"import 崩溃测试-1-1-n3 is torn: 2 of its 3 rows", "import 崩溃测试-1-2-n2: 2 rows but 2 audit create entries and 0 import entries"}
	for _, w := range want {
		if !slices.Contains(ps, w) {
			t.Errorf("problems %q lack %q", ps, w)
		}
	}
}

func markerSize(marker string) int {
	n, _ := strconv.Atoi(markerRE.FindStringSubmatch(marker + "-001")[4])
	return n
}
