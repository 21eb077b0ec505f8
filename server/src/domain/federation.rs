//! Other backends, as the domain sees them.
//!
//! The domain asks [`Remotes`] for what another backend owns (its users,
//! their devices, their keys) and never learns how the question travels:
//! `crate::federation` answers it over gRPC with mutual TLS, and
//! [`NoFederation`] when this backend is not configured to federate. The
//! answers come back in the domain's own types, already checked to be owned
//! by the backend that was asked.

use super::assets::{Asset, AssetBytes};
use super::conversations::GroupChange;
use super::ids::{AssetId, BackendDomain, DeviceId, QualifiedConversationId, QualifiedUserId, UserId};
use super::keys::{Claimed, ClaimedKeyPackage};
use super::messages::{SendInput, Sent};
use super::model::{Conversation, Device, EventPayload, TypingStatus, User};
use crate::error::{DomainError, DomainResult};
use std::future::Future;
use std::pin::Pin;

pub type RemoteFuture<'a, T> = Pin<Box<dyn Future<Output = DomainResult<T>> + Send + 'a>>;

/// What one side of a connection across backends tells the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionAction {
    /// Asks to connect (asking back accepts).
    Requested,
    Accepted,
    /// Withdraws a request.
    Cancelled,
}

/// What a backend tells another about a change it owns. Queued in the
/// outbox in the change's own transaction, delivered in order per
/// destination, applied once per `delivery_id`.
#[derive(Debug, Clone, PartialEq)]
pub enum Notification {
    ConnectionUpdated {
        delivery_id: String,
        from: QualifiedUserId,
        to: UserId,
        action: ConnectionAction,
    },
    /// A conversation the calling backend owns, with members on the receiver.
    ConversationCreated {
        delivery_id: String,
        conversation: Conversation,
    },
    /// A message stored by the owner, for the receiver's devices.
    MessageSent {
        delivery_id: String,
        message: RemoteMessage,
    },
    /// A conversation the calling backend owns changed: its new state, and
    /// the change as its members see it.
    ConversationUpdated {
        delivery_id: String,
        conversation: Conversation,
        change: EventPayload,
    },
    /// MLS bytes the owner of an MLS conversation relayed, for the
    /// receiver's member devices.
    MlsMessageSent {
        delivery_id: String,
        message: RemoteMlsMessage,
    },
}

/// What the owner of an MLS conversation hands another backend of one
/// commit or application message: the users of that backend to give it to
/// (every device of theirs but the sender's and the `skipped`), and a
/// commit's Welcome for exactly the `welcomed` devices of that backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteMlsMessage {
    pub conversation: QualifiedConversationId,
    pub sender: QualifiedUserId,
    pub sender_device: DeviceId,
    pub message: Vec<u8>,
    pub users: Vec<UserId>,
    pub skipped: Vec<(UserId, DeviceId)>,
    pub welcome: Vec<u8>,
    pub welcomed: Vec<(UserId, DeviceId)>,
}

/// A device of a user of this backend acting in an MLS conversation
/// another backend owns: forwarded to the owner as it.
#[derive(Debug, Clone)]
pub struct MlsSender {
    pub user: QualifiedUserId,
    pub device: DeviceId,
}

/// What the owner of an MLS conversation tells a member backend of its
/// group: the epoch, the latest GroupInfo (empty before the first commit)
/// and the proposals kept for the epoch.
#[derive(Debug, Clone, Default)]
pub struct MlsGroupState {
    pub epoch: u64,
    pub group_info: Vec<u8>,
    pub proposals: Vec<Vec<u8>>,
}

/// A commit bundle as a device gave it.
#[derive(Debug, Clone)]
pub struct CommitBundle {
    pub commit: Vec<u8>,
    pub welcome: Vec<u8>,
    pub group_info: Vec<u8>,
}

/// (user of the receiving backend, device, ciphertext).
pub type DeviceCiphertext = (UserId, DeviceId, Vec<u8>);

/// A message as the owner of its conversation hands it to another backend:
/// the ciphertexts of that backend's devices only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteMessage {
    pub conversation: QualifiedConversationId,
    pub sender: QualifiedUserId,
    pub sender_device: DeviceId,
    pub message_id: String,
    pub time_ms: i64,
    pub ciphertexts: Vec<DeviceCiphertext>,
}

/// Typing in a conversation, for another backend's members: transient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypingNotice {
    pub conversation: QualifiedConversationId,
    pub user: QualifiedUserId,
    pub device: DeviceId,
    pub status: TypingStatus,
}

/// A send by a user of this backend to a conversation another backend
/// owns, forwarded to the owner, which decides membership and mismatch.
pub struct ForwardedSend<'a> {
    pub sender: QualifiedUserId,
    pub sender_device: DeviceId,
    pub input: &'a SendInput,
}

/// An encoded notification, as the outbox keeps it.
pub struct EncodedNotification {
    pub kind: i32,
    pub body: Vec<u8>,
}

/// Questions to the backend that owns the ids. Every method names that
/// backend (`domain`, never this one) and passes only ids it owns. A backend
/// that cannot be reached answers [`DomainError::Unavailable`] naming it.
pub trait Remotes: Send + Sync + 'static {
    /// `None` when the backend has no user with that handle.
    fn user_by_handle<'a>(&'a self, domain: &'a BackendDomain, handle: &'a str) -> RemoteFuture<'a, Option<User>>;

    /// The users that exist; the others are left out.
    fn users<'a>(&'a self, domain: &'a BackendDomain, ids: &'a [UserId]) -> RemoteFuture<'a, Vec<User>>;

    fn search_users<'a>(&'a self, domain: &'a BackendDomain, query: &'a str, limit: u32)
    -> RemoteFuture<'a, Vec<User>>;

    /// Devices per user; users that do not exist are left out.
    fn user_devices<'a>(
        &'a self,
        domain: &'a BackendDomain,
        ids: &'a [UserId],
    ) -> RemoteFuture<'a, Vec<(UserId, Vec<Device>)>>;

    /// One prekey per named device (every device of a user named with no
    /// devices).
    fn claim_prekeys<'a>(
        &'a self,
        domain: &'a BackendDomain,
        targets: &'a [(UserId, Vec<DeviceId>)],
    ) -> RemoteFuture<'a, Vec<Claimed>>;

    fn claim_key_packages<'a>(
        &'a self,
        domain: &'a BackendDomain,
        user: UserId,
    ) -> RemoteFuture<'a, Vec<ClaimedKeyPackage>>;

    /// Sends on behalf of a user of this backend to a conversation `owner`
    /// owns: the answer, or the owner's client mismatch, is the sender's.
    fn send_message<'a>(&'a self, owner: &'a BackendDomain, send: ForwardedSend<'a>) -> RemoteFuture<'a, Sent>;

    /// Asks the owner of a group to remove a user of this backend who leaves it.
    fn leave<'a>(
        &'a self,
        owner: &'a BackendDomain,
        conversation: &'a QualifiedConversationId,
        user: &'a QualifiedUserId,
    ) -> RemoteFuture<'a, ()>;

    /// Asks the owner of a group to make a change by an admin who is a
    /// user of this backend; the group after the change.
    fn update_conversation<'a>(
        &'a self,
        owner: &'a BackendDomain,
        conversation: &'a QualifiedConversationId,
        by: &'a QualifiedUserId,
        change: &'a GroupChange,
    ) -> RemoteFuture<'a, Conversation>;

    /// Sends a commit bundle of a device of this backend to the MLS
    /// conversation `owner` owns; the new epoch, or the owner's refusal
    /// ([`DomainError::StaleEpoch`] included) as the sender's.
    fn mls_commit<'a>(
        &'a self,
        owner: &'a BackendDomain,
        conversation: &'a QualifiedConversationId,
        sender: &'a MlsSender,
        bundle: CommitBundle,
    ) -> RemoteFuture<'a, u64>;

    /// The same for an application message.
    fn mls_message<'a>(
        &'a self,
        owner: &'a BackendDomain,
        conversation: &'a QualifiedConversationId,
        sender: &'a MlsSender,
        message: Vec<u8>,
    ) -> RemoteFuture<'a, ()>;

    /// The epoch, GroupInfo and proposals of such a conversation, for a member.
    fn mls_group_state<'a>(
        &'a self,
        owner: &'a BackendDomain,
        conversation: &'a QualifiedConversationId,
        user: &'a QualifiedUserId,
    ) -> RemoteFuture<'a, MlsGroupState>;

    /// The MLS 1:1 conversation of `requester` (of this backend) and
    /// `user` of `owner`, which owns it: created there if need be. With the
    /// delivery id of the `ConversationCreated` the owner queued for it.
    fn mls_one_to_one<'a>(
        &'a self,
        owner: &'a BackendDomain,
        requester: &'a QualifiedUserId,
        user: UserId,
    ) -> RemoteFuture<'a, (Conversation, String)>;

    /// Tells another backend, directly and at most once, that a user of
    /// this one is typing; nothing is kept when it cannot be reached.
    fn typing<'a>(&'a self, domain: &'a BackendDomain, notice: TypingNotice) -> RemoteFuture<'a, ()>;

    /// Hands a transient message of a conversation owned here to another
    /// backend for its streaming devices, directly and at most once.
    fn transient_message<'a>(&'a self, domain: &'a BackendDomain, message: RemoteMessage) -> RemoteFuture<'a, ()>;

    /// The metadata of a finished asset `domain` stores, for `requester`,
    /// with the token of a private one.
    fn asset<'a>(
        &'a self,
        domain: &'a BackendDomain,
        asset: AssetId,
        requester: &'a QualifiedUserId,
        token: &'a str,
    ) -> RemoteFuture<'a, Asset>;

    /// The bytes of such an asset from `offset`, `limit` at most (0: to the end).
    fn asset_bytes<'a>(
        &'a self,
        domain: &'a BackendDomain,
        asset: AssetId,
        requester: &'a QualifiedUserId,
        token: &'a str,
        offset: u64,
        limit: u64,
    ) -> RemoteFuture<'a, AssetBytes>;

    /// The stored form of a notification; refused when this backend does
    /// not federate (nothing would ever deliver it).
    fn encode(&self, notification: &Notification) -> DomainResult<EncodedNotification>;

    /// Delivers one stored notification; `Ok` once the other backend has
    /// applied it (or had applied it before).
    fn deliver<'a>(&'a self, domain: &'a BackendDomain, stored: &'a EncodedNotification) -> RemoteFuture<'a, ()>;
}

/// This backend does not federate: every other backend is unreachable.
pub struct NoFederation;

impl NoFederation {
    fn refuse<'a, T: Send + 'a>(domain: &BackendDomain) -> RemoteFuture<'a, T> {
        let err = DomainError::Unavailable(format!(
            "backend {domain} cannot be reached: federation is not available on this backend"
        ));
        Box::pin(std::future::ready(Err(err)))
    }
}

impl Remotes for NoFederation {
    fn user_by_handle<'a>(&'a self, domain: &'a BackendDomain, _: &'a str) -> RemoteFuture<'a, Option<User>> {
        NoFederation::refuse(domain)
    }

    fn users<'a>(&'a self, domain: &'a BackendDomain, _: &'a [UserId]) -> RemoteFuture<'a, Vec<User>> {
        NoFederation::refuse(domain)
    }

    fn search_users<'a>(&'a self, domain: &'a BackendDomain, _: &'a str, _: u32) -> RemoteFuture<'a, Vec<User>> {
        NoFederation::refuse(domain)
    }

    fn user_devices<'a>(
        &'a self,
        domain: &'a BackendDomain,
        _: &'a [UserId],
    ) -> RemoteFuture<'a, Vec<(UserId, Vec<Device>)>> {
        NoFederation::refuse(domain)
    }

    fn claim_prekeys<'a>(
        &'a self,
        domain: &'a BackendDomain,
        _: &'a [(UserId, Vec<DeviceId>)],
    ) -> RemoteFuture<'a, Vec<Claimed>> {
        NoFederation::refuse(domain)
    }

    fn claim_key_packages<'a>(
        &'a self,
        domain: &'a BackendDomain,
        _: UserId,
    ) -> RemoteFuture<'a, Vec<ClaimedKeyPackage>> {
        NoFederation::refuse(domain)
    }

    fn send_message<'a>(&'a self, owner: &'a BackendDomain, _: ForwardedSend<'a>) -> RemoteFuture<'a, Sent> {
        NoFederation::refuse(owner)
    }

    fn update_conversation<'a>(
        &'a self,
        owner: &'a BackendDomain,
        _: &'a QualifiedConversationId,
        _: &'a QualifiedUserId,
        _: &'a GroupChange,
    ) -> RemoteFuture<'a, Conversation> {
        NoFederation::refuse(owner)
    }

    fn typing<'a>(&'a self, domain: &'a BackendDomain, _: TypingNotice) -> RemoteFuture<'a, ()> {
        NoFederation::refuse(domain)
    }

    fn transient_message<'a>(&'a self, domain: &'a BackendDomain, _: RemoteMessage) -> RemoteFuture<'a, ()> {
        NoFederation::refuse(domain)
    }

    fn asset<'a>(
        &'a self,
        domain: &'a BackendDomain,
        _: AssetId,
        _: &'a QualifiedUserId,
        _: &'a str,
    ) -> RemoteFuture<'a, Asset> {
        NoFederation::refuse(domain)
    }

    fn asset_bytes<'a>(
        &'a self,
        domain: &'a BackendDomain,
        _: AssetId,
        _: &'a QualifiedUserId,
        _: &'a str,
        _: u64,
        _: u64,
    ) -> RemoteFuture<'a, AssetBytes> {
        NoFederation::refuse(domain)
    }

    fn leave<'a>(
        &'a self,
        owner: &'a BackendDomain,
        _: &'a QualifiedConversationId,
        _: &'a QualifiedUserId,
    ) -> RemoteFuture<'a, ()> {
        NoFederation::refuse(owner)
    }

    fn mls_commit<'a>(
        &'a self,
        owner: &'a BackendDomain,
        _: &'a QualifiedConversationId,
        _: &'a MlsSender,
        _: CommitBundle,
    ) -> RemoteFuture<'a, u64> {
        NoFederation::refuse(owner)
    }

    fn mls_message<'a>(
        &'a self,
        owner: &'a BackendDomain,
        _: &'a QualifiedConversationId,
        _: &'a MlsSender,
        _: Vec<u8>,
    ) -> RemoteFuture<'a, ()> {
        NoFederation::refuse(owner)
    }

    fn mls_group_state<'a>(
        &'a self,
        owner: &'a BackendDomain,
        _: &'a QualifiedConversationId,
        _: &'a QualifiedUserId,
    ) -> RemoteFuture<'a, MlsGroupState> {
        NoFederation::refuse(owner)
    }

    fn mls_one_to_one<'a>(
        &'a self,
        owner: &'a BackendDomain,
        _: &'a QualifiedUserId,
        _: UserId,
    ) -> RemoteFuture<'a, (Conversation, String)> {
        NoFederation::refuse(owner)
    }

    fn encode(&self, _: &Notification) -> DomainResult<EncodedNotification> {
        Err(DomainError::Unavailable(
            "other backends cannot be told: federation is not available on this backend".into(),
        ))
    }

    fn deliver<'a>(&'a self, domain: &'a BackendDomain, _: &'a EncodedNotification) -> RemoteFuture<'a, ()> {
        NoFederation::refuse(domain)
    }
}

/// Direct, unqueued calls to other backends (typing, transient messages)
/// in flight at once, for the whole process. Past it a call is dropped, as
/// the peer would see it too late anyway: a slow peer must not pile up
/// tasks holding ciphertexts.
static BEST_EFFORT: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(512);

/// Runs `call` in the background unless too many such calls are in flight;
/// `what` names it in the log when it fails or is dropped.
pub fn best_effort<F>(domain: BackendDomain, what: &'static str, call: F)
where
    F: Future<Output = DomainResult<()>> + Send + 'static,
{
    let Ok(permit) = BEST_EFFORT.try_acquire() else {
        tracing::debug!(%domain, what, "too many best-effort calls to other backends in flight: dropped");
        return;
    };
    tokio::spawn(async move {
        if let Err(err) = call.await {
            tracing::debug!(%domain, what, error = %err, "not delivered to another backend");
        }
        drop(permit);
    });
}

/// Another backend's answer must be about what it owns: a backend that
/// answers with a third backend's users is not believed.
pub fn check_owned<'a>(
    domain: &BackendDomain,
    owners: impl IntoIterator<Item = &'a BackendDomain>,
) -> DomainResult<()> {
    match owners.into_iter().find(|owner| *owner != domain) {
        None => Ok(()),
        Some(other) => Err(DomainError::Unavailable(format!(
            "backend {domain} answered about resources of backend {other}: answer discarded"
        ))),
    }
}
