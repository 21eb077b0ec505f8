//! Servers under test: `spawn_app` starts one in this process on either
//! backend, and `TestApp` talks to it (or to a server process) as a client does.

use crate::{Account, DeviceKey, EventStream, authed, message};
use missive_db::testing::TestDatabase;
use missive_proto::v1 as pb;
use missive_proto::v1::account_service_client::AccountServiceClient;
use missive_proto::v1::connection_service_client::ConnectionServiceClient;
use missive_proto::v1::conversation_service_client::ConversationServiceClient;
use missive_proto::v1::device_service_client::DeviceServiceClient;
use missive_proto::v1::event_service_client::EventServiceClient;
use missive_proto::v1::key_service_client::KeyServiceClient;
use missive_proto::v1::message_service_client::MessageServiceClient;
use missive_proto::v1::push_service_client::PushServiceClient;
use missive_proto::v1::user_service_client::UserServiceClient;
use missive_server::app::Reload;
use missive_server::clock::ManualClock;
use missive_server::{App, Config};
use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Once};
use tempfile::TempDir;
use tokio::sync::oneshot;
use tonic::Status;
use tonic::transport::Channel;

pub const DOMAIN: &str = "a.example";
pub const PASSWORD: &str = "correct horse battery staple";

/// Where a server under test keeps its state and carries its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite in a temporary directory and the in-process bus.
    Embedded,
    /// A fresh PostgreSQL database per `TestApp` (created through
    /// `DATABASE_URL`) and the Redis at `REDIS_URL`. The Redis may be shared:
    /// an instance routes only to its own streams, and users of different
    /// databases never share a stream. Outside CI, without those variables,
    /// falls back to `Embedded` with a one-line note; with `CI` set it panics.
    Production,
}

pub struct TestApp {
    pub addr: SocketAddr,
    /// The federation listener, when the config asked for one.
    pub federation_addr: Option<SocketAddr>,
    pub channel: Channel,
    pub clock: Arc<ManualClock>,
    pub config: Config,
    /// Kept so the directory outlives the server (and survives a restart).
    data_dir: Arc<TempDir>,
    /// Shared with the restarted server; dropped with the last of them.
    database: Option<Arc<TestDatabase>>,
    shutdown: Option<oneshot::Sender<()>>,
    /// What the server's run ended with; `None` for a server elsewhere.
    stopped: Option<oneshot::Receiver<anyhow::Result<()>>>,
    /// Sent or dropped: the server stops at once, without a graceful shutdown.
    kill: Option<oneshot::Sender<()>>,
    /// Closed when the server's thread has ended, runtime and connections included.
    gone: Option<std::sync::mpsc::Receiver<()>>,
    /// What SIGHUP does to the binary; `None` for a server elsewhere.
    reload: Option<Reload>,
    /// The CA the client API's certificate comes from, when it speaks TLS.
    pub tls_ca: Option<String>,
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// `configure` runs last, so a test can override what the backend set.
pub async fn spawn_app_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> TestApp {
    spawn(backend, None, configure).await
}

async fn spawn(backend: Backend, tls_ca: Option<String>, configure: impl FnOnce(&mut Config)) -> TestApp {
    let data_dir = Arc::new(tempfile::tempdir().expect("temporary data dir"));
    let mut config = Config::embedded_default();
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.data_dir = data_dir.path().to_path_buf();
    config.domain = DOMAIN.to_owned();
    // Tests race many calls on two shared cores; shedding is tested on
    // purpose (tests/api/overload.rs), never by accident.
    config.write_wait = std::time::Duration::from_secs(10);
    // Likewise volume limits: tests that send floods are not about them
    // (tests/api/limits.rs sets its own).
    // Every test server is its own deployment on the shared Redis.
    config.redis_namespace = format!("test-{}", uuid::Uuid::new_v4().simple());
    config.sends_per_device_per_minute = 1_000_000;
    config.claims_per_user_per_minute = 1_000_000;
    config.searches_per_user_per_minute = 1_000_000;
    config.connection_requests_per_user_per_minute = 1_000_000;
    config.subscriptions_per_device_per_minute = 1_000_000;
    let mut database = None;
    if backend == Backend::Production
        && let Some(redis_url) = production_redis_url()
    {
        let db = TestDatabase::postgres_empty().await.expect("DATABASE_URL was checked to be postgres://");
        config.database_url = Some(db.url().to_owned());
        config.redis_url = Some(redis_url);
        database = Some(Arc::new(db));
    }
    configure(&mut config);
    start(config, data_dir, database, Arc::new(ManualClock::starting_now()), tls_ca).await
}

/// The names the client API's certificate has in tests.
pub const TLS_NAMES: [&str; 2] = ["localhost", "127.0.0.1"];

/// A server whose client API speaks TLS, with a certificate from `ca` for
/// [`TLS_NAMES`]; the returned app's channel trusts `ca`.
pub async fn spawn_app_tls(
    backend: Backend,
    ca: &crate::federation::TestCa,
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    let pair = ca.issue(&TLS_NAMES);
    let with_tls = |config: &mut Config| {
        let (cert, key) = pair.write(&config.data_dir, "api");
        config.tls_cert_file = Some(cert);
        config.tls_key_file = Some(key);
        configure(config);
    };
    spawn(backend, Some(ca.pem()), with_tls).await
}

/// `REDIS_URL` when both services of the production backend are configured;
/// `None` (after a one-time note) when they are not, outside CI.
fn production_redis_url() -> Option<String> {
    let postgres = std::env::var("DATABASE_URL")
        .is_ok_and(|url| missive_db::Backend::of_url(&url) == Some(missive_db::Backend::Postgres));
    let redis =
        std::env::var("REDIS_URL").ok().filter(|url| url.starts_with("redis://") || url.starts_with("rediss://"));
    match redis {
        Some(redis) if postgres => Some(redis),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI must provide DATABASE_URL=postgres://… and REDIS_URL=redis://… (scripts/deps.sh)")
        }
        _ => {
            static NOTE: Once = Once::new();
            // Straight to stderr: the test harness captures `eprintln!`, and
            // a note shown only for failing tests would hide the fallback.
            NOTE.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "note: DATABASE_URL/REDIS_URL not set (scripts/deps.sh): the production backend runs on SQLite and the in-process bus"
                );
            });
            None
        }
    }
}

/// The server runs on its own thread and runtime, not the test's. Dropping a
/// `TestApp` blocks the test's thread while its PostgreSQL database is dropped;
/// a server on that same thread could have a pool connection stuck half-way
/// through authentication, which stalls `DROP DATABASE` for PostgreSQL's
/// authentication timeout (a minute). It is also closer to a deployment, where
/// clients never share the server's threads.
async fn start(
    config: Config,
    data_dir: Arc<TempDir>,
    database: Option<Arc<TestDatabase>>,
    clock: Arc<ManualClock>,
    tls_ca: Option<String>,
) -> TestApp {
    let (ready, started) = oneshot::channel::<anyhow::Result<(SocketAddr, Option<SocketAddr>, Reload)>>();
    let (shutdown, shutdown_requested) = oneshot::channel::<()>();
    let (finished, stopped) = oneshot::channel::<anyhow::Result<()>>();
    let (kill, killed) = oneshot::channel::<()>();
    let (exited, gone) = std::sync::mpsc::channel::<()>();
    let (server_config, server_clock) = (config.clone(), clock.clone());
    std::thread::Builder::new()
        .name("missive-server".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                let app = match App::build_with_clock(server_config, server_clock).await {
                    Ok(app) => app,
                    Err(err) => {
                        let _ = ready.send(Err(err));
                        return;
                    }
                };
                let _ = ready.send(Ok((app.local_addr(), app.federation_addr(), app.reload_handle())));
                let run = app.run_until_stopped(async move {
                    let _ = shutdown_requested.await;
                });
                tokio::select! {
                    result = run => {
                        let _ = finished.send(result);
                    }
                    // The TestApp was dropped. No graceful shutdown: that
                    // would wait for the test's clients, whose thread is
                    // blocked in the drop.
                    _ = killed => {}
                }
            });
            // Dropping the runtime ends every task still holding a pooled
            // connection, so none reconnects while the database is dropped.
            drop(runtime);
            let _ = exited.send(());
        })
        .expect("server thread starts");
    let (addr, federation_addr, reload) = started.await.expect("server thread").expect("app builds");
    let channel = connect(addr, tls_ca.as_deref()).await.expect("connects");
    TestApp {
        addr,
        federation_addr,
        channel,
        clock,
        config,
        data_dir,
        database,
        shutdown: Some(shutdown),
        stopped: Some(stopped),
        kill: Some(kill),
        gone: Some(gone),
        reload: Some(reload),
        tls_ca,
    }
}

/// A channel to the client API at `addr`: over TLS trusting `tls_ca` when
/// given (the certificate names `localhost`), else plaintext.
pub async fn connect(addr: SocketAddr, tls_ca: Option<&str>) -> Result<Channel, tonic::transport::Error> {
    use tonic::transport::{Certificate, ClientTlsConfig, Endpoint};
    match tls_ca {
        None => Endpoint::from_shared(format!("http://{addr}")).unwrap().connect().await,
        Some(ca) => {
            let tls = ClientTlsConfig::new().ca_certificate(Certificate::from_pem(ca)).domain_name("localhost");
            Endpoint::from_shared(format!("https://{addr}")).unwrap().tls_config(tls)?.connect().await
        }
    }
}

impl TestApp {
    /// Helpers for a server running elsewhere (another process).
    pub async fn client_of(addr: SocketAddr) -> TestApp {
        let channel = connect(addr, None).await.expect("connects");
        TestApp {
            addr,
            federation_addr: None,
            channel,
            clock: Arc::new(ManualClock::starting_now()),
            config: Config::embedded_default(),
            data_dir: Arc::new(tempfile::tempdir().unwrap()),
            database: None,
            shutdown: None,
            stopped: None,
            kill: None,
            gone: None,
            reload: None,
            tls_ca: None,
        }
    }

    /// Reloads the configuration as SIGHUP does the binary's, with
    /// `configure` applied to this server's; what changed. A refused
    /// configuration is not kept, as the server keeps the settings in force.
    pub fn reload(&mut self, configure: impl FnOnce(&mut Config)) -> Result<Vec<String>, String> {
        let mut config = self.config.clone();
        configure(&mut config);
        let changed = self.reload.as_ref().expect("a server of this process").apply(&config)?;
        self.config = config;
        Ok(changed)
    }

    pub fn accounts(&self) -> AccountServiceClient<Channel> {
        AccountServiceClient::new(self.channel.clone())
    }

    pub fn users(&self) -> UserServiceClient<Channel> {
        UserServiceClient::new(self.channel.clone())
    }

    pub fn devices(&self) -> DeviceServiceClient<Channel> {
        DeviceServiceClient::new(self.channel.clone())
    }

    pub fn keys(&self) -> KeyServiceClient<Channel> {
        KeyServiceClient::new(self.channel.clone())
    }

    pub fn connections(&self) -> ConnectionServiceClient<Channel> {
        ConnectionServiceClient::new(self.channel.clone())
    }

    pub fn conversations(&self) -> ConversationServiceClient<Channel> {
        ConversationServiceClient::new(self.channel.clone())
    }

    pub fn messages(&self) -> MessageServiceClient<Channel> {
        MessageServiceClient::new(self.channel.clone())
    }

    pub fn events(&self) -> EventServiceClient<Channel> {
        EventServiceClient::new(self.channel.clone())
    }

    pub fn push(&self) -> PushServiceClient<Channel> {
        PushServiceClient::new(self.channel.clone())
    }

    pub fn mls(&self) -> missive_proto::v1::mls_service_client::MlsServiceClient<Channel> {
        missive_proto::v1::mls_service_client::MlsServiceClient::new(self.channel.clone())
    }

    /// `owner` removes `device`, one of its devices, with the password.
    pub async fn remove_device(&self, owner: &Account, device: &Account) {
        let request = pb::RemoveDeviceRequest { device_id: device.device_id(), password: PASSWORD.into() };
        self.devices().remove_device(authed(request, owner.token())).await.expect("the device is removed");
    }

    /// `a` asks, `b` accepts; returns the id of their 1:1 conversation.
    pub async fn connect(&self, a: &Account, b: &Account) -> pb::QualifiedId {
        self.connections()
            .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(b.id()) }, a.token()))
            .await
            .expect("connection request");
        let accepted = self
            .connections()
            .update_connection(authed(
                pb::UpdateConnectionRequest { user: Some(a.id()), status: pb::ConnectionStatus::Accepted as i32 },
                b.token(),
            ))
            .await
            .expect("accept")
            .into_inner()
            .connection
            .unwrap();
        accepted.conversation.expect("accepting creates the 1:1 conversation")
    }

    /// A group created by `admin` with `members` (who must be connected to it).
    pub async fn group(&self, admin: &Account, members: &[&Account]) -> pb::QualifiedId {
        self.group_with(admin, members, pb::Protocol::Unspecified).await.id.unwrap()
    }

    /// A group of either protocol, as created.
    pub async fn group_with(&self, admin: &Account, members: &[&Account], protocol: pb::Protocol) -> pb::Conversation {
        self.conversations()
            .create_conversation(authed(
                pb::CreateConversationRequest {
                    name: "group".into(),
                    members: members.iter().map(|m| m.id()).collect(),
                    protocol: protocol as i32,
                },
                admin.token(),
            ))
            .await
            .expect("create group")
            .into_inner()
            .conversation
            .unwrap()
    }

    /// A second device for `account`, logged in by password.
    pub async fn second_device(&self, account: &Account) -> Account {
        let (login, key) = self.login(&account.handle, PASSWORD).await.expect("second device");
        Account {
            user: login.user.unwrap(),
            device: login.device.unwrap(),
            session: login.session.unwrap(),
            key,
            handle: account.handle.clone(),
        }
    }

    pub async fn send(
        &self,
        from: &Account,
        conversation: &pb::QualifiedId,
        message_id: &str,
        to: &[&Account],
    ) -> Result<pb::SendMessageResponse, Status> {
        self.send_request(from, message(conversation, message_id, to)).await
    }

    pub async fn send_request(
        &self,
        from: &Account,
        request: pb::SendMessageRequest,
    ) -> Result<pb::SendMessageResponse, Status> {
        Ok(self.messages().send_message(authed(request, from.token())).await?.into_inner())
    }

    pub async fn subscribe(&self, account: &Account, since: Option<u64>) -> Result<EventStream, Status> {
        let inner =
            self.events().subscribe(authed(pb::SubscribeRequest { since }, account.token())).await?.into_inner();
        Ok(EventStream { inner })
    }

    /// Stops the server gracefully and starts a new one on the same data
    /// directory, database and configuration (a new client API port; the
    /// same federation port, so published SRV records stay true).
    pub async fn restart(mut self) -> TestApp {
        self.stop().await;
        let mut config = self.config.clone();
        config.listen = "127.0.0.1:0".parse().unwrap();
        if let Some(federation) = self.federation_addr {
            config.federation_listen = Some(federation);
        }
        start(config, self.data_dir.clone(), self.database.clone(), self.clock.clone(), self.tls_ca.clone()).await
    }

    pub async fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(stopped) = self.stopped.take() {
            stopped.await.expect("server thread").expect("server stops cleanly");
        }
    }

    pub async fn register(&self, handle: &str) -> Account {
        let key = DeviceKey::generate();
        let response = self
            .accounts()
            .register(pb::RegisterRequest {
                handle: handle.to_owned(),
                password: PASSWORD.to_owned(),
                display_name: format!("{handle} display"),
                device: Some(key.new_device("first")),
            })
            .await
            .expect("register succeeds")
            .into_inner();
        Account {
            user: response.user.unwrap(),
            device: response.device.unwrap(),
            session: response.session.unwrap(),
            key,
            handle: handle.to_owned(),
        }
    }

    /// Password login with a fresh device key.
    pub async fn login(&self, handle: &str, password: &str) -> Result<(pb::LoginResponse, DeviceKey), Status> {
        let key = DeviceKey::generate();
        let response = self
            .accounts()
            .login(pb::LoginRequest {
                handle: handle.to_owned(),
                password: password.to_owned(),
                device: Some(key.new_device("another")),
            })
            .await?
            .into_inner();
        Ok((response, key))
    }

    /// The challenge-response flow; returns the new session.
    pub async fn device_login(&self, user: &pb::QualifiedId, key: &DeviceKey) -> Result<pb::Session, Status> {
        let challenge = self.begin_device_auth(user, key).await?;
        self.complete_device_auth(user, key, &challenge).await
    }

    pub async fn begin_device_auth(
        &self,
        user: &pb::QualifiedId,
        key: &DeviceKey,
    ) -> Result<pb::BeginDeviceAuthResponse, Status> {
        Ok(self
            .accounts()
            .begin_device_auth(pb::BeginDeviceAuthRequest { user: Some(user.clone()), device_id: key.device_id() })
            .await?
            .into_inner())
    }

    pub async fn complete_device_auth(
        &self,
        user: &pb::QualifiedId,
        key: &DeviceKey,
        challenge: &pb::BeginDeviceAuthResponse,
    ) -> Result<pb::Session, Status> {
        let signature = key.sign_challenge(&challenge.backend_domain, &user.id, &challenge.challenge);
        let response = self
            .accounts()
            .complete_device_auth(pb::CompleteDeviceAuthRequest {
                challenge_id: challenge.challenge_id.clone(),
                signature,
            })
            .await?
            .into_inner();
        Ok(response.session.unwrap())
    }

    pub async fn get_self(&self, access_token: &str) -> Result<pb::User, Status> {
        Ok(self.users().get_self(authed(pb::GetSelfRequest {}, access_token)).await?.into_inner().user.unwrap())
    }
}

/// How long dropping a `TestApp` waits for its server's thread to end (it
/// takes milliseconds; this only bounds a server stuck in a blocking task).
const SERVER_EXIT_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

impl Drop for TestApp {
    /// The server goes first: a running one reconnects to its database, and
    /// `DROP DATABASE … WITH (FORCE)` gives up after five seconds of new
    /// connections, leaving the database behind.
    fn drop(&mut self) {
        drop(self.kill.take());
        if let Some(gone) = self.gone.take() {
            let _ = gone.recv_timeout(SERVER_EXIT_WAIT);
        }
    }
}
