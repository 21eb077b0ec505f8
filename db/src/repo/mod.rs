//! Repositories: the queries the domain needs, named for what they do. Each
//! takes any `ConnectionTrait` so callers can compose them in a transaction.

pub mod challenges;
pub mod connections;
pub mod conversations;
pub mod devices;
pub mod events;
pub mod keys;
pub mod messages;
pub mod sessions;
pub mod users;
