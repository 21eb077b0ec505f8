//! Events: storing them in device queues, publishing them live, the
//! retention rule and acknowledgements. The stream that replays and then
//! follows a queue is in [`stream`](super::stream).

use super::Deps;
use super::ids::{DeviceRef, UserId};
use super::model::{Event, EventCodec, EventPayload};
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use crate::bus::{Delivery, EventBus, Hub, Subscription};
use crate::clock::duration_ms;
use crate::error::{DomainError, DomainResult};
use missive_db::entity::event;
use missive_db::repo::{
    self,
    events::{NewEvent, StagedHeads},
};
use missive_db::sea_orm::ConnectionTrait;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use uuid::Uuid;

/// Stored events read per query while replaying.
pub const REPLAY_PAGE: u64 = 500;

/// Acknowledged events deleted per transaction (see
/// [`Events::delete_acknowledged`]).
pub(super) const DELETE_PIECE: u64 = 32;

pub struct EventSettings {
    pub retention: Duration,
    pub heartbeat_interval: Duration,
}

pub struct Events {
    deps: Deps,
    bus: Arc<dyn EventBus>,
    hub: Arc<Hub>,
    codec: Arc<dyn EventCodec>,
    pub settings: EventSettings,
    /// One deletion of acknowledged events at a time (see [`Events::ack`]).
    deleting: Arc<Semaphore>,
    /// Set when push is configured: devices to consider waking.
    push_hints: std::sync::OnceLock<Arc<super::push::PushHints>>,
}

/// An event for one device, before it is stored or sent live.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub to: DeviceRef,
    pub payload: EventPayload,
}

/// Where a new stream starts.
pub struct StreamStart {
    pub device: DeviceRef,
    pub subscription: Subscription,
    /// Replay stored events after this cursor.
    pub after: i64,
}

impl Events {
    pub fn new(
        deps: Deps,
        bus: Arc<dyn EventBus>,
        hub: Arc<Hub>,
        codec: Arc<dyn EventCodec>,
        settings: EventSettings,
    ) -> Events {
        Events {
            deps,
            bus,
            hub,
            codec,
            settings,
            deleting: Arc::new(Semaphore::new(1)),
            push_hints: Default::default(),
        }
    }

    pub fn deps(&self) -> &Deps {
        &self.deps
    }

    /// From now on, devices that get stored events while they have no
    /// stream here are hinted to the pusher.
    pub fn wake_offline_devices(&self, hints: Arc<super::push::PushHints>) {
        let _ = self.push_hints.set(hints);
    }

    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    pub fn now_ms(&self) -> i64 {
        self.deps.now_ms()
    }

    /// Stores one event per target in `db` (the unit of work's transaction)
    /// and returns what to publish once it commits.
    pub(super) async fn store<C: ConnectionTrait>(
        &self,
        db: &C,
        outgoing: Vec<Outgoing>,
        heads: &mut StagedHeads,
    ) -> DomainResult<Vec<Delivery>> {
        let now = self.deps.now_ms();
        let events = outgoing
            .into_iter()
            .map(|item| {
                let event = Event { cursor: 0, time_ms: now, transient: false, payload: item.payload };
                let bytes = self.codec.encode(&event);
                (item.to, event, bytes)
            })
            .collect();
        self.append(db, events, now, heads).await
    }

    /// The same payload for every device of `users`, encoded once: the stored
    /// bytes hold no cursor, so they are the same for every device.
    pub(super) async fn store_for_users<C: ConnectionTrait>(
        &self,
        db: &C,
        users: &[UserId],
        payload: EventPayload,
        heads: &mut StagedHeads,
    ) -> DomainResult<Vec<Delivery>> {
        let now = self.deps.now_ms();
        let event = Event { cursor: 0, time_ms: now, transient: false, payload };
        let bytes = self.codec.encode(&event);
        let events = devices_of(db, users).await?.into_iter().map(|to| (to, event.clone(), bytes.clone())).collect();
        self.append(db, events, now, heads).await
    }

    /// Stores the events; with one writer its remembered heads number them
    /// (what this transaction assigns goes to `heads`, for after the commit).
    async fn append<C: ConnectionTrait>(
        &self,
        db: &C,
        events: Vec<(DeviceRef, Event, Vec<u8>)>,
        now: i64,
        heads: &mut StagedHeads,
    ) -> DomainResult<Vec<Delivery>> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let mut rows = Vec::with_capacity(events.len());
        let mut pending = Vec::with_capacity(events.len());
        for (to, event, payload) in events {
            rows.push(NewEvent { user_id: to.user.0, device_id: to.device.as_str().to_owned(), payload });
            pending.push((to, event));
        }
        let stored = match self.deps.writes.heads() {
            Some(known) => repo::events::append_known(db, rows, now, known, heads).await?,
            None => repo::events::append(db, rows, now).await?,
        };
        // The stored rows keep the given order, without the events of
        // devices that are gone (all of a device's or none).
        let mut stored = stored.into_iter().peekable();
        let mut deliveries = Vec::with_capacity(pending.len());
        for (to, mut event) in pending {
            let Some(row) = stored.next_if(|row| row.user_id == to.user.0 && row.device_id == to.device.as_str())
            else {
                continue;
            };
            event.cursor = row.seq as u64;
            deliveries.push(Delivery { to, event: Arc::new(event) });
        }
        Ok(deliveries)
    }

    /// Only the unit of work publishes stored events, after its commit.
    pub(super) async fn publish(&self, deliveries: Vec<Delivery>) {
        if let Some(hints) = self.push_hints.get() {
            let stored = deliveries.iter().filter(|d| d.event.cursor > 0).map(|d| &d.to);
            hints.hint(self.hub.without_stream(stored));
        }
        if !deliveries.is_empty() {
            self.bus.publish(deliveries).await;
        }
    }

    /// Delivers live only, a payload per device in one batch; nothing is
    /// stored and offline devices miss it.
    pub async fn publish_transient(&self, outgoing: Vec<Outgoing>) {
        let time_ms = self.deps.now_ms();
        let deliveries = outgoing
            .into_iter()
            .map(|item| Delivery {
                to: item.to,
                event: Arc::new(Event { cursor: 0, time_ms, transient: true, payload: item.payload }),
            })
            .collect();
        self.publish(deliveries).await;
    }

    /// Registers the caller's stream (replacing an earlier one) and decides
    /// where replay starts, refusing a cursor whose successors are gone.
    pub async fn open_stream(&self, caller: &AuthContext, since: Option<u64>) -> DomainResult<StreamStart> {
        let device = caller.device_ref();
        let since = since.map(|s| i64::try_from(s).unwrap_or(i64::MAX));
        let cutoff = self.deps.now_ms() - duration_ms(self.settings.retention);
        repo::events::expire_device(&self.deps.db, device.user.0, device.device.as_str(), cutoff).await?;
        // Registered before the store is read: anything committed from now on
        // is also published to this subscription, so nothing falls between.
        let subscription = self
            .hub
            .register(&device)
            .ok_or_else(|| DomainError::Unavailable("server shutting down; subscribe again".to_owned()))?;
        let state = repo::events::queue_state(&self.deps.db, device.user.0, device.device.as_str())
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
        Ok(StreamStart { device, subscription, after })
    }

    /// Up to [`REPLAY_PAGE`] stored events of the device after `after`.
    pub async fn read_after(&self, device: &DeviceRef, after: i64) -> DomainResult<Vec<Event>> {
        let rows =
            repo::events::read_after(&self.deps.db, device.user.0, device.device.as_str(), after, REPLAY_PAGE).await?;
        rows.into_iter().map(|row| self.decode_stored(row)).collect()
    }

    /// Remembers the acknowledgement, then deletes the acknowledged events
    /// after the reply, one device at a time.
    ///
    /// Receivers tend to acknowledge together, and deleting a few hundred
    /// rows for each of them in their own transactions held the one SQLite
    /// writer for tens of milliseconds in a row: sends queued behind every
    /// one (the 1:1 open loop's p99 was such bursts). Recording the mark is
    /// one small update; the deletions then take the writer one at a time,
    /// with the sends that queued meanwhile going in between. Replay starts
    /// after the mark, so an acknowledged event still stored is never sent
    /// again; one left by a crash goes with the device's next
    /// acknowledgement, or with retention.
    pub async fn ack(self: &Arc<Self>, caller: &AuthContext, up_to: u64) -> DomainResult<()> {
        let up_to = i64::try_from(up_to).unwrap_or(i64::MAX);
        let device = caller.device.as_str();
        let state = repo::events::queue_state(&self.deps.db, caller.user.0, device)
            .await?
            .ok_or_else(|| DomainError::Unauthenticated("this device no longer exists".to_owned()))?;
        if up_to > state.head {
            return Err(DomainError::InvalidArgument(format!(
                "cannot acknowledge cursor {up_to}: this device's newest event is {}",
                state.head
            )));
        }
        // Nothing to remember or delete: the mark is already there, and its
        // deletion done or under way. A repeated acknowledgement costs no
        // write and queues no deletion.
        if up_to <= state.acked {
            return Ok(());
        }
        // A unit of work like every frequent write: on SQLite a write outside
        // one waits in SQLite's busy handler, which sleeps and retries while
        // the group commit takes the lock again and again (a reader that
        // waits for its acknowledgement stalled for up to a second).
        let work = UnitOfWork::begin(self).await?.keeps_reads();
        repo::events::record_ack(work.db(), caller.user.0, device, up_to).await?;
        work.commit().await?;
        crate::telemetry::metrics::events_acked(up_to - state.acked);
        let events = self.clone();
        let device = caller.device_ref();
        tokio::spawn(async move { events.delete_acknowledged(&device, up_to).await });
        Ok(())
    }

    /// With one writer (SQLite), deletes in pieces of [`DELETE_PIECE`]
    /// events, each its own transaction, so that a send waits behind a few
    /// rows, not behind the whole acknowledged run. PostgreSQL writes
    /// concurrently, and each piece would be a commit of its own to flush.
    async fn delete_acknowledged(&self, device: &DeviceRef, up_to: i64) {
        let Ok(_turn) = self.deleting.acquire().await else { return };
        let piece = self.deps.writes.one_writer().then_some(DELETE_PIECE);
        loop {
            let admission = self.deps.writes.enter_patiently().await;
            let deleting = async {
                let work = UnitOfWork::begin_admitted(self, admission).await?.keeps_reads();
                let deleted =
                    repo::events::delete_acknowledged(work.db(), device.user.0, device.device.as_str(), up_to, piece)
                        .await?;
                work.commit().await?;
                DomainResult::Ok(deleted)
            };
            match deleting.await {
                Ok(deleted) if piece.is_none_or(|piece| deleted < piece) => return,
                Ok(_) => {}
                Err(err) => {
                    tracing::warn!(error = %err, "acknowledged events not deleted; the next acknowledgement will");
                    return;
                }
            }
        }
    }

    /// Drops events (and idempotency records) older than the retention period.
    pub async fn expire_all(&self) -> DomainResult<u64> {
        let cutoff = self.deps.now_ms() - duration_ms(self.settings.retention);
        Ok(repo::events::expire_all(&self.deps.db, cutoff).await?)
    }

    fn decode_stored(&self, row: event::Model) -> DomainResult<Event> {
        let mut event = self
            .codec
            .decode(&row.payload)
            .map_err(|err| DomainError::Internal(format!("stored event {} undecodable: {err}", row.seq)))?;
        event.cursor = row.seq as u64;
        Ok(event)
    }
}

/// Every device of `users`, in a stable order.
pub async fn devices_of<C: ConnectionTrait>(db: &C, users: &[UserId]) -> DomainResult<Vec<DeviceRef>> {
    let ids: Vec<Uuid> = users.iter().map(|u| u.0).collect();
    Ok(repo::devices::list_for_users(db, &ids).await?.into_iter().map(DeviceRef::from_stored).collect())
}
