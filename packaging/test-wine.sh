#!/usr/bin/env bash
# The Windows build tested under wine (make test-windows). Steps:
#   1. installs the Debian packages it needs when missing (dpkg-query first)
#   2. builds dist/wine-test/dist with packaging/build-windows.sh, signed with a
#      throw-away self-signed certificate made here with openssl; checks file(1),
#      the resources and the signatures
#   3. a fresh WINEPREFIX (and a throw-away HOME, so wine writes nothing into
#      the real one) with the stand-in bcryptprimitives.dll (tests only: wine 8.0
#      lacks it, Go 1.22+ needs ProcessPrng; never shipped)
#   4. chanjiao-cli.exe init → demo → check → export on a database whose path
#      has Chinese characters and spaces; the same on Linux; check --json must be
#      byte-identical, the exported workbooks identical in content
#   5. an exported workbook held open as Excel does: export onto it, import from it
#   6. the portable zip unpacked on a removable drive (E:, type floppy) keeps its
#      database beside the exe
#   7. the installer (/S): files, Start-menu and desktop shortcuts, HKCU registry
#      (uninstall entry, .cjrh association); the data in %AppData%\chanjiao;
#      upgrade over itself keeps data and backups; uninstall keeps the data,
#      uninstall /DELETEDATA removes it
#   8. under Xvfb: the OpenGL check (passes on Mesa; with MESA_GL_VERSION_OVERRIDE=1.1
#      shows the Chinese message box: screenshot); the installed chanjiao.exe opens
#      its window (screenshot); the installer refuses to replace a running program
# Everything it makes is in dist/wine-test/ (report.txt, the JSON, screenshots).
# Exit status 1 when any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
START=$(date +%s)
RES=${RESULTS:-$ROOT/dist/wine-test}
rm -rf "$RES"
mkdir -p "$RES"
RES=$(cd "$RES" && pwd)
REPORT=$RES/report.txt
FAILS=0
pass() { echo "ok    $*" | tee -a "$REPORT"; }
fail() { echo "FAIL  $*" | tee -a "$REPORT"; FAILS=$((FAILS + 1)); }
note() { echo "      $*" | tee -a "$REPORT"; }
step() { echo "== $* ($(($(date +%s) - START)) s)" | tee -a "$REPORT"; }
check() { # check "description" command...: pass when the command succeeds
  local what=$1; shift
  if "$@" >>"$RES/commands.log" 2>&1; then pass "$what"; else fail "$what"; fi
}

# ---------------------------------------------------------------- 1. packages
step "packages"
pkgs=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis osslsigncode openssl wine64 xvfb xauth
      x11-apps imagemagick xdotool libgl1-mesa-dri fonts-wqy-microhei unzip file)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || exit 1
fi
WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver
[ -x "$WINE" ] || WINE=$(command -v wine64 || command -v wine)
[ -x "$WINESERVER" ] || WINESERVER=$(command -v wineserver)

# ---------------------------------------------------------------- 2. build, signed
step "build (signed with a throw-away certificate)"
KEYS=$(mktemp -d)
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout "$KEYS/key.pem" -out "$KEYS/cert.pem" \
  -subj "/CN=chanjiao test signing (throw-away)" -addext "extendedKeyUsage=codeSigning" 2>/dev/null
DIST=$RES/dist
if ! OUT=$DIST SIGN_CERT="$KEYS/cert.pem" SIGN_KEY="$KEYS/key.pem" packaging/build-windows.sh >"$RES/build.log" 2>&1; then
  fail "packaging/build-windows.sh (see $RES/build.log)"; tail -20 "$RES/build.log"; exit 1
fi
pass "packaging/build-windows.sh ($(($(date +%s) - START)) s so far)"
VERSION=$("$ROOT/bin/winpkg" version FyneApp.toml | cut -d' ' -f1)
SETUP=$DIST/chanjiao-setup-$VERSION.exe
ZIP=$DIST/chanjiao-$VERSION-portable.zip
for f in chanjiao.exe chanjiao-cli.exe "$(basename "$SETUP")" "$(basename "$ZIP")"; do
  note "$(cd "$DIST" && ls -l "$f" | awk '{print $5, $9}')"
done
(cd "$DIST" && file chanjiao.exe chanjiao-cli.exe "$(basename "$SETUP")") | tee "$RES/file.txt" | sed 's/^/      /' | tee -a "$REPORT" >/dev/null
check "chanjiao.exe is PE32+ GUI x86-64" grep -q 'chanjiao.exe: *PE32+ executable (GUI) x86-64' "$RES/file.txt"
check "chanjiao-cli.exe is PE32+ console x86-64" grep -q 'chanjiao-cli.exe: *PE32+ executable (console) x86-64' "$RES/file.txt"
"$ROOT/bin/winpkg" peinfo "$DIST/chanjiao.exe" >"$RES/peinfo-chanjiao.txt"
"$ROOT/bin/winpkg" peinfo "$DIST/chanjiao-cli.exe" >"$RES/peinfo-chanjiao-cli.txt"
sed 's/^/      chanjiao.exe /' "$RES/peinfo-chanjiao.txt" | tee -a "$REPORT"
check "chanjiao.exe: icon, version $VERSION, manifest asInvoker + PerMonitorV2" \
  bash -c "grep -q 'icon group GLFW_ICON' '$RES/peinfo-chanjiao.txt' && grep -q 'ProductVersion: $VERSION' '$RES/peinfo-chanjiao.txt' \
    && grep -q 'asInvoker: true' '$RES/peinfo-chanjiao.txt' && grep -q 'PerMonitorV2: true' '$RES/peinfo-chanjiao.txt'"
check "chanjiao-cli.exe: icon, version, manifest" \
  bash -c "grep -q 'icon group' '$RES/peinfo-chanjiao-cli.txt' && grep -q 'ProductVersion: $VERSION' '$RES/peinfo-chanjiao-cli.txt' && grep -q 'asInvoker: true' '$RES/peinfo-chanjiao-cli.txt'"
for f in chanjiao.exe chanjiao-cli.exe "$(basename "$SETUP")"; do
  check "$f signed (osslsigncode verify)" osslsigncode verify -CAfile "$KEYS/cert.pem" -in "$DIST/$f"
done
check "signing skipped with a message when no certificate is given" \
  bash -c "env -u SIGN_CERT -u SIGN_KEY packaging/sign.sh /nonexistent.exe | grep -q 'skipping signing'"
if [ -n "$(git status --porcelain --ignored -- 'cmd/*.syso' 'cmd/*/*.syso' 2>/dev/null)" ]; then
  fail "build left .syso files in cmd/"; else pass "no .syso left in cmd/ after the build"; fi
check "README.txt has CRLF line ends and a UTF-8 BOM" \
  bash -c "head -c3 '$DIST/README.txt' | od -An -tx1 | grep -q 'ef bb bf' && [ \$(grep -c \$'\\r\$' '$DIST/README.txt') -eq \$(wc -l <'$DIST/README.txt') ]"
unzip -l "$ZIP" >"$RES/zip-list.txt"
check "portable zip holds chanjiao/{chanjiao.exe,chanjiao-cli.exe,chanjiao.portable,README.txt}" \
  bash -c "for f in chanjiao.exe chanjiao-cli.exe chanjiao.portable README.txt; do grep -q \" chanjiao/\$f\$\" '$RES/zip-list.txt' || exit 1; done"

# ---------------------------------------------------------------- 3. wine prefix
step "wine prefix"
export WINEPREFIX
WINEPREFIX=$(mktemp -d /tmp/chanjiao-wine.XXXXXX)
WHOME=$WINEPREFIX/home   # wine links Desktop/Documents to $HOME and writes menus there
mkdir -p "$WHOME"
XVFB_PID=""
cleanup() {
  HOME="$WHOME" "$WINESERVER" -k 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  [ "${KEEP_PREFIX:-}" = 1 ] || rm -rf "$WINEPREFIX"
  rm -rf "$KEYS"
}
trap cleanup EXIT
# A locale that exists: with LANG naming a missing one (zh_CN.UTF-8 on a machine
# without it) wine cannot convert Chinese file names and window titles.
WLOCALE=C.UTF-8
locale -a 2>/dev/null | grep -qix 'zh_CN.utf8' && WLOCALE=zh_CN.UTF-8
w() { LC_ALL=$WLOCALE LANG=$WLOCALE HOME="$WHOME" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=,winemenubuilder.exe=d" "$WINE" "$@"; }
wsync() { HOME="$WHOME" "$WINESERVER" -w; }
w wineboot -i >>"$RES/commands.log" 2>&1
wsync
WUSER=$(ls "$WINEPREFIX/drive_c/users" | grep -v -x Public | head -1)
WU=$WINEPREFIX/drive_c/users/$WUSER
# Wine has no Chinese in its dialog fonts (Tahoma, MS Shell Dlg) and no 宋体, which
# NSIS's Chinese pages ask for: map them to WenQuanYi Micro Hei, as a Chinese Windows
# has its own (message box and installer only; the window draws with its bundled font).
for f in Tahoma "MS Shell Dlg" "MS Shell Dlg 2" 宋体 SimSun NSimSun; do
  w reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$f" /t REG_SZ /d "WenQuanYi Micro Hei" /f >>"$RES/commands.log" 2>&1
done
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  packaging/wine/bcryptprimitives.c packaging/wine/bcryptprimitives.def -ladvapi32
x86_64-w64-mingw32-gcc -O2 -s -municode -o "$WINEPREFIX/drive_c/holdopen.exe" packaging/wine/holdopen.c
pass "prefix $WINEPREFIX (user $WUSER) with the stand-in bcryptprimitives.dll ($(($(date +%s) - START)) s so far)"

# ---------------------------------------------------------------- 4. CLI: Windows vs Linux
step "chanjiao-cli.exe: init → demo → check → export, Chinese path with spaces"
YEAR=$(($(date +%Y) - 1))   # demo.Fill's statistical year
WDIR="$WU/产教 融合/楚雄 数据"
mkdir -p "$WDIR"
WDB="C:\\users\\$WUSER\\产教 融合\\楚雄 数据\\县 数据库.db"
WXLSX="C:\\users\\$WUSER\\产教 融合\\楚雄 数据\\导出 $YEAR 年.xlsx"
CLI="$DIST/chanjiao-cli.exe"
flow() { # flow RUNNER DB XLSX OUTPREFIX
  local run=$1 db=$2 xlsx=$3 out=$4 rc=0
  $run --db "$db" init --unit 532301 --name "楚雄市教育体育局" >"$out.init" 2>&1 || rc=1
  $run --db "$db" demo >"$out.demo" 2>&1 || rc=1
  $run --db "$db" check --year "$YEAR" >"$out.check.txt" 2>&1 || rc=1
  $run --db "$db" check --year "$YEAR" --json >"$out.check.json" 2>"$out.check.err" || rc=1
  $run --db "$db" export --year "$YEAR" --out "$xlsx" >"$out.export" 2>&1 || rc=1
  return $rc
}
wcli() { w "$CLI" "$@"; }
check "Windows flow exit 0" flow wcli "$WDB" "$WXLSX" "$RES/windows"
sed 's/^/      /' "$RES/windows.init" "$RES/windows.demo" "$RES/windows.export" | tee -a "$REPORT"
check "Windows database and workbook at the Chinese path" test -s "$WDIR/县 数据库.db" -a -s "$WDIR/导出 $YEAR 年.xlsx"

LBIN=$RES/linux/chanjiao-cli
go build -trimpath -ldflags "-s -w -X chanjiao/store.Version=$VERSION" -o "$LBIN" ./cmd/chanjiao-cli
LDIR="$RES/linux/产教 融合/楚雄 数据"
mkdir -p "$LDIR"
check "Linux flow exit 0" flow "$LBIN" "$LDIR/县 数据库.db" "$LDIR/导出 $YEAR 年.xlsx" "$RES/linux"
cp "$RES/windows.check.json" "$RES/check-windows.json"
cp "$RES/linux.check.json" "$RES/check-linux.json"
note "check --json: windows $(wc -c <"$RES/check-windows.json") bytes sha256 $(sha256sum <"$RES/check-windows.json" | cut -c1-16)…, linux $(wc -c <"$RES/check-linux.json") bytes sha256 $(sha256sum <"$RES/check-linux.json" | cut -c1-16)…"
if cmp "$RES/check-windows.json" "$RES/check-linux.json" >>"$RES/commands.log" 2>&1; then
  pass "check --json byte-identical on Windows and Linux"
else
  fail "check --json differs (diff in $RES/check.diff)"
  diff "$RES/check-linux.json" "$RES/check-windows.json" >"$RES/check.diff"
fi
if grep -q $'\r' "$RES/check-windows.json"; then fail "Windows check --json has CR characters"; else pass "Windows check --json has LF line ends (machine-read, like Linux)"; fi
check "check (text) output identical too" cmp "$RES/windows.check.txt" "$RES/linux.check.txt"
mkdir -p "$RES/xlsx-w" "$RES/xlsx-l"
(cd "$RES/xlsx-w" && unzip -q "$WDIR/导出 $YEAR 年.xlsx") && (cd "$RES/xlsx-l" && unzip -q "$LDIR/导出 $YEAR 年.xlsx")
check "exported workbooks identical in content (every part)" diff -r "$RES/xlsx-w" "$RES/xlsx-l"
if cmp -s "$WDIR/导出 $YEAR 年.xlsx" "$LDIR/导出 $YEAR 年.xlsx"; then note "workbooks byte-identical"
else note "workbooks differ in bytes only: $(unzip -Z1 "$WDIR/导出 $YEAR 年.xlsx" | head -3 | tr '\n' ' ') vs $(unzip -Z1 "$LDIR/导出 $YEAR 年.xlsx" | head -3 | tr '\n' ' ') (zip part order)"; fi

# ---------------------------------------------------------------- 5. a workbook Excel holds open
step "a workbook held open the way Excel holds it"
HELD="$WDIR/导出 $YEAR 年.xlsx"
before=$(sha256sum <"$HELD")
w 'C:\holdopen.exe' "$WXLSX" 120 >"$RES/holdopen.out" 2>&1 &
HOLD_PID=$!
for _ in $(seq 1 40); do grep -q held "$RES/holdopen.out" && break; sleep 0.5; done
if grep -q held "$RES/holdopen.out"; then
  w "$CLI" --db "$WDB" export --year "$YEAR" --out "$WXLSX" >"$RES/held-export.out" 2>"$RES/held-export.err"
  rc=$?
  note "export onto the held file: exit $rc, stderr: $(tr '\n' ' ' <"$RES/held-export.err")"
  [ $rc -eq 1 ] && pass "export onto a held file fails with exit 1" || fail "export onto a held file: exit $rc (want 1)"
  [ "$(sha256sum <"$HELD")" = "$before" ] && pass "the held file is unchanged" || fail "the held file was changed"
  if ls "$WDIR" | grep -v -e '\.db' -e "^导出 $YEAR 年.xlsx\$" | grep -q .; then
    fail "temporary files left beside the held file: $(ls "$WDIR" | tr '\n' ' ')"; else pass "no temporary file left beside it"; fi
  WDB2="C:\\users\\$WUSER\\产教 融合\\楚雄 数据\\另一个.db"
  w "$CLI" --db "$WDB2" init --unit 532301 --name "楚雄市教育体育局" >>"$RES/commands.log" 2>&1
  w "$CLI" --db "$WDB2" import "$WXLSX" >"$RES/held-import.out" 2>&1
  rc=$?
  note "import from the held file: exit $rc: $(tr '\n' ' ' <"$RES/held-import.out" | cut -c1-200)"
  [ $rc -eq 0 ] && pass "import from a file Excel holds open works" || fail "import from a held file: exit $rc"
else
  fail "holdopen.exe did not open the file: $(cat "$RES/holdopen.out")"
fi
w taskkill /f /im holdopen.exe >>"$RES/commands.log" 2>&1; kill "$HOLD_PID" 2>/dev/null; wait "$HOLD_PID" 2>/dev/null

# ---------------------------------------------------------------- 6. portable on a removable drive
step "portable zip on a removable drive E:"
USB=$WINEPREFIX/usb
mkdir -p "$USB"
(cd "$USB" && unzip -q "$ZIP")
ln -sfn "$USB" "$WINEPREFIX/dosdevices/e:"
w reg add 'HKLM\Software\Wine\Drives' /v 'e:' /t REG_SZ /d floppy /f >>"$RES/commands.log" 2>&1
wsync
w 'E:\chanjiao\chanjiao-cli.exe' init --unit 532301 --name "楚雄市教育体育局" >"$RES/portable.out" 2>&1 &&
  w 'E:\chanjiao\chanjiao-cli.exe' demo >>"$RES/portable.out" 2>&1 &&
  w 'E:\chanjiao\chanjiao-cli.exe' check --year "$YEAR" --json >"$RES/portable.json" 2>>"$RES/portable.out"
rc=$?
sed 's/^/      /' "$RES/portable.out" | tee -a "$REPORT"
[ $rc -eq 0 ] && pass "portable CLI ran from E:" || fail "portable CLI from E: exit $rc"
check "portable database beside the exe (E:\\chanjiao\\chanjiao.db), not in %AppData%" \
  bash -c "test -s '$USB/chanjiao/chanjiao.db' && ! test -e '$WU/AppData/Roaming/chanjiao/chanjiao.db'"
check "portable check --json equals the Linux one" cmp "$RES/portable.json" "$RES/check-linux.json"

# ---------------------------------------------------------------- 7. installer
step "installer"
INST=$WU/AppData/Local/Programs/chanjiao
DATA=$WU/AppData/Roaming/chanjiao
LNK_START="$WU/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/产教融合数据报送.lnk"
LNK_DESK="$WU/Desktop/产教融合数据报送.lnk"
regq() { w reg query "$@" 2>/dev/null | tr -d '\r'; }
regexport() { # UTF-16 .reg export of a key, as UTF-8 text
  rm -f "$WINEPREFIX/drive_c/k.reg"
  w reg export "$1" 'C:\k.reg' /y >/dev/null 2>&1 && iconv -f UTF-16 -t UTF-8 "$WINEPREFIX/drive_c/k.reg" | tr -d '\r'
}
t0=$(date +%s)
w "$SETUP" /S; rc=$?; wsync
note "setup /S: exit $rc, $(($(date +%s) - t0)) s"
[ $rc -eq 0 ] && pass "installer exit 0 without admin rights" || fail "installer exit $rc"
check "program files in %LOCALAPPDATA%\\Programs\\chanjiao" \
  bash -c "for f in chanjiao.exe chanjiao-cli.exe README.txt uninstall.exe; do test -s '$INST/'\$f || exit 1; done"
ls -l "$INST" | sed 's/^/      /' | tee -a "$REPORT"
check "Start-menu shortcut" test -s "$LNK_START"
check "desktop shortcut" test -s "$LNK_DESK"
check "uninstaller signed" osslsigncode verify -CAfile "$KEYS/cert.pem" -in "$INST/uninstall.exe"
regexport 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\chanjiao' >"$RES/reg-uninstall.txt"
regexport 'HKCU\Software\Classes\chanjiao.cjrh' >"$RES/reg-progid.txt"
regexport 'HKCU\Software\Classes\.cjrh' >"$RES/reg-ext.txt"
sed 's/^/      /' "$RES/reg-uninstall.txt" "$RES/reg-ext.txt" "$RES/reg-progid.txt" | grep -v '^      $' | tee -a "$REPORT"
check "uninstall entry (HKCU) with Chinese name and version" \
  bash -c "grep -q '\"DisplayName\"=\"产教融合数据报送\"' '$RES/reg-uninstall.txt' && grep -q '\"DisplayVersion\"=\"$VERSION\"' '$RES/reg-uninstall.txt'"
check ".cjrh → chanjiao.cjrh under HKCU\\Software\\Classes" grep -q '@="chanjiao.cjrh"' "$RES/reg-ext.txt"
check "open command is chanjiao.exe \"%1\"" \
  grep -qF '@="\"C:\\users\\'"$WUSER"'\\AppData\\Local\\Programs\\chanjiao\\chanjiao.exe\" \"%1\""' "$RES/reg-progid.txt"
if regq 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\chanjiao' | grep -q chanjiao; then
  fail "installer wrote to HKLM"; else pass "nothing written under HKLM"; fi

# the installed CLI, with no --db: the per-user data folder
w "$INST/chanjiao-cli.exe" init --unit 532301 --name "楚雄市教育体育局" >"$RES/installed.out" 2>&1 &&
  w "$INST/chanjiao-cli.exe" demo >>"$RES/installed.out" 2>&1
sed 's/^/      /' "$RES/installed.out" | tee -a "$REPORT"
check "installed program keeps its data in %AppData%\\chanjiao" test -s "$DATA/chanjiao.db"
mkdir -p "$DATA/backups"
w "$INST/chanjiao-cli.exe" backup --out "C:\\users\\$WUSER\\AppData\\Roaming\\chanjiao\\backups" >"$RES/backup.out" 2>&1 ||
  note "backup command failed: $(tail -1 "$RES/backup.out")"
cat "$RES/backup.out" | sed 's/^/      /' | tee -a "$REPORT"
echo "a clerk's note" >"$DATA/note.txt"
(cd "$DATA" && find . -type f | sort | xargs -d '\n' sha256sum) >"$RES/data-before.txt"
note "data folder: $(cd "$DATA" && find . -type f | sort | tr '\n' ' ')"

w "$SETUP" /S; rc=$?; wsync
[ $rc -eq 0 ] && pass "installing again over the installed version (upgrade) exit 0" || fail "upgrade exit $rc"
(cd "$DATA" && find . -type f | sort | xargs -d '\n' sha256sum) >"$RES/data-after-upgrade.txt"
check "upgrade keeps the data and its backups unchanged" cmp "$RES/data-before.txt" "$RES/data-after-upgrade.txt"

# ---------------------------------------------------------------- 8. under Xvfb
step "Xvfb: OpenGL check and the window"
exec 5>"$RES/xvfb.display"
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp -noreset >"$RES/xvfb.log" 2>&1 &
XVFB_PID=$!
exec 5>&-
for _ in $(seq 1 50); do [ -s "$RES/xvfb.display" ] && break; sleep 0.2; done
export DISPLAY=:$(tr -d '\n' <"$RES/xvfb.display")
export LC_ALL=$WLOCALE
shot() { xwd -root -silent -display "$DISPLAY" | convert xwd:- "png:$1"; }

CALLS_CHECK=""
if grep -q 'checkGraphics()' cmd/chanjiao/main.go; then pass "cmd/chanjiao/main.go calls checkGraphics"; CALLS_CHECK=1
else fail "cmd/chanjiao/main.go does not call checkGraphics() yet (see packaging/README.md)"; fi
# checkGraphics alone: gl_windows.go (standard library only) with a small main, as its own module.
GLW=$(mktemp -d)
cp cmd/chanjiao/gl_windows.go "$GLW/"
printf 'module glcheck\n\ngo 1.22\n' >"$GLW/go.mod"
cat >"$GLW/main.go" <<'EOF'
package main

import (
	"fmt"
	"os"
)

func main() {
	v, r, ok := probeOpenGL()
	fmt.Printf("probe: version=%q renderer=%q ok=%v\n", v, r, ok)
	if err := checkGraphics(); err != nil {
		fmt.Println("checkGraphics:", err)
		os.Exit(3)
	}
	fmt.Println("checkGraphics: nil")
}
EOF
if (cd "$GLW" && CGO_ENABLED=0 GOOS=windows GOARCH=amd64 GOWORK=off go build -o "$WINEPREFIX/drive_c/glcheck.exe" .) >>"$RES/commands.log" 2>&1; then
  w 'C:\glcheck.exe' >"$RES/glcheck-ok.out" 2>&1; rc=$?
  note "$(tr '\n' ' ' <"$RES/glcheck-ok.out")"
  [ $rc -eq 0 ] && pass "checkGraphics passes with Mesa's OpenGL" || fail "checkGraphics on Mesa: exit $rc"
else
  fail "building the checkGraphics test exe (see commands.log)"
fi
rm -rf "$GLW"
# A computer without OpenGL 2.1: Mesa told to offer only 1.1. The installed
# chanjiao.exe (or, while main.go does not call the check, glcheck.exe).
GLEXE="$INST/chanjiao.exe"; GLWANT=1
[ -n "$CALLS_CHECK" ] || { GLEXE='C:\glcheck.exe'; GLWANT=3; }
MESA_GL_VERSION_OVERRIDE=1.1 w "$GLEXE" >"$RES/glcheck-old.out" 2>&1 &
GL_PID=$!
found=""
t0=$(date +%s)
for _ in $(seq 1 180); do   # the first dialog in a new prefix waits for wine's font cache
  found=$(xdotool search --name '无法打开窗口' 2>/dev/null | head -1); [ -n "$found" ] && break; sleep 0.5
done
if [ -n "$found" ]; then
  sleep 1; shot "$RES/screenshot-no-opengl.png"
  pass "OpenGL 1.1: $(basename "$GLEXE") shows \"$(xdotool getwindowname "$found")\" after $(($(date +%s) - t0)) s (screenshot-no-opengl.png)"
  xdotool key --window "$found" Return 2>/dev/null
else
  fail "OpenGL 1.1: no message box appeared"; shot "$RES/screenshot-no-opengl.png"
fi
for _ in $(seq 1 20); do kill -0 $GL_PID 2>/dev/null || break; sleep 0.5; done
kill $GL_PID 2>/dev/null; wait $GL_PID; rc=$?
[ -s "$RES/glcheck-old.out" ] && note "$(tr '\n' ' ' <"$RES/glcheck-old.out")"
[ $rc -eq $GLWANT ] && pass "after the message box it exits ($rc) without opening a window" || fail "OpenGL 1.1: exit $rc (want $GLWANT)"
if xdotool search --onlyvisible --name '楚雄' >/dev/null 2>&1; then fail "a program window opened anyway"; fi
HOME="$WHOME" "$WINESERVER" -k 2>/dev/null; sleep 1

# the installed program opens its window on the demo data in %AppData%
w "$INST/chanjiao.exe" >"$RES/gui.out" 2>&1 &
GUI_PID=$!
win=""
for _ in $(seq 1 120); do
  win=$(xdotool search --onlyvisible --name '.' 2>/dev/null | head -1); [ -n "$win" ] && break; sleep 0.5
done
if [ -n "$win" ]; then
  sleep 6   # first frames, fonts
  shot "$RES/screenshot-window.png"
  pass "chanjiao.exe opened a window: \"$(xdotool getwindowname "$win" 2>/dev/null)\" (screenshot-window.png)"
  # the installer must refuse to replace the running program
  w "$SETUP" /S; rc=$?
  [ $rc -eq 2 ] && pass "installer refuses (exit 2) while chanjiao.exe runs" || fail "installer with chanjiao.exe running: exit $rc (want 2)"
else
  shot "$RES/screenshot-window.png"
  fail "chanjiao.exe opened no window within 60 s ($(tr '\n' ' ' <"$RES/gui.out" | cut -c1-300))"
fi
kill $GUI_PID 2>/dev/null; HOME="$WHOME" "$WINESERVER" -k 2>/dev/null; wait $GUI_PID 2>/dev/null

# double-clicking a .cjrh file (ShellExecute through the HKCU association)
printf 'test\n' >"$WDIR/县 数据包.cjrh"
CJRH="C:\\users\\$WUSER\\产教 融合\\楚雄 数据\\县 数据包.cjrh"
if ! w start "$CJRH" >>"$RES/commands.log" 2>&1; then
  # Windows reads per-user associations from HKCU\Software\Classes (merged into
  # HKCR); wine 8.0's ShellExecute reads only HKLM\Software\Classes. Mirror the
  # installer's keys there, in this throw-away prefix only, to run the command.
  note "wine 8.0 ignores HKCU\\Software\\Classes for ShellExecute; mirroring the association into HKLM of the test prefix"
  w reg copy 'HKCU\Software\Classes\chanjiao.cjrh' 'HKLM\Software\Classes\chanjiao.cjrh' /s /f >>"$RES/commands.log" 2>&1
  w reg add 'HKLM\Software\Classes\.cjrh' /ve /d chanjiao.cjrh /f >>"$RES/commands.log" 2>&1
  w start "$CJRH" >>"$RES/commands.log" 2>&1
fi
opened=""
for _ in $(seq 1 60); do
  opened=$(ps -eo args | grep -a 'chanjiao.exe' | grep -a '县 数据包.cjrh' | grep -v grep | head -1); [ -n "$opened" ] && break; sleep 0.5
done
if [ -n "$opened" ]; then pass "opening a .cjrh file runs the installer's command: $opened"; else fail "opening a .cjrh file did not start chanjiao.exe with the file"; fi
w reg delete 'HKLM\Software\Classes\chanjiao.cjrh' /f >>"$RES/commands.log" 2>&1
w reg delete 'HKLM\Software\Classes\.cjrh' /f >>"$RES/commands.log" 2>&1
HOME="$WHOME" "$WINESERVER" -k 2>/dev/null; sleep 1
[ -f "$DATA/chanjiao.log" ] && note "chanjiao.log: $(tail -3 "$DATA/chanjiao.log" | tr '\n' ' ')"

# the uninstaller's page with the "删除我的数据" box (not ticked), then cancel
w "$INST/uninstall.exe" >>"$RES/commands.log" 2>&1 &
UN_PID=$!
un=""
for _ in $(seq 1 60); do un=$(xdotool search --name '卸载' 2>/dev/null | head -1); [ -n "$un" ] && break; sleep 0.5; done
if [ -n "$un" ]; then
  sleep 2; xdotool key --window "$un" Return; sleep 3   # confirm page → components page
  shot "$RES/screenshot-uninstaller.png"
  pass "uninstaller components page (screenshot-uninstaller.png)"
  xdotool key --window "$(xdotool search --name '卸载' | head -1)" Escape 2>/dev/null; sleep 2
else
  fail "the uninstaller showed no window"
fi
HOME="$WHOME" "$WINESERVER" -k 2>/dev/null; kill $UN_PID 2>/dev/null; wait $UN_PID 2>/dev/null
check "cancelling the uninstaller leaves the program installed" test -s "$INST/chanjiao.exe"

# ---------------------------------------------------------------- 7b. uninstall
step "uninstaller"
(cd "$DATA" && find . -type f | sort | xargs -d '\n' sha256sum) >"$RES/data-before-uninstall.txt"
w "$INST/uninstall.exe" /S; rc=$?; wsync
[ $rc -eq 0 ] && pass "uninstall /S exit 0" || fail "uninstall /S exit $rc"
check "program folder removed" test ! -e "$INST"
check "shortcuts removed" test ! -e "$LNK_START" -a ! -e "$LNK_DESK"
if regq 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\chanjiao' | grep -q DisplayName; then fail "uninstall entry left"; else pass "uninstall entry removed"; fi
if regq 'HKCU\Software\Classes\chanjiao.cjrh' | grep -q chanjiao; then fail ".cjrh ProgID left"; else pass ".cjrh association removed"; fi
(cd "$DATA" 2>/dev/null && find . -type f | sort | xargs -d '\n' sha256sum) >"$RES/data-after-uninstall.txt"
check "uninstall keeps the clerk's data ($(wc -l <"$RES/data-before-uninstall.txt") files)" cmp "$RES/data-before-uninstall.txt" "$RES/data-after-uninstall.txt"
w "$SETUP" /S; wsync
w "$INST/uninstall.exe" /S /DELETEDATA; rc=$?; wsync
[ $rc -eq 0 ] && pass "reinstall, then uninstall /S /DELETEDATA exit 0" || fail "uninstall /DELETEDATA exit $rc"
check "uninstall /DELETEDATA removes %AppData%\\chanjiao" test ! -e "$DATA"

# ---------------------------------------------------------------- summary
step "done"
note "results in $RES"
note "time: $(($(date +%s) - START)) s"
if [ $FAILS -gt 0 ]; then
  echo "$FAILS check(s) failed" | tee -a "$REPORT"
  exit 1
fi
echo "all checks passed" | tee -a "$REPORT"
