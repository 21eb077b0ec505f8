#!/usr/bin/env bash
# Generates the SDKs' code from proto/ with buf and local plugins.
#   scripts/gen.sh          regenerate everything this machine can generate
#   scripts/gen.sh --check  regenerate into a temporary directory and fail when
#                           the committed output differs (CI runs this)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/tools.sh
# protoc and the gRPC plugins of the Kotlin SDK, when a JDK can run them.
if command -v java >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then
  ./scripts/kotlin-tools.sh
fi
export PATH="$PWD/tools/node_modules/.bin:$PWD/tools/bin:$PATH"

check=false
[ "${1:-}" = "--check" ] && check=true
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0

# generate LANGUAGE TEMPLATE OUTPUT_DIR [required plugin ...]
generate() {
  local language=$1 template=$2 output=$3
  shift 3
  for plugin in "$@"; do
    if ! command -v "$plugin" >/dev/null 2>&1; then
      echo "gen: skipping $language: $plugin is not installed here (see sdk-gen/README.md)"
      return 0
    fi
  done
  if $check; then
    buf generate --template "$template" -o "$scratch"
    if diff -r "$scratch/$output" "$output" >/dev/null 2>&1; then
      echo "gen: $language is up to date"
    else
      echo "gen: $language differs from a fresh generation; run scripts/gen.sh and commit:" >&2
      diff -r "$scratch/$output" "$output" | head -40 >&2 || true
      status=1
    fi
  else
    buf generate --template "$template"
    echo "gen: $language generated into $output"
  fi
}

generate TypeScript sdk-gen/buf.gen.ts.yaml clients/typescript/src/gen protoc-gen-es
generate Kotlin sdk-gen/buf.gen.kotlin.yaml clients/kotlin/src/generated protoc protoc-gen-grpc-java protoc-gen-grpc-kotlin

# Swift's plugins are Swift programs: most machines here cannot build them
# (clients/swift/README.md). The committed output therefore records what it
# was generated from and what it is; where the plugins are missing, --check
# still fails when proto/ changed without a new Swift generation, or when the
# generated files were edited by hand.
swift_out=clients/swift/Sources/MissiveSDK/Generated
swift_record=clients/swift/generated.sha256
swift_fingerprint() {
  local inputs output
  # One byte order for the glob and the listing, whatever the locale.
  local LC_ALL=C
  inputs=$(cat sdk-gen/buf.gen.swift.yaml proto/missive/v1/*.proto | sha256sum | cut -d' ' -f1)
  output=$(cd "$swift_out" && find . -type f | sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
  printf 'inputs %s\noutput %s\n' "$inputs" "$output"
}
if command -v protoc-gen-swift >/dev/null 2>&1 && command -v protoc-gen-grpc-swift-2 >/dev/null 2>&1; then
  generate Swift sdk-gen/buf.gen.swift.yaml "$swift_out" protoc-gen-swift protoc-gen-grpc-swift-2
  $check || swift_fingerprint > "$swift_record"
fi
if [ "$(swift_fingerprint)" = "$(cat "$swift_record" 2>/dev/null)" ]; then
  echo "gen: Swift matches its record ($swift_record)"
else
  echo "gen: Swift is stale or edited: proto/ or the Swift template changed since $swift_record" \
    "was written, or files in $swift_out differ from the generation it records." \
    "Regenerate with protoc-gen-swift and protoc-gen-grpc-swift-2 on PATH (clients/swift/README.md)" >&2
  $check && status=1
fi
exit $status
