//! Integration tests: a real server on an ephemeral port, a temporary data
//! directory, and the generated tonic clients, as a user would use them.

mod accounts;
mod connections;
mod conversations;
mod devices;
mod events;
mod helpers;
mod ids;
mod keys;
mod messages;
mod operations;
mod users;
