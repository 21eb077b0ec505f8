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
