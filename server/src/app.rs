//! Builds the server from a [`Config`] and runs it until a shutdown signal.

use crate::bus::presence::{LocalPresence, RedisPresence};
use crate::bus::redis::{RedisBus, RedisLink};
use crate::bus::{EventBus, Hub, InProcessBus};
use crate::clock::{Clock, SystemClock, duration_ms};
use crate::config::Config;
use crate::domain::Deps;
use crate::domain::accounts::{AccountSettings, Accounts};
use crate::domain::assets::Assets;
use crate::domain::calls::{CallSettings, Calls};
use crate::domain::connections::Connections;
use crate::domain::conversations::Conversations;
use crate::domain::devices::Devices;
use crate::domain::events::{EventSettings, Events};
use crate::domain::federation::{NoFederation, Remotes};
use crate::domain::ids::BackendDomain;
use crate::domain::keys::Keys;
use crate::domain::messages::{MessageLimits, Messages};
use crate::domain::mls_delivery::MlsDelivery;
use crate::domain::outbox::Outbox;
use crate::domain::push::{PushHints, PushTokens, Pusher};
use crate::domain::rate_limit::{Quotas, RateLimits};
use crate::domain::revocations::{self, Revocations, RevokedSessions};
use crate::domain::send_batch::{GroupCommit, MAX_BATCH};
use crate::domain::tokens::{TokenService, load_or_create_signing_seed};
use crate::domain::unit_of_work::WriteGate;
use crate::domain::users::Users;
use crate::federation::client::FederationClient;
use crate::federation::discovery::Discovery;
use crate::federation::ingress::{IngressLayer, OriginCheck};
use crate::federation::{AllowList, AllowPolicy, TlsMaterial};
use crate::grpc::account::AccountApi;
use crate::grpc::asset::AssetApi;
use crate::grpc::auth::AuthLayer;
use crate::grpc::call::CallApi;
use crate::grpc::connection::ConnectionApi;
use crate::grpc::conversation::ConversationApi;
use crate::grpc::convert::ProtoEventCodec;
use crate::grpc::device::DeviceApi;
use crate::grpc::event::EventApi;
use crate::grpc::federation::FederationApi;
use crate::grpc::key::KeyApi;
use crate::grpc::message::MessageApi;
use crate::grpc::mls::MlsApi;
use crate::grpc::ping::PingApi;
use crate::grpc::push::PushApi;
use crate::grpc::user::UserApi;
use crate::telemetry::rpc::{Api, RpcLayer};
use crate::tls::{self, ServedCertificate};
use anyhow::Context;
use http::Method;
use http::header::HeaderName;
use missive_proto::federation::v1::federation_service_server::FederationServiceServer;
use missive_proto::v1::account_service_server::AccountServiceServer;
use missive_proto::v1::asset_service_server::AssetServiceServer;
use missive_proto::v1::call_service_server::CallServiceServer;
use missive_proto::v1::connection_service_server::ConnectionServiceServer;
use missive_proto::v1::conversation_service_server::ConversationServiceServer;
use missive_proto::v1::device_service_server::DeviceServiceServer;
use missive_proto::v1::event_service_server::EventServiceServer;
use missive_proto::v1::key_service_server::KeyServiceServer;
use missive_proto::v1::message_service_server::MessageServiceServer;
use missive_proto::v1::mls_service_server::MlsServiceServer;
use missive_proto::v1::ping_service_server::PingServiceServer;
use missive_proto::v1::push_service_server::PushServiceServer;
use missive_proto::v1::user_service_server::UserServiceServer;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::server::NamedService;
use tonic::service::{Routes, RoutesBuilder};
use tonic_health::ServingStatus;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// How often events and idempotency records past retention are deleted.
const EXPIRY_INTERVAL: Duration = Duration::from_secs(3600);

/// How often the SQLite write-ahead log is written back to the database:
/// often enough that each write-back is short (a second's worth took 30–40
/// ms of a core, and showed in the send tail) and a power loss loses little.
const CHECKPOINT_INTERVAL: Duration = Duration::from_millis(200);

/// Frames in the SQLite write-ahead log past which a checkpoint finishes
/// while the writer is quiet, so that the log starts over (256 MiB of
/// pages). That end holds the writer for a few milliseconds (two fsyncs):
/// at 16 MiB it came every 200 ms under load and showed in the send tail.
const RESTART_LOG_FRAMES: i64 = 65_536;

/// How long the end of a checkpoint waits for the writer to be idle before
/// it queues for its turn like any write.
const QUIET_PATIENCE: Duration = Duration::from_millis(50);

/// A checkpoint longer than this is logged.
const SLOW_CHECKPOINT: Duration = Duration::from_millis(50);

/// How often a non-empty federation outbox is reported in the log.
const OUTBOX_REPORT_INTERVAL: Duration = Duration::from_secs(60);

/// How long in-flight calls may take to finish once shutdown starts.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

pub struct App {
    config: Config,
    listener: TcpListener,
    local_addr: SocketAddr,
    deps: Deps,
    tokens: Arc<TokenService>,
    revocations: Arc<Revocations>,
    /// Prefix of this deployment's Redis keys and channel.
    namespace: String,
    /// Set when instances share a Redis (bus and rate limits).
    redis: Option<RedisLink>,
    /// Set when this backend federates.
    federation: Option<Federation>,
    /// Set when the client API speaks TLS.
    tls: Option<Arc<ServedCertificate>>,
    calls: CallSettings,
    /// The push services configured (possibly none).
    push: Arc<crate::push::Providers>,
    /// Where asset bytes go.
    blobs: Arc<dyn object_store::ObjectStore>,
    group_commit: GroupCommit,
}

/// What the federation listener needs.
struct Federation {
    tls: TlsMaterial,
    check: Arc<OriginCheck>,
    /// Bound when `federation_listen` is set.
    listener: Option<(TcpListener, SocketAddr)>,
    allow: Arc<AllowList>,
}

/// Applies what a configuration reload may change while the server runs:
/// the client API's certificate and the federation allow list. Other
/// settings take effect at the next start.
#[derive(Clone)]
pub struct Reload {
    allow: Option<Arc<AllowList>>,
    tls: Option<Arc<ServedCertificate>>,
}

impl Reload {
    /// Puts the reloadable settings of `config` in force; what changed, or
    /// why nothing did (then every setting in force stays).
    pub fn apply(&self, config: &Config) -> Result<Vec<String>, String> {
        // Everything is read and checked before anything changes.
        let certificate = match (&self.tls, config.tls_files().map_err(|err| err.0)?) {
            (Some(served), Some((cert, key))) => Some((served, tls::load(&cert, &key)?, cert)),
            (None, Some(_)) => return Err("TLS on a listener started without it needs a restart".into()),
            (Some(_), None) => return Err("TLS off on a listener started with it needs a restart".into()),
            (None, None) => None,
        };
        let policy = match &self.allow {
            Some(allow) => Some((
                allow,
                AllowPolicy::parse(&config.federation_allow)
                    .map_err(|err| format!("federation_allow {:?}: {err}", config.federation_allow))?,
            )),
            None => None,
        };
        let mut changed = Vec::new();
        if let Some((served, key, file)) = certificate
            && served.replace(key)
        {
            changed.push(format!("certificate from {}", file.display()));
        }
        if let Some((allow, policy)) = policy
            && allow.replace(policy)
        {
            changed.push(format!("federation_allow = {:?}", config.federation_allow));
        }
        Ok(changed)
    }

    /// Reads the configuration again with `read`, applies it and logs the
    /// outcome in one line.
    pub fn reload_with(&self, read: impl FnOnce() -> Result<Config, String>) {
        match read().and_then(|config| self.apply(&config)) {
            Ok(changed) if changed.is_empty() => tracing::info!("configuration reloaded: nothing reloadable changed"),
            Ok(changed) => tracing::info!(changed = %changed.join(", "), "configuration reloaded"),
            Err(err) => tracing::warn!(error = %err, "configuration not reloaded; the settings in force stay"),
        }
    }
}

impl App {
    pub async fn build(config: Config) -> anyhow::Result<App> {
        App::build_with_clock(config, Arc::new(SystemClock)).await
    }

    /// As [`App::build`], with the clock the domain uses (tests move it by hand).
    pub async fn build_with_clock(config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<App> {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating data directory {}", config.data_dir.display()))?;
        let calls = config.calls()?;
        let push = Arc::new(crate::push::Providers::new(config.push_providers()?).map_err(anyhow::Error::msg)?);
        // Before the database: a certificate that cannot serve stops the start at once.
        let tls = match config.tls_files()? {
            Some((cert, key)) => {
                Some(Arc::new(ServedCertificate::new(tls::load(&cert, &key).map_err(anyhow::Error::msg)?)))
            }
            None => {
                if !config.listen.ip().is_loopback() {
                    tracing::warn!(addr = %config.listen,
                        "the client API listens beyond loopback without TLS: set tls_cert_file and tls_key_file, or put a TLS proxy in front");
                }
                None
            }
        };
        let database_url = config.database_url();
        let db = missive_db::connect_and_migrate(&database_url)
            .await
            .with_context(|| format!("opening database {}", missive_db::redact(&database_url)))?;
        let backend = missive_db::Backend::of_url(&database_url).unwrap_or(missive_db::Backend::Sqlite);
        let storage = match backend {
            missive_db::Backend::Postgres => "postgresql",
            missive_db::Backend::Sqlite => "sqlite",
        };
        tracing::info!(storage, database = %missive_db::redact(&database_url), "storage ready, migrations applied");
        let location = config.asset_store()?;
        let blobs = crate::blob_store::open(&location).await?;
        tracing::info!(assets = %location.describe(), "asset store ready");
        let domain = BackendDomain::parse(&config.domain).map_err(|reason| anyhow::anyhow!("domain: {reason}"))?;
        let seed = load_or_create_signing_seed(&config.token_key_path())?;
        let revoked = Arc::new(RevokedSessions::default());
        let access_ttl = duration_ms(config.access_token_ttl);
        let tokens = Arc::new(TokenService::new(seed, &domain, access_ttl, clock.clone(), revoked.clone())?);
        let quotas = Quotas {
            login_per_handle: config.login_attempts_per_handle,
            login_per_address: config.login_attempts_per_address,
            sends_per_device: config.sends_per_device_per_minute,
            claims_per_user: config.claims_per_user_per_minute,
            searches_per_user: config.searches_per_user_per_minute,
            connection_requests_per_user: config.connection_requests_per_user_per_minute,
            subscriptions_per_device: config.subscriptions_per_device_per_minute,
            federation_per_origin: config.federation_requests_per_origin_per_minute,
        };
        let namespace = match config.redis_namespace.as_str() {
            "" => domain.to_string(),
            set => set.to_owned(),
        };
        let redis = config.redis_url.as_deref().map(RedisLink::open).transpose()?;
        let limits = Arc::new(match &redis {
            Some(link) => RateLimits::shared(quotas, link.commands.clone(), &namespace),
            None => RateLimits::local(quotas),
        });
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("binding listen address {}", config.listen))?;
        let local_addr = listener.local_addr()?;
        let write_permits = match (config.max_inflight_writes, backend) {
            (0, missive_db::Backend::Postgres) => 16,
            // SQLite has one writer at a time; a hot write holds its place
            // through its reads too, so as many as the pool has connections.
            (0, missive_db::Backend::Sqlite) => 4,
            (set, _) => set as usize,
        };
        let writes = match backend {
            missive_db::Backend::Sqlite => {
                let direct = missive_db::sqlite_writer::SqliteWriter::open_beside(&db).await?;
                WriteGate::new(write_permits, config.write_wait).one_writer_at_a_time(direct)
            }
            missive_db::Backend::Postgres => WriteGate::new(write_permits, config.write_wait),
        };
        let writes = Arc::new(writes);
        // Sends wait for their batch in a pipeline two batches deep per
        // worker, bounded and shedding like the write gate. On PostgreSQL
        // about one batch in flight per core: each is a chain of round trips
        // that wake the database and this process in turn, and on two cores
        // two at once delivered 19 % more than four and eight fewer still,
        // while one alone had a worse tail (PERFORMANCE.md item 41).
        let workers = match backend {
            missive_db::Backend::Sqlite => 1,
            missive_db::Backend::Postgres => {
                let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
                cores.clamp(2, 4).min(write_permits)
            }
        };
        let group_commit = GroupCommit {
            gate: Arc::new(WriteGate::new(
                match config.max_pending_sends {
                    0 => workers * 2 * MAX_BATCH,
                    set => set as usize,
                },
                config.write_wait,
            )),
            workers,
        };
        let (remotes, federation): (Arc<dyn Remotes>, _) = match config.federation()? {
            None => (Arc::new(NoFederation), None),
            Some(settings) => {
                let tls = TlsMaterial::load(&settings)?;
                let discovery = Arc::new(Discovery::new(&settings.name_servers, settings.peers.clone())?);
                let allow = Arc::new(AllowList::new(settings.allow.clone()));
                let client = FederationClient::new(domain.clone(), discovery.clone(), tls.clone(), allow.clone());
                let listener = match settings.listen {
                    None => None,
                    Some(addr) => {
                        let listener = TcpListener::bind(addr)
                            .await
                            .with_context(|| format!("binding federation listen address {addr}"))?;
                        let bound = listener.local_addr()?;
                        Some((listener, bound))
                    }
                };
                let check = Arc::new(OriginCheck::new(discovery, allow.clone(), limits.clone()));
                tracing::info!(allow = %config.federation_allow, "federation configured");
                (Arc::new(client), Some(Federation { tls, check, listener, allow }))
            }
        };
        let outbox_wake = Arc::new(tokio::sync::Notify::new());
        let deps = Deps { db, clock, domain, writes, limits, remotes, outbox_wake };
        let revocations = Arc::new(Revocations::new(deps.clone(), revoked, config.access_token_ttl));
        // Before the listener serves: a restart must not forget a revocation.
        let loaded = revocations.load().await.map_err(|err| anyhow::anyhow!("loading revoked sessions: {err}"))?;
        tracing::info!(revoked_sessions = loaded, "revoked sessions loaded");
        Ok(App {
            config,
            listener,
            local_addr,
            deps,
            tokens,
            revocations,
            namespace,
            redis,
            federation,
            tls,
            calls,
            push,
            blobs,
            group_commit,
        })
    }

    /// What a configuration reload changes in this server once it runs.
    pub fn reload_handle(&self) -> Reload {
        Reload { allow: self.federation.as_ref().map(|federation| federation.allow.clone()), tls: self.tls.clone() }
    }

    /// The bound federation address, when federation listens.
    pub fn federation_addr(&self) -> Option<SocketAddr> {
        self.federation.as_ref().and_then(|federation| federation.listener.as_ref()).map(|(_, addr)| *addr)
    }

    /// The bound address (the real port when the config asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Serves until `shutdown` completes, then stops accepting, reports
    /// NOT_SERVING and lets in-flight calls finish.
    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let App {
            config,
            listener,
            local_addr,
            deps,
            tokens,
            revocations,
            namespace,
            redis,
            federation,
            tls,
            calls,
            push,
            blobs,
            group_commit,
        } = self;
        let sends = group_commit.gate.clone();
        let domain = deps.domain.clone();
        let settings = AccountSettings {
            max_devices_per_user: config.max_devices_per_user,
            refresh_token_ttl: config.refresh_token_ttl,
            device_challenge_ttl: config.device_challenge_ttl,
        };
        let hub = Hub::new();
        let codec = Arc::new(ProtoEventCodec);
        let bus: Arc<dyn EventBus> = match (&redis, &config.redis_url) {
            (Some(link), Some(url)) => {
                tracing::info!(bus = "redis", redis = %missive_db::redact(url), "event bus: Redis pub/sub");
                Arc::new(RedisBus::start(link, &namespace, hub.clone(), codec.clone()))
            }
            _ => {
                tracing::info!(bus = "in-process", "event bus: in-process (single instance)");
                Arc::new(InProcessBus::new(hub.clone()))
            }
        };
        let event_settings =
            EventSettings { retention: config.event_retention, heartbeat_interval: config.heartbeat_interval };
        let events = Arc::new(Events::new(deps.clone(), bus, hub.clone(), codec, event_settings));
        // Offline devices are woken only when some push service is set up;
        // otherwise storing an event costs nothing more.
        let pusher = match push.any() {
            true => {
                let presence: Arc<dyn crate::domain::push::Presence> = match &redis {
                    Some(link) => RedisPresence::start(hub.clone(), link.commands.clone(), &namespace),
                    None => Arc::new(LocalPresence(hub.clone())),
                };
                let hints = Arc::new(PushHints::default());
                events.wake_offline_devices(hints.clone());
                tracing::info!(providers = %push.names().join(", "), "push configured");
                let pusher = Pusher::new(deps.clone(), events.clone(), push.clone(), presence, config.push(), hints);
                Some(tokio::spawn(pusher.run()))
            }
            false => None,
        };
        let push_tokens = Arc::new(PushTokens::new(deps.clone(), events.clone(), push.clone(), &config.push()));
        let conversations =
            Arc::new(Conversations::new(deps.clone(), events.clone(), u64::from(config.max_group_size)));
        let connections =
            Arc::new(Connections::new(deps.clone(), events.clone(), u64::from(config.max_connections_per_user)));
        let limits =
            MessageLimits { max_ciphertext_bytes: config.max_ciphertext_bytes, max_recipients: config.max_recipients };

        let users = Arc::new(Users::new(deps.clone(), events.clone()));
        let devices = Arc::new(Devices::new(deps.clone(), events.clone(), revocations.clone()));
        let keys = Arc::new(Keys::new(deps.clone(), events.clone()));
        let messages = Arc::new(Messages::new(
            deps.clone(),
            events.clone(),
            conversations.clone(),
            connections.clone(),
            limits,
            group_commit,
        ));
        let assets = Arc::new(Assets::new(deps.clone(), events.clone(), blobs, config.assets()));
        let mls = Arc::new(MlsDelivery::new(deps.clone(), events.clone(), conversations.clone()));
        let federation_api = FederationApi {
            assets: assets.clone(),
            domain: domain.clone(),
            connections: connections.clone(),
            conversations: conversations.clone(),
            messages: messages.clone(),
            users: users.clone(),
            devices: devices.clone(),
            keys: keys.clone(),
            mls: mls.clone(),
        };

        // Every client API service, each with the request size limit; the
        // names also go to the health service.
        let mut routes = RoutesBuilder::default();
        let mut service_names = Vec::new();
        macro_rules! serve {
            ($($server:ident($api:expr)),* $(,)?) => {$(
                let service = $server::new($api).max_decoding_message_size(config.max_request_bytes);
                service_names.push(name_of(&service));
                routes.add_service(service);
            )*};
        }
        serve!(
            AccountServiceServer(AccountApi {
                accounts: Arc::new(Accounts::new(
                    deps.clone(),
                    tokens.clone(),
                    events.clone(),
                    revocations.clone(),
                    settings,
                )),
            }),
            UserServiceServer(UserApi { users: users.clone() }),
            DeviceServiceServer(DeviceApi { devices: devices.clone() }),
            KeyServiceServer(KeyApi { keys: keys.clone() }),
            ConnectionServiceServer(ConnectionApi { connections: connections.clone() }),
            ConversationServiceServer(ConversationApi { conversations: conversations.clone() }),
            MessageServiceServer(MessageApi { messages }),
            MlsServiceServer(MlsApi { delivery: mls, clock: deps.clock.clone() }),
            EventServiceServer(EventApi { events: events.clone() }),
            PingServiceServer(PingApi { clock: deps.clock.clone() }),
            CallServiceServer(CallApi { calls: Arc::new(Calls::new(calls, deps.clock.clone())) }),
            AssetServiceServer(AssetApi { assets: assets.clone() }),
            PushServiceServer(PushApi { push: push_tokens }),
        );

        let (health, health_service) = tonic_health::server::health_reporter();
        for name in &service_names {
            health.set_service_status(*name, ServingStatus::Serving).await;
        }
        let reflection_v1 = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(missive_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .build_v1()
            .context("building reflection v1")?;
        let reflection_v1alpha = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(missive_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .build_v1alpha()
            .context("building reflection v1alpha")?;
        routes.add_service(health_service).add_service(reflection_v1).add_service(reflection_v1alpha);
        let routes: Routes = routes.routes();

        let rate_limits = deps.limits.clone();
        let pruning = tokio::spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                rate_limits.prune();
            }
        });
        // Notifications to other backends; also drains what an earlier run,
        // or another instance that died, left queued. A backend that does
        // not federate queues nothing, so it runs no outbox.
        let outbox = federation.is_some().then(|| Outbox::new(deps.clone(), config.federation_retry_max));
        let outbox_tasks = match &outbox {
            Some(outbox) => vec![
                tokio::spawn(outbox.clone().run()),
                tokio::spawn(outbox.clone().report_and_prune(OUTBOX_REPORT_INTERVAL)),
            ],
            None => Vec::new(),
        };
        let gauges = crate::telemetry::metrics_on().then(|| {
            let streams = hub.clone();
            let gauges = crate::telemetry::metrics::Gauges::register(move || streams.open_streams());
            tokio::spawn(refresh_gauges(gauges, deps.clone(), outbox))
        });
        let expiry = {
            let (events, revocations) = (events.clone(), revocations.clone());
            tokio::spawn(async move {
                let mut every = tokio::time::interval(EXPIRY_INTERVAL);
                loop {
                    every.tick().await;
                    match events.expire_all().await {
                        Ok(0) => {}
                        Ok(expired) => tracing::info!(expired, "events past retention deleted"),
                        Err(err) => tracing::warn!(error = %err, "event expiry failed; retrying next interval"),
                    }
                    if let Err(err) = revocations.expire().await {
                        tracing::warn!(error = %err, "revocation expiry failed; retrying next interval");
                    }
                }
            })
        };
        // SQLite commits never checkpoint (see missive_db::checkpoint): the
        // log is written back here, off the write path.
        let checkpoints = tokio::spawn(checkpoint_sqlite(deps.db.clone(), deps.writes.clone()));
        // Several instances may clean up at once: each removal is idempotent.
        let asset_cleanup = {
            let interval = config.asset_cleanup_interval;
            tokio::spawn(async move {
                let mut every = tokio::time::interval(interval);
                every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    every.tick().await;
                    match assets.clean_up().await {
                        Ok(cleaned) if cleaned == Default::default() => {}
                        Ok(cleaned) => tracing::info!(
                            expired = cleaned.expired,
                            abandoned = cleaned.abandoned,
                            orphaned_chunks = cleaned.orphaned_parts,
                            "assets cleaned up"
                        ),
                        Err(err) => tracing::warn!(error = %err, "asset cleanup failed; retrying next interval"),
                    }
                }
            })
        };
        // Revocations made through other instances reach this one within a
        // poll interval. Alone (no Redis, so no other instance), this
        // instance applies its own at once and has nothing to poll.
        let several_instances = redis.is_some();
        let revocation_poll = tokio::spawn(async move {
            if !several_instances {
                return;
            }
            let mut every = tokio::time::interval(revocations::POLL_INTERVAL);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut failing = false;
            loop {
                every.tick().await;
                match revocations.refresh().await {
                    Ok(_) => failing = false,
                    // Once per outage, not four times a second.
                    Err(err) if !failing => {
                        failing = true;
                        tracing::warn!(error = %err, "cannot read revoked sessions; retrying");
                    }
                    Err(_) => {}
                }
            }
        });

        // Fires when shutdown starts; bounds how long draining may take, so a
        // client that never closes its connection cannot hold the process.
        let (drain_started, mut draining) = tokio::sync::watch::channel(false);
        let mut federation_draining = drain_started.subscribe();
        let stopping = {
            let health = health.clone();
            let hub = hub.clone();
            async move {
                shutdown.await;
                tracing::info!(streams = hub.open_streams(), "shutdown requested: draining");
                // Open streams would otherwise hold the drain until the grace period.
                hub.close_all();
                health.set_service_status("", ServingStatus::NotServing).await;
                for name in service_names {
                    health.set_service_status(name, ServingStatus::NotServing).await;
                }
                let _ = drain_started.send(true);
            }
        };
        let federation_server = match federation {
            Some(Federation { tls, check, listener: Some((listener, addr)), .. }) => {
                let stopping = async move {
                    let _ = federation_draining.wait_for(|started| *started).await;
                };
                let server = tonic::transport::Server::builder()
                    .tls_config(tonic::transport::ServerTlsConfig::new().identity(tls.identity).client_ca_root(tls.ca))
                    .context("federation TLS configuration")?
                    .http2_keepalive_interval(Some(Duration::from_secs(30)))
                    .http2_keepalive_timeout(Some(Duration::from_secs(20)))
                    .layer(RpcLayer::new(Api::Federation))
                    .layer(IngressLayer::new(check))
                    .add_service(
                        FederationServiceServer::new(federation_api)
                            .max_decoding_message_size(config.max_request_bytes),
                    )
                    .serve_with_incoming_shutdown(incoming(listener), stopping);
                tracing::info!(addr = %addr, "federation listening (gRPC, mutual TLS)");
                Some(tokio::spawn(server))
            }
            _ => None,
        };
        let drain_deadline = async move {
            let _ = draining.wait_for(|started| *started).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        };

        let scheme = if tls.is_some() { "TLS" } else { "plaintext" };
        tracing::info!(addr = %local_addr, domain = %domain, scheme, "missive-server listening (gRPC and gRPC-web)");
        let router = tonic::transport::Server::builder()
            .accept_http1(true)
            .http2_keepalive_interval(Some(Duration::from_secs(30)))
            .http2_keepalive_timeout(Some(Duration::from_secs(20)))
            .max_concurrent_streams(Some(config.max_streams_per_connection))
            .layer(cors())
            .layer(tonic_web::GrpcWebLayer::new())
            // Inside gRPC-web, so it sees a browser's call as gRPC, status in trailers.
            .layer(RpcLayer::new(Api::Client))
            // Inside gRPC-web, so a refusal reaches browsers in their framing.
            .layer(AuthLayer::new(tokens, sends))
            .add_routes(routes);
        let server: std::pin::Pin<Box<dyn Future<Output = Result<(), tonic::transport::Error>> + Send>> = match tls {
            Some(served) => {
                let config = tls::server_config(served).map_err(anyhow::Error::msg)?;
                let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
                Box::pin(router.serve_with_incoming_shutdown(tls::incoming(listener, acceptor), stopping))
            }
            None => Box::pin(router.serve_with_incoming_shutdown(incoming(listener), stopping)),
        };
        let served = tokio::select! {
            served = server => served,
            () = drain_deadline => {
                tracing::warn!(grace = ?SHUTDOWN_GRACE, "connections still open after the grace period: closing them");
                Ok(())
            }
        };
        if let Some(federation_server) = federation_server {
            federation_server.abort();
        }
        for task in outbox_tasks.into_iter().chain(pusher) {
            task.abort();
        }
        pruning.abort();
        if let Some(gauges) = gauges {
            gauges.abort();
        }
        expiry.abort();
        checkpoints.abort();
        asset_cleanup.abort();
        revocation_poll.abort();
        served.context("serving")?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Writes SQLite's log back every [`CHECKPOINT_INTERVAL`], and lets it
/// start over once it is long.
async fn checkpoint_sqlite(db: missive_db::DatabaseConnection, writes: Arc<WriteGate>) {
    let mut every = tokio::time::interval(CHECKPOINT_INTERVAL);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let started = std::time::Instant::now();
        let (log, copied) = match missive_db::checkpoint(&db).await {
            Ok(Some(frames)) => frames,
            // Not SQLite.
            Ok(None) => return,
            Err(err) => {
                tracing::warn!(error = %err, "SQLite checkpoint failed; retrying next interval");
                continue;
            }
        };
        // A checkpoint shares the disk with the commits: a slow one shows in
        // the latency of the writes around it.
        let took = started.elapsed();
        if took > SLOW_CHECKPOINT {
            tracing::warn!(took_ms = took.as_millis() as u64, log, copied, "slow SQLite checkpoint");
        }
        // Under a steady stream of writes the log is never all copied back
        // (each checkpoint ends behind the writes made during it), so SQLite
        // never starts it over: it grew by 1.5 GB in a 20-second benchmark.
        // Copying the rest while the writer is quiet lets the next write
        // start it over. The turn's own log reports a long hold.
        if log >= RESTART_LOG_FRAMES {
            match writes.quiet(QUIET_PATIENCE).await {
                Ok(_quiet) => {
                    if let Err(err) = missive_db::checkpoint(&db).await {
                        tracing::warn!(error = %err, "SQLite checkpoint failed; retrying next interval");
                    }
                }
                Err(err) => tracing::warn!(error = %err, "SQLite checkpoint skipped"),
            }
        }
    }
}

/// Reads what the gauges report from the database as often as metrics are
/// exported, never inside an export.
async fn refresh_gauges(gauges: crate::telemetry::metrics::Gauges, deps: Deps, outbox: Option<Arc<Outbox>>) {
    let mut every = tokio::time::interval(crate::telemetry::metrics::export_interval());
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let outbox = match &outbox {
            Some(outbox) => outbox.depth().await.unwrap_or_else(|err| {
                tracing::warn!(error = %err, "cannot read the federation outbox for its gauges");
                Vec::new()
            }),
            None => Vec::new(),
        };
        let push = crate::domain::push::backlog(&deps).await.unwrap_or_else(|err| {
            tracing::warn!(error = %err, "cannot read the push backlog for its gauges");
            Vec::new()
        });
        let pool = missive_db::pool_usage(&deps.db);
        gauges.refresh(crate::telemetry::metrics::GaugeValues { outbox, push, pool });
    }
}

/// Accepted connections with Nagle's algorithm off. tonic's own `tcp_nodelay`
/// does not reach a listener served through `serve_with_incoming`; without
/// it, a stream event and a reply written back to back on one connection
/// wait ~40 ms for the client's delayed ACK.
fn incoming(listener: TcpListener) -> impl tokio_stream::Stream<Item = std::io::Result<tokio::net::TcpStream>> {
    use tokio_stream::StreamExt;
    TcpListenerStream::new(listener).map(|accepted| {
        let stream = accepted?;
        if let Err(err) = stream.set_nodelay(true) {
            tracing::debug!(error = %err, "cannot set TCP_NODELAY");
        }
        Ok(stream)
    })
}

fn name_of<S: NamedService>(_: &S) -> &'static str {
    S::NAME
}

/// CORS for browsers on gRPC-web. The grpc-* headers must be exposed, or a
/// browser sees an error sent before any message as "missing trailer".
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::POST, Method::OPTIONS])
        .allow_headers([
            HeaderName::from_static("content-type"),
            HeaderName::from_static("x-grpc-web"),
            HeaderName::from_static("x-user-agent"),
            HeaderName::from_static("grpc-timeout"),
            HeaderName::from_static("authorization"),
        ])
        .expose_headers([
            HeaderName::from_static("grpc-status"),
            HeaderName::from_static("grpc-message"),
            HeaderName::from_static("grpc-status-details-bin"),
        ])
        .max_age(Duration::from_secs(24 * 3600))
}
