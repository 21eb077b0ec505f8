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
use std::collections::HashSet;
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
        for (domain, wanted) in by_domain(ids) {
            let answer = if self.deps.is_local(&domain) {
                self.local_users(&wanted).await
            } else {
                self.deps.remotes.users(&domain, &wanted).await
            };
            match answer {
                Ok(found) => {
                    let seen: HashSet<UserId> = found.iter().map(|user| user.id.id).collect();
                    let missing = wanted.into_iter().filter(|id| !seen.contains(id));
                    lookup.not_found.extend(missing.map(|id| QualifiedUserId::new(id, &domain)));
                    lookup.found.extend(found);
                }
                // One backend that cannot be asked fails only its own ids.
                Err(err) if !self.deps.is_local(&domain) => {
                    tracing::info!(%domain, error = %err, "remote user lookup failed");
                    lookup.failed.extend(wanted.into_iter().map(|id| QualifiedUserId::new(id, &domain)));
                }
                Err(err) => return Err(err),
            }
        }
        Ok(lookup)
    }

    /// Users of this backend by id; unknown ids are left out.
    pub async fn local_users(&self, ids: &[UserId]) -> DomainResult<Vec<User>> {
        if ids.len() > MAX_USERS_PER_LOOKUP {
            return Err(DomainError::InvalidArgument(format!(
                "too many ids: at most {MAX_USERS_PER_LOOKUP} per request, got {}",
                ids.len()
            )));
        }
        let ids: Vec<_> = ids.iter().map(|id| id.0).collect();
        let rows = repo::users::find_many(&self.deps.db, &ids).await?;
        Ok(rows.into_iter().map(|row| self.user(row)).collect())
    }

    /// `domain` is the user's backend; `None` means this one.
    pub async fn get_by_handle(&self, handle: &str, domain: Option<BackendDomain>) -> DomainResult<User> {
        let handle = Handle::parse(handle)?;
        match domain.filter(|d| !self.deps.is_local(d)) {
            None => self.local_by_handle(&handle).await?,
            Some(domain) => self.deps.remotes.user_by_handle(&domain, handle.as_str()).await?,
        }
        .ok_or_else(|| DomainError::NotFound(format!("no user with handle {}", quoted(handle.as_str()))))
    }

    /// The user of this backend with that handle, if any.
    pub async fn local_by_handle(&self, handle: &Handle) -> DomainResult<Option<User>> {
        let row = repo::users::find_by_handle(&self.deps.db, handle.as_str()).await?;
        Ok(row.map(|row| self.user(row)))
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
    /// token is the offset of the next page. On another backend (`domain`),
    /// one page: the remote backend keeps no paging state for us.
    pub async fn search(
        &self,
        caller: &AuthContext,
        query: &str,
        page_size: u32,
        page_token: &str,
        domain: Option<BackendDomain>,
    ) -> DomainResult<(Vec<User>, String)> {
        self.deps.limits.check(Limit::SearchPerUser, &caller.user.to_string()).await?;
        let query = search_query(query)?;
        let limit = match page_size {
            0 => 20,
            1..=SEARCH_PAGE_MAX => u64::from(page_size),
            _ => return Err(DomainError::InvalidArgument(format!("page_size must be at most {SEARCH_PAGE_MAX}"))),
        };
        if let Some(domain) = domain.filter(|d| !self.deps.is_local(d)) {
            let found = self.deps.remotes.search_users(&domain, query, limit as u32).await?;
            return Ok((found.into_iter().take(limit as usize).collect(), String::new()));
        }
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

    /// One page of this backend's users for another backend's search.
    pub async fn local_search(&self, query: &str, limit: u32) -> DomainResult<Vec<User>> {
        let query = search_query(query)?;
        let limit = match limit {
            0 => 20,
            1..=SEARCH_PAGE_MAX => u64::from(limit),
            _ => return Err(DomainError::InvalidArgument(format!("limit must be at most {SEARCH_PAGE_MAX}"))),
        };
        let found = repo::users::search(&self.deps.db, query, 0, limit).await?;
        Ok(found.into_iter().map(|row| self.user(row)).collect())
    }
}

fn search_query(query: &str) -> DomainResult<&str> {
    let query = query.trim();
    let chars = query.chars().count();
    // Control characters match nothing, and PostgreSQL refuses NUL.
    if chars == 0 || chars > SEARCH_QUERY_MAX_CHARS || query.chars().any(char::is_control) {
        return Err(DomainError::InvalidArgument(format!(
            "query must be 1 to {SEARCH_QUERY_MAX_CHARS} characters, no control characters"
        )));
    }
    Ok(query)
}

/// Ids grouped by owning backend, each group without repeats, in first-seen order.
pub fn by_domain(ids: impl IntoIterator<Item = QualifiedUserId>) -> Vec<(BackendDomain, Vec<UserId>)> {
    let mut groups: Vec<(BackendDomain, Vec<UserId>)> = Vec::new();
    for id in ids {
        match groups.iter_mut().find(|(domain, _)| *domain == id.domain) {
            Some((_, members)) if members.contains(&id.id) => {}
            Some((_, members)) => members.push(id.id),
            None => groups.push((id.domain, vec![id.id])),
        }
    }
    groups
}
