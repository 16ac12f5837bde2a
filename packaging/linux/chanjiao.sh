#!/bin/sh
# Starts the portable copy from its own folder: `sh chanjiao.sh` opens the
# window, `sh chanjiao.sh cli 命令…` runs the command line program. A USB stick
# formatted FAT32/exFAT is mounted without execute permission for files
# without .exe, so the program is then run from a copy in a temporary folder
# with its database still beside this script (CHANJIAO_DB).
dir=$(cd "$(dirname "$0")" && pwd) || exit 1
prog=chanjiao
if [ "$1" = cli ]; then prog=chanjiao-cli; shift; fi
export CHANJIAO_DB="${CHANJIAO_DB:-$dir/chanjiao.db}"
if [ -x "$dir/$prog" ]; then
	exec "$dir/$prog" "$@"
fi
tmp=$(mktemp -d "${XDG_RUNTIME_DIR:-/tmp}/chanjiao.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cp "$dir/$prog" "$tmp/$prog" && chmod 700 "$tmp/$prog" || exit 1
"$tmp/$prog" "$@"
