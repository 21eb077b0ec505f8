#!/usr/bin/env bash
# Everything CI runs, in order; stops at the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "PostgreSQL and Redis (scripts/deps.sh)"
while IFS= read -r line; do
  export "${line?}"
done < <(./scripts/deps.sh)
echo "DATABASE_URL and REDIS_URL provided for the production-path tests"

step "tools (buf from npm)"
./scripts/tools.sh

step "buf lint"
./tools/node_modules/.bin/buf lint

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "one tonic, prost, hyper and http in the tree"
dupes=$(cargo tree --locked -d --depth 0 -e normal,build 2>/dev/null \
  | awk '/^[a-z]/ {print $1, $2}' | sort -u | awk '{print $1}' | uniq -d \
  | grep -xE 'tonic|tonic-prost|prost|prost-types|hyper|http|h2|tower|rustls' || true)
if [ -n "$dupes" ]; then
  echo "more than one version of: $dupes (see cargo tree -d)" >&2
  exit 1
fi

step "cargo test"
cargo test --locked --workspace
