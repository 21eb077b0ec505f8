//! SendMessage: the client-mismatch check, idempotent durable fan-out, and
//! transient delivery.

use super::connections::Connections;
use super::conversations::{Conversations, KIND_ONE_TO_ONE};
use super::events::{Events, Outgoing};
use super::ids::QualifiedUserId;
use super::qualified;
use super::tokens::AuthContext;
use super::{Deps, timestamp};
use crate::error::{DomainError, DomainResult};
use missive_db::entity::sent_message;
use missive_db::repo;
use missive_proto::v1 as pb;
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
}

pub enum Policy {
    ReportAll,
    IgnoreAll,
    ReportOnly(HashSet<Uuid>),
}

/// Ciphertexts for the devices of one user: (device id, ciphertext).
pub type UserCiphertexts = (QualifiedUserId, Vec<(String, Vec<u8>)>);

pub struct SendInput {
    pub conversation: QualifiedUserId,
    pub message_id: String,
    pub recipients: Vec<UserCiphertexts>,
    pub policy: Policy,
    pub transient: bool,
}

/// Devices per user, ordered for stable answers.
type DeviceSets = BTreeMap<Uuid, BTreeSet<String>>;

#[derive(Default)]
struct Mismatch {
    missing: DeviceSets,
    redundant: DeviceSets,
    deleted: DeviceSets,
}

pub struct Sent {
    pub time_ms: i64,
    pub mismatch: pb::ClientMismatch,
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
        let conversation_id = self.conversations.local_id(&input.conversation)?;
        let view = self.conversations.require_member(caller.user_id, conversation_id).await?;
        if view.conversation.kind == KIND_ONE_TO_ONE {
            let other = view.member_ids().into_iter().find(|u| *u != caller.user_id);
            if let Some(other) = other
                && self.connections.blocked_between(caller.user_id, other).await?
            {
                return Err(DomainError::PermissionDenied(
                    "cannot message this user: the connection is blocked".into(),
                ));
            }
        }
        // No idempotency lookup here: the insert in the send transaction
        // decides (ON CONFLICT DO NOTHING), which saves a round trip on every
        // send (see docs/PERFORMANCE.md).
        let members: HashSet<Uuid> = view.member_ids().into_iter().collect();
        let mut expected: DeviceSets = BTreeMap::new();
        for (user_id, device_id) in repo::devices::list_for_users(&self.deps.db, &view.member_ids()).await? {
            if !(user_id == caller.user_id && device_id == caller.device_id) {
                expected.entry(user_id).or_default().insert(device_id);
            }
        }
        let mut mismatch = Mismatch::default();
        let mut deliver: Vec<(Uuid, String, Vec<u8>)> = Vec::new();
        let mut given: DeviceSets = BTreeMap::new();
        for (user, devices) in input.recipients {
            for (device_id, ciphertext) in devices {
                given.entry(user.id).or_default().insert(device_id.clone());
                let local_member = self.deps.is_local(&user.domain) && members.contains(&user.id);
                let own_device = user.id == caller.user_id && device_id == caller.device_id;
                if !local_member || own_device {
                    mismatch.redundant.entry(user.id).or_default().insert(device_id);
                } else if expected.get(&user.id).is_some_and(|set| set.contains(&device_id)) {
                    deliver.push((user.id, device_id, ciphertext));
                } else {
                    mismatch.deleted.entry(user.id).or_default().insert(device_id);
                }
            }
        }
        for (user_id, devices) in &expected {
            let missing: BTreeSet<String> =
                devices.iter().filter(|d| !given.get(user_id).is_some_and(|g| g.contains(*d))).cloned().collect();
            if !missing.is_empty() {
                mismatch.missing.insert(*user_id, missing);
            }
        }
        let now = self.deps.now_ms();
        let refuse = match &input.policy {
            Policy::ReportAll => !mismatch.missing.is_empty(),
            Policy::IgnoreAll => false,
            Policy::ReportOnly(users) => mismatch.missing.keys().any(|u| users.contains(u)),
        };
        let report = self.mismatch_pb(&mismatch, now);
        if refuse {
            return Err(DomainError::ClientMismatch(Box::new(report)));
        }

        let domain = &self.deps.domain;
        let outgoing = deliver.into_iter().map(|(user_id, device_id, ciphertext)| Outgoing {
            user_id,
            device_id,
            payload: pb::event::Payload::MessageAdded(pb::MessageAdded {
                conversation: Some(qualified(input.conversation.id, domain)),
                sender: Some(qualified(caller.user_id, domain)),
                sender_device_id: caller.device_id.clone(),
                message_id: input.message_id.clone(),
                ciphertext,
            }),
        });
        if input.transient {
            self.events.publish_transient_each(outgoing.collect()).await;
            return Ok(Sent { time_ms: now, mismatch: report });
        }

        let txn = missive_db::begin_write(&self.deps.db).await?;
        let record = sent_message::Model {
            sender_id: caller.user_id,
            sender_device_id: caller.device_id.clone(),
            message_id: input.message_id.clone(),
            sent_at: now,
        };
        if !repo::messages::record_sent(&txn, record).await? {
            // A concurrent send with the same id won; answer as it did.
            drop(txn);
            let earlier =
                repo::messages::find_sent(&self.deps.db, caller.user_id, &caller.device_id, &input.message_id)
                    .await?
                    .ok_or_else(|| DomainError::Internal("idempotency record vanished".into()))?;
            return Ok(self.already_sent(earlier));
        }
        let deliveries = self.events.store(&txn, outgoing.collect()).await?;
        txn.commit().await?;
        self.events.publish(deliveries).await;
        Ok(Sent { time_ms: now, mismatch: report })
    }

    fn already_sent(&self, earlier: sent_message::Model) -> Sent {
        Sent {
            time_ms: earlier.sent_at,
            mismatch: pb::ClientMismatch { time: Some(timestamp(earlier.sent_at)), ..Default::default() },
        }
    }

    fn check_shape(&self, input: &SendInput) -> DomainResult<()> {
        let id_chars = input.message_id.chars().count();
        if id_chars == 0 || id_chars > MESSAGE_ID_MAX_CHARS {
            return Err(DomainError::InvalidArgument(format!(
                "message_id must be 1 to {MESSAGE_ID_MAX_CHARS} characters"
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
                if !seen.insert((user.id, device_id.as_str())) {
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

    fn mismatch_pb(&self, mismatch: &Mismatch, now: i64) -> pb::ClientMismatch {
        let lists = |sets: &DeviceSets| {
            sets.iter()
                .map(|(user_id, devices)| pb::DeviceList {
                    user: Some(qualified(*user_id, &self.deps.domain)),
                    device_ids: devices.iter().cloned().collect(),
                })
                .collect()
        };
        pb::ClientMismatch {
            missing: lists(&mismatch.missing),
            redundant: lists(&mismatch.redundant),
            deleted: lists(&mismatch.deleted),
            time: Some(timestamp(now)),
        }
    }
}
