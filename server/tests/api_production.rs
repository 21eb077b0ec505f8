//! The API suite of tests/api on the production backend: a fresh PostgreSQL
//! database per server (through `DATABASE_URL`) and Redis (`REDIS_URL`), both
//! from scripts/deps.sh. With `CI` set they are required; elsewhere, without
//! them, the suite runs on the embedded backend after a one-line note.

include!("api/modules.rs");
