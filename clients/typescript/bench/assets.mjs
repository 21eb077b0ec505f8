// A second client for the asset figures of docs/PERFORMANCE.md, not written
// in Rust: @missive/sdk on Node (connect-node, gRPC over HTTP/2 or
// gRPC-web) uploads a 25 MiB asset in 1 MiB chunks and downloads it, and
// prints MiB/s. Build the SDK first (`npm test` or `npx tsc`), start a
// server, then:
//   node bench/assets.mjs http://127.0.0.1:50051 [grpc|grpc-web] [runs]
import { MissiveClient } from "../dist/src/index.js";

const [baseUrl = "http://127.0.0.1:50051", transport = "grpc", runs = "3"] = process.argv.slice(2);
const SIZE = 25 << 20;
const MIB = 1 << 20;

const client = await MissiveClient.connect({ baseUrl, transport });
await client.register({ handle: `bench-${process.pid}-${Date.now()}`, password: "correct horse battery staple" });
const bytes = new Uint8Array(SIZE);
for (let at = 0; at < SIZE; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));

for (let run = 1; run <= Number(runs); run++) {
  let started = performance.now();
  const asset = await client.uploadAsset(bytes);
  const upload = SIZE / MIB / ((performance.now() - started) / 1000);
  started = performance.now();
  const copy = await client.downloadAsset(asset.id);
  const download = SIZE / MIB / ((performance.now() - started) / 1000);
  if (copy.length !== SIZE) throw new Error("short download");
  console.log(JSON.stringify({ run, transport, upload_mib_s: Math.round(upload), download_mib_s: Math.round(download) }));
}
