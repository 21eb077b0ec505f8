#!/usr/bin/env bash
# Installs the npm dependencies of one package directory from its committed
# lockfile; quick when nothing changed since the last install.
#   scripts/npm-install.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: scripts/npm-install.sh DIR}

if ! command -v npm >/dev/null 2>&1; then
  echo "scripts/npm-install.sh: npm is required (Node.js 20+)" >&2
  exit 1
fi
stamp=$dir/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
  # Not `npm ci`: its lock check insists on every platform's optional
  # binaries (buf's, rollup's), and the registries reachable here do not
  # serve the macOS/Windows ones. `npm install` keeps the locked versions and
  # skips absent optionals.
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error
  cp "$dir/package-lock.json" "$stamp"
fi
