//! Events: storing them in device queues, publishing them live, the
//! retention rule and acknowledgements. The stream that replays and then
//! follows a queue is in [`stream`](super::stream).

use super::Deps;
use super::ids::{DeviceRef, UserId};
use super::model::{Event, EventCodec, EventPayload};
use super::tokens::AuthContext;
use super::unit_of_work::{Start, Write};
use crate::bus::{Delivery, EventBus, Hub, Subscription};
use crate::clock::duration_ms;
use crate::error::{DomainError, DomainResult};
use futures_util::FutureExt;
use missive_db::entity::event;
use missive_db::repo::{
    self,
    events::{NewEvent, StagedHeads},
};
use missive_db::sea_orm::ConnectionTrait;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// Stored events read per query while replaying.
pub const REPLAY_PAGE: u64 = 500;

/// Acknowledged events deleted per transaction on SQLite's one writer (see
/// [`Events::delete_acknowledged`]).
pub(super) const DELETE_PIECE: u64 = 32;
/// How long a deletion of acknowledged events waits for the one writer to
/// be idle before it queues for it like any write.
const DELETE_PATIENCE: Duration = Duration::from_millis(50);

/// Acknowledged events not yet deleted, by device: the mark to delete up to.
#[derive(Default)]
struct Deletions {
    marks: std::collections::BTreeMap<DeviceRef, i64>,
    deleting: bool,
}

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
    /// Acknowledged events still to delete: each device's latest mark, and
    /// whether a deleter is at work (see [`Events::ack`]).
    deletions: std::sync::Mutex<Deletions>,
    /// Set when push is configured: devices to consider waking.
    push_hints: std::sync::OnceLock<Arc<super::push::PushHints>>,
}

/// An event for one device, before it is stored or sent live.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub to: DeviceRef,
    pub payload: EventPayload,
}

/// An event encoded for storage, waiting for its cursor.
pub(super) type Pending = (DeviceRef, Event);

/// The row that stores `event` (encoded as `payload`) for `to`, and the
/// event waiting for its cursor.
fn row_for(to: DeviceRef, event: Event, payload: Vec<u8>) -> (NewEvent, Pending) {
    (NewEvent { user_id: to.user.0, device_id: to.device.as_str().to_owned(), payload }, (to, event))
}

/// What to publish for the stored rows, given the events they were encoded
/// from. The stored rows keep the given order, without the events of
/// devices that are gone (all of a device's or none).
pub(super) fn deliveries(pending: Vec<Pending>, stored: Vec<event::Model>) -> Vec<Delivery> {
    let mut stored = stored.into_iter().peekable();
    let mut deliveries = Vec::with_capacity(pending.len());
    for (to, mut event) in pending {
        let Some(row) = stored.next_if(|row| row.user_id == to.user.0 && row.device_id == to.device.as_str()) else {
            continue;
        };
        event.cursor = row.seq as u64;
        deliveries.push(Delivery { to, event: Arc::new(event) });
    }
    deliveries
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
        Events { deps, bus, hub, codec, settings, deletions: Default::default(), push_hints: Default::default() }
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
        let (rows, pending) = self.encode(outgoing, now);
        self.append(db, rows, pending, now, heads).await
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
        let (rows, pending) =
            devices_of(db, users).await?.into_iter().map(|to| row_for(to, event.clone(), bytes.clone())).unzip();
        self.append(db, rows, pending, now, heads).await
    }

    /// The rows to store for `outgoing`, and the events they stand for,
    /// in the same order.
    pub(super) fn encode(&self, outgoing: Vec<Outgoing>, now: i64) -> (Vec<NewEvent>, Vec<Pending>) {
        outgoing
            .into_iter()
            .map(|item| {
                let event = Event { cursor: 0, time_ms: now, transient: false, payload: item.payload };
                let payload = self.codec.encode(&event);
                row_for(item.to, event, payload)
            })
            .unzip()
    }

    /// Stores the rows; with one writer its remembered heads number them
    /// (what this transaction assigns goes to `heads`, for after the commit).
    async fn append<C: ConnectionTrait>(
        &self,
        db: &C,
        rows: Vec<NewEvent>,
        pending: Vec<Pending>,
        now: i64,
        heads: &mut StagedHeads,
    ) -> DomainResult<Vec<Delivery>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let stored = match self.deps.writes.heads() {
            Some(known) => repo::events::append_known(db, rows, now, known, heads).await?,
            None => repo::events::append(db, rows, now).await?,
        };
        Ok(deliveries(pending, stored))
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
    /// after the reply, in the background.
    ///
    /// Receivers tend to acknowledge together. Deleting a few hundred rows
    /// for each in its own transaction held the one SQLite writer for tens
    /// of milliseconds in a row; deleting them in pieces of a device each,
    /// queued with the sends, still put some 300 transactions of a
    /// millisecond among them and slowed every send for most of a second
    /// (PERFORMANCE.md items 16, 19 and 35). Recording the mark is one small
    /// update; one deleter then takes every device's latest mark and
    /// deletes in pieces across devices, each while the writer is idle.
    /// Replay starts after the mark, so an acknowledged event still stored
    /// is never sent again; one left by a crash goes with the device's next
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
        match Write::begin(self, Start::Enter).await? {
            Write::Transaction(work) => {
                repo::events::record_ack(work.db(), caller.user.0, device, up_to).await?;
                work.commit().await?;
            }
            Write::Direct(work) => {
                work.run(1, |writer, _, _| writer.record_ack(caller.user.0, device, up_to))?;
                work.finish(Vec::new()).await;
            }
        }
        crate::telemetry::metrics::events_acked(up_to - state.acked);
        let start_deleter = {
            let mut deletions = self.deletions.lock().unwrap_or_else(|e| e.into_inner());
            let mark = deletions.marks.entry(caller.device_ref()).or_insert(up_to);
            *mark = (*mark).max(up_to);
            !std::mem::replace(&mut deletions.deleting, true)
        };
        if start_deleter {
            let events = self.clone();
            tokio::spawn(async move {
                // A bug that panics must not leave the deleter marked at
                // work: no later acknowledgement would start another.
                if AssertUnwindSafe(events.delete_acknowledged()).catch_unwind().await.is_err() {
                    tracing::error!("the deletion of acknowledged events panicked; retention will delete them");
                    let mut deletions = events.deletions.lock().unwrap_or_else(|e| e.into_inner());
                    deletions.marks.clear();
                    deletions.deleting = false;
                }
            });
        }
        Ok(())
    }

    /// Deletes acknowledged events until no mark is left, then stops (the
    /// next acknowledgement starts another). With one writer (SQLite) each
    /// transaction deletes [`DELETE_PIECE`] events across devices, so that
    /// a send waits behind a few rows at most, not behind a whole run.
    /// PostgreSQL writes concurrently: a transaction deletes one device's
    /// whole run (several devices' runs in one, or pieces of a few hundred
    /// across devices, each slowed the sends around them: PERFORMANCE.md
    /// item 35).
    async fn delete_acknowledged(&self) {
        let piece = self.deps.writes.one_writer().then_some(DELETE_PIECE);
        loop {
            let marks: Vec<(DeviceRef, i64)> = {
                let mut deletions = self.deletions.lock().unwrap_or_else(|e| e.into_inner());
                if deletions.marks.is_empty() {
                    deletions.deleting = false;
                    return;
                }
                // As many devices as one transaction can finish at most.
                let devices = piece.map_or(1, |piece| piece as usize);
                deletions.marks.iter().take(devices).map(|(device, mark)| (device.clone(), *mark)).collect()
            };
            let deleting = async {
                let work = Write::begin(self, Start::WhenIdle(DELETE_PATIENCE)).await?;
                let finished = match work {
                    Write::Transaction(work) => {
                        let mut left = piece;
                        let mut finished = 0;
                        for (device, mark) in &marks {
                            let (user, id) = (device.user.0, device.device.as_str());
                            let deleted = repo::events::delete_acknowledged(work.db(), user, id, *mark, left).await?;
                            match &mut left {
                                // A full piece may have left some of this device's run.
                                Some(left) if deleted >= *left => break,
                                Some(left) => *left -= deleted,
                                // One device's whole run per transaction.
                                None => {}
                            }
                            finished += 1;
                        }
                        work.commit().await?;
                        finished
                    }
                    Write::Direct(work) => {
                        let marks: Vec<(Uuid, &str, i64)> =
                            marks.iter().map(|(device, mark)| (device.user.0, device.device.as_str(), *mark)).collect();
                        let piece = piece.unwrap_or(u64::MAX);
                        let rows = usize::try_from(piece).unwrap_or(usize::MAX);
                        let finished = work.run(rows, |writer, _, _| writer.delete_acknowledged(&marks, piece))?;
                        work.finish(Vec::new()).await;
                        finished
                    }
                };
                DomainResult::Ok(&marks[..finished])
            };
            let deleted = deleting.await;
            {
                let mut deletions = self.deletions.lock().unwrap_or_else(|e| e.into_inner());
                match deleted {
                    // A device whose mark moved meanwhile stays, for the rest.
                    Ok(done) => {
                        for (device, mark) in done {
                            if deletions.marks.get(device) == Some(mark) {
                                deletions.marks.remove(device);
                            }
                        }
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, "acknowledged events not deleted; the next acknowledgements will");
                        deletions.marks.clear();
                    }
                }
            }
            // On SQLite's own connection a piece awaits nothing when the
            // writer is idle: without this the loop would keep its runtime
            // thread for a whole burst of pieces (a tenth of a second).
            tokio::task::yield_now().await;
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
