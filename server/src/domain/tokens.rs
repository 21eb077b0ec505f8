//! Access and refresh tokens.
//!
//! Access tokens are PASETO v4.public (Ed25519) signed by `pasetors`; the
//! backend domain is the implicit assertion, so a token minted by one backend
//! never verifies on another even if keys were shared. Expiry is checked
//! against the injectable clock. Refresh tokens are 32 random bytes that the
//! server stores only as SHA-256.
//!
//! A token's signature is checked once per instance: verified tokens are kept
//! in [`VerifiedTokens`], keyed by the whole token, so a later call with the
//! same token skips the Ed25519 verify (the largest cost of an authenticated
//! call in the profile). Expiry and revocation are checked on every call,
//! cached or not, so the cache changes no answer.

use super::ids::{BackendDomain, DeviceId, DeviceRef, UserId};
use super::revocations::RevokedSessions;
use crate::clock::Clock;
use crate::error::{DomainError, DomainResult};
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use pasetors::Public;
use pasetors::keys::{AsymmetricPublicKey, AsymmetricSecretKey};
use pasetors::token::UntrustedToken;
use pasetors::version4::{PublicToken, V4};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// Who is calling: established from a verified access token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthContext {
    pub user: UserId,
    pub device: DeviceId,
    pub session_id: Uuid,
}

impl AuthContext {
    pub fn device_ref(&self) -> DeviceRef {
        DeviceRef::new(self.user, self.device.clone())
    }

    /// Whether `device` is the caller's own device.
    pub fn is_device(&self, device: &DeviceRef) -> bool {
        device.user == self.user && device.device == self.device
    }
}

#[derive(Serialize, Deserialize)]
struct AccessClaims {
    /// User id.
    sub: Uuid,
    /// Device id.
    dev: String,
    /// Session (refresh-token family) id.
    sid: Uuid,
    /// Issued and expiry times, Unix milliseconds.
    iat: i64,
    exp: i64,
}

pub struct TokenService {
    secret: AsymmetricSecretKey<V4>,
    public: AsymmetricPublicKey<V4>,
    domain: String,
    access_ttl_ms: i64,
    clock: Arc<dyn Clock>,
    /// Sessions whose tokens are refused before they expire.
    revoked: Arc<RevokedSessions>,
    verified: VerifiedTokens,
}

/// How many verified tokens an instance remembers: about one per device
/// that called within a token lifetime; some 350 bytes each.
const VERIFIED_TOKENS: usize = 32_768;

/// What a verified token said, kept so that its signature is checked once.
#[derive(Clone)]
struct Verified {
    caller: AuthContext,
    expires_at: i64,
}

/// Tokens whose signature verified, bounded. Only tokens that verified get
/// in, so a caller sending bad tokens cannot fill it; when full, expired
/// entries go first, and if none has expired, everything goes (a cache
/// miss only costs the verify it saved).
struct VerifiedTokens {
    entries: Mutex<HashMap<Box<str>, Verified>>,
    capacity: usize,
}

impl VerifiedTokens {
    fn new(capacity: usize) -> VerifiedTokens {
        VerifiedTokens { entries: Mutex::new(HashMap::new()), capacity }
    }

    fn get(&self, token: &str) -> Option<Verified> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).get(token).cloned()
    }

    fn insert(&self, token: &str, verified: Verified, now: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= self.capacity {
            entries.retain(|_, entry| entry.expires_at > now);
            if entries.len() >= self.capacity {
                entries.clear();
            }
        }
        entries.insert(token.into(), verified);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().unwrap().len()
    }

    #[cfg(test)]
    fn contains(&self, token: &str) -> bool {
        self.entries.lock().unwrap().contains_key(token)
    }
}

impl TokenService {
    pub fn new(
        seed: [u8; 32],
        domain: &BackendDomain,
        access_ttl_ms: i64,
        clock: Arc<dyn Clock>,
        revoked: Arc<RevokedSessions>,
    ) -> anyhow::Result<TokenService> {
        let public_bytes = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key().to_bytes();
        let secret = AsymmetricSecretKey::<V4>::from(&[seed.as_slice(), public_bytes.as_slice()].concat())
            .map_err(|err| anyhow::anyhow!("token signing key rejected: {err:?}"))?;
        let public = AsymmetricPublicKey::<V4>::from(&public_bytes)
            .map_err(|err| anyhow::anyhow!("token verifying key rejected: {err:?}"))?;
        Ok(TokenService {
            secret,
            public,
            domain: domain.to_string(),
            access_ttl_ms,
            clock,
            revoked,
            verified: VerifiedTokens::new(VERIFIED_TOKENS),
        })
    }

    /// The backend domain whose tokens these are.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// Issues an access token; returns it with its expiry (Unix ms).
    pub fn issue_access_token(&self, caller: &AuthContext) -> DomainResult<(String, i64)> {
        let now = self.clock.now_ms();
        let claims = AccessClaims {
            sub: caller.user.0,
            dev: caller.device.as_str().to_owned(),
            sid: caller.session_id,
            iat: now,
            exp: now.saturating_add(self.access_ttl_ms),
        };
        let payload = serde_json::to_vec(&claims).map_err(|err| DomainError::Internal(format!("claims: {err}")))?;
        let token = PublicToken::sign(&self.secret, &payload, None, Some(self.domain.as_bytes()))
            .map_err(|err| DomainError::Internal(format!("token signing: {err:?}")))?;
        Ok((token, claims.exp))
    }

    pub fn verify_access_token(&self, token: &str) -> DomainResult<AuthContext> {
        let now = self.clock.now_ms();
        let verified = match self.verified.get(token) {
            Some(verified) => verified,
            None => {
                let verified = self.verify_signature(token)?;
                if verified.expires_at > now {
                    self.verified.insert(token, verified.clone(), now);
                }
                verified
            }
        };
        if verified.expires_at <= now {
            return Err(DomainError::Unauthenticated(
                "access token expired; refresh the session with AccountService.RefreshSession".to_owned(),
            ));
        }
        if self.revoked.contains(&verified.caller.session_id) {
            return Err(DomainError::Unauthenticated(
                "session revoked (device removed, logged out, or refresh token reused); log in again".to_owned(),
            ));
        }
        Ok(verified.caller)
    }

    fn verify_signature(&self, token: &str) -> DomainResult<Verified> {
        let untrusted = UntrustedToken::<Public, V4>::try_from(token)
            .map_err(|_| DomainError::Unauthenticated("malformed access token".to_owned()))?;
        let trusted = PublicToken::verify(&self.public, &untrusted, None, Some(self.domain.as_bytes()))
            .map_err(|_| DomainError::Unauthenticated("access token signature is not valid".to_owned()))?;
        let claims: AccessClaims = serde_json::from_str(trusted.payload())
            .map_err(|_| DomainError::Unauthenticated("malformed access token claims".to_owned()))?;
        let device = DeviceId::parse("token", &claims.dev)
            .map_err(|_| DomainError::Unauthenticated("malformed access token claims".to_owned()))?;
        Ok(Verified {
            caller: AuthContext { user: UserId(claims.sub), device, session_id: claims.sid },
            expires_at: claims.exp,
        })
    }
}

/// Reads the 32-byte signing seed, or creates it (mode 0600) on first start so
/// tokens survive restarts.
pub fn load_or_create_signing_seed(path: &Path) -> anyhow::Result<[u8; 32]> {
    match std::fs::read(path) {
        Ok(bytes) => bytes
            .as_slice()
            .try_into()
            .map_err(|_| anyhow::anyhow!("token key file {} must hold exactly 32 bytes", path.display())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|err| anyhow::anyhow!("no randomness: {err}"))?;
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
            }
            let temporary = path.with_extension("tmp");
            write_private(&temporary, &seed)?;
            std::fs::rename(&temporary, path).with_context(|| format!("writing {}", path.display()))?;
            tracing::info!(path = %path.display(), "generated access-token signing key");
            Ok(seed)
        }
        Err(err) => Err(err).with_context(|| format!("reading token key file {}", path.display())),
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).with_context(|| format!("creating {}", path.display()))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

/// A new refresh token and the hash under which it is stored.
pub fn new_refresh_token() -> DomainResult<(String, String)> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|err| DomainError::Internal(format!("no randomness: {err}")))?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_refresh_token(&token);
    Ok((token, hash))
}

pub fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn random_bytes<const N: usize>() -> DomainResult<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|err| DomainError::Internal(format!("no randomness: {err}")))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use std::time::Duration;

    fn service(domain: &str, clock: Arc<ManualClock>) -> TokenService {
        service_revoking(domain, clock, Arc::new(RevokedSessions::default()))
    }

    fn service_revoking(domain: &str, clock: Arc<ManualClock>, revoked: Arc<RevokedSessions>) -> TokenService {
        TokenService::new([9u8; 32], &BackendDomain::parse(domain).unwrap(), 60_000, clock, revoked).unwrap()
    }

    fn caller() -> AuthContext {
        AuthContext {
            user: UserId(Uuid::new_v4()),
            device: DeviceId::parse("device", "0123456789abcdef").unwrap(),
            session_id: Uuid::new_v4(),
        }
    }

    #[test]
    fn a_token_verifies_until_it_expires() {
        let clock = Arc::new(ManualClock::starting_now());
        let tokens = service("a.example", clock.clone());
        let (token, _) = tokens.issue_access_token(&caller()).unwrap();
        assert!(tokens.verify_access_token(&token).is_ok());
        clock.advance(Duration::from_secs(61));
        let err = tokens.verify_access_token(&token).unwrap_err().to_string();
        assert!(err.contains("expired"), "{err}");
    }

    #[test]
    fn a_token_of_another_backend_does_not_verify() {
        let clock = Arc::new(ManualClock::starting_now());
        let (token, _) = service("a.example", clock.clone()).issue_access_token(&caller()).unwrap();
        assert!(service("b.example", clock).verify_access_token(&token).is_err());
    }

    /// The second call with a token comes from the cache, and still ends
    /// at expiry and at revocation.
    #[test]
    fn a_remembered_token_still_expires_and_is_still_revoked() {
        let clock = Arc::new(ManualClock::starting_now());
        let revoked = Arc::new(RevokedSessions::default());
        let tokens = service_revoking("a.example", clock.clone(), revoked.clone());
        let (first, _) = tokens.issue_access_token(&caller()).unwrap();
        let (second, _) = tokens.issue_access_token(&caller()).unwrap();
        for token in [&first, &second] {
            tokens.verify_access_token(token).unwrap();
            tokens.verify_access_token(token).unwrap();
        }
        assert_eq!(tokens.verified.len(), 2, "each verified once and remembered");

        let session = tokens.verify_access_token(&first).unwrap().session_id;
        revoked.insert_all([(session, clock.now_ms())]);
        let err = tokens.verify_access_token(&first).unwrap_err().to_string();
        assert!(err.contains("revoked"), "{err}");
        assert!(tokens.verify_access_token(&second).is_ok(), "another session is untouched");

        clock.advance(Duration::from_secs(61));
        let err = tokens.verify_access_token(&second).unwrap_err().to_string();
        assert!(err.contains("expired"), "{err}");
    }

    /// Only a token whose signature verified is remembered, and a changed
    /// token is a different key, verified on its own.
    #[test]
    fn a_bad_token_is_neither_accepted_nor_remembered() {
        let clock = Arc::new(ManualClock::starting_now());
        let tokens = service("a.example", clock.clone());
        let (token, _) = tokens.issue_access_token(&caller()).unwrap();
        tokens.verify_access_token(&token).unwrap();
        let mut tampered = token.clone().into_bytes();
        let last = tampered.len() - 1;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert!(tokens.verify_access_token(&tampered).is_err());
        let foreign = service("b.example", clock).issue_access_token(&caller()).unwrap().0;
        assert!(tokens.verify_access_token(&foreign).is_err());
        assert_eq!(tokens.verified.len(), 1);
    }

    #[test]
    fn the_remembered_tokens_stay_within_their_bound() {
        let clock = Arc::new(ManualClock::starting_now());
        let mut tokens = service("a.example", clock.clone());
        tokens.verified = VerifiedTokens::new(4);
        let issued: Vec<String> = (0..10).map(|_| tokens.issue_access_token(&caller()).unwrap().0).collect();
        for token in &issued {
            tokens.verify_access_token(token).unwrap();
            assert!(tokens.verified.len() <= 4);
        }
        // Once full, the expired go first; a live one is kept.
        clock.advance(Duration::from_secs(61));
        let fresh: Vec<String> = (0..4).map(|_| tokens.issue_access_token(&caller()).unwrap().0).collect();
        for token in &fresh {
            tokens.verify_access_token(token).unwrap();
        }
        assert_eq!(tokens.verified.len(), 4);
        assert!(fresh.iter().all(|token| tokens.verified.contains(token)), "the live ones were kept");
        for token in &issued {
            assert!(tokens.verify_access_token(token).is_err(), "an expired token stays refused");
        }
        assert!(issued.iter().all(|token| !tokens.verified.contains(token)), "nor is it remembered again");
    }

    #[test]
    fn refresh_tokens_are_stored_hashed() {
        let (token, hash) = new_refresh_token().unwrap();
        assert_ne!(token, hash);
        assert_eq!(hash, hash_refresh_token(&token));
    }
}
