//! Send→receive under load as seen by a second client that is not this
//! crate's Rust: `clients/typescript/bench/openloop.mjs`, the TypeScript SDK
//! on Node (connect-node, gRPC over HTTP/2). ghz (the `ghz` scenario) times
//! only the unary call; this one times a message from its scheduled send to
//! its arrival on the receiver's stream, so a stall between "stored" and
//! "on the stream" that one client's quirks hide shows in the other.
//! It counts the accepted messages that never arrived (`node_missing`).

use crate::server::Server;
use crate::{Args, Sample};
use anyhow::Context;
use std::path::Path;
use std::process::Stdio;

const SCRIPT: &str = "clients/typescript/bench/openloop.mjs";
const SDK: &str = "clients/typescript/dist/src/index.js";
/// Sender/receiver pairs: the shape of the grpcio client the issue reported.
const PAIRS: usize = 10;
/// The fixed open-loop rate, msg/s, comparable across builds and machines.
const FIXED_RATE: u32 = 200;

pub async fn node(args: &Args, server: &Server) -> anyhow::Result<Sample> {
    anyhow::ensure!(server.tls_ca.is_none(), "the node scenario measures plaintext only (leave out --tls)");
    anyhow::ensure!(
        Path::new(SDK).exists(),
        "{SDK} is missing: build the TypeScript SDK first (scripts/npm-install.sh clients/typescript && \
         (cd clients/typescript && npx tsc)); scripts/bench.sh does"
    );
    let seconds = if args.short { 2 } else { args.seconds };
    let inflight = (args.workers / PAIRS).max(1);
    let output = tokio::process::Command::new("node")
        .arg(SCRIPT)
        .arg(format!("http://{}", server.addr))
        .arg(PAIRS.to_string())
        .arg(seconds.to_string())
        .arg(FIXED_RATE.to_string())
        .arg(inflight.to_string())
        .stdin(Stdio::null())
        .output()
        .await
        .context("running node (Node 20 or later)")?;
    anyhow::ensure!(
        output.status.success(),
        "{SCRIPT} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr).trim()
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).context("openloop.mjs's JSON report")?;
    let number = |value: &serde_json::Value, key: &str| -> anyhow::Result<f64> {
        value[key].as_f64().with_context(|| format!("no {key} in openloop.mjs's report"))
    };
    let mut sample = Sample::new();
    sample.insert("node_closed_msg_s".into(), number(&report, "closed_msg_s")?);
    let mut refused = number(&report, "closed_refused")?;
    let mut missing = number(&report, "closed_missing")?;
    for phase in report["open"].as_array().context("no open-loop phases in openloop.mjs's report")? {
        let at = phase["at"].as_str().unwrap_or("?");
        for key in ["rate", "p50_ms", "p99_ms", "p999_ms", "call_p50_ms", "call_p99_ms"] {
            sample.insert(format!("node_open_{at}_{key}"), number(phase, key)?);
        }
        refused += number(phase, "refused")?;
        missing += number(phase, "missing")?;
    }
    sample.insert("node_refused".into(), refused);
    sample.insert("node_missing".into(), missing);
    sample.insert("all_delivered".into(), if missing == 0.0 { 1.0 } else { 0.0 });
    Ok(sample)
}
