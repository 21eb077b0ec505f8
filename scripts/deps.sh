#!/usr/bin/env bash
# Installs PostgreSQL and Redis from Debian's packages when missing, starts
# them on loopback, and creates the `missive` role and database; also installs
# Debian's Chromium for the browser test and coturn (turnserver and
# turnutils_uclient) for the TURN credential test; coturn is only installed,
# each test starts its own; and a JDK with Maven for the Kotlin SDK.
# Idempotent.
# Prints the URLs it provides on stdout (progress goes to stderr):
#   DATABASE_URL=postgres://missive:missive@127.0.0.1:5432/missive
#   REDIS_URL=redis://127.0.0.1:6379
set -euo pipefail

PG_PORT=${MISSIVE_PG_PORT:-5432}
REDIS_PORT=${MISSIVE_REDIS_PORT:-6379}
PG_ROLE=missive
PG_PASSWORD=missive
PG_DATABASE=missive

log() { printf 'deps: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root su postgres -s /bin/sh -c "$1"; }

missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v turnserver >/dev/null 2>&1 || missing+=(coturn)
# The browser test drives Debian's Chromium (a test tool's own browser
# download cannot work here). MISSIVE_NO_BROWSER=1 skips it.
[ -n "${MISSIVE_NO_BROWSER:-}" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The Kotlin SDK: a JDK (17 or newer) and Maven.
command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
# The Swift SDK's checks: a Swift toolchain in a Debian root of its own
# (scripts/swift-toolchain.sh). MISSIVE_NO_SWIFT=1 skips them.
[ -n "${MISSIVE_NO_SWIFT:-}" ] || command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} with apt"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# PostgreSQL: the newest installed major version, cluster "main".
pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$pg_version main"; then
  log "creating PostgreSQL $pg_version cluster"
  as_root pg_createcluster "$pg_version" main --port "$PG_PORT" >&2
fi
if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
  log "starting PostgreSQL $pg_version on 127.0.0.1:$PG_PORT"
  as_root pg_ctlcluster "$pg_version" main start >&2 || true
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || { log "PostgreSQL did not start"; exit 1; }
fi
psql_admin() { as_postgres "psql -p $PG_PORT -v ON_ERROR_STOP=1 -tAc \"$1\""; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != 1 ]; then
  log "creating role $PG_ROLE"
  # CREATEDB: the test suite gives every test its own database.
  psql_admin "CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" >/dev/null
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != 1 ]; then
  log "creating database $PG_DATABASE"
  psql_admin "CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE" >/dev/null
fi

# Redis: no persistence needed, it is only the wake-up channel.
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --logfile /tmp/missive-redis.log >&2
  for _ in $(seq 1 40); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.25; done
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 || { log "Redis did not start"; exit 1; }
fi

echo "DATABASE_URL=postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DATABASE"
echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
