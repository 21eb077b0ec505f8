//! Prekeys and MLS key packages.

use super::Deps;
use super::events::{Events, Outgoing, devices_of};
use super::ids::{BackendDomain, DeviceId, DeviceRef, QualifiedUserId, UserId};
use super::model::EventPayload;
use super::rate_limit::Limit;
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use crate::error::{DomainError, DomainResult};
use missive_db::repo;
use std::sync::Arc;

pub const MAX_PREKEYS_PER_UPLOAD: usize = 100;
pub const MAX_PREKEYS_STORED: u64 = 1000;
pub const MAX_PREKEY_BYTES: usize = 2048;
pub const MAX_KEY_PACKAGES_PER_UPLOAD: usize = 100;
pub const MAX_KEY_PACKAGE_BYTES: usize = 16 * 1024;
/// Devices one ClaimPrekeys call may ask for.
pub const MAX_CLAIMED_DEVICES: usize = 500;
/// Below this many one-time prekeys the owner is told to upload more.
pub const PREKEYS_LOW_THRESHOLD: u64 = 10;

/// A user and the devices to claim for; no devices means all of them.
pub type ClaimTarget = (UserId, Vec<DeviceId>);

pub struct Keys {
    deps: Deps,
    events: Arc<Events>,
}

pub struct Claimed {
    pub user: QualifiedUserId,
    pub device: DeviceId,
    pub prekey_id: u32,
    pub key: Vec<u8>,
    pub last_resort: bool,
}

pub struct ClaimedKeyPackage {
    pub user: QualifiedUserId,
    pub device: DeviceId,
    pub key_package: Vec<u8>,
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
        let work = UnitOfWork::begin(&self.events).await?;
        let device = caller.device.as_str();
        let stored =
            repo::keys::upload_prekeys(work.db(), caller.user.0, device, prekeys, last_resort, MAX_PREKEYS_STORED)
                .await?;
        let Some(count) = stored else {
            work.rollback().await?;
            return Err(DomainError::LimitReached(format!(
                "too many prekeys: a device keeps at most {MAX_PREKEYS_STORED}"
            )));
        };
        work.commit().await?;
        Ok(count)
    }

    pub async fn prekey_count(&self, caller: &AuthContext) -> DomainResult<(u64, bool)> {
        Ok(repo::keys::prekey_count(&self.deps.db, caller.user.0, caller.device.as_str()).await?)
    }

    /// One prekey for every device of the user.
    pub async fn claim_bundle(&self, caller: &AuthContext, user: QualifiedUserId) -> DomainResult<Vec<Claimed>> {
        self.limit_claims(caller).await?;
        if !self.deps.is_local(&user.domain) {
            let claimed = self.deps.remotes.claim_prekeys(&user.domain, &[(user.id, Vec::new())]).await?;
            if claimed.is_empty() && self.deps.remotes.users(&user.domain, &[user.id]).await?.is_empty() {
                return Err(DomainError::NotFound(format!("unknown user {}@{}", user.id, user.domain)));
            }
            return Ok(claimed);
        }
        if repo::users::find_by_id(&self.deps.db, user.id.0).await?.is_none() {
            return Err(DomainError::NotFound(format!("unknown user {}", user.id)));
        }
        let devices = devices_of(&self.deps.db, &[user.id]).await?;
        self.claim_for(devices).await
    }

    /// One prekey for each listed device. Returns the claims and the users
    /// whose backend could not be asked.
    pub async fn claim_many(
        &self,
        caller: &AuthContext,
        targets: Vec<(QualifiedUserId, Vec<DeviceId>)>,
    ) -> DomainResult<(Vec<Claimed>, Vec<QualifiedUserId>)> {
        self.limit_claims(caller).await?;
        let total: usize = targets.iter().map(|(_, devices)| devices.len()).sum();
        if total > MAX_CLAIMED_DEVICES {
            return Err(DomainError::InvalidArgument(format!(
                "too many devices: at most {MAX_CLAIMED_DEVICES} per claim, got {total}"
            )));
        }
        let mut local = Vec::with_capacity(total);
        let mut remote: Vec<(BackendDomain, Vec<ClaimTarget>)> = Vec::new();
        for (user, device_ids) in targets {
            if self.deps.is_local(&user.domain) {
                local.push((user.id, device_ids));
            } else if let Some((_, wanted)) = remote.iter_mut().find(|(domain, _)| *domain == user.domain) {
                wanted.push((user.id, device_ids));
            } else {
                remote.push((user.domain, vec![(user.id, device_ids)]));
            }
        }
        let mut claimed = self.claim_local(local).await?;
        let mut failed = Vec::new();
        // A backend that cannot be asked fails only its own users.
        for (domain, wanted) in remote {
            match self.deps.remotes.claim_prekeys(&domain, &wanted).await {
                Ok(answer) => claimed.extend(answer),
                Err(err) => {
                    tracing::info!(%domain, error = %err, "remote prekey claim failed");
                    failed.extend(wanted.into_iter().map(|(user, _)| QualifiedUserId::new(user, &domain)));
                }
            }
        }
        Ok((claimed, failed))
    }

    /// Claims for devices of this backend's users; a user named with no
    /// devices means all of that user's devices. Unknown devices are left out.
    pub async fn claim_local(&self, targets: Vec<ClaimTarget>) -> DomainResult<Vec<Claimed>> {
        let total: usize = targets.iter().map(|(_, devices)| devices.len().max(1)).sum();
        if total > MAX_CLAIMED_DEVICES {
            return Err(DomainError::InvalidArgument(format!(
                "too many devices: at most {MAX_CLAIMED_DEVICES} per claim, got {total}"
            )));
        }
        let (every, named): (Vec<_>, Vec<_>) = targets.into_iter().partition(|(_, devices)| devices.is_empty());
        let every: Vec<UserId> = every.into_iter().map(|(user, _)| user).collect();
        let mut devices = devices_of(&self.deps.db, &every).await?;
        for (user, device_ids) in named {
            devices.extend(device_ids.into_iter().map(|device| DeviceRef::new(user, device)));
        }
        devices.sort();
        devices.dedup();
        self.claim_for(devices).await
    }

    async fn claim_for(&self, devices: Vec<DeviceRef>) -> DomainResult<Vec<Claimed>> {
        let mut claimed = Vec::with_capacity(devices.len());
        let mut low = Vec::new();
        for to in devices {
            let (user_id, device_id) = (to.user.0, to.device.as_str());
            let Some(prekey) = repo::keys::claim_prekey(&self.deps.db, user_id, device_id).await? else {
                continue;
            };
            if !prekey.last_resort {
                let (remaining, _) = repo::keys::prekey_count(&self.deps.db, user_id, device_id).await?;
                if remaining < PREKEYS_LOW_THRESHOLD {
                    let payload = EventPayload::PrekeysLow { remaining: remaining as u32 };
                    low.push(Outgoing { to: to.clone(), payload });
                }
            }
            claimed.push(Claimed {
                user: QualifiedUserId::new(to.user, &self.deps.domain),
                device: to.device,
                prekey_id: u32::try_from(prekey.prekey_id).unwrap_or_default(),
                key: prekey.key,
                last_resort: prekey.last_resort,
            });
        }
        // The claims stand whatever happens to this notice: it only asks for more keys.
        if !low.is_empty()
            && let Err(err) = self.notify(low).await
        {
            tracing::warn!(error = %err, "could not queue prekeys-low events");
        }
        Ok(claimed)
    }

    async fn notify(&self, outgoing: Vec<Outgoing>) -> DomainResult<()> {
        let mut work = UnitOfWork::begin(&self.events).await?;
        work.emit(outgoing).await?;
        work.commit().await
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
        let device = repo::devices::find(&self.deps.db, caller.user.0, caller.device.as_str())
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("this device no longer exists".to_owned()))?;
        let identity = super::mls::credential_identity(caller.user, &caller.device, &self.deps.domain);
        // Signature checks cost a few tens of microseconds each: off the
        // runtime's threads for a full upload.
        let (packages, checked) = tokio::task::spawn_blocking(move || {
            let checked = packages.iter().enumerate().try_for_each(|(index, package)| {
                super::mls::check_key_package(package, &device.identity_key, &identity)
                    .map_err(|why| format!("key package {index}: {why}"))
            });
            (packages, checked)
        })
        .await
        .map_err(|e| DomainError::Internal(format!("key package check: {e}")))?;
        checked.map_err(DomainError::InvalidArgument)?;
        Ok(repo::keys::upload_key_packages(
            &self.deps.db,
            caller.user.0,
            caller.device.as_str(),
            packages,
            self.deps.now_ms(),
        )
        .await?)
    }

    pub async fn count_key_packages(&self, caller: &AuthContext) -> DomainResult<u64> {
        Ok(repo::keys::count_key_packages(&self.deps.db, caller.user.0, caller.device.as_str()).await?)
    }

    /// One key package per device of the user, skipping the caller's device.
    pub async fn claim_key_packages(
        &self,
        caller: &AuthContext,
        user: QualifiedUserId,
    ) -> DomainResult<Vec<ClaimedKeyPackage>> {
        self.limit_claims(caller).await?;
        if !self.deps.is_local(&user.domain) {
            return self.deps.remotes.claim_key_packages(&user.domain, user.id).await;
        }
        self.claim_local_key_packages(user.id, Some(caller)).await
    }

    /// One key package per device of a user of this backend, except the
    /// asking device when it is one of them.
    pub async fn claim_local_key_packages(
        &self,
        user: UserId,
        asking: Option<&AuthContext>,
    ) -> DomainResult<Vec<ClaimedKeyPackage>> {
        if repo::users::find_by_id(&self.deps.db, user.0).await?.is_none() {
            return Err(DomainError::NotFound(format!("unknown user {user}")));
        }
        let qualified = QualifiedUserId::new(user, &self.deps.domain);
        let mut claimed = Vec::new();
        for device in devices_of(&self.deps.db, &[user]).await? {
            if asking.is_some_and(|caller| caller.is_device(&device)) {
                continue;
            }
            let package = repo::keys::claim_key_package(&self.deps.db, device.user.0, device.device.as_str()).await?;
            if let Some(key_package) = package {
                claimed.push(ClaimedKeyPackage { user: qualified.clone(), device: device.device, key_package });
            }
        }
        Ok(claimed)
    }

    async fn limit_claims(&self, caller: &AuthContext) -> DomainResult<()> {
        self.deps.limits.check(Limit::ClaimPerUser, &caller.user.to_string()).await
    }
}

fn check_key_size(what: &str, id: u32, len: usize, max: usize) -> DomainResult<()> {
    if len == 0 || len > max {
        return Err(DomainError::InvalidArgument(format!("{what} {id} is {len} bytes: give 1 to {max} bytes")));
    }
    Ok(())
}
