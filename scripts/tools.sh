#!/usr/bin/env bash
# Installs the non-Rust tools the build uses (the buf CLI, from npm) into
# tools/node_modules, from the committed lockfile. Idempotent and quick when
# nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  echo "scripts/tools.sh: npm is required (Node.js 20+) to install the buf CLI" >&2
  exit 1
fi
stamp=tools/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || ! cmp -s tools/package-lock.json "$stamp"; then
  # Not `npm ci`: its lock check insists on every platform's optional buf
  # binary, and the registries reachable here do not serve the macOS/Windows
  # ones. `npm install` keeps the locked versions and skips absent optionals.
  npm install --prefix tools --no-audit --no-fund --loglevel=error
  cp tools/package-lock.json "$stamp"
fi
