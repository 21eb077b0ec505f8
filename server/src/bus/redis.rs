//! The Redis bus: several instances behind one Redis.
//!
//! Each instance keeps one pub/sub connection (not one per device) on one
//! channel and routes what arrives to its local streams. Deliveries always go
//! to local streams directly, so an instance never waits on Redis for its own
//! streams, and are published for the others before the caller replies.
//! Pub/sub is only the wake-up: when the subscription reconnects, every local
//! stream re-reads the store; when a publish fails, the next successful one
//! first tells every instance to do the same, and an instance that starts
//! (perhaps after a crash that lost wake-ups) does so once. Streams also
//! re-read the store at every heartbeat. A Redis outage delays delivery; it
//! loses nothing.

use super::{Delivery, EventBus, Hub, PublishFuture};
use crate::domain::ids::{DeviceId, DeviceRef, UserId};
use crate::domain::model::EventCodec;
use prost::Message;
use redis::AsyncCommands;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio_stream::StreamExt;
use uuid::Uuid;

/// The channel of one deployment: `missive:<namespace>:events:v1`.
fn channel(namespace: &str) -> String {
    format!("missive:{namespace}:events:v1")
}
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// A half-open connection delivers nothing and reports nothing; a ping does.
const PING_INTERVAL: Duration = Duration::from_secs(5);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// What crosses Redis: a batch of deliveries from one instance.
#[derive(Clone, PartialEq, prost::Message)]
struct WireBatch {
    #[prost(bytes = "vec", tag = "1")]
    origin: Vec<u8>,
    #[prost(message, repeated, tag = "2")]
    deliveries: Vec<WireDelivery>,
    /// Every instance should wake all its streams: wake-ups were lost.
    #[prost(bool, tag = "3")]
    catch_up_all: bool,
}

/// A [`WireBatch`] read without its deliveries (protobuf skips the field
/// unread): an instance gets its own batches back and drops them, so it
/// need not decode them.
#[derive(Clone, PartialEq, prost::Message)]
struct WireHeader {
    #[prost(bytes = "vec", tag = "1")]
    origin: Vec<u8>,
    #[prost(bool, tag = "3")]
    catch_up_all: bool,
}

#[derive(Clone, PartialEq, prost::Message)]
struct WireDelivery {
    #[prost(bytes = "vec", tag = "1")]
    user_id: Vec<u8>,
    #[prost(string, tag = "2")]
    device_id: String,
    /// The event in the codec's encoding (the same bytes the store keeps).
    #[prost(bytes = "vec", tag = "3")]
    event: Vec<u8>,
}

pub struct RedisBus {
    hub: Arc<Hub>,
    channel: String,
    codec: Arc<dyn EventCodec>,
    origin: Uuid,
    /// Multiplexed and shared by all publishers; reconnects by itself.
    publisher: ConnectionManager,
    /// Set when wake-ups may have been lost; cleared by a catch-up broadcast.
    lost_wakeups: AtomicBool,
}

/// This instance's way to Redis: the client (pub/sub needs a connection of
/// its own) and one multiplexed command connection, shared by the bus's
/// publishes and the rate-limit counters.
pub struct RedisLink {
    client: redis::Client,
    pub commands: ConnectionManager,
}

impl RedisLink {
    /// Fails only when the URL is malformed: an unreachable Redis is
    /// retried call by call (and by the subscriber in the background).
    pub fn open(url: &str) -> anyhow::Result<RedisLink> {
        let client = redis::Client::open(url).map_err(|err| anyhow::anyhow!("invalid REDIS_URL: {err}"))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(CONNECT_TIMEOUT))
            .set_number_of_retries(0);
        let commands = client.get_connection_manager_lazy(config).map_err(|err| anyhow::anyhow!("redis: {err}"))?;
        Ok(RedisLink { client, commands })
    }
}

impl RedisBus {
    /// Starts the subscriber on `namespace`'s channel.
    pub fn start(link: &RedisLink, namespace: &str, hub: Arc<Hub>, codec: Arc<dyn EventCodec>) -> RedisBus {
        let channel = channel(namespace);
        let publisher = link.commands.clone();
        let origin = Uuid::new_v4();
        tokio::spawn(subscribe_loop(link.client.clone(), channel.clone(), hub.clone(), codec.clone(), origin));
        // A new process may follow a crash that lost wake-ups: announce once.
        RedisBus { hub, channel, codec, origin, publisher, lost_wakeups: AtomicBool::new(true) }
    }

    async fn send(&self, batch: &WireBatch) -> Result<(), String> {
        let mut publisher = self.publisher.clone();
        let publish = publisher.publish::<_, _, i64>(&self.channel, batch.encode_to_vec());
        match tokio::time::timeout(CONNECT_TIMEOUT, publish).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(err)) => Err(err.to_string()),
            Err(_) => Err("timed out".to_owned()),
        }
    }

    async fn send_or_remember(&self, batch: &WireBatch) -> bool {
        match self.send(batch).await {
            Ok(()) => true,
            Err(err) => {
                tracing::warn!(error = %err, "redis publish failed; streams will catch up later");
                self.lost_wakeups.store(true, Ordering::SeqCst);
                false
            }
        }
    }
}

impl EventBus for RedisBus {
    fn publish(&self, deliveries: Vec<Delivery>) -> PublishFuture<'_> {
        // Local streams first: encoding a large fan-out for the others takes
        // milliseconds they need not wait for.
        self.hub.deliver(&deliveries);
        Box::pin(async move {
            let batch = WireBatch {
                origin: self.origin.as_bytes().to_vec(),
                deliveries: deliveries
                    .iter()
                    .map(|d| WireDelivery {
                        user_id: d.to.user.0.as_bytes().to_vec(),
                        device_id: d.to.device.as_str().to_owned(),
                        event: self.codec.encode(&d.event),
                    })
                    .collect(),
                catch_up_all: false,
            };
            drop(deliveries);
            if self.lost_wakeups.swap(false, Ordering::SeqCst) {
                let everyone = WireBatch { origin: Vec::new(), deliveries: Vec::new(), catch_up_all: true };
                if !self.send_or_remember(&everyone).await {
                    return;
                }
            }
            self.send_or_remember(&batch).await;
        })
    }
}

async fn subscribe_loop(
    client: redis::Client,
    channel: String,
    hub: Arc<Hub>,
    codec: Arc<dyn EventCodec>,
    origin: Uuid,
) {
    let mut backoff = Duration::from_millis(100);
    loop {
        match subscribe_once(&client, &channel, &hub, &*codec, origin).await {
            Ok(()) => tracing::warn!("redis subscription lost; reconnecting"),
            Err(err) => tracing::warn!(error = %err, "redis subscription failed; retrying"),
        }
        crate::telemetry::metrics::redis_reconnect();
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// Runs one subscription until the connection is lost.
async fn subscribe_once(
    client: &redis::Client,
    channel: &str,
    hub: &Hub,
    codec: &dyn EventCodec,
    origin: Uuid,
) -> anyhow::Result<()> {
    let pubsub = tokio::time::timeout(CONNECT_TIMEOUT, client.get_async_pubsub())
        .await
        .map_err(|_| anyhow::anyhow!("connect timed out"))??;
    let (mut sink, mut stream) = pubsub.split();
    tokio::time::timeout(CONNECT_TIMEOUT, sink.subscribe(channel))
        .await
        .map_err(|_| anyhow::anyhow!("subscribe timed out"))??;
    tracing::info!(channel, "redis subscription ready");
    // Anything published while we were not subscribed was missed.
    hub.wake_all();
    let mut ping = tokio::time::interval(PING_INTERVAL);
    ping.tick().await;
    loop {
        tokio::select! {
            message = stream.next() => {
                let Some(message) = message else { return Ok(()) };
                route(hub, codec, origin, message.get_payload_bytes());
            }
            _ = ping.tick() => {
                let alive = tokio::time::timeout(CONNECT_TIMEOUT, sink.ping::<redis::Value>()).await;
                if !matches!(alive, Ok(Ok(_))) {
                    return Ok(());
                }
            }
        }
    }
}

fn route(hub: &Hub, codec: &dyn EventCodec, origin: Uuid, payload: &[u8]) {
    let undecodable =
        |err: prost::DecodeError| tracing::warn!(error = %err, "undecodable message on the event channel");
    let header = match WireHeader::decode(payload) {
        Ok(header) => header,
        Err(err) => return undecodable(err),
    };
    if header.catch_up_all {
        hub.wake_all();
        return;
    }
    if header.origin == origin.as_bytes() {
        return;
    }
    let batch = match WireBatch::decode(payload) {
        Ok(batch) => batch,
        Err(err) => return undecodable(err),
    };
    let deliveries: Vec<Delivery> = batch
        .deliveries
        .into_iter()
        .filter_map(|wire| {
            let user = UserId(Uuid::from_slice(&wire.user_id).ok()?);
            let device = DeviceId::parse("device_id", &wire.device_id).ok()?;
            Some(Delivery { to: DeviceRef::new(user, device), event: Arc::new(codec.decode(&wire.event).ok()?) })
        })
        .collect();
    hub.deliver(&deliveries);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bus::hub::Live;
    use crate::domain::model::{Event, EventPayload};
    use crate::grpc::convert::ProtoEventCodec;

    fn batch(origin: Uuid, to: &DeviceRef, catch_up_all: bool) -> Vec<u8> {
        let event =
            Event { cursor: 7, time_ms: 1, transient: false, payload: EventPayload::PrekeysLow { remaining: 3 } };
        WireBatch {
            origin: origin.as_bytes().to_vec(),
            deliveries: vec![WireDelivery {
                user_id: to.user.0.as_bytes().to_vec(),
                device_id: to.device.as_str().to_owned(),
                event: ProtoEventCodec.encode(&event),
            }],
            catch_up_all,
        }
        .encode_to_vec()
    }

    #[test]
    fn another_instances_batch_is_delivered_and_its_own_is_dropped() {
        let hub = Hub::new();
        let device = DeviceRef::new(UserId(Uuid::new_v4()), DeviceId::of_identity_key(&[1; 32]));
        let mut stream = hub.register(&device).expect("hub open");
        let (me, other) = (Uuid::new_v4(), Uuid::new_v4());

        route(&hub, &ProtoEventCodec, me, &batch(me, &device, false));
        assert!(stream.receiver.try_recv().is_err(), "an instance's own batch comes back and is dropped");

        route(&hub, &ProtoEventCodec, me, &batch(other, &device, false));
        match stream.receiver.try_recv() {
            Ok(Live::Event(event)) => {
                assert_eq!(event.cursor, 7);
                assert!(matches!(event.payload, EventPayload::PrekeysLow { remaining: 3 }));
            }
            other => panic!("expected the other instance's event, got {other:?}"),
        }

        // A catch-up from anyone, this instance included, wakes every stream.
        route(&hub, &ProtoEventCodec, me, &batch(me, &device, true));
        assert!(matches!(stream.receiver.try_recv(), Ok(Live::CatchUp)));

        route(&hub, &ProtoEventCodec, me, b"\xff\xff not protobuf");
        assert!(stream.receiver.try_recv().is_err(), "an undecodable message is dropped");
    }
}
