//! Logs, traces and metrics (docs/operations.md § Observability).
//!
//! Logs always go to stdout, as text or JSON lines. Traces and metrics leave
//! over OTLP/gRPC, and only when an OTLP endpoint is set in the standard
//! variables (`OTEL_EXPORTER_OTLP_ENDPOINT`, or the per-signal
//! `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` / `…_METRICS_ENDPOINT`);
//! `OTEL_SDK_DISABLED=true` turns both off. The exporters read the other
//! standard variables themselves (headers, timeout, `OTEL_SERVICE_NAME`,
//! `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_METRIC_EXPORT_INTERVAL`);
//! `OTEL_TRACES_SAMPLER(_ARG)` is read by [`sampling`], which decides at the
//! start of each call.
//!
//! Spans are DEBUG on `missive::…` targets, which no log filter enables by
//! default: with tracing off a span is a disabled callsite, and the RPC
//! layer records no metric when metrics are off.

pub mod metrics;
pub mod propagation;
pub mod rpc;
pub mod sampling;

use crate::config::LogFormat;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::metrics::SdkMeterProvider;
use opentelemetry_sdk::trace::{Sampler, SdkTracerProvider};
use std::sync::atomic::{AtomicBool, Ordering};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Target of the span of each call, client API and federation alike.
pub const RPC: &str = "missive::rpc";
/// Target of the spans of storage (transactions, event rows, group commits).
pub const STORAGE: &str = "missive::storage";
/// Target of the spans of the event bus.
pub const BUS: &str = "missive::bus";
/// Target of the spans of calls to other backends.
pub const FEDERATION: &str = "missive::federation";

/// Sampling when `OTEL_TRACES_SAMPLER` is unset: one trace in ten, and
/// always the calling backend's decision when it sent one. The
/// OpenTelemetry default (every trace) costs a messenger at full rate far
/// more than the traces are worth (docs/PERFORMANCE.md § Telemetry).
pub const DEFAULT_SAMPLE_RATIO: f64 = 0.1;

/// The log filter when `RUST_LOG` is unset.
const DEFAULT_LOG_FILTER: &str = "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn";

static TRACES_ON: AtomicBool = AtomicBool::new(false);
static METRICS_ON: AtomicBool = AtomicBool::new(false);

/// Whether spans are exported (and trace context travels to other backends).
pub fn traces_on() -> bool {
    TRACES_ON.load(Ordering::Relaxed)
}

/// Whether metrics are exported; nothing is measured when they are not.
pub fn metrics_on() -> bool {
    METRICS_ON.load(Ordering::Relaxed)
}

/// The providers, to flush and stop at exit.
pub struct Telemetry {
    traces: Option<SdkTracerProvider>,
    meters: Option<SdkMeterProvider>,
}

/// Which signals the environment asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wanted {
    traces: bool,
    metrics: bool,
}

impl Wanted {
    fn from_env(var: impl Fn(&str) -> Option<String>) -> Wanted {
        let set = |name: &str| var(name).is_some_and(|value| !value.trim().is_empty());
        if var("OTEL_SDK_DISABLED").is_some_and(|value| value.trim().eq_ignore_ascii_case("true")) {
            return Wanted { traces: false, metrics: false };
        }
        let any = set("OTEL_EXPORTER_OTLP_ENDPOINT");
        Wanted {
            traces: any || set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
            metrics: any || set("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"),
        }
    }
}

impl Telemetry {
    /// Installs the log subscriber and, when configured, the OTLP
    /// exporters. Call once, inside the Tokio runtime (the gRPC exporters
    /// run on it), before anything creates an instrument.
    pub fn init(format: LogFormat, domain: &str) -> Result<Telemetry, String> {
        let wanted = Wanted::from_env(|name| std::env::var(name).ok());
        let resource = resource(domain);
        let sampling = sampling::Sampling::from_env(|name| std::env::var(name).ok())?;
        let traces = if wanted.traces {
            let exporter = opentelemetry_otlp::SpanExporter::builder()
                .with_tonic()
                .build()
                .map_err(|err| format!("OTLP trace exporter: {err}"))?;
            // Sampled already: a span exists only for a call `sampling` kept.
            sampling.install();
            Some(
                SdkTracerProvider::builder()
                    .with_batch_exporter(exporter)
                    .with_resource(resource.clone())
                    .with_sampler(Sampler::AlwaysOn)
                    .build(),
            )
        } else {
            None
        };
        let meters = if wanted.metrics {
            let exporter = opentelemetry_otlp::MetricExporter::builder()
                .with_tonic()
                .build()
                .map_err(|err| format!("OTLP metric exporter: {err}"))?;
            let provider = SdkMeterProvider::builder().with_periodic_exporter(exporter).with_resource(resource).build();
            opentelemetry::global::set_meter_provider(provider.clone());
            Some(provider)
        } else {
            None
        };

        let mut log_filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG_FILTER));
        if traces.is_some() {
            // The call's span in every log line written inside it: its trace id.
            log_filter = log_filter.add_directive(format!("{RPC}=debug").parse().expect("a valid directive"));
        }
        let logs = match format {
            LogFormat::Text => tracing_subscriber::fmt::layer().boxed(),
            LogFormat::Json => tracing_subscriber::fmt::layer()
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(false)
                .boxed(),
        }
        .with_filter(log_filter);
        let spans = traces.as_ref().map(|provider| {
            tracing_opentelemetry::layer()
                .with_tracer(provider.tracer("missive-server"))
                .with_location(false)
                .with_threads(false)
                .with_tracked_inactivity(false)
                .with_filter(
                    tracing_subscriber::filter::Targets::new()
                        .with_target("missive::", tracing::Level::DEBUG)
                        .with_default(tracing::Level::WARN),
                )
        });
        tracing_subscriber::registry()
            .with(logs)
            .with(spans)
            .try_init()
            .map_err(|err| format!("cannot install the log subscriber: {err}"))?;
        TRACES_ON.store(traces.is_some(), Ordering::Relaxed);
        METRICS_ON.store(meters.is_some(), Ordering::Relaxed);
        if traces.is_some() || meters.is_some() {
            tracing::info!(
                traces = traces.is_some(),
                metrics = meters.is_some(),
                "OpenTelemetry export over OTLP/gRPC"
            );
        }
        Ok(Telemetry { traces, meters })
    }

    /// Exports what is buffered and stops the exporters. Blocking: the
    /// exporters' threads need the runtime meanwhile, so not on a worker.
    pub fn shutdown(self) {
        if let Some(traces) = self.traces
            && let Err(err) = traces.shutdown()
        {
            eprintln!("missive-server: flushing traces: {err}");
        }
        if let Some(meters) = self.meters
            && let Err(err) = meters.shutdown()
        {
            eprintln!("missive-server: flushing metrics: {err}");
        }
    }
}

/// `service.name` is `missive-server` unless `OTEL_SERVICE_NAME` says
/// otherwise; each process is one `service.instance.id`, and the backend's
/// domain tells federated backends apart in one collector.
fn resource(domain: &str) -> Resource {
    let mut builder = Resource::builder();
    if std::env::var_os("OTEL_SERVICE_NAME").is_none() {
        builder = builder.with_service_name("missive-server");
    }
    builder
        .with_attributes([
            opentelemetry::KeyValue::new("service.instance.id", uuid::Uuid::new_v4().to_string()),
            opentelemetry::KeyValue::new("missive.backend.domain", domain.to_owned()),
        ])
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(vars: &[(&str, &str)]) -> Wanted {
        Wanted::from_env(|name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn export_is_on_only_where_an_endpoint_is_set() {
        assert_eq!(wanted(&[]), Wanted { traces: false, metrics: false });
        assert_eq!(wanted(&[("OTEL_EXPORTER_OTLP_ENDPOINT", " ")]), Wanted { traces: false, metrics: false });
        assert_eq!(
            wanted(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")]),
            Wanted { traces: true, metrics: true }
        );
        assert_eq!(
            wanted(&[("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://collector:4317")]),
            Wanted { traces: false, metrics: true }
        );
        assert_eq!(
            wanted(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), ("OTEL_SDK_DISABLED", "TRUE")]),
            Wanted { traces: false, metrics: false }
        );
    }
}
