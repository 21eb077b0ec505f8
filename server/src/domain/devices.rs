//! Listing and removing devices.

use super::Deps;
use super::events::Events;
use super::ids::{DeviceId, QualifiedUserId, UserId, check_password_size};
use super::model::{Device, EventPayload};
use super::passwords;
use super::revocations::Revocations;
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use super::users::MAX_USERS_PER_LOOKUP;
use crate::bus::CloseReason;
use crate::error::{DomainError, DomainResult};
use missive_db::repo;
use std::sync::Arc;

pub struct Devices {
    deps: Deps,
    events: Arc<Events>,
    revocations: Arc<Revocations>,
}

impl Devices {
    pub fn new(deps: Deps, events: Arc<Events>, revocations: Arc<Revocations>) -> Devices {
        Devices { deps, events, revocations }
    }

    /// Devices of `user` (the caller when `None`). Labels are private to the owner.
    pub async fn list(&self, caller: &AuthContext, user: Option<QualifiedUserId>) -> DomainResult<Vec<Device>> {
        let user = match user {
            Some(user) if !self.deps.is_local(&user.domain) => return self.remote_devices(&user).await,
            Some(user) => user.id,
            None => caller.user,
        };
        let rows = repo::devices::list(&self.deps.db, user.0).await?;
        Ok(rows.into_iter().map(|row| self.visible(caller, row)).collect())
    }

    /// The devices of a user of another backend, asked of that backend.
    async fn remote_devices(&self, user: &QualifiedUserId) -> DomainResult<Vec<Device>> {
        let answer = self.deps.remotes.user_devices(&user.domain, &[user.id]).await?;
        answer
            .into_iter()
            .find_map(|(id, devices)| (id == user.id).then_some(devices))
            .ok_or_else(|| DomainError::NotFound(format!("unknown user {}@{}", user.id, user.domain)))
    }

    /// Devices of users of this backend, for another backend: no labels.
    pub async fn local_devices_of(&self, users: &[UserId]) -> DomainResult<Vec<(UserId, Vec<Device>)>> {
        if users.len() > MAX_USERS_PER_LOOKUP {
            return Err(DomainError::InvalidArgument(format!(
                "too many users: at most {MAX_USERS_PER_LOOKUP} per request, got {}",
                users.len()
            )));
        }
        let ids: Vec<_> = users.iter().map(|id| id.0).collect();
        let existing = repo::users::find_many(&self.deps.db, &ids).await?;
        let mut answer = Vec::with_capacity(existing.len());
        for user in existing {
            let rows = repo::devices::list(&self.deps.db, user.id).await?;
            let devices = rows
                .into_iter()
                .map(|row| Device { label: String::new(), ..Device::from_row(row, &self.deps.domain) })
                .collect();
            answer.push((UserId(user.id), devices));
        }
        Ok(answer)
    }

    pub async fn get(
        &self,
        caller: &AuthContext,
        user: Option<QualifiedUserId>,
        device: &DeviceId,
    ) -> DomainResult<Device> {
        let user = match user {
            Some(user) if !self.deps.is_local(&user.domain) => {
                let devices = self.remote_devices(&user).await?;
                return devices
                    .into_iter()
                    .find(|known| known.id == *device)
                    .ok_or_else(|| DomainError::NotFound(format!("unknown device {device}")));
            }
            Some(user) => user.id,
            None => caller.user,
        };
        let row = repo::devices::find(&self.deps.db, user.0, device.as_str())
            .await?
            .ok_or_else(|| DomainError::NotFound(format!("unknown device {device}")))?;
        Ok(self.visible(caller, row))
    }

    /// Removes one of the caller's devices after checking the password; its
    /// sessions and refresh tokens go with it, and its access tokens are
    /// refused from the commit on.
    pub async fn remove(&self, caller: &AuthContext, device: &DeviceId, password: String) -> DomainResult<()> {
        check_password_size(&password)?;
        let account = repo::users::find_by_id(&self.deps.db, caller.user.0)
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("the account of this token no longer exists".to_owned()))?;
        self.deps.limits.check_handle(&account.handle).await?;
        if !passwords::verify(password, Some(account.password_hash)).await? {
            return Err(DomainError::Unauthenticated("wrong password".to_owned()));
        }
        let mut work = UnitOfWork::begin(&self.events).await?;
        let sessions = repo::revocations::live_sessions_of_device(work.db(), caller.user.0, device.as_str()).await?;
        self.revocations.record(work.db(), &sessions).await?;
        if !repo::devices::delete(work.db(), caller.user.0, device.as_str()).await? {
            return Err(DomainError::NotFound(format!("unknown device {device}")));
        }
        work.forget_device(caller.user.0, device.as_str());
        let payload = EventPayload::DeviceRemoved {
            user: QualifiedUserId::new(caller.user, &self.deps.domain),
            device: device.clone(),
        };
        work.emit_to_users(&[caller.user], payload).await?;
        work.commit().await?;
        self.revocations.apply(&sessions);
        let removed = super::ids::DeviceRef::new(caller.user, device.clone());
        self.events.hub().disconnect(&removed, CloseReason::DeviceRemoved);
        tracing::info!(user = %caller.user, device = %device, "device removed");
        Ok(())
    }

    fn visible(&self, caller: &AuthContext, row: missive_db::entity::device::Model) -> Device {
        let mut device = Device::from_row(row, &self.deps.domain);
        if device.user.id != caller.user {
            device.label.clear();
        }
        device
    }
}
