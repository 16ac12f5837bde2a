package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"chanjiao/store"
	"chanjiao/store/demo"
	"chanjiao/store/refdata"
)

// The end-to-end test: the real chanjiao binary, started under Xvfb on the
// demo county, once per screen (the hidden --screen flag), on a 1366×768
// and on a 1024×600 virtual screen (the window sized by the hidden --size
// flag); a PNG of each is saved in $CHANJIAO_SHOTS/<screen size> (default:
// a temp folder) and checked not to be blank, and the program must still be running when it is taken. A second
// start on the same database must be refused with a message, and a database
// written by a newer program must be refused with one too.
//
// Needs Xvfb, xwd, ImageMagick's convert and xdotool (.ci/deps.sh installs
// them). Without them the test fails: it must not pass by not running.

var e2eScreens = []struct{ name, file string }{
	{"首页", "01-home"},
	{"学校", "02-schools"},
	{"专业", "03-majors"},
	{"合作企业", "04-enterprises"},
	{"互派互聘", "05-secondments"},
	{"培训", "06-trainings"},
	{"报表", "07-reports"},
	{"设置", "08-settings"},
	{"关于", "09-settings-about"},
	{"操作记录", "10-audit"},
	{"校企合作协议", "14-agreements"},
	{"订单班与学徒制", "15-classes"},
	{"产教融合载体", "16-carriers"},
	{"师资", "17-teachers"},
	{"获奖", "18-awards"},
	{"政校企活动", "19-activities"},
}

const windowTitle = "产教融合数据报送"

// e2eSizes are the screens the pages are taken on: a common office screen
// and a small laptop's, each with the window 40 pixels shorter than the
// screen for a taskbar. The PNGs go to a folder per screen.
var e2eSizes = []struct{ screen, window string }{
	{"1366x768", "1366x728"},
	{"1024x600", "1024x560"},
}

func TestEndToEndScreens(t *testing.T) {
	for _, tool := range []string{"Xvfb", "xwd", "convert", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: the end-to-end test needs Xvfb, xwd (x11-apps), convert (imagemagick) and xdotool; run .ci/deps.sh", tool)
		}
	}
	work := t.TempDir()
	shots := os.Getenv("CHANJIAO_SHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	bin := buildProgram(t, work)
	dbPath := demoDatabase(t, work)
	prefPath := prefectureDatabase(t, work)
	for i, size := range e2eSizes {
		dir := filepath.Join(shots, size.screen)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		display := startXvfb(t, size.screen)
		env := append(os.Environ(), "DISPLAY="+display, "XDG_CONFIG_HOME="+filepath.Join(work, "config"),
			"CHANJIAO_DB=", "LIBGL_ALWAYS_SOFTWARE=1")
		for _, sc := range e2eScreens {
			p := startProgram(t, bin, env, "--db", dbPath, "--size", size.window, "--screen", sc.name)
			p.waitWindow(t)
			page := p.screenshot(t, display, filepath.Join(dir, sc.file+".png"))
			p.requireAlive(t)
			if sc.name == "学校" || sc.name == "产教融合载体" || sc.name == "政校企活动" { // Ctrl+N: the largest record forms, fitted to the window
				p.key(t, "ctrl+n")
				if form := p.screenshot(t, display, filepath.Join(dir, sc.file+"-form.png")); bytes.Equal(form, page) {
					t.Fatalf("Ctrl+N on %s at %s showed no form", sc.name, size.screen)
				}
			}
			if sc.name == "设置" && i == 0 {
				checkSecondStart(t, bin, env, dbPath, display, dir)
			}
			p.stop()
		}
		// a prefecture's 首页: 报送情况 with 接收 beside it
		p := startProgram(t, bin, env, "--db", prefPath, "--size", size.window, "--screen", "首页")
		p.waitWindow(t)
		p.screenshot(t, display, filepath.Join(dir, "13-prefecture-home.png"))
		p.requireAlive(t)
		p.stop()
		// a prefecture's 任务下达: the counties × its targets
		p = startProgram(t, bin, env, "--db", prefPath, "--size", size.window, "--screen", "任务下达")
		p.waitWindow(t)
		p.screenshot(t, display, filepath.Join(dir, "20-prefecture-tasks.png"))
		p.requireAlive(t)
		p.stop()
		if i == 0 {
			checkNewerDatabase(t, bin, env, dbPath, display, dir, work)
		}
	}
	t.Logf("screenshots in %s", shots)
}

// checkSecondStart: while the program runs, a second start on the same
// database is refused, in a window and, without a screen, on the terminal
// with exit code 1.
func checkSecondStart(t *testing.T, bin string, env []string, dbPath, display, dir string) {
	t.Helper()
	second := startProgram(t, bin, env, "--db", dbPath)
	second.waitStderr(t, "程序已经打开")
	second.waitWindows(t, 2)
	second.screenshot(t, display, filepath.Join(dir, "11-second-start.png"))
	second.stop()
	noScreen := startProgram(t, bin, withEnv(env, "DISPLAY=", "WAYLAND_DISPLAY="), "--db", dbPath)
	select {
	case <-noScreen.done:
	case <-time.After(20 * time.Second):
		t.Fatalf("a second start without a screen did not end; output:\n%s", noScreen.output())
	}
	if code := noScreen.cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(noScreen.output(), "程序已经打开") {
		t.Fatalf("second start without a screen: exit %d, output:\n%s", code, noScreen.output())
	}
}

// checkNewerDatabase: a database a newer program wrote is refused with a
// message and left untouched.
func checkNewerDatabase(t *testing.T, bin string, env []string, dbPath, display, dir, work string) {
	t.Helper()
	newer := filepath.Join(work, "newer.db")
	makeNewerDatabase(t, dbPath, newer)
	before, _ := os.ReadFile(newer)
	p := startProgram(t, bin, env, "--db", newer)
	p.waitStderr(t, "较新版本")
	p.waitWindows(t, 1)
	p.screenshot(t, display, filepath.Join(dir, "12-newer-database.png"))
	p.stop()
	if after, _ := os.ReadFile(newer); !bytes.Equal(before, after) {
		t.Fatal("the newer database was changed")
	}
}

// withEnv returns env with the given NAME=value entries replacing any of the
// same name.
func withEnv(env []string, set ...string) []string {
	out := []string{}
	for _, e := range env {
		keep := true
		for _, s := range set {
			if strings.HasPrefix(e, s[:strings.Index(s, "=")+1]) {
				keep = false
			}
		}
		if keep {
			out = append(out, e)
		}
	}
	return append(out, set...)
}

// buildProgram builds the real binary, as `make build` does.
func buildProgram(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "chanjiao")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// demoDatabase makes the demo county's database, as `chanjiao-cli demo` does.
func demoDatabase(t *testing.T, dir string) string {
	t.Helper()
	return makeDatabase(t, filepath.Join(dir, "data"), func(db *store.DB) error {
		return demo.Fill(context.Background(), db)
	})
}

// prefectureDatabase makes a prefecture's database with nothing received
// yet: its 首页 lists the counties under it as not sent.
func prefectureDatabase(t *testing.T, dir string) string {
	t.Helper()
	return makeDatabase(t, filepath.Join(dir, "prefecture"), func(db *store.DB) error {
		return db.Update(context.Background(), func(tx *store.Tx) error {
			if err := tx.SetUnit(store.Unit{Code: "532300", Name: "楚雄州教育体育局", Level: store.LevelPrefecture}); err != nil {
				return err
			}
			// targets of its own, and some sent down: 任务下达 and the 考核 grid have rows
			y := time.Now().Year() - 1
			ts := append(store.DefaultTargets(y),
				store.Target{Year: y, Indicator: store.IndTraining, Categories: []string{"企业职工", "农村劳动力"}, Value: 40000},
				store.Target{Year: y, Indicator: store.IndPractice, Value: 200}) // 双师型 and the meetings: the defaults
			if err := tx.SetTargets(y, ts); err != nil {
				return err
			}
			for i, code := range []string{"532301", "532322"} {
				if err := tx.AssignTargets(code, y, []store.Target{
					{Year: y, Indicator: store.IndTraining, Categories: []string{"企业职工", "农村劳动力"}, Value: float64(8000 - 2000*i)},
					{Year: y, Indicator: store.IndPractice, Value: float64(30 - 10*i)},
					{Year: y, Indicator: store.IndProgression, Value: 0.65}}); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// makeDatabase makes a database in dir, filled by fill, and returns its path.
func makeDatabase(t *testing.T, dir string, fill func(*store.DB) error) string {
	t.Helper()
	ref, err := refdata.ForTests()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, store.DBFileName)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, ref)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := fill(db); err != nil {
		t.Fatal(err)
	}
	return path
}

// makeNewerDatabase copies the database and marks it as written by a
// program with a newer schema.
func makeNewerDatabase(t *testing.T, from, to string) {
	t.Helper()
	db, err := store.Open(from, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SQL().Exec("VACUUM INTO ?", to); err != nil {
		t.Fatal(err)
	}
	cp, err := store.Open(to, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = cp.SQL().Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion()+1))
	cp.Close()
	if err != nil {
		t.Fatal(err)
	}
}

// startXvfb starts a virtual screen on a free display number and stops it,
// by its PID, when the test ends. The number is drawn from 100–999, away
// from the :0, :1 and :99 that other programs and tests like to use; Xvfb
// reports on -displayfd when it accepts connections.
func startXvfb(t *testing.T, screen string) string {
	t.Helper()
	var last string
	for attempt := 0; attempt < 10; attempt++ {
		n := 100 + rand.IntN(900)
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		display, cmd, errText := tryXvfb(n, screen)
		if cmd == nil {
			last = errText
			continue
		}
		check := exec.Command("xdotool", "getdisplaygeometry")
		check.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := check.CombinedOutput(); err != nil {
			last = fmt.Sprintf("%s reported ready but does not answer: %v %s", display, err, out)
			cmd.Process.Kill()
			cmd.Wait()
			continue
		}
		t.Cleanup(func() {
			cmd.Process.Kill()
			cmd.Wait()
		})
		return display
	}
	t.Fatalf("Xvfb did not start: %s", last)
	return ""
}

// tryXvfb starts Xvfb on display n with a screen of the given size (e.g.
// 1024x600) and waits until it is ready; on failure
// it returns a nil command and what Xvfb said.
func tryXvfb(n int, screen string) (string, *exec.Cmd, string) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err.Error()
	}
	defer r.Close()
	display := fmt.Sprintf(":%d", n)
	// -noreset: by default Xvfb resets when its last client leaves, and a
	// program started during the reset cannot open the display
	cmd := exec.Command("Xvfb", display, "-displayfd", "3", "-screen", "0", screen+"x24", "-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		w.Close()
		return "", nil, err.Error()
	}
	w.Close()
	ready := make(chan bool, 1)
	go func() {
		buf := make([]byte, 32)
		k, _ := r.Read(buf)
		ready <- strings.TrimSpace(string(buf[:k])) == strconv.Itoa(n)
	}()
	select {
	case ok := <-ready:
		if ok {
			return display, cmd, ""
		}
	case <-time.After(15 * time.Second):
	}
	cmd.Process.Kill()
	cmd.Wait()
	return "", nil, stderr.String()
}

// program is one run of the binary.
type program struct {
	cmd     *exec.Cmd
	env     []string
	display string
	done    chan struct{}
	mu      sync.Mutex
	out     bytes.Buffer
}

func (p *program) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Write(b)
}

// output is what the program printed, and the end of its log.
func (p *program) output() string {
	p.mu.Lock()
	out := p.out.String()
	p.mu.Unlock()
	for i, a := range p.cmd.Args {
		if a == "--db" && i+1 < len(p.cmd.Args) {
			if b, err := os.ReadFile(filepath.Join(filepath.Dir(p.cmd.Args[i+1]), "chanjiao.log")); err == nil {
				if len(b) > 4000 {
					b = b[len(b)-4000:]
				}
				out += "\n--- chanjiao.log (end) ---\n" + string(b)
			}
		}
	}
	return out
}

func startProgram(t *testing.T, bin string, env []string, args ...string) *program {
	t.Helper()
	p := &program{cmd: exec.Command(bin, args...), env: env, done: make(chan struct{})}
	for _, e := range env {
		if strings.HasPrefix(e, "DISPLAY=") {
			p.display = strings.TrimPrefix(e, "DISPLAY=")
		}
	}
	p.cmd.Env = env
	p.cmd.Stdout, p.cmd.Stderr = p, p
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(p.stop)
	return p
}

// stop kills the program by its PID and waits for it.
func (p *program) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Kill()
	<-p.done
}

func (p *program) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

func (p *program) requireAlive(t *testing.T) {
	t.Helper()
	if p.exited() {
		t.Fatalf("%s ended (%v); its output:\n%s", strings.Join(p.cmd.Args, " "), p.cmd.ProcessState, p.output())
	}
}

// displayState says whether the virtual screen still answers, to tell a
// failure of the program from one of Xvfb.
func (p *program) displayState() string {
	cmd := exec.Command("xdotool", "getdisplaygeometry")
	cmd.Env = p.env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Sprintf("display %s does not answer: %v %s", p.display, err, strings.TrimSpace(string(out)))
	}
	return "display " + p.display + " answers"
}

// windows counts the visible windows of the program's title.
func (p *program) windows() int {
	cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", windowTitle)
	cmd.Env = p.env
	out, _ := cmd.Output()
	return len(strings.Fields(string(out)))
}

func (p *program) waitWindow(t *testing.T) { t.Helper(); p.waitWindows(t, 1) }

// waitWindows waits until n windows of the program's title are visible.
func (p *program) waitWindows(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for p.windows() < n {
		if p.exited() {
			t.Fatalf("%s ended before its window showed (%s); output:\n%s", strings.Join(p.cmd.Args, " "), p.displayState(), p.output())
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window after 20 s (%s); output:\n%s", p.displayState(), p.output())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (p *program) waitStderr(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(p.output(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not say %q; output:\n%s", strings.Join(p.cmd.Args, " "), want, p.output())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// key types keys (xdotool's names, e.g. ctrl+n) into the program's window.
func (p *program) key(t *testing.T, keys string) {
	t.Helper()
	find := exec.Command("xdotool", "search", "--onlyvisible", "--name", windowTitle)
	find.Env = p.env
	out, _ := find.Output()
	ids := strings.Fields(string(out))
	if len(ids) == 0 {
		t.Fatalf("no window to type %s into", keys)
	}
	typ := exec.Command("xdotool", "windowfocus", ids[0], "key", keys)
	typ.Env = p.env
	if out, err := typ.CombinedOutput(); err != nil {
		t.Fatalf("xdotool key %s: %v %s", keys, err, out)
	}
}

// screenshot saves the whole screen as a PNG once it has stopped changing
// (the window drawn, the data loaded), checks that it is not blank and
// returns it.
func (p *program) screenshot(t *testing.T, display, path string) []byte {
	t.Helper()
	// the pointer off the window (in the taskbar's strip), so no cell shows a hover
	geom := exec.Command("xdotool", "getdisplaygeometry")
	geom.Env = p.env
	out, _ := geom.Output()
	var w, h int
	fmt.Sscan(string(out), &w, &h)
	move := exec.Command("xdotool", "mousemove", strconv.Itoa(w-1), strconv.Itoa(h-1))
	move.Env = p.env
	move.Run()
	var last []byte
	deadline := time.Now().Add(10 * time.Second)
	for {
		time.Sleep(400 * time.Millisecond)
		img, err := grab(display)
		if err != nil {
			t.Fatal(err)
		}
		if last != nil && bytes.Equal(img, last) || time.Now().After(deadline) {
			last = img
			break
		}
		last = img
	}
	if err := os.WriteFile(path, last, 0o644); err != nil {
		t.Fatal(err)
	}
	n, err := distinctColours(last)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if n < 50 {
		t.Fatalf("%s looks blank: %d distinct colours", path, n)
	}
	return last
}

// grab takes the screen: xwd -root | convert xwd:- png:-.
func grab(display string) ([]byte, error) {
	xwd := exec.Command("xwd", "-root", "-silent", "-display", display)
	conv := exec.Command("convert", "xwd:-", "png:-")
	pipe, err := xwd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	conv.Stdin = pipe
	var out, errs bytes.Buffer
	conv.Stdout, conv.Stderr = &out, &errs
	if err := xwd.Start(); err != nil {
		return nil, fmt.Errorf("xwd: %v", err)
	}
	if err := conv.Run(); err != nil {
		xwd.Wait()
		return nil, fmt.Errorf("convert: %v: %s", err, errs.String())
	}
	if err := xwd.Wait(); err != nil {
		return nil, fmt.Errorf("xwd: %v", err)
	}
	return out.Bytes(), nil
}

func distinctColours(b []byte) (int, error) {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	seen := map[[4]uint32]bool{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, b, a}] = true
		}
	}
	return len(seen), nil
}
