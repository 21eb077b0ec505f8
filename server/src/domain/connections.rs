//! Connections between users. Each connection is two rows, one per user's
//! view; the other side is not told when it is blocked or ignored.

use super::conversations::{announce_created, ensure_one_to_one, page_limit, parse_uuid_token};
use super::events::{Events, Outgoing};
use super::ids::QualifiedUserId;
use super::qualified;
use super::tokens::AuthContext;
use super::{Deps, timestamp};
use crate::error::{DomainError, DomainResult};
use missive_db::entity::connection;
use missive_db::repo;
use missive_proto::v1 as pb;
use pb::ConnectionStatus as Status;
use std::sync::Arc;
use uuid::Uuid;

pub struct Connections {
    deps: Deps,
    events: Arc<Events>,
    max_connections: u64,
}

fn status_of(row: &Option<connection::Model>) -> Option<Status> {
    row.as_ref().and_then(|r| Status::try_from(r.status).ok())
}

pub fn to_pb(row: &connection::Model, domain: &str) -> pb::Connection {
    pb::Connection {
        user: Some(qualified(row.user_id, domain)),
        other: Some(qualified(row.other_id, domain)),
        status: row.status,
        last_update: Some(timestamp(row.updated_at)),
        conversation: row.conversation_id.map(|id| qualified(id, domain)),
    }
}

impl Connections {
    pub fn new(deps: Deps, events: Arc<Events>, max_connections: u64) -> Connections {
        Connections { deps, events, max_connections }
    }

    pub async fn send_request(&self, caller: &AuthContext, other: QualifiedUserId) -> DomainResult<connection::Model> {
        let other = self.other_user(caller, &other).await?;
        let mine = repo::connections::find(&self.deps.db, caller.user_id, other).await?;
        let theirs = repo::connections::find(&self.deps.db, other, caller.user_id).await?;
        match status_of(&mine) {
            Some(Status::Accepted | Status::Sent) => Ok(mine.expect("status implies a row")),
            Some(Status::Blocked) => {
                Err(DomainError::FailedPrecondition("you blocked this user: accept the connection to unblock".into()))
            }
            // They asked first: asking back accepts.
            Some(Status::Pending | Status::Ignored) => self.accept(caller.user_id, other, theirs).await,
            _ => {
                self.check_limit(caller.user_id).await?;
                let now = self.deps.now_ms();
                let mut rows = vec![row(caller.user_id, other, Status::Sent, None, now)];
                // Someone who blocked the caller is not told about the request.
                if status_of(&theirs) != Some(Status::Blocked) {
                    rows.push(row(other, caller.user_id, Status::Pending, None, now));
                }
                self.save_and_announce(rows).await
            }
        }
    }

    pub async fn update(
        &self,
        caller: &AuthContext,
        other: QualifiedUserId,
        status: i32,
    ) -> DomainResult<connection::Model> {
        let other = self.other_user(caller, &other).await?;
        let wanted = Status::try_from(status)
            .ok()
            .filter(|s| matches!(s, Status::Accepted | Status::Ignored | Status::Blocked | Status::Cancelled))
            .ok_or_else(|| {
                DomainError::InvalidArgument("status must be ACCEPTED, IGNORED, BLOCKED or CANCELLED".into())
            })?;
        let mine = repo::connections::find(&self.deps.db, caller.user_id, other).await?;
        let theirs = repo::connections::find(&self.deps.db, other, caller.user_id).await?;
        let Some(current) = status_of(&mine) else {
            return Err(DomainError::NotFound("no connection with this user: send a connection request first".into()));
        };
        let mine = mine.expect("status implies a row");
        let now = self.deps.now_ms();
        match (current, wanted) {
            (from, to) if from == to => Ok(mine),
            (Status::Pending | Status::Ignored, Status::Accepted) => self.accept(caller.user_id, other, theirs).await,
            (Status::Blocked, Status::Accepted)
                if matches!(status_of(&theirs), Some(Status::Sent | Status::Accepted)) =>
            {
                self.accept(caller.user_id, other, theirs).await
            }
            (Status::Pending, Status::Ignored) | (_, Status::Blocked) => {
                self.save_and_announce(vec![row(caller.user_id, other, wanted, mine.conversation_id, now)]).await
            }
            (Status::Sent, Status::Cancelled) => {
                let mut rows = vec![row(caller.user_id, other, Status::Cancelled, None, now)];
                if status_of(&theirs) == Some(Status::Pending) {
                    rows.push(row(other, caller.user_id, Status::Cancelled, None, now));
                }
                self.save_and_announce(rows).await
            }
            (from, to) => Err(DomainError::FailedPrecondition(format!(
                "cannot change a {} connection to {}",
                from.as_str_name().trim_start_matches("CONNECTION_STATUS_").to_lowercase(),
                to.as_str_name().trim_start_matches("CONNECTION_STATUS_").to_lowercase()
            ))),
        }
    }

    pub async fn list(
        &self,
        caller: &AuthContext,
        page_size: u32,
        page_token: &str,
    ) -> DomainResult<(Vec<connection::Model>, String)> {
        let limit = page_limit(page_size)?;
        let after = parse_uuid_token(page_token)?;
        let mut rows = repo::connections::list(&self.deps.db, caller.user_id, after, limit + 1).await?;
        let next = if rows.len() as u64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|r| r.other_id.to_string()).unwrap_or_default()
        } else {
            String::new()
        };
        Ok((rows, next))
    }

    /// Whether either user blocked the other (one query: it is on every 1:1 send).
    pub async fn blocked_between(&self, a: Uuid, b: Uuid) -> DomainResult<bool> {
        Ok(repo::connections::either_has_status(&self.deps.db, a, b, Status::Blocked as i32).await?)
    }

    /// Both sides accepted, the 1:1 conversation created (once) and announced.
    async fn accept(
        &self,
        user: Uuid,
        other: Uuid,
        theirs: Option<connection::Model>,
    ) -> DomainResult<connection::Model> {
        self.check_limit(user).await?;
        let now = self.deps.now_ms();
        let txn = missive_db::begin_write(&self.deps.db).await?;
        let (view, created) = ensure_one_to_one(&txn, user, other, now).await?;
        let conversation = Some(view.conversation.id);
        let mut rows = vec![row(user, other, Status::Accepted, conversation, now)];
        if status_of(&theirs) != Some(Status::Blocked) {
            rows.push(row(other, user, Status::Accepted, conversation, now));
        }
        repo::connections::save_in(&txn, rows.clone()).await?;
        let mut deliveries = self.connection_events(&txn, &rows).await?;
        if created {
            deliveries.extend(announce_created(&self.events, &txn, &view, &self.deps.domain).await?);
        }
        txn.commit().await?;
        self.events.publish(deliveries).await;
        Ok(rows.swap_remove(0))
    }

    async fn save_and_announce(&self, rows: Vec<connection::Model>) -> DomainResult<connection::Model> {
        let txn = missive_db::begin_write(&self.deps.db).await?;
        repo::connections::save_in(&txn, rows.clone()).await?;
        let deliveries = self.connection_events(&txn, &rows).await?;
        txn.commit().await?;
        self.events.publish(deliveries).await;
        Ok(rows.into_iter().next().expect("at least the caller's row"))
    }

    /// Each row goes to its own user's devices only.
    async fn connection_events<C: missive_db::sea_orm::ConnectionTrait>(
        &self,
        db: &C,
        rows: &[connection::Model],
    ) -> DomainResult<Vec<crate::bus::Delivery>> {
        let mut outgoing = Vec::new();
        for changed in rows {
            let payload = pb::event::Payload::ConnectionUpdated(pb::ConnectionUpdated {
                connection: Some(to_pb(changed, &self.deps.domain)),
            });
            for (user_id, device_id) in repo::devices::list_for_users(db, &[changed.user_id]).await? {
                outgoing.push(Outgoing { user_id, device_id, payload: payload.clone() });
            }
        }
        self.events.store(db, outgoing).await
    }

    async fn check_limit(&self, user: Uuid) -> DomainResult<()> {
        let counted = [Status::Sent as i32, Status::Accepted as i32];
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
        if other.id == caller.user_id {
            return Err(DomainError::InvalidArgument("cannot connect to yourself".into()));
        }
        if repo::users::find_by_id(&self.deps.db, other.id).await?.is_none() {
            return Err(DomainError::NotFound(format!("unknown user {}", other.id)));
        }
        Ok(other.id)
    }
}

fn row(user_id: Uuid, other_id: Uuid, status: Status, conversation_id: Option<Uuid>, now: i64) -> connection::Model {
    connection::Model { user_id, other_id, status: status as i32, conversation_id, updated_at: now }
}
