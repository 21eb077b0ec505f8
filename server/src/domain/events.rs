//! Events: storing them in device queues, publishing them live, and the
//! replay-then-live logic of a device's stream.

use super::Deps;
use super::timestamp;
use super::tokens::AuthContext;
use crate::bus::{Delivery, EventBus, Hub, Subscription};
use crate::clock::duration_ms;
use crate::error::{DomainError, DomainResult};
use missive_db::entity::event;
use missive_db::repo::{self, events::NewEvent};
use missive_db::sea_orm::ConnectionTrait;
use missive_proto::v1 as pb;
use prost::Message;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// Stored events read per query while replaying.
pub const REPLAY_PAGE: u64 = 500;

pub struct EventSettings {
    pub retention: Duration,
    pub heartbeat_interval: Duration,
}

pub struct Events {
    deps: Deps,
    bus: Arc<dyn EventBus>,
    hub: Arc<Hub>,
    pub settings: EventSettings,
}

/// An event for one device, before it is stored.
pub struct Outgoing {
    pub user_id: Uuid,
    pub device_id: String,
    pub payload: pb::event::Payload,
}

/// Where a new stream starts.
pub struct StreamStart {
    pub subscription: Subscription,
    /// Replay stored events after this cursor.
    pub after: i64,
}

impl Events {
    pub fn new(deps: Deps, bus: Arc<dyn EventBus>, hub: Arc<Hub>, settings: EventSettings) -> Events {
        Events { deps, bus, hub, settings }
    }

    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    pub fn now_ms(&self) -> i64 {
        self.deps.now_ms()
    }

    /// Stores one event per target in `db` (usually the caller's transaction)
    /// and returns what to publish once it commits.
    pub async fn store<C: ConnectionTrait>(&self, db: &C, outgoing: Vec<Outgoing>) -> DomainResult<Vec<Delivery>> {
        if outgoing.is_empty() {
            return Ok(Vec::new());
        }
        let now = self.deps.now_ms();
        let mut events: HashMap<(Uuid, String), pb::Event> = HashMap::with_capacity(outgoing.len());
        let mut rows = Vec::with_capacity(outgoing.len());
        for item in outgoing {
            let event =
                pb::Event { cursor: 0, time: Some(timestamp(now)), transient: false, payload: Some(item.payload) };
            rows.push(NewEvent {
                user_id: item.user_id,
                device_id: item.device_id.clone(),
                payload: event.encode_to_vec(),
            });
            events.insert((item.user_id, item.device_id), event);
        }
        let stored = repo::events::append(db, rows, now).await?;
        Ok(stored
            .into_iter()
            .filter_map(|row| {
                let mut event = events.remove(&(row.user_id, row.device_id.clone()))?;
                event.cursor = row.seq as u64;
                Some(Delivery { user_id: row.user_id, device_id: row.device_id, event: Arc::new(event) })
            })
            .collect())
    }

    /// The same payload for every device of `users`.
    pub async fn store_for_users<C: ConnectionTrait>(
        &self,
        db: &C,
        users: &[Uuid],
        payload: pb::event::Payload,
    ) -> DomainResult<Vec<Delivery>> {
        let devices = repo::devices::list_for_users(db, users).await?;
        let outgoing = devices
            .into_iter()
            .map(|(user_id, device_id)| Outgoing { user_id, device_id, payload: payload.clone() })
            .collect();
        self.store(db, outgoing).await
    }

    pub async fn publish(&self, deliveries: Vec<Delivery>) {
        if !deliveries.is_empty() {
            self.bus.publish(deliveries).await;
        }
    }

    /// Delivers live only; nothing is stored and offline devices miss it.
    pub async fn publish_transient(&self, targets: Vec<(Uuid, String)>, payload: pb::event::Payload) {
        let outgoing = targets
            .into_iter()
            .map(|(user_id, device_id)| Outgoing { user_id, device_id, payload: payload.clone() })
            .collect();
        self.publish_transient_each(outgoing).await;
    }

    /// As [`Events::publish_transient`], with a payload per device, in one batch.
    pub async fn publish_transient_each(&self, outgoing: Vec<Outgoing>) {
        let time = Some(timestamp(self.deps.now_ms()));
        let deliveries = outgoing
            .into_iter()
            .map(|item| Delivery {
                user_id: item.user_id,
                device_id: item.device_id,
                event: Arc::new(pb::Event { cursor: 0, time, transient: true, payload: Some(item.payload) }),
            })
            .collect();
        self.publish(deliveries).await;
    }

    /// Registers the caller's stream (replacing an earlier one) and decides
    /// where replay starts, refusing a cursor whose successors are gone.
    pub async fn open_stream(&self, caller: &AuthContext, since: Option<u64>) -> DomainResult<StreamStart> {
        let since = since.map(|s| i64::try_from(s).unwrap_or(i64::MAX));
        let cutoff = self.deps.now_ms() - duration_ms(self.settings.retention);
        repo::events::expire_device(&self.deps.db, caller.user_id, &caller.device_id, cutoff).await?;
        // Registered before the store is read: anything committed from now on
        // is also published to this subscription, so nothing falls between.
        let subscription = self
            .hub
            .register(caller.user_id, &caller.device_id)
            .ok_or_else(|| DomainError::Unavailable("server shutting down; subscribe again".to_owned()))?;
        let state = repo::events::queue_state(&self.deps.db, caller.user_id, &caller.device_id)
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("this device no longer exists".to_owned()))?;
        let first_available = state.oldest_stored.unwrap_or(state.head + 1);
        let after = match since {
            // No cursor: a new or resynced device takes whatever is stored.
            None => state.acked.max(first_available - 1),
            Some(requested) => {
                if requested > state.head {
                    return Err(DomainError::InvalidArgument(format!(
                        "cursor {requested} is ahead of this device's newest event {}",
                        state.head
                    )));
                }
                // Events up to the ack were delivered; only later ones can be missing.
                let after = requested.max(state.acked);
                if after + 1 < first_available {
                    return Err(DomainError::EventsMissing(format!(
                        "events missing: events after cursor {after} up to {} are no longer stored (retention); \
                         resync, then subscribe without a cursor",
                        first_available - 1
                    )));
                }
                after
            }
        };
        Ok(StreamStart { subscription, after })
    }

    pub async fn read_after(&self, caller: &AuthContext, after: i64) -> DomainResult<Vec<pb::Event>> {
        let rows =
            repo::events::read_after(&self.deps.db, caller.user_id, &caller.device_id, after, REPLAY_PAGE).await?;
        rows.into_iter().map(decode_stored).collect()
    }

    pub async fn ack(&self, caller: &AuthContext, up_to: u64) -> DomainResult<()> {
        let up_to = i64::try_from(up_to).unwrap_or(i64::MAX);
        let state = repo::events::queue_state(&self.deps.db, caller.user_id, &caller.device_id)
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("this device no longer exists".to_owned()))?;
        if up_to > state.head {
            return Err(DomainError::InvalidArgument(format!(
                "cannot acknowledge cursor {up_to}: this device's newest event is {}",
                state.head
            )));
        }
        repo::events::ack(&self.deps.db, caller.user_id, &caller.device_id, up_to).await?;
        Ok(())
    }

    /// Drops events (and idempotency records) older than the retention period.
    pub async fn expire_all(&self) -> DomainResult<u64> {
        let cutoff = self.deps.now_ms() - duration_ms(self.settings.retention);
        Ok(repo::events::expire_all(&self.deps.db, cutoff).await?)
    }
}

fn decode_stored(row: event::Model) -> DomainResult<pb::Event> {
    let mut event = pb::Event::decode(row.payload.as_slice())
        .map_err(|err| DomainError::Internal(format!("stored event {} undecodable: {err}", row.seq)))?;
    event.cursor = row.seq as u64;
    Ok(event)
}
