#!/usr/bin/env bash
# Cross-builds the Windows release on Linux (Debian 12, Go), into dist/:
#
#   chanjiao.exe                          desktop program (GUI subsystem, cgo via mingw-w64)
#   chanjiao-cli.exe                      command line (console, pure Go)
#   chanjiao-setup-VERSION.exe            per-user installer (NSIS, Chinese)
#   chanjiao-VERSION-portable.zip         chanjiao/{chanjiao.exe, chanjiao-cli.exe,
#                                         chanjiao.portable, README.txt}
#
# Both exes carry an icon (assets/icon.png), a version resource (FyneApp.toml's
# Version and Build) and a manifest (asInvoker, PerMonitorV2 DPI awareness),
# compiled by x86_64-w64-mingw32-windres into *_windows_amd64.syso files that
# exist only while this script runs (removed on exit, so never committed and
# never seen by Linux builds).
#
# Signing: with SIGN_CERT and SIGN_KEY set, both exes, the uninstaller and the
# installer are signed (packaging/sign.sh); without them signing is skipped
# with a message. Run as `make windows` / `make windows-sign`.
#
# Environment: OUT (default dist), GO (default go), SKIP_DEPS=1 to not apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${OUT:-dist}
GO=${GO:-go}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# --- tools: install the Debian packages when missing (as .ci/deps.sh does)
if [ "${SKIP_DEPS:-}" != 1 ]; then
  missing=()
  for p in gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis osslsigncode; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# One Windows build at a time in this tree: the .syso files live in cmd/.
mkdir -p "$ROOT/bin"
exec 9>"$ROOT/bin/.windows-build.lock"
flock 9

WINPKG="$ROOT/bin/winpkg"
"$GO" build -o "$WINPKG" ./packaging/winpkg
read -r VERSION BUILD < <("$WINPKG" version FyneApp.toml)
IFS=. read -r V1 V2 V3 <<<"$VERSION"
PRODUCT="产教融合数据报送"
echo "chanjiao $VERSION (build $BUILD) for windows/amd64 → $OUT"

WORK=$(mktemp -d)
SYSO_GUI=cmd/chanjiao/zz_resources_windows_amd64.syso
SYSO_CLI=cmd/chanjiao-cli/zz_resources_windows_amd64.syso
cleanup() { rm -rf "$WORK"; rm -f "$ROOT/$SYSO_GUI" "$ROOT/$SYSO_CLI"; }
trap cleanup EXIT

# --- resources
"$WINPKG" ico assets/icon.png "$WORK/chanjiao.ico"
resources() { # $1 exe name, $2 description, $3 output .syso
  local dir="$WORK/$1"
  mkdir -p "$dir"
  cp "$WORK/chanjiao.ico" "$dir/"
  sed -e "s/@VERSION4@/$V1.$V2.$V3.$BUILD/" -e "s/@NAME@/$1/" packaging/windows/app.manifest >"$dir/app.manifest"
  sed -e "s/@V1@/$V1/g" -e "s/@V2@/$V2/g" -e "s/@V3@/$V3/g" -e "s/@BUILD@/$BUILD/g" \
      -e "s/@VERSION@/$VERSION/g" -e "s/@NAME@/$1/g" -e "s/@PRODUCT@/$PRODUCT/g" \
      -e "s/@DESCRIPTION@/$2/g" packaging/windows/app.rc.in >"$dir/app.rc"
  (cd "$dir" && x86_64-w64-mingw32-windres -c 65001 -O coff -i app.rc -o res.syso)
  cp "$dir/res.syso" "$3"
}
resources chanjiao "$PRODUCT" "$SYSO_GUI"
resources chanjiao-cli "$PRODUCT（命令行）" "$SYSO_CLI"

# --- the two programs
LDFLAGS="-s -w -X chanjiao/store.Version=$VERSION"
echo "building chanjiao-cli.exe"
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 "$GO" build -trimpath -ldflags "$LDFLAGS" \
  -o "$OUT/chanjiao-cli.exe" ./cmd/chanjiao-cli
echo "building chanjiao.exe (cgo; the first build takes several minutes)"
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
  "$GO" build -trimpath -ldflags "-H=windowsgui $LDFLAGS" -o "$OUT/chanjiao.exe" ./cmd/chanjiao
rm -f "$SYSO_GUI" "$SYSO_CLI"

packaging/sign.sh "$OUT/chanjiao.exe" "$OUT/chanjiao-cli.exe"

# --- files beside the exes: README (CRLF, BOM: read in Notepad), marker
sed "s/@VERSION@/$VERSION/g" packaging/windows/README.txt >"$WORK/README.lf"
"$WINPKG" crlf "$WORK/README.lf" "$OUT/README.txt"

# --- installer
STAGE="$WORK/stage"
mkdir -p "$STAGE"
cp "$OUT/chanjiao.exe" "$OUT/chanjiao-cli.exe" "$OUT/README.txt" "$WORK/chanjiao.ico" "$STAGE/"
SETUP="$OUT/chanjiao-setup-$VERSION.exe"
nsis_args=(-V2 -INPUTCHARSET UTF8 "-DVERSION=$VERSION" "-DVERSION4=$V1.$V2.$V3.$BUILD"
           "-DSRCDIR=$STAGE" "-DOUTFILE=$SETUP")
if [ -n "${SIGN_CERT:-}" ] && [ -n "${SIGN_KEY:-}" ]; then
  nsis_args+=("-DSIGNCMD=$ROOT/packaging/sign.sh")
fi
echo "building $(basename "$SETUP")"
makensis "${nsis_args[@]}" packaging/windows/installer.nsi
packaging/sign.sh "$SETUP"

# --- portable zip
PORT="$WORK/portable/chanjiao"
mkdir -p "$PORT"
cp "$OUT/chanjiao.exe" "$OUT/chanjiao-cli.exe" "$OUT/README.txt" "$PORT/"
"$WINPKG" crlf packaging/windows/chanjiao.portable "$PORT/chanjiao.portable"
ZIP="$OUT/chanjiao-$VERSION-portable.zip"
"$WINPKG" zip "$ZIP" "$PORT"

echo
(cd "$OUT" && ls -l chanjiao.exe chanjiao-cli.exe "$(basename "$SETUP")" "$(basename "$ZIP")" && file chanjiao.exe chanjiao-cli.exe "$(basename "$SETUP")")
