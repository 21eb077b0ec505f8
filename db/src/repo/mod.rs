//! Repositories: the queries the domain needs, named for what they do. Each
//! takes any `ConnectionTrait` so callers can compose them in a transaction.

pub mod challenges;
pub mod devices;
pub mod sessions;
pub mod users;
