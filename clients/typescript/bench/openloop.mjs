// Send→receive under load, measured by a client that is not missive-bench's
// Rust (the bench's `node` scenario runs it; docs/PERFORMANCE.md § 1:1):
// @missive/sdk on Node, connect-node's gRPC over HTTP/2, one connection per
// device. `pairs` senders each send to their own receiver's 1:1:
//   1. closed loop, `inflight` sends in flight per sender, for `seconds`:
//      the delivered rate;
//   2. open loop at half that rate, then at each fixed rate of `rates`:
//      latency from each message's scheduled send time to its arrival on
//      the receiver's stream (a late scheduler or a slow reply is counted),
//      and the SendMessage call's own latency.
// The report counts the accepted messages that did not arrive within 30 s
// of their phase's end (`missing`; 0 expected). Receivers acknowledge every
// 256 events. Prints one JSON object. Build the SDK first
// (`npx tsc`), start a server with a high send quota, then:
//   node bench/openloop.mjs http://127.0.0.1:50051 [pairs] [seconds] [rates] [inflight]
import { MissiveClient } from "../dist/src/index.js";

const [baseUrl = "http://127.0.0.1:50051", pairsArg = "10", secondsArg = "5", ratesArg = "200", inflightArg = "3"] =
  process.argv.slice(2);
const pairCount = Number(pairsArg);
const seconds = Number(secondsArg);
const fixedRates = ratesArg.split(",").filter(Boolean).map(Number);
const inflight = Number(inflightArg);
const ACK_EVERY = 256n;
const CIPHERTEXT = new Uint8Array(64).fill(7);

const suffix = `${process.pid}-${Date.now()}`;
/** message id → { due, resolve } of every send not yet seen on its stream. */
const waiting = new Map();

async function pair(index) {
  const alice = await MissiveClient.connect({ baseUrl, transport: "grpc" });
  const bob = await MissiveClient.connect({ baseUrl, transport: "grpc" });
  const [a, b] = [`ola-${index}-${suffix}`, `olb-${index}-${suffix}`];
  await alice.register({ handle: a, password: "correct horse battery staple" });
  await bob.register({ handle: b, password: "correct horse battery staple" });
  await alice.connectWith(b);
  await bob.connectWith(a);
  const conversation = await alice.oneToOneWith(b);
  const recipients = [{ user: bob.self, devices: [{ deviceId: bob.session.deviceId, ciphertext: CIPHERTEXT }] }];
  receive(bob);
  return {
    send: (messageId) => alice.messages.sendMessage({ conversation, messageId, recipients, transient: false }),
  };
}

/** Reads the receiver's stream for the whole run, acknowledging as a client does. */
function receive(bob) {
  const stream = bob.events.subscribe({});
  (async () => {
    let unacked = 0n;
    for await (const response of stream) {
      if (response.kind.case !== "event") continue;
      const event = response.kind.value;
      if (event.payload.case === "messageAdded") {
        const entry = waiting.get(event.payload.value.messageId);
        if (entry) {
          waiting.delete(event.payload.value.messageId);
          entry.arrived(performance.now());
        }
      }
      if (event.cursor > 0n && ++unacked >= ACK_EVERY) {
        unacked = 0n;
        bob.events.ack({ upTo: event.cursor }).catch((error) => fail(`ack: ${error}`));
      }
    }
  })().catch((error) => fail(`stream: ${error}`));
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** What one phase counted and timed. */
const newPhase = () => ({ accepted: 0, refused: 0, calls: [], latencies: [] });

/** Sends one message due at `due`; resolves once it arrived, or was refused. */
function sendOne(p, id, due, phase) {
  const arrival = new Promise((arrived) => waiting.set(id, { arrived }));
  const started = performance.now();
  return p.send(id).then(
    () => {
      phase.accepted += 1;
      phase.calls.push(performance.now() - started);
      return arrival.then((at) => phase.latencies.push(at - due));
    },
    () => {
      waiting.delete(id);
      phase.refused += 1;
    },
  );
}

const percentile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] : NaN);
const round = (x) => Math.round(x * 1000) / 1000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits up to 30 s for the phase's messages; answers how many accepted ones did not arrive. */
async function settle(phase, results) {
  await Promise.race([Promise.all(results), sleep(30_000)]);
  phase.latencies.sort((x, y) => x - y);
  phase.calls.sort((x, y) => x - y);
  return phase.accepted - phase.latencies.length;
}

async function closedLoop(pairs) {
  const phase = newPhase();
  const results = [];
  const stop = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    pairs.flatMap((p, index) =>
      Array.from({ length: inflight }, async (_, lane) => {
        while (performance.now() < stop) {
          const id = `closed-${index}-${lane}-${next++}`;
          const result = sendOne(p, id, performance.now(), phase);
          results.push(result);
          await result;
        }
      }),
    ),
  );
  const missing = await settle(phase, results);
  return { rate: phase.latencies.length / seconds, refused: phase.refused, missing };
}

async function openLoop(pairs, rate, label) {
  const phase = newPhase();
  const results = [];
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    results.push(sendOne(pairs[i % pairs.length], `${label}-${i}`, due, phase));
  }
  const missing = await settle(phase, results);
  const { latencies, calls } = phase;
  return {
    rate: round(rate),
    delivered: latencies.length,
    refused: phase.refused,
    missing,
    p50_ms: round(percentile(latencies, 0.5)),
    p99_ms: round(percentile(latencies, 0.99)),
    p999_ms: round(percentile(latencies, 0.999)),
    call_p50_ms: round(percentile(calls, 0.5)),
    call_p99_ms: round(percentile(calls, 0.99)),
  };
}

const pairs = [];
for (let i = 0; i < pairCount; i++) pairs.push(await pair(i));
// Streams open and the connection events drained before anything is timed.
await sleep(500);
await openLoop(pairs, 100, "warm");
const closed = await closedLoop(pairs);
const report = {
  pairs: pairCount,
  inflight,
  closed_msg_s: round(closed.rate),
  closed_refused: closed.refused,
  closed_missing: closed.missing,
  open: [],
};
report.open.push({ at: "half", ...(await openLoop(pairs, closed.rate / 2, "half")) });
for (const rate of fixedRates) report.open.push({ at: String(rate), ...(await openLoop(pairs, rate, `fixed${rate}`)) });
console.log(JSON.stringify(report));
// The HTTP/2 sessions would keep Node running.
process.exit(0);
