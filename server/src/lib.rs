//! Missive's server: configuration, start-up, the gRPC transport and the domain.

pub mod app;
pub mod bus;
pub mod clock;
pub mod config;
pub mod domain;
pub mod error;
pub mod grpc;

pub use app::App;
pub use config::Config;
