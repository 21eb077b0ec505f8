#!/usr/bin/env bash
# Interleaved A/B of two server builds with the same load generator:
#   scripts/ab.sh BASE_SERVER NEW_SERVER [ROUNDS] [missive-bench arguments…]
# e.g. scripts/ab.sh /tmp/base-server target/release/missive-server 3 \
#        --scenarios echo,one-to-one --backends embedded,production
# Runs new, base, then base, new… (one run each per round, a fresh server
# each time) so that the machine's drift falls on both, then prints the median
# (min–max) of every metric per build. Samples go to ab-<build>-<round>.json.
# Needs target/release/missive-bench and python3; the production backend
# needs DATABASE_URL and REDIS_URL (scripts/deps.sh prints them).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
base=$1 new=$2
shift 2
rounds=3
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
  rounds=$1
  shift
fi
bench=target/release/missive-bench
[ -x "$bench" ] || { echo "build the load generator first: cargo build --release -p missive-bench" >&2; exit 2; }

for round in $(seq 1 "$rounds"); do
  # The order alternates: in one session the build run first in every round
  # came out slower on both scenarios, whichever build it was.
  order="new base"
  [ $((round % 2)) -eq 0 ] && order="base new"
  for build in $order; do
    bin=$new
    [ "$build" = base ] && bin=$base
    echo "== round $round: $build ($bin)"
    "$bench" --runs 1 --server-bin "$bin" --json "ab-$build-$round.json" "$@" >"ab-$build-$round.log" 2>&1 \
      || { echo "run failed; see ab-$build-$round.log" >&2; exit 1; }
  done
done

python3 - "$rounds" <<'EOF'
import json, statistics, sys
rounds = int(sys.argv[1])
table = {}
for build in ("base", "new"):
    for r in range(1, rounds + 1):
        with open(f"ab-{build}-{r}.json") as f:
            results = json.load(f)["results"]
        for scenario, runs in results.items():
            for run in runs:
                for metric, value in run.items():
                    table.setdefault((scenario, metric), {}).setdefault(build, []).append(value)
print("| scenario | metric | base median (min–max) | new median (min–max) | new ÷ base |")
print("|---|---|---|---|---|")
fmt = lambda v: f"{v:,.3f}" if abs(v) < 10 else f"{v:,.0f}"
for (scenario, metric), builds in sorted(table.items()):
    cells = []
    medians = {}
    for build in ("base", "new"):
        values = builds.get(build, [])
        if not values:
            cells.append("–")
            continue
        medians[build] = statistics.median(values)
        cells.append(f"{fmt(medians[build])} ({fmt(min(values))}–{fmt(max(values))})")
    ratio = f"{medians['new'] / medians['base']:.2f}" if medians.get("base") else "–"
    print(f"| {scenario} | {metric} | {cells[0]} | {cells[1]} | {ratio} |")
EOF
