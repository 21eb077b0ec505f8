//! Every conversion between the client API (`missive.v1`) and the domain, in
//! one place: request parsing (`TryFrom<pb::…Request>` for the domain's input
//! types, naming the offending field in errors), domain values to API
//! messages (`From`), and the event codec that stores events in the API's own
//! encoding.

use crate::domain::accounts::{IssuedSession, NewDevice, RegisterInput};
use crate::domain::assets::{Asset, NewAsset};
use crate::domain::ids::{BackendDomain, DeviceId, Qualified, QualifiedUserId, UserId, UuidId};
use crate::domain::keys::{Claimed, ClaimedKeyPackage};
use crate::domain::messages::{Policy, SendInput, Sent};
use crate::domain::model::{
    Connection, ConnectionStatus, Conversation, ConversationKind, Device, DeviceClass, DeviceList, Event, EventCodec,
    EventPayload, Member, MemberRole, Mismatch, Protocol, Retention, TypingStatus, User,
};
use crate::error::{DomainError, DomainResult};
use missive_proto::v1 as pb;
use pb::event::Payload;
use prost::Message;

// ---- values ----------------------------------------------------------------

pub fn timestamp(unix_ms: i64) -> prost_types::Timestamp {
    prost_types::Timestamp { seconds: unix_ms.div_euclid(1000), nanos: (unix_ms.rem_euclid(1000) * 1_000_000) as i32 }
}

/// Saturating: out-of-range times from another backend stay in range
/// rather than panic.
fn unix_ms(time: Option<prost_types::Timestamp>) -> i64 {
    time.map(|t| t.seconds.saturating_mul(1000).saturating_add(i64::from(t.nanos) / 1_000_000)).unwrap_or_default()
}

impl<T: UuidId> From<&Qualified<T>> for pb::QualifiedId {
    fn from(id: &Qualified<T>) -> pb::QualifiedId {
        pb::QualifiedId { id: id.id.to_string(), domain: id.domain.to_string() }
    }
}

fn qualified<T: UuidId>(id: &Qualified<T>) -> Option<pb::QualifiedId> {
    Some(id.into())
}

/// A required qualified id; `field` names it in errors.
pub fn required_id<T: UuidId>(field: &str, id: Option<&pb::QualifiedId>) -> DomainResult<Qualified<T>> {
    let id = id.ok_or_else(|| DomainError::InvalidArgument(format!("{field} is required")))?;
    Qualified::parse(field, &id.id, &id.domain)
}

pub fn optional_id<T: UuidId>(field: &str, id: Option<&pb::QualifiedId>) -> DomainResult<Option<Qualified<T>>> {
    id.map(|id| Qualified::parse(field, &id.id, &id.domain)).transpose()
}

/// `field[0]`, `field[1]`, … in errors.
pub fn id_list<T: UuidId>(field: &str, ids: &[pb::QualifiedId]) -> DomainResult<Vec<Qualified<T>>> {
    ids.iter().enumerate().map(|(i, id)| required_id(&format!("{field}[{i}]"), Some(id))).collect()
}

/// An optional backend domain: empty means this backend.
pub fn optional_domain(field: &str, domain: &str) -> DomainResult<Option<BackendDomain>> {
    if domain.is_empty() {
        return Ok(None);
    }
    BackendDomain::parse(domain).map(Some).map_err(|reason| DomainError::InvalidArgument(format!("{field}: {reason}")))
}

pub fn device_id(field: &str, text: &str) -> DomainResult<DeviceId> {
    DeviceId::parse(field, text)
}

fn device_class(value: i32) -> DomainResult<DeviceClass> {
    let class = match pb::DeviceClass::try_from(value) {
        Ok(pb::DeviceClass::Unspecified) => DeviceClass::Unspecified,
        Ok(pb::DeviceClass::Phone) => DeviceClass::Phone,
        Ok(pb::DeviceClass::Tablet) => DeviceClass::Tablet,
        Ok(pb::DeviceClass::Desktop) => DeviceClass::Desktop,
        Ok(pb::DeviceClass::Web) => DeviceClass::Web,
        Err(_) => return Err(DomainError::InvalidArgument(format!("unknown device class {value}"))),
    };
    Ok(class)
}

fn device_class_pb(class: DeviceClass) -> pb::DeviceClass {
    match class {
        DeviceClass::Unspecified => pb::DeviceClass::Unspecified,
        DeviceClass::Phone => pb::DeviceClass::Phone,
        DeviceClass::Tablet => pb::DeviceClass::Tablet,
        DeviceClass::Desktop => pb::DeviceClass::Desktop,
        DeviceClass::Web => pb::DeviceClass::Web,
    }
}

fn status_pb(status: ConnectionStatus) -> pb::ConnectionStatus {
    match status {
        ConnectionStatus::Sent => pb::ConnectionStatus::Sent,
        ConnectionStatus::Pending => pb::ConnectionStatus::Pending,
        ConnectionStatus::Accepted => pb::ConnectionStatus::Accepted,
        ConnectionStatus::Blocked => pb::ConnectionStatus::Blocked,
        ConnectionStatus::Ignored => pb::ConnectionStatus::Ignored,
        ConnectionStatus::Cancelled => pb::ConnectionStatus::Cancelled,
    }
}

fn status_of_pb(value: i32) -> Option<ConnectionStatus> {
    Some(match pb::ConnectionStatus::try_from(value).ok()? {
        pb::ConnectionStatus::Unspecified => return None,
        pb::ConnectionStatus::Sent => ConnectionStatus::Sent,
        pb::ConnectionStatus::Pending => ConnectionStatus::Pending,
        pb::ConnectionStatus::Accepted => ConnectionStatus::Accepted,
        pb::ConnectionStatus::Blocked => ConnectionStatus::Blocked,
        pb::ConnectionStatus::Ignored => ConnectionStatus::Ignored,
        pb::ConnectionStatus::Cancelled => ConnectionStatus::Cancelled,
    })
}

/// The statuses a client may ask for in UpdateConnection.
pub fn wanted_status(value: i32) -> DomainResult<ConnectionStatus> {
    status_of_pb(value)
        .filter(|status| crate::domain::connections::Connections::WANTED.contains(status))
        .ok_or_else(|| DomainError::InvalidArgument("status must be ACCEPTED, IGNORED, BLOCKED or CANCELLED".into()))
}

fn kind_pb(kind: ConversationKind) -> pb::ConversationType {
    match kind {
        ConversationKind::SelfConversation => pb::ConversationType::Self_,
        ConversationKind::OneToOne => pb::ConversationType::OneToOne,
        ConversationKind::Group => pb::ConversationType::Group,
    }
}

pub fn role_pb(role: MemberRole) -> pb::MemberRole {
    match role {
        MemberRole::Admin => pb::MemberRole::Admin,
        MemberRole::Member => pb::MemberRole::Member,
    }
}

pub fn protocol_pb(protocol: Protocol) -> pb::Protocol {
    match protocol {
        Protocol::PerDevice => pb::Protocol::PerDevice,
        Protocol::Mls => pb::Protocol::Mls,
    }
}

/// A conversation's protocol as a client asks for it; unspecified is per device.
pub fn protocol(value: i32) -> DomainResult<Protocol> {
    match pb::Protocol::try_from(value) {
        Ok(pb::Protocol::Unspecified | pb::Protocol::PerDevice) => Ok(Protocol::PerDevice),
        Ok(pb::Protocol::Mls) => Ok(Protocol::Mls),
        Err(_) => Err(DomainError::InvalidArgument(format!("unknown protocol {value}: PER_DEVICE or MLS"))),
    }
}

/// A role a client sets.
pub fn role(value: i32) -> DomainResult<MemberRole> {
    match pb::MemberRole::try_from(value) {
        Ok(pb::MemberRole::Admin) => Ok(MemberRole::Admin),
        Ok(pb::MemberRole::Member) => Ok(MemberRole::Member),
        _ => Err(DomainError::InvalidArgument("role must be ADMIN or MEMBER".into())),
    }
}

pub fn typing_status(value: i32) -> DomainResult<TypingStatus> {
    match pb::TypingStatus::try_from(value) {
        Ok(pb::TypingStatus::Started) => Ok(TypingStatus::Started),
        Ok(pb::TypingStatus::Stopped) => Ok(TypingStatus::Stopped),
        _ => Err(DomainError::InvalidArgument("status must be STARTED or STOPPED".into())),
    }
}

pub fn typing_pb(status: TypingStatus) -> pb::TypingStatus {
    match status {
        TypingStatus::Started => pb::TypingStatus::Started,
        TypingStatus::Stopped => pb::TypingStatus::Stopped,
    }
}

// ---- requests ----------------------------------------------------------------

impl TryFrom<Option<pb::NewDevice>> for NewDevice {
    type Error = DomainError;

    fn try_from(device: Option<pb::NewDevice>) -> DomainResult<NewDevice> {
        let device = device.ok_or_else(|| DomainError::InvalidArgument("device is required".to_owned()))?;
        NewDevice::parse(&device.identity_key, &device.label, device_class(device.device_class)?)
    }
}

/// `missive.v1.AccountService/Register`
impl TryFrom<pb::RegisterRequest> for RegisterInput {
    type Error = DomainError;

    fn try_from(body: pb::RegisterRequest) -> DomainResult<RegisterInput> {
        Ok(RegisterInput {
            device: body.device.try_into()?,
            handle: body.handle,
            password: body.password,
            display_name: body.display_name,
        })
    }
}

/// `missive.v1.MessageService/SendMessage`
impl TryFrom<pb::SendMessageRequest> for SendInput {
    type Error = DomainError;

    fn try_from(body: pb::SendMessageRequest) -> DomainResult<SendInput> {
        use pb::mismatch_policy::Policy as PolicyPb;
        let conversation = required_id("conversation", body.conversation.as_ref())?;
        let mut recipients = Vec::with_capacity(body.recipients.len());
        for (index, entry) in body.recipients.into_iter().enumerate() {
            let user = required_id(&format!("recipients[{index}].user"), entry.user.as_ref())?;
            let field = format!("recipients[{index}].devices");
            let devices = entry
                .devices
                .into_iter()
                .map(|d| Ok((device_id(&field, &d.device_id)?, d.ciphertext)))
                .collect::<DomainResult<Vec<_>>>()?;
            recipients.push((user, devices));
        }
        let policy = match body.policy.and_then(|p| p.policy) {
            None | Some(PolicyPb::ReportAll(_)) => Policy::ReportAll,
            Some(PolicyPb::IgnoreAll(_)) => Policy::IgnoreAll,
            Some(PolicyPb::ReportOnly(only)) => {
                Policy::ReportOnly(id_list::<UserId>("policy.report_only.users", &only.users)?.into_iter().collect())
            }
        };
        Ok(SendInput { conversation, message_id: body.message_id, recipients, policy, transient: body.transient })
    }
}

/// `missive.v1.KeyService/ClaimPrekeys`: the devices to claim for, per user.
pub fn claim_targets(targets: Vec<pb::UserDevices>) -> DomainResult<Vec<(QualifiedUserId, Vec<DeviceId>)>> {
    let mut parsed = Vec::with_capacity(targets.len());
    for (index, target) in targets.into_iter().enumerate() {
        let user = required_id(&format!("targets[{index}].user"), target.user.as_ref())?;
        let field = format!("targets[{index}].device_ids");
        let devices = target.device_ids.iter().map(|d| device_id(&field, d)).collect::<DomainResult<Vec<_>>>()?;
        parsed.push((user, devices));
    }
    Ok(parsed)
}

// ---- domain values to API messages --------------------------------------------

impl From<User> for pb::User {
    fn from(user: User) -> pb::User {
        pb::User { id: qualified(&user.id), handle: user.handle, display_name: user.display_name }
    }
}

impl From<Device> for pb::Device {
    fn from(device: Device) -> pb::Device {
        pb::Device {
            id: device.id.into_string(),
            user: qualified(&device.user),
            identity_key: device.identity_key,
            label: device.label,
            device_class: device_class_pb(device.class) as i32,
            created_at: Some(timestamp(device.created_ms)),
        }
    }
}

impl From<IssuedSession> for pb::Session {
    fn from(issued: IssuedSession) -> pb::Session {
        pb::Session {
            access_token: issued.access_token,
            access_token_expires_at: Some(timestamp(issued.access_token_expires_ms)),
            refresh_token: issued.refresh_token,
            refresh_token_expires_at: Some(timestamp(issued.refresh_token_expires_ms)),
        }
    }
}

impl From<Connection> for pb::Connection {
    fn from(connection: Connection) -> pb::Connection {
        pb::Connection {
            user: qualified(&connection.user),
            other: qualified(&connection.other),
            status: status_pb(connection.status) as i32,
            last_update: Some(timestamp(connection.updated_ms)),
            conversation: connection.conversation.as_ref().map(Into::into),
        }
    }
}

impl From<Member> for pb::Member {
    fn from(member: Member) -> pb::Member {
        pb::Member { user: qualified(&member.user), role: role_pb(member.role) as i32 }
    }
}

impl From<Conversation> for pb::Conversation {
    fn from(conversation: Conversation) -> pb::Conversation {
        pb::Conversation {
            id: qualified(&conversation.id),
            r#type: kind_pb(conversation.kind) as i32,
            name: conversation.name,
            members: conversation.members.into_iter().map(Into::into).collect(),
            creator: qualified(&conversation.creator),
            created_at: Some(timestamp(conversation.created_ms)),
            protocol: protocol_pb(conversation.protocol) as i32,
            mls_group_id: match conversation.protocol {
                Protocol::Mls => crate::domain::mls::group_id(&conversation.id),
                Protocol::PerDevice => Vec::new(),
            },
        }
    }
}

impl From<Claimed> for pb::ClaimedPrekey {
    fn from(claimed: Claimed) -> pb::ClaimedPrekey {
        pb::ClaimedPrekey {
            user: qualified(&claimed.user),
            device_id: claimed.device.into_string(),
            prekey: Some(pb::Prekey { id: claimed.prekey_id, key: claimed.key }),
            last_resort: claimed.last_resort,
        }
    }
}

impl From<ClaimedKeyPackage> for pb::ClaimedKeyPackage {
    fn from(claimed: ClaimedKeyPackage) -> pb::ClaimedKeyPackage {
        pb::ClaimedKeyPackage {
            user: qualified(&claimed.user),
            device_id: claimed.device.into_string(),
            key_package: claimed.key_package,
        }
    }
}

fn device_lists(lists: Vec<DeviceList>) -> Vec<pb::DeviceList> {
    lists
        .into_iter()
        .map(|list| pb::DeviceList {
            user: qualified(&list.user),
            device_ids: list.devices.into_iter().map(DeviceId::into_string).collect(),
        })
        .collect()
}

impl From<Mismatch> for pb::ClientMismatch {
    fn from(mismatch: Mismatch) -> pb::ClientMismatch {
        pb::ClientMismatch {
            missing: device_lists(mismatch.missing),
            redundant: device_lists(mismatch.redundant),
            deleted: device_lists(mismatch.deleted),
            time: Some(timestamp(mismatch.time_ms)),
        }
    }
}

impl From<EventPayload> for Payload {
    fn from(payload: EventPayload) -> Payload {
        match payload {
            EventPayload::MessageAdded { conversation, sender, sender_device, message_id, ciphertext } => {
                Payload::MessageAdded(pb::MessageAdded {
                    conversation: qualified(&conversation),
                    sender: qualified(&sender),
                    sender_device_id: sender_device.into_string(),
                    message_id,
                    ciphertext,
                })
            }
            EventPayload::ConversationCreated(conversation) => {
                Payload::ConversationCreated(pb::ConversationCreated { conversation: Some(conversation.into()) })
            }
            EventPayload::ConversationRenamed { conversation, by, name } => {
                Payload::ConversationRenamed(pb::ConversationRenamed {
                    conversation: qualified(&conversation),
                    by: qualified(&by),
                    name,
                })
            }
            EventPayload::MembersJoined { conversation, by, members } => Payload::MembersJoined(pb::MembersJoined {
                conversation: qualified(&conversation),
                by: qualified(&by),
                members: members.into_iter().map(Into::into).collect(),
            }),
            EventPayload::MemberLeft { conversation, by, user } => Payload::MemberLeft(pb::MemberLeft {
                conversation: qualified(&conversation),
                by: qualified(&by),
                user: qualified(&user),
            }),
            EventPayload::MemberRoleUpdated { conversation, by, user, role } => {
                Payload::MemberRoleUpdated(pb::MemberRoleUpdated {
                    conversation: qualified(&conversation),
                    by: qualified(&by),
                    user: qualified(&user),
                    role: role_pb(role) as i32,
                })
            }
            EventPayload::ConnectionUpdated(connection) => {
                Payload::ConnectionUpdated(pb::ConnectionUpdated { connection: Some(connection.into()) })
            }
            EventPayload::Typing { conversation, user, device, status } => Payload::Typing(pb::Typing {
                conversation: qualified(&conversation),
                user: qualified(&user),
                device_id: device.into_string(),
                status: typing_pb(status) as i32,
            }),
            EventPayload::DeviceAdded(device) => Payload::DeviceAdded(pb::DeviceAdded { device: Some(device.into()) }),
            EventPayload::DeviceRemoved { user, device } => {
                Payload::DeviceRemoved(pb::DeviceRemoved { user: qualified(&user), device_id: device.into_string() })
            }
            EventPayload::PrekeysLow { remaining } => Payload::PrekeysLow(pb::PrekeysLow { remaining }),
            EventPayload::ProfileUpdated(user) => {
                Payload::ProfileUpdated(pb::ProfileUpdated { user: Some(user.into()) })
            }
            EventPayload::MlsMessageAdded { conversation, sender, sender_device, message } => {
                Payload::MlsMessageAdded(pb::MlsMessageAdded {
                    conversation: qualified(&conversation),
                    sender: qualified(&sender),
                    sender_device_id: sender_device.into_string(),
                    message,
                })
            }
            EventPayload::MlsWelcome { conversation, by, welcome } => Payload::MlsWelcome(pb::MlsWelcome {
                conversation: qualified(&conversation),
                by: qualified(&by),
                welcome,
            }),
        }
    }
}

impl From<Event> for pb::Event {
    fn from(event: Event) -> pb::Event {
        pb::Event {
            cursor: event.cursor,
            time: Some(timestamp(event.time_ms)),
            transient: event.transient,
            payload: Some(event.payload.into()),
        }
    }
}

// ---- stored events: API messages back to domain values --------------------------
//
// Only for bytes this server encoded; a failure means corruption, reported
// as a plain string by the codec.

type Decoded<T> = Result<T, String>;

fn stored_id<T: UuidId>(field: &str, id: Option<pb::QualifiedId>) -> Decoded<Qualified<T>> {
    required_id(field, id.as_ref()).map_err(|err| err.to_string())
}

fn stored_device(field: &str, id: String) -> Decoded<DeviceId> {
    DeviceId::parse(field, &id).map_err(|err| err.to_string())
}

fn user_of(user: Option<pb::User>) -> Decoded<User> {
    let user = user.ok_or("user missing")?;
    Ok(User { id: stored_id("user.id", user.id)?, handle: user.handle, display_name: user.display_name })
}

fn device_of(device: Option<pb::Device>) -> Decoded<Device> {
    let device = device.ok_or("device missing")?;
    Ok(Device {
        user: stored_id("device.user", device.user)?,
        id: stored_device("device.id", device.id)?,
        identity_key: device.identity_key,
        label: device.label,
        class: device_class(device.device_class).map_err(|err| err.to_string())?,
        created_ms: unix_ms(device.created_at),
    })
}

fn member_of(member: pb::Member) -> Decoded<Member> {
    Ok(Member { user: stored_id("member.user", member.user)?, role: role(member.role).map_err(|e| e.to_string())? })
}

fn conversation_of(conversation: Option<pb::Conversation>) -> Decoded<Conversation> {
    let conversation = conversation.ok_or("conversation missing")?;
    let kind = match pb::ConversationType::try_from(conversation.r#type) {
        Ok(pb::ConversationType::Self_) => ConversationKind::SelfConversation,
        Ok(pb::ConversationType::OneToOne) => ConversationKind::OneToOne,
        Ok(pb::ConversationType::Group) => ConversationKind::Group,
        _ => return Err(format!("unknown conversation type {}", conversation.r#type)),
    };
    Ok(Conversation {
        id: stored_id("conversation.id", conversation.id)?,
        kind,
        name: conversation.name,
        members: conversation.members.into_iter().map(member_of).collect::<Decoded<_>>()?,
        creator: stored_id("conversation.creator", conversation.creator)?,
        created_ms: unix_ms(conversation.created_at),
        protocol: protocol(conversation.protocol).map_err(|e| e.to_string())?,
    })
}

fn connection_of(connection: Option<pb::Connection>) -> Decoded<Connection> {
    let connection = connection.ok_or("connection missing")?;
    Ok(Connection {
        user: stored_id("connection.user", connection.user)?,
        other: stored_id("connection.other", connection.other)?,
        status: status_of_pb(connection.status).ok_or("unknown connection status")?,
        updated_ms: unix_ms(connection.last_update),
        conversation: connection.conversation.map(|id| stored_id("connection.conversation", Some(id))).transpose()?,
    })
}

fn payload_of(payload: Payload) -> Decoded<EventPayload> {
    Ok(match payload {
        Payload::MessageAdded(m) => EventPayload::MessageAdded {
            conversation: stored_id("conversation", m.conversation)?,
            sender: stored_id("sender", m.sender)?,
            sender_device: stored_device("sender_device_id", m.sender_device_id)?,
            message_id: m.message_id,
            ciphertext: m.ciphertext,
        },
        Payload::ConversationCreated(c) => EventPayload::ConversationCreated(conversation_of(c.conversation)?),
        Payload::ConversationRenamed(r) => EventPayload::ConversationRenamed {
            conversation: stored_id("conversation", r.conversation)?,
            by: stored_id("by", r.by)?,
            name: r.name,
        },
        Payload::MembersJoined(j) => EventPayload::MembersJoined {
            conversation: stored_id("conversation", j.conversation)?,
            by: stored_id("by", j.by)?,
            members: j.members.into_iter().map(member_of).collect::<Decoded<_>>()?,
        },
        Payload::MemberLeft(l) => EventPayload::MemberLeft {
            conversation: stored_id("conversation", l.conversation)?,
            by: stored_id("by", l.by)?,
            user: stored_id("user", l.user)?,
        },
        Payload::MemberRoleUpdated(r) => EventPayload::MemberRoleUpdated {
            conversation: stored_id("conversation", r.conversation)?,
            by: stored_id("by", r.by)?,
            user: stored_id("user", r.user)?,
            role: role(r.role).map_err(|e| e.to_string())?,
        },
        Payload::ConnectionUpdated(c) => EventPayload::ConnectionUpdated(connection_of(c.connection)?),
        Payload::Typing(t) => EventPayload::Typing {
            conversation: stored_id("conversation", t.conversation)?,
            user: stored_id("user", t.user)?,
            device: stored_device("device_id", t.device_id)?,
            status: typing_status(t.status).map_err(|e| e.to_string())?,
        },
        Payload::DeviceAdded(d) => EventPayload::DeviceAdded(device_of(d.device)?),
        Payload::DeviceRemoved(d) => EventPayload::DeviceRemoved {
            user: stored_id("user", d.user)?,
            device: stored_device("device_id", d.device_id)?,
        },
        Payload::PrekeysLow(p) => EventPayload::PrekeysLow { remaining: p.remaining },
        Payload::ProfileUpdated(p) => EventPayload::ProfileUpdated(user_of(p.user)?),
        Payload::MlsMessageAdded(m) => EventPayload::MlsMessageAdded {
            conversation: stored_id("conversation", m.conversation)?,
            sender: stored_id("sender", m.sender)?,
            sender_device: stored_device("sender_device_id", m.sender_device_id)?,
            message: m.message,
        },
        Payload::MlsWelcome(w) => EventPayload::MlsWelcome {
            conversation: stored_id("conversation", w.conversation)?,
            by: stored_id("by", w.by)?,
            welcome: w.welcome,
        },
    })
}

/// Stores events as encoded `missive.v1.Event`s, the bytes a device receives,
/// so that what is stored is exactly what the API defines.
pub struct ProtoEventCodec;

impl EventCodec for ProtoEventCodec {
    fn encode(&self, event: &Event) -> Vec<u8> {
        pb::Event::from(event.clone()).encode_to_vec()
    }

    fn decode(&self, bytes: &[u8]) -> Result<Event, String> {
        let event = pb::Event::decode(bytes).map_err(|err| err.to_string())?;
        Ok(Event {
            cursor: event.cursor,
            time_ms: unix_ms(event.time),
            transient: event.transient,
            payload: payload_of(event.payload.ok_or("payload missing")?)?,
        })
    }
}

// ---- another backend's answers: API messages back to domain values ---------------
//
// Bytes from another backend are input like a client's: a malformed answer
// is that backend's fault, reported as it being unusable, never a panic.

fn remote<T>(domain: &BackendDomain, decoded: Decoded<T>) -> DomainResult<T> {
    decoded.map_err(|err| DomainError::Unavailable(format!("backend {domain} sent a malformed answer: {err}")))
}

pub fn remote_user(domain: &BackendDomain, user: pb::User) -> DomainResult<User> {
    remote(domain, user_of(Some(user)))
}

pub fn remote_device(domain: &BackendDomain, device: pb::Device) -> DomainResult<Device> {
    // A label is private to the owner: never believed, never shown.
    remote(domain, device_of(Some(device))).map(|device| Device { label: String::new(), ..device })
}

pub fn remote_claimed(domain: &BackendDomain, claimed: pb::ClaimedPrekey) -> DomainResult<Claimed> {
    remote(
        domain,
        (|| {
            let prekey = claimed.prekey.ok_or("prekey missing")?;
            Ok(Claimed {
                user: stored_id("prekeys.user", claimed.user)?,
                device: stored_device("prekeys.device_id", claimed.device_id)?,
                prekey_id: prekey.id,
                key: prekey.key,
                last_resort: claimed.last_resort,
            })
        })(),
    )
}

pub fn remote_key_package(domain: &BackendDomain, claimed: pb::ClaimedKeyPackage) -> DomainResult<ClaimedKeyPackage> {
    remote(
        domain,
        (|| {
            Ok(ClaimedKeyPackage {
                user: stored_id("key_packages.user", claimed.user)?,
                device: stored_device("key_packages.device_id", claimed.device_id)?,
                key_package: claimed.key_package,
            })
        })(),
    )
}

/// A send as the owner of its conversation must see it (forwarded by the
/// sender's backend).
pub fn send_request_of(input: &SendInput) -> pb::SendMessageRequest {
    use pb::mismatch_policy::Policy as PolicyPb;
    let policy = match &input.policy {
        Policy::ReportAll => PolicyPb::ReportAll(pb::mismatch_policy::ReportAll {}),
        Policy::IgnoreAll => PolicyPb::IgnoreAll(pb::mismatch_policy::IgnoreAll {}),
        Policy::ReportOnly(users) => {
            PolicyPb::ReportOnly(pb::mismatch_policy::ReportOnly { users: users.iter().map(Into::into).collect() })
        }
    };
    pb::SendMessageRequest {
        conversation: qualified(&input.conversation),
        message_id: input.message_id.clone(),
        recipients: input
            .recipients
            .iter()
            .map(|(user, devices)| pb::UserRecipients {
                user: qualified(user),
                devices: devices
                    .iter()
                    .map(|(device, ciphertext)| pb::DeviceCiphertext {
                        device_id: device.as_str().to_owned(),
                        ciphertext: ciphertext.clone(),
                    })
                    .collect(),
            })
            .collect(),
        policy: Some(pb::MismatchPolicy { policy: Some(policy) }),
        transient: input.transient,
    }
}

fn mismatch_of(mismatch: pb::ClientMismatch) -> Decoded<Mismatch> {
    let lists = |lists: Vec<pb::DeviceList>| -> Decoded<Vec<DeviceList>> {
        lists
            .into_iter()
            .map(|list| {
                Ok(DeviceList {
                    user: stored_id("mismatch.user", list.user)?,
                    devices: list
                        .device_ids
                        .into_iter()
                        .map(|id| stored_device("mismatch.device_ids", id))
                        .collect::<Decoded<_>>()?,
                })
            })
            .collect()
    };
    Ok(Mismatch {
        missing: lists(mismatch.missing)?,
        redundant: lists(mismatch.redundant)?,
        deleted: lists(mismatch.deleted)?,
        time_ms: unix_ms(mismatch.time),
    })
}

/// The owner's answer to a forwarded send.
pub fn remote_sent(domain: &BackendDomain, answer: pb::SendMessageResponse) -> DomainResult<Sent> {
    let mismatch = remote(domain, mismatch_of(answer.mismatch.unwrap_or_default()))?;
    Ok(Sent { time_ms: unix_ms(answer.time), mismatch })
}

/// The client mismatch an owner refused a forwarded send with, if that is
/// what the status is.
pub fn remote_mismatch(domain: &BackendDomain, status: &tonic::Status) -> Option<DomainResult<Mismatch>> {
    let details = tonic_types::pb::Status::decode(status.details()).ok()?;
    let any = details.details.into_iter().find(|any| any.type_url == super::status::CLIENT_MISMATCH_TYPE_URL)?;
    let decoded = pb::ClientMismatch::decode(any.value.as_slice()).map_err(|err| err.to_string());
    Some(remote(domain, decoded.and_then(mismatch_of)))
}

pub fn remote_payload(domain: &BackendDomain, payload: Payload) -> DomainResult<EventPayload> {
    remote(domain, payload_of(payload))
}

pub fn remote_conversation(domain: &BackendDomain, conversation: pb::Conversation) -> DomainResult<Conversation> {
    remote(domain, conversation_of(Some(conversation)))
}

// ---- assets ------------------------------------------------------------------

pub fn retention(value: i32) -> DomainResult<Retention> {
    match pb::Retention::try_from(value) {
        Ok(pb::Retention::Eternal) => Ok(Retention::Eternal),
        Ok(pb::Retention::Persistent) => Ok(Retention::Persistent),
        Ok(pb::Retention::Volatile) => Ok(Retention::Volatile),
        Ok(pb::Retention::Expiring) => Ok(Retention::Expiring),
        _ => Err(DomainError::InvalidArgument(
            "retention: choose RETENTION_ETERNAL, RETENTION_PERSISTENT, RETENTION_VOLATILE or RETENTION_EXPIRING"
                .into(),
        )),
    }
}

fn retention_pb(retention: Retention) -> pb::Retention {
    match retention {
        Retention::Eternal => pb::Retention::Eternal,
        Retention::Persistent => pb::Retention::Persistent,
        Retention::Volatile => pb::Retention::Volatile,
        Retention::Expiring => pb::Retention::Expiring,
    }
}

impl TryFrom<pb::CreateAssetRequest> for NewAsset {
    type Error = DomainError;

    fn try_from(request: pb::CreateAssetRequest) -> DomainResult<NewAsset> {
        let retention = retention(request.retention)?;
        let expires_at_ms = request
            .expires_at
            .map(|at| {
                at.seconds
                    .checked_mul(1000)
                    .and_then(|ms| ms.checked_add(i64::from(at.nanos) / 1_000_000))
                    .filter(|_| (0..1_000_000_000).contains(&at.nanos))
                    .ok_or_else(|| DomainError::InvalidArgument("expires_at: not a valid time".into()))
            })
            .transpose()?;
        Ok(NewAsset { size: request.size, sha256: request.sha256, retention, expires_at_ms, public: request.public })
    }
}

impl From<Asset> for pb::Asset {
    fn from(asset: Asset) -> pb::Asset {
        pb::Asset {
            id: qualified(&asset.id),
            owner: qualified(&asset.owner),
            size: asset.size,
            sha256: asset.sha256,
            retention: retention_pb(asset.retention) as i32,
            public: asset.public,
            created_at: Some(timestamp(asset.created_at_ms)),
            expires_at: asset.expires_at_ms.map(timestamp),
            uploaded: asset.uploaded,
            finished: asset.finished,
            token: asset.token.unwrap_or_default(),
        }
    }
}

/// An asset another backend describes; its token, if any were sent, is
/// not believed.
pub fn remote_asset(domain: &BackendDomain, asset: pb::Asset) -> DomainResult<Asset> {
    remote(
        domain,
        (|| {
            let retention = retention(asset.retention).map_err(|err| err.to_string())?;
            Ok(Asset {
                id: stored_id("asset.id", asset.id)?,
                owner: stored_id("asset.owner", asset.owner)?,
                size: asset.size,
                sha256: asset.sha256,
                retention,
                public: asset.public,
                created_at_ms: unix_ms(asset.created_at),
                expires_at_ms: asset.expires_at.map(|at| unix_ms(Some(at))),
                uploaded: asset.uploaded,
                finished: asset.finished,
                token: None,
            })
        })(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{ConversationId, DeviceId};
    use uuid::Uuid;

    fn domain() -> BackendDomain {
        BackendDomain::parse("a.example").unwrap()
    }

    fn user_id() -> QualifiedUserId {
        Qualified::new(UserId(Uuid::new_v4()), &domain())
    }

    /// Every payload survives the store's encoding unchanged.
    #[test]
    fn every_event_payload_round_trips_through_the_codec() {
        let d = domain();
        let conversation = Qualified::new(ConversationId(Uuid::new_v4()), &d);
        let device = DeviceId::of_identity_key(&[1; 32]);
        let user = User { id: user_id(), handle: "alice".into(), display_name: "Alice".into() };
        let member = Member { user: user_id(), role: MemberRole::Member };
        let payloads = vec![
            EventPayload::MessageAdded {
                conversation: conversation.clone(),
                sender: user_id(),
                sender_device: device.clone(),
                message_id: "m1".into(),
                ciphertext: vec![1, 2, 3],
            },
            EventPayload::ConversationCreated(Conversation {
                id: conversation.clone(),
                kind: ConversationKind::Group,
                name: "g".into(),
                members: vec![member.clone(), Member { user: user_id(), role: MemberRole::Admin }],
                creator: user_id(),
                created_ms: 1_700_000_000_123,
                protocol: Protocol::Mls,
            }),
            EventPayload::ConversationRenamed { conversation: conversation.clone(), by: user_id(), name: "n".into() },
            EventPayload::MembersJoined { conversation: conversation.clone(), by: user_id(), members: vec![member] },
            EventPayload::MemberLeft { conversation: conversation.clone(), by: user_id(), user: user_id() },
            EventPayload::MemberRoleUpdated {
                conversation: conversation.clone(),
                by: user_id(),
                user: user_id(),
                role: MemberRole::Admin,
            },
            EventPayload::ConnectionUpdated(Connection {
                user: user_id(),
                other: user_id(),
                status: ConnectionStatus::Accepted,
                updated_ms: 42,
                conversation: Some(conversation.clone()),
            }),
            EventPayload::Typing {
                conversation: conversation.clone(),
                user: user_id(),
                device: device.clone(),
                status: TypingStatus::Started,
            },
            EventPayload::DeviceAdded(Device {
                user: user_id(),
                id: device.clone(),
                identity_key: vec![9; 32],
                label: String::new(),
                class: DeviceClass::Phone,
                created_ms: 7,
            }),
            EventPayload::DeviceRemoved { user: user_id(), device: device.clone() },
            EventPayload::PrekeysLow { remaining: 3 },
            EventPayload::ProfileUpdated(user),
            EventPayload::MlsMessageAdded {
                conversation: conversation.clone(),
                sender: user_id(),
                sender_device: device.clone(),
                message: vec![0, 1, 4],
            },
            EventPayload::MlsWelcome { conversation, by: user_id(), welcome: vec![9] },
        ];
        for payload in payloads {
            let event = Event { cursor: 0, time_ms: 1_700_000_000_001, transient: false, payload };
            let decoded = ProtoEventCodec.decode(&ProtoEventCodec.encode(&event)).unwrap();
            assert_eq!(decoded, event);
        }
    }

    #[test]
    fn garbage_is_not_an_event() {
        assert!(ProtoEventCodec.decode(b"\xff\xff\xff").is_err());
    }
}
