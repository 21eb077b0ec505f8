//! What a batch of sends reads (the conversations with their members,
//! whether a 1:1 is blocked, the members' devices), remembered from one
//! batch to the next.
//!
//! These reads were five of a batch's ten statements, each a hand-off to
//! SQLite's connection thread or a round trip to PostgreSQL, for data that
//! changes rarely next to how often it is read. What is remembered is
//! exact, not eventually right: every unit of work counts a change unless
//! it is marked as writing none of this ([`UnitOfWork::keeps_reads`]: the
//! batches themselves and the acknowledgements), and a batch forgets
//! everything when the count moved since its last look. With one writer
//! (SQLite) the count is kept at the write gate while a unit of work holds
//! the writer's turn, which a batch holds too. With several writers
//! (PostgreSQL, perhaps several instances) it is kept in the database
//! (`repo::changes`), bumped in the changing transaction and read by the
//! batch in its own before its reads: whatever committed before that read
//! moved the count, and what commits after it could not have been seen by
//! reading either (read committed). So a batch sees what it would have read.
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
use std::sync::Arc;
use uuid::Uuid;

/// Bounds of what is remembered; past one, everything is forgotten at the
/// next batch (rare: the working set of a busy server's last few minutes).
const MAX_MEMBERS: usize = 262_144;
const MAX_USERS: usize = 65_536;
const MAX_PAIRS: usize = 65_536;

pub(super) struct BatchReads {
    /// Keeps the count of changes (in memory, or from the database).
    gate: Arc<WriteGate>,
    /// The count of changes when this was last valid.
    seen_changes: u64,
    conversations: HashMap<Uuid, Conversation>,
    /// Members summed over `conversations`, for the bound.
    members: usize,
    devices: HashMap<UserId, BTreeSet<DeviceId>>,
    /// (sender, other of a 1:1) → whether one blocked the other.
    blocked: HashMap<(Uuid, Uuid), bool>,
}

impl BatchReads {
    pub(super) fn new(gate: Arc<WriteGate>) -> BatchReads {
        BatchReads {
            gate,
            seen_changes: 0,
            conversations: HashMap::new(),
            members: 0,
            devices: HashMap::new(),
            blocked: HashMap::new(),
        }
    }

    /// Called by a batch before any read (with one writer, once it holds
    /// the writer's turn), in its transaction when it has one: looks at
    /// the count of changes.
    pub(super) async fn begin<C: ConnectionTrait>(&mut self, db: &C) -> DomainResult<()> {
        let changes = self.gate.changes_seen(db).await?;
        let oversized = self.members > MAX_MEMBERS || self.devices.len() > MAX_USERS || self.blocked.len() > MAX_PAIRS;
        if changes != self.seen_changes || oversized {
            self.conversations.clear();
            self.members = 0;
            self.devices.clear();
            self.blocked.clear();
            self.seen_changes = changes;
        }
        Ok(())
    }

    /// Reads the conversations not known yet. An unknown id stays unknown
    /// (and is read again by the next batch that asks).
    pub(super) async fn load_conversations<C: ConnectionTrait>(
        &mut self,
        db: &C,
        ids: &[Uuid],
        local: &BackendDomain,
    ) -> DomainResult<()> {
        let missing: Vec<Uuid> = ids.iter().copied().filter(|id| !self.conversations.contains_key(id)).collect();
        if cfg!(debug_assertions) {
            let hits: Vec<Uuid> = ids.iter().copied().filter(|id| self.conversations.contains_key(id)).collect();
            let fresh = load_many(db, &hits, local).await?;
            let same = fresh.len() == hits.len()
                && fresh.iter().all(|fresh| self.conversations.get(&fresh.id.id.0) == Some(fresh));
            if !same && self.unchanged(db).await? {
                panic!("remembered conversations are stale: {hits:?}");
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        for conversation in load_many(db, &missing, local).await? {
            self.members += conversation.members.len();
            self.conversations.insert(conversation.id.id.0, conversation);
        }
        Ok(())
    }

    pub(super) fn conversation(&self, id: &Uuid) -> Option<&Conversation> {
        self.conversations.get(id)
    }

    /// Reads which of `pairs` are blocked and the devices of `users`, for
    /// those not known yet.
    pub(super) async fn load_blocks_and_devices<C: ConnectionTrait>(
        &mut self,
        db: &C,
        pairs: &[(Uuid, Uuid)],
        users: &HashSet<UserId>,
    ) -> DomainResult<()> {
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
            let devices_same = fresh.iter().all(|(user, devices)| self.devices[user] == *devices);
            if !devices_same && self.unchanged(db).await? {
                panic!("remembered devices are stale: {hit_users:?}");
            }
        }
        if !missing_pairs.is_empty() {
            let now_blocked = blocked_pairs(db, &missing_pairs).await?;
            for pair in missing_pairs {
                self.blocked.insert(pair, now_blocked.contains(&pair));
            }
        }
        if !missing_users.is_empty() {
            // A user with no device is remembered as such.
            for user in &missing_users {
                self.devices.insert(*user, BTreeSet::new());
            }
            for device in devices_of(db, &missing_users).await? {
                self.devices.entry(device.user).or_default().insert(device.device);
            }
        }
        Ok(())
    }

    /// For the checks of debug builds: whether the count of changes is
    /// still the one this batch began with, so that a difference from a
    /// fresh read is a change that was not counted. (With one writer it
    /// cannot have moved: the batch holds the turn.)
    async fn unchanged<C: ConnectionTrait>(&self, db: &C) -> DomainResult<bool> {
        Ok(self.gate.changes_seen(db).await? == self.seen_changes)
    }

    /// Whether `sender` → `other` is blocked; only for pairs loaded.
    pub(super) fn blocked(&self, pair: &(Uuid, Uuid)) -> bool {
        self.blocked.get(pair).copied().unwrap_or(false)
    }

    /// The devices of a loaded user.
    pub(super) fn devices(&self, user: &UserId) -> Option<&BTreeSet<DeviceId>> {
        self.devices.get(user)
    }
}
