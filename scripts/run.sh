#!/usr/bin/env bash
# Starts missive-server. With no arguments: the embedded default (SQLite and
# in-process bus under ./missive-data, gRPC and gRPC-web on 127.0.0.1:50051).
# Any arguments are passed to the server (see `scripts/run.sh --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet --locked -p missive-server -- "$@"
