//! The one way the domain writes: begin a transaction, write and store the
//! events the change emits, commit, and only then publish them.
//!
//! Written out by hand in each service, forgetting the publish (a device
//! waits for its next heartbeat) or publishing before the commit (a stream
//! reads the store, finds nothing, and the wake-up is spent) would be silent
//! bugs; here they cannot be written. Dropping a unit of work without
//! committing rolls it back and publishes nothing.
//!
//! The [`WriteGate`] bounds how many units of work run at once. Past it a
//! write waits a short moment for a place, then is refused with a retry
//! hint, so overload sheds in milliseconds instead of queueing on the
//! connection pool for seconds, and what is accepted keeps its latency.
//! The queue of waiting writes is bounded too: once it is full, a write is
//! refused at once, and the transport can refuse the hot write before it
//! spends anything on it ([`WriteGate::full`]) — under overload the cost of
//! a refusal is what eats into the accepted throughput.

use super::events::{Events, Outgoing};
use super::federation::Notification;
use super::ids::{BackendDomain, UserId};
use super::model::EventPayload;
use crate::bus::Delivery;
use crate::error::{DomainError, DomainResult};
use missive_db::StoreError;
use missive_db::repo;
use missive_db::repo::events::{Heads, StagedHeads};
use missive_db::sea_orm::{ConnectionTrait, DatabaseTransaction};
use missive_db::sqlite_writer::SqliteWriter;
use std::panic::Location;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, OwnedMutexGuard, OwnedSemaphorePermit, Semaphore};
use tracing::Instrument;

/// How often the gate says in the log that it sheds.
const SHED_LOG_INTERVAL: Duration = Duration::from_secs(10);

/// A unit of work that holds the one writer's turn longer than this is
/// logged with where it began: every other write waited that long.
const SLOW_TURN: Duration = Duration::from_millis(50);

/// How often a write that can wait looks for the one writer idle.
const IDLE_POLL: Duration = Duration::from_millis(1);

/// Bounds of the queue of waiting writes, per place. Within them the queue
/// is as long as the places drain in half of `wait`, at the measured pace:
/// a longer queue turns into refusals that come only after `wait` (and
/// were authenticated and decoded for nothing), while with arrivals above
/// the pace even a short queue keeps every place busy.
const MIN_WAITING_PER_PLACE: usize = 1;
const MAX_WAITING_PER_PLACE: usize = 16;

/// At most `permits` writes at once; at most as many wait as can be
/// admitted within `wait`, each at most `wait`.
pub struct WriteGate {
    permits: Arc<Semaphore>,
    places: usize,
    wait: Duration,
    waiting: AtomicUsize,
    /// Microseconds between two admissions from the queue, smoothed; 0
    /// until measured.
    admit_interval_us: AtomicU64,
    /// Microseconds since `started` of the last admission from the queue.
    last_admit_us: AtomicU64,
    shed: AtomicU64,
    /// Set when the database has one writer (SQLite): admitted writes take
    /// it in turn before they begin, rather than waiting in SQLite's busy
    /// handler, which polls with growing sleeps, so a writer that begins
    /// again at once (the group commit) starved the others for up to a
    /// second.
    writer: Option<Arc<Mutex<()>>>,
    /// Units of work that may have changed what a batch of sends reads,
    /// counted while they hold the writer's turn (see `batch_reads`). With
    /// several writers the count is the database's (`repo::changes`).
    changes: AtomicU64,
    /// The database's shard of the count a unit of work bumps next.
    next_shard: AtomicUsize,
    /// With one writer: the devices' cursor heads, so that storing events
    /// writes no device row (`repo::events::append_known`).
    heads: Option<Arc<Heads>>,
    /// With one writer on a file: its own connection, for the frequent
    /// writes ([`Write`]).
    direct: Option<Arc<SqliteWriter>>,
    /// Milliseconds since `started` of the last shedding log line.
    last_log_ms: AtomicI64,
    started: Instant,
}

impl WriteGate {
    pub fn new(permits: usize, wait: Duration) -> WriteGate {
        let permits = permits.max(1);
        WriteGate {
            permits: Arc::new(Semaphore::new(permits)),
            places: permits,
            wait,
            waiting: AtomicUsize::new(0),
            admit_interval_us: AtomicU64::new(0),
            last_admit_us: AtomicU64::new(0),
            shed: AtomicU64::new(0),
            last_log_ms: AtomicI64::new(i64::MIN / 2),
            started: Instant::now(),
            writer: None,
            changes: AtomicU64::new(0),
            // Instances start on different shards.
            next_shard: AtomicUsize::new(uuid::Uuid::new_v4().as_bytes()[0] as usize),
            heads: None,
            direct: None,
        }
    }

    /// Admitted writes also run one at a time, in the order they ask;
    /// batches of sends through `direct` when there is one.
    pub fn one_writer_at_a_time(mut self, direct: Option<SqliteWriter>) -> WriteGate {
        self.writer = Some(Arc::new(Mutex::new(())));
        self.heads = Some(Arc::new(Heads::default()));
        self.direct = direct.map(Arc::new);
        self
    }

    /// The cursor heads the one writer keeps, when there is one.
    pub fn heads(&self) -> Option<&Heads> {
        self.heads.as_deref()
    }

    /// Whether writes take the one writer in turn (SQLite).
    pub fn one_writer(&self) -> bool {
        self.writer.is_some()
    }

    /// The count of changes a batch of sends compares with what it read
    /// before: the units of work that committed (or tried to) without being
    /// marked [`UnitOfWork::keeps_reads`]. With one writer it is counted
    /// here and stable while the writer's turn is held; with several it is
    /// the database's, read in the batch's transaction before its reads.
    pub(super) async fn changes_seen<C: ConnectionTrait>(&self, db: &C) -> DomainResult<u64> {
        if self.one_writer() { Ok(self.changes.load(Ordering::SeqCst)) } else { Ok(repo::changes::count(db).await?) }
    }

    /// A place for one write, held until the returned admission is dropped
    /// or handed to [`UnitOfWork::begin_admitted`]. A hot write path takes
    /// it before its reads, so a request that will be refused costs nothing.
    pub async fn enter(&self) -> DomainResult<Admission> {
        if let Ok(permit) = self.permits.clone().try_acquire_owned() {
            return Ok(Admission(permit));
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.max_waiting() {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(self.shedding());
        }
        let waited = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned()).await;
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        match waited {
            Ok(Ok(permit)) => {
                self.admitted_from_queue();
                Ok(Admission(permit))
            }
            _ => Err(self.shedding()),
        }
    }

    /// A place, waiting as long as it takes: for the group commit's
    /// workers, whose sends already waited for their places at the send
    /// gate and are few (one batch each).
    pub async fn enter_patiently(&self) -> Admission {
        let permit = self.permits.clone().acquire_owned().await.expect("the gate's semaphore is never closed");
        Admission(permit)
    }

    /// How many writes may wait: as many as the places admit within half
    /// of `wait` at the measured pace, within the per-place bounds.
    fn max_waiting(&self) -> usize {
        let (low, high) = (self.places * MIN_WAITING_PER_PLACE, self.places * MAX_WAITING_PER_PLACE);
        match self.admit_interval_us.load(Ordering::Relaxed) {
            0 => high,
            interval => {
                let drained = self.wait.as_micros() as u64 / 2 / interval;
                usize::try_from(drained).unwrap_or(high).clamp(low, high)
            }
        }
    }

    fn admitted_from_queue(&self) {
        let now = (self.started.elapsed().as_micros() as u64).max(1);
        let last = self.last_admit_us.swap(now, Ordering::Relaxed);
        let wait = self.wait.as_micros() as u64;
        // A gap longer than `wait` means the queue ran dry: not a pace.
        if last == 0 || now.saturating_sub(last) > wait {
            return;
        }
        let sample = (now - last).max(1);
        let smoothed = match self.admit_interval_us.load(Ordering::Relaxed) {
            0 => sample,
            previous => (previous * 7 + sample) / 8,
        };
        self.admit_interval_us.store(smoothed.max(1), Ordering::Relaxed);
    }

    /// Every place taken and the queue full: a write arriving now would be
    /// refused. Checked by the transport before it authenticates or decodes
    /// a hot write, so a refusal costs next to nothing.
    pub fn full(&self) -> bool {
        self.permits.available_permits() == 0 && self.waiting.load(Ordering::Acquire) >= self.max_waiting()
    }

    /// The refusal [`enter`](Self::enter) would give, counted as one, if
    /// the gate is [`full`](Self::full).
    pub fn refuse_if_full(&self) -> Option<DomainError> {
        self.full().then(|| self.shedding())
    }

    /// Writes refused so far.
    pub fn shed_count(&self) -> u64 {
        self.shed.load(Ordering::Relaxed)
    }

    fn shedding(&self) -> DomainError {
        let shed = self.shed.fetch_add(1, Ordering::Relaxed) + 1;
        let now = self.started.elapsed().as_millis() as i64;
        let last = self.last_log_ms.load(Ordering::Relaxed);
        if now - last >= SHED_LOG_INTERVAL.as_millis() as i64
            && self.last_log_ms.compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed).is_ok()
        {
            tracing::warn!(shed_total = shed, "overloaded: refusing writes with RESOURCE_EXHAUSTED");
        }
        DomainError::RateLimited {
            message: "server busy: too many writes in flight; retry shortly".to_owned(),
            retry_after: self.wait.max(Duration::from_millis(50)),
        }
    }
}

/// A place at the write gate.
#[derive(Debug)]
pub struct Admission(#[allow(dead_code, reason = "held for its drop")] OwnedSemaphorePermit);

pub struct UnitOfWork<'e> {
    txn: DatabaseTransaction,
    events: &'e Events,
    /// Stored in `txn`, published after it commits.
    emitted: Vec<Delivery>,
    /// Whether the outbox has something new once this commits.
    told: bool,
    /// Writes none of what a batch of sends reads.
    keeps_reads: bool,
    /// Cursor heads assigned in `txn`, remembered once it commits.
    heads: StagedHeads,
    /// Held until the unit of work ends, whichever way.
    _admission: Admission,
    /// The one writer's turn, when the database has one writer.
    _turn: Option<Turn>,
}

/// The one writer's turn, held by a unit of work; logs a long hold when it
/// ends (the commit is part of the hold, the publish is not).
struct Turn {
    _guard: OwnedMutexGuard<()>,
    taken: Instant,
    waited: Duration,
    caller: &'static Location<'static>,
}

impl Turn {
    /// The turn, just taken after asking for it at `asked`.
    fn taken(guard: OwnedMutexGuard<()>, asked: Instant, caller: &'static Location<'static>) -> Turn {
        let taken = Instant::now();
        Turn { _guard: guard, taken, waited: taken - asked, caller }
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let held = self.taken.elapsed();
        if held > SLOW_TURN {
            tracing::warn!(
                held_ms = held.as_millis() as u64,
                waited_ms = self.waited.as_millis() as u64,
                began_at = %self.caller,
                "a write held the one writer long; every other write waited behind it"
            );
        }
    }
}

/// How a write takes its place at the gate (and the one writer's turn).
pub enum Start {
    /// Waits a short moment for a place, then is refused.
    Enter,
    /// A place taken earlier (before the write's reads).
    Admitted(Admission),
    /// A write that can wait (tidying up). With one writer it takes its
    /// place and the turn at a moment when no other write has a place, so
    /// the writes clients wait for never queue behind it; after the
    /// patience without such a moment it queues like any write, so that a
    /// writer never idle does not starve it. PostgreSQL writes
    /// concurrently: it begins as soon as it has a place.
    WhenIdle(Duration),
}

/// A place and the one writer's turn, held for work that must see no write
/// meanwhile without being one (the end of a checkpoint).
pub struct Quiet {
    _admission: Admission,
    _turn: Option<Turn>,
}

impl WriteGate {
    /// Waits for a quiet moment, as [`Start::WhenIdle`].
    #[track_caller]
    pub fn quiet(&self, patience: Duration) -> impl Future<Output = DomainResult<Quiet>> + '_ {
        let caller = Location::caller();
        async move {
            let (admission, turn) = place_and_turn(self, Start::WhenIdle(patience), caller).await?;
            Ok(Quiet { _admission: admission, _turn: turn })
        }
    }
}

/// The place and, with one writer, its turn.
async fn place_and_turn(
    gate: &WriteGate,
    start: Start,
    caller: &'static Location<'static>,
) -> DomainResult<(Admission, Option<Turn>)> {
    let admission = match start {
        Start::Enter => gate.enter().await?,
        Start::Admitted(admission) => admission,
        Start::WhenIdle(patience) => {
            if let Some(writer) = &gate.writer {
                let asked = Instant::now();
                while asked.elapsed() < patience {
                    // Every place free: no write holds the turn, waits for it
                    // or is about to ask (a hot write takes its place first).
                    if gate.permits.available_permits() == gate.places
                        && let Ok(permit) = gate.permits.clone().try_acquire_owned()
                        && let Ok(guard) = writer.clone().try_lock_owned()
                    {
                        return Ok((Admission(permit), Some(Turn::taken(guard, asked, caller))));
                    }
                    tokio::time::sleep(IDLE_POLL).await;
                }
            }
            gate.enter_patiently().await
        }
    };
    let turn = match &gate.writer {
        Some(writer) => {
            let asked = Instant::now();
            Some(Turn::taken(writer.clone().lock_owned().await, asked, caller))
        }
        None => None,
    };
    Ok((admission, turn))
}

impl<'e> UnitOfWork<'e> {
    /// Begins a write transaction (`BEGIN IMMEDIATE` on SQLite), once the
    /// write gate lets it in.
    #[track_caller]
    pub fn begin(events: &'e Events) -> impl Future<Output = DomainResult<UnitOfWork<'e>>> + 'e {
        UnitOfWork::begin_with(events, Start::Enter, Location::caller())
    }

    /// Begins with a place taken earlier (before the write's reads).
    #[track_caller]
    pub fn begin_admitted(
        events: &'e Events,
        admission: Admission,
    ) -> impl Future<Output = DomainResult<UnitOfWork<'e>>> + 'e {
        UnitOfWork::begin_with(events, Start::Admitted(admission), Location::caller())
    }

    async fn begin_with(
        events: &'e Events,
        start: Start,
        caller: &'static Location<'static>,
    ) -> DomainResult<UnitOfWork<'e>> {
        let (admission, turn) = place_and_turn(&events.deps().writes, start, caller).await?;
        UnitOfWork::open(events, admission, turn).await
    }

    /// Begins the transaction, the place and the turn (if any) taken.
    async fn open(events: &'e Events, admission: Admission, turn: Option<Turn>) -> DomainResult<UnitOfWork<'e>> {
        let txn = missive_db::begin_write(&events.deps().db)
            .instrument(crate::child_span!(crate::telemetry::STORAGE, "db.begin"))
            .await?;
        Ok(UnitOfWork {
            txn,
            events,
            emitted: Vec::new(),
            told: false,
            keeps_reads: false,
            heads: StagedHeads::default(),
            _admission: admission,
            _turn: turn,
        })
    }

    /// Marks this unit of work as writing no conversation, member,
    /// connection, user or device, so a batch of sends may go on using what
    /// it read before (`batch_reads`). Only for the frequent writes that
    /// provably touch none of them: sends and acknowledgements. Every other
    /// unit of work makes the batches read again.
    pub fn keeps_reads(mut self) -> Self {
        self.keeps_reads = true;
        self
    }

    /// The transaction, for repositories.
    pub fn db(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Stores one event per target in this transaction.
    pub async fn emit(&mut self, outgoing: Vec<Outgoing>) -> DomainResult<()> {
        let stored = self
            .events
            .store(&self.txn, outgoing, &mut self.heads)
            .instrument(crate::child_span!(crate::telemetry::STORAGE, "db.store_events"))
            .await?;
        self.emitted.extend(stored);
        Ok(())
    }

    /// Stores `payload` for every device of `users`.
    pub async fn emit_to_users(&mut self, users: &[UserId], payload: EventPayload) -> DomainResult<()> {
        let stored = self
            .events
            .store_for_users(&self.txn, users, payload, &mut self.heads)
            .instrument(crate::child_span!(crate::telemetry::STORAGE, "db.store_events"))
            .await?;
        self.emitted.extend(stored);
        Ok(())
    }

    /// The device is deleted in this transaction: its cursor head must not
    /// be remembered past the commit.
    pub fn forget_device(&mut self, user: uuid::Uuid, device: &str) {
        self.heads.forget(user, device);
    }

    /// Queues a notification to another backend in this transaction: it is
    /// delivered after the commit, and only if the change commits.
    pub async fn tell(&mut self, destination: &BackendDomain, notification: Notification) -> DomainResult<()> {
        let deps = self.events.deps();
        let encoded = deps.remotes.encode(&notification)?;
        let now = super::outbox::wall_ms();
        // The delivery, however late, continues this trace (telemetry::propagation).
        let trace = crate::telemetry::propagation::current_traceparent();
        repo::federation::enqueue(&self.txn, &destination.to_string(), encoded.kind, encoded.body, now, trace).await?;
        self.told = true;
        Ok(())
    }

    /// Commits, then publishes what was emitted. Returns once the wake-ups
    /// are out, so a reply sent after it never precedes them.
    pub async fn commit(self) -> DomainResult<()> {
        let UnitOfWork { txn, events, emitted, told, keeps_reads, heads, _admission, _turn } = self;
        let gate = &events.deps().writes;
        if !keeps_reads {
            if gate.one_writer() {
                // Counted before the commit, with the turn held: a batch that
                // takes the turn next sees the count moved, whether or not the
                // commit went through.
                gate.changes.fetch_add(1, Ordering::SeqCst);
            } else {
                // Last, so that the shard's row stays locked only for the commit.
                let shard = gate.next_shard.fetch_add(1, Ordering::Relaxed);
                repo::changes::bump(&txn, shard)
                    .instrument(crate::child_span!(crate::telemetry::STORAGE, "db.count_change"))
                    .await?;
            }
        }
        let committed = txn.commit().instrument(crate::child_span!(crate::telemetry::STORAGE, "db.commit")).await;
        // Still within the writer's turn, so no other transaction reads the
        // heads in between.
        if let Some(known) = events.deps().writes.heads() {
            match committed {
                Ok(()) => known.apply(heads),
                // Whether it committed is not known: read the store again.
                Err(_) => known.clear(),
            }
        }
        committed?;
        // The publish waits on the bus, not on the database: free the place.
        drop(_turn);
        drop(_admission);
        if told {
            events.deps().outbox_wake.notify_one();
        }
        publish_committed(events, emitted).await;
        Ok(())
    }

    /// Undoes everything; nothing is published. Same as dropping, but says so.
    pub async fn rollback(self) -> DomainResult<()> {
        self.txn.rollback().await?;
        Ok(())
    }
}

/// Publishes what a commit stored, once the turn and place are free.
async fn publish_committed(events: &Events, emitted: Vec<Delivery>) {
    let published = emitted.len();
    crate::telemetry::metrics::events_stored(emitted.iter().filter(|d| d.event.cursor > 0).count());
    events
        .publish(emitted)
        .instrument(crate::child_span!(crate::telemetry::BUS, "bus.publish", missive.events = published))
        .await;
}

/// Rows past which a write on the one writer's own connection first hands
/// this worker thread's other tasks to another thread: a fan-out to
/// thousands of devices holds the thread for milliseconds.
const LARGE_DIRECT_WRITE: usize = 256;

/// A frequent write, begun the way the database writes it best: a
/// [`UnitOfWork`], or with one writer on a file a [`DirectWrite`] on the
/// writer's own connection.
pub enum Write<'e> {
    Transaction(UnitOfWork<'e>),
    Direct(DirectWrite<'e>),
}

impl<'e> Write<'e> {
    /// Takes the place (and the turn) as `start` says. A transaction is
    /// marked [`UnitOfWork::keeps_reads`]: only the writes that change none
    /// of what a batch of sends reads are written directly.
    #[track_caller]
    pub fn begin(events: &'e Events, start: Start) -> impl Future<Output = DomainResult<Write<'e>>> + 'e {
        let caller = Location::caller();
        async move {
            let gate = &events.deps().writes;
            let (admission, turn) = place_and_turn(gate, start, caller).await?;
            match (&gate.direct, &gate.heads, turn) {
                (Some(writer), Some(heads), Some(turn)) => {
                    let (writer, heads) = (writer.clone(), heads.clone());
                    Ok(Write::Direct(DirectWrite { events, writer, heads, _admission: admission, turn }))
                }
                (_, _, turn) => Ok(Write::Transaction(UnitOfWork::open(events, admission, turn).await?.keeps_reads())),
            }
        }
    }
}

/// The one writer's turn, for writes each run in one call on its own
/// connection ([`SqliteWriter`]: no hand-off per statement to a
/// connection's thread). Writes nothing that a batch of sends reads.
pub struct DirectWrite<'e> {
    events: &'e Events,
    writer: Arc<SqliteWriter>,
    heads: Arc<Heads>,
    _admission: Admission,
    turn: Turn,
}

impl DirectWrite<'_> {
    /// Runs `write`, which touches about `rows` rows, on this thread; what
    /// it assigns to the cursor heads is kept only if it succeeds (an
    /// error may leave the commit's outcome unknown: the heads are then
    /// read from the store again).
    pub fn run<T>(
        &self,
        rows: usize,
        write: impl FnOnce(&SqliteWriter, &Heads, &mut StagedHeads) -> Result<T, StoreError>,
    ) -> DomainResult<T> {
        let mut staged = StagedHeads::default();
        // One span for the whole write: it is one call, begin to commit.
        let span = crate::child_span!(crate::telemetry::STORAGE, "db.write", missive.rows = rows);
        let done = span.in_scope(|| on_this_thread(rows, || write(&self.writer, &self.heads, &mut staged)));
        // Still within the writer's turn, as for a unit of work.
        match &done {
            Ok(_) => self.heads.apply(staged),
            Err(_) => self.heads.clear(),
        }
        Ok(done?)
    }

    /// Frees the turn and the place, then publishes what was stored.
    pub async fn finish(self, stored: Vec<Delivery>) {
        let DirectWrite { events, turn, _admission, .. } = self;
        drop(turn);
        drop(_admission);
        publish_committed(events, stored).await;
    }
}

/// Runs SQLite's work on this thread; a large one first lets the runtime
/// move this thread's other tasks elsewhere (a multi-threaded runtime only).
fn on_this_thread<T>(rows: usize, work: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    let multi_threaded = Handle::try_current().is_ok_and(|h| h.runtime_flavor() == RuntimeFlavor::MultiThread);
    if rows > LARGE_DIRECT_WRITE && multi_threaded { tokio::task::block_in_place(work) } else { work() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DeviceRef;
    use crate::domain::testing::TestDomain;
    use std::time::Duration;

    fn payload() -> EventPayload {
        EventPayload::PrekeysLow { remaining: 1 }
    }

    /// A tracing writer into a shared buffer, for the log of one test.
    #[derive(Clone, Default)]
    struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Captured {
        fn text(&self) -> String {
            String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
        }
    }

    #[tokio::test]
    async fn a_long_hold_of_the_one_writer_is_logged_with_where_it_began() {
        let domain = TestDomain::new(1, Duration::from_secs(30)).await;
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
        let _log = tracing::subscriber::set_default(subscriber);

        let quick = UnitOfWork::begin(&domain.events).await.unwrap();
        quick.commit().await.unwrap();
        assert!(!captured.text().contains("held the one writer"), "a quick write is not logged: {}", captured.text());

        let (slow, line) = (UnitOfWork::begin(&domain.events), line!());
        let slow = slow.await.unwrap();
        tokio::time::sleep(SLOW_TURN + Duration::from_millis(20)).await;
        slow.commit().await.unwrap();
        let log = captured.text();
        assert!(log.contains("held the one writer"), "{log}");
        assert!(log.contains(&format!("{}:{line}:", file!())), "the log names where the write began: {log}");
    }

    #[tokio::test]
    async fn emitted_events_are_published_after_commit() {
        let domain = TestDomain::new(2, Duration::from_secs(30)).await;
        let mut work = UnitOfWork::begin(&domain.events).await.unwrap();
        work.emit_to_users(&domain.users, payload()).await.unwrap();
        assert!(domain.published.lock().unwrap().is_empty(), "published before commit");
        work.commit().await.unwrap();
        let mut seen: Vec<DeviceRef> = domain.published.lock().unwrap().iter().map(|d| d.to.clone()).collect();
        seen.sort();
        let mut expected = domain.devices.clone();
        expected.sort();
        assert_eq!(seen, expected, "every stored event is published once, after commit");
        assert!(domain.published.lock().unwrap().iter().all(|d| d.event.cursor == 1));
    }

    #[tokio::test]
    async fn past_the_gate_a_write_is_refused_quickly_with_a_retry_hint() {
        let gate = WriteGate::new(1, Duration::from_millis(30));
        let held = gate.enter().await.unwrap();
        let started = std::time::Instant::now();
        let refused = gate.enter().await.unwrap_err();
        assert!(started.elapsed() < Duration::from_millis(500), "refused after {:?}", started.elapsed());
        assert!(matches!(refused.code(), crate::error::ErrorCode::TooMany), "{refused:?}");
        assert!(refused.retry_after().is_some());
        assert_eq!(gate.shed_count(), 1);
        drop(held);
        gate.enter().await.expect("a freed place is taken");
    }

    #[tokio::test]
    async fn once_the_queue_is_full_a_write_is_refused_without_waiting() {
        let gate = Arc::new(WriteGate::new(1, Duration::from_secs(30)));
        let held = gate.enter().await.unwrap();
        assert!(!gate.full(), "a place is taken but nobody waits yet");
        let mut waiters = Vec::new();
        while !gate.full() {
            assert!(waiters.len() < 1000, "the queue never fills");
            let gate = gate.clone();
            waiters.push(tokio::spawn(async move { gate.enter().await.map(drop) }));
            tokio::task::yield_now().await;
        }
        let started = std::time::Instant::now();
        let refused = gate.enter().await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(1), "waited {:?} for a full queue", started.elapsed());
        assert!(refused.retry_after().is_some());
        assert!(gate.refuse_if_full().is_some());
        assert_eq!(gate.shed_count(), 2);
        // The queued writes are not lost: each gets the place in turn.
        drop(held);
        for waiter in waiters {
            waiter.await.unwrap().expect("a queued write is admitted once places free");
        }
        assert!(!gate.full());
        assert!(gate.refuse_if_full().is_none());
    }

    #[tokio::test]
    async fn the_queue_is_as_long_as_the_places_drain_within_the_wait() {
        let gate = WriteGate::new(2, Duration::from_millis(50));
        assert_eq!(gate.max_waiting(), 2 * MAX_WAITING_PER_PLACE, "unmeasured: the longest queue");
        // Admissions from the queue every 5 ms: 5 can be admitted in 25 ms.
        for _ in 0..40 {
            gate.admitted_from_queue();
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let bound = gate.max_waiting();
        assert!((2..=6).contains(&bound), "about 25 / 5 = 5 waiters, got {bound}");
        // A slow pace never shrinks the queue below one per place.
        gate.admit_interval_us.store(1_000_000, Ordering::Relaxed);
        assert_eq!(gate.max_waiting(), 2 * MIN_WAITING_PER_PLACE);
    }

    /// A write that can wait lets the one writer go to every write that
    /// has a place, and queues anyway once its patience is spent.
    #[tokio::test]
    async fn a_write_that_can_wait_goes_when_the_writer_is_idle_or_its_patience_ends() {
        let domain = TestDomain::new(1, Duration::from_secs(30)).await;
        let events = &domain.events;

        // A write in progress: the tidying waits for it, however patient.
        let work = UnitOfWork::begin(events).await.unwrap();
        let (done, mut finished) = tokio::sync::oneshot::channel();
        let tidying = async {
            let started = std::time::Instant::now();
            let tidy = events.deps().writes.quiet(Duration::from_secs(30)).await.unwrap();
            let _ = done.send(());
            drop(tidy);
            started.elapsed()
        };
        let holding = async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            assert!(finished.try_recv().is_err(), "began during another write");
            work.commit().await.unwrap();
        };
        let (waited, ()) = tokio::join!(tidying, holding);
        assert!(waited < Duration::from_secs(5), "idle after the commit, yet waited {waited:?}");

        // A place held all along (a write about to ask): the tidying waits
        // its patience, then queues and begins.
        let place = events.deps().writes.enter().await.unwrap();
        let started = std::time::Instant::now();
        let tidy = events.deps().writes.quiet(Duration::from_millis(200)).await.unwrap();
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(200), "began after {waited:?}, before its patience");
        assert!(waited < Duration::from_secs(5), "starved: {waited:?}");
        drop(tidy);
        drop(place);
    }

    /// While the gate is quiet (the end of a checkpoint) no write begins,
    /// neither a transaction nor a write on the writer's own connection;
    /// both go once it ends.
    #[tokio::test]
    async fn no_write_begins_while_the_gate_is_quiet() {
        let domain = TestDomain::new(1, Duration::from_secs(30)).await;
        let events = &domain.events;
        let quiet = events.deps().writes.quiet(Duration::from_secs(30)).await.unwrap();
        let (began, mut beginnings) = tokio::sync::mpsc::unbounded_channel();
        let direct = async {
            match Write::begin(events, Start::Enter).await.unwrap() {
                Write::Direct(direct) => {
                    let _ = began.send("direct");
                    direct.finish(Vec::new()).await;
                }
                Write::Transaction(_) => panic!("a file database writes directly"),
            }
        };
        let transaction = async {
            let work = UnitOfWork::begin(events).await.unwrap();
            let _ = began.send("transaction");
            work.commit().await.unwrap();
        };
        let writes = async { tokio::join!(direct, transaction) };
        let holding = async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            assert!(beginnings.try_recv().is_err(), "a write began while the gate was quiet");
            drop(quiet);
        };
        tokio::time::timeout(Duration::from_secs(10), async { tokio::join!(writes, holding) })
            .await
            .expect("the writes begin once the gate is no longer quiet");
    }

    #[tokio::test]
    async fn a_unit_of_work_dropped_without_commit_stores_and_publishes_nothing() {
        let domain = TestDomain::new(1, Duration::from_secs(30)).await;
        let mut work = UnitOfWork::begin(&domain.events).await.unwrap();
        work.emit_to_users(&domain.users, payload()).await.unwrap();
        drop(work);
        assert!(domain.published.lock().unwrap().is_empty());
        let stored = domain.events.read_after(&domain.devices[0], 0).await.unwrap();
        assert!(stored.is_empty(), "rolled back: {stored:?}");
    }
}
