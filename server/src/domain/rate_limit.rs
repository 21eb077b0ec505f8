//! Rate limits wherever a client controls volume: login attempts per handle
//! and per address, and per user or per device for sends, key claims,
//! searches, connection requests and stream (re)subscriptions.
//!
//! Each limit counts calls in fixed one-minute windows. With Redis the
//! counters live there (`INCR` + `EXPIRE`, one round trip), so a limit holds
//! across every instance; without it they live in this process. Past a limit
//! the call is refused with `RESOURCE_EXHAUSTED` and a retry hint (the end of
//! the window). If Redis cannot be reached a call is let through (and the
//! outage logged once per interval): an outage must not stop messaging, and
//! the write gate still bounds the load.

use crate::error::{DomainError, DomainResult};
use redis::aio::ConnectionManager;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Limits count in fixed windows of the wall clock this long.
pub const WINDOW_SECS: u64 = 60;
const REDIS_TIMEOUT: Duration = Duration::from_secs(1);
const OUTAGE_LOG_INTERVAL_SECS: i64 = 10;

/// What is limited, and per what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Password logins and device removals, per handle.
    LoginPerHandle,
    /// Unauthenticated account calls, per peer address.
    LoginPerAddress,
    /// SendMessage, per device.
    SendPerDevice,
    /// Prekey and key-package claims, per user.
    ClaimPerUser,
    /// SearchUsers, per user.
    SearchPerUser,
    /// Connection requests, per user.
    ConnectionRequestPerUser,
    /// Subscribe, per device.
    SubscribePerDevice,
    /// Federation requests, per calling backend.
    FederationPerOrigin,
}

impl Limit {
    fn key(self) -> &'static str {
        match self {
            Limit::LoginPerHandle => "login-handle",
            Limit::LoginPerAddress => "login-address",
            Limit::SendPerDevice => "send",
            Limit::ClaimPerUser => "claim",
            Limit::SearchPerUser => "search",
            Limit::ConnectionRequestPerUser => "connect",
            Limit::SubscribePerDevice => "subscribe",
            Limit::FederationPerOrigin => "federation",
        }
    }

    fn refusal(self, retry_in: u64) -> String {
        let what = match self {
            Limit::LoginPerHandle => "too many login attempts for this handle",
            Limit::LoginPerAddress => "too many authentication attempts from this address",
            Limit::SendPerDevice => "too many messages from this device",
            Limit::ClaimPerUser => "too many key claims",
            Limit::SearchPerUser => "too many searches",
            Limit::ConnectionRequestPerUser => "too many connection requests",
            Limit::SubscribePerDevice => "too many subscriptions from this device",
            Limit::FederationPerOrigin => "too many federation requests from this backend",
        };
        format!("{what}; retry in {retry_in} s")
    }
}

/// Calls allowed per minute, per limit.
#[derive(Debug, Clone)]
pub struct Quotas {
    pub login_per_handle: u32,
    pub login_per_address: u32,
    pub sends_per_device: u32,
    pub claims_per_user: u32,
    pub searches_per_user: u32,
    pub connection_requests_per_user: u32,
    pub subscriptions_per_device: u32,
    pub federation_per_origin: u32,
}

impl Quotas {
    fn of(&self, limit: Limit) -> u32 {
        match limit {
            Limit::LoginPerHandle => self.login_per_handle,
            Limit::LoginPerAddress => self.login_per_address,
            Limit::SendPerDevice => self.sends_per_device,
            Limit::ClaimPerUser => self.claims_per_user,
            Limit::SearchPerUser => self.searches_per_user,
            Limit::ConnectionRequestPerUser => self.connection_requests_per_user,
            Limit::SubscribePerDevice => self.subscriptions_per_device,
            Limit::FederationPerOrigin => self.federation_per_origin,
        }
    }
}

enum Counters {
    /// (limit, subject) → (window, calls in it).
    Local(Mutex<HashMap<(Limit, String), (u64, u32)>>),
    /// Keys are `missive:<namespace>:rate:…`.
    Redis { manager: ConnectionManager, namespace: String },
}

pub struct RateLimits {
    quotas: Quotas,
    counters: Counters,
    last_outage_log: AtomicI64,
}

impl RateLimits {
    /// Counters in this process (one instance).
    pub fn local(quotas: Quotas) -> RateLimits {
        RateLimits { quotas, counters: Counters::Local(Mutex::default()), last_outage_log: AtomicI64::new(0) }
    }

    /// Counters in Redis (on the instance's shared command connection),
    /// so every instance counts against the same quota.
    pub fn shared(quotas: Quotas, manager: ConnectionManager, namespace: &str) -> RateLimits {
        let counters = Counters::Redis { manager, namespace: namespace.to_owned() };
        RateLimits { quotas, counters, last_outage_log: AtomicI64::new(0) }
    }

    /// Counts one call of `subject` against `limit`; refuses past the quota.
    pub async fn check(&self, limit: Limit, subject: &str) -> DomainResult<()> {
        let quota = self.quotas.of(limit);
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let window = now / WINDOW_SECS;
        let calls = match &self.counters {
            Counters::Local(counters) => {
                let mut counters = counters.lock().unwrap_or_else(|p| p.into_inner());
                let entry = counters.entry((limit, subject.to_owned())).or_insert((window, 0));
                if entry.0 != window {
                    *entry = (window, 0);
                }
                entry.1 = entry.1.saturating_add(1);
                u64::from(entry.1)
            }
            Counters::Redis { manager, namespace } => {
                match count_in_redis(manager, namespace, limit, subject, window).await {
                    Ok(calls) => calls,
                    Err(err) => {
                        self.log_outage(now, &err);
                        return Ok(());
                    }
                }
            }
        };
        if calls <= u64::from(quota) {
            return Ok(());
        }
        let retry_in = (window + 1) * WINDOW_SECS - now;
        crate::telemetry::metrics::rate_limited(limit.key());
        Err(DomainError::RateLimited { message: limit.refusal(retry_in), retry_after: Duration::from_secs(retry_in) })
    }

    pub async fn check_handle(&self, handle: &str) -> DomainResult<()> {
        self.check(Limit::LoginPerHandle, handle).await
    }

    /// Without a known peer address (e.g. a Unix socket) only the handle limit applies.
    pub async fn check_address(&self, address: Option<IpAddr>) -> DomainResult<()> {
        match address {
            Some(address) => self.check(Limit::LoginPerAddress, &address.to_string()).await,
            None => Ok(()),
        }
    }

    /// Forgets local counters of past windows; called every minute.
    pub fn prune(&self) {
        if let Counters::Local(counters) = &self.counters {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
            let window = now / WINDOW_SECS;
            counters.lock().unwrap_or_else(|p| p.into_inner()).retain(|_, (at, _)| *at == window);
        }
    }

    fn log_outage(&self, now: u64, err: &str) {
        let now = now as i64;
        let last = self.last_outage_log.load(Ordering::Relaxed);
        if now - last >= OUTAGE_LOG_INTERVAL_SECS
            && self.last_outage_log.compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed).is_ok()
        {
            tracing::warn!(error = %err, "rate limits: redis unreachable; letting calls through");
        }
    }
}

/// One round trip: count the call and (re)arm the window's expiry.
async fn count_in_redis(
    manager: &ConnectionManager,
    namespace: &str,
    limit: Limit,
    subject: &str,
    window: u64,
) -> Result<u64, String> {
    let key = format!("missive:{namespace}:rate:{}:{subject}:{window}", limit.key());
    let mut connection = manager.clone();
    let mut pipe = redis::pipe();
    pipe.atomic().incr(&key, 1u64).expire(&key, (WINDOW_SECS + 1) as i64).ignore();
    match tokio::time::timeout(REDIS_TIMEOUT, pipe.query_async::<(u64,)>(&mut connection)).await {
        Ok(Ok((calls,))) => Ok(calls),
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => Err("timed out".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotas(n: u32) -> Quotas {
        Quotas {
            login_per_handle: n,
            login_per_address: n,
            sends_per_device: n,
            claims_per_user: n,
            searches_per_user: n,
            connection_requests_per_user: n,
            subscriptions_per_device: n,
            federation_per_origin: n,
        }
    }

    #[tokio::test]
    async fn a_quota_holds_per_subject_and_says_when_to_retry() {
        let limits = RateLimits::local(quotas(3));
        for _ in 0..3 {
            limits.check(Limit::SendPerDevice, "d1").await.unwrap();
        }
        let refused = limits.check(Limit::SendPerDevice, "d1").await.unwrap_err();
        assert!(refused.to_string().contains("too many messages"), "{refused}");
        let retry = refused.retry_after().unwrap();
        assert!(retry > Duration::ZERO && retry <= Duration::from_secs(WINDOW_SECS));
        limits.check(Limit::SendPerDevice, "d2").await.expect("another device has its own quota");
        limits.check(Limit::SearchPerUser, "d1").await.expect("another limit has its own count");
    }
}
