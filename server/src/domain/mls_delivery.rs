//! The delivery service of MLS conversations (docs/e2ee.md): the owning
//! backend orders commits (one per epoch), makes the membership change a
//! commit carries in the same transaction, routes Welcomes to the devices
//! added, keeps the latest GroupInfo, and hands every message to every
//! member device through the event stream, as any other event.
//!
//! Members on other backends take part through federation: their backend
//! forwards what their devices send to the owner, which checks and orders
//! it as its own users' and hands what it relays to each member backend in
//! the federation outbox (`Notification::MlsMessageSent`), in order with
//! the membership changes it announces.

use super::Deps;
use super::connections::blocked_pairs;
use super::conversations::{
    self as conversations, Conversations, group_too_large, member_row, mls_one_to_one_id, owns_one_to_one_with,
    remote_member_row, require_group_admin,
};
use super::events::{Events, Outgoing, devices_of};
use super::federation::{CommitBundle, MlsGroupState, MlsSender, Notification, RemoteMlsMessage};
use super::ids::{BackendDomain, DeviceId, DeviceRef, QualifiedConversationId, QualifiedUserId, UserId};
use super::mls::{self, CommitEffect, Leaf, MessageKind, Refusal};
use super::model::{ConnectionStatus, Conversation, ConversationKind, EventPayload, Member, MemberRole, Protocol};
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use crate::error::{DomainError, DomainResult};
use missive_db::entity::conversation;
use missive_db::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use uuid::Uuid;

/// Largest commit, Welcome, GroupInfo or message accepted (a Welcome and a
/// GroupInfo carry the whole tree: some 300 bytes per device).
pub const MAX_MLS_BYTES: usize = 2 * 1024 * 1024;
/// Proposals kept for one epoch of a group; past it, commit them first.
pub const MAX_PROPOSALS_PER_EPOCH: u64 = 100;

pub struct MlsDelivery {
    deps: Deps,
    events: Arc<Events>,
    conversations: Arc<Conversations>,
}

/// A leaf read as a device: `user:device@domain`, signing with the key
/// the device id is derived from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct LeafDevice {
    user: QualifiedUserId,
    device: DeviceId,
}

impl MlsDelivery {
    pub fn new(deps: Deps, events: Arc<Events>, conversations: Arc<Conversations>) -> MlsDelivery {
        MlsDelivery { deps, events, conversations }
    }

    fn sender_of(&self, caller: &AuthContext) -> MlsSender {
        MlsSender { user: QualifiedUserId::new(caller.user, &self.deps.domain), device: caller.device.clone() }
    }

    /// An MLS conversation the caller is a member of, owned here or by
    /// another backend.
    async fn conversation(&self, caller: &AuthContext, id: &QualifiedConversationId) -> DomainResult<Conversation> {
        let conversation = self.conversations.get(caller, id).await?;
        require_mls(&conversation)?;
        Ok(conversation)
    }

    /// An MLS conversation owned here, for `user` of another backend
    /// (`origin`), who must be a member.
    async fn owned_for(
        &self,
        origin: &BackendDomain,
        id: &QualifiedConversationId,
        user: &QualifiedUserId,
    ) -> DomainResult<Conversation> {
        if user.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} cannot act for user {}@{}",
                user.id, user.domain
            )));
        }
        if !self.deps.is_local(&id.domain) {
            return Err(DomainError::NotOwner(format!("conversation {} is owned by backend {}", id.id, id.domain)));
        }
        let conversation = conversations::load(&self.deps.db, id.id, &self.deps.domain)
            .await?
            .filter(|conversation| conversation.members.iter().any(|m| m.user == *user))
            .ok_or_else(|| {
                DomainError::NotFound(format!("no conversation {} with member {}@{}", id.id, user.id, user.domain))
            })?;
        require_mls(&conversation)?;
        Ok(conversation)
    }

    async fn state(&self, conversation: &Conversation) -> DomainResult<missive_db::entity::mls_group::Model> {
        repo::mls::find(&self.deps.db, conversation.id.id.0)
            .await?
            .ok_or_else(|| DomainError::Internal(format!("MLS conversation {} has no group state", conversation.id.id)))
    }

    pub async fn group_info(&self, caller: &AuthContext, id: &QualifiedConversationId) -> DomainResult<(u64, Vec<u8>)> {
        let conversation = self.conversation(caller, id).await?;
        if !self.deps.is_local(&conversation.id.domain) {
            let me = QualifiedUserId::new(caller.user, &self.deps.domain);
            let state = self.deps.remotes.mls_group_state(&conversation.id.domain, &conversation.id, &me).await?;
            return Ok((state.epoch, state.group_info));
        }
        self.stored_info(&conversation).await
    }

    /// The GroupInfo for a member on another backend (`origin`).
    pub async fn group_info_from_remote(
        &self,
        origin: &BackendDomain,
        id: &QualifiedConversationId,
        user: &QualifiedUserId,
    ) -> DomainResult<MlsGroupState> {
        let conversation = self.owned_for(origin, id, user).await?;
        let state = self.state(&conversation).await?;
        let proposals = repo::mls::proposals(&self.deps.db, conversation.id.id.0, state.epoch).await?;
        Ok(MlsGroupState { epoch: state.epoch as u64, group_info: state.group_info.unwrap_or_default(), proposals })
    }

    async fn stored_info(&self, conversation: &Conversation) -> DomainResult<(u64, Vec<u8>)> {
        let state = self.state(conversation).await?;
        Ok((state.epoch as u64, state.group_info.unwrap_or_default()))
    }

    /// The MLS 1:1 conversation of the caller and `other`, connected to
    /// them: created on the first ask by either, by its owner (this backend
    /// for two of its users; of two backends, the one whose domain sorts
    /// first, as for per-device 1:1s).
    pub async fn one_to_one(&self, caller: &AuthContext, other: QualifiedUserId) -> DomainResult<Conversation> {
        let me = QualifiedUserId::new(caller.user, &self.deps.domain);
        if other == me {
            return Err(DomainError::InvalidArgument("a 1:1 conversation is with another user".to_owned()));
        }
        self.require_connected(caller.user, &other).await?;
        let id = mls_one_to_one_id(&me, &other);
        if let Some(existing) = conversations::load(&self.deps.db, id, &self.deps.domain).await? {
            return Ok(existing);
        }
        if self.deps.is_local(&other.domain) || owns_one_to_one_with(&self.deps.domain, &other.domain) {
            return Ok(self.create_one_to_one(&me, &other).await?.0);
        }
        let owner = other.domain.clone();
        let (conversation, delivery_id) = self.deps.remotes.mls_one_to_one(&owner, &me, other.id).await?;
        let members: BTreeSet<&QualifiedUserId> = conversation.members.iter().map(|m| &m.user).collect();
        if conversation.id.id != id
            || conversation.kind != ConversationKind::OneToOne
            || conversation.protocol != Protocol::Mls
            || members != BTreeSet::from([&me, &other])
        {
            return Err(DomainError::Unavailable(format!(
                "backend {owner} answered with another conversation than the MLS 1:1 asked for"
            )));
        }
        // The owner queued the same creation with this delivery id: applied
        // now so the caller can use it at once, and once only.
        self.conversations.apply_created(&owner, &delivery_id, conversation).await?;
        conversations::load(&self.deps.db, id, &self.deps.domain)
            .await?
            .ok_or_else(|| DomainError::Internal(format!("the MLS 1:1 {} was not kept", id.0)))
    }

    /// The MLS 1:1 of `user` of this backend with `requester` of another
    /// (`origin`), owned here; with the delivery id of its announcement.
    pub async fn one_to_one_from_remote(
        &self,
        origin: &BackendDomain,
        requester: QualifiedUserId,
        user: UserId,
    ) -> DomainResult<(Conversation, String)> {
        if requester.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} cannot act for user {}@{}",
                requester.id, requester.domain
            )));
        }
        if !owns_one_to_one_with(&self.deps.domain, origin) {
            return Err(DomainError::NotOwner(format!(
                "1:1 conversations of backends {} and {origin} are owned by {origin}",
                self.deps.domain
            )));
        }
        self.require_connected(user, &requester).await?;
        self.create_one_to_one(&QualifiedUserId::new(user, &self.deps.domain), &requester).await
    }

    /// `user` of this backend and `other` are connected (not blocked).
    async fn require_connected(&self, user: UserId, other: &QualifiedUserId) -> DomainResult<()> {
        let stored_domain = match self.deps.is_local(&other.domain) {
            true => String::new(),
            false => other.domain.to_string(),
        };
        let row = repo::connections::find(&self.deps.db, user.0, other.id.0)
            .await?
            .filter(|row| row.other_domain == stored_domain);
        match row.map(|row| row.status) {
            Some(status) if status == ConnectionStatus::Accepted.stored() => Ok(()),
            Some(status) if status == ConnectionStatus::Blocked.stored() => Err(super::messages::blocked()),
            _ => Err(DomainError::PermissionDenied(format!(
                "not connected to user {}@{}: a 1:1 conversation is with a connected user",
                other.id, other.domain
            ))),
        }
    }

    /// Creates the MLS 1:1 of `mine` (of this backend, its creator) and
    /// `other`, or finds it made by a concurrent call; tells `other`'s
    /// backend with a delivery id fixed by the conversation.
    async fn create_one_to_one(
        &self,
        mine: &QualifiedUserId,
        other: &QualifiedUserId,
    ) -> DomainResult<(Conversation, String)> {
        let id = mls_one_to_one_id(mine, other);
        let delivery_id = format!("mls-one-to-one-{}", id.0);
        let now = self.deps.now_ms();
        let row = conversation::Model {
            id: id.0,
            kind: ConversationKind::OneToOne.stored(),
            name: String::new(),
            creator: mine.id.0,
            created_at: now,
            owner_domain: String::new(),
            protocol: Protocol::Mls.stored(),
        };
        let mut work = UnitOfWork::begin(&self.events).await?;
        if !repo::conversations::create_new(work.db(), row.clone()).await? {
            work.rollback().await?;
            let existing = conversations::load(&self.deps.db, id, &self.deps.domain)
                .await?
                .ok_or_else(|| DomainError::Internal(format!("the MLS 1:1 {} vanished", id.0)))?;
            return Ok((existing, delivery_id));
        }
        let mut members = vec![member_row(id, mine.id, MemberRole::Member, now)];
        let mut remote = Vec::new();
        match self.deps.is_local(&other.domain) {
            true => members.push(member_row(id, other.id, MemberRole::Member, now)),
            false => remote.push(remote_member_row(id, other, MemberRole::Member, now)),
        }
        let created = Conversation::from_rows(row, members.clone(), remote.clone(), &self.deps.domain)?;
        repo::conversations::add_members(work.db(), members).await?;
        repo::conversations::add_remote_members(work.db(), remote).await?;
        repo::mls::create(work.db(), id.0, now).await?;
        let local = created.local_member_ids(&self.deps.domain);
        work.emit_to_users(&local, EventPayload::ConversationCreated(created.clone())).await?;
        if !self.deps.is_local(&other.domain) {
            let notification =
                Notification::ConversationCreated { delivery_id: delivery_id.clone(), conversation: created.clone() };
            work.tell(&other.domain, notification).await?;
        }
        work.commit().await?;
        Ok((created, delivery_id))
    }

    /// A 1:1 whose connection is blocked carries nothing.
    async fn check_not_blocked(&self, conversation: &Conversation) -> DomainResult<()> {
        if conversation.kind != ConversationKind::OneToOne {
            return Ok(());
        }
        let users: Vec<&QualifiedUserId> = conversation.members.iter().map(|m| &m.user).collect();
        if let [a, b] = users[..]
            && !blocked_pairs(&self.deps.db, &[(a.id.0, b.id.0)]).await?.is_empty()
        {
            return Err(super::messages::blocked());
        }
        Ok(())
    }

    /// Checks a commit bundle and, if it is for the current epoch and the
    /// caller may make its change, advances the group; returns the new
    /// epoch. For a conversation of another backend, the owner decides.
    pub async fn send_commit_bundle(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        bundle: CommitBundle,
    ) -> DomainResult<u64> {
        check_bundle_shape(&bundle)?;
        let conversation = self.conversation(caller, id).await?;
        let sender = self.sender_of(caller);
        if self.deps.is_local(&conversation.id.domain) {
            return self.commit_as_owner(&sender, &conversation, bundle).await;
        }
        self.check_forwarded_commit(caller, &conversation, &bundle).await?;
        self.deps.remotes.mls_commit(&conversation.id.domain, &conversation.id, &sender, bundle).await
    }

    /// A commit bundle of a device of another backend (`origin`).
    pub async fn send_commit_bundle_from_remote(
        &self,
        origin: &BackendDomain,
        sender: MlsSender,
        id: &QualifiedConversationId,
        bundle: CommitBundle,
    ) -> DomainResult<u64> {
        check_bundle_shape(&bundle)?;
        let conversation = self.owned_for(origin, id, &sender.user).await?;
        self.commit_as_owner(&sender, &conversation, bundle).await
    }

    /// Before a commit goes to the owner: the users of this backend it
    /// adds must be connected to the committer. Only this backend keeps its
    /// users' connections, so the owner relies on this check (as for a
    /// group change by an admin of this backend); it reads the commit
    /// against the owner's current GroupInfo, as the owner will.
    async fn check_forwarded_commit(
        &self,
        caller: &AuthContext,
        conversation: &Conversation,
        bundle: &CommitBundle,
    ) -> DomainResult<()> {
        let me = QualifiedUserId::new(caller.user, &self.deps.domain);
        let state = self.deps.remotes.mls_group_state(&conversation.id.domain, &conversation.id, &me).await?;
        let info = (!state.group_info.is_empty()).then_some(state.group_info);
        let effect = self.check(&conversation.id, state.epoch, info, state.proposals, bundle.clone()).await?;
        let members: BTreeSet<&QualifiedUserId> = conversation.members.iter().map(|m| &m.user).collect();
        let joining: Vec<QualifiedUserId> = effect
            .added
            .iter()
            .filter_map(|leaf| self.leaf_device(leaf))
            .map(|device| device.user)
            .filter(|user| self.deps.is_local(&user.domain) && !members.contains(user))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !joining.is_empty() {
            self.conversations.connected_users(caller, joining).await?;
        }
        Ok(())
    }

    /// The commit checked against the group's public state, off the runtime.
    async fn check(
        &self,
        id: &QualifiedConversationId,
        epoch: u64,
        stored: Option<Vec<u8>>,
        proposals: Vec<Vec<u8>>,
        bundle: CommitBundle,
    ) -> DomainResult<CommitEffect> {
        let group_id = mls::group_id(id);
        tokio::task::spawn_blocking(move || {
            let stored = stored.as_deref();
            mls::check_commit(&group_id, epoch, stored, &proposals, &bundle.commit, &bundle.welcome, &bundle.group_info)
        })
        .await
        .map_err(|e| DomainError::Internal(format!("commit check: {e}")))?
        .map_err(refusal)
    }

    async fn commit_as_owner(
        &self,
        sender: &MlsSender,
        conversation: &Conversation,
        bundle: CommitBundle,
    ) -> DomainResult<u64> {
        self.check_not_blocked(conversation).await?;
        let state = self.state(conversation).await?;
        let epoch = state.epoch as u64;
        let proposals = repo::mls::proposals(&self.deps.db, conversation.id.id.0, state.epoch).await?;
        let effect = self.check(&conversation.id, epoch, state.group_info, proposals, bundle.clone()).await?;
        let (added, removed) = self.check_effect(sender, conversation, &effect).await?;

        let members: BTreeSet<QualifiedUserId> = conversation.members.iter().map(|m| m.user.clone()).collect();
        let joining: Vec<QualifiedUserId> = added
            .iter()
            .map(|d| d.user.clone())
            .filter(|u| !members.contains(u))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let in_new_tree: BTreeSet<QualifiedUserId> =
            effect.members.iter().filter_map(|leaf| self.leaf_device(leaf)).map(|d| d.user).collect();
        let mut leaving: Vec<QualifiedUserId> = removed
            .iter()
            .map(|d| d.user.clone())
            .filter(|u| members.contains(u) && !in_new_tree.contains(u))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if conversation.kind == ConversationKind::OneToOne {
            if !joining.is_empty() {
                return Err(DomainError::PermissionDenied(
                    "a 1:1 conversation has exactly its two users: add only devices of theirs".to_owned(),
                ));
            }
            // Its users stay its members, with or without devices in the group.
            leaving.clear();
        }
        let by = sender.user.clone();
        let others = |users: &[QualifiedUserId]| users.iter().any(|u| *u != by);
        if others(&joining) {
            require_group_admin(conversation, &by, "add members")?;
            self.conversations.connected_to(&by, joining.clone()).await?;
            if (conversation.members.len() + joining.len()) as u64 > self.conversations.max_group_size() {
                return Err(group_too_large(self.conversations.max_group_size()));
            }
        }
        if others(&leaving) {
            require_group_admin(conversation, &by, "remove members")?;
        }

        let mut work = UnitOfWork::begin(&self.events).await?;
        let now = self.deps.now_ms();
        if !repo::mls::advance(work.db(), conversation.id.id.0, epoch as i64, bundle.group_info, now).await? {
            work.rollback().await?;
            return Err(self.stale(conversation).await);
        }
        // Everyone who was or is a member sees the commit: a removed device
        // learns from it that it was removed. Joins are announced before
        // it and leaves after it, so that every member backend still counts
        // the users it is for as members when it arrives.
        let mut audience = members.clone();
        audience.extend(joining.iter().cloned());
        let mut after = conversation.clone();
        if !joining.is_empty() {
            let id = conversation.id.id;
            let (local, remote): (Vec<_>, Vec<_>) = joining.iter().partition(|u| self.deps.is_local(&u.domain));
            let rows = local.iter().map(|u| member_row(id, u.id, MemberRole::Member, now)).collect();
            repo::conversations::add_members(work.db(), rows).await?;
            let rows = remote.iter().map(|u| remote_member_row(id, u, MemberRole::Member, now)).collect();
            repo::conversations::add_remote_members(work.db(), rows).await?;
            let joined = joining.iter().map(|user| Member { user: user.clone(), role: MemberRole::Member }).collect();
            let payload =
                EventPayload::MembersJoined { conversation: conversation.id.clone(), by: by.clone(), members: joined };
            after = self.conversations.announce_change(&mut work, &after, payload).await?;
        }
        let audience: Vec<QualifiedUserId> = audience.into_iter().collect();
        // The devices it adds join by the Welcome; the commit is of an epoch
        // they never had.
        let welcome = (!added.is_empty()).then_some((bundle.welcome, added.as_slice()));
        let outgoing = self.relay(&mut work, sender, conversation, &audience, &added, bundle.commit, welcome).await?;
        for user in &leaving {
            self.conversations.delete_member(&work, &after, user).await?;
            let payload =
                EventPayload::MemberLeft { conversation: conversation.id.clone(), by: by.clone(), user: user.clone() };
            after = self.conversations.announce_change(&mut work, &after, payload).await?;
        }
        work.emit(outgoing).await?;
        work.commit().await?;
        Ok(epoch + 1)
    }

    /// An application message or a proposal for the group's current epoch,
    /// to every device of every member but the sender's. For a conversation
    /// of another backend, the owner checks it and relays it.
    pub async fn send_message(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        message: Vec<u8>,
    ) -> DomainResult<()> {
        check_message_size(&message)?;
        let conversation = self.conversation(caller, id).await?;
        let sender = self.sender_of(caller);
        if self.deps.is_local(&conversation.id.domain) {
            return self.message_as_owner(&sender, &conversation, message).await;
        }
        // Refused here rather than after a round trip: what no owner accepts.
        mls::classify_message(&mls::group_id(&conversation.id), &message).map_err(refusal)?;
        self.deps.remotes.mls_message(&conversation.id.domain, &conversation.id, &sender, message).await
    }

    /// An application message of a device of another backend (`origin`).
    pub async fn send_message_from_remote(
        &self,
        origin: &BackendDomain,
        sender: MlsSender,
        id: &QualifiedConversationId,
        message: Vec<u8>,
    ) -> DomainResult<()> {
        check_message_size(&message)?;
        let conversation = self.owned_for(origin, id, &sender.user).await?;
        self.message_as_owner(&sender, &conversation, message).await
    }

    async fn message_as_owner(
        &self,
        sender: &MlsSender,
        conversation: &Conversation,
        message: Vec<u8>,
    ) -> DomainResult<()> {
        let group_id = mls::group_id(&conversation.id);
        let (kind, epoch) = mls::classify_message(&group_id, &message).map_err(refusal)?;
        self.check_not_blocked(conversation).await?;
        if kind == MessageKind::Proposal {
            self.check_proposal(sender, conversation, group_id, epoch, &message).await?;
        }
        let mut work = UnitOfWork::begin(&self.events).await?.keeps_reads();
        // Checked and locked in the transaction that stores the message: a
        // commit cannot slip between the check and the store, so no device
        // gets a message of an epoch after the commit that ended it.
        if !repo::mls::hold_epoch(work.db(), conversation.id.id.0, epoch as i64).await? {
            work.rollback().await?;
            return Err(self.stale(conversation).await);
        }
        if kind == MessageKind::Proposal {
            let id = conversation.id.id.0;
            let now = self.deps.now_ms();
            let limit = MAX_PROPOSALS_PER_EPOCH;
            if !repo::mls::add_proposal(work.db(), id, epoch as i64, message.clone(), limit, now).await? {
                work.rollback().await?;
                return Err(DomainError::LimitReached(format!(
                    "{limit} proposals wait in this epoch already: commit them first"
                )));
            }
        }
        let users: Vec<QualifiedUserId> = conversation.members.iter().map(|m| m.user.clone()).collect();
        let outgoing = self.relay(&mut work, sender, conversation, &users, &[], message, None).await?;
        work.emit(outgoing).await?;
        work.commit().await
    }

    /// A proposal must be of the group's current epoch, verify against its
    /// state and come from the sender's own leaf.
    async fn check_proposal(
        &self,
        sender: &MlsSender,
        conversation: &Conversation,
        group_id: Vec<u8>,
        epoch: u64,
        message: &[u8],
    ) -> DomainResult<()> {
        let state = self.state(conversation).await?;
        if state.epoch as u64 != epoch {
            return Err(DomainError::StaleEpoch { epoch: state.epoch as u64 });
        }
        let (stored, bytes) = (state.group_info, message.to_vec());
        let leaf = tokio::task::spawn_blocking(move || mls::check_proposal(&group_id, stored.as_deref(), &bytes))
            .await
            .map_err(|e| DomainError::Internal(format!("proposal check: {e}")))?
            .map_err(refusal)?;
        let own = LeafDevice { user: sender.user.clone(), device: sender.device.clone() };
        let keys = self.identity_keys(&[&own]).await?;
        if !is_own_leaf(sender, &leaf, &keys) {
            return Err(DomainError::PermissionDenied("the proposal was not made by this device".to_owned()));
        }
        Ok(())
    }

    /// `message` from the sender's device to every device of `users` but
    /// the sender's and the `skipped` ones, the same bytes for each, and a
    /// Welcome to the devices it names: the events of this backend's
    /// devices are returned; each other backend with users among them is
    /// told in the outbox.
    #[allow(clippy::too_many_arguments)]
    async fn relay(
        &self,
        work: &mut UnitOfWork<'_>,
        sender: &MlsSender,
        conversation: &Conversation,
        users: &[QualifiedUserId],
        skipped: &[LeafDevice],
        message: Vec<u8>,
        welcome: Option<(Vec<u8>, &[LeafDevice])>,
    ) -> DomainResult<Vec<Outgoing>> {
        let local: Vec<UserId> = users.iter().filter(|u| self.deps.is_local(&u.domain)).map(|u| u.id).collect();
        let is_local_device = |d: &&LeafDevice| self.deps.is_local(&d.user.domain);
        let local_skipped: Vec<DeviceRef> =
            skipped.iter().filter(is_local_device).map(|d| DeviceRef::new(d.user.id, d.device.clone())).collect();
        let from =
            self.deps.is_local(&sender.user.domain).then(|| DeviceRef::new(sender.user.id, sender.device.clone()));
        let payload = EventPayload::MlsMessageAdded {
            conversation: conversation.id.clone(),
            sender: sender.user.clone(),
            sender_device: sender.device.clone(),
            message: message.clone(),
        };
        let mut outgoing: Vec<Outgoing> = devices_of(work.db(), &local)
            .await?
            .into_iter()
            .filter(|device| Some(device) != from.as_ref() && !local_skipped.contains(device))
            .map(|to| Outgoing { to, payload: payload.clone() })
            .collect();
        if let Some((welcome, welcomed)) = &welcome {
            let payload = EventPayload::MlsWelcome {
                conversation: conversation.id.clone(),
                by: sender.user.clone(),
                welcome: welcome.clone(),
            };
            for device in welcomed.iter().filter(is_local_device) {
                outgoing.push(Outgoing {
                    to: DeviceRef::new(device.user.id, device.device.clone()),
                    payload: payload.clone(),
                });
            }
        }
        let mut per_domain: BTreeMap<BackendDomain, RemoteMlsMessage> = BTreeMap::new();
        let empty = RemoteMlsMessage {
            conversation: conversation.id.clone(),
            sender: sender.user.clone(),
            sender_device: sender.device.clone(),
            message,
            users: Vec::new(),
            skipped: Vec::new(),
            welcome: Vec::new(),
            welcomed: Vec::new(),
        };
        for user in users.iter().filter(|u| !self.deps.is_local(&u.domain)) {
            per_domain.entry(user.domain.clone()).or_insert_with(|| empty.clone()).users.push(user.id);
        }
        for device in skipped.iter().filter(|d| !self.deps.is_local(&d.user.domain)) {
            let remote = per_domain.entry(device.user.domain.clone()).or_insert_with(|| empty.clone());
            remote.skipped.push((device.user.id, device.device.clone()));
        }
        if let Some((welcome, welcomed)) = &welcome {
            for device in welcomed.iter().filter(|d| !self.deps.is_local(&d.user.domain)) {
                let remote = per_domain.entry(device.user.domain.clone()).or_insert_with(|| empty.clone());
                remote.welcome = welcome.clone();
                remote.welcomed.push((device.user.id, device.device.clone()));
            }
        }
        for (domain, message) in per_domain {
            let notification = Notification::MlsMessageSent { delivery_id: Uuid::new_v4().to_string(), message };
            work.tell(&domain, notification).await?;
        }
        Ok(outgoing)
    }

    /// MLS bytes the owner of a conversation (`origin`) relayed, for this
    /// backend's member devices; once per delivery id. Users that are no
    /// longer members here, and devices that are gone, are passed over.
    pub async fn apply_sent(
        &self,
        origin: &BackendDomain,
        delivery_id: &str,
        sent: RemoteMlsMessage,
    ) -> DomainResult<()> {
        if sent.conversation.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} cannot relay messages of conversations of backend {}",
                sent.conversation.domain
            )));
        }
        check_message_size(&sent.message)?;
        if sent.welcome.len() > MAX_MLS_BYTES || sent.welcome.is_empty() != sent.welcomed.is_empty() {
            return Err(DomainError::InvalidArgument(format!(
                "a welcome must be 1 to {MAX_MLS_BYTES} bytes, with the devices it is for"
            )));
        }
        let conversation = conversations::load(&self.deps.db, sent.conversation.id, &self.deps.domain)
            .await?
            .filter(|conversation| conversation.id.domain == *origin)
            .ok_or_else(|| {
                DomainError::NotFound(format!("no conversation {} of backend {origin} here", sent.conversation.id))
            })?;
        if conversation.protocol != Protocol::Mls {
            return Err(DomainError::InvalidArgument(format!(
                "conversation {} is not an MLS conversation",
                conversation.id.id
            )));
        }
        let members: BTreeSet<UserId> = conversation.local_member_ids(&self.deps.domain).into_iter().collect();
        let users: Vec<UserId> = sent.users.iter().copied().filter(|u| members.contains(u)).collect();
        let welcomed_users: Vec<UserId> = sent
            .welcomed
            .iter()
            .map(|(u, _)| *u)
            .filter(|u| members.contains(u))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut work = UnitOfWork::begin(&self.events).await?;
        if !repo::federation::first_delivery(work.db(), origin.as_str(), delivery_id, super::outbox::wall_ms()).await? {
            return work.commit().await;
        }
        let from =
            self.deps.is_local(&sent.sender.domain).then(|| DeviceRef::new(sent.sender.id, sent.sender_device.clone()));
        let skipped: Vec<DeviceRef> = sent.skipped.iter().map(|(u, d)| DeviceRef::new(*u, d.clone())).collect();
        let payload = EventPayload::MlsMessageAdded {
            conversation: conversation.id.clone(),
            sender: sent.sender.clone(),
            sender_device: sent.sender_device.clone(),
            message: sent.message,
        };
        let mut outgoing: Vec<Outgoing> = devices_of(work.db(), &users)
            .await?
            .into_iter()
            .filter(|device| Some(device) != from.as_ref() && !skipped.contains(device))
            .map(|to| Outgoing { to, payload: payload.clone() })
            .collect();
        if !welcomed_users.is_empty() {
            let existing = devices_of(work.db(), &welcomed_users).await?;
            let payload = EventPayload::MlsWelcome {
                conversation: conversation.id.clone(),
                by: sent.sender,
                welcome: sent.welcome,
            };
            for (user, device) in sent.welcomed {
                let to = DeviceRef::new(user, device);
                if existing.contains(&to) {
                    outgoing.push(Outgoing { to, payload: payload.clone() });
                }
            }
        }
        work.emit(outgoing).await?;
        work.commit().await
    }

    /// The refusal of a message for an epoch that is not the current one.
    async fn stale(&self, conversation: &Conversation) -> DomainError {
        match self.state(conversation).await {
            Ok(state) => DomainError::StaleEpoch { epoch: state.epoch as u64 },
            Err(err) => err,
        }
    }

    /// The devices a commit adds and removes. The committer must be the
    /// sending device; an added leaf must be an existing device, of this
    /// backend or another, named as `user:device@domain` and signing with
    /// that device's identity key. A removed leaf of another user's device
    /// that still exists may be removed only by an admin (or if its user
    /// left).
    async fn check_effect(
        &self,
        sender: &MlsSender,
        conversation: &Conversation,
        effect: &CommitEffect,
    ) -> DomainResult<(Vec<LeafDevice>, Vec<LeafDevice>)> {
        let committer = LeafDevice { user: sender.user.clone(), device: sender.device.clone() };
        let added_devices: Vec<Option<LeafDevice>> = effect.added.iter().map(|leaf| self.leaf_device(leaf)).collect();
        let removed_devices: Vec<LeafDevice> =
            effect.removed.iter().filter_map(|leaf| self.leaf_device(leaf)).collect();
        let mut wanted: Vec<&LeafDevice> = vec![&committer];
        wanted.extend(added_devices.iter().flatten());
        wanted.extend(removed_devices.iter());
        let keys = self.identity_keys(&wanted).await?;

        if !is_own_leaf(sender, &effect.committer, &keys) {
            return Err(DomainError::PermissionDenied("the commit was not made by this device".to_owned()));
        }
        let mut added = Vec::with_capacity(effect.added.len());
        for (leaf, device) in effect.added.iter().zip(added_devices) {
            let named = String::from_utf8_lossy(&leaf.identity).into_owned();
            let device = device.ok_or_else(|| {
                DomainError::InvalidArgument(format!(
                    "an added leaf ({named:?}) is not a device signing with its identity key"
                ))
            })?;
            if keys.get(&device) != Some(&leaf.signature_key) {
                return Err(DomainError::InvalidArgument(format!(
                    "an added leaf ({named:?}) is not an existing device"
                )));
            }
            added.push(device);
        }
        let is_admin = conversation.role_of(&sender.user) == Some(MemberRole::Admin);
        for device in &removed_devices {
            let is_member = conversation.members.iter().any(|m| m.user == device.user);
            let exists = keys.contains_key(device);
            if device.user != sender.user && is_member && exists && !is_admin {
                return Err(DomainError::PermissionDenied(
                    "only admins remove other members' devices from the group".to_owned(),
                ));
            }
        }
        Ok((added, removed_devices))
    }

    /// The identity keys of those of `devices` that exist: this backend's
    /// from its database, others' from their backend (one question each).
    async fn identity_keys(&self, devices: &[&LeafDevice]) -> DomainResult<BTreeMap<LeafDevice, Vec<u8>>> {
        let mut keys = BTreeMap::new();
        let mut remote: BTreeMap<BackendDomain, BTreeSet<UserId>> = BTreeMap::new();
        for device in devices {
            if self.deps.is_local(&device.user.domain) {
                if keys.contains_key(*device) {
                    continue;
                }
                if let Some(row) = repo::devices::find(&self.deps.db, device.user.id.0, device.device.as_str()).await? {
                    keys.insert((*device).clone(), row.identity_key);
                }
            } else {
                remote.entry(device.user.domain.clone()).or_default().insert(device.user.id);
            }
        }
        for (domain, users) in remote {
            let users: Vec<UserId> = users.into_iter().collect();
            for (user, devices) in self.deps.remotes.user_devices(&domain, &users).await? {
                for device in devices {
                    let leaf = LeafDevice { user: QualifiedUserId::new(user, &domain), device: device.id };
                    keys.insert(leaf, device.identity_key);
                }
            }
        }
        Ok(keys)
    }

    /// The device a leaf names, by its identity and its key: the identity
    /// must be `user:device@domain` with the device id of the key.
    fn leaf_device(&self, leaf: &Leaf) -> Option<LeafDevice> {
        let text = std::str::from_utf8(&leaf.identity).ok()?;
        let (user, rest) = text.split_once(':')?;
        let (_, domain) = rest.rsplit_once('@')?;
        let domain = BackendDomain::parse(domain).ok()?;
        let user = UserId(Uuid::parse_str(user).ok()?);
        let key: [u8; 32] = leaf.signature_key.as_slice().try_into().ok()?;
        let device = DeviceId::of_identity_key(&key);
        (mls::credential_identity(user, &device, &domain) == text)
            .then(|| LeafDevice { user: QualifiedUserId::new(user, &domain), device })
    }
}

/// Whether `leaf` is the sender's device: named as it, signing with its
/// identity key (from `keys`).
fn is_own_leaf(sender: &MlsSender, leaf: &Leaf, keys: &BTreeMap<LeafDevice, Vec<u8>>) -> bool {
    let identity = mls::credential_identity(sender.user.id, &sender.device, &sender.user.domain);
    let own = LeafDevice { user: sender.user.clone(), device: sender.device.clone() };
    leaf.identity == identity.as_bytes() && keys.get(&own) == Some(&leaf.signature_key)
}

fn require_mls(conversation: &Conversation) -> DomainResult<()> {
    if conversation.protocol != Protocol::Mls {
        return Err(DomainError::FailedPrecondition(format!(
            "conversation {} is not an MLS conversation: send with MessageService.SendMessage",
            conversation.id.id
        )));
    }
    Ok(())
}

fn check_bundle_shape(bundle: &CommitBundle) -> DomainResult<()> {
    for (what, bytes) in [("commit", &bundle.commit), ("welcome", &bundle.welcome), ("group_info", &bundle.group_info)]
    {
        if bytes.len() > MAX_MLS_BYTES {
            return Err(DomainError::InvalidArgument(format!("{what} is larger than {MAX_MLS_BYTES} bytes")));
        }
    }
    if bundle.commit.is_empty() || bundle.group_info.is_empty() {
        return Err(DomainError::InvalidArgument("a commit bundle needs a commit and a group_info".to_owned()));
    }
    Ok(())
}

fn check_message_size(message: &[u8]) -> DomainResult<()> {
    if message.is_empty() || message.len() > MAX_MLS_BYTES {
        return Err(DomainError::InvalidArgument(format!("message must be 1 to {MAX_MLS_BYTES} bytes")));
    }
    Ok(())
}

fn refusal(refusal: Refusal) -> DomainError {
    match refusal {
        Refusal::Stale { epoch } => DomainError::StaleEpoch { epoch },
        Refusal::Invalid(message) => DomainError::InvalidArgument(message),
    }
}
