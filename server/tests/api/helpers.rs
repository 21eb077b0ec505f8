//! The suite's view of `missive_testkit`: everything it exports, plus
//! `spawn_app()` on the backend this test target was built for.

pub use missive_testkit::*;
use missive_server::Config;

/// `api` runs on the embedded backend, `api_production` (the same modules) on
/// PostgreSQL + Redis; the target's name is the only difference between them.
pub const BACKEND: Backend = match env!("CARGO_CRATE_NAME").as_bytes() {
    b"api_production" => Backend::Production,
    _ => Backend::Embedded,
};

pub async fn spawn_app() -> TestApp {
    missive_testkit::spawn_app(BACKEND).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    missive_testkit::spawn_app_with(BACKEND, configure).await
}

/// A federating backend (see `missive_testkit::federation`) on this target's backend.
pub async fn spawn_federated(
    domain: &str,
    ca: &federation::TestCa,
    dns: &federation::DnsServer,
    allow: &str,
) -> TestApp {
    federation::spawn_federated(BACKEND, domain, ca, dns, allow).await
}
