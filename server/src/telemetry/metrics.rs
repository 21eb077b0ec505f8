//! The server's instruments. The names and what an alert on each means are
//! listed in docs/operations.md § Metrics.
//!
//! Instruments come from the global meter the first time [`metrics`] is
//! called, so [`super::Telemetry::init`] must run before it; without a
//! meter provider they are no-ops, and callers skip even those behind
//! [`super::metrics_on`] where building attributes would cost.

use opentelemetry::KeyValue;
use opentelemetry::metrics::{Counter, Histogram, Meter, ObservableGauge};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Bucket bounds in seconds for call and delivery durations: from 0.5 ms to
/// 10 s, denser where a messenger's latencies live.
const SECONDS: [f64; 16] =
    [0.0005, 0.001, 0.002, 0.004, 0.006, 0.008, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

pub struct Metrics {
    /// `rpc.server.call.duration`: every call, by service, method and code.
    pub rpc_duration: Histogram<f64>,
    /// `rpc.client.call.duration`: calls to other backends.
    pub federation_call_duration: Histogram<f64>,
    pub messages_accepted: Counter<u64>,
    pub messages_delivered: Counter<u64>,
    /// Stored to written on the recipient's live stream.
    pub delivery_latency: Histogram<f64>,
    pub events_stored: Counter<u64>,
    pub events_acked: Counter<u64>,
    pub rate_limited: Counter<u64>,
    pub redis_reconnects: Counter<u64>,
}

static METRICS: OnceLock<Metrics> = OnceLock::new();

fn meter() -> Meter {
    opentelemetry::global::meter("missive-server")
}

pub fn metrics() -> &'static Metrics {
    METRICS.get_or_init(|| {
        let meter = meter();
        let seconds = |name: &'static str, description: &'static str| {
            meter
                .f64_histogram(name)
                .with_unit("s")
                .with_description(description)
                .with_boundaries(SECONDS.to_vec())
                .build()
        };
        let count = |name: &'static str, unit: &'static str, description: &'static str| {
            meter.u64_counter(name).with_unit(unit).with_description(description).build()
        };
        Metrics {
            rpc_duration: seconds("rpc.server.call.duration", "Duration of each gRPC call this server answered"),
            federation_call_duration: seconds(
                "rpc.client.call.duration",
                "Duration of each federation call this server made to another backend",
            ),
            messages_accepted: count(
                "missive.messages.accepted",
                "{message}",
                "Messages stored for delivery (a SendMessage answered OK; federated ones on the owning backend)",
            ),
            messages_delivered: count(
                "missive.messages.delivered",
                "{message}",
                "Stored message events written to a recipient device's stream (a replay after reconnecting counts again)",
            ),
            delivery_latency: seconds(
                "missive.message.delivery.duration",
                "From a message event being stored to its being written to the live stream of a recipient device",
            ),
            events_stored: count("missive.events.stored", "{event}", "Events stored in device queues"),
            events_acked: count("missive.events.acked", "{event}", "Queue positions devices acknowledged"),
            rate_limited: count("missive.rate_limit.refusals", "{call}", "Calls refused by a rate limit, by limit"),
            redis_reconnects: count(
                "missive.redis.reconnects",
                "{reconnect}",
                "Times the Redis event subscription was lost or failed and was opened again",
            ),
        }
    })
}

/// What the gauges report, refreshed off the export path (the database is
/// read by [`Gauges::refresh`]'s caller, not inside a metric callback).
#[derive(Debug, Default, Clone)]
pub struct GaugeValues {
    /// Per destination: notifications waiting, age of the oldest.
    pub outbox: Vec<(String, u64, Duration)>,
    /// Per push provider: devices owed a wake-up, age of the oldest event
    /// owed one.
    pub push: Vec<(&'static str, u64, Option<Duration>)>,
    pub pool: Option<missive_db::PoolUsage>,
}

/// The observable gauges; kept alive as long as the server runs.
pub struct Gauges {
    values: Arc<Mutex<GaugeValues>>,
    _instruments: Vec<ObservableGauge<u64>>,
    _ages: Vec<ObservableGauge<f64>>,
}

impl Gauges {
    /// Registers the gauges; `open_streams` is read at each export.
    pub fn register(open_streams: impl Fn() -> usize + Send + Sync + 'static) -> Gauges {
        let meter = meter();
        let values = Arc::new(Mutex::new(GaugeValues::default()));
        let read = |values: &Arc<Mutex<GaugeValues>>| {
            let values = values.clone();
            move || values.lock().map(|v| v.clone()).unwrap_or_default()
        };
        let streams = meter
            .u64_observable_gauge("missive.streams.open")
            .with_unit("{stream}")
            .with_description("Event streams open on this instance")
            .with_callback(move |observer| observer.observe(open_streams() as u64, &[]))
            .build();
        let outbox_depth = {
            let read = read(&values);
            meter
                .u64_observable_gauge("missive.federation.outbox.depth")
                .with_unit("{notification}")
                .with_description("Notifications waiting for another backend, by destination")
                .with_callback(move |observer| {
                    for (destination, queued, _) in read().outbox {
                        observer.observe(queued, &[KeyValue::new("missive.destination", destination)]);
                    }
                })
                .build()
        };
        let outbox_age = {
            let read = read(&values);
            meter
                .f64_observable_gauge("missive.federation.outbox.oldest_age")
                .with_unit("s")
                .with_description("Age of the oldest notification waiting for another backend, by destination")
                .with_callback(move |observer| {
                    for (destination, _, oldest) in read().outbox {
                        observer.observe(oldest.as_secs_f64(), &[KeyValue::new("missive.destination", destination)]);
                    }
                })
                .build()
        };
        let push_depth = {
            let read = read(&values);
            meter
                .u64_observable_gauge("missive.push.backlog")
                .with_unit("{device}")
                .with_description("Devices with a push token owed a wake-up, by provider")
                .with_callback(move |observer| {
                    for (provider, owed, _) in read().push {
                        observer.observe(owed, &[KeyValue::new("missive.push.provider", provider)]);
                    }
                })
                .build()
        };
        let push_age = {
            let read = read(&values);
            meter
                .f64_observable_gauge("missive.push.backlog.oldest_age")
                .with_unit("s")
                .with_description("Age of the oldest event a device with a push token is owed a wake-up for")
                .with_callback(move |observer| {
                    for (provider, _, oldest) in read().push {
                        if let Some(oldest) = oldest {
                            observer.observe(oldest.as_secs_f64(), &[KeyValue::new("missive.push.provider", provider)]);
                        }
                    }
                })
                .build()
        };
        let pool = {
            let read = read(&values);
            meter
                .u64_observable_gauge("db.client.connection.count")
                .with_unit("{connection}")
                .with_description("Database connections open, by state (used, idle)")
                .with_callback(move |observer| {
                    if let Some(pool) = read().pool {
                        let used = pool.open.saturating_sub(pool.idle) as u64;
                        observer.observe(used, &[KeyValue::new("db.client.connection.state", "used")]);
                        observer.observe(pool.idle as u64, &[KeyValue::new("db.client.connection.state", "idle")]);
                    }
                })
                .build()
        };
        let pool_max = {
            let read = read(&values);
            meter
                .u64_observable_gauge("db.client.connection.max")
                .with_unit("{connection}")
                .with_description("Most database connections the pool may open")
                .with_callback(move |observer| {
                    if let Some(pool) = read().pool {
                        observer.observe(pool.max as u64, &[]);
                    }
                })
                .build()
        };
        Gauges {
            values,
            _instruments: vec![streams, outbox_depth, push_depth, pool, pool_max],
            _ages: vec![outbox_age, push_age],
        }
    }

    /// Replaces what the gauges report.
    pub fn refresh(&self, values: GaugeValues) {
        if let Ok(mut current) = self.values.lock() {
            *current = values;
        }
    }
}

/// The interval the periodic reader exports at (`OTEL_METRIC_EXPORT_INTERVAL`,
/// 60 s by default): the gauges are read from the database as often.
pub fn export_interval() -> Duration {
    std::env::var("OTEL_METRIC_EXPORT_INTERVAL")
        .ok()
        .and_then(|ms| ms.trim().parse::<u64>().ok())
        .filter(|ms| *ms > 0)
        .map(Duration::from_millis)
        .unwrap_or(Duration::from_secs(60))
}

/// A message stored for delivery by its owning backend.
pub fn message_accepted() {
    if super::metrics_on() {
        metrics().messages_accepted.add(1, &[]);
    }
}

/// A message event written to a device's stream `after_ms` after it was
/// stored; `live` when the bus handed it over (a replay measures how long
/// the device was away, not the server).
pub fn message_delivered(after_ms: i64, live: bool) {
    if super::metrics_on() {
        let metrics = metrics();
        metrics.messages_delivered.add(1, &[]);
        if live {
            metrics.delivery_latency.record(after_ms.max(0) as f64 / 1000.0, &[]);
        }
    }
}

pub fn events_stored(count: usize) {
    if super::metrics_on() && count > 0 {
        metrics().events_stored.add(count as u64, &[]);
    }
}

pub fn events_acked(count: i64) {
    if super::metrics_on() && count > 0 {
        metrics().events_acked.add(count as u64, &[]);
    }
}

/// A call refused by the rate limit named `limit`.
pub fn rate_limited(limit: &'static str) {
    if super::metrics_on() {
        metrics().rate_limited.add(1, &[KeyValue::new("missive.limit", limit)]);
    }
}

pub fn redis_reconnect() {
    if super::metrics_on() {
        metrics().redis_reconnects.add(1, &[]);
    }
}

/// A federation call to `destination` answered `code` after `elapsed`.
pub fn federation_call(method: String, code: i32, elapsed: Duration) {
    if super::metrics_on() {
        let attributes = [
            KeyValue::new("rpc.system", "grpc"),
            KeyValue::new("rpc.service", "missive.federation.v1.FederationService"),
            KeyValue::new("rpc.method", method),
            KeyValue::new("rpc.grpc.status_code", i64::from(code)),
        ];
        metrics().federation_call_duration.record(elapsed.as_secs_f64(), &attributes);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The instrument names this module creates, as Prometheus spells them
    /// (dots become underscores), read from the source itself.
    fn exported_names() -> BTreeSet<String> {
        let source = include_str!("metrics.rs");
        source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|literal| {
                ["missive.", "rpc.", "db.client."].iter().any(|p| literal.starts_with(p))
                    && literal.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
            })
            .map(|name| name.replace('.', "_"))
            .collect()
    }

    /// Every metric the operator's dashboard queries is one the server
    /// exports, after the collector's Prometheus translation (unit and
    /// `_total` suffixes, histogram series).
    #[test]
    fn the_grafana_dashboard_queries_only_exported_metrics() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/grafana-dashboard.json");
        let dashboard: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let known = exported_names();
        let mut queried = BTreeSet::new();
        for panel in dashboard["panels"].as_array().expect("panels") {
            for target in panel["targets"].as_array().expect("targets") {
                let expr = target["expr"].as_str().expect("expr");
                // Series names are the identifiers followed by `{` or `[`.
                let mut rest = expr;
                while let Some(at) = rest.find(['{', '[']) {
                    let name: String = rest[..at]
                        .chars()
                        .rev()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    if !name.is_empty() {
                        queried.insert(name);
                    }
                    rest = &rest[at + 1..];
                }
            }
        }
        assert!(queried.len() >= 10, "{queried:?}");
        for name in &queried {
            let mut base = name.as_str();
            for suffix in ["_bucket", "_count", "_sum"] {
                base = base.strip_suffix(suffix).unwrap_or(base);
            }
            base = base.strip_suffix("_total").unwrap_or(base);
            base = base.strip_suffix("_seconds").unwrap_or(base);
            assert!(
                known.contains(name) || known.contains(base),
                "the dashboard queries {name}, which no instrument exports ({known:?})"
            );
        }
    }
}
