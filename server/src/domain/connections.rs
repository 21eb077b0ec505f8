//! Connections between users. Each connection is two rows, one per user's
//! view; the other side is not told when it is blocked or ignored.

use super::conversations::ensure_one_to_one;
use super::events::Events;
use super::ids::{QualifiedUserId, UserId, parse_uuid_token};
use super::model::{Connection, ConnectionStatus as Status, EventPayload};
use super::rate_limit::Limit;
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use super::{Deps, page_limit};
use crate::error::{DomainError, DomainResult};
use missive_db::entity::connection;
use missive_db::repo;
use std::sync::Arc;
use uuid::Uuid;

pub struct Connections {
    deps: Deps,
    events: Arc<Events>,
    max_connections: u64,
}

fn status_of(row: &Option<connection::Model>) -> Option<Status> {
    row.as_ref().and_then(|r| Status::from_stored(r.status))
}

impl Connections {
    pub fn new(deps: Deps, events: Arc<Events>, max_connections: u64) -> Connections {
        Connections { deps, events, max_connections }
    }

    pub async fn send_request(&self, caller: &AuthContext, other: QualifiedUserId) -> DomainResult<Connection> {
        self.deps.limits.check(Limit::ConnectionRequestPerUser, &caller.user.to_string()).await?;
        let user = caller.user.0;
        let other = self.other_user(caller, &other).await?;
        let mine = repo::connections::find(&self.deps.db, user, other).await?;
        let theirs = repo::connections::find(&self.deps.db, other, user).await?;
        match status_of(&mine) {
            Some(status @ (Status::Accepted | Status::Sent)) => {
                Ok(Connection::from_row(&mine.expect("status implies a row"), status, &self.deps.domain))
            }
            Some(Status::Blocked) => {
                Err(DomainError::FailedPrecondition("you blocked this user: accept the connection to unblock".into()))
            }
            // They asked first: asking back accepts.
            Some(Status::Pending | Status::Ignored) => self.accept(user, other, theirs).await,
            _ => {
                self.check_limit(user).await?;
                let now = self.deps.now_ms();
                let mut rows = vec![row(user, other, Status::Sent, None, now)];
                // Someone who blocked the caller is not told about the request.
                if status_of(&theirs) != Some(Status::Blocked) {
                    rows.push(row(other, user, Status::Pending, None, now));
                }
                self.save_and_announce(rows).await
            }
        }
    }

    /// Statuses a user may ask for; the others are reached by the flow.
    pub const WANTED: [Status; 4] = [Status::Accepted, Status::Ignored, Status::Blocked, Status::Cancelled];

    pub async fn update(
        &self,
        caller: &AuthContext,
        other: QualifiedUserId,
        wanted: Status,
    ) -> DomainResult<Connection> {
        let user = caller.user.0;
        let other = self.other_user(caller, &other).await?;
        if !Self::WANTED.contains(&wanted) {
            return Err(DomainError::InvalidArgument("status must be ACCEPTED, IGNORED, BLOCKED or CANCELLED".into()));
        }
        let mine = repo::connections::find(&self.deps.db, user, other).await?;
        let theirs = repo::connections::find(&self.deps.db, other, user).await?;
        let Some(current) = status_of(&mine) else {
            return Err(DomainError::NotFound("no connection with this user: send a connection request first".into()));
        };
        let mine = mine.expect("status implies a row");
        let now = self.deps.now_ms();
        match (current, wanted) {
            (from, to) if from == to => Ok(Connection::from_row(&mine, current, &self.deps.domain)),
            (Status::Pending | Status::Ignored, Status::Accepted) => self.accept(user, other, theirs).await,
            (Status::Blocked, Status::Accepted)
                if matches!(status_of(&theirs), Some(Status::Sent | Status::Accepted)) =>
            {
                self.accept(user, other, theirs).await
            }
            (Status::Pending, Status::Ignored) | (_, Status::Blocked) => {
                self.save_and_announce(vec![row(user, other, wanted, mine.conversation_id, now)]).await
            }
            (Status::Sent, Status::Cancelled) => {
                let mut rows = vec![row(user, other, Status::Cancelled, None, now)];
                if status_of(&theirs) == Some(Status::Pending) {
                    rows.push(row(other, user, Status::Cancelled, None, now));
                }
                self.save_and_announce(rows).await
            }
            (from, to) => Err(DomainError::FailedPrecondition(format!(
                "cannot change a {} connection to {}",
                from.name(),
                to.name()
            ))),
        }
    }

    pub async fn list(
        &self,
        caller: &AuthContext,
        page_size: u32,
        page_token: &str,
    ) -> DomainResult<(Vec<Connection>, String)> {
        let limit = page_limit(page_size)?;
        let after = parse_uuid_token(page_token)?;
        let mut rows = repo::connections::list(&self.deps.db, caller.user.0, after, limit + 1).await?;
        let next = if rows.len() as u64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|r| r.other_id.to_string()).unwrap_or_default()
        } else {
            String::new()
        };
        Ok((rows.iter().map(|r| self.connection(r)).collect::<DomainResult<_>>()?, next))
    }

    /// Whether either user blocked the other (one query: it is on every 1:1 send).
    pub async fn blocked_between(&self, a: UserId, b: UserId) -> DomainResult<bool> {
        Ok(repo::connections::either_has_status(&self.deps.db, a.0, b.0, Status::Blocked.stored()).await?)
    }

    fn connection(&self, row: &connection::Model) -> DomainResult<Connection> {
        let status = Status::from_stored(row.status).ok_or_else(|| {
            DomainError::Internal(format!(
                "connection {}→{} has unknown status {}",
                row.user_id, row.other_id, row.status
            ))
        })?;
        Ok(Connection::from_row(row, status, &self.deps.domain))
    }

    /// Both sides accepted, the 1:1 conversation created (once) and announced.
    async fn accept(&self, user: Uuid, other: Uuid, theirs: Option<connection::Model>) -> DomainResult<Connection> {
        self.check_limit(user).await?;
        let now = self.deps.now_ms();
        let mut work = UnitOfWork::begin(&self.events).await?;
        let (conversation, created) =
            ensure_one_to_one(work.db(), UserId(user), UserId(other), now, &self.deps.domain).await?;
        let conversation_id = Some(conversation.id.id.0);
        let mut rows = vec![row(user, other, Status::Accepted, conversation_id, now)];
        if status_of(&theirs) != Some(Status::Blocked) {
            rows.push(row(other, user, Status::Accepted, conversation_id, now));
        }
        let mine = self.save_with_events(&mut work, rows).await?;
        if created {
            work.emit_to_users(&conversation.member_ids(), EventPayload::ConversationCreated(conversation)).await?;
        }
        work.commit().await?;
        Ok(mine)
    }

    async fn save_and_announce(&self, rows: Vec<connection::Model>) -> DomainResult<Connection> {
        let mut work = UnitOfWork::begin(&self.events).await?;
        let mine = self.save_with_events(&mut work, rows).await?;
        work.commit().await?;
        Ok(mine)
    }

    /// Saves the rows (the caller's first) and tells each row's own user's
    /// devices only; returns the caller's view.
    async fn save_with_events(
        &self,
        work: &mut UnitOfWork<'_>,
        rows: Vec<connection::Model>,
    ) -> DomainResult<Connection> {
        repo::connections::save(work.db(), rows.clone()).await?;
        let mut views = Vec::with_capacity(rows.len());
        for changed in &rows {
            let view = self.connection(changed)?;
            work.emit_to_users(&[UserId(changed.user_id)], EventPayload::ConnectionUpdated(view.clone())).await?;
            views.push(view);
        }
        Ok(views.swap_remove(0))
    }

    async fn check_limit(&self, user: Uuid) -> DomainResult<()> {
        let counted = [Status::Sent.stored(), Status::Accepted.stored()];
        if repo::connections::count_with_status(&self.deps.db, user, &counted).await? >= self.max_connections {
            return Err(DomainError::LimitReached(format!(
                "too many connections: at most {} sent or accepted",
                self.max_connections
            )));
        }
        Ok(())
    }

    async fn other_user(&self, caller: &AuthContext, other: &QualifiedUserId) -> DomainResult<Uuid> {
        self.deps.require_local("user", &other.domain)?;
        if other.id == caller.user {
            return Err(DomainError::InvalidArgument("cannot connect to yourself".into()));
        }
        if repo::users::find_by_id(&self.deps.db, other.id.0).await?.is_none() {
            return Err(DomainError::NotFound(format!("unknown user {}", other.id)));
        }
        Ok(other.id.0)
    }
}

fn row(user_id: Uuid, other_id: Uuid, status: Status, conversation_id: Option<Uuid>, now: i64) -> connection::Model {
    connection::Model { user_id, other_id, status: status.stored(), conversation_id, updated_at: now }
}
