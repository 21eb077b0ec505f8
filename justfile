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
