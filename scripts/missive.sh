#!/usr/bin/env bash
# Runs the `missive` command-line client (builds it on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet --locked -p missive-cli -- "$@"
