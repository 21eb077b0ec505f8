#!/usr/bin/env bash
# Installs the non-Rust tools the build uses (the buf CLI and protoc-gen-es,
# from npm) into tools/node_modules, from the committed lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./scripts/npm-install.sh tools
