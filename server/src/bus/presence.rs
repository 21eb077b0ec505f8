//! Which devices stream, for push: a device with a stream open on any
//! instance is never woken.
//!
//! With one instance the hub knows. With several, each instance keeps a
//! key per streaming device in Redis (`missive:<namespace>:presence:<user>:
//! <device>`, holding the instance's id), set when a stream opens, renewed
//! while it stays open and removed when it closes; a key whose instance
//! died expires after [`TTL`]. When Redis cannot answer, devices count as
//! not streaming: a content-free wake-up too many is harmless, one too few
//! leaves a phone asleep.

use super::hub::{Hub, PresenceChange};
use crate::domain::ids::DeviceRef;
use crate::domain::push::{Presence, PresenceFuture};
use redis::aio::ConnectionManager;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

const TTL: Duration = Duration::from_secs(30);
const RENEW: Duration = Duration::from_secs(10);
const TIMEOUT: Duration = Duration::from_secs(1);
/// Deletes the key only if this instance set it: the device may stream on
/// another instance by now.
const DELETE_IF_MINE: &str =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/// One instance: the hub is the whole truth.
pub struct LocalPresence(pub Arc<Hub>);

impl Presence for LocalPresence {
    fn streaming<'a>(&'a self, devices: &'a [DeviceRef]) -> PresenceFuture<'a> {
        let streaming = devices.iter().map(|device| self.0.streams(device)).collect();
        Box::pin(std::future::ready(streaming))
    }
}

pub struct RedisPresence {
    hub: Arc<Hub>,
    commands: ConnectionManager,
    prefix: String,
}

impl RedisPresence {
    /// Starts keeping this instance's streams in Redis.
    pub fn start(hub: Arc<Hub>, commands: ConnectionManager, namespace: &str) -> Arc<RedisPresence> {
        let prefix = format!("missive:{namespace}:presence:");
        let instance = uuid::Uuid::new_v4().to_string();
        let (changes, received) = mpsc::unbounded_channel();
        hub.watch(changes);
        tokio::spawn(keep(hub.clone(), commands.clone(), prefix.clone(), instance, received));
        Arc::new(RedisPresence { hub, commands, prefix })
    }
}

fn key(prefix: &str, device: &DeviceRef) -> String {
    format!("{prefix}{}:{}", device.user.0, device.device.as_str())
}

impl Presence for RedisPresence {
    fn streaming<'a>(&'a self, devices: &'a [DeviceRef]) -> PresenceFuture<'a> {
        Box::pin(async move {
            let mut streaming: Vec<bool> = devices.iter().map(|device| self.hub.streams(device)).collect();
            let elsewhere: Vec<usize> = (0..devices.len()).filter(|&i| !streaming[i]).collect();
            if elsewhere.is_empty() {
                return streaming;
            }
            let mut get = redis::cmd("MGET");
            for &i in &elsewhere {
                get.arg(key(&self.prefix, &devices[i]));
            }
            let mut commands = self.commands.clone();
            match tokio::time::timeout(TIMEOUT, get.query_async::<Vec<Option<String>>>(&mut commands)).await {
                Ok(Ok(values)) => {
                    for (&i, value) in elsewhere.iter().zip(values) {
                        streaming[i] = value.is_some();
                    }
                }
                Ok(Err(err)) => tracing::warn!(error = %err, "redis presence read failed; pushing as if offline"),
                Err(_) => tracing::warn!("redis presence read timed out; pushing as if offline"),
            }
            streaming
        })
    }
}

/// Mirrors the hub's streams into Redis until the process ends.
async fn keep(
    hub: Arc<Hub>,
    commands: ConnectionManager,
    prefix: String,
    instance: String,
    mut changes: mpsc::UnboundedReceiver<PresenceChange>,
) {
    let ttl_ms = TTL.as_millis() as u64;
    let mut renew = tokio::time::interval(RENEW);
    loop {
        let mut pipe = redis::pipe();
        let commands_queued: usize;
        tokio::select! {
            change = changes.recv() => {
                let Some(first) = change else { return };
                let mut batch = vec![first];
                while let Ok(next) = changes.try_recv() {
                    batch.push(next);
                }
                commands_queued = batch.len();
                for (device, open) in batch {
                    let key = key(&prefix, &device);
                    if open {
                        pipe.cmd("SET").arg(&key).arg(&instance).arg("PX").arg(ttl_ms).ignore();
                    } else {
                        pipe.cmd("EVAL").arg(DELETE_IF_MINE).arg(1).arg(&key).arg(&instance).ignore();
                    }
                }
            }
            _ = renew.tick() => {
                let devices = hub.streaming_devices();
                commands_queued = devices.len();
                for device in devices {
                    pipe.cmd("SET").arg(key(&prefix, &device)).arg(&instance).arg("PX").arg(ttl_ms).ignore();
                }
            }
        }
        if commands_queued == 0 {
            continue;
        }
        let mut commands = commands.clone();
        match tokio::time::timeout(TIMEOUT, pipe.query_async::<()>(&mut commands)).await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => tracing::warn!(error = %err, "redis presence write failed; renewed within seconds"),
            Err(_) => tracing::warn!("redis presence write timed out; renewed within seconds"),
        }
    }
}
