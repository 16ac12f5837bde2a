#!/usr/bin/env bash
# The Linux release tested on this machine (make test-linux). Steps:
#   1. installs the Debian packages it needs when missing (dpkg-query first)
#   2. builds dist/linux-test/dist with packaging/linux/build.sh: both
#      architectures' programs, the loong64 CLI, two .deb, two portable .tar.gz
#      the window programs need no glibc newer than 2.28 (统信UOS 20; 麒麟 V10
#      has 2.31): no GLIBC_2.29+ symbol version, Depends: libc6 (>= 2.28) or
#      lower; both are position-independent (PIE)
#   3. lintian on both .deb: no errors, no hardening-no-pie (the overrides say why)
#   4. the amd64 .deb installed with dpkg -i on this machine (the CI machine
#      itself): files, menu entry, MIME type and its default application;
#      the installed CLI keeps a throw-away user's data in ~/.config/chanjiao
#   5. under Xvfb: the program started from the desktop entry's Exec command
#      (screenshot); a second start with a data file hands it to the open
#      window (screenshot); OpenGL 1.1 (MESA_GL_VERSION_OVERRIDE) and no display
#      give the Chinese message and exit 1 (screenshot of the message box);
#      the arm64 window program opens its window under qemu-aarch64-static (screenshot)
#   5b. a Debian 11 root (glibc 2.31, as 麒麟 V10) made with mmdebstrap in the
#      background while steps 3–5 run: the amd64 .deb installed there with
#      dpkg -i, its window program started in the chroot on the same Xvfb
#      (screenshot). CHANJIAO_OLD_ROOT=0 skips it (it downloads ~60 MB).
#   6. dpkg -r, then dpkg -P: the program is gone, the user's data unchanged
#   7. the portable .tar.gz: the database beside the program; on a stick
#      without execute permission through chanjiao.sh
#   8. the amd64, arm64 and loong64 CLI: init → import the example → check
#      --json, arm64 and loong64 under qemu-*-static, byte-identical, with the times
# Everything it makes is in dist/linux-test/ (report.txt, screenshots, JSON,
# lintian.txt). Exit status 1 when any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
START=$(date +%s)
RES=${RESULTS:-$ROOT/dist/linux-test}
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
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo

# ---------------------------------------------------------------- 1. packages
step "packages"
pkgs=(xvfb xauth x11-apps x11-utils imagemagick xdotool libgl1-mesa-dri fonts-wqy-microhei zenity
      qemu-user-static lintian desktop-file-utils shared-mime-info xdg-utils file binutils locales)
OLD_ROOT_TEST=${CHANJIAO_OLD_ROOT:-1}
[ "$OLD_ROOT_TEST" = 0 ] || pkgs+=(mmdebstrap)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || exit 1
fi

# the clerk's desktop runs in Chinese (zenity cannot read a Chinese title in the C locale)
locale -a 2>/dev/null | grep -qix 'zh_CN.utf8' || $SUDO localedef -i zh_CN -c -f UTF-8 zh_CN.UTF-8

# ---------------------------------------------------------------- 2. build
step "build"
DIST=$RES/dist
if ! OUT=$DIST packaging/linux/build.sh >"$RES/build.log" 2>&1; then
  fail "packaging/linux/build.sh (see $RES/build.log)"; tail -20 "$RES/build.log"; exit 1
fi
pass "packaging/linux/build.sh ($(($(date +%s) - START)) s so far)"
VERSION=$("$ROOT/bin/winpkg" version FyneApp.toml | cut -d' ' -f1)
DEB_AMD64=$DIST/chanjiao_${VERSION}_amd64.deb
DEB_ARM64=$DIST/chanjiao_${VERSION}_arm64.deb
(cd "$DIST" && ls -l linux/*/chanjiao* ./*.deb ./*.tar.gz | awk '{printf "%10d  %s\n", $5, $9}') | tee "$RES/sizes.txt" | sed 's/^/      /' | tee -a "$REPORT"
(cd "$DIST" && file linux/*/chanjiao*) >"$RES/file.txt"
sed 's/^/      /' "$RES/file.txt" | tee -a "$REPORT" >/dev/null
check "amd64 window program: dynamic x86-64 ELF" grep -q 'linux/amd64/chanjiao: *ELF 64-bit LSB .*x86-64.*dynamically linked' "$RES/file.txt"
check "arm64 window program: dynamic ARM aarch64 ELF" grep -q 'linux/arm64/chanjiao: *ELF 64-bit LSB .*ARM aarch64.*dynamically linked' "$RES/file.txt"
check "amd64 CLI: static x86-64 ELF" grep -q 'linux/amd64/chanjiao-cli: *ELF 64-bit LSB .*x86-64.*statically linked' "$RES/file.txt"
check "arm64 CLI: static ARM aarch64 ELF" grep -q 'linux/arm64/chanjiao-cli: *ELF 64-bit LSB .*ARM aarch64.*statically linked' "$RES/file.txt"
check "loong64 CLI: static LoongArch ELF" grep -q 'linux/loong64/chanjiao-cli: *ELF 64-bit LSB .*LoongArch.*statically linked' "$RES/file.txt"
for d in "$DEB_AMD64" "$DEB_ARM64"; do
  dpkg-deb -I "$d" control >"$RES/$(basename "$d").control"
  note "$(basename "$d"): $(grep -E '^(Architecture|Installed-Size|Depends):' "$RES/$(basename "$d").control" | tr '\n' ' ')"
done
check "the arm64 .deb is Architecture: arm64" grep -qx 'Architecture: arm64' "$RES/$(basename "$DEB_ARM64").control"

# 统信UOS 20 has glibc 2.28, 麒麟 V10 2.31: the window program may need no newer symbol version
GLIBC_MAX=2.28
version_le() { [ "$(printf '%s\n' "$1" "$2" | sort -V | tail -1)" = "$2" ]; }
for arch in amd64 arm64; do
  need=$(readelf -V -W "$DIST/linux/$arch/chanjiao" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -1)
  if [ -n "$need" ] && version_le "$need" "$GLIBC_MAX"; then
    pass "$arch window program: newest glibc symbol version GLIBC_$need (at most $GLIBC_MAX)"
  else fail "$arch window program needs GLIBC_$need, newer than $GLIBC_MAX (统信UOS 20)"; fi
  libc=$(sed -n 's/^Depends: libc6 (>= \([0-9.]*\)).*/\1/p' "$RES/chanjiao_${VERSION}_$arch.deb.control")
  if [ -n "$libc" ] && version_le "$libc" "$GLIBC_MAX"; then pass "$arch .deb: Depends: libc6 (>= $libc)"
  else fail "$arch .deb: Depends: libc6 (>= ${libc:-?}), want $GLIBC_MAX or lower"; fi
  check "$arch window program is position-independent (PIE)" grep -q "linux/$arch/chanjiao: *ELF .*pie executable" "$RES/file.txt"
done

# ---------------------------------------------------------------- 5b, begun: a Debian 11 root
# made in the background while steps 3–5 run: the .deb's libraries and Mesa's
# software renderer, from the mirror this machine's apt uses. bullseye by name:
# glibc 2.31 as 麒麟 V10 (no 2.28 suite is left on the mirror).
OLD_ROOT="" OLD_PID=""
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  if [ -n "$OLD_ROOT" ]; then
    [ -n "$OLD_PID" ] && kill "$OLD_PID" 2>/dev/null && wait "$OLD_PID"
    mountpoint -q "$OLD_ROOT/proc" && umount "$OLD_ROOT/proc"
    rm -rf --one-file-system "$OLD_ROOT"
  fi
}
trap cleanup EXIT
if [ "$OLD_ROOT_TEST" != 0 ]; then
  OLD_ROOT=$(mktemp -d /var/tmp/chanjiao-bullseye.XXXXXX)
  debian_mirror() { apt-get indextargets --format '$(REPO_URI)' 'Created-By: Packages' | grep -m1 '/debian/$'; }
  mirror=$(debian_mirror) || { $SUDO apt-get update -qq; mirror=$(debian_mirror); }   # known once lists are there
  olddeps=$(sed -n 's/^Depends: //p' "$RES/$(basename "$DEB_AMD64").control" | tr -d ' ' | sed 's/([^)]*)//g')
  mmdebstrap --variant=apt --include="libgl1-mesa-dri,$olddeps" bullseye "$OLD_ROOT" "$mirror" >"$RES/oldroot.log" 2>&1 &
  OLD_PID=$!
fi

# ---------------------------------------------------------------- 3. lintian
step "lintian"
for d in "$DEB_AMD64" "$DEB_ARM64"; do
  lintian --info --display-info --show-overrides "$d" >"$RES/lintian-$(basename "$d").txt" 2>&1
  note "lintian $(basename "$d"): $(grep -c '^E:' "$RES/lintian-$(basename "$d").txt") errors, $(grep -c '^W:' "$RES/lintian-$(basename "$d").txt") warnings, $(grep -c '^O:' "$RES/lintian-$(basename "$d").txt") overridden"
  sed 's/^/        /' "$RES/lintian-$(basename "$d").txt" | tee -a "$REPORT" >/dev/null
  if grep -q '^E:' "$RES/lintian-$(basename "$d").txt"; then fail "lintian errors in $(basename "$d")"; else pass "lintian: no errors in $(basename "$d")"; fi
  if grep -q 'hardening-no-pie' "$RES/lintian-$(basename "$d").txt"; then fail "lintian: hardening-no-pie in $(basename "$d")"; else pass "lintian: no hardening-no-pie in $(basename "$d")"; fi
done

# ---------------------------------------------------------------- 4. dpkg -i
step "dpkg -i (this machine)"
UHOME=$RES/home   # a throw-away user's home
mkdir -p "$UHOME"
USERENV=(env -u XDG_CONFIG_HOME -u CHANJIAO_DB -u LC_ALL HOME="$UHOME" LANG=zh_CN.UTF-8)
run_as_user() { "${USERENV[@]}" "$@"; }
dpkg-query -W -f='${Status}' chanjiao 2>/dev/null | grep -q "install ok installed" && $SUDO dpkg -P chanjiao >>"$RES/commands.log" 2>&1
check "dpkg -i $(basename "$DEB_AMD64")" $SUDO dpkg -i "$DEB_AMD64"
check "installed: /opt/chanjiao/chanjiao, /opt/chanjiao/chanjiao-cli, /usr/bin/chanjiao-cli" \
  test -x /opt/chanjiao/chanjiao -a -x /opt/chanjiao/chanjiao-cli -a -x /usr/bin/chanjiao-cli
DESKTOP=/usr/share/applications/chanjiao.desktop
check "desktop entry valid (desktop-file-validate)" desktop-file-validate "$DESKTOP"
check "desktop entry: Chinese name, icon, Office, the data type, %F" \
  bash -c "grep -qx 'Name=产教融合数据报送' $DESKTOP && grep -qx 'Icon=chanjiao' $DESKTOP && grep -qx 'Categories=Office;' $DESKTOP \
    && grep -qx 'MimeType=application/x-chanjiao-data;' $DESKTOP && grep -q '^Exec=.* %F$' $DESKTOP"
check "icon installed (hicolor 256x256)" test -s /usr/share/icons/hicolor/256x256/apps/chanjiao.png
check "*.cjrh is application/x-chanjiao-data in the MIME database (dpkg trigger ran update-mime-database)" \
  grep -q '^50:application/x-chanjiao-data:\*\.cjrh$' /usr/share/mime/globs2
check "application/x-chanjiao-data opens with chanjiao.desktop (dpkg trigger ran update-desktop-database)" \
  grep -q '^application/x-chanjiao-data=.*chanjiao.desktop' /usr/share/applications/mimeinfo.cache
xdgdefault=$(run_as_user xdg-mime query default application/x-chanjiao-data 2>>"$RES/commands.log")
[ "$xdgdefault" = chanjiao.desktop ] && pass "xdg-mime query default application/x-chanjiao-data → chanjiao.desktop" ||
  fail "xdg-mime default for application/x-chanjiao-data: '$xdgdefault'"

run_as_user chanjiao-cli init --unit 532301 --name "楚雄市教育体育局" >"$RES/installed.out" 2>&1 &&
  run_as_user chanjiao-cli demo >>"$RES/installed.out" 2>&1
sed 's/^/      /' "$RES/installed.out" | tee -a "$REPORT" >/dev/null
DATA=$UHOME/.config/chanjiao
check "the installed CLI keeps the user's database in ~/.config/chanjiao" test -s "$DATA/chanjiao.db"
YEAR=$(($(date +%Y) - 1))   # demo.Fill's statistical year
# a county's data file, to be opened by double-click (Exec … %F) below
run_as_user chanjiao-cli --db "$RES/muding.db" init --unit 532323 --name 牟定县 >>"$RES/commands.log" 2>&1
run_as_user chanjiao-cli --db "$RES/muding.db" import "$ROOT/../shared/examples/532323-example.xlsx" >>"$RES/commands.log" 2>&1
mkdir -p "$RES/数据 包"
run_as_user chanjiao-cli --db "$RES/muding.db" bundle export --year 2025 --out "$RES/数据 包" >>"$RES/commands.log" 2>&1
CJRH=$(ls "$RES/数据 包"/*.cjrh 2>/dev/null | head -1)
[ -n "$CJRH" ] && pass "a data file to open: $(basename "$CJRH")" || fail "bundle export made no .cjrh file"

# ---------------------------------------------------------------- 5. Xvfb
step "Xvfb: the window from the desktop entry, a data file handed on, no OpenGL"
exec 5>"$RES/xvfb.display"
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp -noreset >"$RES/xvfb.log" 2>&1 &
XVFB_PID=$!
exec 5>&-
for _ in $(seq 1 50); do [ -s "$RES/xvfb.display" ] && break; sleep 0.2; done
export DISPLAY=:$(tr -d '\n' <"$RES/xvfb.display")
shot() { xwd -root -silent -display "$DISPLAY" | convert xwd:- "png:$1"; }
# program_window PID prints the visible window 产教融合 of process PID (by
# _NET_WM_PID, not one left from an earlier step) once it shows, within 60 s;
# nothing if it does not, or the process ends first
program_window() {
  local w
  for _ in $(seq 1 120); do
    w=$(xdotool search --all --onlyvisible --pid "$1" --name '产教融合' 2>/dev/null | head -1)
    [ -n "$w" ] && { echo "$w"; return 0; }
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.5
  done
}
# window_shown PID SETTLE PNG WHAT OUT: passes when process PID (WHAT, its
# output in OUT) shows its window, screenshot PNG taken SETTLE seconds after,
# and fails with its output when it does not; then ends the process
window_shown() {
  local win
  win=$(program_window "$1")
  if [ -n "$win" ]; then
    sleep "$2"; shot "$RES/$3"
    pass "$4 opened a window \"$(xdotool getwindowname "$win")\" ($3)"
  else
    shot "$RES/$3"
    fail "$4: no window within 60 s ($(tr '\n' ' ' <"$5" | cut -c1-300))"
  fi
  kill "$1" 2>/dev/null; wait "$1" 2>/dev/null || true
}

# the Exec command as a launcher runs it: %F becomes the files, each one word
EXEC=$(sed -n 's/^Exec=//p' "$DESKTOP")
launch() { # launch [files…]: the desktop entry's command, in the background
  local cmd=${EXEC% %F}
  "${USERENV[@]}" $cmd "$@" >>"$RES/gui.out" 2>&1 &   # env execs the program: $! is its id
  GUI_PID=$!
}
launch
win=""
for _ in $(seq 1 120); do
  win=$(xdotool search --onlyvisible --name '产教融合' 2>/dev/null | head -1); [ -n "$win" ] && break; sleep 0.5
done
if [ -n "$win" ]; then
  sleep 5   # first frames, fonts
  shot "$RES/screenshot-window.png"
  pass "$EXEC opened a window: \"$(xdotool getwindowname "$win")\" (screenshot-window.png)"
  FIRST=$GUI_PID
  if [ -n "$CJRH" ]; then
    t0=$(date +%s)
    launch "$CJRH"
    for _ in $(seq 1 40); do kill -0 "$GUI_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$GUI_PID" 2>/dev/null; then fail "a second start with a data file did not end"; kill "$GUI_PID"
    else wait "$GUI_PID"; rc=$?
      [ $rc -eq 0 ] && pass "a second start with a data file hands it on and exits 0 after $(($(date +%s) - t0)) s" || fail "second start: exit $rc"
    fi
    for _ in $(seq 1 20); do ls "$DATA"/chanjiao.db.open-*.txt >/dev/null 2>&1 || break; sleep 0.5; done
    if ls "$DATA"/chanjiao.db.open-*.txt >/dev/null 2>&1; then fail "the open window did not take the request"
    else pass "the open window took the request (no chanjiao.db.open-*.txt left)"; fi
    sleep 3
    shot "$RES/screenshot-data-file.png"
    note "windows: $(xdotool search --onlyvisible --name '.' 2>/dev/null | while read -r w; do printf '"%s" ' "$(xdotool getwindowname "$w")"; done)"
    note "screenshot-data-file.png: the open window with what it made of $(basename "$CJRH")"
  fi
  kill "$FIRST" 2>/dev/null; wait "$FIRST" 2>/dev/null
else
  shot "$RES/screenshot-window.png"
  fail "no window within 60 s ($(tr '\n' ' ' <"$RES/gui.out" | cut -c1-300))"
  kill "$GUI_PID" 2>/dev/null
fi

# no OpenGL 2.1: Mesa told to offer only 1.1
"${USERENV[@]}" MESA_GL_VERSION_OVERRIDE=1.1 /opt/chanjiao/chanjiao >"$RES/no-opengl.out" 2>&1 &
GL_PID=$!
found=""
for _ in $(seq 1 60); do
  found=$(xdotool search --onlyvisible --name '无法打开窗口' 2>/dev/null | head -1); [ -n "$found" ] && break; sleep 0.5
done
if [ -n "$found" ]; then
  sleep 2; shot "$RES/screenshot-no-opengl.png"
  pass "OpenGL 1.1: a message box \"$(xdotool getwindowname "$found")\" (screenshot-no-opengl.png)"
  # GTK ignores sent events: focus the box, then press Enter through XTEST as a clerk would
  xdotool windowfocus --sync "$found" 2>/dev/null; xdotool key Return 2>/dev/null
else
  shot "$RES/screenshot-no-opengl.png"; fail "OpenGL 1.1: no message box appeared"
fi
for _ in $(seq 1 20); do kill -0 $GL_PID 2>/dev/null || break; sleep 0.5; done
kill $GL_PID 2>/dev/null; wait $GL_PID; rc=$?
[ $rc -eq 1 ] && pass "OpenGL 1.1: exit 1 after the message" || fail "OpenGL 1.1: exit $rc (want 1)"
note "$(head -1 "$RES/no-opengl.out")"
check "OpenGL 1.1: the Chinese message on the terminal names what was found and that chanjiao-cli still works" \
  bash -c "grep -q 'OpenGL 2.1' '$RES/no-opengl.out' && grep -q '检测到：OpenGL 1.1' '$RES/no-opengl.out' && grep -q 'chanjiao-cli 仍可正常使用' '$RES/no-opengl.out'"
if xdotool search --onlyvisible --name '楚雄' >/dev/null 2>&1; then fail "a program window opened anyway"; fi
DISPLAY= run_as_user /opt/chanjiao/chanjiao >"$RES/no-display.out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q '没有找到图形桌面' "$RES/no-display.out" && pass "no display: exit 1 with \"$(head -1 "$RES/no-display.out" | cut -c1-60)…\"" ||
  fail "no display: exit $rc, $(head -1 "$RES/no-display.out")"

# the arm64 window program (zig-linked) under qemu-aarch64-static, with the
# arm64 X/GL/Mesa libraries that build.sh installed through multiarch; a new
# user, so the first-run dialog
mkdir -p "$RES/home-arm64"
env -u XDG_CONFIG_HOME -u CHANJIAO_DB -u LC_ALL HOME="$RES/home-arm64" LANG=zh_CN.UTF-8 \
  qemu-aarch64-static "$DIST/linux/arm64/chanjiao" >"$RES/arm64-gui.out" 2>&1 &
window_shown $! 8 screenshot-arm64.png "arm64 window program under qemu-aarch64-static" "$RES/arm64-gui.out"

# ---------------------------------------------------------------- 5b. glibc 2.31
if [ -n "$OLD_PID" ]; then
  step "the amd64 .deb in a Debian 11 root (glibc 2.31): dpkg -i, the window on the same Xvfb"
  if wait "$OLD_PID"; then
    OLD_PID=""
    pass "mmdebstrap bullseye: $(grep -o 'success in [0-9]*' "$RES/oldroot.log") s, $(du -sm "$OLD_ROOT" | cut -f1) MB"
    oldc=$(chroot "$OLD_ROOT" ldd --version | head -1 | grep -o '[0-9.]*$')
    if version_le "$oldc" 2.33; then pass "the root's glibc is $oldc (older than 2.34)"; else fail "the root's glibc is $oldc, not older than 2.34"; fi
    cp "$DEB_AMD64" "$OLD_ROOT/tmp/"
    check "dpkg -i $(basename "$DEB_AMD64") in the root: its Depends hold with glibc $oldc" \
      chroot "$OLD_ROOT" dpkg -i "/tmp/$(basename "$DEB_AMD64")"
    mount -t proc proc "$OLD_ROOT/proc"
    mkdir -p "$OLD_ROOT/root/.config"
    cp -a "$DATA" "$OLD_ROOT/root/.config/"   # the demo's database, so the window shows figures
    # X through Xvfb's abstract socket, which a chroot shares; env execs the program: $! is its id
    chroot "$OLD_ROOT" env -i HOME=/root LANG=zh_CN.UTF-8 DISPLAY="$DISPLAY" /opt/chanjiao/chanjiao >"$RES/old-root.out" 2>&1 &
    window_shown $! 5 screenshot-glibc-2.31.png "glibc $oldc: /opt/chanjiao/chanjiao" "$RES/old-root.out"
    umount "$OLD_ROOT/proc"
  else
    OLD_PID=""
    fail "mmdebstrap could not make the bullseye root (oldroot.log: $(tail -1 "$RES/oldroot.log"))"
  fi
fi
kill "$XVFB_PID" 2>/dev/null; XVFB_PID=""

# ---------------------------------------------------------------- 6. remove
step "dpkg -r, dpkg -P: the user's data stays"
(cd "$DATA" && find . -type f | sort | xargs -d '\n' sha256sum) >"$RES/data-before.txt"
note "data folder: $(cd "$DATA" && find . -type f | sort | tr '\n' ' ')"
check "dpkg -r chanjiao" $SUDO dpkg -r chanjiao
check "program, menu entry and MIME type removed" \
  bash -c "test ! -e /opt/chanjiao -a ! -e /usr/bin/chanjiao-cli -a ! -e $DESKTOP && ! grep -q x-chanjiao-data /usr/share/mime/globs2"
check "dpkg -P chanjiao" $SUDO dpkg -P chanjiao
(cd "$DATA" && find . -type f | sort | xargs -d '\n' sha256sum) >"$RES/data-after.txt"
check "removing and purging keep the user's data ($(wc -l <"$RES/data-before.txt") files)" cmp "$RES/data-before.txt" "$RES/data-after.txt"

# ---------------------------------------------------------------- 7. portable
step "portable .tar.gz"
USB=$RES/U盘
mkdir -p "$USB"
tar -xzf "$DIST/chanjiao-$VERSION-linux-amd64-portable.tar.gz" -C "$USB"
check "the tar.gz holds chanjiao/{chanjiao,chanjiao-cli,chanjiao.sh,chanjiao.portable,README.txt}" \
  bash -c "cd '$USB/chanjiao' && test -x chanjiao -a -x chanjiao-cli -a -s chanjiao.sh -a -s chanjiao.portable -a -s README.txt"
run_as_user "$USB/chanjiao/chanjiao-cli" init --unit 532301 --name "楚雄市教育体育局" >>"$RES/commands.log" 2>&1
check "the portable CLI keeps its database beside it" test -s "$USB/chanjiao/chanjiao.db"
chmod a-x "$USB/chanjiao/chanjiao" "$USB/chanjiao/chanjiao-cli"   # as on a FAT32 stick
run_as_user sh "$USB/chanjiao/chanjiao.sh" cli demo >"$RES/portable-sh.out" 2>&1
check "without execute permission (a FAT32 stick), sh chanjiao.sh cli … runs on the database beside it" \
  run_as_user sh "$USB/chanjiao/chanjiao.sh" cli check --year "$YEAR"
check "… and found the demo data there" test "$(run_as_user sh "$USB/chanjiao/chanjiao.sh" cli check --year "$YEAR" --json | wc -c)" -gt 1000
note "$(head -2 "$RES/portable-sh.out" | tr '\n' ' ')"

# ---------------------------------------------------------------- 8. arm64 under qemu
step "the CLI: amd64, arm64 under qemu-aarch64-static"
EXAMPLE=$ROOT/../shared/examples/532323-example.xlsx
cliflow() { # cliflow NAME RUNNER…: init → import → check --json, each timed (wall and CPU)
  local name=$1; shift
  local dir=$RES/cli-$name
  mkdir -p "$dir"
  : >"$dir/times.txt"
  timed() { # timed LABEL STDOUT command…
    local TIMEFORMAT="$1 %R s (CPU %U s user, %S s sys)" out=$2; shift 2
    { time "$@" >"$out" 2>"$out.err"; } 2>>"$dir/times.txt"
  }
  timed init "$dir/init.out" "$@" --db "$dir/chanjiao.db" init --unit 532323 --name 牟定县 --level county || return 1
  timed import "$dir/import.out" "$@" --db "$dir/chanjiao.db" import "$EXAMPLE" || return 1
  timed "check --json" "$RES/check-$name.json" "$@" --db "$dir/chanjiao.db" check --year 2025 --json || return 1
}
check "amd64 CLI: init → import → check --json" cliflow amd64 "$DIST/linux/amd64/chanjiao-cli"
check "arm64 CLI under qemu-aarch64-static: init → import → check --json" cliflow arm64 qemu-aarch64-static "$DIST/linux/arm64/chanjiao-cli"
check "loong64 CLI under qemu-loongarch64-static: init → import → check --json" cliflow loong64 qemu-loongarch64-static "$DIST/linux/loong64/chanjiao-cli"
note "amd64: $(tr '\n' ';' <"$RES/cli-amd64/times.txt" 2>/dev/null)"
note "arm64 (qemu): $(tr '\n' ';' <"$RES/cli-arm64/times.txt" 2>/dev/null)"
note "loong64 (qemu): $(tr '\n' ';' <"$RES/cli-loong64/times.txt" 2>/dev/null)"
note "check --json: amd64 $(wc -c <"$RES/check-amd64.json") bytes, arm64 $(wc -c <"$RES/check-arm64.json") bytes"
if [ -s "$RES/check-amd64.json" ] && cmp "$RES/check-amd64.json" "$RES/check-arm64.json" >>"$RES/commands.log" 2>&1; then
  pass "check --json byte-identical on amd64 and arm64"
else
  fail "check --json differs between amd64 and arm64"; diff "$RES/check-amd64.json" "$RES/check-arm64.json" >"$RES/check.diff"
fi
check "check --json byte-identical on amd64 and loong64" cmp "$RES/check-amd64.json" "$RES/check-loong64.json"
check "the example's figures (examples/README.md): 0 of 2 schools met, training total 240" \
  bash -c "grep -q '\"secondment_schools_met\": 0,' '$RES/check-amd64.json' && grep -q '\"total\": 240,' '$RES/check-amd64.json'"

# ---------------------------------------------------------------- summary
step "done"
note "results in $RES"
note "time: $(($(date +%s) - START)) s"
if [ $FAILS -gt 0 ]; then
  echo "$FAILS check(s) failed" | tee -a "$REPORT"
  exit 1
fi
echo "all checks passed" | tee -a "$REPORT"
