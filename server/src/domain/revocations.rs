//! Revoked sessions: a removed device, a logout or a reused refresh token
//! cuts that session's access tokens off at once, on every instance, with no
//! database read per request.
//!
//! Access tokens are stateless and live up to `access_token_ttl`; what ends
//! one early is its session id being in [`RevokedSessions`], an in-memory set
//! each instance keeps. The change that revokes writes a row in its own
//! transaction and adds the session to the local set after commit; with
//! several instances (Redis configured) every instance re-reads the recent
//! rows every [`POLL_INTERVAL`] (one indexed query per instance, whatever the
//! traffic), and the set is rebuilt from the store at start. A row or set entry older than the token lifetime is
//! forgotten: no token of that session can still be valid.

use super::Deps;
use crate::clock::duration_ms;
use crate::error::DomainResult;
use missive_db::repo;
use missive_db::sea_orm::ConnectionTrait;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uuid::Uuid;

/// How often each instance reads revocations made by the others.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);
/// How far back each poll reads: covers commits that land late and clocks
/// that differ between instances.
const POLL_WINDOW: Duration = Duration::from_secs(60);

/// The sessions whose access tokens must be refused, with when they were
/// revoked. Checked on every authenticated request, so it is only memory.
#[derive(Default)]
pub struct RevokedSessions {
    sessions: Mutex<HashMap<Uuid, i64>>,
}

impl RevokedSessions {
    pub fn contains(&self, session: &Uuid) -> bool {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner()).contains_key(session)
    }

    pub(super) fn insert_all(&self, revoked: impl IntoIterator<Item = (Uuid, i64)>) {
        let mut sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        for (session, at) in revoked {
            sessions.entry(session).or_insert(at);
        }
    }

    fn forget_before(&self, cutoff: i64) {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner()).retain(|_, at| *at >= cutoff);
    }
}

pub struct Revocations {
    deps: Deps,
    revoked: Arc<RevokedSessions>,
    /// Access-token lifetime: how long a revocation matters.
    token_ttl: Duration,
}

impl Revocations {
    pub fn new(deps: Deps, revoked: Arc<RevokedSessions>, token_ttl: Duration) -> Revocations {
        Revocations { deps, revoked, token_ttl }
    }

    /// Writes the revocation in the caller's transaction; call
    /// [`Revocations::apply`] once it commits.
    pub async fn record<C: ConnectionTrait>(&self, db: &C, sessions: &[Uuid]) -> DomainResult<()> {
        Ok(repo::revocations::record(db, sessions, self.deps.now_ms()).await?)
    }

    /// Refuses the sessions on this instance now (the others follow within
    /// a poll interval).
    pub fn apply(&self, sessions: &[Uuid]) {
        let now = self.deps.now_ms();
        self.revoked.insert_all(sessions.iter().map(|&session| (session, now)));
    }

    /// Rebuilds the set from the store: every revocation a live token may
    /// still belong to.
    pub async fn load(&self) -> DomainResult<usize> {
        let since = self.deps.now_ms() - duration_ms(self.token_ttl);
        self.read_since(since).await
    }

    /// Reads recent revocations (the poll), and forgets the expired ones.
    pub async fn refresh(&self) -> DomainResult<usize> {
        let now = self.deps.now_ms();
        self.revoked.forget_before(now - duration_ms(self.token_ttl));
        self.read_since(now - duration_ms(POLL_WINDOW)).await
    }

    /// Forgets revocations no token can need any more, stored and in memory.
    pub async fn expire(&self) -> DomainResult<u64> {
        let cutoff = self.deps.now_ms() - duration_ms(self.token_ttl);
        self.revoked.forget_before(cutoff);
        Ok(repo::revocations::expire(&self.deps.db, cutoff).await?)
    }

    async fn read_since(&self, since: i64) -> DomainResult<usize> {
        let rows = repo::revocations::since(&self.deps.db, since).await?;
        let read = rows.len();
        self.revoked.insert_all(rows.into_iter().map(|row| (row.session_id, row.revoked_at)));
        Ok(read)
    }
}
