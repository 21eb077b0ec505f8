//! The domain: accounts, devices, users, keys, connections, conversations,
//! messages and events, in the domain's own types ([`model`], [`ids`]).
//!
//! No transport here: nothing imports tonic or the generated protobuf types,
//! so every API (the client API in `crate::grpc`, federation next) stands on
//! the same services. Storage is reached through `missive_db::repo`, always
//! inside a [`UnitOfWork`](unit_of_work::UnitOfWork) when it writes; time
//! through [`Clock`](crate::clock::Clock); live delivery through the
//! [`EventBus`](crate::bus::EventBus) trait, only from the unit of work.

pub mod accounts;
pub mod assets;
mod batch_reads;
pub mod calls;
pub mod connections;
pub mod conversations;
pub mod devices;
pub mod events;
pub mod federation;
pub mod ids;
pub mod keys;
pub mod messages;
pub mod mls;
pub mod mls_delivery;
pub mod model;
pub mod outbox;
pub mod passwords;
pub mod push;
pub mod rate_limit;
pub mod revocations;
pub mod send_batch;
pub mod stream;
pub mod tokens;
pub mod unit_of_work;
pub mod users;

#[cfg(test)]
pub mod testing;

use crate::clock::Clock;
use crate::error::{DomainError, DomainResult};
use ids::BackendDomain;
use missive_db::DatabaseConnection;
use std::sync::Arc;

/// What every domain service needs.
#[derive(Clone)]
pub struct Deps {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    /// This backend's domain: ids qualified with it are ours, others are remote.
    pub domain: BackendDomain,
    /// Bounds the writes in flight (see `unit_of_work`).
    pub writes: Arc<unit_of_work::WriteGate>,
    /// Per-user, per-device and per-address quotas (see `rate_limit`).
    pub limits: Arc<rate_limit::RateLimits>,
    /// The backends that own the ids that are not ours.
    pub remotes: Arc<dyn federation::Remotes>,
    /// Woken when a commit queued notifications for other backends.
    pub outbox_wake: Arc<tokio::sync::Notify>,
}

impl Deps {
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    pub fn is_local(&self, domain: &BackendDomain) -> bool {
        *domain == self.domain
    }

    /// Refuses ids owned by another backend until federation exists; `what`
    /// names the resource in the message.
    pub fn require_local(&self, what: &str, domain: &BackendDomain) -> DomainResult<()> {
        if self.is_local(domain) {
            return Ok(());
        }
        Err(DomainError::Unavailable(format!(
            "{what} on backend {domain:?} cannot be reached: federation is not available on this backend"
        )))
    }
}

/// Page sizes of the list calls: 0 means the default.
pub const MAX_PAGE: u32 = 500;

pub fn page_limit(page_size: u32) -> DomainResult<u64> {
    match page_size {
        0 => Ok(100),
        1..=MAX_PAGE => Ok(u64::from(page_size)),
        _ => Err(DomainError::InvalidArgument(format!("page_size must be at most {MAX_PAGE}"))),
    }
}
