//! A logged-in device: the profile, a channel to the server, token refresh,
//! and the client-side steps of sending (prekey claims, per-device payloads,
//! one retry on a client mismatch).

use crate::PLACEHOLDER;
use crate::profile::{self, Profile};
use crate::sealed::SealingKey;
use anyhow::{Context, bail};
use ed25519_dalek::SigningKey;
use missive_mls::MlsClient;
use missive_proto::v1 as pb;
use missive_proto::v1::account_service_client::AccountServiceClient;
use missive_proto::v1::asset_service_client::AssetServiceClient;
use missive_proto::v1::call_service_client::CallServiceClient;
use missive_proto::v1::connection_service_client::ConnectionServiceClient;
use missive_proto::v1::conversation_service_client::ConversationServiceClient;
use missive_proto::v1::device_service_client::DeviceServiceClient;
use missive_proto::v1::event_service_client::EventServiceClient;
use missive_proto::v1::key_service_client::KeyServiceClient;
use missive_proto::v1::message_service_client::MessageServiceClient;
use missive_proto::v1::mls_service_client::MlsServiceClient;
use missive_proto::v1::user_service_client::UserServiceClient;
use prost::Message;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tonic::transport::{Certificate, Channel, ClientTlsConfig};
use tonic::{Code, Request, Status};

/// One-time prekeys a new device uploads.
const PREKEYS_AT_START: u32 = 20;
const LAST_RESORT_ID: u32 = 65535;
/// Refresh the access token when it expires sooner than this.
const REFRESH_MARGIN_SECS: i64 = 60;

pub struct Session {
    pub profile: Profile,
    /// This device's MLS groups and key packages (saved with the profile).
    pub mls: MlsClient,
    /// The passphrase's key the device's secrets are sealed with, if any.
    key: Option<SealingKey>,
    dir: PathBuf,
    channel: Channel,
}

impl Session {
    pub async fn register(
        server: &Server,
        dir: &Path,
        handle: &str,
        password: &str,
        display_name: Option<String>,
    ) -> anyhow::Result<Session> {
        let display_name = display_name.unwrap_or_else(|| handle.to_owned());
        Session::enroll(server, dir, handle, password, Some(display_name)).await
    }

    pub async fn login(server: &Server, dir: &Path, handle: &str, password: &str) -> anyhow::Result<Session> {
        Session::enroll(server, dir, handle, password, None).await
    }

    /// A new device key, then Register (with a display name) or Login, then
    /// the profile and the first prekeys.
    async fn enroll(
        server: &Server,
        dir: &Path,
        handle: &str,
        password: &str,
        register_as: Option<String>,
    ) -> anyhow::Result<Session> {
        refuse_existing(dir)?;
        let channel = connect(server).await?;
        let (seed, device) = new_device()?;
        let mut accounts = AccountServiceClient::new(channel.clone());
        let (handle, password) = (handle.to_owned(), password.to_owned());
        let (user, device, tokens) = match register_as {
            Some(display_name) => {
                let request = pb::RegisterRequest { handle, password, display_name, device: Some(device) };
                let response = accounts.register(request).await.map_err(explain)?.into_inner();
                (response.user, response.device, response.session)
            }
            None => {
                let request = pb::LoginRequest { handle, password, device: Some(device) };
                let response = accounts.login(request).await.map_err(explain)?.into_inner();
                (response.user, response.device, response.session)
            }
        };
        let mut session = Session::start(server, dir, channel, seed, user, device, tokens)?;
        session.upload_prekeys().await?;
        session.upload_key_packages(crate::groups::KEY_PACKAGES_AT_START).await?;
        Ok(session)
    }

    fn start(
        server: &Server,
        dir: &Path,
        channel: Channel,
        seed: [u8; 32],
        user: Option<pb::User>,
        device: Option<pb::Device>,
        tokens: Option<pb::Session>,
    ) -> anyhow::Result<Session> {
        let user = user.context("server sent no user")?;
        let id = user.id.context("server sent no user id")?;
        let device = device.context("server sent no device")?;
        let tokens = tokens.context("server sent no session")?;
        let mut profile = Profile {
            server: server.url.clone(),
            ca_file: server.ca_file.clone(),
            domain: id.domain,
            user_id: id.id,
            handle: user.handle,
            device_id: device.id,
            identity_seed: hex::encode(seed),
            sealed_identity_seed: None,
            key_salt: None,
            access_token: tokens.access_token,
            access_token_expires_at: tokens.access_token_expires_at.map(|t| t.seconds).unwrap_or(0),
            refresh_token: tokens.refresh_token,
            cursor: None,
            sessions: Default::default(),
        };
        let key = profile::sealing_key(&mut profile)?;
        profile::save(dir, &profile)?;
        let mls = MlsClient::new(seed, &mls_identity(&profile));
        Ok(Session { profile, mls, key, dir: dir.to_owned(), channel })
    }

    /// Loads the profile and refreshes the access token if it is about to expire.
    pub async fn open(dir: &Path) -> anyhow::Result<Session> {
        let mut profile = profile::load(dir)?;
        let was_sealed = profile.sealed_identity_seed.is_some();
        let key = profile::sealing_key(&mut profile)?;
        let seed = profile::identity_seed(&profile, key.as_ref())?;
        let server = Server { url: profile.server.clone(), ca_file: profile.ca_file.clone() };
        let channel = connect(&server).await?;
        let mls = match profile::load_mls(dir, key.as_ref())? {
            Some(state) => MlsClient::restore(seed, &mls_identity(&profile), &state)?,
            None => MlsClient::new(seed, &mls_identity(&profile)),
        };
        let mut session = Session { profile, mls, key, dir: dir.to_owned(), channel };
        if session.key.is_some() && !was_sealed {
            // A plain profile given a passphrase is sealed now.
            session.save()?;
        }
        if session.profile.access_token_expires_at - now_secs() < REFRESH_MARGIN_SECS {
            let renewed = AccountServiceClient::new(session.channel.clone())
                .refresh_session(pb::RefreshSessionRequest { refresh_token: session.profile.refresh_token.clone() })
                .await
                .map_err(explain)?
                .into_inner()
                .session
                .context("server sent no session")?;
            session.profile.access_token = renewed.access_token;
            session.profile.access_token_expires_at = renewed.access_token_expires_at.map(|t| t.seconds).unwrap_or(0);
            session.profile.refresh_token = renewed.refresh_token;
            session.save()?;
        }
        Ok(session)
    }

    pub fn save(&self) -> anyhow::Result<()> {
        profile::save(&self.dir, &self.profile)?;
        profile::save_mls(&self.dir, &self.mls.state(), self.key.as_ref())
    }

    pub fn authed<T>(&self, message: T) -> anyhow::Result<Request<T>> {
        let mut request = Request::new(message);
        let value = format!("Bearer {}", self.profile.access_token).parse().context("access token is not ASCII")?;
        request.metadata_mut().insert("authorization", value);
        Ok(request)
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
    pub fn assets(&self) -> AssetServiceClient<Channel> {
        AssetServiceClient::new(self.channel.clone())
    }
    pub fn mls_service(&self) -> MlsServiceClient<Channel> {
        MlsServiceClient::new(self.channel.clone())
    }

    /// `handle` on this backend, or `handle@domain` on another.
    pub async fn user_by_handle(&self, handle: &str) -> anyhow::Result<pb::User> {
        let (handle, domain) = match handle.split_once('@') {
            Some((handle, domain)) => (handle, domain),
            None => (handle, ""),
        };
        let request = pb::GetUserByHandleRequest { handle: handle.to_owned(), domain: domain.to_owned() };
        let response = self.users().get_user_by_handle(self.authed(request)?).await.map_err(explain)?;
        response.into_inner().user.context("server sent no user")
    }

    /// `handle`, or `handle@domain` for a user of another backend.
    pub async fn handle_of(&self, user: &pb::QualifiedId) -> anyhow::Result<String> {
        let request = pb::GetUsersRequest { ids: vec![user.clone()] };
        let found = self.users().get_users(self.authed(request)?).await.map_err(explain)?.into_inner().found;
        let handle = found.into_iter().next().map(|u| u.handle).context("unknown user")?;
        Ok(if user.domain == self.profile.domain { handle } else { format!("{handle}@{}", user.domain) })
    }

    /// The 1:1 conversation with a connected user. With a user of another
    /// backend the acceptance and the conversation travel between the two
    /// backends, so this waits for them a little.
    pub async fn one_to_one_with(&self, handle: &str) -> anyhow::Result<pb::QualifiedId> {
        let user = self.user_by_handle(handle).await?;
        let remote = user.id.as_ref().is_some_and(|id| id.domain != self.profile.domain);
        let deadline = std::time::Instant::now() + Duration::from_secs(if remote { 15 } else { 0 });
        loop {
            let request = pb::ListConnectionsRequest { page_size: 500, page_token: String::new() };
            let connections = self.connections().list_connections(self.authed(request)?).await.map_err(explain)?;
            let found = connections
                .into_inner()
                .connections
                .into_iter()
                .find(|c| c.other == user.id && c.status == pb::ConnectionStatus::Accepted as i32)
                .and_then(|c| c.conversation);
            if let Some(conversation) = found {
                return Ok(conversation);
            }
            if std::time::Instant::now() >= deadline {
                bail!("not connected to {handle}: `missive connect {handle}` and wait for them to accept");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Sends `text` to every other device in the conversation; returns how many.
    /// Sends `text` (placeholder-encrypted) to every other device of the
    /// conversation; `transient`: live only, never stored.
    pub async fn send_text(
        &mut self,
        conversation: &pb::QualifiedId,
        text: &str,
        transient: bool,
    ) -> anyhow::Result<usize> {
        let request = pb::GetConversationRequest { id: Some(conversation.clone()) };
        let found = self.conversations().get_conversation(self.authed(request)?).await.map_err(explain)?;
        let members = found.into_inner().conversation.context("server sent no conversation")?.members;
        let mut devices: BTreeMap<String, (pb::QualifiedId, Vec<String>)> = BTreeMap::new();
        for member in members {
            let user = member.user.context("member without user")?;
            let request = pb::ListDevicesRequest { user: Some(user.clone()) };
            let listed =
                self.devices().list_devices(self.authed(request)?).await.map_err(explain)?.into_inner().devices;
            let ids = listed
                .into_iter()
                .map(|d| d.id)
                .filter(|id| !(user.id == self.profile.user_id && *id == self.profile.device_id))
                .collect();
            devices.insert(user.id.clone(), (user, ids));
        }
        self.ensure_sessions(devices.values().cloned().collect()).await?;
        let message_id = message_id()?;
        match self.send_once(conversation, &message_id, &devices, text, transient).await {
            Ok(count) => Ok(count),
            Err(status) if status.code() == Code::FailedPrecondition => {
                // Devices were added since we listed them: claim their prekeys and retry once.
                let mismatch = mismatch_of(&status).context("mismatch without details")?;
                let mut missing = Vec::new();
                for list in mismatch.missing {
                    let user = list.user.context("mismatch entry without user")?;
                    let entry = devices.entry(user.id.clone()).or_insert_with(|| (user.clone(), Vec::new()));
                    entry.1.extend(list.device_ids.iter().cloned());
                    missing.push((user, list.device_ids));
                }
                self.ensure_sessions(missing).await?;
                self.send_once(conversation, &message_id, &devices, text, transient).await.map_err(explain)
            }
            Err(status) => Err(explain(status)),
        }
    }

    async fn send_once(
        &self,
        conversation: &pb::QualifiedId,
        message_id: &str,
        devices: &BTreeMap<String, (pb::QualifiedId, Vec<String>)>,
        text: &str,
        transient: bool,
    ) -> Result<usize, Status> {
        let payload = format!("{PLACEHOLDER}{text}").into_bytes();
        let recipients: Vec<pb::UserRecipients> = devices
            .values()
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(user, ids)| pb::UserRecipients {
                user: Some(user.clone()),
                devices: ids
                    .iter()
                    .map(|id| pb::DeviceCiphertext { device_id: id.clone(), ciphertext: payload.clone() })
                    .collect(),
            })
            .collect();
        let count = recipients.iter().map(|r| r.devices.len()).sum();
        let request = pb::SendMessageRequest {
            conversation: Some(conversation.clone()),
            message_id: message_id.to_owned(),
            recipients,
            policy: None,
            transient,
        };
        let request = self.authed(request).map_err(|err| Status::internal(err.to_string()))?;
        self.messages().send_message(request).await?;
        Ok(count)
    }

    /// ICE servers and TURN credentials for a call.
    pub async fn call_config(&self) -> anyhow::Result<pb::GetCallConfigResponse> {
        let request = self.authed(pb::GetCallConfigRequest {})?;
        Ok(CallServiceClient::new(self.channel.clone()).get_call_config(request).await.map_err(explain)?.into_inner())
    }

    /// Claims a prekey for every device without a session. A real client
    /// would start a Proteus session with it; the placeholder only records it.
    async fn ensure_sessions(&mut self, targets: Vec<(pb::QualifiedId, Vec<String>)>) -> anyhow::Result<()> {
        let targets: Vec<pb::UserDevices> = targets
            .into_iter()
            .map(|(user, ids)| {
                let ids = ids
                    .into_iter()
                    .filter(|id| !self.profile.sessions.contains(&format!("{}/{id}", user.id)))
                    .collect();
                pb::UserDevices { user: Some(user), device_ids: ids }
            })
            .filter(|t| !t.device_ids.is_empty())
            .collect();
        if targets.is_empty() {
            return Ok(());
        }
        let request = pb::ClaimPrekeysRequest { targets };
        let claimed = self.keys().claim_prekeys(self.authed(request)?).await.map_err(explain)?.into_inner();
        for prekey in claimed.prekeys {
            let user = prekey.user.context("claimed prekey without user")?;
            self.profile.sessions.insert(format!("{}/{}", user.id, prekey.device_id));
        }
        Ok(())
    }

    async fn upload_prekeys(&self) -> anyhow::Result<()> {
        let mut prekeys = Vec::new();
        for id in 1..=PREKEYS_AT_START {
            prekeys.push(pb::Prekey { id, key: random::<32>()?.to_vec() });
        }
        let last_resort = Some(pb::Prekey { id: LAST_RESORT_ID, key: random::<32>()?.to_vec() });
        let request = pb::UploadPrekeysRequest { prekeys, last_resort };
        self.keys().upload_prekeys(self.authed(request)?).await.map_err(explain)?;
        Ok(())
    }

    /// One human-readable line for an event.
    pub async fn describe(&self, event: &pb::Event) -> String {
        use pb::event::Payload;
        let who = |id: &Option<pb::QualifiedId>| {
            let id = id.clone();
            async move {
                match &id {
                    Some(id) => self.handle_of(id).await.unwrap_or_else(|_| id.id.clone()),
                    None => "someone".to_owned(),
                }
            }
        };
        match &event.payload {
            Some(Payload::MessageAdded(message)) => {
                let text = String::from_utf8_lossy(&message.ciphertext);
                let text = text
                    .strip_prefix(PLACEHOLDER)
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("<{} bytes>", message.ciphertext.len()));
                format!("message from {}: {text}", who(&message.sender).await)
            }
            Some(Payload::ConnectionUpdated(update)) => {
                let connection = update.connection.clone().unwrap_or_default();
                format!("connection with {}: {}", who(&connection.other).await, crate::status_name(connection.status))
            }
            Some(Payload::ConversationCreated(created)) => {
                let conversation = created.conversation.clone().unwrap_or_default();
                format!("conversation {} created", conversation.id.map(|q| q.id).unwrap_or_default())
            }
            Some(Payload::Typing(typing)) => format!("{} is typing", who(&typing.user).await),
            Some(other) => format!("event {}: {other:?}", event.cursor),
            None => format!("event {} (unknown kind: update the client)", event.cursor),
        }
    }
}

/// The credential identity the server requires of this device.
fn mls_identity(profile: &Profile) -> String {
    missive_mls::identity(&profile.user_id, &profile.device_id, &profile.domain)
}

fn refuse_existing(dir: &Path) -> anyhow::Result<()> {
    if profile::file(dir).exists() {
        bail!("{} already holds a profile: use another --profile directory", dir.display());
    }
    Ok(())
}

/// Where the server is, and whom to trust for its certificate.
#[derive(Debug, Clone)]
pub struct Server {
    /// `http://…` (plaintext) or `https://…` (TLS).
    pub url: String,
    /// PEM CA bundle for an `https://` server; the public web roots when absent.
    pub ca_file: Option<PathBuf>,
}

async fn connect(server: &Server) -> anyhow::Result<Channel> {
    let url = &server.url;
    let mut endpoint = Channel::from_shared(url.clone()).with_context(|| format!("bad server url {url:?}"))?;
    if url.starts_with("https://") {
        let tls = match &server.ca_file {
            Some(path) => {
                let pem = std::fs::read(path).with_context(|| format!("reading CA file {}", path.display()))?;
                ClientTlsConfig::new().ca_certificate(Certificate::from_pem(pem))
            }
            None => ClientTlsConfig::new().with_webpki_roots(),
        };
        endpoint = endpoint.tls_config(tls).context("TLS configuration")?;
    } else if server.ca_file.is_some() {
        bail!("--ca-file is for https:// servers; {url} is plaintext");
    }
    endpoint.connect().await.with_context(|| format!("cannot reach {url}"))
}

fn new_device() -> anyhow::Result<([u8; 32], pb::NewDevice)> {
    let seed = random::<32>()?;
    let public = SigningKey::from_bytes(&seed).verifying_key().to_bytes();
    debug_assert_eq!(hex::encode(&Sha256::digest(public)[..8]).len(), 16);
    let label = std::env::var("HOSTNAME").unwrap_or_else(|_| "missive cli".to_owned());
    Ok((seed, pb::NewDevice { identity_key: public.to_vec(), label, device_class: pb::DeviceClass::Desktop as i32 }))
}

fn random<const N: usize>() -> anyhow::Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|err| anyhow::anyhow!("no randomness: {err}"))?;
    Ok(bytes)
}

fn message_id() -> anyhow::Result<String> {
    Ok(hex::encode(random::<16>()?))
}

fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn mismatch_of(status: &Status) -> Option<pb::ClientMismatch> {
    let rich = tonic_types::pb::Status::decode(status.details()).ok()?;
    let detail = rich.details.into_iter().find(|d| d.type_url.ends_with("missive.v1.ClientMismatch"))?;
    pb::ClientMismatch::decode(detail.value.as_slice()).ok()
}

/// A status as one readable error line.
pub fn explain(status: Status) -> anyhow::Error {
    anyhow::anyhow!("{} ({:?})", status.message(), status.code())
}
