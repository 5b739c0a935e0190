#!/usr/bin/env bash
# Installs the snac2 binary that the Mastodon connector tests run against, into a project folder
# (default .peers/snac2), without touching the machine's APT sources: a private APT configuration
# lists bookworm-backports on the same mirror the machine already uses, `apt-get download` fetches the
# package, and `dpkg -x` unpacks it. Running it again when the binary is in place does nothing.
# Prints the path of the snac binary on its last line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEER_DIR="${SNAC2_DIR:-$ROOT/.peers/snac2}"
BIN="$PEER_DIR/root/usr/bin/snac"

runtime_libraries_missing() {
  # ldd names each shared library the binary needs and cannot find as "=> not found".
  ldd "$BIN" 2>/dev/null | awk '/not found/ { print $1 }'
}

install_runtime_dependencies() {
  local missing
  missing="$(runtime_libraries_missing)"
  [ -z "$missing" ] && return 0
  echo "snac2 needs libraries this machine lacks: $missing" >&2
  # The Depends line of the package names the Debian packages that provide them.
  local depends
  depends="$(dpkg-deb -f "$PEER_DIR"/cache/snac2_*.deb Depends | tr ',' '\n' | sed -E 's/\(.*\)//; s/\|.*//; s/ //g' | grep -v '^$')"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Install them as root: apt-get install $depends" >&2
    exit 1
  fi
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $depends >&2
  missing="$(runtime_libraries_missing)"
  if [ -n "$missing" ]; then
    echo "snac2 still lacks: $missing" >&2
    exit 1
  fi
}

if [ -x "$BIN" ] && [ -z "$(runtime_libraries_missing)" ]; then
  echo "$BIN"
  exit 0
fi

mkdir -p "$PEER_DIR/cache" "$PEER_DIR/apt/lists/partial" "$PEER_DIR/apt/archives/partial" "$PEER_DIR/apt/etc/preferences.d"

if ! ls "$PEER_DIR"/cache/snac2_*.deb >/dev/null 2>&1; then
  # The mirror host the machine's own sources use, so this works wherever those work.
  # Only live lines count: deb822 "URIs:" fields and one-line "deb" entries, never comments.
  MIRROR="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -E '^[[:space:]]*(URIs:|deb )' | grep -oE 'https?://[^ ]+/debian/?' | grep -v security | head -n1 || true)"
  MIRROR="${MIRROR%/}"
  MIRROR="${MIRROR:-http://deb.debian.org/debian}"
  KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
  cat >"$PEER_DIR/apt/etc/sources.list" <<SOURCES
deb [signed-by=$KEYRING] $MIRROR bookworm-backports main
SOURCES
  cat >"$PEER_DIR/apt/apt.conf" <<CONF
Dir::Etc::sourcelist "$PEER_DIR/apt/etc/sources.list";
Dir::Etc::sourceparts "-";
Dir::Etc::preferencesparts "$PEER_DIR/apt/etc/preferences.d";
Dir::State::lists "$PEER_DIR/apt/lists";
Dir::State::status "/var/lib/dpkg/status";
Dir::Cache "$PEER_DIR/apt/cache";
Dir::Cache::archives "$PEER_DIR/apt/archives";
APT::Get::List-Cleanup "false";
APT::Sandbox::User "root";
CONF
  mkdir -p "$PEER_DIR/apt/cache"
  export APT_CONFIG="$PEER_DIR/apt/apt.conf"
  apt-get update -qq >&2
  (cd "$PEER_DIR/cache" && apt-get download -qq snac2 >&2)
fi

DEB="$(ls "$PEER_DIR"/cache/snac2_*.deb | head -n1)"
rm -rf "$PEER_DIR/root"
dpkg -x "$DEB" "$PEER_DIR/root"
install_runtime_dependencies
echo "$BIN"
