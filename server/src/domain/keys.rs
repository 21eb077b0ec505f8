//! Prekeys and MLS key packages.

use super::Deps;
use super::events::{Events, Outgoing};
use super::ids::QualifiedUserId;
use super::tokens::AuthContext;
use crate::error::{DomainError, DomainResult};
use missive_db::repo;
use missive_proto::v1 as pb;
use std::sync::Arc;
use uuid::Uuid;

pub const MAX_PREKEYS_PER_UPLOAD: usize = 100;
pub const MAX_PREKEYS_STORED: u64 = 1000;
pub const MAX_PREKEY_BYTES: usize = 2048;
pub const MAX_KEY_PACKAGES_PER_UPLOAD: usize = 100;
pub const MAX_KEY_PACKAGE_BYTES: usize = 16 * 1024;
/// Devices one ClaimPrekeys call may ask for.
pub const MAX_CLAIMED_DEVICES: usize = 500;
/// Below this many one-time prekeys the owner is told to upload more.
pub const PREKEYS_LOW_THRESHOLD: u64 = 10;

pub struct Keys {
    deps: Deps,
    events: Arc<Events>,
}

pub struct Claimed {
    pub user_id: Uuid,
    pub device_id: String,
    pub prekey_id: i64,
    pub key: Vec<u8>,
    pub last_resort: bool,
}

impl Keys {
    pub fn new(deps: Deps, events: Arc<Events>) -> Keys {
        Keys { deps, events }
    }

    pub async fn upload_prekeys(
        &self,
        caller: &AuthContext,
        prekeys: Vec<(u32, Vec<u8>)>,
        last_resort: Option<(u32, Vec<u8>)>,
    ) -> DomainResult<u64> {
        if prekeys.len() > MAX_PREKEYS_PER_UPLOAD {
            return Err(DomainError::InvalidArgument(format!(
                "too many prekeys: at most {MAX_PREKEYS_PER_UPLOAD} per upload, got {}",
                prekeys.len()
            )));
        }
        if prekeys.is_empty() && last_resort.is_none() {
            return Err(DomainError::InvalidArgument("nothing to upload: give prekeys or a last-resort prekey".into()));
        }
        for (id, key) in prekeys.iter().chain(last_resort.iter()) {
            check_key_size("prekey", *id, key.len(), MAX_PREKEY_BYTES)?;
        }
        let mut ids: Vec<u32> = prekeys.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(DomainError::InvalidArgument("prekey ids must be unique within an upload".into()));
        }
        let prekeys = prekeys.into_iter().map(|(id, key)| (i64::from(id), key)).collect();
        let last_resort = last_resort.map(|(id, key)| (i64::from(id), key));
        repo::keys::upload_prekeys(
            &self.deps.db,
            caller.user_id,
            &caller.device_id,
            prekeys,
            last_resort,
            MAX_PREKEYS_STORED,
        )
        .await?
        .ok_or_else(|| {
            DomainError::LimitReached(format!("too many prekeys: a device keeps at most {MAX_PREKEYS_STORED}"))
        })
    }

    pub async fn prekey_count(&self, caller: &AuthContext) -> DomainResult<(u64, bool)> {
        Ok(repo::keys::prekey_count(&self.deps.db, caller.user_id, &caller.device_id).await?)
    }

    /// One prekey for every device of the user.
    pub async fn claim_bundle(&self, user: QualifiedUserId) -> DomainResult<Vec<Claimed>> {
        self.require_local(&user)?;
        if repo::users::find_by_id(&self.deps.db, user.id).await?.is_none() {
            return Err(DomainError::NotFound(format!("unknown user {}", user.id)));
        }
        let devices = repo::devices::list_for_users(&self.deps.db, &[user.id]).await?;
        self.claim_for(devices).await
    }

    /// One prekey for each listed device. Returns the claims and the users
    /// that could not be asked (remote).
    pub async fn claim_many(
        &self,
        targets: Vec<(QualifiedUserId, Vec<String>)>,
    ) -> DomainResult<(Vec<Claimed>, Vec<QualifiedUserId>)> {
        let total: usize = targets.iter().map(|(_, devices)| devices.len()).sum();
        if total > MAX_CLAIMED_DEVICES {
            return Err(DomainError::InvalidArgument(format!(
                "too many devices: at most {MAX_CLAIMED_DEVICES} per claim, got {total}"
            )));
        }
        let mut failed = Vec::new();
        let mut devices = Vec::with_capacity(total);
        for (user, device_ids) in targets {
            if self.deps.is_local(&user.domain) {
                devices.extend(device_ids.into_iter().map(|d| (user.id, d)));
            } else {
                failed.push(user);
            }
        }
        devices.sort();
        devices.dedup();
        Ok((self.claim_for(devices).await?, failed))
    }

    async fn claim_for(&self, devices: Vec<(Uuid, String)>) -> DomainResult<Vec<Claimed>> {
        let mut claimed = Vec::with_capacity(devices.len());
        let mut low = Vec::new();
        for (user_id, device_id) in devices {
            let Some(prekey) = repo::keys::claim_prekey(&self.deps.db, user_id, &device_id).await? else {
                continue;
            };
            if !prekey.last_resort {
                let (remaining, _) = repo::keys::prekey_count(&self.deps.db, user_id, &device_id).await?;
                if remaining < PREKEYS_LOW_THRESHOLD {
                    low.push(Outgoing {
                        user_id,
                        device_id: device_id.clone(),
                        payload: pb::event::Payload::PrekeysLow(pb::PrekeysLow { remaining: remaining as u32 }),
                    });
                }
            }
            claimed.push(Claimed {
                user_id,
                device_id,
                prekey_id: prekey.prekey_id,
                key: prekey.key,
                last_resort: prekey.last_resort,
            });
        }
        // The claims stand whatever happens to this notice: it only asks for more keys.
        match self.events.store(&self.deps.db, low).await {
            Ok(deliveries) => self.events.publish(deliveries).await,
            Err(err) => tracing::warn!(error = %err, "could not queue prekeys-low events"),
        }
        Ok(claimed)
    }

    pub async fn upload_key_packages(&self, caller: &AuthContext, packages: Vec<Vec<u8>>) -> DomainResult<u64> {
        if packages.is_empty() || packages.len() > MAX_KEY_PACKAGES_PER_UPLOAD {
            return Err(DomainError::InvalidArgument(format!(
                "give 1 to {MAX_KEY_PACKAGES_PER_UPLOAD} key packages per upload, got {}",
                packages.len()
            )));
        }
        for (index, package) in packages.iter().enumerate() {
            check_key_size("key package", index as u32, package.len(), MAX_KEY_PACKAGE_BYTES)?;
        }
        Ok(repo::keys::upload_key_packages(
            &self.deps.db,
            caller.user_id,
            &caller.device_id,
            packages,
            self.deps.now_ms(),
        )
        .await?)
    }

    pub async fn count_key_packages(&self, caller: &AuthContext) -> DomainResult<u64> {
        Ok(repo::keys::count_key_packages(&self.deps.db, caller.user_id, &caller.device_id).await?)
    }

    /// One key package per device of the user, skipping the caller's device.
    pub async fn claim_key_packages(
        &self,
        caller: &AuthContext,
        user: QualifiedUserId,
    ) -> DomainResult<Vec<(String, Vec<u8>)>> {
        self.require_local(&user)?;
        if repo::users::find_by_id(&self.deps.db, user.id).await?.is_none() {
            return Err(DomainError::NotFound(format!("unknown user {}", user.id)));
        }
        let mut claimed = Vec::new();
        for (user_id, device_id) in repo::devices::list_for_users(&self.deps.db, &[user.id]).await? {
            if user_id == caller.user_id && device_id == caller.device_id {
                continue;
            }
            if let Some(package) = repo::keys::claim_key_package(&self.deps.db, user_id, &device_id).await? {
                claimed.push((device_id, package));
            }
        }
        Ok(claimed)
    }

    fn require_local(&self, user: &QualifiedUserId) -> DomainResult<()> {
        self.deps.require_local("user", &user.domain)
    }
}

fn check_key_size(what: &str, id: u32, len: usize, max: usize) -> DomainResult<()> {
    if len == 0 || len > max {
        return Err(DomainError::InvalidArgument(format!("{what} {id} is {len} bytes: give 1 to {max} bytes")));
    }
    Ok(())
}
