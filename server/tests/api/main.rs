//! Integration tests: a real server on an ephemeral port, a temporary data
//! directory, and the generated tonic clients, as a user would use them.

mod accounts;
mod devices;
mod helpers;
mod operations;
mod users;
