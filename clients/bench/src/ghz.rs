//! The server measured by a second load client that is not this crate's
//! Rust: ghz (Go, github.com/bojand/ghz; `scripts/bench.sh` installs it).
//! In one run it gives the authenticated echo floor and a closed-loop
//! `SendMessage` rate, their ratio, and the send latency as ghz sees it;
//! every message ghz had accepted must then arrive on the receiver's stream,
//! read by this crate (which also acknowledges, as a client does).

use crate::client::Pool;
use crate::scenarios::{Receipts, connected_pairs, sample, spawn_receiver, wait_for};
use crate::server::Server;
use crate::{Args, Sample};
use anyhow::Context;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What ghz says of the calls it cut off itself when its duration is up.
const SHUTDOWN_ERRORS: &[&str] =
    &["use of closed network connection", "the client connection is closing", "context canceled"];

/// What one ghz run reports (its `--format json` summary).
struct Report {
    /// Calls answered OK per second.
    rps: f64,
    ok: u64,
    failed: u64,
    p50_ms: f64,
    p99_ms: f64,
}

pub async fn ghz(args: &Args, server: &Server) -> anyhow::Result<Sample> {
    anyhow::ensure!(server.tls_ca.is_none(), "the ghz scenario measures plaintext only (leave out --tls)");
    let ghz = binary(args)?;
    let pool = Pool::new(server, args.connections).await?;
    let (senders, receivers, conversations) = connected_pairs(&pool, 1).await?;
    let (sender, receiver, conversation) = (&senders[0], &receivers[0], &conversations[0]);
    let receipts = Arc::new(Receipts::default());
    spawn_receiver(&pool, receiver, Instant::now(), receipts.clone()).await?;

    let target = server.addr.to_string();
    let auth = serde_json::json!({ "authorization": format!("Bearer {}", sender.token) }).to_string();
    let common = |call: &str, seconds: u64| -> Vec<String> {
        vec![
            "--insecure".into(),
            "--call".into(),
            call.into(),
            "--metadata".into(),
            auth.clone(),
            "--concurrency".into(),
            args.workers.to_string(),
            "--connections".into(),
            args.connections.to_string(),
            "--duration".into(),
            format!("{seconds}s"),
            "--format".into(),
            "json".into(),
            target.clone(),
        ]
    };
    let ping = |seconds| {
        let mut command = common("missive.v1.PingService.Ping", seconds);
        command.splice(0..0, ["--data".to_owned(), "{}".to_owned()]);
        command
    };
    // Each call a new message id (ghz's request number), one ciphertext for
    // the receiver's device; `round` keeps the ids of two runs apart.
    let send = |round: &str, seconds| {
        let request = serde_json::json!({
            "conversation": { "id": conversation.id, "domain": conversation.domain },
            "messageId": format!("ghz-{round}-{{{{.RequestNumber}}}}"),
            "recipients": [{
                "user": { "id": receiver.user.id, "domain": receiver.user.domain },
                "devices": [{ "deviceId": receiver.device_id, "ciphertext": "Z2h6LWJlbmNobWFyay1tZXNzYWdl" }],
            }],
        });
        let mut command = common("missive.v1.MessageService.SendMessage", seconds);
        command.splice(0..0, ["--data".to_owned(), request.to_string()]);
        command
    };

    run(&ghz, &ping(1)).await?; // warm-up
    let echo = run(&ghz, &ping(args.seconds)).await?;
    run(&ghz, &send("warm", 1)).await?;
    let before = receipts.received.load(std::sync::atomic::Ordering::Relaxed);
    let sends = run(&ghz, &send("measured", args.seconds)).await?;
    let all_delivered = wait_for(&receipts, before + sends.ok, Duration::from_secs(30)).await;
    anyhow::ensure!(echo.failed == 0, "ghz: {} Ping calls failed", echo.failed);
    Ok(sample(&[
        ("ghz_echo_rps", echo.rps),
        ("ghz_echo_p50_ms", echo.p50_ms),
        ("ghz_send_rps", sends.rps),
        ("ghz_send_p50_ms", sends.p50_ms),
        ("ghz_send_p99_ms", sends.p99_ms),
        ("ghz_send_refused_or_failed", sends.failed as f64),
        ("ghz_send_ratio_to_echo", sends.rps / echo.rps),
        ("all_delivered", if all_delivered { 1.0 } else { 0.0 }),
    ]))
}

/// `--ghz`, else `tools/bin/ghz` (where `scripts/bench.sh` installs it),
/// else `ghz` on the PATH.
fn binary(args: &Args) -> anyhow::Result<PathBuf> {
    if let Some(path) = &args.ghz {
        return Ok(path.clone());
    }
    let installed = PathBuf::from("tools/bin/ghz");
    if installed.exists() {
        return Ok(installed);
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("ghz"))
        .find(|candidate| candidate.exists());
    on_path.context("ghz not found: run scripts/bench.sh (it installs ghz with go), or pass --ghz PATH")
}

async fn run(ghz: &PathBuf, arguments: &[String]) -> anyhow::Result<Report> {
    let output = tokio::process::Command::new(ghz)
        .args(arguments)
        .stdin(Stdio::null())
        .output()
        .await
        .with_context(|| format!("running {}", ghz.display()))?;
    anyhow::ensure!(
        output.status.success(),
        "ghz failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr).trim()
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).context("ghz's JSON report")?;
    let codes = report["statusCodeDistribution"].as_object().cloned().unwrap_or_default();
    let ok = codes.get("OK").and_then(|n| n.as_u64()).unwrap_or(0);
    // When the duration is up, ghz cancels the calls in flight and closes
    // its connections under them: those calls are neither accepted nor
    // failed (a cut-off send may still have been stored).
    let not_ok: u64 = codes.iter().filter(|(code, _)| *code != "OK").filter_map(|(_, n)| n.as_u64()).sum();
    let errors = report["errorDistribution"].as_object().cloned().unwrap_or_default();
    let cut_off: u64 = errors
        .iter()
        .filter(|(text, _)| SHUTDOWN_ERRORS.iter().any(|shutdown| text.contains(shutdown)))
        .filter_map(|(_, n)| n.as_u64())
        .sum();
    let failed = not_ok.saturating_sub(cut_off);
    if failed > 0 {
        eprintln!("  ghz status codes: {codes:?}, errors: {}", report["errorDistribution"]);
    }
    let latency = |percentage: u64| {
        report["latencyDistribution"]
            .as_array()
            .and_then(|points| points.iter().find(|p| p["percentage"].as_u64() == Some(percentage)))
            .and_then(|p| p["latency"].as_f64())
            .map_or(f64::NAN, |nanos| nanos / 1e6)
    };
    // ghz's own `rps` counts refusals too: the rate is of OK answers.
    let seconds = report["total"].as_f64().unwrap_or(f64::NAN) / 1e9;
    Ok(Report { rps: ok as f64 / seconds, ok, failed, p50_ms: latency(50), p99_ms: latency(99) })
}
