//! Accounts, devices and connections made through the public API.

use crate::server::Server;
use ed25519_dalek::SigningKey;
use futures_util::StreamExt;
use missive_proto::v1 as pb;
use missive_proto::v1::account_service_client::AccountServiceClient;
use missive_proto::v1::connection_service_client::ConnectionServiceClient;
use std::sync::atomic::{AtomicUsize, Ordering};
use tonic::Request;
use tonic::transport::Channel;

pub const PASSWORD: &str = "benchmark password";

/// Several HTTP/2 connections, handed out round-robin. One connection carries
/// at most ~200 concurrent streams (hyper's default), so stream-heavy
/// scenarios use many.
pub struct Pool {
    channels: Vec<Channel>,
    next: AtomicUsize,
}

impl Pool {
    /// Connections to `server`, over TLS when it speaks TLS.
    pub async fn new(server: &Server, connections: usize) -> anyhow::Result<Pool> {
        let mut channels = Vec::with_capacity(connections);
        for _ in 0..connections.max(1) {
            channels.push(missive_testkit::connect(server.addr, server.tls_ca.as_deref()).await?);
        }
        Ok(Pool { channels, next: AtomicUsize::new(0) })
    }

    pub fn get(&self) -> Channel {
        self.channels[self.next.fetch_add(1, Ordering::Relaxed) % self.channels.len()].clone()
    }
}

#[derive(Clone)]
pub struct Device {
    pub user: pb::QualifiedId,
    pub handle: String,
    pub device_id: String,
    pub token: String,
    /// Ed25519 seed of the identity key (an MLS sender signs with it).
    pub seed: [u8; 32],
}

pub fn authed<T>(message: T, token: &str) -> Request<T> {
    let mut request = Request::new(message);
    request.metadata_mut().insert("authorization", format!("Bearer {token}").parse().expect("ascii token"));
    request
}

fn new_device() -> ([u8; 32], pb::NewDevice) {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).expect("randomness");
    let key = SigningKey::from_bytes(&seed).verifying_key().to_bytes().to_vec();
    (seed, pb::NewDevice { identity_key: key, label: "bench".into(), device_class: pb::DeviceClass::Desktop as i32 })
}

/// Retries a setup call the server shed (`RESOURCE_EXHAUSTED`, "retry
/// shortly") as a client would; a scenario's setup is not what it measures.
async fn patiently<T, F, Fut>(mut call: F) -> Result<T, tonic::Status>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, tonic::Status>>,
{
    let mut attempt = 0;
    loop {
        match call().await {
            Err(status) if status.code() == tonic::Code::ResourceExhausted && attempt < 20 => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(50 * attempt)).await;
            }
            done => return done,
        }
    }
}

pub async fn register(pool: &Pool, handle: String) -> anyhow::Result<Device> {
    let (seed, device) = new_device();
    let request = pb::RegisterRequest {
        handle: handle.clone(),
        password: PASSWORD.into(),
        display_name: handle.clone(),
        device: Some(device),
    };
    let response = patiently(|| {
        let request = request.clone();
        async move { AccountServiceClient::new(pool.get()).register(request).await }
    })
    .await?
    .into_inner();
    Ok(Device {
        user: response.user.and_then(|u| u.id).ok_or_else(|| anyhow::anyhow!("no user"))?,
        handle,
        device_id: response.device.map(|d| d.id).unwrap_or_default(),
        token: response.session.map(|s| s.access_token).unwrap_or_default(),
        seed,
    })
}

pub async fn add_device(pool: &Pool, first: &Device) -> anyhow::Result<Device> {
    let (seed, device) = new_device();
    let request = pb::LoginRequest { handle: first.handle.clone(), password: PASSWORD.into(), device: Some(device) };
    let response = patiently(|| {
        let request = request.clone();
        async move { AccountServiceClient::new(pool.get()).login(request).await }
    })
    .await?
    .into_inner();
    Ok(Device {
        user: first.user.clone(),
        handle: first.handle.clone(),
        device_id: response.device.map(|d| d.id).unwrap_or_default(),
        token: response.session.map(|s| s.access_token).unwrap_or_default(),
        seed,
    })
}

/// Users with `devices_each` devices each (password hashing dominates: run 8 at once).
pub async fn users_with_devices(
    pool: &Pool,
    prefix: &str,
    users: usize,
    devices_each: usize,
) -> anyhow::Result<Vec<Vec<Device>>> {
    let made = futures_util::stream::iter(0..users)
        .map(|i| async move {
            let first = register(pool, format!("{prefix}{i}")).await?;
            let mut devices = vec![first.clone()];
            for _ in 1..devices_each {
                devices.push(add_device(pool, &first).await?);
            }
            anyhow::Ok(devices)
        })
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await;
    made.into_iter().collect()
}

/// `a` asks, `b` accepts; the 1:1 conversation id.
pub async fn connect(pool: &Pool, a: &Device, b: &Device) -> anyhow::Result<pb::QualifiedId> {
    let mut connections = ConnectionServiceClient::new(pool.get());
    connections
        .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(b.user.clone()) }, &a.token))
        .await?;
    let accepted = connections
        .update_connection(authed(
            pb::UpdateConnectionRequest { user: Some(a.user.clone()), status: pb::ConnectionStatus::Accepted as i32 },
            &b.token,
        ))
        .await?
        .into_inner();
    accepted.connection.and_then(|c| c.conversation).ok_or_else(|| anyhow::anyhow!("no 1:1 conversation"))
}

/// A message with the same ciphertext for each given device.
pub fn message(
    conversation: &pb::QualifiedId,
    id: String,
    to: &[&Device],
    ciphertext: Vec<u8>,
) -> pb::SendMessageRequest {
    let mut recipients: Vec<pb::UserRecipients> = Vec::new();
    for device in to {
        let entry = pb::DeviceCiphertext { device_id: device.device_id.clone(), ciphertext: ciphertext.clone() };
        match recipients.iter_mut().find(|r| r.user.as_ref() == Some(&device.user)) {
            Some(user) => user.devices.push(entry),
            None => recipients.push(pb::UserRecipients { user: Some(device.user.clone()), devices: vec![entry] }),
        }
    }
    pb::SendMessageRequest {
        conversation: Some(conversation.clone()),
        message_id: id,
        recipients,
        policy: None,
        transient: false,
    }
}
