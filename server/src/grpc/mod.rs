//! Thin tonic adapters: decode the request, call the domain, encode the reply.
//! The only place `tonic::Status` is built from domain errors is `crate::error`.

pub mod account;
pub mod auth;
pub mod connection;
pub mod conversation;
pub mod convert;
pub mod device;
pub mod event;
pub mod key;
pub mod message;
pub mod ping;
pub mod user;

use std::net::IpAddr;

/// The peer's IP address, for per-address rate limits.
pub fn peer_ip<T>(request: &tonic::Request<T>) -> Option<IpAddr> {
    request.remote_addr().map(|addr| addr.ip())
}
