//! The one way the domain writes: begin a transaction, write and store the
//! events the change emits, commit, and only then publish them.
//!
//! Written out by hand in each service, forgetting the publish (a device
//! waits for its next heartbeat) or publishing before the commit (a stream
//! reads the store, finds nothing, and the wake-up is spent) would be silent
//! bugs; here they cannot be written. Dropping a unit of work without
//! committing rolls it back and publishes nothing.

use super::events::{Events, Outgoing};
use super::ids::UserId;
use super::model::EventPayload;
use crate::bus::Delivery;
use crate::error::DomainResult;
use missive_db::sea_orm::DatabaseTransaction;

pub struct UnitOfWork<'e> {
    txn: DatabaseTransaction,
    events: &'e Events,
    /// Stored in `txn`, published after it commits.
    emitted: Vec<Delivery>,
}

impl<'e> UnitOfWork<'e> {
    /// Begins a write transaction (`BEGIN IMMEDIATE` on SQLite).
    pub async fn begin(events: &'e Events) -> DomainResult<UnitOfWork<'e>> {
        let txn = missive_db::begin_write(&events.deps().db).await?;
        Ok(UnitOfWork { txn, events, emitted: Vec::new() })
    }

    /// The transaction, for repositories.
    pub fn db(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Stores one event per target in this transaction.
    pub async fn emit(&mut self, outgoing: Vec<Outgoing>) -> DomainResult<()> {
        let stored = self.events.store(&self.txn, outgoing).await?;
        self.emitted.extend(stored);
        Ok(())
    }

    /// Stores `payload` for every device of `users`.
    pub async fn emit_to_users(&mut self, users: &[UserId], payload: EventPayload) -> DomainResult<()> {
        let stored = self.events.store_for_users(&self.txn, users, payload).await?;
        self.emitted.extend(stored);
        Ok(())
    }

    /// Commits, then publishes what was emitted. Returns once the wake-ups
    /// are out, so a reply sent after it never precedes them.
    pub async fn commit(self) -> DomainResult<()> {
        let UnitOfWork { txn, events, emitted } = self;
        txn.commit().await?;
        events.publish(emitted).await;
        Ok(())
    }

    /// Undoes everything; nothing is published. Same as dropping, but says so.
    pub async fn rollback(self) -> DomainResult<()> {
        self.txn.rollback().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DeviceRef;
    use crate::domain::testing::TestDomain;
    use std::time::Duration;

    fn payload() -> EventPayload {
        EventPayload::PrekeysLow { remaining: 1 }
    }

    #[tokio::test]
    async fn emitted_events_are_published_after_commit() {
        let domain = TestDomain::new(2, Duration::from_secs(30)).await;
        let mut work = UnitOfWork::begin(&domain.events).await.unwrap();
        work.emit_to_users(&domain.users, payload()).await.unwrap();
        assert!(domain.published.lock().unwrap().is_empty(), "published before commit");
        work.commit().await.unwrap();
        let mut seen: Vec<DeviceRef> = domain.published.lock().unwrap().iter().map(|d| d.to.clone()).collect();
        seen.sort();
        let mut expected = domain.devices.clone();
        expected.sort();
        assert_eq!(seen, expected, "every stored event is published once, after commit");
        assert!(domain.published.lock().unwrap().iter().all(|d| d.event.cursor == 1));
    }

    #[tokio::test]
    async fn a_unit_of_work_dropped_without_commit_stores_and_publishes_nothing() {
        let domain = TestDomain::new(1, Duration::from_secs(30)).await;
        let mut work = UnitOfWork::begin(&domain.events).await.unwrap();
        work.emit_to_users(&domain.users, payload()).await.unwrap();
        drop(work);
        assert!(domain.published.lock().unwrap().is_empty());
        let stored = domain.events.read_after(&domain.devices[0], 0).await.unwrap();
        assert!(stored.is_empty(), "rolled back: {stored:?}");
    }
}
