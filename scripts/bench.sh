#!/usr/bin/env bash
# Benchmarks a release build of missive-server on this machine.
#   scripts/bench.sh            the short version of every scenario on both
#                               backends (a few minutes once built); fails if
#                               any scenario cannot complete
#   scripts/bench.sh --full     the full runs behind docs/PERFORMANCE.md
#   scripts/bench.sh -- ARGS    any missive-bench arguments (see --help)
set -euo pipefail
cd "$(dirname "$0")/.."
while IFS= read -r line; do
  export "${line?}"
done < <(MISSIVE_NO_BROWSER=1 ./scripts/deps.sh)
cargo build --release --locked -p missive-server -p missive-bench
# The second load client, not Rust (the `ghz` scenario): built by Go from
# the Go module proxy into tools/bin.
if [ ! -x tools/bin/ghz ]; then
  command -v go >/dev/null || { echo "installing ghz needs Go; or pass --scenarios without ghz" >&2; exit 1; }
  GOBIN="$PWD/tools/bin" go install github.com/bojand/ghz/cmd/ghz@v0.120.0
fi
# The third (the `node` scenario): the TypeScript SDK on Node, built here.
./scripts/npm-install.sh clients/typescript >/dev/null
(cd clients/typescript && npx tsc -p tsconfig.json)
case "${1:-}" in
  --full) shift; exec target/release/missive-bench --runs 3 --json bench-full.json "$@" ;;
  --) shift; exec target/release/missive-bench "$@" ;;
  *) exec target/release/missive-bench --short --json bench-short.json "$@" ;;
esac
