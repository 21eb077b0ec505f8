//! The delivery service of MLS conversations (docs/e2ee.md): the owning
//! backend orders commits (one per epoch), makes the membership change a
//! commit carries in the same transaction, routes Welcomes to the devices
//! added, keeps the latest GroupInfo, and hands every message to every
//! member device through the event stream, as any other event.

use super::Deps;
use super::conversations::{Conversations, group_too_large, member_row, require_group_admin};
use super::events::{Events, Outgoing, devices_of};
use super::ids::{DeviceId, DeviceRef, QualifiedConversationId, QualifiedUserId, UserId};
use super::mls::{self, CommitEffect, Leaf, Refusal};
use super::model::{Conversation, EventPayload, Member, MemberRole, Protocol};
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use crate::error::{DomainError, DomainResult};
use missive_db::repo;
use std::collections::BTreeSet;
use std::sync::Arc;
use uuid::Uuid;

/// Largest commit, Welcome, GroupInfo or message accepted (a Welcome and a
/// GroupInfo carry the whole tree: some 300 bytes per device).
pub const MAX_MLS_BYTES: usize = 2 * 1024 * 1024;

pub struct MlsDelivery {
    deps: Deps,
    events: Arc<Events>,
    conversations: Arc<Conversations>,
}

/// A leaf read as a device of this backend.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct LeafDevice {
    user: UserId,
    device: DeviceId,
}

impl MlsDelivery {
    pub fn new(deps: Deps, events: Arc<Events>, conversations: Arc<Conversations>) -> MlsDelivery {
        MlsDelivery { deps, events, conversations }
    }

    /// An MLS conversation the caller is a member of, owned here.
    async fn conversation(&self, caller: &AuthContext, id: &QualifiedConversationId) -> DomainResult<Conversation> {
        let conversation = self.conversations.get(caller, id).await?;
        if conversation.protocol != Protocol::Mls {
            return Err(DomainError::FailedPrecondition(format!(
                "conversation {} is not an MLS conversation: send with MessageService.SendMessage",
                id.id
            )));
        }
        if !self.deps.is_local(&conversation.id.domain) {
            return Err(DomainError::FailedPrecondition(
                "MLS conversations of other backends are not supported yet".to_owned(),
            ));
        }
        Ok(conversation)
    }

    async fn state(&self, conversation: &Conversation) -> DomainResult<missive_db::entity::mls_group::Model> {
        repo::mls::find(&self.deps.db, conversation.id.id.0)
            .await?
            .ok_or_else(|| DomainError::Internal(format!("MLS conversation {} has no group state", conversation.id.id)))
    }

    pub async fn group_info(&self, caller: &AuthContext, id: &QualifiedConversationId) -> DomainResult<(u64, Vec<u8>)> {
        let conversation = self.conversation(caller, id).await?;
        let state = self.state(&conversation).await?;
        Ok((state.epoch as u64, state.group_info.unwrap_or_default()))
    }

    /// Checks a commit bundle and, if it is for the current epoch and the
    /// caller may make its change, advances the group; returns the new epoch.
    pub async fn send_commit_bundle(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        commit: Vec<u8>,
        welcome: Vec<u8>,
        group_info: Vec<u8>,
    ) -> DomainResult<u64> {
        for (what, bytes) in [("commit", &commit), ("welcome", &welcome), ("group_info", &group_info)] {
            if bytes.len() > MAX_MLS_BYTES {
                return Err(DomainError::InvalidArgument(format!("{what} is larger than {MAX_MLS_BYTES} bytes")));
            }
        }
        if commit.is_empty() || group_info.is_empty() {
            return Err(DomainError::InvalidArgument("a commit bundle needs a commit and a group_info".to_owned()));
        }
        let conversation = self.conversation(caller, id).await?;
        let state = self.state(&conversation).await?;
        let epoch = state.epoch as u64;
        let group_id = mls::group_id(&conversation.id);
        let (effect, commit, welcome, group_info) = tokio::task::spawn_blocking(move || {
            let effect =
                mls::check_commit(&group_id, epoch, state.group_info.as_deref(), &commit, &welcome, &group_info);
            (effect, commit, welcome, group_info)
        })
        .await
        .map_err(|e| DomainError::Internal(format!("commit check: {e}")))?;
        let effect = effect.map_err(refusal)?;
        let (added, removed) = self.check_effect(caller, &conversation, &effect).await?;

        let members: BTreeSet<UserId> = conversation.local_member_ids(&self.deps.domain).into_iter().collect();
        let joining: Vec<UserId> = added
            .iter()
            .map(|d| d.user)
            .filter(|u| !members.contains(u))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let in_new_tree: BTreeSet<UserId> = effect.members.iter().filter_map(|leaf| self.user_of(leaf)).collect();
        let leaving: Vec<UserId> = removed
            .iter()
            .map(|d| d.user)
            .filter(|u| members.contains(u) && !in_new_tree.contains(u))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let by = QualifiedUserId::new(caller.user, &self.deps.domain);
        let others = |users: &[UserId]| users.iter().any(|u| *u != caller.user);
        if others(&joining) {
            require_group_admin(&conversation, &by, "add members")?;
            let qualified = joining.iter().map(|u| QualifiedUserId::new(*u, &self.deps.domain)).collect();
            self.conversations.connected_users(caller, qualified).await?;
            if (conversation.members.len() + joining.len()) as u64 > self.conversations.max_group_size() {
                return Err(group_too_large(self.conversations.max_group_size()));
            }
        }
        if others(&leaving) {
            require_group_admin(&conversation, &by, "remove members")?;
        }

        let mut work = UnitOfWork::begin(&self.events).await?;
        let now = self.deps.now_ms();
        if !repo::mls::advance(work.db(), conversation.id.id.0, epoch as i64, group_info, now).await? {
            work.rollback().await?;
            return Err(self.stale(&conversation).await);
        }
        // Everyone who was or is a member sees the commit: a removed device
        // learns from it that it was removed.
        let mut audience: BTreeSet<UserId> = members.clone();
        audience.extend(joining.iter().copied());
        let mut after = conversation.clone();
        if !joining.is_empty() {
            let rows = joining.iter().map(|u| member_row(conversation.id.id, *u, MemberRole::Member, now)).collect();
            repo::conversations::add_members(work.db(), rows).await?;
            let joined = joining
                .iter()
                .map(|u| Member { user: QualifiedUserId::new(*u, &self.deps.domain), role: MemberRole::Member })
                .collect();
            let payload =
                EventPayload::MembersJoined { conversation: conversation.id.clone(), by: by.clone(), members: joined };
            after = self.conversations.announce_change(&mut work, &after, payload).await?;
        }
        for user in &leaving {
            let user = QualifiedUserId::new(*user, &self.deps.domain);
            self.conversations.delete_member(&work, &after, &user).await?;
            let payload = EventPayload::MemberLeft { conversation: conversation.id.clone(), by: by.clone(), user };
            after = self.conversations.announce_change(&mut work, &after, payload).await?;
        }
        let users: Vec<UserId> = audience.into_iter().collect();
        // The devices it adds join by the Welcome; the commit is of an epoch
        // they never had.
        let skipped: Vec<DeviceRef> = added.iter().map(|a| DeviceRef::new(a.user, a.device.clone())).collect();
        let mut outgoing = self.relay(&work, caller, &conversation, &users, &skipped, commit).await?;
        if !welcome.is_empty() {
            let payload = EventPayload::MlsWelcome { conversation: conversation.id.clone(), by: by.clone(), welcome };
            for device in &added {
                outgoing.push(Outgoing {
                    to: DeviceRef::new(device.user, device.device.clone()),
                    payload: payload.clone(),
                });
            }
        }
        work.emit(outgoing).await?;
        work.commit().await?;
        Ok(epoch + 1)
    }

    /// An application message for the group's current epoch, to every
    /// device of every member but the sender's.
    pub async fn send_message(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        message: Vec<u8>,
    ) -> DomainResult<()> {
        if message.is_empty() || message.len() > MAX_MLS_BYTES {
            return Err(DomainError::InvalidArgument(format!("message must be 1 to {MAX_MLS_BYTES} bytes")));
        }
        let conversation = self.conversation(caller, id).await?;
        let epoch = mls::check_application_message(&mls::group_id(&conversation.id), &message).map_err(refusal)?;
        let mut work = UnitOfWork::begin(&self.events).await?.keeps_reads();
        // Checked and locked in the transaction that stores the message: a
        // commit cannot slip between the check and the store, so no device
        // gets a message of an epoch after the commit that ended it.
        if !repo::mls::hold_epoch(work.db(), conversation.id.id.0, epoch as i64).await? {
            work.rollback().await?;
            return Err(self.stale(&conversation).await);
        }
        let users = conversation.local_member_ids(&self.deps.domain);
        let outgoing = self.relay(&work, caller, &conversation, &users, &[], message).await?;
        work.emit(outgoing).await?;
        work.commit().await
    }

    /// `message` from the caller's device to every device of `users` but
    /// the caller's and the `skipped` ones: the same bytes for each.
    async fn relay(
        &self,
        work: &UnitOfWork<'_>,
        caller: &AuthContext,
        conversation: &Conversation,
        users: &[UserId],
        skipped: &[DeviceRef],
        message: Vec<u8>,
    ) -> DomainResult<Vec<Outgoing>> {
        let sender = caller.device_ref();
        let payload = EventPayload::MlsMessageAdded {
            conversation: conversation.id.clone(),
            sender: QualifiedUserId::new(caller.user, &self.deps.domain),
            sender_device: caller.device.clone(),
            message,
        };
        Ok(devices_of(work.db(), users)
            .await?
            .into_iter()
            .filter(|device| *device != sender && !skipped.contains(device))
            .map(|to| Outgoing { to, payload: payload.clone() })
            .collect())
    }

    /// The refusal of a message for an epoch that is not the current one.
    async fn stale(&self, conversation: &Conversation) -> DomainError {
        match self.state(conversation).await {
            Ok(state) => DomainError::StaleEpoch { epoch: state.epoch as u64 },
            Err(err) => err,
        }
    }

    /// The user of this backend a leaf names, if it names one.
    fn user_of(&self, leaf: &Leaf) -> Option<UserId> {
        let text = std::str::from_utf8(&leaf.identity).ok()?;
        let (user, rest) = text.split_once(':')?;
        let (_, domain) = rest.rsplit_once('@')?;
        (domain == self.deps.domain.as_str()).then_some(())?;
        Uuid::parse_str(user).ok().map(UserId)
    }

    /// The devices a commit adds and removes. The committer must be the
    /// caller's device; an added leaf must be a device of this backend,
    /// named as `user:device@domain` and signing with that device's
    /// identity key. A removed leaf of another user's device that still
    /// exists may be removed only by an admin (or if its user left).
    async fn check_effect(
        &self,
        caller: &AuthContext,
        conversation: &Conversation,
        effect: &CommitEffect,
    ) -> DomainResult<(Vec<LeafDevice>, Vec<LeafDevice>)> {
        let own_identity = mls::credential_identity(caller.user, &caller.device, &self.deps.domain);
        let own_key = repo::devices::find(&self.deps.db, caller.user.0, caller.device.as_str())
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("this device no longer exists".to_owned()))?
            .identity_key;
        if effect.committer.identity != own_identity.as_bytes() || effect.committer.signature_key != own_key {
            return Err(DomainError::PermissionDenied("the commit was not made by this device".to_owned()));
        }
        let mut added = Vec::with_capacity(effect.added.len());
        for leaf in &effect.added {
            added.push(self.existing_device(leaf).await?);
        }
        let by = QualifiedUserId::new(caller.user, &self.deps.domain);
        let is_admin = conversation.role_of(&by) == Some(MemberRole::Admin);
        let mut removed = Vec::with_capacity(effect.removed.len());
        for leaf in &effect.removed {
            let Some(device) = self.leaf_device(leaf) else { continue };
            let is_member =
                conversation.members.iter().any(|m| m.user == QualifiedUserId::new(device.user, &self.deps.domain));
            let exists = repo::devices::find(&self.deps.db, device.user.0, device.device.as_str()).await?.is_some();
            if device.user != caller.user && is_member && exists && !is_admin {
                return Err(DomainError::PermissionDenied(
                    "only admins remove other members' devices from the group".to_owned(),
                ));
            }
            removed.push(device);
        }
        Ok((added, removed))
    }

    /// The device a leaf names, by its identity and its key.
    fn leaf_device(&self, leaf: &Leaf) -> Option<LeafDevice> {
        let user = self.user_of(leaf)?;
        let key: [u8; 32] = leaf.signature_key.as_slice().try_into().ok()?;
        let device = DeviceId::of_identity_key(&key);
        (mls::credential_identity(user, &device, &self.deps.domain).as_bytes() == leaf.identity.as_slice())
            .then_some(LeafDevice { user, device })
    }

    async fn existing_device(&self, leaf: &Leaf) -> DomainResult<LeafDevice> {
        let named = String::from_utf8_lossy(&leaf.identity).into_owned();
        let device = self.leaf_device(leaf).ok_or_else(|| {
            DomainError::InvalidArgument(format!(
                "an added leaf ({named:?}) is not a device of this backend signing with its identity key"
            ))
        })?;
        let stored = repo::devices::find(&self.deps.db, device.user.0, device.device.as_str()).await?;
        match stored {
            Some(row) if row.identity_key == leaf.signature_key => Ok(device),
            _ => Err(DomainError::InvalidArgument(format!("an added leaf ({named:?}) is not an existing device"))),
        }
    }
}

fn refusal(refusal: Refusal) -> DomainError {
    match refusal {
        Refusal::Stale { epoch } => DomainError::StaleEpoch { epoch },
        Refusal::Invalid(message) => DomainError::InvalidArgument(message),
    }
}
