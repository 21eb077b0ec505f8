//! Calls: where the STUN and TURN relays are, and TURN credentials that
//! expire. The credentials follow the TURN REST scheme that coturn checks
//! in its `use-auth-secret` mode: the username is `<expiry>:<user id>`, the
//! password the base64 HMAC-SHA1 of the username under a secret the TURN
//! server shares. So the TURN server needs no database and no call to us;
//! a credential is good until its expiry, for the user it names.
//!
//! Signalling is not here: offers, answers and candidates are end-to-end
//! encrypted transient messages (docs/calls.md).

use super::tokens::AuthContext;
use crate::clock::Clock;
use base64::Engine;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallSettings {
    pub stun_uris: Vec<String>,
    pub turn_uris: Vec<String>,
    /// The first signs; all are shared with the TURN servers, so a secret
    /// can be replaced without refusing credentials already handed out.
    pub secrets: Vec<String>,
    pub ttl: Duration,
}

/// WebRTC's RTCIceServer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IceServer {
    pub urls: Vec<String>,
    pub username: String,
    pub credential: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallConfig {
    pub ice_servers: Vec<IceServer>,
    pub expires_ms: i64,
    pub ttl_secs: u32,
    /// Why there are no ICE servers, when there are none.
    pub unavailable_reason: Option<String>,
}

pub struct Calls {
    settings: CallSettings,
    clock: Arc<dyn Clock>,
}

impl Calls {
    pub fn new(settings: CallSettings, clock: Arc<dyn Clock>) -> Calls {
        Calls { settings, clock }
    }

    pub fn config(&self, caller: &AuthContext) -> CallConfig {
        let ttl_secs = u32::try_from(self.settings.ttl.as_secs()).unwrap_or(u32::MAX);
        let now_ms = self.clock.now_ms();
        let expires_ms = now_ms + i64::from(ttl_secs) * 1000;
        let mut ice_servers = Vec::new();
        if !self.settings.stun_uris.is_empty() {
            ice_servers.push(IceServer {
                urls: self.settings.stun_uris.clone(),
                username: String::new(),
                credential: String::new(),
            });
        }
        if let (false, Some(secret)) = (self.settings.turn_uris.is_empty(), self.settings.secrets.first()) {
            let username = format!("{}:{}", expires_ms / 1000, caller.user);
            let credential = turn_password(secret.as_bytes(), &username);
            ice_servers.push(IceServer { urls: self.settings.turn_uris.clone(), username, credential });
        }
        let unavailable_reason = ice_servers
            .is_empty()
            .then(|| "no STUN or TURN servers are configured on this backend: calls can only connect directly".into());
        CallConfig { ice_servers, expires_ms, ttl_secs, unavailable_reason }
    }
}

/// base64(HMAC-SHA1(secret, username)): what coturn computes from its
/// `static-auth-secret` to check a TURN REST credential. SHA-1 is the
/// scheme's, not a choice.
pub fn turn_password(secret: &[u8], username: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, secret);
    base64::engine::general_purpose::STANDARD.encode(ring::hmac::sign(&key, username.as_bytes()).as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::domain::ids::{DeviceId, UserId};

    /// The same as `printf %s "$user" | openssl dgst -sha1 -hmac "$secret" -binary | base64`.
    #[test]
    fn the_password_is_the_base64_hmac_sha1_of_the_username() {
        assert_eq!(turn_password(b"s3cret", "1795463236:alice"), "dawMiTFPHPR4sRfdFLdY/hTBJAM=");
    }

    fn caller() -> AuthContext {
        let user = UserId(uuid::Uuid::new_v4());
        AuthContext { user, device: DeviceId::of_identity_key(&[7; 32]), session_id: uuid::Uuid::new_v4() }
    }

    #[test]
    fn turn_credentials_name_the_user_and_expire_after_the_ttl_signed_with_the_first_secret() {
        let clock = Arc::new(ManualClock::starting_now());
        let settings = CallSettings {
            stun_uris: vec!["stun:turn.example:3478".into()],
            turn_uris: vec!["turn:turn.example:3478?transport=udp".into()],
            secrets: vec!["the-current-secret-1".into(), "the-previous-secret".into()],
            ttl: Duration::from_secs(600),
        };
        let calls = Calls::new(settings, clock.clone());
        let caller = caller();
        let config = calls.config(&caller);
        assert_eq!(config.ice_servers.len(), 2);
        assert_eq!(config.ice_servers[0].username, "", "STUN needs no credential");
        let turn = &config.ice_servers[1];
        let expiry = (clock.now_ms() + 600_000) / 1000;
        assert_eq!(turn.username, format!("{expiry}:{}", caller.user));
        assert_eq!(turn.credential, turn_password(b"the-current-secret-1", &turn.username));
        assert_eq!((config.ttl_secs, config.expires_ms / 1000), (600, expiry));
        assert_eq!(config.unavailable_reason, None);
    }

    #[test]
    fn nothing_configured_is_an_empty_list_with_a_reason() {
        let calls = Calls::new(CallSettings::default(), Arc::new(ManualClock::starting_now()));
        let config = calls.config(&caller());
        assert!(config.ice_servers.is_empty());
        assert!(config.unavailable_reason.is_some_and(|reason| reason.contains("no STUN or TURN")));
    }
}
