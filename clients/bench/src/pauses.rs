//! Times when the machine itself did not run.
//!
//! The machines these figures come from are virtual, and their host now and
//! then stops both cores at once for 10–30 ms: a C loop pinned to each core,
//! reading the clock and nothing else, sees the same gap at the same moment
//! on both, with no server or generator running (PERFORMANCE.md item 34).
//! Every latency that spans such a pause includes it, whatever the server
//! and the generator do, and one pause in a 5-second run moves a p99.
//!
//! The meter is a thread that sleeps 1 ms at a time under `SCHED_FIFO`, so
//! it preempts every ordinary thread on waking; when it wakes more than
//! [`THRESHOLD`] late, the machine (or the kernel) was not running it, and
//! that span is a pause. Without the right to real-time scheduling (not
//! root, not Linux) it would measure ordinary scheduling delay instead, so
//! it reports no pauses and says it did not run.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How late a wake-up must be to count as a pause.
const THRESHOLD: Duration = Duration::from_millis(2);
const TICK: Duration = Duration::from_millis(1);

pub(crate) struct PauseMeter {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Option<Vec<(Instant, Instant)>>>,
}

/// The pauses seen while a meter ran, or none if it could not run.
pub(crate) struct Pauses {
    spans: Option<Vec<(Instant, Instant)>>,
}

impl PauseMeter {
    pub(crate) fn start() -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            if !realtime() {
                return None;
            }
            let mut spans = Vec::new();
            while !stopping.load(Ordering::Relaxed) {
                let due = Instant::now() + TICK;
                std::thread::sleep(TICK);
                let woke = Instant::now();
                if woke.duration_since(due) > THRESHOLD {
                    spans.push((due, woke));
                }
            }
            Some(spans)
        });
        PauseMeter { stop, thread }
    }

    pub(crate) fn stop(self) -> Pauses {
        self.stop.store(true, Ordering::Relaxed);
        Pauses { spans: self.thread.join().unwrap_or(None) }
    }
}

impl Pauses {
    /// Whether the meter ran (it needs real-time scheduling).
    pub(crate) fn measured(&self) -> bool {
        self.spans.is_some()
    }

    /// Whether a pause overlaps `from..to`.
    pub(crate) fn overlaps(&self, from: Instant, to: Instant) -> bool {
        self.spans.iter().flatten().any(|&(start, end)| start < to && end > from)
    }

    pub(crate) fn longest(&self) -> Duration {
        self.spans.iter().flatten().map(|&(start, end)| end - start).max().unwrap_or_default()
    }

    pub(crate) fn total(&self) -> Duration {
        self.spans.iter().flatten().map(|&(start, end)| end - start).sum()
    }

    /// The measurements a scenario adds: whether the meter ran, how many
    /// pauses, the longest and all of them together in ms (NaN when it did
    /// not run).
    pub(crate) fn metrics(&self, prefix: &str) -> [(String, f64); 4] {
        let ms = |d: Duration| if self.measured() { d.as_secs_f64() * 1000.0 } else { f64::NAN };
        let count = self.spans.as_ref().map_or(f64::NAN, |spans| spans.len() as f64);
        [
            (format!("{prefix}pause_meter_ran"), if self.measured() { 1.0 } else { 0.0 }),
            (format!("{prefix}pauses"), count),
            (format!("{prefix}pause_max_ms"), ms(self.longest())),
            (format!("{prefix}paused_ms"), ms(self.total())),
        ]
    }
}

/// The machine alone: the pause meter for `seconds` with nothing else
/// running (the server started for the run stays idle), to tell the
/// machine's pauses from what load does.
pub(crate) async fn machine(seconds: u64) -> anyhow::Result<crate::Sample> {
    let meter = PauseMeter::start();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    Ok(meter.stop().metrics("").into_iter().collect())
}

#[cfg(target_os = "linux")]
fn realtime() -> bool {
    let param = libc::sched_param { sched_priority: 50 };
    // SAFETY: pid 0 is the calling thread; `param` outlives the call.
    unsafe { libc::sched_setscheduler(0, libc::SCHED_FIFO, &param) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn realtime() -> bool {
    false
}
