//! Listing and removing devices.

use super::events::Events;
use super::ids::{QualifiedUserId, check_password_size};
use super::passwords;
use super::qualified;
use super::rate_limit::LoginLimiter;
use super::tokens::AuthContext;
use super::{Deps, timestamp};
use crate::bus::CloseReason;
use crate::error::{DomainError, DomainResult};
use missive_db::entity::device;
use missive_db::repo;
use missive_proto::v1 as pb;
use std::sync::Arc;
use uuid::Uuid;

pub struct Devices {
    deps: Deps,
    limiter: Arc<LoginLimiter>,
    events: Arc<Events>,
}

/// The API's view of a device (labels are cleared before this for other users).
pub fn device_pb(model: &device::Model, domain: &str) -> pb::Device {
    pb::Device {
        id: model.id.clone(),
        user: Some(qualified(model.user_id, domain)),
        identity_key: model.identity_key.clone(),
        label: model.label.clone(),
        device_class: model.class,
        created_at: Some(timestamp(model.created_at)),
    }
}

impl Devices {
    pub fn new(deps: Deps, limiter: Arc<LoginLimiter>, events: Arc<Events>) -> Devices {
        Devices { deps, limiter, events }
    }

    /// Devices of `user` (the caller when `None`). Labels are private to the owner.
    pub async fn list(&self, caller: &AuthContext, user: Option<QualifiedUserId>) -> DomainResult<Vec<device::Model>> {
        let user_id = self.local_user(caller, user)?;
        let mut devices = repo::devices::list(&self.deps.db, user_id).await?;
        if user_id != caller.user_id {
            devices.iter_mut().for_each(|d| d.label.clear());
        }
        Ok(devices)
    }

    pub async fn get(
        &self,
        caller: &AuthContext,
        user: Option<QualifiedUserId>,
        device_id: &str,
    ) -> DomainResult<device::Model> {
        let user_id = self.local_user(caller, user)?;
        let mut found = repo::devices::find(&self.deps.db, user_id, device_id)
            .await?
            .ok_or_else(|| DomainError::NotFound(format!("unknown device {device_id}")))?;
        if user_id != caller.user_id {
            found.label.clear();
        }
        Ok(found)
    }

    /// Removes one of the caller's devices after checking the password; its
    /// sessions and refresh tokens go with it.
    pub async fn remove(&self, caller: &AuthContext, device_id: &str, password: String) -> DomainResult<()> {
        check_password_size(&password)?;
        let account = repo::users::find_by_id(&self.deps.db, caller.user_id)
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("the account of this token no longer exists".to_owned()))?;
        self.limiter.check_handle(&account.handle)?;
        if !passwords::verify(password, Some(account.password_hash)).await? {
            return Err(DomainError::Unauthenticated("wrong password".to_owned()));
        }
        let txn = missive_db::begin_write(&self.deps.db).await?;
        if !repo::devices::delete(&txn, caller.user_id, device_id).await? {
            return Err(DomainError::NotFound(format!("unknown device {device_id}")));
        }
        let payload = pb::event::Payload::DeviceRemoved(pb::DeviceRemoved {
            user: Some(qualified(caller.user_id, &self.deps.domain)),
            device_id: device_id.to_owned(),
        });
        let deliveries = self.events.store_for_users(&txn, &[caller.user_id], payload).await?;
        txn.commit().await?;
        self.events.publish(deliveries).await;
        self.events.hub().disconnect(caller.user_id, device_id, CloseReason::DeviceRemoved);
        tracing::info!(user = %caller.user_id, device = %device_id, "device removed");
        Ok(())
    }

    fn local_user(&self, caller: &AuthContext, user: Option<QualifiedUserId>) -> DomainResult<Uuid> {
        match user {
            None => Ok(caller.user_id),
            Some(user) if self.deps.is_local(&user.domain) => Ok(user.id),
            Some(user) => Err(DomainError::NotFound(format!(
                "devices of users on backend {:?} are not available: federation is not available on this backend",
                user.domain
            ))),
        }
    }
}
