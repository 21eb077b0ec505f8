//! The domain: accounts, devices, users. No tonic and no SQL here; storage is
//! reached through `missive_db::repo`, time through [`Clock`](crate::clock::Clock).

pub mod accounts;
pub mod connections;
pub mod conversations;
pub mod devices;
pub mod events;
pub mod ids;
pub mod keys;
pub mod messages;
pub mod passwords;
pub mod rate_limit;
pub mod tokens;
pub mod users;

use crate::clock::Clock;
use crate::error::{DomainError, DomainResult};
use missive_db::DatabaseConnection;
use std::sync::Arc;

/// What every domain service needs.
#[derive(Clone)]
pub struct Deps {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    /// This backend's domain: ids qualified with it are ours, others are remote.
    pub domain: Arc<str>,
}

impl Deps {
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    pub fn is_local(&self, domain: &str) -> bool {
        domain == &*self.domain
    }

    /// Refuses ids owned by another backend until federation exists; `what`
    /// names the resource in the message.
    pub fn require_local(&self, what: &str, domain: &str) -> DomainResult<()> {
        if self.is_local(domain) {
            return Ok(());
        }
        Err(DomainError::Unavailable(format!(
            "{what} on backend {domain:?} cannot be reached: federation is not available on this backend"
        )))
    }
}

/// A local or remote id as the API spells it.
pub fn qualified(id: uuid::Uuid, domain: &str) -> missive_proto::v1::QualifiedId {
    missive_proto::v1::QualifiedId { id: id.to_string(), domain: domain.to_owned() }
}

/// Unix milliseconds as a protobuf timestamp (event and API payloads).
pub fn timestamp(unix_ms: i64) -> prost_types::Timestamp {
    prost_types::Timestamp { seconds: unix_ms.div_euclid(1000), nanos: (unix_ms.rem_euclid(1000) * 1_000_000) as i32 }
}
