//! Delivery of the federation outbox: notifications that a change owned
//! here queued for other backends ([`UnitOfWork::tell`]), in the change's
//! own transaction.
//!
//! One worker per destination, in order: the oldest notification is
//! delivered, and only once it is acknowledged does the next go. A failure
//! is retried with capped exponential backoff, for as long as it takes: a
//! backend that is down for hours gets everything, in order, when it
//! returns. With several instances a lease row per destination keeps one
//! worker at a time; a lease that is not renewed (its instance died) is
//! taken over after [`LEASE`]. Receivers apply each delivery id once, so a
//! delivery repeated after a crash between "applied" and "deleted here" is
//! harmless.
//!
//! [`UnitOfWork::tell`]: super::unit_of_work::UnitOfWork::tell

use super::Deps;
use super::federation::EncodedNotification;
use super::ids::BackendDomain;
use crate::error::DomainResult;
use missive_db::repo;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tracing::Instrument;

/// How long a worker's claim on a destination lasts without renewal. Longer
/// than one delivery attempt may take (the federation client's deadline).
pub const LEASE: Duration = Duration::from_secs(20);
/// How often the outbox looks for work nobody woke it for (another
/// instance's queue whose lease expired, retries due).
const SWEEP: Duration = Duration::from_secs(1);
const FIRST_RETRY: Duration = Duration::from_millis(250);
/// How long an applied delivery id is remembered.
pub const INBOX_MEMORY: Duration = Duration::from_secs(30 * 24 * 3600);
const INBOX_PRUNE_INTERVAL: Duration = Duration::from_secs(3600);

/// Outbox times are wall-clock milliseconds, not the domain's clock: they
/// schedule real retries and leases shared between processes, and a test
/// that moves the domain's clock must not stall or rush them.
pub fn wall_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

pub struct Outbox {
    deps: Deps,
    /// This instance, as a lease holder.
    holder: String,
    max_retry: Duration,
    running: Mutex<HashSet<String>>,
}

impl Outbox {
    pub fn new(deps: Deps, max_retry: Duration) -> Arc<Outbox> {
        let holder = uuid::Uuid::new_v4().to_string();
        Arc::new(Outbox { deps, holder, max_retry: max_retry.max(FIRST_RETRY), running: Mutex::new(HashSet::new()) })
    }

    /// Runs until aborted: starts a worker for each destination with
    /// anything queued, when woken by a commit and every [`SWEEP`].
    pub async fn run(self: Arc<Self>) {
        let wake = self.deps.outbox_wake.clone();
        loop {
            match repo::federation::destinations(&self.deps.db).await {
                Ok(destinations) => {
                    for destination in destinations {
                        self.start(destination);
                    }
                }
                Err(err) => tracing::warn!(error = %err, "cannot read the federation outbox; retrying"),
            }
            tokio::select! {
                () = wake.notified() => {}
                () = tokio::time::sleep(SWEEP) => {}
            }
        }
    }

    fn start(self: &Arc<Self>, destination: String) {
        let Ok(mut running) = self.running.lock() else { return };
        if !running.insert(destination.clone()) {
            return;
        }
        let outbox = self.clone();
        tokio::spawn(async move {
            if let Err(err) = outbox.work(&destination).await {
                tracing::warn!(%destination, error = %err, "federation outbox worker stopped; restarting on the next sweep");
            }
            if let Ok(mut running) = outbox.running.lock() {
                running.remove(&destination);
            }
        });
    }

    /// Delivers `destination`'s queue in order until it is empty or
    /// another instance holds it.
    async fn work(&self, destination: &str) -> DomainResult<()> {
        let domain = match BackendDomain::parse(destination) {
            Ok(domain) => domain,
            Err(reason) => {
                tracing::error!(%destination, %reason, "federation outbox destination is not a domain");
                return Ok(());
            }
        };
        let db = &self.deps.db;
        let mut failures_logged = 0u32;
        loop {
            let now = wall_ms();
            let until = now + LEASE.as_millis() as i64;
            if !repo::federation::take_lease(db, destination, &self.holder, now, until).await? {
                return Ok(());
            }
            let Some(head) = repo::federation::head(db, destination).await? else {
                repo::federation::release_lease(db, destination, &self.holder).await?;
                return Ok(());
            };
            if head.next_attempt_at > now {
                let wait = Duration::from_millis((head.next_attempt_at - now) as u64).min(SWEEP);
                tokio::time::sleep(wait).await;
                continue;
            }
            let stored = EncodedNotification { kind: head.kind, body: head.body.clone() };
            // The trace of the change that queued it, else a trace of its own.
            let traced = match &head.trace_parent {
                Some(_) => crate::telemetry::traces_on(),
                None => crate::telemetry::sampling::sampled(None),
            };
            let span = match traced {
                true => tracing::debug_span!(
                    target: crate::telemetry::FEDERATION,
                    "federation.outbox.deliver",
                    missive.destination = %destination,
                    missive.attempts = head.attempts
                ),
                false => tracing::Span::none(),
            };
            crate::telemetry::propagation::continue_trace(&span, head.trace_parent.as_deref());
            match self.deps.remotes.deliver(&domain, &stored).instrument(span).await {
                Ok(()) => {
                    repo::federation::delivered(db, head.id).await?;
                    if failures_logged > 0 {
                        tracing::info!(%destination, "federation deliveries resumed");
                        failures_logged = 0;
                    }
                }
                Err(err) => {
                    let attempts = head.attempts.saturating_add(1);
                    let backoff = self.backoff(attempts);
                    let at = wall_ms() + backoff.as_millis() as i64;
                    repo::federation::retry_later(db, head.id, attempts, at).await?;
                    // The first failure, then one line per ten, not one per retry.
                    if failures_logged.is_multiple_of(10) {
                        tracing::warn!(
                            %destination, attempts, retry_in = ?backoff, error = %err,
                            "federation delivery failed; kept in the outbox"
                        );
                    }
                    failures_logged += 1;
                }
            }
        }
    }

    fn backoff(&self, attempts: i32) -> Duration {
        let doublings = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(16);
        FIRST_RETRY.saturating_mul(1 << doublings).min(self.max_retry)
    }

    /// Runs until aborted: every `every`, logs each destination with
    /// notifications waiting; once an hour, forgets old applied deliveries.
    pub async fn report_and_prune(self: Arc<Self>, every: Duration) {
        let mut ticks = tokio::time::interval(every);
        let mut last_prune: Option<std::time::Instant> = None;
        loop {
            ticks.tick().await;
            match self.depth().await {
                Ok(depth) => {
                    for (destination, queued, oldest) in depth {
                        tracing::info!(%destination, queued, oldest = ?oldest, "federation outbox waiting");
                    }
                }
                Err(err) => tracing::warn!(error = %err, "cannot read the federation outbox depth"),
            }
            if last_prune.is_none_or(|at| at.elapsed() >= INBOX_PRUNE_INTERVAL) {
                last_prune = Some(std::time::Instant::now());
                if let Err(err) = self.prune_inbox().await {
                    tracing::warn!(error = %err, "federation inbox pruning failed; retrying later");
                }
            }
        }
    }

    /// Forgets applied deliveries older than [`INBOX_MEMORY`]: no outbox
    /// retries a notification that long.
    pub async fn prune_inbox(&self) -> DomainResult<u64> {
        let before = wall_ms() - INBOX_MEMORY.as_millis() as i64;
        Ok(repo::federation::prune_inbox(&self.deps.db, before).await?)
    }

    /// Per destination: how many notifications wait and the age of the
    /// oldest, for operators (logged, and the hook for metrics).
    pub async fn depth(&self) -> DomainResult<Vec<(String, u64, Duration)>> {
        let now = wall_ms();
        Ok(repo::federation::depth(&self.deps.db)
            .await?
            .into_iter()
            .map(|(destination, queued, oldest)| {
                (destination, queued.max(0) as u64, Duration::from_millis(now.saturating_sub(oldest).max(0) as u64))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::TestDomain;

    #[tokio::test]
    async fn retries_back_off_exponentially_up_to_the_cap() {
        let domain = TestDomain::new(1, Duration::from_secs(30)).await;
        let outbox = Outbox::new(domain.events.deps().clone(), Duration::from_secs(5));
        let waits: Vec<u128> = (1..=8).map(|attempt| outbox.backoff(attempt).as_millis()).collect();
        assert_eq!(waits, [250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
        assert_eq!(outbox.backoff(i32::MAX), Duration::from_secs(5));
    }
}
