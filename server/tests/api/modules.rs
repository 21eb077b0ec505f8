// The suite's modules, included by the roots of both API targets (`api` and
// `api_production`). `include!` resolves these `mod`s next to this file, so
// both compile the same modules without sharing a root file, which cargo
// warns about on every build.

mod accounts;
mod assets;
mod calls;
mod connections;
mod conversations;
mod devices;
mod events;
mod federation;
mod fuzz;
mod helpers;
mod ids;
mod keys;
mod limits;
mod messages;
mod mls;
mod operations;
mod overload;
mod push;
mod revocation;
mod tls;
mod users;
