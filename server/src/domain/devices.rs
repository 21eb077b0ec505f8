//! Listing and removing devices.

use super::Deps;
use super::ids::{QualifiedUserId, check_password_size};
use super::passwords;
use super::rate_limit::LoginLimiter;
use super::tokens::AuthContext;
use crate::error::{DomainError, DomainResult};
use missive_db::entity::device;
use missive_db::repo;
use std::sync::Arc;
use uuid::Uuid;

pub struct Devices {
    deps: Deps,
    limiter: Arc<LoginLimiter>,
}

impl Devices {
    pub fn new(deps: Deps, limiter: Arc<LoginLimiter>) -> Devices {
        Devices { deps, limiter }
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
        if !repo::devices::delete(&self.deps.db, caller.user_id, device_id).await? {
            return Err(DomainError::NotFound(format!("unknown device {device_id}")));
        }
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
