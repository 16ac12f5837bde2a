#!/usr/bin/env bash
# Signs Windows executables in place with osslsigncode (Authenticode, SHA-256).
#
#   SIGN_CERT=cert.pem SIGN_KEY=key.pem [SIGN_PASS=...] packaging/sign.sh FILE.exe...
#
# SIGN_CERT and SIGN_KEY are file paths (PEM or DER; the certificate file may
# hold the whole chain) or the PEM text itself (as CI secrets usually are).
# SIGN_TIMESTAMP_URL adds an RFC 3161 time stamp (needs network; offline
# builds leave it unset). Without SIGN_CERT/SIGN_KEY it prints why and does
# nothing, successfully: unsigned builds still work, Windows SmartScreen just
# warns "未知发布者" on first run.
set -euo pipefail

if [ -z "${SIGN_CERT:-}" ] || [ -z "${SIGN_KEY:-}" ]; then
  echo "sign: SIGN_CERT/SIGN_KEY not given — skipping signing of: $*"
  exit 0
fi
command -v osslsigncode >/dev/null || { echo "sign: osslsigncode not installed (apt-get install osslsigncode)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
material() { # $1 value (path or PEM text), $2 name
  if [ -f "$1" ]; then printf '%s' "$1"
  elif printf '%s' "$1" | grep -q -- '-----BEGIN'; then printf '%s\n' "$1" >"$tmp/$2"; printf '%s' "$tmp/$2"
  else echo "sign: $2: no such file and not PEM text" >&2; exit 1
  fi
}
cert=$(material "$SIGN_CERT" cert.pem)
key=$(material "$SIGN_KEY" key.pem)
args=(-certs "$cert" -key "$key" -h sha256 -n "产教融合数据报送" -i "https://example.invalid/chanjiao")
[ -n "${SIGN_PASS:-}" ] && args+=(-pass "$SIGN_PASS")
[ -n "${SIGN_TIMESTAMP_URL:-}" ] && args+=(-ts "$SIGN_TIMESTAMP_URL")

for f in "$@"; do
  rm -f "$f.signed"
  osslsigncode sign "${args[@]}" -in "$f" -out "$f.signed" >/dev/null
  mv -f "$f.signed" "$f"
  echo "sign: signed $f"
done
