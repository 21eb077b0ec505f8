//! Registration, password login, device challenge-response login, session
//! refresh with rotation and reuse detection, logout.

use super::Deps;
use super::conversations::create_self;
use super::events::{Events, Outgoing, devices_of};
use super::ids::{
    BackendDomain, DeviceId, Handle, QualifiedUserId, UserId, check_new_password, check_password_size,
    parse_display_name, parse_identity_key, quoted,
};
use super::model::{Device, DeviceClass, EventPayload, User};
use super::passwords;
use super::revocations::Revocations;
use super::tokens::{self, AuthContext, TokenService};
use super::unit_of_work::UnitOfWork;
use crate::clock::duration_ms;
use crate::error::{DomainError, DomainResult};
use missive_db::entity::{device, device_challenge, refresh_token, session, user};
use missive_db::repo::{self, devices::AddDevice, sessions::Rotation};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// Prefix of the message a device signs; changing it invalidates every client.
pub const DEVICE_AUTH_CONTEXT: &[u8] = b"missive-device-auth-v1";

pub struct AccountSettings {
    pub max_devices_per_user: u32,
    pub refresh_token_ttl: Duration,
    pub device_challenge_ttl: Duration,
}

pub struct Accounts {
    deps: Deps,
    tokens: Arc<TokenService>,
    events: Arc<Events>,
    revocations: Arc<Revocations>,
    settings: AccountSettings,
}

/// Credentials handed to a device.
pub struct IssuedSession {
    pub access_token: String,
    pub access_token_expires_ms: i64,
    pub refresh_token: String,
    pub refresh_token_expires_ms: i64,
}

/// The outcome of creating an account or adding a device by password.
pub struct SignedIn {
    pub user: User,
    pub device: Device,
    pub session: IssuedSession,
}

pub struct Challenge {
    pub id: Uuid,
    pub challenge: Vec<u8>,
    pub expires_ms: i64,
}

pub const DEVICE_LABEL_MAX_CHARS: usize = 128;

/// A device to add, validated; its id derives from its identity key.
#[derive(Debug, Clone)]
pub struct NewDevice {
    pub id: DeviceId,
    pub identity_key: [u8; 32],
    pub label: String,
    pub class: DeviceClass,
}

impl NewDevice {
    pub fn parse(identity_key: &[u8], label: &str, class: DeviceClass) -> DomainResult<NewDevice> {
        let identity_key = parse_identity_key(identity_key)?;
        if label.chars().count() > DEVICE_LABEL_MAX_CHARS || label.chars().any(char::is_control) {
            return Err(DomainError::InvalidArgument(format!(
                "invalid device label: at most {DEVICE_LABEL_MAX_CHARS} characters, no control characters"
            )));
        }
        Ok(NewDevice {
            id: DeviceId::of_identity_key(&identity_key),
            identity_key,
            label: label.trim().to_owned(),
            class,
        })
    }
}

pub struct RegisterInput {
    pub handle: String,
    pub password: String,
    pub display_name: String,
    pub device: NewDevice,
}

impl Accounts {
    pub fn new(
        deps: Deps,
        tokens: Arc<TokenService>,
        events: Arc<Events>,
        revocations: Arc<Revocations>,
        settings: AccountSettings,
    ) -> Accounts {
        Accounts { deps, tokens, events, revocations, settings }
    }

    pub fn domain(&self) -> &BackendDomain {
        &self.deps.domain
    }

    pub async fn register(&self, input: RegisterInput, peer: Option<IpAddr>) -> DomainResult<SignedIn> {
        self.deps.limits.check_address(peer).await?;
        let handle = Handle::parse(&input.handle)?;
        let display_name = parse_display_name(&input.display_name)?;
        check_new_password(&input.password)?;
        // Checked before hashing so a taken handle costs no argon2; the
        // insert below still decides a race (unique index).
        if repo::users::find_by_handle(&self.deps.db, handle.as_str()).await?.is_some() {
            return Err(handle_taken(&handle));
        }
        let now = self.deps.now_ms();
        let new_user = user::Model {
            id: Uuid::new_v4(),
            handle: handle.as_str().to_owned(),
            display_name,
            password_hash: passwords::hash(input.password).await?,
            created_at: now,
        };
        let first_device = device_model(new_user.id, input.device, now);
        let work = UnitOfWork::begin(&self.events).await?;
        match repo::users::create_with_first_device(work.db(), new_user.clone(), first_device.clone()).await {
            Ok(()) => {}
            // Two registrations raced for the handle; the database decided.
            Err(err) if err.is_conflict() => return Err(handle_taken(&handle)),
            Err(err) => return Err(err.into()),
        }
        create_self(work.db(), UserId(new_user.id), now).await?;
        work.commit().await?;
        tracing::info!(user = %new_user.id, device = %first_device.id, "registered");
        let user = User::from_row(new_user, &self.deps.domain);
        let device = Device::from_row(first_device, &self.deps.domain);
        let session = self.start_session(user.id.id, &device.id).await?;
        Ok(SignedIn { user, device, session })
    }

    pub async fn login(
        &self,
        handle: &str,
        password: String,
        new_device: NewDevice,
        peer: Option<IpAddr>,
    ) -> DomainResult<SignedIn> {
        self.deps.limits.check_address(peer).await?;
        let handle = Handle::parse(handle)?;
        self.deps.limits.check_handle(handle.as_str()).await?;
        check_password_size(&password)?;
        let account = repo::users::find_by_handle(&self.deps.db, handle.as_str()).await?;
        let stored_hash = account.as_ref().map(|a| a.password_hash.clone());
        let (Some(account), true) = (account, passwords::verify(password, stored_hash).await?) else {
            return Err(DomainError::Unauthenticated("wrong handle or password".to_owned()));
        };
        let new_device = device_model(account.id, new_device, self.deps.now_ms());
        let limit = self.settings.max_devices_per_user;
        let mut work = UnitOfWork::begin(&self.events).await?;
        match repo::devices::add_within_limit(work.db(), new_device.clone(), u64::from(limit)).await? {
            AddDevice::Added => {}
            AddDevice::LimitReached => {
                return Err(DomainError::LimitReached(format!(
                    "too many devices: an account has at most {limit}; remove one with DeviceService.RemoveDevice"
                )));
            }
            AddDevice::AlreadyExists => {
                return Err(DomainError::AlreadyExists(format!(
                    "device {} is already registered; log it in with BeginDeviceAuth",
                    new_device.id
                )));
            }
            AddDevice::UnknownUser => return Err(DomainError::Unauthenticated("wrong handle or password".to_owned())),
        }
        let device = Device::from_row(new_device, &self.deps.domain);
        // The account's other devices learn of the new one (to encrypt for it).
        let payload = EventPayload::DeviceAdded(device.clone());
        let others: Vec<Outgoing> = devices_of(work.db(), &[UserId(account.id)])
            .await?
            .into_iter()
            .filter(|to| to.device != device.id)
            .map(|to| Outgoing { to, payload: payload.clone() })
            .collect();
        work.emit(others).await?;
        work.commit().await?;
        tracing::info!(user = %account.id, device = %device.id, "device added by password login");
        let user = User::from_row(account, &self.deps.domain);
        let session = self.start_session(user.id.id, &device.id).await?;
        Ok(SignedIn { user, device, session })
    }

    pub async fn begin_device_auth(
        &self,
        user: QualifiedUserId,
        device_id: DeviceId,
        peer: Option<IpAddr>,
    ) -> DomainResult<Challenge> {
        self.deps.limits.check_address(peer).await?;
        if !self.deps.is_local(&user.domain) {
            return Err(DomainError::InvalidArgument(format!(
                "user belongs to backend {:?}; a device logs in on its own backend",
                user.domain
            )));
        }
        if repo::devices::find(&self.deps.db, user.id.0, device_id.as_str()).await?.is_none() {
            return Err(unknown_device(device_id.as_str()));
        }
        let now = self.deps.now_ms();
        repo::challenges::purge_expired(&self.deps.db, now).await?;
        let challenge = device_challenge::Model {
            id: Uuid::new_v4(),
            user_id: user.id.0,
            device_id: device_id.into_string(),
            challenge: tokens::random_bytes::<32>()?.to_vec(),
            expires_at: now + duration_ms(self.settings.device_challenge_ttl),
        };
        repo::challenges::insert(&self.deps.db, challenge.clone()).await?;
        Ok(Challenge { id: challenge.id, challenge: challenge.challenge, expires_ms: challenge.expires_at })
    }

    pub async fn complete_device_auth(
        &self,
        challenge_id: &str,
        signature: &[u8],
        peer: Option<IpAddr>,
    ) -> DomainResult<IssuedSession> {
        self.deps.limits.check_address(peer).await?;
        let challenge_id = Uuid::parse_str(challenge_id).map_err(|_| {
            DomainError::InvalidArgument(format!("malformed challenge id {}: expected a uuid", quoted(challenge_id)))
        })?;
        let signature = ed25519_dalek::Signature::from_slice(signature).map_err(|_| {
            DomainError::InvalidArgument(format!("signature must be 64 bytes, got {}", signature.len()))
        })?;
        // Taken before anything else is checked: a challenge is spent by any
        // attempt, right or wrong, so it cannot be used to guess.
        let Some(challenge) = repo::challenges::take(&self.deps.db, challenge_id).await? else {
            return Err(DomainError::Unauthenticated(
                "unknown or already used challenge; request a new one with BeginDeviceAuth".to_owned(),
            ));
        };
        if challenge.expires_at <= self.deps.now_ms() {
            return Err(DomainError::Unauthenticated(
                "challenge expired; request a new one with BeginDeviceAuth".to_owned(),
            ));
        }
        let Some(device) = repo::devices::find(&self.deps.db, challenge.user_id, &challenge.device_id).await? else {
            return Err(unknown_device(&challenge.device_id));
        };
        let identity_key: [u8; 32] =
            device.identity_key.as_slice().try_into().map_err(|_| {
                DomainError::Internal(format!("stored identity key of device {} is malformed", device.id))
            })?;
        let verifying_key = ed25519_dalek::VerifyingKey::from_bytes(&identity_key)
            .map_err(|_| DomainError::Internal(format!("stored identity key of device {} is invalid", device.id)))?;
        let message = device_auth_message(
            self.deps.domain.as_str(),
            challenge.user_id,
            &challenge.device_id,
            &challenge.challenge,
        );
        verifying_key.verify_strict(&message, &signature).map_err(|_| {
            DomainError::Unauthenticated("signature does not verify with the device's identity key".to_owned())
        })?;
        tracing::info!(user = %device.user_id, device = %device.id, "device authenticated by challenge");
        self.start_session(UserId(device.user_id), &DeviceId::from_stored(device.id)).await
    }

    pub async fn refresh(&self, refresh_token: &str) -> DomainResult<IssuedSession> {
        let hash = tokens::hash_refresh_token(refresh_token);
        let Some((token, family)) = repo::sessions::find_refresh_token(&self.deps.db, &hash).await? else {
            return Err(DomainError::Unauthenticated("unknown refresh token".to_owned()));
        };
        let now = self.deps.now_ms();
        if family.revoked_at.is_some() {
            return Err(DomainError::Unauthenticated("session revoked; log in again".to_owned()));
        }
        if token.spent_at.is_some() {
            return Err(self.revoke_on_reuse(&family).await);
        }
        if token.expires_at <= now {
            return Err(DomainError::Unauthenticated("refresh token expired; log in again".to_owned()));
        }
        let (successor, successor_row) = self.new_refresh_row(family.id, now)?;
        let work = UnitOfWork::begin(&self.events).await?;
        match repo::sessions::rotate_refresh_token(work.db(), &hash, successor_row.clone(), now).await? {
            Rotation::Rotated => work.commit().await?,
            Rotation::AlreadySpent => {
                work.rollback().await?;
                return Err(self.revoke_on_reuse(&family).await);
            }
        }
        let caller = AuthContext {
            user: UserId(family.user_id),
            device: DeviceId::from_stored(family.device_id),
            session_id: family.id,
        };
        let (access_token, access_token_expires_ms) = self.tokens.issue_access_token(&caller)?;
        Ok(IssuedSession {
            access_token,
            access_token_expires_ms,
            refresh_token: successor,
            refresh_token_expires_ms: successor_row.expires_at,
        })
    }

    /// Revokes the session the refresh token belongs to; it must be the caller's.
    pub async fn logout(&self, caller: &AuthContext, refresh_token: &str) -> DomainResult<()> {
        let hash = tokens::hash_refresh_token(refresh_token);
        let Some((_, family)) = repo::sessions::find_refresh_token(&self.deps.db, &hash).await? else {
            return Err(DomainError::NotFound("unknown refresh token".to_owned()));
        };
        if family.user_id != caller.user.0 || family.device_id != caller.device.as_str() {
            return Err(DomainError::PermissionDenied("the refresh token belongs to another device".to_owned()));
        }
        self.revoke(&family).await?;
        tracing::info!(user = %caller.user, device = %caller.device, "logged out");
        Ok(())
    }

    /// Ends the session: no refresh, and its access tokens refused at once.
    async fn revoke(&self, family: &session::Model) -> DomainResult<()> {
        let work = UnitOfWork::begin(&self.events).await?;
        repo::sessions::revoke(work.db(), family.id, self.deps.now_ms()).await?;
        self.revocations.record(work.db(), &[family.id]).await?;
        work.commit().await?;
        self.revocations.apply(&[family.id]);
        Ok(())
    }

    async fn revoke_on_reuse(&self, family: &session::Model) -> DomainError {
        tracing::warn!(user = %family.user_id, device = %family.device_id, "refresh token reuse: session revoked");
        if let Err(err) = self.revoke(family).await {
            return err;
        }
        DomainError::Unauthenticated("refresh token was already used; the session is revoked, log in again".to_owned())
    }

    async fn start_session(&self, user: UserId, device: &DeviceId) -> DomainResult<IssuedSession> {
        let now = self.deps.now_ms();
        let family = session::Model {
            id: Uuid::new_v4(),
            user_id: user.0,
            device_id: device.as_str().to_owned(),
            created_at: now,
            revoked_at: None,
        };
        let (refresh_token, first_row) = self.new_refresh_row(family.id, now)?;
        let refresh_token_expires_ms = first_row.expires_at;
        let work = UnitOfWork::begin(&self.events).await?;
        repo::sessions::create(work.db(), family.clone(), first_row).await?;
        work.commit().await?;
        let caller = AuthContext { user, device: device.clone(), session_id: family.id };
        let (access_token, access_token_expires_ms) = self.tokens.issue_access_token(&caller)?;
        Ok(IssuedSession { access_token, access_token_expires_ms, refresh_token, refresh_token_expires_ms })
    }

    fn new_refresh_row(&self, session_id: Uuid, now: i64) -> DomainResult<(String, refresh_token::Model)> {
        let (token, token_hash) = tokens::new_refresh_token()?;
        let row = refresh_token::Model {
            token_hash,
            session_id,
            created_at: now,
            expires_at: now + duration_ms(self.settings.refresh_token_ttl),
            spent_at: None,
        };
        Ok((token, row))
    }
}

/// The exact bytes a device signs to answer a challenge (see account.proto).
pub fn device_auth_message(domain: &str, user_id: Uuid, device_id: &str, challenge: &[u8]) -> Vec<u8> {
    let user_id = user_id.to_string();
    let mut message = Vec::with_capacity(DEVICE_AUTH_CONTEXT.len() + domain.len() + 64 + challenge.len());
    for part in [DEVICE_AUTH_CONTEXT, domain.as_bytes(), user_id.as_bytes(), device_id.as_bytes()] {
        message.extend_from_slice(part);
        message.push(0);
    }
    message.extend_from_slice(challenge);
    message
}

fn device_model(user_id: Uuid, new_device: NewDevice, now: i64) -> device::Model {
    device::Model {
        user_id,
        id: new_device.id.into_string(),
        identity_key: new_device.identity_key.to_vec(),
        label: new_device.label,
        class: new_device.class.stored(),
        created_at: now,
        last_event_seq: 0,
        acked_seq: 0,
    }
}

fn handle_taken(handle: &Handle) -> DomainError {
    DomainError::AlreadyExists(format!("handle {} is already taken", quoted(handle.as_str())))
}

fn unknown_device(device_id: &str) -> DomainError {
    DomainError::NotFound(format!("unknown device {device_id} for this user"))
}
