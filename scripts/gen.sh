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
generate Swift sdk-gen/buf.gen.swift.yaml clients/swift/Sources/MissiveSDK/Generated protoc-gen-swift protoc-gen-grpc-swift
exit $status
