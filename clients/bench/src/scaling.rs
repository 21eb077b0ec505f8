//! Scaling: the delivered 1:1 rate with 1, 2 and 4 server instances
//! sharing one PostgreSQL and one Redis, on this machine.
//!
//! With more than one instance every message crosses instances: the pairs
//! are split into one group per instance, a group's senders on its instance
//! and its receivers streaming from the next one, so each message is stored
//! through one instance and reaches its receiver through Redis and another.
//! The same number of pairs and connections runs at every size, so the
//! figures differ only by the instances serving them.

use crate::client::{Device, Pool};
use crate::scenarios::{Receipts, closed_loop, connected_pairs_named, spawn_receiver, wait_for};
use crate::server::{Backend, Server};
use crate::{Args, Sample};
use futures_util::future::join_all;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [1, 2, 4];

pub async fn scaling(args: &Args, server: &Server, binary: &Path) -> anyhow::Result<Sample> {
    if server.backend != Backend::Production {
        // SQLite is one process's file: one instance is all there is.
        eprintln!("  scaling: skipped on the embedded backend (several instances need PostgreSQL and Redis)");
        return Ok(Sample::new());
    }
    let mut others: Vec<Server> = Vec::new();
    let mut result = Sample::new();
    let outcome = async {
        for size in SIZES {
            while others.len() + 1 < size {
                others.push(server.another_instance(binary).await?);
            }
            let instances: Vec<&Server> = std::iter::once(server).chain(others.iter()).collect();
            let delivered = delivered_rate(args, &instances).await?;
            result.insert(format!("instances_{size}_delivered_per_s"), delivered.0);
            result.insert(format!("instances_{size}_all_delivered"), if delivered.1 { 1.0 } else { 0.0 });
        }
        anyhow::Ok(())
    }
    .await;
    for other in others {
        other.stop().await;
    }
    outcome?;
    let one = result["instances_1_delivered_per_s"];
    for size in &SIZES[1..] {
        result
            .insert(format!("instances_{size}_ratio_to_1"), result[&format!("instances_{size}_delivered_per_s")] / one);
    }
    Ok(result)
}

/// Closed-loop delivered msg/s of `args.workers` pairs spread over the
/// instances, and whether every accepted message arrived.
async fn delivered_rate(args: &Args, instances: &[&Server]) -> anyhow::Result<(f64, bool)> {
    let count = instances.len();
    let connections = args.connections.div_ceil(count).max(1);
    let mut pools = Vec::with_capacity(count);
    for instance in instances {
        pools.push(Pool::new(instance, connections).await?);
    }
    let prefix = format!("n{count}-");
    let (senders, receivers, conversations) = connected_pairs_named(&pools[0], &prefix, args.workers).await?;
    let epoch = Instant::now();
    let receipts = Arc::new(Receipts::default());
    let per_group = args.workers.div_ceil(count);
    let groups: Vec<std::ops::Range<usize>> =
        (0..count).map(|k| (k * per_group).min(args.workers)..((k + 1) * per_group).min(args.workers)).collect();
    for (k, range) in groups.iter().enumerate() {
        let streaming_from = &pools[(k + 1) % count];
        for receiver in &receivers[range.clone()] {
            spawn_receiver(streaming_from, receiver, epoch, receipts.clone()).await?;
        }
    }
    let slice = |devices: &[Device], range: &std::ops::Range<usize>| devices[range.clone()].to_vec();
    let loads: Vec<_> = groups
        .iter()
        .enumerate()
        .map(|(k, range)| {
            let (senders, receivers) = (slice(&senders, range), slice(&receivers, range));
            let conversations = conversations[range.clone()].to_vec();
            let pool = &pools[k];
            async move { closed_loop(pool, (&senders, &receivers, &conversations), epoch, args.seconds, "s").await }
        })
        .collect();
    let runs = join_all(loads).await;
    let accepted: u64 = runs.iter().map(|(accepted, _)| accepted).sum();
    let start = runs.iter().map(|(_, start)| *start).min().unwrap_or(epoch);
    let all_delivered = wait_for(&receipts, accepted, Duration::from_secs(30)).await;
    let elapsed = start.elapsed().as_secs_f64();
    let delivered = receipts.received.load(Ordering::Relaxed).min(accepted);
    Ok((delivered as f64 / elapsed, all_delivered))
}
