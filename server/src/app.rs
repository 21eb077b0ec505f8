//! Builds the server from a [`Config`] and runs it until a shutdown signal.

use crate::clock::{Clock, SystemClock, duration_ms};
use crate::config::Config;
use crate::domain::Deps;
use crate::domain::accounts::{AccountSettings, Accounts};
use crate::domain::devices::Devices;
use crate::domain::rate_limit::LoginLimiter;
use crate::domain::tokens::{TokenService, load_or_create_signing_seed};
use crate::domain::users::Users;
use crate::grpc::account::AccountApi;
use crate::grpc::auth::Authenticator;
use crate::grpc::device::DeviceApi;
use crate::grpc::user::UserApi;
use anyhow::Context;
use http::Method;
use http::header::HeaderName;
use missive_proto::v1::account_service_server::{self, AccountServiceServer};
use missive_proto::v1::device_service_server::{self, DeviceServiceServer};
use missive_proto::v1::user_service_server::{self, UserServiceServer};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::service::interceptor::InterceptedService;
use tonic_health::ServingStatus;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// gRPC service names this server reports in health checks.
const SERVICE_NAMES: &[&str] =
    &[account_service_server::SERVICE_NAME, user_service_server::SERVICE_NAME, device_service_server::SERVICE_NAME];

/// How long in-flight calls may take to finish once shutdown starts.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

pub struct App {
    config: Config,
    listener: TcpListener,
    local_addr: SocketAddr,
    deps: Deps,
    tokens: Arc<TokenService>,
    limiter: Arc<LoginLimiter>,
}

impl App {
    pub async fn build(config: Config) -> anyhow::Result<App> {
        App::build_with_clock(config, Arc::new(SystemClock)).await
    }

    /// As [`App::build`], with the clock the domain uses (tests move it by hand).
    pub async fn build_with_clock(config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<App> {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating data directory {}", config.data_dir.display()))?;
        let database_url = config.database_url();
        let db = missive_db::connect_and_migrate(&database_url)
            .await
            .with_context(|| format!("opening database {}", missive_db::redact(&database_url)))?;
        tracing::info!(database = %missive_db::redact(&database_url), "storage ready, migrations applied");
        let seed = load_or_create_signing_seed(&config.token_key_path())?;
        let tokens =
            Arc::new(TokenService::new(seed, &config.domain, duration_ms(config.access_token_ttl), clock.clone())?);
        let limiter = Arc::new(LoginLimiter::new(config.login_attempts_per_handle, config.login_attempts_per_address));
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("binding listen address {}", config.listen))?;
        let local_addr = listener.local_addr()?;
        let deps = Deps { db, clock, domain: Arc::from(config.domain.as_str()) };
        Ok(App { config, listener, local_addr, deps, tokens, limiter })
    }

    /// The bound address (the real port when the config asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Serves until `shutdown` completes, then stops accepting, reports
    /// NOT_SERVING and lets in-flight calls finish.
    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let App { config, listener, local_addr, deps, tokens, limiter } = self;
        let domain = deps.domain.clone();
        let settings = AccountSettings {
            max_devices_per_user: config.max_devices_per_user,
            refresh_token_ttl: config.refresh_token_ttl,
            device_challenge_ttl: config.device_challenge_ttl,
        };
        let accounts = Arc::new(Accounts::new(deps.clone(), tokens.clone(), limiter.clone(), settings));
        let users = Arc::new(Users::new(deps.clone()));
        let devices = Arc::new(Devices::new(deps.clone(), limiter.clone()));
        let max_request = config.max_request_bytes;

        let account_api = InterceptedService::new(
            AccountServiceServer::new(AccountApi { accounts, domain: domain.clone() })
                .max_decoding_message_size(max_request),
            Authenticator::optional(tokens.clone()),
        );
        let user_api = InterceptedService::new(
            UserServiceServer::new(UserApi { users, domain: domain.clone() }).max_decoding_message_size(max_request),
            Authenticator::required(tokens.clone()),
        );
        let device_api = InterceptedService::new(
            DeviceServiceServer::new(DeviceApi { devices, domain: domain.clone() })
                .max_decoding_message_size(max_request),
            Authenticator::required(tokens.clone()),
        );

        let (health, health_service) = tonic_health::server::health_reporter();
        for name in SERVICE_NAMES {
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

        let pruning = tokio::spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                limiter.prune();
            }
        });

        // Fires when shutdown starts; bounds how long draining may take, so a
        // client that never closes its connection cannot hold the process.
        let (drain_started, mut draining) = tokio::sync::watch::channel(false);
        let stopping = {
            let health = health.clone();
            async move {
                shutdown.await;
                tracing::info!("shutdown requested: draining");
                health.set_service_status("", ServingStatus::NotServing).await;
                for name in SERVICE_NAMES {
                    health.set_service_status(*name, ServingStatus::NotServing).await;
                }
                let _ = drain_started.send(true);
            }
        };
        let drain_deadline = async move {
            let _ = draining.wait_for(|started| *started).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        };

        tracing::info!(addr = %local_addr, domain = %domain, "missive-server listening (gRPC and gRPC-web)");
        let server = tonic::transport::Server::builder()
            .accept_http1(true)
            .http2_keepalive_interval(Some(Duration::from_secs(30)))
            .http2_keepalive_timeout(Some(Duration::from_secs(20)))
            .layer(cors())
            .layer(tonic_web::GrpcWebLayer::new())
            .add_service(health_service)
            .add_service(reflection_v1)
            .add_service(reflection_v1alpha)
            .add_service(account_api)
            .add_service(user_api)
            .add_service(device_api)
            .serve_with_incoming_shutdown(TcpListenerStream::new(listener), stopping);
        let served = tokio::select! {
            served = server => served,
            () = drain_deadline => {
                tracing::warn!(grace = ?SHUTDOWN_GRACE, "connections still open after the grace period: closing them");
                Ok(())
            }
        };
        pruning.abort();
        served.context("serving")?;
        tracing::info!("stopped");
        Ok(())
    }
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
