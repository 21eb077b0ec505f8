//! What a client holds and does, independent of any server: accounts, device
//! keys, message requests, event streams, and assertions on statuses.

use ed25519_dalek::{Signer, SigningKey};
use missive_proto::v1 as pb;
use sha2::{Digest, Sha256};
use tonic::{Code, Request, Status};

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

/// The device ids a client mismatch lists for `account`.
pub fn listed(lists: &[pb::DeviceList], account: &Account) -> Vec<String> {
    lists.iter().filter(|l| l.user == Some(account.id())).flat_map(|l| l.device_ids.clone()).collect()
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

    /// Reads past what a device has stored, for a test that knows it has
    /// some: the replay is a read of the store that may take a while on a
    /// loaded machine, so the first event is awaited for up to `WAIT`, and
    /// the rest then come together. Returns the events read.
    pub async fn skip_stored(&mut self) -> Vec<pb::Event> {
        let mut read = vec![self.next_event().await];
        while let Some(event) = self.try_next_event(QUIET).await.expect("stream open") {
            read.push(event);
        }
        read
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

    /// The next MLS event (a group message or a Welcome), skipping others.
    pub async fn next_mls(&mut self) -> pb::event::Payload {
        loop {
            match self.next_event().await.payload {
                Some(payload @ (pb::event::Payload::MlsMessageAdded(_) | pb::event::Payload::MlsWelcome(_))) => {
                    return payload;
                }
                _ => continue,
            }
        }
    }

    /// The next MLS group message's bytes, skipping other events.
    pub async fn next_mls_message(&mut self) -> pb::MlsMessageAdded {
        match self.next_mls().await {
            pb::event::Payload::MlsMessageAdded(message) => message,
            other => panic!("expected an MLS message, got {other:?}"),
        }
    }

    /// The next MLS Welcome's bytes, skipping other events.
    pub async fn next_welcome(&mut self) -> Vec<u8> {
        match self.next_mls().await {
            pb::event::Payload::MlsWelcome(welcome) => welcome.welcome,
            other => panic!("expected a Welcome, got {other:?}"),
        }
    }

    /// Asserts no MLS event arrives within `wait`.
    pub async fn assert_no_mls(&mut self, wait: std::time::Duration) {
        loop {
            match self.try_next_event(wait).await {
                Ok(None) => return,
                Ok(Some(event)) => {
                    if let Some(
                        payload @ (pb::event::Payload::MlsMessageAdded(_) | pb::event::Payload::MlsWelcome(_)),
                    ) = event.payload
                    {
                        panic!("unexpected MLS event {payload:?}");
                    }
                }
                Err(status) => panic!("stream failed: {status:?}"),
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
