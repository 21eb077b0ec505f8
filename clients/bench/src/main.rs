//! `missive-bench`: measures a Missive server on this machine.
//!
//! Scenarios: the echo floor (authenticated Ping), 1:1 throughput (closed
//! loop) and latency (open loop at a fixed offered rate, measured from each
//! message's scheduled send time so queueing cannot hide), group fan-out,
//! idle streams (server RSS per stream), catch-up of a queued backlog, and
//! asset upload/download throughput against a plain file copy, and the echo
//! floor and a send rate as measured by ghz, a load client not written here,
//! send→receive latency under load as measured by the TypeScript SDK on Node,
//! and the delivered rate with 1, 2 and 4 instances on PostgreSQL + Redis;
//! and the machine alone (`machine`: how often it stops running at all,
//! see `pauses`).
//! Each runs against a server it starts itself, on the embedded default or on
//! PostgreSQL + Redis, `--runs` times; it prints medians (min-max) and writes
//! every sample as JSON.

mod assets;
mod client;
mod federated;
mod ghz;
mod node;
mod otlp_sink;
mod pauses;
mod scaling;
mod scenarios;
mod server;

use clap::Parser;
use server::Backend;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "missive-bench", about = "Load generator for a Missive backend")]
pub struct Args {
    /// Backends to measure.
    #[arg(long, value_delimiter = ',', default_value = "embedded,production")]
    backends: Vec<Backend>,
    /// Scenarios to run.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "machine,echo,one-to-one,fan-out,mls-fan-out,idle,catch-up,overload,federated,assets,ghz,node,scaling"
    )]
    scenarios: Vec<String>,
    /// OpenTelemetry export of the server under test, each measured in
    /// turn within every run: `off`, `sampled` (the default sampling) and
    /// `all` (every trace), to an OTLP receiver in this process.
    #[arg(long, value_delimiter = ',', default_value = "off")]
    telemetry: Vec<Telemetry>,
    /// A short version of everything (for `just bench`).
    #[arg(long)]
    short: bool,
    /// Repetitions of each scenario (a fresh server each time).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// The server binary [default: missive-server next to this binary].
    #[arg(long)]
    server_bin: Option<PathBuf>,
    /// HTTP/2 connections used by the echo and 1:1 scenarios.
    #[arg(long, default_value_t = 4)]
    connections: usize,
    /// Concurrent workers (echo callers; 1:1 sender/receiver pairs).
    #[arg(long, default_value_t = 32)]
    workers: usize,
    /// Measuring time of each throughput phase, in seconds.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Offered rate of the 1:1 open loop, in messages/s [default: half of
    /// the closed loop's delivered rate in the same run]. Fixed, it lets an
    /// A/B compare latencies at the same load.
    #[arg(long)]
    open_rate: Option<f64>,
    /// Devices in the idle-streams scenario.
    #[arg(long)]
    idle_devices: Option<usize>,
    /// Serve the client API over TLS (a certificate from a CA made for the
    /// run) and measure through it.
    #[arg(long)]
    tls: bool,
    /// The ghz binary for the `ghz` scenario [default: tools/bin/ghz, else
    /// ghz on the PATH].
    #[arg(long)]
    ghz: Option<PathBuf>,
    /// Where to write every sample.
    #[arg(long, default_value = "bench-results.json")]
    json: PathBuf,
}

/// One run's measurements of one scenario on one backend.
pub type Sample = BTreeMap<String, f64>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Telemetry {
    Off,
    Sampled,
    All,
}

impl Telemetry {
    /// The server's environment for this mode, exporting to `sink`.
    fn settings(self, sink: std::net::SocketAddr) -> Vec<(&'static str, String)> {
        let endpoint = ("OTEL_EXPORTER_OTLP_ENDPOINT", format!("http://{sink}"));
        match self {
            Telemetry::Off => Vec::new(),
            Telemetry::Sampled => vec![endpoint],
            Telemetry::All => vec![endpoint, ("OTEL_TRACES_SAMPLER", "always_on".to_owned())],
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = Args::parse();
    if args.short {
        args.runs = args.runs.min(1);
        args.seconds = args.seconds.min(3);
    }
    let binary = match &args.server_bin {
        Some(path) => path.clone(),
        None => std::env::current_exe()?.with_file_name("missive-server"),
    };
    anyhow::ensure!(binary.exists(), "no server binary at {} (build it, or pass --server-bin)", binary.display());

    let mut results: BTreeMap<String, Vec<Sample>> = BTreeMap::new();
    let (sink, sink_addr) = otlp_sink::Sink::start().await?;
    for &backend in &args.backends {
        for scenario in &args.scenarios {
            for run in 1..=args.runs {
                // Modes interleaved within a run, so a noisy minute hits them alike.
                for &telemetry in &args.telemetry {
                    eprintln!("{backend:?} {scenario} telemetry {telemetry:?}: run {run} of {}", args.runs);
                    let settings = telemetry.settings(sink_addr);
                    let server = server::Server::start_with(&binary, backend, args.tls, &settings).await?;
                    let spans_before = sink.spans();
                    let sample = scenarios::run(scenario, &args, &server, &binary).await;
                    server.stop().await;
                    let mut sample = sample?;
                    let mut name = format!("{backend:?}/{scenario}").to_lowercase();
                    if telemetry != Telemetry::Off {
                        sample.insert("spans_exported".into(), (sink.spans() - spans_before) as f64);
                        name = format!("{name}/otel-{telemetry:?}").to_lowercase();
                    }
                    eprintln!("  {}", format_sample(&sample));
                    results.entry(name).or_default().push(sample);
                }
            }
        }
    }
    print_table(&results);
    let json = serde_json::json!({
        "machine": machine(),
        "args": { "runs": args.runs, "short": args.short, "connections": args.connections,
                  "workers": args.workers, "seconds": args.seconds, "tls": args.tls,
                  "telemetry": format!("{:?}", args.telemetry) },
        "results": results,
    });
    std::fs::write(&args.json, serde_json::to_string_pretty(&json)?)?;
    eprintln!("samples written to {}", args.json.display());
    Ok(())
}

fn format_sample(sample: &Sample) -> String {
    sample.iter().map(|(k, v)| format!("{k}={}", pretty(*v))).collect::<Vec<_>>().join("  ")
}

fn pretty(value: f64) -> String {
    if value.abs() >= 100.0 { format!("{value:.0}") } else { format!("{value:.3}") }
}

/// Median (min-max) of every metric over the runs.
fn print_table(results: &BTreeMap<String, Vec<Sample>>) {
    println!("\n| backend/scenario | metric | median | min-max | runs |");
    println!("|---|---|---|---|---|");
    for (name, samples) in results {
        let metrics: std::collections::BTreeSet<&String> = samples.iter().flat_map(|s| s.keys()).collect();
        for metric in metrics {
            let mut values: Vec<f64> = samples.iter().filter_map(|s| s.get(metric).copied()).collect();
            values.sort_by(f64::total_cmp);
            let median = values[values.len() / 2];
            let (min, max) = (values[0], values[values.len() - 1]);
            println!("| {name} | {metric} | {} | {}-{} | {} |", pretty(median), pretty(min), pretty(max), values.len());
        }
    }
}

fn machine() -> serde_json::Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    serde_json::json!({ "cpu": cpu, "cores": cores })
}
