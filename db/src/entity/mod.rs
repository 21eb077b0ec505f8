//! SeaORM entities, one module per table. Times are Unix milliseconds (i64) so
//! that SQLite and PostgreSQL store and compare them the same way.

pub mod device;
pub mod device_challenge;
pub mod refresh_token;
pub mod session;
pub mod user;
