#!/usr/bin/env bash
# Builds the SDK and the chat page, then serves the page on
# http://127.0.0.1:4173 (start the server first: scripts/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/npm-install.sh clients/typescript
(cd clients/typescript && npm run --silent build)
./scripts/npm-install.sh clients/web
cd clients/web
npx vite build --logLevel warn
exec npx vite preview --host 127.0.0.1 --port 4173 --strictPort
