# Daily commands; each wraps a script in scripts/ that needs only bash, cargo
# (and npm for the buf CLI), so nothing here is required to build or test.

# start the server on the embedded default (pass flags after --)
run *ARGS:
    ./scripts/run.sh {{ARGS}}

# everything CI runs
test:
    ./scripts/test.sh

# buf lint of proto/
lint:
    ./scripts/tools.sh
    ./tools/node_modules/.bin/buf lint

fmt:
    cargo fmt --all

# install (apt) and start PostgreSQL and Redis on loopback; prints their URLs
deps:
    ./scripts/deps.sh

# regenerate the SDKs' code from proto/ (what this machine can generate)
gen:
    ./scripts/gen.sh

# fail when committed generated code differs from a fresh generation
gen-check:
    ./scripts/gen.sh --check

# the chat page on http://127.0.0.1:4173 (start the server with `just run`)
web:
    ./scripts/web.sh

# a short benchmark of every scenario on both backends (release build)
bench:
    ./scripts/bench.sh

# the full benchmark behind docs/PERFORMANCE.md (3 runs of each scenario)
bench-full:
    ./scripts/bench.sh --full

# two federating backends on loopback (a.example :50051, b.example :50052)
federation:
    ./scripts/federation-demo.sh
