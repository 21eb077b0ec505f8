//! Federated 1:1: senders on backend `a.example`, receivers on `b.example`,
//! two servers federating over mutual TLS on loopback (certificates and a
//! DNS server from missive-testkit). In the same run, local 1:1 pairs on
//! `a.example` give the baseline, so the ratio cross ÷ local holds whatever
//! the machine's noise.

use crate::client::{Device, Pool, authed, users_with_devices};
use crate::scenarios::{
    Receipts, closed_loop, connected_pairs, open_loop, percentile, sample, spawn_receiver, wait_for,
};
use crate::server::Server;
use crate::{Args, Sample};
use missive_proto::v1 as pb;
use missive_proto::v1::connection_service_client::ConnectionServiceClient;
use missive_testkit::federation::{DnsServer, TestCa, process_settings};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

pub async fn federated(args: &Args, server: &Server, binary: &Path) -> anyhow::Result<Sample> {
    let (ca, dns) = (TestCa::new("bench"), DnsServer::start().await);
    let certs = std::env::temp_dir().join(format!("missive-bench-federation-{}", std::process::id()));
    std::fs::create_dir_all(&certs)?;
    let ca_file = ca.write(&certs);
    let mut servers = Vec::new();
    for domain in ["a.example", "b.example"] {
        let settings = process_settings(&ca, &ca_file, &dns, &certs, domain);
        servers.push(Server::start_with(binary, server.backend, server.tls_ca.is_some(), &settings).await?);
    }
    let measured = measure(args, &servers[0], &servers[1]).await;
    for server in servers {
        server.stop().await;
    }
    let _ = std::fs::remove_dir_all(&certs);
    measured
}

async fn measure(args: &Args, a: &Server, b: &Server) -> anyhow::Result<Sample> {
    let pairs = args.workers;
    let (pool_a, pool_b) = (Pool::new(a, args.connections).await?, Pool::new(b, args.connections).await?);
    let epoch = Instant::now();

    // Baseline: local pairs on a.
    let local = connected_pairs(&pool_a, pairs).await?;
    let local_receipts = Arc::new(Receipts::default());
    for receiver in &local.1 {
        spawn_receiver(&pool_a, receiver, epoch, local_receipts.clone()).await?;
    }
    let (accepted, start) = closed_loop(&pool_a, (&local.0, &local.1, &local.2), epoch, args.seconds, "l").await;
    wait_for(&local_receipts, accepted, Duration::from_secs(30)).await;
    let local_rate =
        local_receipts.received.load(Ordering::Relaxed).min(accepted) as f64 / start.elapsed().as_secs_f64();

    // Across: senders on a, receivers on b, in 1:1 conversations owned by a.
    let senders: Vec<Device> =
        users_with_devices(&pool_a, "s", pairs, 1).await?.into_iter().map(|d| d[0].clone()).collect();
    let receivers: Vec<Device> =
        users_with_devices(&pool_b, "r", pairs, 1).await?.into_iter().map(|d| d[0].clone()).collect();
    let mut conversations = Vec::with_capacity(pairs);
    for (sender, receiver) in senders.iter().zip(&receivers) {
        conversations.push(connect_across(&pool_a, sender, &pool_b, receiver).await?);
    }
    let receipts = Arc::new(Receipts::default());
    for receiver in &receivers {
        spawn_receiver(&pool_b, receiver, epoch, receipts.clone()).await?;
    }
    let (accepted, start) =
        closed_loop(&pool_a, (&senders, &receivers, &conversations), epoch, args.seconds, "x").await;
    let all_delivered = wait_for(&receipts, accepted, Duration::from_secs(60)).await;
    let elapsed = start.elapsed().as_secs_f64();
    let cross_rate = receipts.received.load(Ordering::Relaxed).min(accepted) as f64 / elapsed;

    let rate = (cross_rate * 0.5).max(20.0);
    let (failures, _) =
        open_loop(&pool_a, (&senders, &receivers, &conversations), &receipts, epoch, rate, args.seconds).await?;
    let latencies = receipts.take_sorted_us();
    Ok(sample(&[
        ("local_delivered_per_s", local_rate),
        ("cross_delivered_per_s", cross_rate),
        ("cross_of_local", cross_rate / local_rate),
        ("all_delivered", if all_delivered { 1.0 } else { 0.0 }),
        ("open_loop_rate", rate),
        ("cross_latency_p50_ms", percentile(&latencies, 0.50) / 1000.0),
        ("cross_latency_p99_ms", percentile(&latencies, 0.99) / 1000.0),
        ("open_loop_failures", failures as f64),
    ]))
}

/// `a` (on its backend) asks `b` (on the other), `b` accepts; the 1:1
/// conversation once a's backend, its owner, has it.
async fn connect_across(pool_a: &Pool, a: &Device, pool_b: &Pool, b: &Device) -> anyhow::Result<pb::QualifiedId> {
    let (mut on_a, mut on_b) = (ConnectionServiceClient::new(pool_a.get()), ConnectionServiceClient::new(pool_b.get()));
    on_a.send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(b.user.clone()) }, &a.token))
        .await?;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let accept =
            pb::UpdateConnectionRequest { user: Some(a.user.clone()), status: pb::ConnectionStatus::Accepted as i32 };
        match on_b.update_connection(authed(accept, &b.token)).await {
            Ok(_) => break,
            Err(status) if status.code() == tonic::Code::NotFound && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            Err(status) => return Err(status.into()),
        }
    }
    loop {
        let listed = on_a
            .list_connections(authed(
                pb::ListConnectionsRequest { page_size: 500, page_token: String::new() },
                &a.token,
            ))
            .await?
            .into_inner();
        let conversation =
            listed.connections.into_iter().find(|c| c.other.as_ref() == Some(&b.user)).and_then(|c| c.conversation);
        if let Some(conversation) = conversation {
            return Ok(conversation);
        }
        anyhow::ensure!(Instant::now() < deadline, "the acceptance never reached a.example");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
