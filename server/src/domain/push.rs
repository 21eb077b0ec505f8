//! Push: the devices' tokens, and waking a device that has no open stream.
//!
//! A wake-up holds no content (no ciphertext, sender or conversation): a
//! notification id and the device's newest cursor, so an app that wakes
//! opens its stream and reads what waits. There is no queue of wake-ups: a
//! device is owed one when its newest event is beyond the cursor its last
//! wake-up covered (`push_tokens.pushed_seq`) and it has not acknowledged
//! it. So a crash between storing an event and pushing loses nothing: the
//! sweep at start finds every device owed a wake-up.
//!
//! After each commit that stored events, the devices with no stream here
//! are handed to the [`Pusher`] as hints. It waits a moment for the rest of
//! a burst (`collapse`), then looks at the hinted devices that have a token
//! and pushes those that no instance streams to, at most one wake-up per
//! device per `min_interval`. A device's row is claimed for the attempt, so
//! two instances never push it at once; a failed attempt is retried with
//! backoff from the row's `retry_at`, which survives restarts.

use super::Deps;
use super::events::Events;
use super::ids::{DeviceId, DeviceRef, UserId};
use super::outbox::wall_ms;
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use crate::error::{DomainError, DomainResult};
use missive_db::entity::push_token;
use missive_db::repo;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long one instance holds a device's wake-up: longer than an attempt.
const LEASE: Duration = Duration::from_secs(30);
/// How often retries that fell due are looked for.
const SWEEP: Duration = Duration::from_secs(1);
/// How often every token is scanned for a wake-up owed that no hint named
/// (another instance stored the events and died before pushing).
const RESCAN: Duration = Duration::from_secs(60);
const FIRST_RETRY: Duration = Duration::from_secs(1);
/// Devices looked at per round.
const ROUND: u64 = 500;
/// Wake-ups in flight at once.
const CONCURRENT: usize = 16;

pub const MAX_APNS_TOKEN_HEX: usize = 200;
pub const MAX_TOPIC: usize = 255;
pub const MAX_FCM_TOKEN: usize = 4096;
pub const MAX_ENDPOINT: usize = 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    Apns,
    Fcm,
    WebPush,
}

impl Provider {
    fn code(self) -> i32 {
        match self {
            Provider::Apns => 1,
            Provider::Fcm => 2,
            Provider::WebPush => 3,
        }
    }

    fn from_code(code: i32) -> Option<Provider> {
        match code {
            1 => Some(Provider::Apns),
            2 => Some(Provider::Fcm),
            3 => Some(Provider::WebPush),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Provider::Apns => "APNs",
            Provider::Fcm => "FCM",
            Provider::WebPush => "Web Push",
        }
    }
}

/// Per provider: devices with a token owed a wake-up, and the age of the
/// oldest event one is owed for (for the push backlog gauges).
pub async fn backlog(deps: &Deps) -> DomainResult<Vec<(&'static str, u64, Option<Duration>)>> {
    let now = wall_ms();
    Ok(repo::push::backlog(&deps.db)
        .await?
        .into_iter()
        .filter_map(|(code, owed, oldest)| {
            let age = oldest.map(|at| Duration::from_millis(now.saturating_sub(at).max(0) as u64));
            Some((Provider::from_code(code)?.name(), owed.max(0) as u64, age))
        })
        .collect())
}

/// A device's token, as the device gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushToken {
    Apns { device_token: String, topic: String, sandbox: bool },
    Fcm { registration_token: String },
    WebPush { endpoint: String, p256dh: Vec<u8>, auth: Vec<u8> },
}

impl PushToken {
    pub fn provider(&self) -> Provider {
        match self {
            PushToken::Apns { .. } => Provider::Apns,
            PushToken::Fcm { .. } => Provider::Fcm,
            PushToken::WebPush { .. } => Provider::WebPush,
        }
    }

    /// The text that identifies the token at its provider.
    fn key(&self) -> &str {
        match self {
            PushToken::Apns { device_token, .. } => device_token,
            PushToken::Fcm { registration_token } => registration_token,
            PushToken::WebPush { endpoint, .. } => endpoint,
        }
    }

    fn from_row(row: &push_token::Model) -> Option<PushToken> {
        Some(match Provider::from_code(row.provider)? {
            Provider::Apns => PushToken::Apns {
                device_token: row.token.clone(),
                topic: row.topic.clone().unwrap_or_default(),
                sandbox: row.sandbox,
            },
            Provider::Fcm => PushToken::Fcm { registration_token: row.token.clone() },
            Provider::WebPush => PushToken::WebPush {
                endpoint: row.token.clone(),
                p256dh: row.p256dh.clone().unwrap_or_default(),
                auth: row.auth.clone().unwrap_or_default(),
            },
        })
    }

    /// Checks the shape of what a device hands in; `allow_http` lets a Web
    /// Push endpoint be plain http (a push service on the operator's own
    /// network, or tests).
    pub fn validate(&self, allow_http: bool) -> DomainResult<()> {
        let bad = |reason: String| Err(DomainError::InvalidArgument(reason));
        match self {
            PushToken::Apns { device_token, topic, .. } => {
                if device_token.is_empty()
                    || device_token.len() > MAX_APNS_TOKEN_HEX
                    || device_token.len() % 2 != 0
                    || !device_token.bytes().all(|b| b.is_ascii_hexdigit())
                {
                    return bad(format!(
                        "apns.device_token must be an even number of hex digits, at most {MAX_APNS_TOKEN_HEX}"
                    ));
                }
                if topic.is_empty() || topic.len() > MAX_TOPIC || !topic.bytes().all(|b| b.is_ascii_graphic()) {
                    return bad(format!(
                        "apns.topic must be the app's bundle id (1 to {MAX_TOPIC} visible characters)"
                    ));
                }
            }
            PushToken::Fcm { registration_token } => {
                if registration_token.is_empty()
                    || registration_token.len() > MAX_FCM_TOKEN
                    || !registration_token.bytes().all(|b| b.is_ascii_graphic())
                {
                    return bad(format!(
                        "fcm.registration_token must be 1 to {MAX_FCM_TOKEN} visible ASCII characters"
                    ));
                }
            }
            PushToken::WebPush { endpoint, p256dh, auth } => {
                let scheme_ok = endpoint.starts_with("https://") || (allow_http && endpoint.starts_with("http://"));
                let parsed = endpoint.parse::<http::Uri>().ok();
                if endpoint.len() > MAX_ENDPOINT
                    || !scheme_ok
                    || parsed.as_ref().and_then(|uri| uri.host()).is_none_or(str::is_empty)
                {
                    let schemes = if allow_http { "an http(s)" } else { "an https" };
                    return bad(format!(
                        "web_push.endpoint must be {schemes} URL with a host, at most {MAX_ENDPOINT} bytes"
                    ));
                }
                if p256dh.len() != 65 || p256dh[0] != 4 {
                    return bad("web_push.p256dh must be an uncompressed P-256 point (65 bytes, first 0x04)".into());
                }
                if auth.len() != 16 {
                    return bad("web_push.auth must be 16 bytes".into());
                }
            }
        }
        Ok(())
    }
}

/// What a wake-up says: no content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wake {
    /// Random, new for each wake-up: lets an app drop a duplicate.
    pub notification_id: String,
    /// The device's newest event cursor when the wake-up left.
    pub cursor: u64,
}

/// How a provider answered a wake-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WakeOutcome {
    Delivered,
    /// The token no longer reaches the app: remove it.
    Gone(String),
    /// Try again later (rate limited, provider down, network); the provider
    /// may say when.
    Retry {
        reason: String,
        after: Option<Duration>,
    },
    /// Refused for good (a request the provider will never take): this
    /// wake-up is dropped, the token kept.
    Refused(String),
}

pub type WakeFuture<'a> = Pin<Box<dyn Future<Output = WakeOutcome> + Send + 'a>>;

/// The push services this backend is configured for.
pub trait PushProviders: Send + Sync + 'static {
    fn configured(&self, provider: Provider) -> bool;
    /// The VAPID public key (uncompressed P-256) when Web Push is on.
    fn vapid_public_key(&self) -> Option<Vec<u8>>;
    fn wake<'a>(&'a self, token: &'a PushToken, wake: &'a Wake) -> WakeFuture<'a>;
}

pub type PresenceFuture<'a> = Pin<Box<dyn Future<Output = Vec<bool>> + Send + 'a>>;

/// Which devices have a stream open on any instance.
pub trait Presence: Send + Sync + 'static {
    fn streaming<'a>(&'a self, devices: &'a [DeviceRef]) -> PresenceFuture<'a>;
}

#[derive(Debug, Clone)]
pub struct PushSettings {
    /// How long the first hint waits for the rest of its burst.
    pub collapse: Duration,
    /// At most one wake-up per device this often.
    pub min_interval: Duration,
    /// Longest wait between two attempts (the backoff doubles from 1 s).
    pub retry_max: Duration,
    /// Web Push endpoints may be plain http.
    pub allow_http_endpoints: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushConfig {
    pub apns: bool,
    pub fcm: bool,
    pub web_push: bool,
    pub vapid_public_key: Vec<u8>,
}

/// Setting, reading and removing the caller's token.
pub struct PushTokens {
    deps: Deps,
    events: Arc<Events>,
    providers: Arc<dyn PushProviders>,
    allow_http_endpoints: bool,
}

impl PushTokens {
    pub fn new(deps: Deps, events: Arc<Events>, providers: Arc<dyn PushProviders>, settings: &PushSettings) -> Self {
        PushTokens { deps, events, providers, allow_http_endpoints: settings.allow_http_endpoints }
    }

    pub async fn set(&self, caller: &AuthContext, token: PushToken) -> DomainResult<()> {
        token.validate(self.allow_http_endpoints)?;
        let provider = token.provider();
        if !self.providers.configured(provider) {
            return Err(DomainError::FailedPrecondition(format!(
                "this backend is not configured for {} push; ask its operator (docs/push.md)",
                provider.name()
            )));
        }
        let work = UnitOfWork::begin(&self.events).await?;
        let queue = repo::events::queue_state(work.db(), caller.user.0, caller.device.as_str())
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("this device was removed".to_owned()))?;
        let (topic, sandbox, p256dh, auth) = match &token {
            PushToken::Apns { topic, sandbox, .. } => (Some(topic.clone()), *sandbox, None, None),
            PushToken::Fcm { .. } => (None, false, None, None),
            PushToken::WebPush { p256dh, auth, .. } => (None, false, Some(p256dh.clone()), Some(auth.clone())),
        };
        let row = push_token::Model {
            user_id: caller.user.0,
            device_id: caller.device.as_str().to_owned(),
            provider: provider.code(),
            token: token.key().to_owned(),
            topic,
            sandbox,
            p256dh,
            auth,
            updated_at: self.deps.now_ms(),
            // A device that registers is awake: what it has now is not owed.
            pushed_seq: queue.head,
            last_pushed_at: 0,
            attempts: 0,
            retry_at: None,
            lease_until: 0,
        };
        repo::push::set(work.db(), row).await?;
        work.keeps_reads().commit().await
    }

    /// The providers configured here, and the Web Push key.
    pub fn config(&self) -> PushConfig {
        PushConfig {
            apns: self.providers.configured(Provider::Apns),
            fcm: self.providers.configured(Provider::Fcm),
            web_push: self.providers.configured(Provider::WebPush),
            vapid_public_key: self.providers.vapid_public_key().unwrap_or_default(),
        }
    }

    pub async fn get(&self, caller: &AuthContext) -> DomainResult<Option<PushToken>> {
        let row = repo::push::find(&self.deps.db, caller.user.0, caller.device.as_str()).await?;
        Ok(row.as_ref().and_then(PushToken::from_row))
    }

    pub async fn remove(&self, caller: &AuthContext) -> DomainResult<()> {
        let work = UnitOfWork::begin(&self.events).await?;
        repo::push::remove(work.db(), caller.user.0, caller.device.as_str()).await?;
        work.keeps_reads().commit().await
    }
}

/// Wakes devices; see the module's documentation.
pub struct Pusher {
    deps: Deps,
    events: Arc<Events>,
    providers: Arc<dyn PushProviders>,
    presence: Arc<dyn Presence>,
    settings: PushSettings,
    hints: Arc<PushHints>,
}

/// The devices that got stored events and have no stream here, waiting for
/// the [`Pusher`]'s next round. Held by `Events`, which hints after each
/// commit.
#[derive(Default)]
pub struct PushHints {
    hinted: Mutex<HashSet<DeviceRef>>,
    wake: tokio::sync::Notify,
}

impl PushHints {
    pub fn hint(&self, devices: impl IntoIterator<Item = DeviceRef>) {
        let mut hinted = self.hinted.lock().unwrap_or_else(|p| p.into_inner());
        let before = hinted.len();
        hinted.extend(devices);
        if hinted.len() > before {
            self.wake.notify_one();
        }
    }

    fn take(&self) -> HashSet<DeviceRef> {
        std::mem::take(&mut *self.hinted.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl Pusher {
    pub fn new(
        deps: Deps,
        events: Arc<Events>,
        providers: Arc<dyn PushProviders>,
        presence: Arc<dyn Presence>,
        settings: PushSettings,
        hints: Arc<PushHints>,
    ) -> Arc<Pusher> {
        Arc::new(Pusher { deps, events, providers, presence, settings, hints })
    }

    /// Runs until aborted.
    pub async fn run(self: Arc<Self>) {
        let mut last_scan: Option<tokio::time::Instant> = None;
        // Hints are taken only after the collapse that their wake-up
        // started, never by the periodic sweep: a sweep that fell in the
        // first moment of a burst would push its first cursor, and the
        // rest of the burst would wait out `min_interval`.
        let mut collapsed = false;
        loop {
            let mut devices = if collapsed { self.hints.take() } else { HashSet::new() };
            let now = wall_ms();
            match repo::push::due(&self.deps.db, now, ROUND).await {
                Ok(due) => devices.extend(due.into_iter().filter_map(device_ref)),
                Err(err) => tracing::warn!(error = %err, "cannot read the push retries; retrying"),
            }
            if last_scan.is_none_or(|at| at.elapsed() >= RESCAN) {
                match repo::push::unannounced(&self.deps.db, ROUND * 20).await {
                    Ok(owed) => {
                        devices.extend(owed.into_iter().filter_map(device_ref));
                        last_scan = Some(tokio::time::Instant::now());
                    }
                    Err(err) => tracing::warn!(error = %err, "cannot scan for wake-ups owed; retrying"),
                }
            }
            if !devices.is_empty() {
                let devices: Vec<DeviceRef> = devices.into_iter().collect();
                for round in devices.chunks(ROUND as usize) {
                    if let Err(err) = self.round(round).await {
                        tracing::warn!(error = %err, "push round failed; the devices are looked at again later");
                    }
                }
            }
            collapsed = tokio::select! {
                () = self.hints.wake.notified() => {
                    tokio::time::sleep(self.settings.collapse).await;
                    true
                }
                () = tokio::time::sleep(SWEEP) => false,
            };
        }
    }

    async fn round(&self, devices: &[DeviceRef]) -> DomainResult<()> {
        let keys: Vec<_> = devices.iter().map(|d| (d.user.0, d.device.as_str().to_owned())).collect();
        let targets = repo::push::targets(&self.deps.db, &keys).await?;
        if targets.is_empty() {
            return Ok(());
        }
        // Paired before the presence read, so a row whose device id does not
        // parse cannot shift the answers onto the wrong devices.
        let (targets, refs): (Vec<_>, Vec<_>) = targets
            .into_iter()
            .filter_map(|t| device_ref((t.token.user_id, t.token.device_id.clone())).map(|r| (t, r)))
            .unzip();
        let streaming = self.presence.streaming(&refs).await;
        let attempts = targets.into_iter().zip(streaming).map(|(target, streaming)| self.consider(target, streaming));
        use futures_util::StreamExt;
        let results: Vec<DomainResult<()>> =
            futures_util::stream::iter(attempts).buffer_unordered(CONCURRENT).collect().await;
        results.into_iter().collect()
    }

    /// Pushes one device if it is owed a wake-up and may have one now.
    async fn consider(&self, target: repo::push::Target, streaming: bool) -> DomainResult<()> {
        let row = &target.token;
        let (user, device) = (row.user_id, row.device_id.as_str());
        let owed = target.last_event_seq > row.pushed_seq && target.acked_seq < target.last_event_seq;
        if !owed || streaming {
            if row.retry_at.is_some() {
                let work = self.begin().await?;
                repo::push::schedule(work.db(), user, device, 0, None).await?;
                work.keeps_reads().commit().await?;
            }
            return Ok(());
        }
        let Some(token) = PushToken::from_row(row) else { return Ok(()) };
        if !self.providers.configured(token.provider()) {
            return Ok(());
        }
        let now = wall_ms();
        if row.retry_at.is_some_and(|at| at > now) {
            return Ok(());
        }
        let allowed_at = row.last_pushed_at.saturating_add(self.settings.min_interval.as_millis() as i64);
        if row.last_pushed_at > 0 && now < allowed_at {
            let attempts = row.attempts;
            let work = self.begin().await?;
            repo::push::schedule(work.db(), user, device, attempts, Some(allowed_at)).await?;
            return work.keeps_reads().commit().await;
        }
        let until = now + LEASE.as_millis() as i64;
        let work = self.begin().await?;
        let claimed = repo::push::claim(work.db(), row, now, until).await?;
        work.keeps_reads().commit().await?;
        if !claimed {
            return Ok(());
        }
        let wake = Wake { notification_id: uuid::Uuid::new_v4().to_string(), cursor: target.last_event_seq as u64 };
        let outcome = match tokio::time::timeout(LEASE / 2, self.providers.wake(&token, &wake)).await {
            Ok(outcome) => outcome,
            Err(_) => WakeOutcome::Retry { reason: "timed out".to_owned(), after: None },
        };
        let provider = token.provider().name();
        let seq = target.last_event_seq;
        let work = self.begin().await?;
        match outcome {
            WakeOutcome::Delivered => repo::push::pushed(work.db(), user, device, seq, wall_ms()).await?,
            WakeOutcome::Gone(reason) => {
                tracing::info!(provider, %reason, "push token gone; removed");
                repo::push::remove_if_token(work.db(), user, device, token.key()).await?;
            }
            WakeOutcome::Retry { reason, after } => {
                let attempts = row.attempts.saturating_add(1);
                let wait =
                    after.unwrap_or_default().max(self.backoff(attempts)).min(self.settings.retry_max.max(FIRST_RETRY));
                let at = wall_ms() + wait.as_millis() as i64;
                if attempts == 1 || attempts % 10 == 0 {
                    tracing::warn!(provider, attempts, retry_in = ?wait, %reason, "push failed; retrying later");
                }
                repo::push::schedule(work.db(), user, device, attempts, Some(at)).await?;
            }
            WakeOutcome::Refused(reason) => {
                tracing::warn!(provider, %reason, "push refused by the provider; this wake-up is dropped");
                repo::push::pushed(work.db(), user, device, seq, wall_ms()).await?;
            }
        }
        work.keeps_reads().commit().await
    }

    fn backoff(&self, attempts: i32) -> Duration {
        let doublings = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(16);
        FIRST_RETRY.saturating_mul(1 << doublings)
    }

    /// A small write in its own unit of work, which on SQLite waits for
    /// the one writer's turn like every other write (never refused: these
    /// are few, one per device pushed).
    async fn begin(&self) -> DomainResult<UnitOfWork<'_>> {
        let admission = self.deps.writes.enter_patiently().await;
        UnitOfWork::begin_admitted(&self.events, admission).await
    }
}

fn device_ref((user, device): (uuid::Uuid, String)) -> Option<DeviceRef> {
    Some(DeviceRef::new(UserId(user), DeviceId::parse("device_id", &device).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn web(endpoint: &str, p256dh: Vec<u8>, auth: Vec<u8>) -> PushToken {
        PushToken::WebPush { endpoint: endpoint.to_owned(), p256dh, auth }
    }

    #[test]
    fn tokens_of_the_wrong_shape_are_refused_with_the_reason() {
        let mut point = vec![4u8; 65];
        point[1] = 7;
        let cases = [
            (PushToken::Apns { device_token: "zz".into(), topic: "app".into(), sandbox: false }, "hex"),
            (PushToken::Apns { device_token: "abc".into(), topic: "app".into(), sandbox: false }, "even"),
            (PushToken::Apns { device_token: "ab".into(), topic: "".into(), sandbox: false }, "bundle id"),
            (PushToken::Fcm { registration_token: "".into() }, "registration_token"),
            (PushToken::Fcm { registration_token: "a b".into() }, "visible"),
            (web("ftp://push.example/x", point.clone(), vec![0; 16]), "https"),
            (web("http://push.example/x", point.clone(), vec![0; 16]), "https"),
            (web("https://", point.clone(), vec![0; 16]), "host"),
            (web("https://push.example/x", vec![4; 33], vec![0; 16]), "65 bytes"),
            (web("https://push.example/x", vec![3; 65], vec![0; 16]), "0x04"),
            (web("https://push.example/x", point.clone(), vec![0; 15]), "16 bytes"),
        ];
        for (token, needle) in cases {
            let err = token.validate(false).expect_err(&format!("{token:?} accepted"));
            assert!(matches!(err, DomainError::InvalidArgument(_)), "{err:?}");
            assert!(err.to_string().contains(needle), "{token:?}: {err} lacks {needle:?}");
        }
        web("http://push.example/x", point.clone(), vec![0; 16]).validate(true).expect("http allowed when configured");
        web("https://push.example/x", point, vec![0; 16]).validate(false).expect("a good subscription");
        PushToken::Apns { device_token: "ab".repeat(32), topic: "org.example.app".into(), sandbox: true }
            .validate(false)
            .expect("a good APNs token");
    }
}
