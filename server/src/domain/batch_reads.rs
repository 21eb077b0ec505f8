//! What a batch of sends reads (the conversations with their members,
//! whether a 1:1 is blocked, the members' devices), remembered from one
//! batch to the next when the database has one writer (SQLite).
//!
//! These reads were five of a batch's ten statements, each a hand-off to
//! SQLite's connection thread, for data that changes rarely next to how
//! often it is read. What is remembered is exact, not eventually right:
//! every unit of work counts a change at the write gate while it holds the
//! one writer's turn, unless it is marked as writing none of this
//! ([`UnitOfWork::keeps_reads`]: the batches themselves and the
//! acknowledgements); a batch holds the turn too, and forgets everything
//! when the count moved since its last look. So a batch sees what it would
//! have read. With several writers (PostgreSQL, possibly several instances)
//! another instance's change could be seen late, so nothing is remembered.
//!
//! Debug builds (the tests) read the store as well on every hit and panic
//! on a difference, so a write path that changes these tables without
//! counting a change fails the tests that use it.
//!
//! [`UnitOfWork::keeps_reads`]: super::unit_of_work::UnitOfWork::keeps_reads

use super::connections::blocked_pairs;
use super::conversations::load_many;
use super::events::devices_of;
use super::ids::{BackendDomain, DeviceId, UserId};
use super::model::Conversation;
use crate::error::DomainResult;
use missive_db::sea_orm::ConnectionTrait;
use std::collections::{BTreeSet, HashMap, HashSet};
use uuid::Uuid;

/// Bounds of what is remembered; past one, everything is forgotten at the
/// next batch (rare: the working set of a busy server's last few minutes).
const MAX_MEMBERS: usize = 262_144;
const MAX_USERS: usize = 65_536;
const MAX_PAIRS: usize = 65_536;

pub(super) struct BatchReads {
    remember: bool,
    /// The write gate's count of changes when this was last valid.
    seen_changes: u64,
    conversations: HashMap<Uuid, Conversation>,
    /// Members summed over `conversations`, for the bound.
    members: usize,
    devices: HashMap<UserId, BTreeSet<DeviceId>>,
    /// (sender, other of a 1:1) → whether one blocked the other.
    blocked: HashMap<(Uuid, Uuid), bool>,
}

impl BatchReads {
    /// `remember`: whether the database has one writer, whose every change
    /// is counted at the write gate.
    pub(super) fn new(remember: bool) -> BatchReads {
        BatchReads {
            remember,
            seen_changes: 0,
            conversations: HashMap::new(),
            members: 0,
            devices: HashMap::new(),
            blocked: HashMap::new(),
        }
    }

    /// Called by a batch once it holds the writer's turn, before any read,
    /// with the write gate's count of changes.
    pub(super) fn begin(&mut self, changes: u64) {
        let oversized = self.members > MAX_MEMBERS || self.devices.len() > MAX_USERS || self.blocked.len() > MAX_PAIRS;
        if !self.remember || changes != self.seen_changes || oversized {
            self.conversations.clear();
            self.members = 0;
            self.devices.clear();
            self.blocked.clear();
            self.seen_changes = changes;
        }
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
        if cfg!(debug_assertions) && self.remember {
            let hits: Vec<Uuid> = ids.iter().copied().filter(|id| self.conversations.contains_key(id)).collect();
            let fresh = load_many(db, &hits, local).await?;
            assert_eq!(fresh.len(), hits.len(), "remembered conversation is gone");
            for fresh in fresh {
                assert_eq!(self.conversations.get(&fresh.id.id.0), Some(&fresh), "remembered conversation is stale");
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
        if cfg!(debug_assertions) && self.remember {
            let hit_pairs: Vec<(Uuid, Uuid)> =
                pairs.iter().copied().filter(|pair| self.blocked.contains_key(pair)).collect();
            let fresh = blocked_pairs(db, &hit_pairs).await?;
            for pair in &hit_pairs {
                assert_eq!(self.blocked[pair], fresh.contains(pair), "remembered block is stale");
            }
            let hit_users: Vec<UserId> = users.iter().copied().filter(|u| self.devices.contains_key(u)).collect();
            let mut fresh: HashMap<UserId, BTreeSet<DeviceId>> =
                hit_users.iter().map(|user| (*user, BTreeSet::new())).collect();
            for device in devices_of(db, &hit_users).await? {
                fresh.entry(device.user).or_default().insert(device.device);
            }
            for (user, devices) in fresh {
                assert_eq!(self.devices[&user], devices, "remembered devices are stale");
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

    /// Whether `sender` → `other` is blocked; only for pairs loaded.
    pub(super) fn blocked(&self, pair: &(Uuid, Uuid)) -> bool {
        self.blocked.get(pair).copied().unwrap_or(false)
    }

    /// The devices of a loaded user.
    pub(super) fn devices(&self, user: &UserId) -> Option<&BTreeSet<DeviceId>> {
        self.devices.get(user)
    }
}
