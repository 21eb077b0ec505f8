#!/usr/bin/env bash
# Everything CI runs, in order; stops at the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# A whole run builds everything once; incremental artifacts would only double
# the size of target/ (a run once failed on a full disk), not save time.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
df -h . | tail -n 1 | awk '{print "disk: " $4 " free of " $2}'

step "PostgreSQL, Redis and Chromium (scripts/deps.sh)"
while IFS= read -r line; do
  export "${line?}"
done < <(./scripts/deps.sh)
echo "DATABASE_URL and REDIS_URL provided for the production-path tests"

step "tools (buf from npm)"
./scripts/tools.sh

step "buf lint"
./tools/node_modules/.bin/buf lint

step "buf breaking against the previous commit"
if git rev-parse -q --verify HEAD~1 >/dev/null && git cat-file -e HEAD~1:buf.yaml 2>/dev/null; then
  ./tools/node_modules/.bin/buf breaking --against '.git#ref=HEAD~1'
  echo "no breaking change against HEAD~1"
else
  echo "no previous version to compare against"
fi

step "generated SDK code matches proto/ (scripts/gen.sh --check)"
./scripts/gen.sh --check

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

step "TypeScript SDK: node tests against a real server, over gRPC and gRPC-web"
cargo build --locked -p missive-server -p missive-testkit -p missive-cli --bin missive-server --bin missive-test-certs --bin missive
./scripts/npm-install.sh clients/typescript
(cd clients/typescript && npm test)

step "Kotlin SDK: Maven build and JUnit tests against a real server"
(cd clients/kotlin && mvn -B -q test)

step "web page: build, and two users chatting in Chromium"
./scripts/npm-install.sh clients/web
(cd clients/web && npm test)

step "Swift SDK: manifest, parse and swift-format lint (Swift 6.2 in a Debian root; scripts/swift-check.sh)"
if [ -n "${MISSIVE_NO_SWIFT:-}" ]; then
  echo "skipped: MISSIVE_NO_SWIFT is set"
else
  ./scripts/swift-check.sh
fi
