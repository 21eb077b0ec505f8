//! Integration tests: a real server on an ephemeral port, a temporary data
//! directory, and the generated tonic clients, as a user would use them.
//! This target (`api`) runs them on SQLite and the in-process bus;
//! tests/api_production.rs runs the same modules on PostgreSQL and Redis.

include!("modules.rs");
