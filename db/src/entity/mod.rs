//! SeaORM entities, one module per table. Times are Unix milliseconds (i64) so
//! that SQLite and PostgreSQL store and compare them the same way.

pub mod asset;
pub mod connection;
pub mod conversation;
pub mod conversation_member;
pub mod conversation_remote_member;
pub mod device;
pub mod device_challenge;
pub mod event;
pub mod federation_inbox;
pub mod federation_lease;
pub mod federation_outbox;
pub mod key_package;
pub mod last_resort_prekey;
pub mod mls_group;
pub mod mls_proposal;
pub mod prekey;
pub mod push_token;
pub mod refresh_token;
pub mod remote_sent_message;
pub mod revoked_session;
pub mod sent_message;
pub mod session;
pub mod user;
