//! Profiles and handle lookups.

use super::Deps;
use super::events::Events;
use super::ids::{BackendDomain, Handle, QualifiedUserId, UserId, parse_display_name, quoted};
use super::model::{ConnectionStatus, EventPayload, User};
use super::rate_limit::Limit;
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use crate::error::{DomainError, DomainResult};
use missive_db::repo;
use std::sync::Arc;

pub const MAX_USERS_PER_LOOKUP: usize = 500;
pub const MAX_HANDLES_PER_CHECK: usize = 50;
pub const SEARCH_QUERY_MAX_CHARS: usize = 256;
pub const SEARCH_PAGE_MAX: u32 = 100;

pub struct Users {
    deps: Deps,
    events: Arc<Events>,
}

/// Result of a batch lookup, in wire-server's found / not found / failed shape.
#[derive(Default)]
pub struct UserLookup {
    pub found: Vec<User>,
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
    pub fn new(deps: Deps, events: Arc<Events>) -> Users {
        Users { deps, events }
    }

    pub async fn get_self(&self, caller: &AuthContext) -> DomainResult<User> {
        let row = repo::users::find_by_id(&self.deps.db, caller.user.0)
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("the account of this token no longer exists".to_owned()))?;
        Ok(self.user(row))
    }

    fn user(&self, row: missive_db::entity::user::Model) -> User {
        User::from_row(row, &self.deps.domain)
    }

    pub async fn update_profile(&self, caller: &AuthContext, display_name: Option<String>) -> DomainResult<User> {
        let Some(display_name) = display_name else {
            return self.get_self(caller).await;
        };
        let display_name = parse_display_name(&display_name)?;
        let mut work = UnitOfWork::begin(&self.events).await?;
        let updated = repo::users::update_display_name(work.db(), caller.user.0, display_name)
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("the account of this token no longer exists".to_owned()))?;
        let updated = self.user(updated);
        // The owner's devices and everyone connected see the new profile.
        let accepted = ConnectionStatus::Accepted.stored();
        let mut audience: Vec<UserId> = repo::connections::others_with_status(work.db(), caller.user.0, accepted)
            .await?
            .into_iter()
            .map(UserId)
            .collect();
        audience.push(caller.user);
        work.emit_to_users(&audience, EventPayload::ProfileUpdated(updated.clone())).await?;
        work.commit().await?;
        Ok(updated)
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
        let local_ids: Vec<_> = local.iter().map(|id| id.id.0).collect();
        let rows = repo::users::find_many(&self.deps.db, &local_ids).await?;
        lookup.found = rows.into_iter().map(|row| self.user(row)).collect();
        let found: std::collections::HashSet<_> = lookup.found.iter().map(|u| u.id.id).collect();
        lookup.not_found = local.into_iter().filter(|id| !found.contains(&id.id)).collect();
        Ok(lookup)
    }

    /// `domain` is the user's backend; `None` means this one.
    pub async fn get_by_handle(&self, handle: &str, domain: Option<BackendDomain>) -> DomainResult<User> {
        let handle = Handle::parse(handle)?;
        if let Some(domain) = domain.filter(|d| !self.deps.is_local(d)) {
            return Err(DomainError::NotFound(format!(
                "no user {} on backend {domain:?}: federation is not available on this backend",
                quoted(handle.as_str())
            )));
        }
        let row = repo::users::find_by_handle(&self.deps.db, handle.as_str())
            .await?
            .ok_or_else(|| DomainError::NotFound(format!("no user with handle {}", quoted(handle.as_str()))))?;
        Ok(self.user(row))
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

    /// Handle prefix or display-name matches, exact handle first; the page
    /// token is the offset of the next page.
    pub async fn search(
        &self,
        caller: &AuthContext,
        query: &str,
        page_size: u32,
        page_token: &str,
    ) -> DomainResult<(Vec<User>, String)> {
        self.deps.limits.check(Limit::SearchPerUser, &caller.user.to_string()).await?;
        let query = query.trim();
        let chars = query.chars().count();
        // Control characters match nothing, and PostgreSQL refuses NUL.
        if chars == 0 || chars > SEARCH_QUERY_MAX_CHARS || query.chars().any(char::is_control) {
            return Err(DomainError::InvalidArgument(format!(
                "query must be 1 to {SEARCH_QUERY_MAX_CHARS} characters, no control characters"
            )));
        }
        let limit = match page_size {
            0 => 20,
            1..=SEARCH_PAGE_MAX => u64::from(page_size),
            _ => return Err(DomainError::InvalidArgument(format!("page_size must be at most {SEARCH_PAGE_MAX}"))),
        };
        let offset: u64 = if page_token.is_empty() {
            0
        } else {
            page_token
                .parse()
                .map_err(|_| DomainError::InvalidArgument(format!("malformed page_token {}", quoted(page_token))))?
        };
        let mut found = repo::users::search(&self.deps.db, query, offset, limit + 1).await?;
        let next = if found.len() as u64 > limit {
            found.truncate(limit as usize);
            (offset + limit).to_string()
        } else {
            String::new()
        };
        Ok((found.into_iter().map(|row| self.user(row)).collect(), next))
    }
}
