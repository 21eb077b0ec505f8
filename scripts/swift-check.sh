#!/usr/bin/env bash
# The Swift SDK's checks that this machine can run without GitHub (where
# SwiftPM would fetch grpc-swift and swift-protobuf): the manifest
# evaluates, every Swift file parses (generated code included), and the
# hand-written code passes swift-format's lint. Building and testing against
# the dependencies is for a machine with a Swift toolchain and GitHub:
# clients/swift/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
root=$(./scripts/swift-toolchain.sh)
work="$root/missive-swift"
as_root rm -rf "$work"
as_root mkdir -p "$work"
tar -C clients/swift --exclude=.build --exclude=Package.resolved -cf - . | as_root tar -C "$work" -xf -
as_root mount -t proc proc "$root/proc"
trap 'as_root umount "$root/proc"' EXIT
as_root chroot "$root" bash -euo pipefail -c '
  cd /missive-swift
  swift --version 2>&1 | head -n 1
  swift package dump-package > /dev/null
  echo "Package.swift evaluates"
  find Sources Tests -name "*.swift" | sort | xargs swiftc -parse
  echo "$(find Sources Tests -name "*.swift" | wc -l) Swift files parse"
  hand=$(find Sources Tests -name "*.swift" -not -path "*/Generated/*" | sort)
  /usr/libexec/swift/bin/swift-format lint --strict $hand
  echo "swift-format lint: clean ($(echo $hand | wc -w) hand-written files)"
'
