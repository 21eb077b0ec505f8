//! SendMessage: the client-mismatch check, idempotent durable fan-out, and
//! transient delivery.

use super::Deps;
use super::connections::Connections;
use super::conversations::Conversations;
use super::events::{Events, Outgoing, devices_of};
use super::ids::{DeviceId, DeviceRef, QualifiedConversationId, QualifiedUserId, UserId};
use super::model::{ConversationKind, DeviceList, EventPayload, Mismatch};
use super::rate_limit::Limit;
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use crate::error::{DomainError, DomainResult};
use missive_db::entity::sent_message;
use missive_db::repo;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

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
}

pub enum Policy {
    ReportAll,
    IgnoreAll,
    ReportOnly(HashSet<UserId>),
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

/// Devices per user, ordered for stable answers.
type DeviceSets = BTreeMap<UserId, BTreeSet<DeviceId>>;

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
    ) -> Messages {
        Messages { deps, events, conversations, connections, limits }
    }

    pub async fn send(&self, caller: &AuthContext, input: SendInput) -> DomainResult<Sent> {
        self.check_shape(&input)?;
        self.deps.limits.check(Limit::SendPerDevice, &caller.device_ref().to_string()).await?;
        // Admitted before the reads: under overload a send is refused before
        // it costs the database anything.
        let admission = self.deps.writes.enter().await?;
        let conversation_id = self.conversations.local_id(&input.conversation)?;
        let conversation = self.conversations.require_member(caller.user, conversation_id).await?;
        if conversation.kind == ConversationKind::OneToOne {
            let other = conversation.member_ids().into_iter().find(|u| *u != caller.user);
            if let Some(other) = other
                && self.connections.blocked_between(caller.user, other).await?
            {
                return Err(DomainError::PermissionDenied(
                    "cannot message this user: the connection is blocked".into(),
                ));
            }
        }
        // No idempotency lookup here: the insert in the send transaction
        // decides (ON CONFLICT DO NOTHING), which saves a round trip on every
        // send (see docs/PERFORMANCE.md).
        let members: HashSet<UserId> = conversation.member_ids().into_iter().collect();
        let mut expected: DeviceSets = BTreeMap::new();
        for device in devices_of(&self.deps.db, &conversation.member_ids()).await? {
            if !caller.is_device(&device) {
                expected.entry(device.user).or_default().insert(device.device);
            }
        }
        let mut found = Found::default();
        let mut deliver: Vec<(DeviceRef, Vec<u8>)> = Vec::new();
        let mut given: DeviceSets = BTreeMap::new();
        for (user, devices) in input.recipients {
            for (device, ciphertext) in devices {
                given.entry(user.id).or_default().insert(device.clone());
                let local_member = self.deps.is_local(&user.domain) && members.contains(&user.id);
                let own_device = user.id == caller.user && device == caller.device;
                if !local_member || own_device {
                    found.redundant.entry(user.id).or_default().insert(device);
                } else if expected.get(&user.id).is_some_and(|set| set.contains(&device)) {
                    deliver.push((DeviceRef::new(user.id, device), ciphertext));
                } else {
                    found.deleted.entry(user.id).or_default().insert(device);
                }
            }
        }
        for (user, devices) in &expected {
            let missing: BTreeSet<DeviceId> =
                devices.iter().filter(|d| !given.get(user).is_some_and(|g| g.contains(*d))).cloned().collect();
            if !missing.is_empty() {
                found.missing.insert(*user, missing);
            }
        }
        let now = self.deps.now_ms();
        let refuse = match &input.policy {
            Policy::ReportAll => !found.missing.is_empty(),
            Policy::IgnoreAll => false,
            Policy::ReportOnly(users) => found.missing.keys().any(|u| users.contains(u)),
        };
        let report = self.report(found, now);
        if refuse {
            return Err(DomainError::ClientMismatch(Box::new(report)));
        }

        let sender = QualifiedUserId::new(caller.user, &self.deps.domain);
        let outgoing: Vec<Outgoing> = deliver
            .into_iter()
            .map(|(to, ciphertext)| Outgoing {
                to,
                payload: EventPayload::MessageAdded {
                    conversation: conversation.id.clone(),
                    sender: sender.clone(),
                    sender_device: caller.device.clone(),
                    message_id: input.message_id.clone(),
                    ciphertext,
                },
            })
            .collect();
        if input.transient {
            drop(admission);
            self.events.publish_transient(outgoing).await;
            return Ok(Sent { time_ms: now, mismatch: report });
        }

        let mut work = UnitOfWork::begin_admitted(&self.events, admission).await?;
        let record = sent_message::Model {
            sender_id: caller.user.0,
            sender_device_id: caller.device.as_str().to_owned(),
            message_id: input.message_id.clone(),
            sent_at: now,
        };
        if !repo::messages::record_sent(work.db(), record).await? {
            // A concurrent send with the same id won; answer as it did.
            work.rollback().await?;
            let earlier =
                repo::messages::find_sent(&self.deps.db, caller.user.0, caller.device.as_str(), &input.message_id)
                    .await?
                    .ok_or_else(|| DomainError::Internal("idempotency record vanished".into()))?;
            return Ok(Sent {
                time_ms: earlier.sent_at,
                mismatch: Mismatch { time_ms: earlier.sent_at, ..Mismatch::default() },
            });
        }
        work.emit(outgoing).await?;
        work.commit().await?;
        Ok(Sent { time_ms: now, mismatch: report })
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

    fn report(&self, found: Found, now: i64) -> Mismatch {
        let lists = |sets: DeviceSets| {
            sets.into_iter()
                .map(|(user, devices)| DeviceList {
                    user: QualifiedUserId::new(user, &self.deps.domain),
                    devices: devices.into_iter().collect(),
                })
                .collect()
        };
        Mismatch {
            missing: lists(found.missing),
            redundant: lists(found.redundant),
            deleted: lists(found.deleted),
            time_ms: now,
        }
    }
}
