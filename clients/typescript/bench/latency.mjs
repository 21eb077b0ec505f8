// Send→receive one message at a time, the shape of the Kotlin sample's
// `--bench` (clients/kotlin): two users connect, Alice sends N messages and
// waits for each on Bob's event stream. Prints p50/p99 in ms. Build the SDK
// first (`npx tsc`), start a server with a high send quota, then:
//   node bench/latency.mjs http://127.0.0.1:50051 [grpc|grpc-web] [N]
import { MissiveClient } from "../dist/src/index.js";

const [baseUrl = "http://127.0.0.1:50051", transport = "grpc", count = "2000"] = process.argv.slice(2);
const n = Number(count);
const suffix = `${process.pid}-${Date.now()}`;
const alice = await MissiveClient.connect({ baseUrl, transport });
const bob = await MissiveClient.connect({ baseUrl, transport });
await alice.register({ handle: `alice-${suffix}`, password: "correct horse battery staple" });
await bob.register({ handle: `bob-${suffix}`, password: "correct horse battery staple" });
await alice.connectWith(`bob-${suffix}`);
await bob.connectWith(`alice-${suffix}`);
const conversation = await alice.oneToOneWith(`bob-${suffix}`);
const events = bob.eventStream();
const encoder = new TextEncoder();

async function nextMessage() {
  for (;;) {
    const next = await events.next();
    if (next.done) throw new Error("stream ended");
    if (next.value.payload.case === "messageAdded") return;
  }
}

const times = [];
for (let i = 0; i < n; i++) {
  const started = performance.now();
  await alice.sendMessage({ conversation, encrypt: () => encoder.encode(`PLACEHOLDER:${i}`) });
  await nextMessage();
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (q) => times[Math.floor((n - 1) * q)].toFixed(2);
console.log(JSON.stringify({ transport, messages: n, p50_ms: Number(at(0.5)), p99_ms: Number(at(0.99)) }));
// The HTTP/2 sessions would keep Node running.
process.exit(0);
