//! Test support shared by Missive's integration suites: `spawn_app` on the
//! embedded or the production backend, typed client helpers, and a
//! `redis-server` a test can kill and restart.

mod app;
mod client;
pub mod federation;
pub mod mls;
pub mod push;
mod redis;
pub mod s3;
pub mod turn;

pub use app::{Backend, DOMAIN, PASSWORD, TLS_NAMES, TestApp, connect, spawn_app, spawn_app_tls, spawn_app_with};
pub use client::{Account, DeviceKey, EventStream, QUIET, WAIT, assert_status, authed, listed, message, policy};
pub use redis::{RedisServer, free_port};

/// Waits, if need be, until at least 30 s are left of the server's current
/// rate-limit window. It counts in fixed windows of the wall clock (not the
/// tests' manual clock), so a test that counts calls up to a quota must not
/// straddle the turn of a window, where the count starts over: on a loaded
/// machine a few password checks can take seconds.
pub async fn within_one_rate_window() {
    use missive_server::domain::rate_limit::WINDOW_SECS;
    const ROOM: std::time::Duration = std::time::Duration::from_secs(30);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let into = std::time::Duration::from_millis((now.as_millis() % u128::from(WINDOW_SECS * 1000)) as u64);
    let left = std::time::Duration::from_secs(WINDOW_SECS) - into;
    if left < ROOM {
        // Into the next minute, with a margin for clocks read a moment apart.
        tokio::time::sleep(left + std::time::Duration::from_millis(200)).await;
    }
}
