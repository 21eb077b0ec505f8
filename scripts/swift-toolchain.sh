#!/usr/bin/env bash
# A Swift toolchain for the Swift SDK's checks, on a machine that has none:
# Debian ships Swift 6.2 (package swiftlang) in unstable only, built against
# a newer C library than this machine's, so it is installed into a Debian
# root of its own under tools/ and run with chroot (root needed, as for apt).
#   scripts/swift-toolchain.sh [ROOT]   prints ROOT once `swift` runs in it
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:-${MISSIVE_SWIFT_ROOT:-$PWD/tools/swift-root}}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
log() { echo "swift-toolchain: $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# The toolchain finds its libraries through /proc/self/exe.
runs() {
  [ -x "$root/usr/libexec/swift/bin/swift" ] || return 1
  mountpoint -q "$root/proc" || as_root mount -t proc proc "$root/proc"
  local ok=0
  as_root chroot "$root" swift --version >/dev/null 2>&1 || ok=1
  as_root umount "$root/proc"
  return $ok
}
if runs; then
  echo "$root"
  exit 0
fi
command -v debootstrap >/dev/null 2>&1 || { log "debootstrap is missing: scripts/deps.sh installs it"; exit 1; }
log "Debian unstable into $root (about a minute)"
as_root rm -rf "$root"
as_root debootstrap --variant=minbase sid "$root" "$mirror" >&2
# Unstable's Release files are short-lived; a mirror a little behind the
# clock must still be usable.
echo 'Acquire::Check-Valid-Until "false";' | as_root tee "$root/etc/apt/apt.conf.d/99missive" >/dev/null
log "swiftlang with apt (about 450 MB)"
as_root chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
as_root chroot "$root" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends swiftlang libc6-dev >&2
runs || { log "swift does not run in $root"; exit 1; }
echo "$root"
