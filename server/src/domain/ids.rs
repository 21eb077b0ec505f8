//! Validated values. Once one of these exists it is valid, so the rest of the
//! domain never re-checks syntax.

use crate::error::{DomainError, DomainResult};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// A user id together with the backend that owns it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QualifiedUserId {
    pub id: Uuid,
    pub domain: String,
}

impl QualifiedUserId {
    /// `field` names the request field in the error, e.g. `user` or `ids[3]`.
    pub fn parse(field: &str, id: &str, domain: &str) -> DomainResult<QualifiedUserId> {
        let uuid = Uuid::parse_str(id).map_err(|_| {
            DomainError::InvalidArgument(format!("{field}: malformed qualified id: id {id:?} is not a uuid"))
        })?;
        if domain.is_empty() {
            return Err(DomainError::InvalidArgument(format!("{field}: malformed qualified id: domain is empty")));
        }
        Ok(QualifiedUserId { id: uuid, domain: domain.to_owned() })
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
                "invalid handle {:?}: use {HANDLE_MIN} to {HANDLE_MAX} characters of a-z, 0-9, '.', '_' and '-'",
                truncate(text, 64)
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

pub const DEVICE_LABEL_MAX_CHARS: usize = 128;
/// Highest `DeviceClass` value the API defines.
const DEVICE_CLASS_MAX: i32 = 4;

/// A device to add, validated.
#[derive(Debug, Clone)]
pub struct NewDevice {
    pub id: String,
    pub identity_key: [u8; 32],
    pub label: String,
    pub class: i32,
}

impl NewDevice {
    pub fn parse(identity_key: &[u8], label: &str, class: i32) -> DomainResult<NewDevice> {
        let identity_key = parse_identity_key(identity_key)?;
        if label.chars().count() > DEVICE_LABEL_MAX_CHARS || label.chars().any(char::is_control) {
            return Err(DomainError::InvalidArgument(format!(
                "invalid device label: at most {DEVICE_LABEL_MAX_CHARS} characters, no control characters"
            )));
        }
        if !(0..=DEVICE_CLASS_MAX).contains(&class) {
            return Err(DomainError::InvalidArgument(format!("unknown device class {class}")));
        }
        Ok(NewDevice { id: device_id_of(&identity_key), identity_key, label: label.trim().to_owned(), class })
    }
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

/// Lowercase hex of the first 8 bytes of SHA-256 of the identity key: stable,
/// and not something a client can choose to collide with another device.
pub fn device_id_of(identity_key: &[u8; 32]) -> String {
    hex::encode(&Sha256::digest(identity_key)[..8])
}

pub fn parse_device_id(field: &str, text: &str) -> DomainResult<String> {
    if text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        Ok(text.to_owned())
    } else {
        Err(DomainError::InvalidArgument(format!(
            "{field}: malformed device id {:?}: expected 16 lowercase hex characters",
            truncate(text, 64)
        )))
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
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
        let id = device_id_of(&key);
        assert_eq!(id.len(), 16);
        assert_eq!(id, device_id_of(&key));
        assert!(parse_device_id("device_id", &id).is_ok());
        assert!(parse_device_id("device_id", "XYZ").is_err());
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(parse_display_name("  Alice ").unwrap(), "Alice");
        assert!(parse_display_name("   ").is_err());
        assert!(parse_display_name(&"é".repeat(129)).is_err());
        assert!(parse_display_name("a\u{0007}b").is_err());
    }
}
