//! Repositories: the queries the domain needs, named for what they do. Each
//! takes any `ConnectionTrait` so callers compose them in a transaction;
//! repositories never open, commit or roll back transactions themselves (the
//! server's unit of work owns that).

pub mod assets;
pub mod challenges;
pub mod changes;
pub mod connections;
pub mod conversations;
pub mod devices;
pub mod events;
pub mod federation;
pub mod keys;
pub mod messages;
pub mod mls;
pub mod push;
pub mod revocations;
pub mod sessions;
pub mod users;
