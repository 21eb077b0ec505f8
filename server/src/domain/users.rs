//! Profiles and handle lookups.

use super::Deps;
use super::ids::{Handle, QualifiedUserId, parse_display_name};
use super::tokens::AuthContext;
use crate::error::{DomainError, DomainResult};
use missive_db::entity::user;
use missive_db::repo;

pub const MAX_USERS_PER_LOOKUP: usize = 500;
pub const MAX_HANDLES_PER_CHECK: usize = 50;

pub struct Users {
    deps: Deps,
}

/// Result of a batch lookup, in wire-server's found / not found / failed shape.
#[derive(Default)]
pub struct UserLookup {
    pub found: Vec<user::Model>,
    pub not_found: Vec<QualifiedUserId>,
    /// Ids on backends that could not be asked (remote, while federation is absent).
    pub failed: Vec<QualifiedUserId>,
}

pub enum HandleAvailability {
    Available,
    Taken,
    Invalid,
}

impl Users {
    pub fn new(deps: Deps) -> Users {
        Users { deps }
    }

    pub async fn get_self(&self, caller: &AuthContext) -> DomainResult<user::Model> {
        repo::users::find_by_id(&self.deps.db, caller.user_id)
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("the account of this token no longer exists".to_owned()))
    }

    pub async fn update_profile(
        &self,
        caller: &AuthContext,
        display_name: Option<String>,
    ) -> DomainResult<user::Model> {
        let Some(display_name) = display_name else {
            return self.get_self(caller).await;
        };
        let display_name = parse_display_name(&display_name)?;
        repo::users::update_display_name(&self.deps.db, caller.user_id, display_name)
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("the account of this token no longer exists".to_owned()))
    }

    pub async fn get_users(&self, ids: Vec<QualifiedUserId>) -> DomainResult<UserLookup> {
        if ids.len() > MAX_USERS_PER_LOOKUP {
            return Err(DomainError::InvalidArgument(format!(
                "too many ids: at most {MAX_USERS_PER_LOOKUP} per request, got {}",
                ids.len()
            )));
        }
        let mut lookup = UserLookup::default();
        let (local, remote): (Vec<_>, Vec<_>) = ids.into_iter().partition(|id| self.deps.is_local(&id.domain));
        lookup.failed = remote;
        let local_ids: Vec<_> = local.iter().map(|id| id.id).collect();
        lookup.found = repo::users::find_many(&self.deps.db, &local_ids).await?;
        lookup.not_found = local.into_iter().filter(|id| !lookup.found.iter().any(|u| u.id == id.id)).collect();
        Ok(lookup)
    }

    pub async fn get_by_handle(&self, handle: &str, domain: &str) -> DomainResult<user::Model> {
        let handle = Handle::parse(handle)?;
        if !domain.is_empty() && !self.deps.is_local(domain) {
            return Err(DomainError::NotFound(format!(
                "no user {:?} on backend {domain:?}: federation is not available on this backend",
                handle.as_str()
            )));
        }
        repo::users::find_by_handle(&self.deps.db, handle.as_str())
            .await?
            .ok_or_else(|| DomainError::NotFound(format!("no user with handle {:?}", handle.as_str())))
    }

    pub async fn check_handles(&self, handles: Vec<String>) -> DomainResult<Vec<(String, HandleAvailability)>> {
        if handles.len() > MAX_HANDLES_PER_CHECK {
            return Err(DomainError::InvalidArgument(format!(
                "too many handles: at most {MAX_HANDLES_PER_CHECK} per request, got {}",
                handles.len()
            )));
        }
        let valid: Vec<String> =
            handles.iter().filter_map(|h| Handle::parse(h).ok().map(Handle::into_string)).collect();
        let taken = repo::users::taken_handles(&self.deps.db, &valid).await?;
        Ok(handles
            .into_iter()
            .map(|handle| {
                let availability = if !valid.contains(&handle) {
                    HandleAvailability::Invalid
                } else if taken.contains(&handle) {
                    HandleAvailability::Taken
                } else {
                    HandleAvailability::Available
                };
                (handle, availability)
            })
            .collect())
    }
}
