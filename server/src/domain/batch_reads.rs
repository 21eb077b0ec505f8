//! What a batch of sends reads (the conversations with their members,
//! whether a 1:1 is blocked, the members' devices), remembered from one
//! batch to the next, and shared by the workers of the group commit: what
//! one worker's batch read, the next batch of any worker finds.
//!
//! These reads were five of a batch's ten statements, each a hand-off to
//! SQLite's connection thread or a round trip to PostgreSQL, for data that
//! changes rarely next to how often it is read. What is remembered is
//! exact, not eventually right: every unit of work counts a change unless
//! it is marked as writing none of this ([`UnitOfWork::keeps_reads`]: the
//! batches themselves and the acknowledgements), and a batch forgets
//! everything when the count moved since its last look. Batches of
//! several workers run at once and may have looked at the count at
//! different moments: what is remembered is labelled with the count it
//! was read under, and a batch uses or adds to it only under the same
//! count (the count only grows, so a batch that saw a larger one starts
//! the memory over, and one that saw a smaller one reads for itself).
//!
//! With one writer (SQLite) the count is kept at the write gate while a
//! unit of work holds the writer's turn, which a batch holds too. With
//! several writers (PostgreSQL, perhaps several instances) it is kept in
//! the database (`repo::changes`), bumped in the changing transaction and
//! read by the batch in its own before its reads: whatever committed
//! before that read moved the count, and what commits after it could not
//! have been seen by reading either (read committed). So a batch sees what
//! it would have read.
//!
//! Debug builds (the tests) read the store as well on every hit and panic
//! on a difference, so a write path that changes these tables without
//! counting a change fails the tests that use it. With several writers a
//! difference counts only while the count still has not moved: a change
//! may commit between the batch's look at the count and the check.
//!
//! [`UnitOfWork::keeps_reads`]: super::unit_of_work::UnitOfWork::keeps_reads

use super::connections::blocked_pairs;
use super::conversations::load_many;
use super::events::devices_of;
use super::ids::{BackendDomain, DeviceId, UserId};
use super::model::Conversation;
use super::unit_of_work::WriteGate;
use crate::error::DomainResult;
use missive_db::sea_orm::ConnectionTrait;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use uuid::Uuid;

/// Bounds of what is remembered; past one, everything is forgotten at the
/// next batch (rare: the working set of a busy server's last few minutes).
const MAX_MEMBERS: usize = 262_144;
const MAX_USERS: usize = 65_536;
const MAX_PAIRS: usize = 65_536;

type Devices = Arc<BTreeSet<DeviceId>>;

/// What the batches of every worker read, under one count of changes.
#[derive(Default)]
pub(super) struct SharedReads(Mutex<Remembered>);

#[derive(Default)]
struct Remembered {
    /// The count of changes all of this was read under.
    changes: u64,
    conversations: HashMap<Uuid, Arc<Conversation>>,
    /// Members summed over `conversations`, for the bound.
    members: usize,
    devices: HashMap<UserId, Devices>,
    /// (sender, other of a 1:1) → whether one blocked the other.
    blocked: HashMap<(Uuid, Uuid), bool>,
}

impl SharedReads {
    /// Held only to copy pointers in or out, never across an await.
    fn lock(&self) -> MutexGuard<'_, Remembered> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Remembered {
    fn oversized(&self) -> bool {
        self.members > MAX_MEMBERS || self.devices.len() > MAX_USERS || self.blocked.len() > MAX_PAIRS
    }
}

/// One worker's view: what its current batch uses, taken from the shared
/// memory or read, under the count of changes the batch began with.
pub(super) struct BatchReads {
    /// Keeps the count of changes (in memory, or from the database).
    gate: Arc<WriteGate>,
    shared: Arc<SharedReads>,
    /// The count of changes this batch began with.
    changes: u64,
    conversations: HashMap<Uuid, Arc<Conversation>>,
    devices: HashMap<UserId, Devices>,
    blocked: HashMap<(Uuid, Uuid), bool>,
    /// How many times this batch read from the store what it did not find.
    #[cfg(test)]
    store_reads: usize,
}

impl BatchReads {
    pub(super) fn new(gate: Arc<WriteGate>, shared: Arc<SharedReads>) -> BatchReads {
        BatchReads {
            gate,
            shared,
            changes: 0,
            conversations: HashMap::new(),
            devices: HashMap::new(),
            blocked: HashMap::new(),
            #[cfg(test)]
            store_reads: 0,
        }
    }

    /// Called by a batch before any read (with one writer, once it holds
    /// the writer's turn), in its transaction when it has one: looks at
    /// the count of changes, and forgets what was read under an older one.
    pub(super) async fn begin<C: ConnectionTrait>(&mut self, db: &C) -> DomainResult<()> {
        self.changes = self.gate.changes_seen(db).await?;
        self.conversations.clear();
        self.devices.clear();
        self.blocked.clear();
        #[cfg(test)]
        {
            self.store_reads = 0;
        }
        let mut shared = self.shared.lock();
        if shared.changes < self.changes || shared.oversized() {
            *shared = Remembered { changes: self.changes, ..Remembered::default() };
        }
        Ok(())
    }

    /// The shared memory, if it holds what was read under this batch's count.
    fn shared(&self) -> Option<MutexGuard<'_, Remembered>> {
        Some(self.shared.lock()).filter(|shared| shared.changes == self.changes)
    }

    /// Reads the conversations not known yet. An unknown id stays unknown
    /// (and is read again by the next batch that asks).
    pub(super) async fn load_conversations<C: ConnectionTrait>(
        &mut self,
        db: &C,
        ids: &[Uuid],
        local: &BackendDomain,
    ) -> DomainResult<()> {
        let hits = self.shared().map(|shared| {
            ids.iter().filter_map(|id| Some((*id, shared.conversations.get(id)?.clone()))).collect::<Vec<_>>()
        });
        self.conversations.extend(hits.into_iter().flatten());
        let missing: Vec<Uuid> = ids.iter().copied().filter(|id| !self.conversations.contains_key(id)).collect();
        if cfg!(debug_assertions) {
            let hits: Vec<Uuid> = ids.iter().copied().filter(|id| self.conversations.contains_key(id)).collect();
            let fresh = load_many(db, &hits, local).await?;
            let same = fresh.len() == hits.len()
                && fresh.iter().all(|fresh| self.conversations.get(&fresh.id.id.0).map(|c| &**c) == Some(fresh));
            if !same && self.unchanged(db).await? {
                panic!("remembered conversations are stale: {hits:?}");
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        #[cfg(test)]
        {
            self.store_reads += 1;
        }
        let read: Vec<Arc<Conversation>> = load_many(db, &missing, local).await?.into_iter().map(Arc::new).collect();
        if let Some(mut shared) = self.shared() {
            for conversation in &read {
                shared.members += conversation.members.len();
                shared.conversations.insert(conversation.id.id.0, conversation.clone());
            }
        }
        self.conversations.extend(read.into_iter().map(|c| (c.id.id.0, c)));
        Ok(())
    }

    pub(super) fn conversation(&self, id: &Uuid) -> Option<&Conversation> {
        self.conversations.get(id).map(|c| &**c)
    }

    /// Reads which of `pairs` are blocked and the devices of `users`, for
    /// those not known yet.
    pub(super) async fn load_blocks_and_devices<C: ConnectionTrait>(
        &mut self,
        db: &C,
        pairs: &[(Uuid, Uuid)],
        users: &HashSet<UserId>,
    ) -> DomainResult<()> {
        let hits = self.shared().map(|shared| {
            let pairs: Vec<_> = pairs.iter().filter_map(|pair| Some((*pair, *shared.blocked.get(pair)?))).collect();
            let users: Vec<_> =
                users.iter().filter_map(|user| Some((*user, shared.devices.get(user)?.clone()))).collect();
            (pairs, users)
        });
        if let Some((pairs, users)) = hits {
            self.blocked.extend(pairs);
            self.devices.extend(users);
        }
        let missing_pairs: Vec<(Uuid, Uuid)> =
            pairs.iter().copied().filter(|pair| !self.blocked.contains_key(pair)).collect();
        let missing_users: Vec<UserId> = users.iter().copied().filter(|u| !self.devices.contains_key(u)).collect();
        if cfg!(debug_assertions) {
            let hit_pairs: Vec<(Uuid, Uuid)> =
                pairs.iter().copied().filter(|pair| self.blocked.contains_key(pair)).collect();
            let fresh = blocked_pairs(db, &hit_pairs).await?;
            let blocks_same = hit_pairs.iter().all(|pair| self.blocked[pair] == fresh.contains(pair));
            if !blocks_same && self.unchanged(db).await? {
                panic!("remembered blocks are stale: {hit_pairs:?}");
            }
            let hit_users: Vec<UserId> = users.iter().copied().filter(|u| self.devices.contains_key(u)).collect();
            let mut fresh: HashMap<UserId, BTreeSet<DeviceId>> =
                hit_users.iter().map(|user| (*user, BTreeSet::new())).collect();
            for device in devices_of(db, &hit_users).await? {
                fresh.entry(device.user).or_default().insert(device.device);
            }
            let devices_same = fresh.iter().all(|(user, devices)| *self.devices[user] == *devices);
            if !devices_same && self.unchanged(db).await? {
                panic!("remembered devices are stale: {hit_users:?}");
            }
        }
        #[cfg(test)]
        if !missing_pairs.is_empty() || !missing_users.is_empty() {
            self.store_reads += 1;
        }
        let mut new_pairs = Vec::with_capacity(missing_pairs.len());
        if !missing_pairs.is_empty() {
            let now_blocked = blocked_pairs(db, &missing_pairs).await?;
            new_pairs.extend(missing_pairs.into_iter().map(|pair| (pair, now_blocked.contains(&pair))));
        }
        let mut new_devices: HashMap<UserId, BTreeSet<DeviceId>> = HashMap::with_capacity(missing_users.len());
        if !missing_users.is_empty() {
            // A user with no device is remembered as such.
            new_devices.extend(missing_users.iter().map(|user| (*user, BTreeSet::new())));
            for device in devices_of(db, &missing_users).await? {
                new_devices.entry(device.user).or_default().insert(device.device);
            }
        }
        if new_pairs.is_empty() && new_devices.is_empty() {
            // Everything was remembered: the usual batch, no second lock.
            return Ok(());
        }
        let new_devices: Vec<(UserId, Devices)> = new_devices.into_iter().map(|(u, d)| (u, Arc::new(d))).collect();
        if let Some(mut shared) = self.shared() {
            shared.blocked.extend(new_pairs.iter().copied());
            shared.devices.extend(new_devices.iter().cloned());
        }
        self.blocked.extend(new_pairs);
        self.devices.extend(new_devices);
        Ok(())
    }

    /// For the checks of debug builds: whether the count of changes is
    /// still the one this batch began with, so that a difference from a
    /// fresh read is a change that was not counted. (With one writer it
    /// cannot have moved: the batch holds the turn.)
    async fn unchanged<C: ConnectionTrait>(&self, db: &C) -> DomainResult<bool> {
        Ok(self.gate.changes_seen(db).await? == self.changes)
    }

    /// Whether `sender` → `other` is blocked; only for pairs loaded.
    pub(super) fn blocked(&self, pair: &(Uuid, Uuid)) -> bool {
        self.blocked.get(pair).copied().unwrap_or(false)
    }

    /// The devices of a loaded user.
    pub(super) fn devices(&self, user: &UserId) -> Option<&BTreeSet<DeviceId>> {
        self.devices.get(user).map(|d| &**d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::TestDomain;
    use crate::domain::unit_of_work::UnitOfWork;
    use std::time::Duration;

    /// Two workers' views of one shared memory.
    fn two_workers(domain: &TestDomain) -> (BatchReads, BatchReads) {
        let gate = domain.events.deps().writes.clone();
        let shared = Arc::new(SharedReads::default());
        (BatchReads::new(gate.clone(), shared.clone()), BatchReads::new(gate, shared))
    }

    async fn devices_of_user(reads: &mut BatchReads, domain: &TestDomain) {
        let db = &domain.events.deps().db;
        reads.load_blocks_and_devices(db, &[], &HashSet::from([domain.users[0]])).await.unwrap();
    }

    async fn count_a_change(domain: &TestDomain) {
        UnitOfWork::begin(&domain.events).await.unwrap().commit().await.unwrap();
    }

    #[tokio::test]
    async fn what_one_workers_batch_read_the_next_batch_of_another_finds_until_a_change() {
        let domain = TestDomain::new(1, Duration::from_secs(60)).await;
        let db = &domain.events.deps().db;
        let (mut first, mut second) = two_workers(&domain);
        first.begin(db).await.unwrap();
        devices_of_user(&mut first, &domain).await;
        assert_eq!(first.store_reads, 1);

        second.begin(db).await.unwrap();
        devices_of_user(&mut second, &domain).await;
        assert_eq!(second.store_reads, 0, "found what the other worker read");
        let user = domain.users[0];
        assert_eq!(second.devices(&user), first.devices(&user));
        assert_eq!(second.devices(&user).map(|d| d.len()), Some(1));

        count_a_change(&domain).await;
        second.begin(db).await.unwrap();
        devices_of_user(&mut second, &domain).await;
        assert_eq!(second.store_reads, 1, "a counted change makes the batches read again");
        first.begin(db).await.unwrap();
        devices_of_user(&mut first, &domain).await;
        assert_eq!(first.store_reads, 0, "and what is read after it is shared again");
    }

    #[tokio::test]
    async fn a_batch_begun_under_an_older_count_neither_uses_nor_adds_to_what_is_shared() {
        let domain = TestDomain::new(1, Duration::from_secs(60)).await;
        let db = &domain.events.deps().db;
        let (mut older, mut newer) = two_workers(&domain);
        older.begin(db).await.unwrap();
        count_a_change(&domain).await;
        newer.begin(db).await.unwrap();

        // Still under the old count: reads for itself, and what it read
        // (perhaps from before the change) is not shared under the new one.
        devices_of_user(&mut older, &domain).await;
        assert_eq!(older.store_reads, 1);
        devices_of_user(&mut newer, &domain).await;
        assert_eq!(newer.store_reads, 1, "nothing of the older batch's reads was shared");

        older.begin(db).await.unwrap();
        devices_of_user(&mut older, &domain).await;
        assert_eq!(older.store_reads, 0, "its next batch finds what the newer one read");
    }
}
