//! The scenarios. Each returns one sample of named measurements.

use crate::client::{Device, Pool, authed, connect, message, register, users_with_devices};
use crate::pauses::{PauseMeter, Pauses};
use crate::server::Server;
use crate::{Args, Sample};
use missive_proto::v1 as pb;
use missive_proto::v1::conversation_service_client::ConversationServiceClient;
use missive_proto::v1::event_service_client::EventServiceClient;
use missive_proto::v1::message_service_client::MessageServiceClient;
use missive_proto::v1::mls_service_client::MlsServiceClient;
use missive_proto::v1::ping_service_client::PingServiceClient;
use prost::Message as _;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Ciphertext size of benchmark messages (the first 8 bytes carry a time).
const PAYLOAD: usize = 64;
/// Events a receiver reads between acknowledgements.
const ACK_EVERY: u64 = 256;

pub async fn run(name: &str, args: &Args, server: &Server, binary: &Path) -> anyhow::Result<Sample> {
    match name {
        "federated" => crate::federated::federated(args, server, binary).await,
        "scaling" => crate::scaling::scaling(args, server, binary).await,
        "assets" => crate::assets::assets(args, server, binary).await,
        "ghz" => crate::ghz::ghz(args, server).await,
        "node" => crate::node::node(args, server).await,
        "machine" => crate::pauses::machine(args.seconds).await,
        "echo" => echo(args, server).await,
        "one-to-one" => one_to_one(args, server).await,
        "fan-out" => fan_out(args, server, pb::Protocol::PerDevice).await,
        "mls-fan-out" => fan_out(args, server, pb::Protocol::Mls).await,
        "idle" => idle(args, server).await,
        "catch-up" => catch_up(args, server).await,
        "overload" => overload(args, server).await,
        other => anyhow::bail!("unknown scenario {other:?}"),
    }
}

pub(crate) fn sample(pairs: &[(&str, f64)]) -> Sample {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

/// Authenticated Pings per second from `workers` closed-loop callers.
async fn echo_rate(pool: &Pool, token: &str, workers: usize, seconds: u64) -> f64 {
    let count = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..workers)
        .map(|_| {
            let mut client = PingServiceClient::new(pool.get());
            let (token, count) = (token.to_owned(), count.clone());
            tokio::spawn(async move {
                while Instant::now() < deadline {
                    if client.ping(authed(pb::PingRequest { payload: Vec::new() }, &token)).await.is_ok() {
                        count.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    count.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

async fn echo(args: &Args, server: &Server) -> anyhow::Result<Sample> {
    let pool = Pool::new(server, args.connections).await?;
    let caller = register(&pool, "echo".into()).await?;
    echo_rate(&pool, &caller.token, args.workers, 1).await; // warm-up
    let rps = echo_rate(&pool, &caller.token, args.workers, args.seconds).await;
    Ok(sample(&[("echo_rps", rps)]))
}

/// Counts and timestamps what a set of receivers gets.
#[derive(Default)]
pub(crate) struct Receipts {
    pub(crate) received: AtomicU64,
    /// Open-loop phase: latency from each message's scheduled send time.
    pub(crate) measuring: AtomicBool,
    pub(crate) latencies: Mutex<Vec<Timed>>,
}

impl Receipts {
    /// The latencies measured so far, in µs, sorted; clears them.
    pub(crate) fn take_sorted_us(&self) -> Vec<u64> {
        sorted_us(&std::mem::take(&mut *self.latencies.lock().unwrap()), None)
    }
}

/// A latency measured from a schedule: what was due when, and how long it took.
#[derive(Clone, Copy)]
pub(crate) struct Timed {
    pub(crate) scheduled: Instant,
    pub(crate) latency: Duration,
}

/// The latencies in µs, sorted; with `pauses`, only those of messages that
/// were not in flight during a pause of the machine.
pub(crate) fn sorted_us(samples: &[Timed], pauses: Option<&Pauses>) -> Vec<u64> {
    let mut us: Vec<u64> = samples
        .iter()
        .filter(|t| pauses.is_none_or(|p| !p.overlaps(t.scheduled, t.scheduled + t.latency)))
        .map(|t| t.latency.as_micros() as u64)
        .collect();
    us.sort_unstable();
    us
}

pub(crate) fn stamped(epoch: Instant, at: Instant) -> Vec<u8> {
    let mut payload = vec![0u8; PAYLOAD];
    payload[..8].copy_from_slice(&(at.duration_since(epoch).as_nanos() as u64).to_le_bytes());
    payload
}

/// Reads a device's stream, acknowledging every ACK_EVERY events.
pub(crate) async fn spawn_receiver(
    pool: &Pool,
    device: &Device,
    epoch: Instant,
    receipts: Arc<Receipts>,
) -> anyhow::Result<()> {
    let mut events = EventServiceClient::new(pool.get());
    let mut stream = events.subscribe(authed(pb::SubscribeRequest { since: None }, &device.token)).await?.into_inner();
    let token = device.token.clone();
    tokio::spawn(async move {
        let mut unacked = 0;
        while let Ok(Some(response)) = stream.message().await {
            let Some(pb::subscribe_response::Kind::Event(event)) = response.kind else { continue };
            if let Some(pb::event::Payload::MessageAdded(added)) = &event.payload {
                receipts.received.fetch_add(1, Ordering::Relaxed);
                if receipts.measuring.load(Ordering::Relaxed) && added.ciphertext.len() >= 8 {
                    let stamp = u64::from_le_bytes(added.ciphertext[..8].try_into().unwrap_or_default());
                    let scheduled = epoch + Duration::from_nanos(stamp);
                    receipts.latencies.lock().unwrap().push(Timed { scheduled, latency: scheduled.elapsed() });
                }
            }
            unacked += 1;
            if unacked >= ACK_EVERY {
                unacked = 0;
                let _ = events.ack(authed(pb::AckRequest { up_to: event.cursor }, &token)).await;
            }
        }
    });
    Ok(())
}

pub(crate) async fn wait_for(receipts: &Receipts, count: u64, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while receipts.received.load(Ordering::Relaxed) < count {
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    true
}

pub(crate) fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)] as f64
}

/// `pairs` connected sender/receiver pairs and their 1:1 conversations.
pub(crate) async fn connected_pairs(
    pool: &Pool,
    pairs: usize,
) -> anyhow::Result<(Vec<Device>, Vec<Device>, Vec<pb::QualifiedId>)> {
    connected_pairs_named(pool, "u", pairs).await
}

/// As [`connected_pairs`], with handles that begin with `prefix` (a
/// scenario that makes several sets of pairs on one server).
pub(crate) async fn connected_pairs_named(
    pool: &Pool,
    prefix: &str,
    pairs: usize,
) -> anyhow::Result<(Vec<Device>, Vec<Device>, Vec<pb::QualifiedId>)> {
    let users = users_with_devices(pool, prefix, pairs * 2, 1).await?;
    let (senders, receivers): (Vec<Device>, Vec<Device>) =
        users.chunks(2).map(|pair| (pair[0][0].clone(), pair[1][0].clone())).unzip();
    let mut conversations = Vec::with_capacity(pairs);
    for (sender, receiver) in senders.iter().zip(&receivers) {
        conversations.push(connect(pool, sender, receiver).await?);
    }
    Ok((senders, receivers, conversations))
}

/// Closed loop: every pair sends as fast as its replies come back, for
/// `seconds`. Returns the sends accepted and when the loop started.
pub(crate) async fn closed_loop(
    pool: &Pool,
    (senders, receivers, conversations): (&[Device], &[Device], &[pb::QualifiedId]),
    epoch: Instant,
    seconds: u64,
    prefix: &'static str,
) -> (u64, Instant) {
    let accepted = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..senders.len())
        .map(|i| {
            let mut messages = MessageServiceClient::new(pool.get());
            let (sender, receiver, conversation) = (senders[i].clone(), receivers[i].clone(), conversations[i].clone());
            let accepted = accepted.clone();
            tokio::spawn(async move {
                let mut n = 0u64;
                while Instant::now() < deadline {
                    n += 1;
                    let request = message(
                        &conversation,
                        format!("{prefix}{i}-{n}"),
                        &[&receiver],
                        stamped(epoch, Instant::now()),
                    );
                    if messages.send_message(authed(request, &sender.token)).await.is_ok() {
                        accepted.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    (accepted.load(Ordering::Relaxed), start)
}

async fn one_to_one(args: &Args, server: &Server) -> anyhow::Result<Sample> {
    let pool = Pool::new(server, args.connections).await?;
    let pairs = args.workers;
    let (senders, receivers, conversations) = connected_pairs(&pool, pairs).await?;

    // The floor, in this run, with the same connections and concurrency.
    echo_rate(&pool, &senders[0].token, pairs, 1).await;
    let echo_rps = echo_rate(&pool, &senders[0].token, pairs, args.seconds).await;

    let epoch = Instant::now();
    let receipts = Arc::new(Receipts::default());
    for receiver in &receivers {
        spawn_receiver(&pool, receiver, epoch, receipts.clone()).await?;
    }

    let (accepted, start) = closed_loop(&pool, (&senders, &receivers, &conversations), epoch, args.seconds, "c").await;
    let all_delivered = wait_for(&receipts, accepted, Duration::from_secs(30)).await;
    let elapsed = start.elapsed().as_secs_f64();
    let delivered = receipts.received.load(Ordering::Relaxed).min(accepted);
    let delivered_per_s = delivered as f64 / elapsed;

    // Open loop at half the closed-loop rate (or the rate asked): sends start
    // on schedule whatever the replies do, and latency counts from the schedule.
    let rate = args.open_rate.unwrap_or((delivered_per_s * 0.5).max(50.0));
    let meter = PauseMeter::start();
    let (failures, start_lag) =
        open_loop(&pool, (&senders, &receivers, &conversations), &receipts, epoch, rate, args.seconds).await?;
    let timed = std::mem::take(&mut *receipts.latencies.lock().unwrap());
    // The floor of that latency in this run: an authenticated Ping at the
    // same rate, on the same connections, timed from its schedule too.
    let (echo_timed, echo_start_lag) = echo_open_loop(&pool, &senders[0].token, rate, args.seconds).await?;
    let pauses = meter.stop();
    let (latencies, echo_latencies) = (sorted_us(&timed, None), sorted_us(&echo_timed, None));
    // The same without what a pause of the machine held up; reported next
    // to the whole, with the share of messages kept, never instead of it.
    let unpaused = pauses.measured().then(|| sorted_us(&timed, Some(&pauses)));
    let echo_unpaused = pauses.measured().then(|| sorted_us(&echo_timed, Some(&pauses)));
    let p = |sorted: &Option<Vec<u64>>, q: f64| sorted.as_deref().map_or(f64::NAN, |s| percentile(s, q) / 1000.0);
    let mut result = sample(&[
        ("echo_open_p50_ms", percentile(&echo_latencies, 0.50) / 1000.0),
        ("echo_open_p99_ms", percentile(&echo_latencies, 0.99) / 1000.0),
        ("echo_open_p99_unpaused_ms", p(&echo_unpaused, 0.99)),
        ("echo_rps", echo_rps),
        ("accepted_per_s", accepted as f64 / args.seconds as f64),
        ("delivered_per_s", delivered_per_s),
        ("all_delivered", if all_delivered { 1.0 } else { 0.0 }),
        ("ratio_to_echo", delivered_per_s / echo_rps),
        ("open_loop_rate", rate),
        ("latency_p50_ms", percentile(&latencies, 0.50) / 1000.0),
        ("latency_p99_ms", percentile(&latencies, 0.99) / 1000.0),
        ("latency_p999_ms", percentile(&latencies, 0.999) / 1000.0),
        ("latency_max_ms", latencies.last().copied().unwrap_or(0) as f64 / 1000.0),
        ("latency_p50_unpaused_ms", p(&unpaused, 0.50)),
        ("latency_p99_unpaused_ms", p(&unpaused, 0.99)),
        ("unpaused_share", unpaused.as_ref().map_or(f64::NAN, |u| u.len() as f64 / timed.len().max(1) as f64)),
        ("open_loop_start_lag_max_ms", start_lag.as_secs_f64() * 1000.0),
        ("echo_open_max_ms", echo_latencies.last().copied().unwrap_or(0) as f64 / 1000.0),
        ("echo_open_start_lag_max_ms", echo_start_lag.as_secs_f64() * 1000.0),
        ("open_loop_failures", failures as f64),
    ]);
    result.extend(pauses.metrics(""));
    Ok(result)
}

/// Pings at `rate` for `seconds` on a fixed schedule; each call's latency
/// from its scheduled start, and the longest start lag.
async fn echo_open_loop(pool: &Pool, token: &str, rate: f64, seconds: u64) -> anyhow::Result<(Vec<Timed>, Duration)> {
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let start_lag = on_schedule(rate, seconds, 4096, |_, scheduled| {
        let mut client = PingServiceClient::new(pool.get());
        let (token, latencies) = (token.to_owned(), latencies.clone());
        async move {
            if client.ping(authed(pb::PingRequest { payload: Vec::new() }, &token)).await.is_ok() {
                latencies.lock().unwrap().push(Timed { scheduled, latency: scheduled.elapsed() });
            }
        }
    })
    .await?;
    let latencies = std::mem::take(&mut *latencies.lock().unwrap());
    Ok((latencies, start_lag))
}

/// Starts `rate × seconds` calls on a fixed schedule, whatever their
/// answers do, at most `bound` in flight; returns once every one has
/// finished, with the longest any call started after its schedule. A long
/// start lag is the load generator's own stall (its loop did not run),
/// which every latency timed from the schedule includes; a late answer
/// with no start lag is the server's. `call(k, scheduled)` makes the k-th.
async fn on_schedule<F, C>(rate: f64, seconds: u64, bound: u32, mut call: F) -> anyhow::Result<Duration>
where
    F: FnMut(u64, Instant) -> C,
    C: Future<Output = ()> + Send + 'static,
{
    let total = (rate * seconds as f64) as u64;
    let in_flight = Arc::new(tokio::sync::Semaphore::new(bound as usize));
    let start = Instant::now();
    let mut start_lag = Duration::ZERO;
    for k in 0..total {
        let scheduled = start + Duration::from_secs_f64(k as f64 / rate);
        tokio::time::sleep_until(scheduled.into()).await;
        let permit = in_flight.clone().acquire_owned().await?;
        start_lag = start_lag.max(scheduled.elapsed());
        let call = call(k, scheduled);
        tokio::spawn(async move {
            call.await;
            drop(permit);
        });
    }
    let _ = in_flight.acquire_many(bound).await?;
    Ok(start_lag)
}

/// Sends at `rate` for `seconds` on a fixed schedule, whatever the replies
/// do, with receipts measuring latency from the schedule; waits for every
/// accepted message. Returns the sends that failed and the longest start
/// lag ([`on_schedule`]).
pub(crate) async fn open_loop(
    pool: &Pool,
    (senders, receivers, conversations): (&[Device], &[Device], &[pb::QualifiedId]),
    receipts: &Arc<Receipts>,
    epoch: Instant,
    rate: f64,
    seconds: u64,
) -> anyhow::Result<(u64, Duration)> {
    let pairs = senders.len();
    let total = (rate * seconds as f64) as u64;
    receipts.measuring.store(true, Ordering::Relaxed);
    let before = receipts.received.load(Ordering::Relaxed);
    // Per gRPC code: how many sends failed with it, and the first message.
    let failures: Arc<Mutex<BTreeMap<String, (u64, String)>>> = Arc::default();
    let clients: Vec<_> = (0..pairs).map(|_| MessageServiceClient::new(pool.get())).collect();
    let start_lag = on_schedule(rate, seconds, 4096, |k, scheduled| {
        let i = (k as usize) % pairs;
        let request = message(&conversations[i], format!("o{k}"), &[&receivers[i]], stamped(epoch, scheduled));
        let (mut client, token, failures) = (clients[i].clone(), senders[i].token.clone(), failures.clone());
        async move {
            if let Err(status) = client.send_message(authed(request, &token)).await {
                let mut failures = failures.lock().unwrap();
                let entry = failures.entry(format!("{:?}", status.code())).or_insert((0, status.message().to_owned()));
                entry.0 += 1;
            }
        }
    })
    .await?;
    let failures = std::mem::take(&mut *failures.lock().unwrap());
    let failed = failures.values().map(|(count, _)| count).sum();
    // A count alone cannot tell a refusal under a pause from a bug.
    for (code, (count, first)) in &failures {
        eprintln!("  open loop: {count} sends failed with {code}, the first: {first}");
    }
    wait_for(receipts, before + total - failed, Duration::from_secs(30)).await;
    Ok((failed, start_lag))
}

/// Overload: the closed-loop peak of 1:1 sends, then an open loop at three
/// times that rate. Measures what is accepted (relative to the peak), how
/// fast refusals come back, the send-to-delivery latency of accepted
/// messages, and that every accepted message is delivered.
async fn overload(args: &Args, server: &Server) -> anyhow::Result<Sample> {
    let pool = Pool::new(server, args.connections).await?;
    let pairs = args.workers;
    let (senders, receivers, conversations) = connected_pairs(&pool, pairs).await?;
    let epoch = Instant::now();
    let receipts = Arc::new(Receipts::default());
    for receiver in &receivers {
        spawn_receiver(&pool, receiver, epoch, receipts.clone()).await?;
    }
    let clients: Vec<_> = (0..pairs).map(|_| MessageServiceClient::new(pool.get())).collect();

    // The peak: closed loop, every pair as fast as its replies come back.
    let (peak_accepted, start) =
        closed_loop(&pool, (&senders, &receivers, &conversations), epoch, args.seconds, "p").await;
    let peak = peak_accepted as f64 / start.elapsed().as_secs_f64();
    wait_for(&receipts, peak_accepted, Duration::from_secs(30)).await;

    // Three times the peak, on schedule whatever the replies do.
    let rate = (peak * 3.0).max(150.0);
    receipts.measuring.store(true, Ordering::Relaxed);
    let (accepted, refused, failed) =
        (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let refusal_us = Arc::new(Mutex::new(Vec::new()));
    let open_start = Instant::now();
    // Returns once every send is answered.
    on_schedule(rate, args.seconds, 32_768, |k, scheduled| {
        let i = (k as usize) % pairs;
        let request = message(&conversations[i], format!("o{k}"), &[&receivers[i]], stamped(epoch, scheduled));
        let (mut client, token) = (clients[i].clone(), senders[i].token.clone());
        let (accepted, refused, failed, refusal_us) =
            (accepted.clone(), refused.clone(), failed.clone(), refusal_us.clone());
        async move {
            let sent = Instant::now();
            match client.send_message(authed(request, &token)).await {
                Ok(_) => accepted.fetch_add(1, Ordering::Relaxed),
                Err(status) if status.code() == tonic::Code::ResourceExhausted => {
                    refusal_us.lock().unwrap().push(sent.elapsed().as_micros() as u64);
                    refused.fetch_add(1, Ordering::Relaxed)
                }
                Err(_) => failed.fetch_add(1, Ordering::Relaxed),
            };
        }
    })
    .await?;
    let open_elapsed = open_start.elapsed().as_secs_f64();
    let accepted = accepted.load(Ordering::Relaxed);
    let all_delivered = wait_for(&receipts, peak_accepted + accepted, Duration::from_secs(60)).await;
    let latencies = receipts.take_sorted_us();
    let mut refusals = std::mem::take(&mut *refusal_us.lock().unwrap());
    refusals.sort_unstable();
    let accepted_per_s = accepted as f64 / open_elapsed;
    Ok(sample(&[
        ("peak_per_s", peak),
        ("offered_per_s", rate),
        ("accepted_per_s", accepted_per_s),
        ("accepted_of_peak", accepted_per_s / peak),
        ("refused", refused.load(Ordering::Relaxed) as f64),
        ("other_failures", failed.load(Ordering::Relaxed) as f64),
        ("refusal_p99_ms", percentile(&refusals, 0.99) / 1000.0),
        ("accepted_latency_p50_ms", percentile(&latencies, 0.50) / 1000.0),
        ("accepted_latency_p99_ms", percentile(&latencies, 0.99) / 1000.0),
        ("all_accepted_delivered", if all_delivered { 1.0 } else { 0.0 }),
    ]))
}

/// The id a device reports an MLS message by: its last 16 bytes (the AEAD
/// tag of a PrivateMessage, different for every message).
fn mls_marker(message: &[u8]) -> String {
    message[message.len().saturating_sub(16)..].iter().map(|b| format!("{b:02x}")).collect()
}

/// One sender to every device of a group: with a ciphertext per device
/// (`PerDevice`), or with one MLS application message for all (`Mls`). The
/// MLS sender's group holds only its own device: the server relays to every
/// member device whatever the tree says, and what is measured is that relay
/// (the receivers do not decrypt; that is client CPU, not server work).
async fn fan_out(args: &Args, server: &Server, protocol: pb::Protocol) -> anyhow::Result<Sample> {
    let mls = protocol == pb::Protocol::Mls;
    let prefix = if mls { "mls_fanout" } else { "fanout" };
    let sizes: Vec<usize> = match (args.short, mls) {
        (true, _) => vec![100],
        (false, true) => vec![100, 2000],
        (false, false) => vec![100, 1000, 2000],
    };
    let largest = *sizes.iter().max().unwrap_or(&100);
    let pool = Pool::new(server, largest / 120 + 2).await?;
    // Members have 8 devices each; a partial member makes up each remainder.
    let full = users_with_devices(&pool, "m", largest / 8, 8).await?;
    let mut partial: HashMap<usize, Vec<Device>> = HashMap::new();
    for &size in &sizes {
        let remainder = size % 8;
        if remainder > 0 && !partial.contains_key(&remainder) {
            let made = users_with_devices(&pool, &format!("p{remainder}-"), 1, remainder).await?;
            partial.insert(remainder, made.into_iter().next().unwrap_or_default());
        }
    }
    let sender = register(&pool, "sender".into()).await?;
    let members: Vec<&Device> = full.iter().map(|u| &u[0]).chain(partial.values().map(|u| &u[0])).collect();
    for member in &members {
        connect(&pool, &sender, member).await?;
    }

    // Every device streams; arrivals are reported with their message id,
    // and a group's creation with the group's id.
    let (arrived, mut arrivals) = mpsc::unbounded_channel::<(String, Instant)>();
    let all_devices: Vec<&Device> = full.iter().flatten().chain(partial.values().flatten()).collect();
    for device in &all_devices {
        let mut stream = EventServiceClient::new(pool.get())
            .subscribe(authed(pb::SubscribeRequest { since: None }, &device.token))
            .await?
            .into_inner();
        let arrived = arrived.clone();
        tokio::spawn(async move {
            while let Ok(Some(response)) = stream.message().await {
                let Some(pb::subscribe_response::Kind::Event(event)) = response.kind else { continue };
                let id = match event.payload {
                    Some(pb::event::Payload::MessageAdded(added)) => added.message_id,
                    Some(pb::event::Payload::MlsMessageAdded(added)) => mls_marker(&added.message),
                    Some(pb::event::Payload::ConversationCreated(created)) => {
                        created.conversation.and_then(|c| c.id).map(|id| id.id).unwrap_or_default()
                    }
                    _ => continue,
                };
                let _ = arrived.send((id, Instant::now()));
            }
        });
    }
    // Let the connection and conversation events drain.
    tokio::time::sleep(Duration::from_secs(1)).await;

    // The first send into a new group is reported on its own (it reads the
    // group's members and devices); the percentiles are of the others,
    // 99 of them, so that the p99 is not simply the slowest.
    let rounds = if args.short { 3 } else { 100 };
    let mut result = Sample::new();
    let mut conversations = ConversationServiceClient::new(pool.get());
    let mut messages = MessageServiceClient::new(pool.get());
    let mut mls_service = MlsServiceClient::new(pool.get());
    let sender_mls = missive_mls::MlsClient::new(
        sender.seed,
        &missive_mls::identity(&sender.user.id, &sender.device_id, &sender.user.domain),
    );
    for &size in &sizes {
        let mut group_users: Vec<&Vec<Device>> = full.iter().take(size / 8).collect();
        if let Some(rest) = partial.get(&(size % 8)) {
            group_users.push(rest);
        }
        let created = Instant::now();
        let group = conversations
            .create_conversation(authed(
                pb::CreateConversationRequest {
                    name: format!("fan-out {size}"),
                    members: group_users.iter().map(|u| u[0].user.clone()).collect(),
                    protocol: protocol as i32,
                },
                &sender.token,
            ))
            .await?
            .into_inner()
            .conversation
            .ok_or_else(|| anyhow::anyhow!("no group"))?;
        let mut mls_group = if mls { Some(sender_mls.create_group(&group.mls_group_id)?) } else { None };
        let group = group.id.ok_or_else(|| anyhow::anyhow!("no group id"))?;
        let targets: Vec<&Device> = group_users.iter().flat_map(|u| u.iter()).collect();
        anyhow::ensure!(targets.len() == size, "group of {} devices, wanted {size}", targets.len());
        // The creation is a fan-out of its own (the whole member list to
        // every device, megabytes for a large group): measured apart, and
        // over before the first send, which would otherwise share the cores
        // with its delivery.
        let last = arrivals_of(&mut arrivals, &group.id, size, created).await?;
        result.insert(format!("{prefix}_{size}_create_last_ms"), (last - created).as_secs_f64() * 1000.0);
        let mut to_last = Vec::new();
        let mut send_ms = Vec::new();
        let mut first = None;
        let mut request_bytes = 0;
        let meter = PauseMeter::start();
        for round in 0..rounds {
            let (id, start) = match &mut mls_group {
                None => {
                    let id = format!("f{size}-{round}");
                    let request = message(&group, id.clone(), &targets, vec![7u8; PAYLOAD]);
                    request_bytes = request.encoded_len();
                    let start = Instant::now();
                    messages.send_message(authed(request, &sender.token)).await?;
                    (id, start)
                }
                Some(mls_group) => {
                    let message = sender_mls.encrypt(mls_group, &[7u8; PAYLOAD])?;
                    let id = mls_marker(&message);
                    let request = pb::SendMlsMessageRequest { conversation: Some(group.clone()), message };
                    request_bytes = request.encoded_len();
                    let start = Instant::now();
                    mls_service.send_mls_message(authed(request, &sender.token)).await?;
                    (id, start)
                }
            };
            let sent = start.elapsed().as_secs_f64() * 1000.0;
            let last = arrivals_of(&mut arrivals, &id, size, start).await?;
            if round == 0 {
                first = Some((sent, (last - start).as_secs_f64() * 1000.0));
                continue;
            }
            send_ms.push(sent);
            to_last.push(Timed { scheduled: start, latency: last - start });
        }
        if let Some((sent, last)) = first {
            result.insert(format!("{prefix}_{size}_first_send_ms"), sent);
            result.insert(format!("{prefix}_{size}_first_last_ms"), last);
        }
        let pauses = meter.stop();
        let (all, unpaused) = (sorted_us(&to_last, None), sorted_us(&to_last, Some(&pauses)));
        send_ms.sort_by(f64::total_cmp);
        result.insert(format!("{prefix}_{size}_last_p50_ms"), percentile(&all, 0.5) / 1000.0);
        result.insert(format!("{prefix}_{size}_last_p99_ms"), percentile(&all, 0.99) / 1000.0);
        // Rounds that no pause of the machine held up; how many, next to it.
        let p99_unpaused = if pauses.measured() { percentile(&unpaused, 0.99) / 1000.0 } else { f64::NAN };
        result.insert(format!("{prefix}_{size}_last_p99_unpaused_ms"), p99_unpaused);
        result.insert(format!("{prefix}_{size}_unpaused_rounds"), unpaused.len() as f64);
        result.extend(pauses.metrics(&format!("{prefix}_{size}_")));
        result.insert(format!("{prefix}_{size}_send_p50_ms"), send_ms[send_ms.len() / 2]);
        result.insert(format!("{prefix}_{size}_request_bytes"), request_bytes as f64);
    }
    Ok(result)
}

/// Waits until `count` devices reported `id` (within a minute) and returns
/// when the last did; other arrivals are passed over.
async fn arrivals_of(
    arrivals: &mut mpsc::UnboundedReceiver<(String, Instant)>,
    id: &str,
    count: usize,
    since: Instant,
) -> anyhow::Result<Instant> {
    let (mut seen, mut last) = (0, since);
    let deadline = since + Duration::from_secs(60);
    while seen < count {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, arrivals.recv()).await {
            Ok(Some((arrived, at))) if arrived == id => {
                seen += 1;
                last = last.max(at);
            }
            Ok(Some(_)) => {}
            _ => anyhow::bail!("fan-out: only {seen} of {count} devices got {id}"),
        }
    }
    Ok(last)
}

async fn idle(args: &Args, server: &Server) -> anyhow::Result<Sample> {
    let devices = args.idle_devices.unwrap_or(if args.short { 200 } else { 2000 }).div_ceil(8) * 8;
    let pool = Pool::new(server, devices / 120 + 2).await?;
    let users = users_with_devices(&pool, "i", devices / 8, 8).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = server.rss_bytes()?;
    let mut streams = Vec::with_capacity(devices);
    for device in users.iter().flatten() {
        let stream = EventServiceClient::new(pool.get())
            .subscribe(authed(pb::SubscribeRequest { since: None }, &device.token))
            .await?
            .into_inner();
        streams.push(stream);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = server.rss_bytes()?;
    drop(streams);
    Ok(sample(&[
        ("idle_streams", devices as f64),
        ("rss_before_mib", before as f64 / 1048576.0),
        ("rss_after_mib", after as f64 / 1048576.0),
        ("rss_per_stream_kib", (after.saturating_sub(before)) as f64 / devices as f64 / 1024.0),
    ]))
}

async fn catch_up(args: &Args, server: &Server) -> anyhow::Result<Sample> {
    let backlog: u64 = if args.short { 2000 } else { 10_000 };
    let pool = Pool::new(server, args.connections).await?;
    let sender = register(&pool, "sender".into()).await?;
    let receiver = register(&pool, "receiver".into()).await?;
    let conversation = connect(&pool, &sender, &receiver).await?;
    let next = Arc::new(AtomicU64::new(0));
    let workers: Vec<_> = (0..16)
        .map(|_| {
            let mut messages = MessageServiceClient::new(pool.get());
            let (sender, receiver, conversation, next) =
                (sender.clone(), receiver.clone(), conversation.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= backlog {
                        return anyhow::Ok(());
                    }
                    let request = message(&conversation, format!("b{n}"), &[&receiver], vec![1u8; PAYLOAD]);
                    messages.send_message(authed(request, &sender.token)).await?;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await??;
    }
    let receipts = Arc::new(Receipts::default());
    let start = Instant::now();
    spawn_receiver(&pool, &receiver, start, receipts.clone()).await?;
    anyhow::ensure!(wait_for(&receipts, backlog, Duration::from_secs(120)).await, "catch-up incomplete");
    let seconds = start.elapsed().as_secs_f64();
    Ok(sample(&[
        ("catch_up_events", backlog as f64),
        ("catch_up_s", seconds),
        ("catch_up_events_per_s", backlog as f64 / seconds),
    ]))
}
