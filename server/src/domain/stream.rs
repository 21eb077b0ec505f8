//! A device's event stream: replay what is stored after the cursor, then
//! follow live, with no gap and no duplicate.
//!
//! The subscription is registered with the hub before the store is read (see
//! `Events::open_stream`). Every stored event carries its cursor, so the
//! hand-over needs no coordination: a live event at or below the last cursor
//! sent is a duplicate and skipped; one beyond the next expected cursor means
//! a wake-up overtook an earlier commit (or the buffer overflowed), and the
//! gap is read from the store. A heartbeat re-reads the store too: it is the
//! safety net under every wake-up path. API adapters only map the items.

use super::events::{Events, REPLAY_PAGE, StreamStart};
use super::model::{Event, EventPayload};
use super::tokens::AuthContext;
use crate::bus::{CloseReason, Live};
use crate::error::{DomainError, DomainResult};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};
use tokio::sync::mpsc;
use tokio_stream::Stream;

/// Items buffered between the stream task and the API's response stream.
const OUTBOUND_BUFFER: usize = 256;

#[derive(Debug, Clone, PartialEq)]
pub enum StreamItem {
    /// Behind a pointer: the channel to the API allocates its slots in
    /// blocks of 32 up front, and an event is some 200 bytes; an idle stream
    /// would keep a block of them. An `Arc`, as live events arrive.
    Event(Arc<Event>),
    /// Nothing is lost while these arrive; `head` is the last cursor sent.
    Heartbeat { time_ms: i64, head: u64 },
}

/// The items of one device's stream; it ends with an error saying why
/// (replaced, device removed, shutting down, storage failure).
pub struct EventStream {
    receiver: mpsc::Receiver<DomainResult<StreamItem>>,
}

impl Stream for EventStream {
    type Item = DomainResult<StreamItem>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.receiver.poll_recv(cx)
    }
}

type Outbound = mpsc::Sender<DomainResult<StreamItem>>;

/// The consumer went away; stop quietly.
struct Gone;

impl Events {
    /// Opens the caller's stream from `since` (or from what is stored).
    pub async fn stream(self: &Arc<Self>, caller: &AuthContext, since: Option<u64>) -> DomainResult<EventStream> {
        let device = caller.device_ref().to_string();
        self.deps().limits.check(super::rate_limit::Limit::SubscribePerDevice, &device).await?;
        let start = self.open_stream(caller, since).await?;
        Ok(self.follow(start))
    }

    /// Runs an opened stream in its own task until the consumer drops it.
    pub fn follow(self: &Arc<Self>, start: StreamStart) -> EventStream {
        let (outbound, receiver) = mpsc::channel(OUTBOUND_BUFFER);
        tokio::spawn(run(self.clone(), start, outbound));
        EventStream { receiver }
    }
}

async fn run(events: Arc<Events>, start: StreamStart, outbound: Outbound) {
    let StreamStart { device, mut subscription, after } = start;
    let mut cursor = Cursor { events: &events, device: &device, last_sent: after, outbound: &outbound };
    if cursor.catch_up().await.is_err() {
        return;
    }
    let mut heartbeat = tokio::time::interval(events.settings.heartbeat_interval);
    heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    heartbeat.tick().await;
    loop {
        let step = tokio::select! {
            received = subscription.receiver.recv() => match received {
                Some(Live::Event(event)) => cursor.forward_live(event).await,
                Some(Live::CatchUp) => cursor.catch_up().await,
                None => {
                    let _ = outbound.send(Err(closed(subscription.close_reason()))).await;
                    return;
                }
            },
            _ = heartbeat.tick() => match cursor.catch_up().await {
                Ok(()) => {
                    let beat = StreamItem::Heartbeat { time_ms: events.now_ms(), head: cursor.last_sent as u64 };
                    cursor.send(beat, true).await
                }
                Err(gone) => Err(gone),
            },
            () = outbound.closed() => return,
        };
        if step.is_err() {
            return;
        }
        if subscription.lagged.swap(false, Ordering::SeqCst) && cursor.catch_up().await.is_err() {
            return;
        }
    }
}

fn closed(reason: Option<CloseReason>) -> DomainError {
    match reason {
        Some(CloseReason::Replaced) => {
            DomainError::Superseded("replaced by a newer Subscribe from this device".to_owned())
        }
        Some(CloseReason::DeviceRemoved) => DomainError::Unauthenticated("this device was removed".to_owned()),
        Some(CloseReason::ShuttingDown) | None => {
            DomainError::Unavailable("server shutting down; subscribe again with your cursor".to_owned())
        }
    }
}

/// The position of one stream: the cursor of the last event sent.
struct Cursor<'a> {
    events: &'a Events,
    device: &'a super::ids::DeviceRef,
    last_sent: i64,
    outbound: &'a Outbound,
}

impl Cursor<'_> {
    async fn forward_live(&mut self, event: Arc<Event>) -> Result<(), Gone> {
        if event.cursor == 0 {
            return self.send(StreamItem::Event(event), true).await;
        }
        let cursor = event.cursor as i64;
        if cursor <= self.last_sent {
            return Ok(());
        }
        if cursor == self.last_sent + 1 {
            self.last_sent = cursor;
            return self.send(StreamItem::Event(event), true).await;
        }
        self.catch_up().await
    }

    /// Sends every stored event after the last one sent, page by page.
    async fn catch_up(&mut self) -> Result<(), Gone> {
        loop {
            let page = match self.events.read_after(self.device, self.last_sent).await {
                Ok(page) => page,
                Err(err) => {
                    let _ = self.outbound.send(Err(err)).await;
                    return Err(Gone);
                }
            };
            let full = page.len() as u64 == REPLAY_PAGE;
            for event in page {
                self.last_sent = event.cursor as i64;
                self.send(StreamItem::Event(Arc::new(event)), false).await?;
            }
            if !full {
                return Ok(());
            }
        }
    }

    /// `live`: handed over by the bus as it was stored, not read back from
    /// the store (only those measure delivery latency).
    async fn send(&self, item: StreamItem, live: bool) -> Result<(), Gone> {
        let message = match &item {
            // Stored messages only, as `accepted` counts them.
            StreamItem::Event(event)
                if !event.transient && matches!(event.payload, EventPayload::MessageAdded { .. }) =>
            {
                Some(event.time_ms)
            }
            _ => None,
        };
        self.outbound.send(Ok(item)).await.map_err(|_| Gone)?;
        if let Some(stored_ms) = message {
            crate::telemetry::metrics::message_delivered(self.events.now_ms() - stored_ms, live);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bus::CloseReason;
    use crate::domain::events::{DELETE_PIECE, Outgoing};
    use crate::domain::ids::DeviceRef;
    use crate::domain::model::EventPayload;
    use crate::domain::testing::TestDomain;
    use crate::domain::unit_of_work::UnitOfWork;
    use std::time::Duration;
    use tokio_stream::StreamExt;

    const BEAT: Duration = Duration::from_millis(100);
    const WAIT: Duration = Duration::from_secs(10);

    fn caller(device: &DeviceRef) -> AuthContext {
        AuthContext { user: device.user, device: device.device.clone(), session_id: uuid::Uuid::nil() }
    }

    fn note(n: u32) -> EventPayload {
        EventPayload::PrekeysLow { remaining: n }
    }

    /// Stored, then published: the normal path.
    async fn emit(domain: &TestDomain, n: u32) {
        let mut work = UnitOfWork::begin(&domain.events).await.unwrap();
        work.emit(vec![Outgoing { to: domain.devices[0].clone(), payload: note(n) }]).await.unwrap();
        work.commit().await.unwrap();
    }

    /// Stored, but its wake-up lost (a crashed instance, a Redis outage).
    async fn emit_silently(domain: &TestDomain, n: u32) {
        let txn = missive_db::begin_write(&domain.events.deps().db).await.unwrap();
        let outgoing = vec![Outgoing { to: domain.devices[0].clone(), payload: note(n) }];
        let mut heads = missive_db::repo::events::StagedHeads::default();
        domain.events.store(&txn, outgoing, &mut heads).await.unwrap();
        txn.commit().await.unwrap();
        if let Some(known) = domain.events.deps().writes.heads() {
            known.apply(heads);
        }
    }

    async fn next(stream: &mut EventStream) -> DomainResult<StreamItem> {
        tokio::time::timeout(WAIT, stream.next()).await.expect("an item within the wait").expect("stream open")
    }

    /// The cursors of the next `count` events, heartbeats skipped.
    async fn cursors(stream: &mut EventStream, count: usize) -> Vec<u64> {
        let mut seen = Vec::with_capacity(count);
        while seen.len() < count {
            if let StreamItem::Event(event) = next(stream).await.expect("no error") {
                seen.push(event.cursor);
            }
        }
        seen
    }

    /// The error that ends the stream, skipping what comes before it.
    async fn end_of(stream: &mut EventStream) -> DomainError {
        loop {
            if let Err(err) = next(stream).await {
                return err;
            }
        }
    }

    /// Two heartbeats pass with no event: nothing duplicated, nothing late.
    async fn assert_quiet(stream: &mut EventStream, head: u64) {
        let mut beats = 0;
        while beats < 2 {
            match next(stream).await.expect("no error") {
                StreamItem::Heartbeat { head: at, .. } => {
                    assert_eq!(at, head);
                    beats += 1;
                }
                StreamItem::Event(event) => panic!("unexpected event {}", event.cursor),
            }
        }
    }

    #[tokio::test]
    async fn a_stream_replays_what_is_stored_then_follows_live() {
        let domain = TestDomain::new(1, BEAT).await;
        emit(&domain, 1).await;
        emit(&domain, 2).await;
        let mut stream = domain.events.stream(&caller(&domain.devices[0]), None).await.unwrap();
        assert_eq!(cursors(&mut stream, 2).await, [1, 2]);
        emit(&domain, 3).await;
        assert_eq!(cursors(&mut stream, 1).await, [3]);
        assert_quiet(&mut stream, 3).await;
    }

    /// The hand-over race: an event committed (and published) after the
    /// subscription is registered but before the first store read arrives
    /// both ways, and is delivered exactly once.
    #[tokio::test]
    async fn an_event_committed_between_subscribe_and_the_first_read_is_delivered_once() {
        let domain = TestDomain::new(1, BEAT).await;
        let start = domain.events.open_stream(&caller(&domain.devices[0]), None).await.unwrap();
        emit(&domain, 1).await;
        let mut stream = domain.events.follow(start);
        assert_eq!(cursors(&mut stream, 1).await, [1]);
        assert_quiet(&mut stream, 1).await;
    }

    #[tokio::test]
    async fn a_wake_up_that_overtakes_an_earlier_commit_fills_the_gap_from_the_store() {
        let domain = TestDomain::new(1, Duration::from_secs(3600)).await;
        let mut stream = domain.events.stream(&caller(&domain.devices[0]), None).await.unwrap();
        emit(&domain, 1).await;
        assert_eq!(cursors(&mut stream, 1).await, [1]);
        emit_silently(&domain, 2).await;
        emit(&domain, 3).await;
        assert_eq!(cursors(&mut stream, 2).await, [2, 3]);
        let late = tokio::time::timeout(Duration::from_millis(300), stream.next()).await;
        assert!(late.is_err(), "nothing more: {late:?}");
    }

    #[tokio::test]
    async fn a_lost_wake_up_is_delivered_by_the_next_heartbeat() {
        let domain = TestDomain::new(1, BEAT).await;
        let mut stream = domain.events.stream(&caller(&domain.devices[0]), None).await.unwrap();
        emit_silently(&domain, 1).await;
        assert_eq!(cursors(&mut stream, 1).await, [1]);
        assert_quiet(&mut stream, 1).await;
    }

    /// More live events than the buffers hold while the consumer is not
    /// reading: the stream marks itself lagged and re-reads the store.
    #[tokio::test]
    async fn a_lagging_stream_catches_up_from_the_store_without_gaps_or_duplicates() {
        let domain = TestDomain::new(1, BEAT).await;
        let mut stream = domain.events.stream(&caller(&domain.devices[0]), None).await.unwrap();
        let total = 1500u64;
        for n in 0..total {
            emit(&domain, n as u32).await;
        }
        let seen = cursors(&mut stream, total as usize).await;
        assert_eq!(seen, (1..=total).collect::<Vec<_>>());
        assert_quiet(&mut stream, total).await;
    }

    #[tokio::test]
    async fn a_stream_ends_saying_why() {
        let domain = TestDomain::new(1, BEAT).await;
        let device = &domain.devices[0];
        let mut first = domain.events.stream(&caller(device), None).await.unwrap();
        let mut second = domain.events.stream(&caller(device), None).await.unwrap();
        let replaced = end_of(&mut first).await;
        assert!(matches!(replaced, DomainError::Superseded(_)), "{replaced:?}");
        domain.hub.disconnect(device, CloseReason::DeviceRemoved);
        let removed = end_of(&mut second).await;
        assert!(matches!(&removed, DomainError::Unauthenticated(m) if m.contains("removed")), "{removed:?}");
    }

    /// The acknowledgement answers once the mark is stored; the events
    /// under it are deleted after, and are never replayed meanwhile.
    #[tokio::test]
    async fn acknowledged_events_are_not_replayed_and_are_then_deleted() {
        let domain = TestDomain::new(1, BEAT).await;
        let device = &domain.devices[0];
        // More than two pieces of the deletion on SQLite's one writer.
        let last = 2 * DELETE_PIECE + 6;
        for n in 1..=last {
            emit(&domain, n as u32).await;
        }
        let up_to = last - 1;
        domain.events.ack(&caller(device), up_to).await.unwrap();
        domain.events.ack(&caller(device), up_to).await.expect("a repeated acknowledgement is answered");
        domain.events.ack(&caller(device), 1).await.expect("an older acknowledgement is answered");
        let mut stream = domain.events.stream(&caller(device), None).await.unwrap();
        assert_eq!(cursors(&mut stream, 1).await, [last]);
        assert_quiet(&mut stream, last).await;

        let db = &domain.events.deps().db;
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let state = missive_db::repo::events::queue_state(db, device.user.0, device.device.as_str())
                .await
                .unwrap()
                .unwrap();
            assert_eq!(state.acked, up_to as i64);
            if state.oldest_stored == Some(last as i64) {
                break;
            }
            assert!(tokio::time::Instant::now() < deadline, "acknowledged events still stored: {state:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Devices that acknowledge together are tidied by one deleter, in
    /// pieces across devices: every acknowledged event goes, none after
    /// the marks, and a later acknowledgement starts the deleter again.
    #[tokio::test]
    async fn acknowledgements_of_many_devices_are_all_deleted() {
        let domain = TestDomain::new(5, BEAT).await;
        // More than a piece per device, so pieces span devices.
        let per_device = DELETE_PIECE + 3;
        for n in 1..=per_device {
            let mut work = UnitOfWork::begin(&domain.events).await.unwrap();
            let outgoing = domain.devices.iter().map(|to| Outgoing { to: to.clone(), payload: note(n as u32) });
            work.emit(outgoing.collect()).await.unwrap();
            work.commit().await.unwrap();
        }
        // Each device its own mark, all at once.
        let marks: Vec<u64> = (0..domain.devices.len() as u64).map(|i| per_device - 1 - i).collect();
        let callers: Vec<AuthContext> = domain.devices.iter().map(caller).collect();
        let acks = callers.iter().zip(&marks).map(|(caller, mark)| domain.events.ack(caller, *mark));
        for acked in futures_util::future::join_all(acks).await {
            acked.unwrap();
        }
        deleted_up_to(&domain, &marks).await;

        // The deleter stopped with nothing left; the next marks restart it.
        let marks = vec![per_device - 1; domain.devices.len()];
        for device in &domain.devices {
            domain.events.ack(&caller(device), per_device - 1).await.unwrap();
        }
        deleted_up_to(&domain, &marks).await;
    }

    /// Waits until each device's stored events begin right after its mark.
    async fn deleted_up_to(domain: &TestDomain, marks: &[u64]) {
        let db = &domain.events.deps().db;
        let deadline = tokio::time::Instant::now() + WAIT;
        for (device, mark) in domain.devices.iter().zip(marks) {
            loop {
                let state = missive_db::repo::events::queue_state(db, device.user.0, device.device.as_str())
                    .await
                    .unwrap()
                    .unwrap();
                assert_eq!(state.acked, *mark as i64);
                if state.oldest_stored == Some(*mark as i64 + 1) {
                    break;
                }
                assert!(tokio::time::Instant::now() < deadline, "acknowledged events still stored: {state:?}");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }

    #[tokio::test]
    async fn a_cursor_ahead_of_the_queue_is_refused() {
        let domain = TestDomain::new(1, BEAT).await;
        let refused = domain.events.stream(&caller(&domain.devices[0]), Some(5)).await.err().expect("refused");
        assert!(matches!(&refused, DomainError::InvalidArgument(m) if m.contains("ahead")), "{refused:?}");
    }
}
