//! The domain's own values: users, devices, connections, conversations,
//! events and client mismatches, as every API (client, federation) sees them
//! before its own encoding.
//!
//! The enums carry their storage encoding (`stored` / `from_stored`): the
//! numbers in the database columns are the domain's, fixed for good, and do
//! not follow any API's numbering.

use super::ids::{BackendDomain, DeviceId, Qualified, QualifiedConversationId, QualifiedUserId, UserId};
use missive_db::entity::{connection, device, user};

macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            /// The value in the database column.
            pub fn stored(self) -> i32 {
                match self { $($name::$variant => $value),* }
            }

            pub fn from_stored(value: i32) -> Option<$name> {
                match value { $($value => Some($name::$variant),)* _ => None }
            }
        }
    };
}

stored_enum!(
    /// What a device is, as its owner declared it.
    DeviceClass { Unspecified = 0, Phone = 1, Tablet = 2, Desktop = 3, Web = 4 }
);
stored_enum!(
    /// One user's side of a connection.
    ConnectionStatus { Sent = 1, Pending = 2, Accepted = 3, Blocked = 4, Ignored = 5, Cancelled = 6 }
);
stored_enum!(ConversationKind { SelfConversation = 1, OneToOne = 2, Group = 3 });
stored_enum!(MemberRole { Admin = 1, Member = 2 });
stored_enum!(
    /// How a conversation's clients encrypt: a ciphertext per device
    /// (Proteus / Signal style, with prekeys and client mismatch), or one
    /// MLS (RFC 9420) group with this server as its delivery service.
    Protocol { PerDevice = 0, Mls = 1 }
);
stored_enum!(
    /// How long an asset is kept (Wire's classes): eternal and persistent
    /// until deleted, volatile 28 days, expiring until a time its owner gave.
    Retention { Eternal = 1, Persistent = 2, Volatile = 3, Expiring = 4 }
);

impl ConnectionStatus {
    /// Lowercase name for messages.
    pub fn name(self) -> &'static str {
        match self {
            ConnectionStatus::Sent => "sent",
            ConnectionStatus::Pending => "pending",
            ConnectionStatus::Accepted => "accepted",
            ConnectionStatus::Blocked => "blocked",
            ConnectionStatus::Ignored => "ignored",
            ConnectionStatus::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypingStatus {
    Started,
    Stopped,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: QualifiedUserId,
    pub handle: String,
    pub display_name: String,
}

impl User {
    pub(crate) fn from_row(row: user::Model, domain: &BackendDomain) -> User {
        User { id: Qualified::new(UserId(row.id), domain), handle: row.handle, display_name: row.display_name }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub user: QualifiedUserId,
    pub id: DeviceId,
    pub identity_key: Vec<u8>,
    /// Private to the owner: cleared before others see the device.
    pub label: String,
    pub class: DeviceClass,
    pub created_ms: i64,
}

impl Device {
    pub(crate) fn from_row(row: device::Model, domain: &BackendDomain) -> Device {
        Device {
            user: Qualified::new(UserId(row.user_id), domain),
            id: DeviceId::from_stored(row.id),
            identity_key: row.identity_key,
            label: row.label,
            class: DeviceClass::from_stored(row.class).unwrap_or(DeviceClass::Unspecified),
            created_ms: row.created_at,
        }
    }
}

/// One user's view of a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub user: QualifiedUserId,
    pub other: QualifiedUserId,
    pub status: ConnectionStatus,
    pub updated_ms: i64,
    /// The 1:1 conversation, once both accepted.
    pub conversation: Option<QualifiedConversationId>,
}

impl Connection {
    pub(crate) fn from_row(row: &connection::Model, status: ConnectionStatus, domain: &BackendDomain) -> Connection {
        // An empty other_domain is this backend (every row before federation).
        let other_domain = match row.other_domain.as_str() {
            "" => domain.clone(),
            remote => BackendDomain::parse(remote).unwrap_or_else(|_| domain.clone()),
        };
        Connection {
            user: Qualified::new(UserId(row.user_id), domain),
            other: Qualified::new(UserId(row.other_id), &other_domain),
            status,
            updated_ms: row.updated_at,
            // Across backends the 1:1 conversation is owned by the backend
            // whose domain sorts first (see conversations::owns_one_to_one_with).
            conversation: row.conversation_id.map(|id| {
                let owner = if domain.as_str() <= other_domain.as_str() { domain } else { &other_domain };
                Qualified::new(super::ids::ConversationId(id), owner)
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user: QualifiedUserId,
    pub role: MemberRole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    pub id: QualifiedConversationId,
    pub kind: ConversationKind,
    pub name: String,
    pub members: Vec<Member>,
    pub creator: QualifiedUserId,
    pub created_ms: i64,
    pub protocol: Protocol,
}

/// The devices of one user, as a mismatch reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceList {
    pub user: QualifiedUserId,
    pub devices: Vec<DeviceId>,
}

/// How the recipients of a message differ from the conversation's devices
/// (wire-server's client mismatch).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mismatch {
    /// Devices of members the sender did not encrypt for.
    pub missing: Vec<DeviceList>,
    /// Devices given that are not (or no longer) members' devices.
    pub redundant: Vec<DeviceList>,
    /// Devices given that are gone from a member's account.
    pub deleted: Vec<DeviceList>,
    pub time_ms: i64,
}

/// What happened, for one device's event queue.
#[derive(Debug, Clone, PartialEq)]
pub enum EventPayload {
    MessageAdded {
        conversation: QualifiedConversationId,
        sender: QualifiedUserId,
        sender_device: DeviceId,
        message_id: String,
        ciphertext: Vec<u8>,
    },
    ConversationCreated(Conversation),
    ConversationRenamed {
        conversation: QualifiedConversationId,
        by: QualifiedUserId,
        name: String,
    },
    MembersJoined {
        conversation: QualifiedConversationId,
        by: QualifiedUserId,
        members: Vec<Member>,
    },
    MemberLeft {
        conversation: QualifiedConversationId,
        by: QualifiedUserId,
        user: QualifiedUserId,
    },
    MemberRoleUpdated {
        conversation: QualifiedConversationId,
        by: QualifiedUserId,
        user: QualifiedUserId,
        role: MemberRole,
    },
    ConnectionUpdated(Connection),
    Typing {
        conversation: QualifiedConversationId,
        user: QualifiedUserId,
        device: DeviceId,
        status: TypingStatus,
    },
    DeviceAdded(Device),
    DeviceRemoved {
        user: QualifiedUserId,
        device: DeviceId,
    },
    PrekeysLow {
        remaining: u32,
    },
    ProfileUpdated(User),
    /// An MLS message of the conversation's group (application message,
    /// proposal or commit), the same bytes for every member device.
    MlsMessageAdded {
        conversation: QualifiedConversationId,
        sender: QualifiedUserId,
        sender_device: DeviceId,
        message: Vec<u8>,
    },
    /// An MLS Welcome for a device that a commit added to the group.
    MlsWelcome {
        conversation: QualifiedConversationId,
        by: QualifiedUserId,
        welcome: Vec<u8>,
    },
}

/// An event as a device receives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Position in the device's queue; 0 for transient events, which are
    /// never stored.
    pub cursor: u64,
    pub time_ms: i64,
    pub transient: bool,
    pub payload: EventPayload,
}

/// How events become bytes for the store and for other instances. The
/// domain does not choose an encoding: the client API supplies its own (the
/// bytes a device finally receives), so stored events need no re-encoding
/// schema of their own and no second description of every payload.
pub trait EventCodec: Send + Sync + 'static {
    fn encode(&self, event: &Event) -> Vec<u8>;
    /// Fails only on bytes this codec did not produce (corruption).
    fn decode(&self, bytes: &[u8]) -> Result<Event, String>;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored numbers are a storage format: changing one silently
    /// reinterprets every existing row.
    #[test]
    fn stored_values_never_change() {
        assert_eq!(
            [ConversationKind::SelfConversation, ConversationKind::OneToOne, ConversationKind::Group]
                .map(|k| k.stored()),
            [1, 2, 3]
        );
        assert_eq!([MemberRole::Admin, MemberRole::Member].map(|r| r.stored()), [1, 2]);
        assert_eq!(ConnectionStatus::Cancelled.stored(), 6);
        assert_eq!(ConnectionStatus::from_stored(3), Some(ConnectionStatus::Accepted));
        assert_eq!(ConnectionStatus::from_stored(0), None);
        assert_eq!(DeviceClass::Web.stored(), 4);
        assert_eq!([Protocol::PerDevice, Protocol::Mls].map(|p| p.stored()), [0, 1]);
    }
}
