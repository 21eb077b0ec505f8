//! `spawn_app()` and typed helpers shared by every test module (and by the
//! production-path tests, which point them at server processes).
#![allow(dead_code)]

use ed25519_dalek::{Signer, SigningKey};
use missive_proto::v1 as pb;
use missive_proto::v1::account_service_client::AccountServiceClient;
use missive_proto::v1::connection_service_client::ConnectionServiceClient;
use missive_proto::v1::conversation_service_client::ConversationServiceClient;
use missive_proto::v1::device_service_client::DeviceServiceClient;
use missive_proto::v1::event_service_client::EventServiceClient;
use missive_proto::v1::key_service_client::KeyServiceClient;
use missive_proto::v1::message_service_client::MessageServiceClient;
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
    /// Helpers for a server running elsewhere (another process).
    pub async fn client_of(addr: SocketAddr) -> TestApp {
        let channel = Channel::from_shared(format!("http://{addr}")).unwrap().connect().await.expect("connects");
        TestApp {
            addr,
            channel,
            clock: Arc::new(ManualClock::starting_now()),
            config: Config::embedded_default(),
            data_dir: Arc::new(tempfile::tempdir().unwrap()),
            shutdown: None,
            server: None,
        }
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
        self.conversations()
            .create_conversation(authed(
                pb::CreateConversationRequest {
                    name: "group".into(),
                    members: members.iter().map(|m| m.id()).collect(),
                },
                admin.token(),
            ))
            .await
            .expect("create group")
            .into_inner()
            .conversation
            .unwrap()
            .id
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
    pub handle: String,
}

impl Account {
    pub fn id(&self) -> pb::QualifiedId {
        self.user.id.clone().unwrap()
    }

    pub fn token(&self) -> &str {
        &self.session.access_token
    }

    pub fn device_id(&self) -> String {
        self.device.id.clone()
    }
}

/// A request with one ciphertext (`"for <device id>"`) per device of `to`.
pub fn message(conversation: &pb::QualifiedId, message_id: &str, to: &[&Account]) -> pb::SendMessageRequest {
    let mut recipients: Vec<pb::UserRecipients> = Vec::new();
    for account in to {
        let device = pb::DeviceCiphertext {
            device_id: account.device_id(),
            ciphertext: format!("for {}", account.device_id()).into_bytes(),
        };
        match recipients.iter_mut().find(|r| r.user == Some(account.id())) {
            Some(entry) => entry.devices.push(device),
            None => recipients.push(pb::UserRecipients { user: Some(account.id()), devices: vec![device] }),
        }
    }
    pb::SendMessageRequest {
        conversation: Some(conversation.clone()),
        message_id: message_id.to_owned(),
        recipients,
        policy: None,
        transient: false,
    }
}

pub fn policy(policy: pb::mismatch_policy::Policy) -> Option<pb::MismatchPolicy> {
    Some(pb::MismatchPolicy { policy: Some(policy) })
}

/// A device's event stream, as a client reads it.
pub struct EventStream {
    pub inner: tonic::Streaming<pb::SubscribeResponse>,
}

impl EventStream {
    /// The next event (heartbeats skipped); panics after `WAIT`.
    pub async fn next_event(&mut self) -> pb::Event {
        match self.try_next_event(WAIT).await {
            Ok(Some(event)) => event,
            Ok(None) => panic!("no event within {WAIT:?}"),
            Err(status) => panic!("stream failed: {status:?}"),
        }
    }

    /// `Ok(None)` when nothing but heartbeats arrived within `wait`.
    pub async fn try_next_event(&mut self, wait: std::time::Duration) -> Result<Option<pb::Event>, Status> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let next = tokio::time::timeout_at(deadline, self.inner.message()).await;
            match next {
                Err(_) => return Ok(None),
                Ok(Err(status)) => return Err(status),
                Ok(Ok(None)) => return Err(Status::cancelled("stream ended")),
                Ok(Ok(Some(response))) => match response.kind {
                    Some(pb::subscribe_response::Kind::Event(event)) => return Ok(Some(event)),
                    _ => continue,
                },
            }
        }
    }

    /// The next message event, skipping other kinds.
    pub async fn next_message(&mut self) -> (u64, pb::MessageAdded) {
        loop {
            let event = self.next_event().await;
            if let Some(pb::event::Payload::MessageAdded(message)) = event.payload {
                return (event.cursor, message);
            }
        }
    }

    /// Asserts no message event arrives within `wait`.
    pub async fn assert_no_message(&mut self, wait: std::time::Duration) {
        loop {
            match self.try_next_event(wait).await {
                Ok(None) => return,
                Ok(Some(event)) => {
                    if let Some(pb::event::Payload::MessageAdded(message)) = event.payload {
                        panic!("unexpected message {:?}", message.message_id);
                    }
                }
                Err(status) => panic!("stream failed: {status:?}"),
            }
        }
    }
}

pub const WAIT: std::time::Duration = std::time::Duration::from_secs(10);
pub const QUIET: std::time::Duration = std::time::Duration::from_millis(400);

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
