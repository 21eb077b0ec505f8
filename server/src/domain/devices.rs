//! Listing and removing devices.

use super::Deps;
use super::events::Events;
use super::ids::{DeviceId, QualifiedUserId, UserId, check_password_size};
use super::model::{Device, EventPayload};
use super::passwords;
use super::revocations::Revocations;
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
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
        let user = self.local_user(caller, user)?;
        let rows = repo::devices::list(&self.deps.db, user.0).await?;
        Ok(rows.into_iter().map(|row| self.visible(caller, row)).collect())
    }

    pub async fn get(
        &self,
        caller: &AuthContext,
        user: Option<QualifiedUserId>,
        device: &DeviceId,
    ) -> DomainResult<Device> {
        let user = self.local_user(caller, user)?;
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

    fn local_user(&self, caller: &AuthContext, user: Option<QualifiedUserId>) -> DomainResult<UserId> {
        match user {
            None => Ok(caller.user),
            Some(user) if self.deps.is_local(&user.domain) => Ok(user.id),
            Some(user) => Err(DomainError::NotFound(format!(
                "devices of users on backend {:?} are not available: federation is not available on this backend",
                user.domain
            ))),
        }
    }
}
