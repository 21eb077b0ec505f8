//! Validated identities and values. Once one of these exists it is valid (the
//! parse-don't-validate rule), so the rest of the domain never re-checks syntax.

use crate::error::{DomainError, DomainResult};
use sha2::{Digest, Sha256};
use std::fmt;
use std::sync::Arc;
use uuid::Uuid;

/// Longest piece of client text an error message quotes back.
const QUOTED_MAX_CHARS: usize = 64;

/// Client text for an error message: debug-quoted (so control characters
/// and odd code points come back escaped) and cut to a sane length, so a
/// 5,000-character value does not come back verbatim.
pub fn quoted(text: &str) -> String {
    let escaped = format!("{text:?}");
    if escaped.chars().count() <= QUOTED_MAX_CHARS + 2 {
        return escaped;
    }
    let head: String = escaped.chars().take(QUOTED_MAX_CHARS + 1).collect();
    format!("{head}…\" ({} bytes)", text.len())
}

/// A backend's domain: it qualifies every id the backend owns. DNS name
/// rules: labels of 1 to 63 `a-z`, `0-9` and inner `-`, at most 253
/// characters, and a last label that is not all digits (so an IP address or
/// a number is not a domain). Stored lowercase; cheap to clone.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BackendDomain(Arc<str>);

pub const DOMAIN_MAX_CHARS: usize = 253;

impl BackendDomain {
    pub fn parse(text: &str) -> Result<BackendDomain, String> {
        let lower = text.to_ascii_lowercase();
        let label_ok = |label: &str| {
            (1..=63).contains(&label.len())
                && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        let well_formed = !lower.is_empty() && lower.len() <= DOMAIN_MAX_CHARS && lower.split('.').all(label_ok);
        let numeric_tld = lower.rsplit('.').next().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed || numeric_tld {
            return Err(format!(
                "{} is not a backend domain: expected a DNS name such as a.example (labels of a-z, 0-9 and '-', \
                 at most {DOMAIN_MAX_CHARS} characters)",
                quoted(text)
            ));
        }
        Ok(BackendDomain(Arc::from(lower)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BackendDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for BackendDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", &*self.0)
    }
}

/// Ids that are UUIDs on the wire; the kind keeps a user id from standing
/// where a conversation id belongs.
pub trait UuidId: Copy + Eq + fmt::Display {
    fn from_uuid(uuid: Uuid) -> Self;
    fn uuid(self) -> Uuid;
}

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub Uuid);

        impl UuidId for $name {
            fn from_uuid(uuid: Uuid) -> Self {
                $name(uuid)
            }
            fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uuid_id!(
    /// A user, unique on its backend.
    UserId
);
uuid_id!(
    /// A conversation, unique on the backend that owns it. A self
    /// conversation's id is its user's id.
    ConversationId
);

uuid_id!(
    /// An asset (an uploaded file), unique on the backend that stores it.
    AssetId
);

/// A bare id (no domain: the backend that receives it owns it), e.g. in a
/// federation request; `field` names the request field in the error.
pub fn parse_bare<T: UuidId>(field: &str, id: &str) -> DomainResult<T> {
    Uuid::parse_str(id)
        .map(T::from_uuid)
        .map_err(|_| DomainError::InvalidArgument(format!("{field}: {} is not a uuid", quoted(id))))
}

/// An id together with the backend that owns it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Qualified<T> {
    pub id: T,
    pub domain: BackendDomain,
}

pub type QualifiedUserId = Qualified<UserId>;
pub type QualifiedConversationId = Qualified<ConversationId>;
pub type QualifiedAssetId = Qualified<AssetId>;

impl<T> Qualified<T> {
    pub fn new(id: T, domain: &BackendDomain) -> Qualified<T> {
        Qualified { id, domain: domain.clone() }
    }
}

impl<T: UuidId> Qualified<T> {
    /// `field` names the request field in the error, e.g. `user` or `ids[3]`.
    pub fn parse(field: &str, id: &str, domain: &str) -> DomainResult<Qualified<T>> {
        let uuid = Uuid::parse_str(id).map_err(|_| {
            DomainError::InvalidArgument(format!("{field}: malformed qualified id: id {} is not a uuid", quoted(id)))
        })?;
        if domain.is_empty() {
            return Err(DomainError::InvalidArgument(format!("{field}: malformed qualified id: domain is empty")));
        }
        let domain = BackendDomain::parse(domain)
            .map_err(|reason| DomainError::InvalidArgument(format!("{field}: malformed qualified id: {reason}")))?;
        Ok(Qualified { id: T::from_uuid(uuid), domain })
    }
}

/// A device, unique within its user: lowercase hex of the first 8 bytes of
/// SHA-256 of its identity key, so it is stable and not something a client
/// can choose to collide with another device.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeviceId(String);

impl DeviceId {
    pub fn of_identity_key(identity_key: &[u8; 32]) -> DeviceId {
        DeviceId(hex::encode(&Sha256::digest(identity_key)[..8]))
    }

    pub fn parse(field: &str, text: &str) -> DomainResult<DeviceId> {
        if text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            Ok(DeviceId(text.to_owned()))
        } else {
            Err(DomainError::InvalidArgument(format!(
                "{field}: malformed device id {}: expected 16 lowercase hex characters",
                quoted(text)
            )))
        }
    }

    /// A device id read back from this backend's own storage.
    pub fn from_stored(text: String) -> DeviceId {
        debug_assert!(text.len() == 16, "stored device id {text:?}");
        DeviceId(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One device of one local user: the address of a device's event queue and
/// of its stream.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeviceRef {
    pub user: UserId,
    pub device: DeviceId,
}

impl DeviceRef {
    pub fn new(user: UserId, device: DeviceId) -> DeviceRef {
        DeviceRef { user, device }
    }

    /// Rows of this backend's storage name devices by (uuid, text).
    pub fn from_stored((user, device): (Uuid, String)) -> DeviceRef {
        DeviceRef { user: UserId(user), device: DeviceId::from_stored(device) }
    }
}

impl fmt::Display for DeviceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.user, self.device)
    }
}

const HANDLE_MIN: usize = 2;
const HANDLE_MAX: usize = 256;
/// Handles that would let someone impersonate the operator.
const RESERVED_HANDLES: &[&str] = &[
    "abuse",
    "admin",
    "administrator",
    "help",
    "info",
    "missive",
    "noreply",
    "postmaster",
    "root",
    "security",
    "support",
    "system",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handle(String);

impl Handle {
    pub fn parse(text: &str) -> DomainResult<Handle> {
        let well_formed = (HANDLE_MIN..=HANDLE_MAX).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if !well_formed {
            return Err(DomainError::InvalidArgument(format!(
                "invalid handle {}: use {HANDLE_MIN} to {HANDLE_MAX} characters of a-z, 0-9, '.', '_' and '-'",
                quoted(text)
            )));
        }
        if RESERVED_HANDLES.contains(&text) {
            return Err(DomainError::InvalidArgument(format!("invalid handle {text:?}: reserved")));
        }
        Ok(Handle(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

pub const DISPLAY_NAME_MAX_CHARS: usize = 128;

pub fn parse_display_name(text: &str) -> DomainResult<String> {
    let trimmed = text.trim();
    let chars = trimmed.chars().count();
    if chars == 0 || chars > DISPLAY_NAME_MAX_CHARS {
        return Err(DomainError::InvalidArgument(format!(
            "invalid display name: use 1 to {DISPLAY_NAME_MAX_CHARS} characters"
        )));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(DomainError::InvalidArgument(
            "invalid display name: control characters are not allowed".to_owned(),
        ));
    }
    Ok(trimmed.to_owned())
}

pub const PASSWORD_MIN_CHARS: usize = 8;
/// Hashing cost grows with input; an upper bound keeps login from being a
/// cheap way to burn server CPU.
pub const PASSWORD_MAX_BYTES: usize = 1024;

/// A password acceptable for a new account.
pub fn check_new_password(password: &str) -> DomainResult<()> {
    if password.chars().count() < PASSWORD_MIN_CHARS {
        return Err(DomainError::InvalidArgument(format!(
            "password too short: use at least {PASSWORD_MIN_CHARS} characters"
        )));
    }
    check_password_size(password)
}

pub fn check_password_size(password: &str) -> DomainResult<()> {
    if password.len() > PASSWORD_MAX_BYTES {
        return Err(DomainError::InvalidArgument(format!("password too long: at most {PASSWORD_MAX_BYTES} bytes")));
    }
    Ok(())
}

/// An Ed25519 public key that is a valid curve point.
pub fn parse_identity_key(bytes: &[u8]) -> DomainResult<[u8; 32]> {
    let key: [u8; 32] = bytes.try_into().map_err(|_| {
        DomainError::InvalidArgument(format!(
            "device identity key must be a 32-byte Ed25519 public key, got {} bytes",
            bytes.len()
        ))
    })?;
    ed25519_dalek::VerifyingKey::from_bytes(&key).map_err(|_| {
        DomainError::InvalidArgument("device identity key is not a valid Ed25519 public key".to_owned())
    })?;
    Ok(key)
}

/// A page token that is a uuid (the last item of the previous page).
pub fn parse_uuid_token(token: &str) -> DomainResult<Option<Uuid>> {
    if token.is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(token)
        .map(Some)
        .map_err(|_| DomainError::InvalidArgument(format!("malformed page_token {}", quoted(token))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_follow_the_documented_syntax() {
        for good in ["ab", "alice", "a.b-c_d", "0123", &"x".repeat(256)] {
            assert!(Handle::parse(good).is_ok(), "{good}");
        }
        for bad in ["a", "", "Alice", "al ice", "al@ice", &"x".repeat(257), "admin", "émile"] {
            assert!(Handle::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn device_ids_derive_from_the_key() {
        let key = [7u8; 32];
        let id = DeviceId::of_identity_key(&key);
        assert_eq!(id.as_str().len(), 16);
        assert_eq!(id, DeviceId::of_identity_key(&key));
        assert!(DeviceId::parse("device_id", id.as_str()).is_ok());
        assert!(DeviceId::parse("device_id", "XYZ").is_err());
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(parse_display_name("  Alice ").unwrap(), "Alice");
        assert!(parse_display_name("   ").is_err());
        assert!(parse_display_name(&"é".repeat(129)).is_err());
        assert!(parse_display_name("a\u{0007}b").is_err());
    }

    #[test]
    fn backend_domains_follow_dns_rules() {
        for good in ["localhost", "a.example", "b-c.example.org", "xn--bcher-kva.example", "A.Example"] {
            let domain = BackendDomain::parse(good).unwrap_or_else(|e| panic!("{good}: {e}"));
            assert_eq!(domain.as_str(), good.to_ascii_lowercase());
        }
        let long_label = "a".repeat(64);
        let too_long = ["a"; 128].join(".");
        for bad in [
            "",
            "../../etc/passwd",
            "💥💥💥",
            "0.53",
            "127.0.0.1",
            "a..example",
            ".example",
            "example.",
            "-a.example",
            "a-.example",
            "a_b.example",
            "a example",
            long_label.as_str(),
            too_long.as_str(),
        ] {
            assert!(BackendDomain::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(BackendDomain::parse(&["a"; 126].join(".")).is_ok(), "251 characters is fine");
    }

    #[test]
    fn quoted_client_text_is_cut() {
        assert_eq!(quoted("abc"), "\"abc\"");
        let long = "x".repeat(5000);
        let cut = quoted(&long);
        assert!(cut.len() < 100, "{cut}");
        assert!(cut.ends_with("(5000 bytes)"), "{cut}");
        assert!(quoted("a\u{0}b").contains("\\0"), "control characters come back escaped");
    }

    #[test]
    fn qualified_ids_check_uuid_and_domain() {
        let id = Uuid::new_v4().to_string();
        let user: QualifiedUserId = Qualified::parse("user", &id, "a.example").unwrap();
        assert_eq!(user.domain.as_str(), "a.example");
        let err = Qualified::<UserId>::parse("user", &id, "../../etc/passwd").unwrap_err().to_string();
        assert!(err.contains("user: malformed qualified id") && err.contains("not a backend domain"), "{err}");
        let err = Qualified::<UserId>::parse("user", "nope", "a.example").unwrap_err().to_string();
        assert!(err.contains("not a uuid"), "{err}");
        let err = Qualified::<UserId>::parse("user", &id, "").unwrap_err().to_string();
        assert!(err.contains("domain is empty"), "{err}");
    }
}

/// Properties of every parser of client text: none panics on any input,
/// what one accepts satisfies the documented rule, and what it refuses comes
/// back in a bounded message.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Longest error message any parser may produce for any input.
    const MESSAGE_MAX: usize = 400;

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            ".*",
            "[a-z0-9.-]{0,300}",
            "[A-Za-z0-9._-]{0,300}",
            "[a-f0-9]{0,20}",
            proptest::collection::vec(any::<char>(), 0..600).prop_map(|c| c.into_iter().collect()),
        ]
    }

    fn a_domain() -> impl Strategy<Value = String> {
        let label = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
        (proptest::collection::vec(label, 0..4), "[a-z]([a-z0-9-]{0,10}[a-z0-9])?").prop_map(|(mut labels, tld)| {
            labels.push(tld);
            labels.join(".")
        })
    }

    proptest! {
        #[test]
        fn backend_domains_accept_exactly_dns_names(text in any_text()) {
            match BackendDomain::parse(&text) {
                Ok(domain) => {
                    let name = domain.as_str();
                    prop_assert!(name.len() <= DOMAIN_MAX_CHARS);
                    prop_assert_eq!(name, text.to_ascii_lowercase());
                    for label in name.split('.') {
                        prop_assert!((1..=63).contains(&label.len()));
                        prop_assert!(!label.starts_with('-') && !label.ends_with('-'));
                        prop_assert!(label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
                    }
                    prop_assert!(!name.rsplit('.').next().unwrap().bytes().all(|b| b.is_ascii_digit()));
                    prop_assert_eq!(BackendDomain::parse(name).unwrap(), domain.clone());
                }
                Err(message) => prop_assert!(message.len() <= MESSAGE_MAX, "{} bytes", message.len()),
            }
        }

        #[test]
        fn well_formed_domains_are_accepted(name in a_domain()) {
            prop_assume!(name.len() <= DOMAIN_MAX_CHARS);
            let parsed = BackendDomain::parse(&name).unwrap();
            prop_assert_eq!(parsed.as_str(), name.as_str());
        }

        #[test]
        fn qualified_ids_never_panic_and_say_which_field(id in any_text(), domain in any_text()) {
            match Qualified::<UserId>::parse("ids[7]", &id, &domain) {
                Ok(parsed) => prop_assert_eq!(parsed.id.0, Uuid::parse_str(&id).unwrap()),
                Err(err) => {
                    let message = err.to_string();
                    prop_assert!(message.starts_with("ids[7]: "), "{}", message);
                    prop_assert!(message.len() <= MESSAGE_MAX, "{} bytes", message.len());
                }
            }
        }

        #[test]
        fn device_ids_are_sixteen_lowercase_hex(text in any_text()) {
            let valid = text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            match DeviceId::parse("device_id", &text) {
                Ok(id) => { prop_assert!(valid); prop_assert_eq!(id.as_str(), text.as_str()); }
                Err(err) => { prop_assert!(!valid); prop_assert!(err.to_string().len() <= MESSAGE_MAX); }
            }
        }

        #[test]
        fn handles_follow_their_syntax(text in any_text()) {
            let syntax = (2..=256).contains(&text.len())
                && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
            match Handle::parse(&text) {
                Ok(handle) => { prop_assert!(syntax); prop_assert_eq!(handle.as_str(), text.as_str()); }
                Err(err) => prop_assert!(err.to_string().len() <= MESSAGE_MAX),
            }
        }

        #[test]
        fn display_names_are_trimmed_bounded_and_printable(text in any_text()) {
            if let Ok(name) = parse_display_name(&text) {
                prop_assert_eq!(name.as_str(), text.trim());
                prop_assert!((1..=DISPLAY_NAME_MAX_CHARS).contains(&name.chars().count()));
                prop_assert!(!name.chars().any(char::is_control));
            }
        }

        #[test]
        fn passwords_page_tokens_and_keys_never_panic(text in any_text(), bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
            let _ = check_new_password(&text);
            if let Err(err) = parse_uuid_token(&text) {
                prop_assert!(err.to_string().len() <= MESSAGE_MAX);
            }
            if let Ok(key) = parse_identity_key(&bytes) {
                prop_assert_eq!(key.as_slice(), bytes.as_slice());
            }
        }

        #[test]
        fn quoted_text_is_bounded(text in any_text()) {
            prop_assert!(quoted(&text).len() <= QUOTED_MAX_CHARS * 4 + 32);
        }
    }
}
