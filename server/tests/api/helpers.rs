//! `spawn_app()` and typed helpers shared by every test module.

use ed25519_dalek::{Signer, SigningKey};
use missive_proto::v1 as pb;
use missive_proto::v1::account_service_client::AccountServiceClient;
use missive_proto::v1::device_service_client::DeviceServiceClient;
use missive_proto::v1::user_service_client::UserServiceClient;
use missive_server::clock::ManualClock;
use missive_server::{App, Config};
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::Arc;
use tempfile::TempDir;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tonic::transport::Channel;
use tonic::{Code, Request, Status};

pub const DOMAIN: &str = "a.example";
pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub addr: SocketAddr,
    pub channel: Channel,
    pub clock: Arc<ManualClock>,
    pub config: Config,
    /// Kept so the directory outlives the server (and survives a restart).
    data_dir: Arc<TempDir>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<anyhow::Result<()>>>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    let data_dir = Arc::new(tempfile::tempdir().expect("temporary data dir"));
    let mut config = Config::embedded_default();
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.data_dir = data_dir.path().to_path_buf();
    config.domain = DOMAIN.to_owned();
    configure(&mut config);
    start(config, data_dir, Arc::new(ManualClock::starting_now())).await
}

async fn start(config: Config, data_dir: Arc<TempDir>, clock: Arc<ManualClock>) -> TestApp {
    let app = App::build_with_clock(config.clone(), clock.clone()).await.expect("app builds");
    let addr = app.local_addr();
    let (shutdown, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    let channel = Channel::from_shared(format!("http://{addr}")).unwrap().connect().await.expect("connects");
    TestApp { addr, channel, clock, config, data_dir, shutdown: Some(shutdown), server: Some(server) }
}

impl TestApp {
    pub fn accounts(&self) -> AccountServiceClient<Channel> {
        AccountServiceClient::new(self.channel.clone())
    }

    pub fn users(&self) -> UserServiceClient<Channel> {
        UserServiceClient::new(self.channel.clone())
    }

    pub fn devices(&self) -> DeviceServiceClient<Channel> {
        DeviceServiceClient::new(self.channel.clone())
    }

    /// Stops the server gracefully and starts a new one on the same data
    /// directory and configuration (a new port).
    pub async fn restart(mut self) -> TestApp {
        self.stop().await;
        let mut config = self.config.clone();
        config.listen = "127.0.0.1:0".parse().unwrap();
        start(config, self.data_dir.clone(), self.clock.clone()).await
    }

    pub async fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.expect("server task").expect("server stops cleanly");
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

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

pub struct Account {
    pub user: pb::User,
    pub device: pb::Device,
    pub session: pb::Session,
    pub key: DeviceKey,
}

impl Account {
    pub fn id(&self) -> pb::QualifiedId {
        self.user.id.clone().unwrap()
    }

    pub fn token(&self) -> &str {
        &self.session.access_token
    }
}

/// A device's Ed25519 identity key, as a client keeps it.
#[derive(Debug)]
pub struct DeviceKey {
    pub signing: SigningKey,
}

impl DeviceKey {
    pub fn generate() -> DeviceKey {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).unwrap();
        DeviceKey { signing: SigningKey::from_bytes(&seed) }
    }

    pub fn public(&self) -> Vec<u8> {
        self.signing.verifying_key().to_bytes().to_vec()
    }

    pub fn device_id(&self) -> String {
        hex::encode(&Sha256::digest(self.public())[..8])
    }

    pub fn new_device(&self, label: &str) -> pb::NewDevice {
        pb::NewDevice {
            identity_key: self.public(),
            label: label.to_owned(),
            device_class: pb::DeviceClass::Desktop as i32,
        }
    }

    /// Signs exactly what account.proto documents, built independently of the server's code.
    pub fn sign_challenge(&self, domain: &str, user_id: &str, challenge: &[u8]) -> Vec<u8> {
        let mut message = Vec::new();
        for part in
            [b"missive-device-auth-v1".as_slice(), domain.as_bytes(), user_id.as_bytes(), self.device_id().as_bytes()]
        {
            message.extend_from_slice(part);
            message.push(0);
        }
        message.extend_from_slice(challenge);
        self.signing.sign(&message).to_bytes().to_vec()
    }
}

pub fn authed<T>(message: T, access_token: &str) -> Request<T> {
    let mut request = Request::new(message);
    request.metadata_mut().insert("authorization", format!("Bearer {access_token}").parse().unwrap());
    request
}

/// Asserts the status code and that the message mentions `needle`.
#[track_caller]
pub fn assert_status<T: std::fmt::Debug>(result: Result<T, Status>, code: Code, needle: &str) {
    match result {
        Ok(value) => panic!("expected {code:?} mentioning {needle:?}, got Ok({value:?})"),
        Err(status) => {
            assert_eq!(status.code(), code, "unexpected code, message: {}", status.message());
            assert!(status.message().contains(needle), "message {:?} does not mention {needle:?}", status.message());
        }
    }
}
