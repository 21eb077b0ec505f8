//! Connections between users. Each connection is two rows, one per user's
//! view; the other side is not told when it is blocked or ignored.

use super::conversations::{ensure_one_to_one, ensure_one_to_one_across};
use super::events::Events;
use super::federation::{ConnectionAction, Notification};
use super::ids::{BackendDomain, QualifiedUserId, UserId, parse_uuid_token};
use super::model::{Connection, ConnectionStatus as Status, Conversation, EventPayload};
use super::rate_limit::Limit;
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use super::{Deps, page_limit};
use crate::error::{DomainError, DomainResult};
use missive_db::entity::connection;
use missive_db::repo;
use missive_db::sea_orm::ConnectionTrait;
use std::collections::HashSet;
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
        if !self.deps.is_local(&other.domain) {
            return self.send_remote_request(caller, other).await;
        }
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
        if !Self::WANTED.contains(&wanted) {
            return Err(DomainError::InvalidArgument("status must be ACCEPTED, IGNORED, BLOCKED or CANCELLED".into()));
        }
        if !self.deps.is_local(&other.domain) {
            return self.update_remote(caller, other, wanted).await;
        }
        let user = caller.user.0;
        let other = self.other_user(caller, &other).await?;
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
        Ok(!blocked_pairs(&self.deps.db, &[(a.0, b.0)]).await?.is_empty())
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

    // ---- connections with users of other backends ------------------------------
    //
    // Each backend keeps its own user's row; the other side's row lives on
    // the other backend, which is told through the outbox. What the local
    // two-row logic reads from the other row, the remote side decides when
    // it applies the notification.

    async fn send_remote_request(&self, caller: &AuthContext, other: QualifiedUserId) -> DomainResult<Connection> {
        // The user must exist: asked of its backend now, so a typo fails here.
        if self.deps.remotes.users(&other.domain, &[other.id]).await?.is_empty() {
            return Err(DomainError::NotFound(format!("unknown user {}@{}", other.id, other.domain)));
        }
        let mine = repo::connections::find(&self.deps.db, caller.user.0, other.id.0).await?;
        match status_of(&mine) {
            Some(status @ (Status::Accepted | Status::Sent)) => {
                Ok(Connection::from_row(&mine.expect("status implies a row"), status, &self.deps.domain))
            }
            Some(Status::Blocked) => {
                Err(DomainError::FailedPrecondition("you blocked this user: accept the connection to unblock".into()))
            }
            // They asked first: asking back accepts.
            Some(Status::Pending | Status::Ignored) => {
                self.change_remote(caller, &other, Status::Accepted, Some(ConnectionAction::Accepted)).await
            }
            _ => self.change_remote(caller, &other, Status::Sent, Some(ConnectionAction::Requested)).await,
        }
    }

    async fn update_remote(
        &self,
        caller: &AuthContext,
        other: QualifiedUserId,
        wanted: Status,
    ) -> DomainResult<Connection> {
        let mine = repo::connections::find(&self.deps.db, caller.user.0, other.id.0).await?;
        let Some(current) = status_of(&mine) else {
            return Err(DomainError::NotFound("no connection with this user: send a connection request first".into()));
        };
        match (current, wanted) {
            (from, to) if from == to => {
                Ok(Connection::from_row(&mine.expect("status implies a row"), current, &self.deps.domain))
            }
            (Status::Pending | Status::Ignored | Status::Blocked, Status::Accepted) => {
                self.change_remote(caller, &other, Status::Accepted, Some(ConnectionAction::Accepted)).await
            }
            // Ignoring and blocking are not told: the other side keeps asking into the void.
            (Status::Pending, Status::Ignored) | (_, Status::Blocked) => {
                self.change_remote(caller, &other, wanted, None).await
            }
            (Status::Sent, Status::Cancelled) => {
                self.change_remote(caller, &other, Status::Cancelled, Some(ConnectionAction::Cancelled)).await
            }
            (from, to) => Err(DomainError::FailedPrecondition(format!(
                "cannot change a {} connection to {}",
                from.name(),
                to.name()
            ))),
        }
    }

    /// Saves the caller's row, tells the caller's devices and, when there is
    /// something to tell, the other backend (in the same transaction).
    async fn change_remote(
        &self,
        caller: &AuthContext,
        other: &QualifiedUserId,
        status: Status,
        tell: Option<ConnectionAction>,
    ) -> DomainResult<Connection> {
        if matches!(status, Status::Sent | Status::Accepted) {
            self.check_limit(caller.user.0).await?;
        }
        let mut work = UnitOfWork::begin(&self.events).await?;
        let now = self.deps.now_ms();
        let conversation = if status == Status::Accepted {
            self.one_to_one_across(&mut work, caller.user, other, now).await?
        } else {
            None
        };
        let row = remote_row(caller.user.0, other, status, conversation.as_ref().map(|(c, _)| c.id.id.0), now);
        let mine = self.save_with_events(&mut work, vec![row]).await?;
        if let Some(action) = tell {
            let notification = Notification::ConnectionUpdated {
                delivery_id: Uuid::new_v4().to_string(),
                from: QualifiedUserId::new(caller.user, &self.deps.domain),
                to: other.id,
                action,
            };
            work.tell(&other.domain, notification).await?;
        }
        self.announce_one_to_one(&mut work, other, conversation).await?;
        work.commit().await?;
        Ok(mine)
    }

    /// Applies what another backend told about one of its users (`from`)
    /// and one of ours (`to`), once per delivery id.
    pub async fn apply_remote(
        &self,
        origin: &BackendDomain,
        delivery_id: &str,
        from: QualifiedUserId,
        to: UserId,
        action: ConnectionAction,
    ) -> DomainResult<()> {
        if from.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} cannot act for user {}@{}",
                from.id, from.domain
            )));
        }
        if repo::users::find_by_id(&self.deps.db, to.0).await?.is_none() {
            return Err(DomainError::NotFound(format!("unknown user {to}")));
        }
        let mut work = UnitOfWork::begin(&self.events).await?;
        if !repo::federation::first_delivery(work.db(), origin.as_str(), delivery_id, super::outbox::wall_ms()).await? {
            return work.commit().await;
        }
        let mine = repo::connections::find(work.db(), to.0, from.id.0).await?;
        let current = status_of(&mine);
        let now = self.deps.now_ms();
        let (next, answer) = match (action, current) {
            // Someone who blocked, or is already connected, is not changed.
            (_, Some(Status::Blocked)) => (None, None),
            (ConnectionAction::Requested, Some(Status::Accepted)) => (None, None),
            // They asked back: both asked, so both accepted; tell them.
            (ConnectionAction::Requested, Some(Status::Sent)) => {
                (Some(Status::Accepted), Some(ConnectionAction::Accepted))
            }
            (ConnectionAction::Requested, Some(Status::Ignored)) => (None, None),
            (ConnectionAction::Requested, _) => (Some(Status::Pending), None),
            (ConnectionAction::Accepted, Some(Status::Sent | Status::Pending | Status::Ignored)) => {
                (Some(Status::Accepted), None)
            }
            (ConnectionAction::Accepted, _) => (None, None),
            (ConnectionAction::Cancelled, Some(Status::Pending | Status::Ignored)) => (Some(Status::Cancelled), None),
            (ConnectionAction::Cancelled, _) => (None, None),
        };
        let conversation = if next == Some(Status::Accepted) {
            self.one_to_one_across(&mut work, to, &from, now).await?
        } else {
            None
        };
        if let Some(status) = next {
            let row = remote_row(to.0, &from, status, conversation.as_ref().map(|(c, _)| c.id.id.0), now);
            self.save_with_events(&mut work, vec![row]).await?;
        }
        if let Some(action) = answer {
            let notification = Notification::ConnectionUpdated {
                delivery_id: Uuid::new_v4().to_string(),
                from: QualifiedUserId::new(to, &self.deps.domain),
                to: from.id,
                action,
            };
            work.tell(origin, notification).await?;
        }
        self.announce_one_to_one(&mut work, &from, conversation).await?;
        work.commit().await
    }

    /// The 1:1 conversation of an accepted connection across backends,
    /// when this backend owns it (created once); `None` when the other
    /// backend does, which will announce it.
    async fn one_to_one_across(
        &self,
        work: &mut UnitOfWork<'_>,
        local: UserId,
        other: &QualifiedUserId,
        now: i64,
    ) -> DomainResult<Option<(Conversation, bool)>> {
        ensure_one_to_one_across(work.db(), local, other, now, &self.deps.domain).await
    }

    /// Tells the local member's devices and the other backend about a 1:1
    /// conversation this call created; queued after the connection notice,
    /// so the other backend applies them in that order.
    async fn announce_one_to_one(
        &self,
        work: &mut UnitOfWork<'_>,
        other: &QualifiedUserId,
        conversation: Option<(Conversation, bool)>,
    ) -> DomainResult<()> {
        let Some((conversation, true)) = conversation else { return Ok(()) };
        let local = conversation.local_member_ids(&self.deps.domain);
        work.emit_to_users(&local, EventPayload::ConversationCreated(conversation.clone())).await?;
        let notification = Notification::ConversationCreated { delivery_id: Uuid::new_v4().to_string(), conversation };
        work.tell(&other.domain, notification).await
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

/// A local user's view of a connection with a user of another backend.
/// Of the pairs of users, those blocked by either side (both orders).
pub(super) async fn blocked_pairs<C: ConnectionTrait>(
    db: &C,
    pairs: &[(Uuid, Uuid)],
) -> DomainResult<HashSet<(Uuid, Uuid)>> {
    Ok(repo::connections::pairs_with_status(db, pairs, Status::Blocked.stored()).await?)
}

fn remote_row(
    user_id: Uuid,
    other: &QualifiedUserId,
    status: Status,
    conversation_id: Option<Uuid>,
    now: i64,
) -> connection::Model {
    connection::Model {
        user_id,
        other_id: other.id.0,
        other_domain: other.domain.to_string(),
        status: status.stored(),
        conversation_id,
        updated_at: now,
    }
}

fn row(user_id: Uuid, other_id: Uuid, status: Status, conversation_id: Option<Uuid>, now: i64) -> connection::Model {
    connection::Model {
        user_id,
        other_id,
        status: status.stored(),
        conversation_id,
        updated_at: now,
        other_domain: String::new(),
    }
}
