//! The client API (`missive.v1`): thin tonic adapters that decode the
//! request, call the domain, encode the reply. Conversions live in
//! [`convert`], the error mapping in [`status`], authentication in [`auth`].
//! Nothing here touches storage.

pub mod account;
pub mod asset;
pub mod auth;
pub mod call;
pub mod connection;
pub mod conversation;
pub mod convert;
pub mod device;
pub mod event;
pub mod federation;
pub mod key;
pub mod message;
pub mod mls;
pub mod ping;
pub mod push;
pub mod status;
pub mod user;

use std::net::IpAddr;

/// The peer's IP address, for per-address rate limits.
pub fn peer_ip<T>(request: &tonic::Request<T>) -> Option<IpAddr> {
    request.remote_addr().map(|addr| addr.ip())
}
