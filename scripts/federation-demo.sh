#!/usr/bin/env bash
# Two federating backends on loopback, from a fresh clone: a.example (client
# API 127.0.0.1:50051) and b.example (127.0.0.1:50052), with a CA and
# certificates made at start, mutual-TLS federation listeners and a DNS
# server on loopback, state under ./federation-demo/. Prints "ready" when
# both serve; Ctrl-C (or SIGTERM) stops both. See README, "Two backends".
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --locked -p missive-server -p missive-testkit --bin missive-federation-demo
exec target/debug/missive-federation-demo --dir ./federation-demo --server-bin target/debug/missive-server "$@"
