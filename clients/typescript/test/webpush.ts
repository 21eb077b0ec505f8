/**
 * A stand-in Web Push service for tests: an HTTP endpoint that records what
 * the server POSTs, a subscriber's keys, and the decryption of an
 * `aes128gcm` body (RFC 8188, keys of RFC 8291) with node:crypto. Also
 * writes a VAPID key for the server.
 */
import { createDecipheriv, createECDH, generateKeyPairSync, hkdfSync, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";

export interface PushRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export class PushEndpoint {
  readonly requests: PushRequest[] = [];
  private constructor(private readonly http: Server, readonly url: string) {}

  static async start(): Promise<PushEndpoint> {
    let endpoint: PushEndpoint | undefined;
    const http = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        endpoint?.requests.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(201).end();
      });
    });
    await new Promise<void>((done) => http.listen(0, "127.0.0.1", done));
    const address = http.address();
    const port = typeof address === "object" && address ? address.port : 0;
    endpoint = new PushEndpoint(http, `http://127.0.0.1:${port}`);
    return endpoint;
  }

  async waitFor(count: number, ms = 10_000): Promise<PushRequest[]> {
    const deadline = Date.now() + ms;
    while (this.requests.length < count) {
      if (Date.now() > deadline) throw new Error(`${count} push requests expected, got ${this.requests.length}`);
      await new Promise((done) => setTimeout(done, 20));
    }
    return this.requests;
  }

  close(): void {
    this.http.close();
  }
}

/** What a browser's push service keeps for one subscription. */
export class Subscriber {
  private readonly ecdh = createECDH("prime256v1");
  readonly p256dh: Buffer;
  readonly auth = randomBytes(16);

  constructor() {
    this.p256dh = this.ecdh.generateKeys();
  }

  /** `PushSubscription.toJSON()` for `endpoint`. */
  json(endpoint: string) {
    return { endpoint, keys: { p256dh: this.p256dh.toString("base64url"), auth: this.auth.toString("base64url") } };
  }

  decrypt(body: Buffer): Buffer {
    const salt = body.subarray(0, 16);
    const idLength = body[20] ?? 0;
    const sender = body.subarray(21, 21 + idLength);
    const record = body.subarray(21 + idLength);
    const shared = this.ecdh.computeSecret(sender);
    const info = Buffer.concat([Buffer.from("WebPush: info\0"), this.p256dh, sender]);
    const ikm = Buffer.from(hkdfSync("sha256", shared, this.auth, info, 32));
    const key = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
    const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
    const decipher = createDecipheriv("aes-128-gcm", key, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    if (plain[end] !== 2) throw new Error("the last record does not end with 0x02");
    return plain.subarray(0, end);
  }
}

/** Writes a VAPID key (P-256, PKCS#8 PEM) into `dir`; returns the server's settings. */
export function vapidSettings(dir: string): Record<string, string> {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const file = join(dir, "vapid.pem");
  writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }));
  return {
    MISSIVE_PUSH_VAPID_KEY_FILE: file,
    MISSIVE_PUSH_VAPID_SUBJECT: "mailto:ops@example.org",
    MISSIVE_PUSH_ALLOW_HTTP_ENDPOINTS: "true",
    MISSIVE_PUSH_COLLAPSE_MS: "100",
  };
}

/**
 * web-push-testing (npm): a Web Push service written by others, run in this
 * process. It checks the VAPID JWT against the key given at subscribe
 * (jsonwebtoken) and decrypts with http_ece, the reference implementation
 * of RFC 8188. Its endpoints are `http://localhost:<port>/notify/<hash>`.
 */
export class IndependentPushService {
  private constructor(readonly url: string, private readonly server: { _server?: Server }) {}

  static async start(port: number): Promise<IndependentPushService> {
    const require = createRequire(import.meta.url);
    const TestingServer = require("web-push-testing/src/server.js");
    const { PushApiModel } = require("web-push-testing/src/PushApiModel.js");
    const server = new TestingServer(new PushApiModel(), port);
    server.startServer();
    const url = `http://localhost:${port}`;
    for (let i = 0; i < 100; i++) {
      const status = await fetch(`${url}/status`, { method: "POST" }).catch(() => undefined);
      if (status?.ok) return new IndependentPushService(url, server);
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error("web-push-testing did not start");
  }

  /** What a browser's PushManager.subscribe returns, for the server's VAPID key. */
  async subscribe(applicationServerKey: Uint8Array): Promise<{ endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string }> {
    const options = { userVisibleOnly: "true", applicationServerKey: Buffer.from(applicationServerKey).toString("base64url") };
    return (await this.post("/subscribe", options)).data;
  }

  /** The decrypted messages the service accepted for a subscription. */
  async messages(clientHash: string): Promise<string[]> {
    return (await this.post("/get-notifications", { clientHash })).data.messages;
  }

  /** The subscription answers 410 from now on. */
  async expire(clientHash: string): Promise<void> {
    await this.post(`/expire-subscription/${clientHash}`, {});
  }

  private async post(path: string, body: unknown) {
    const response = await fetch(`${this.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
    // Some answers are a bare status ("OK").
    return response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : {};
  }

  close(): void {
    this.server._server?.close();
  }
}
