//! SendMessage: the client-mismatch check, idempotent durable fan-out, and
//! transient delivery.

use super::Deps;
use super::connections::Connections;
use super::conversations::{self, Conversations};
use super::events::{Events, Outgoing, devices_of};
use super::federation::{DeviceCiphertext, ForwardedSend, Notification, RemoteMessage, best_effort};
use super::ids::{BackendDomain, DeviceId, DeviceRef, QualifiedConversationId, QualifiedUserId, UserId};
use super::model::{Conversation, ConversationKind, DeviceList, EventPayload, Mismatch};
use super::rate_limit::Limit;
use super::send_batch::{GroupCommit, Outcome, SendBatches};
use super::tokens::AuthContext;
use super::unit_of_work::{Admission, UnitOfWork};
use crate::error::{DomainError, DomainResult};
use missive_db::entity::{remote_sent_message, sent_message};
use missive_db::repo;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;
use uuid::Uuid;

pub const MESSAGE_ID_MAX_CHARS: usize = 128;

pub struct MessageLimits {
    pub max_ciphertext_bytes: usize,
    /// Recipient devices one message may address.
    pub max_recipients: usize,
}

pub struct Messages {
    deps: Deps,
    events: Arc<Events>,
    conversations: Arc<Conversations>,
    connections: Arc<Connections>,
    limits: MessageLimits,
    batches: SendBatches,
}

pub enum Policy {
    ReportAll,
    IgnoreAll,
    ReportOnly(HashSet<QualifiedUserId>),
}

/// Ciphertexts for the devices of one user: (device id, ciphertext).
pub type UserCiphertexts = (QualifiedUserId, Vec<(DeviceId, Vec<u8>)>);

pub struct SendInput {
    pub conversation: QualifiedConversationId,
    pub message_id: String,
    pub recipients: Vec<UserCiphertexts>,
    pub policy: Policy,
    pub transient: bool,
}

/// Devices per user (of any backend), ordered for stable answers.
pub(super) type DeviceSets = BTreeMap<QualifiedUserId, BTreeSet<DeviceId>>;

/// Who sends: a user of this backend, or of another when the conversation
/// is owned here.
pub(super) struct Sender {
    pub user: QualifiedUserId,
    pub device: DeviceId,
}

#[derive(Default)]
struct Found {
    missing: DeviceSets,
    redundant: DeviceSets,
    deleted: DeviceSets,
}

pub struct Sent {
    pub time_ms: i64,
    /// What was not delivered as given (empty lists when nothing was off).
    pub mismatch: Mismatch,
}

impl Messages {
    pub fn new(
        deps: Deps,
        events: Arc<Events>,
        conversations: Arc<Conversations>,
        connections: Arc<Connections>,
        limits: MessageLimits,
        group_commit: GroupCommit,
    ) -> Messages {
        let batches = SendBatches::start(deps.clone(), events.clone(), group_commit);
        Messages { deps, events, conversations, connections, limits, batches }
    }

    pub async fn send(&self, caller: &AuthContext, input: SendInput) -> DomainResult<Sent> {
        self.check_shape(&input)?;
        self.deps.limits.check(Limit::SendPerDevice, &caller.device_ref().to_string()).await?;
        if !self.deps.is_local(&input.conversation.domain) {
            return self.forward(caller, input).await;
        }
        let sender =
            || Sender { user: QualifiedUserId::new(caller.user, &self.deps.domain), device: caller.device.clone() };
        let input = if input.transient {
            input
        } else {
            // Stored sends go together with others (group commit), unless
            // members of other backends must be asked for their devices.
            match self.batches.send(sender(), input).await {
                Outcome::Done(result) => return result,
                Outcome::Federated(input) => input,
            }
        };
        // Admitted before the reads: under overload a send is refused before
        // it costs the database anything.
        let admission = self.deps.writes.enter().await?;
        let conversation = self.conversations.require_member(caller.user, input.conversation.id).await?;
        if conversation.id != input.conversation {
            return Err(DomainError::NotFound(format!("unknown conversation {}", input.conversation.id)));
        }
        require_per_device(&conversation)?;
        if conversation.kind == ConversationKind::OneToOne {
            let other = conversation.member_ids().into_iter().find(|u| *u != caller.user);
            if let Some(other) = other
                && self.connections.blocked_between(caller.user, other).await?
            {
                return Err(blocked());
            }
        }
        self.send_as_owner(admission, sender(), &conversation, input).await
    }

    /// A send to a conversation another backend owns: the owner decides.
    async fn forward(&self, caller: &AuthContext, input: SendInput) -> DomainResult<Sent> {
        let conversation = self.conversations.get(caller, &input.conversation).await?;
        let owner = conversation.id.domain.clone();
        let send = ForwardedSend {
            sender: QualifiedUserId::new(caller.user, &self.deps.domain),
            sender_device: caller.device.clone(),
            input: &input,
        };
        self.deps.remotes.send_message(&owner, send).await
    }

    /// A send by a user of another backend (`origin`) to a conversation
    /// owned here.
    pub async fn send_from_remote(
        &self,
        origin: &BackendDomain,
        sender: QualifiedUserId,
        sender_device: DeviceId,
        input: SendInput,
    ) -> DomainResult<Sent> {
        if sender.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} cannot send for user {}@{}",
                sender.id, sender.domain
            )));
        }
        self.check_shape(&input)?;
        if !self.deps.is_local(&input.conversation.domain) {
            return Err(DomainError::NotOwner(format!(
                "conversation {}@{} is not owned by this backend",
                input.conversation.id, input.conversation.domain
            )));
        }
        let admission = self.deps.writes.enter().await?;
        let conversation = conversations::load(&self.deps.db, input.conversation.id, &self.deps.domain)
            .await?
            .filter(|conversation| conversation.id == input.conversation)
            .ok_or_else(|| DomainError::NotFound(format!("unknown conversation {}", input.conversation.id)))?;
        if !conversation.members.iter().any(|member| member.user == sender) {
            return Err(DomainError::PermissionDenied(format!("not a member of conversation {}", conversation.id.id)));
        }
        require_per_device(&conversation)?;
        let sender = Sender { user: sender, device: sender_device };
        self.send_as_owner(admission, sender, &conversation, input).await
    }

    /// The owner's part of every send: the mismatch check against every
    /// member's devices (asked of their backends), then the fan-out: events
    /// for this backend's devices, a notification per other backend.
    async fn send_as_owner(
        &self,
        admission: Admission,
        sender: Sender,
        conversation: &Conversation,
        input: SendInput,
    ) -> DomainResult<Sent> {
        let local = &self.deps.domain;
        let mut expected: DeviceSets = BTreeMap::new();
        for device in devices_of(&self.deps.db, &conversation.local_member_ids(local)).await? {
            expected.entry(QualifiedUserId::new(device.user, local)).or_default().insert(device.device);
        }
        // Another backend's devices are asked of it; one that cannot be
        // asked does not stop the message: its members get what the sender
        // encrypted for them, without a mismatch check.
        let mut unverified: HashSet<BackendDomain> = HashSet::new();
        for (domain, users) in conversation.remote_members(local) {
            match self.deps.remotes.user_devices(&domain, &users).await {
                Ok(found) => {
                    for (user, devices) in found {
                        let user = QualifiedUserId::new(user, &domain);
                        expected.entry(user).or_default().extend(devices.into_iter().map(|device| device.id));
                    }
                }
                Err(err) => {
                    tracing::info!(%domain, error = %err, "member devices unknown: sending without a mismatch check");
                    unverified.insert(domain);
                }
            }
        }
        let now = self.deps.now_ms();
        let transient = input.transient;
        let message_id = input.message_id.clone();
        let decision = decide(local, &sender, conversation, expected, &unverified, input, now)?;
        if transient {
            // Live only: other backends get it directly, best effort, like typing.
            drop(admission);
            for (domain, message) in decision.remote {
                let remotes = self.deps.remotes.clone();
                let target = domain.clone();
                best_effort(
                    domain,
                    "transient message",
                    async move { remotes.transient_message(&target, message).await },
                );
            }
            self.events.publish_transient(decision.outgoing).await;
            return Ok(Sent { time_ms: now, mismatch: decision.report });
        }

        let mut work = UnitOfWork::begin_admitted(&self.events, admission).await?;
        if !self.record_sent(&work, &sender, &message_id, now).await? {
            // A concurrent send with the same id won; answer as it did.
            work.rollback().await?;
            return earlier_send(&self.deps, &sender, &message_id).await;
        }
        work.emit(decision.outgoing).await?;
        for (domain, message) in decision.remote {
            work.tell(&domain, Notification::MessageSent { delivery_id: Uuid::new_v4().to_string(), message }).await?;
        }
        work.commit().await?;
        crate::telemetry::metrics::message_accepted();
        Ok(Sent { time_ms: now, mismatch: decision.report })
    }

    /// The idempotency record; `false` when the sender's device had sent
    /// this id before.
    async fn record_sent(
        &self,
        work: &UnitOfWork<'_>,
        sender: &Sender,
        message_id: &str,
        now: i64,
    ) -> DomainResult<bool> {
        if sender.user.domain == self.deps.domain {
            let record = sent_message::Model {
                sender_id: sender.user.id.0,
                sender_device_id: sender.device.as_str().to_owned(),
                message_id: message_id.to_owned(),
                sent_at: now,
            };
            return Ok(repo::messages::record_sent(work.db(), record).await?);
        }
        let record = remote_sent_message::Model {
            sender_domain: sender.user.domain.to_string(),
            sender_id: sender.user.id.0,
            sender_device_id: sender.device.as_str().to_owned(),
            message_id: message_id.to_owned(),
            sent_at: now,
        };
        Ok(repo::messages::record_remote_sent(work.db(), record).await?)
    }

    /// Stores a message the owner of a conversation sent for this backend's
    /// devices; once per delivery id.
    pub async fn apply_sent(
        &self,
        origin: &BackendDomain,
        delivery_id: &str,
        message: RemoteMessage,
    ) -> DomainResult<()> {
        let outgoing = self.handed_over(origin, message).await?;
        let mut work = UnitOfWork::begin(&self.events).await?;
        if !repo::federation::first_delivery(work.db(), origin.as_str(), delivery_id, super::outbox::wall_ms()).await? {
            return work.commit().await;
        }
        work.emit(outgoing).await?;
        work.commit().await
    }

    /// Publishes a transient message the owner of a conversation accepted
    /// to this backend's streaming devices; nothing is stored.
    pub async fn apply_transient(&self, origin: &BackendDomain, message: RemoteMessage) -> DomainResult<()> {
        let outgoing = self.handed_over(origin, message).await?;
        self.events.publish_transient(outgoing).await;
        Ok(())
    }

    /// The events of a message `origin` handed over, for this backend's
    /// devices. `origin` must own the conversation; ciphertexts for devices
    /// that are gone are dropped.
    async fn handed_over(&self, origin: &BackendDomain, message: RemoteMessage) -> DomainResult<Vec<Outgoing>> {
        if message.conversation.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} does not own conversation {}@{}",
                message.conversation.id, message.conversation.domain
            )));
        }
        // Only whether this backend keeps a copy owned by `origin`: the
        // owner has decided membership already.
        let known = repo::conversations::find(&self.deps.db, message.conversation.id.0)
            .await?
            .is_some_and(|row| row.owner_domain == origin.as_str());
        if !known {
            return Err(DomainError::NotFound(format!("unknown conversation {}", message.conversation.id)));
        }
        let users: Vec<UserId> = message.ciphertexts.iter().map(|(user, _, _)| *user).collect();
        let devices: HashSet<DeviceRef> = devices_of(&self.deps.db, &users).await?.into_iter().collect();
        Ok(message
            .ciphertexts
            .into_iter()
            .map(|(user, device, ciphertext)| (DeviceRef::new(user, device), ciphertext))
            .filter(|(to, _)| devices.contains(to))
            .map(|(to, ciphertext)| Outgoing {
                to,
                payload: EventPayload::MessageAdded {
                    conversation: message.conversation.clone(),
                    sender: message.sender.clone(),
                    sender_device: message.sender_device.clone(),
                    message_id: message.message_id.clone(),
                    ciphertext,
                },
            })
            .collect())
    }

    fn check_shape(&self, input: &SendInput) -> DomainResult<()> {
        let id_chars = input.message_id.chars().count();
        if id_chars == 0 || id_chars > MESSAGE_ID_MAX_CHARS || input.message_id.chars().any(char::is_control) {
            return Err(DomainError::InvalidArgument(format!(
                "message_id must be 1 to {MESSAGE_ID_MAX_CHARS} characters, no control characters"
            )));
        }
        let devices: usize = input.recipients.iter().map(|(_, d)| d.len()).sum();
        if devices == 0 {
            return Err(DomainError::InvalidArgument("recipients is empty: give a ciphertext per device".into()));
        }
        if devices > self.limits.max_recipients {
            return Err(DomainError::InvalidArgument(format!(
                "too many recipients: {devices} devices, at most {}",
                self.limits.max_recipients
            )));
        }
        let mut seen = HashSet::with_capacity(devices);
        for (user, device_list) in &input.recipients {
            for (device_id, ciphertext) in device_list {
                if !seen.insert((user.id, device_id)) {
                    return Err(DomainError::InvalidArgument(format!(
                        "device {device_id} of user {} appears twice in recipients",
                        user.id
                    )));
                }
                if ciphertext.is_empty() || ciphertext.len() > self.limits.max_ciphertext_bytes {
                    return Err(DomainError::InvalidArgument(format!(
                        "ciphertext for device {device_id} of user {} is {} bytes: give 1 to {} bytes",
                        user.id,
                        ciphertext.len(),
                        self.limits.max_ciphertext_bytes
                    )));
                }
            }
        }
        Ok(())
    }
}

/// What a send stores or delivers, once its recipients passed the
/// mismatch check.
pub(super) struct Decision {
    /// What was not delivered as given (empty lists when nothing was off).
    pub report: Mismatch,
    /// Events for this backend's devices.
    pub outgoing: Vec<Outgoing>,
    /// The message for each other backend with member devices.
    pub remote: Vec<(BackendDomain, RemoteMessage)>,
}

/// The client-mismatch check of a send to `conversation`: `expected` holds
/// every member's devices, except those of the backends in `unverified`
/// (which could not be asked). Refuses as the policy says, else splits the
/// ciphertexts into local events and a message per other backend.
pub(super) fn decide(
    local: &BackendDomain,
    sender: &Sender,
    conversation: &Conversation,
    mut expected: DeviceSets,
    unverified: &HashSet<BackendDomain>,
    input: SendInput,
    now: i64,
) -> DomainResult<Decision> {
    let members: HashSet<&QualifiedUserId> = conversation.members.iter().map(|m| &m.user).collect();
    if let Some(own) = expected.get_mut(&sender.user) {
        own.remove(&sender.device);
    }
    let mut found = Found::default();
    let mut deliver: Vec<(QualifiedUserId, DeviceId, Vec<u8>)> = Vec::new();
    let mut given: DeviceSets = BTreeMap::new();
    for (user, devices) in input.recipients {
        for (device, ciphertext) in devices {
            given.entry(user.clone()).or_default().insert(device.clone());
            let own_device = user == sender.user && device == sender.device;
            if !members.contains(&user) || own_device {
                found.redundant.entry(user.clone()).or_default().insert(device);
            } else if unverified.contains(&user.domain) || expected.get(&user).is_some_and(|set| set.contains(&device))
            {
                deliver.push((user.clone(), device, ciphertext));
            } else {
                found.deleted.entry(user.clone()).or_default().insert(device);
            }
        }
    }
    for (user, devices) in &expected {
        let missing: BTreeSet<DeviceId> =
            devices.iter().filter(|d| !given.get(user).is_some_and(|g| g.contains(*d))).cloned().collect();
        if !missing.is_empty() {
            found.missing.insert(user.clone(), missing);
        }
    }
    let refuse = match &input.policy {
        Policy::ReportAll => !found.missing.is_empty(),
        Policy::IgnoreAll => false,
        Policy::ReportOnly(users) => found.missing.keys().any(|u| users.contains(u)),
    };
    let report = report(found, now);
    if refuse {
        return Err(DomainError::ClientMismatch(Box::new(report)));
    }
    let mut outgoing = Vec::new();
    let mut remote: Vec<(BackendDomain, Vec<DeviceCiphertext>)> = Vec::new();
    for (user, device, ciphertext) in deliver {
        if user.domain == *local {
            outgoing.push(Outgoing {
                to: DeviceRef::new(user.id, device),
                payload: EventPayload::MessageAdded {
                    conversation: conversation.id.clone(),
                    sender: sender.user.clone(),
                    sender_device: sender.device.clone(),
                    message_id: input.message_id.clone(),
                    ciphertext,
                },
            });
        } else if let Some((_, list)) = remote.iter_mut().find(|(domain, _)| *domain == user.domain) {
            list.push((user.id, device, ciphertext));
        } else {
            remote.push((user.domain.clone(), vec![(user.id, device, ciphertext)]));
        }
    }
    let remote = remote
        .into_iter()
        .map(|(domain, ciphertexts)| {
            let message = RemoteMessage {
                conversation: conversation.id.clone(),
                sender: sender.user.clone(),
                sender_device: sender.device.clone(),
                message_id: input.message_id.clone(),
                time_ms: now,
                ciphertexts,
            };
            (domain, message)
        })
        .collect();
    Ok(Decision { report, outgoing, remote })
}

/// The answer to a send whose id the sender's device had used before: the
/// time of that first send, and nothing off.
pub(super) async fn earlier_send(deps: &Deps, sender: &Sender, message_id: &str) -> DomainResult<Sent> {
    let (user, device) = (sender.user.id.0, sender.device.as_str());
    let sent_at = if sender.user.domain == deps.domain {
        repo::messages::find_sent(&deps.db, user, device, message_id).await?.map(|r| r.sent_at)
    } else {
        let domain = sender.user.domain.to_string();
        repo::messages::find_remote_sent(&deps.db, &domain, user, device, message_id).await?.map(|r| r.sent_at)
    };
    let sent_at = sent_at.ok_or_else(|| DomainError::Internal("idempotency record vanished".into()))?;
    Ok(Sent { time_ms: sent_at, mismatch: Mismatch { time_ms: sent_at, ..Mismatch::default() } })
}

pub(super) fn blocked() -> DomainError {
    DomainError::PermissionDenied("cannot message this user: the connection is blocked".into())
}

fn report(found: Found, now: i64) -> Mismatch {
    let lists = |sets: DeviceSets| {
        sets.into_iter().map(|(user, devices)| DeviceList { user, devices: devices.into_iter().collect() }).collect()
    };
    Mismatch {
        missing: lists(found.missing),
        redundant: lists(found.redundant),
        deleted: lists(found.deleted),
        time_ms: now,
    }
}

/// Per-device ciphertexts go only to conversations whose clients use them:
/// an MLS conversation's devices expect its group's messages.
pub(super) fn require_per_device(conversation: &Conversation) -> DomainResult<()> {
    if conversation.protocol == super::model::Protocol::Mls {
        return Err(DomainError::FailedPrecondition(format!(
            "conversation {} is an MLS conversation: send with MlsService.SendMlsMessage",
            conversation.id.id
        )));
    }
    Ok(())
}
