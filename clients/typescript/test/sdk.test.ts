/** The SDK against a real missive-server, over gRPC (HTTP/2) and gRPC-web. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientMismatchError, MissiveClient, parseWakeUp, Retention, type Event } from "../src/index.js";
import { freePort, TestServer } from "./server.js";
import { IndependentPushService, PushEndpoint, Subscriber, vapidSettings } from "./webpush.js";

const PASSWORD = "correct horse battery staple";
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Placeholder "encryption" for tests: the server only sees bytes. */
const plaintext = (text: string) => () => encoder.encode(`PLACEHOLDER:${text}`);

async function nextMessage(events: AsyncGenerator<Event>): Promise<{ cursor: bigint; text: string; sender: string }> {
  for (;;) {
    const next = await withTimeout(events.next(), 10_000, "no message within 10 s");
    assert.ok(!next.done, "stream ended");
    const event = next.value;
    if (event.payload.case === "messageAdded") {
      const message = event.payload.value;
      return {
        cursor: event.cursor,
        text: decoder.decode(message.ciphertext).replace(/^PLACEHOLDER:/, ""),
        sender: message.sender?.id ?? "",
      };
    }
  }
}

function sleepMs(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function randomPicture(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(at + 65536, length)));
  return bytes;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

for (const transport of ["grpc", "grpc-web"] as const) {
  describe(`over ${transport}`, () => {
    let server: TestServer;
    before(async () => {
      server = await TestServer.start();
    });
    after(async () => {
      await server.dispose();
    });

    test("two users register, connect and exchange messages", async () => {
      const alice = await MissiveClient.connect({ baseUrl: server.url, transport });
      const bob = await MissiveClient.connect({ baseUrl: server.url, transport });
      await alice.register({ handle: `alice-${transport}`, password: PASSWORD, displayName: "Alice" });
      await bob.register({ handle: `bob-${transport}`, password: PASSWORD });
      await alice.connectWith(`bob-${transport}`);
      await bob.connectWith(`alice-${transport}`); // asking back accepts
      const conversation = await alice.oneToOneWith(`bob-${transport}`);

      const bobEvents = bob.eventStream();
      await alice.sendMessage({ conversation, encrypt: plaintext("hello bob") });
      const received = await nextMessage(bobEvents);
      assert.equal(received.text, "hello bob");
      assert.equal(received.sender, alice.session?.userId);

      // The call configuration is one call away (no STUN or TURN configured here).
      const calls = await alice.calls.getCallConfig({});
      assert.equal(calls.iceServers.length, 0);
      assert.match(calls.unavailableReason, /no STUN or TURN/);

      // An asset: up in chunks with progress, down with the token.
      const picture = randomPicture(2 * 1024 * 1024 + 321);
      const sent: number[] = [];
      const asset = await alice.uploadAsset(picture, { onProgress: (done) => sent.push(done) });
      assert.deepEqual(sent, [0, 1 << 20, 2 << 20, picture.length]);
      assert.equal(asset.token.length, 22);
      let lastReceived = 0;
      const copy = await bob.downloadAsset(asset.id!, { token: asset.token, onProgress: (received) => (lastReceived = received) });
      assert.deepEqual(copy, picture);
      assert.equal(lastReceived, picture.length);
      await assert.rejects(bob.downloadAsset(asset.id!), (error: unknown) => {
        const connectError = ConnectError.from(error);
        return connectError.code === Code.PermissionDenied && /needs its token/.test(connectError.rawMessage);
      });

      const aliceEvents = alice.eventStream();
      await bob.sendMessage({ conversation: await bob.oneToOneWith(`alice-${transport}`), encrypt: plaintext("hi alice") });
      assert.equal((await nextMessage(aliceEvents)).text, "hi alice");
      await bobEvents.return(undefined);
      await aliceEvents.return(undefined);
    });
  });
}

describe("over TLS", () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({}, { tls: true });
  });
  after(async () => {
    await server.dispose();
  });

  for (const transport of ["grpc", "grpc-web"] as const) {
    test(`a private CA is trusted over ${transport}, and only when given`, async () => {
      const untrusting = await MissiveClient.connect({ baseUrl: server.url, transport });
      await assert.rejects(untrusting.register({ handle: `nobody-${transport}`, password: PASSWORD }));

      const alice = await MissiveClient.connect({ baseUrl: server.url, transport, ca: server.ca });
      const bob = await MissiveClient.connect({ baseUrl: server.url, transport, ca: server.ca });
      await alice.register({ handle: `alice-tls-${transport}`, password: PASSWORD });
      await bob.register({ handle: `bob-tls-${transport}`, password: PASSWORD });
      await alice.connectWith(`bob-tls-${transport}`);
      await bob.connectWith(`alice-tls-${transport}`);
      const bobEvents = bob.eventStream();
      await alice.sendMessage({ conversation: await alice.oneToOneWith(`bob-tls-${transport}`), encrypt: plaintext("over tls") });
      assert.equal((await nextMessage(bobEvents)).text, "over tls");
      await bobEvents.return(undefined);
    });
  }
});

describe("device key login", () => {
  test("a device logs in again by signing a challenge with its Ed25519 key", async () => {
    const server = await TestServer.start();
    try {
      const first = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc-web" });
      const registered = await first.register({ handle: "alice", password: PASSWORD });
      // A fresh client with only the stored device identity: no password.
      const again = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc-web" });
      const session = await again.loginWithDeviceKey(registered);
      assert.equal(session.deviceId, registered.deviceId);
      assert.notEqual(session.refreshToken, registered.refreshToken);
      assert.equal((await again.users.getSelf({})).user?.handle, "alice");

      // Another key claiming the same device id is refused.
      const impostor = { ...registered, secretKey: "11".repeat(32) };
      const refused = await again.loginWithDeviceKey(impostor).then(() => undefined, (e: unknown) => e);
      assert.equal(ConnectError.from(refused).code, Code.NotFound, "the impostor key maps to an unknown device id");
    } finally {
      await server.dispose();
    }
  });
});

describe("resilience", () => {
  test("the event stream resumes from its cursor after the server drops it", async () => {
    const server = await TestServer.start();
    try {
      const alice = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc-web" });
      const bob = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc-web" });
      await alice.register({ handle: "alice", password: PASSWORD });
      await bob.register({ handle: "bob", password: PASSWORD });
      await alice.connectWith("bob");
      await bob.connectWith("alice");
      const conversation = await alice.oneToOneWith("bob");
      let reconnects = 0;
      const events = bob.eventStream({ onReconnect: () => reconnects++ });
      await alice.sendMessage({ conversation, encrypt: plaintext("before"), messageId: "m-before" });
      const first = await nextMessage(events);
      assert.equal(first.text, "before");

      await server.restart();
      await alice.sendMessage({ conversation, encrypt: plaintext("after"), messageId: "m-after" });
      const second = await nextMessage(events);
      assert.equal(second.text, "after", "nothing replayed, nothing lost");
      assert.ok(second.cursor > first.cursor);
      assert.ok(reconnects >= 1, "the stream was really dropped and reopened");
      await events.return(undefined);
    } finally {
      await server.dispose();
    }
  });

  test("an upload goes on across a server killed mid-upload, and a later run resumes one", async () => {
    const server = await TestServer.start();
    try {
      const alice = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc-web" });
      await alice.register({ handle: "alice", password: PASSWORD });
      const bytes = randomPicture(3 * 1024 * 1024 + 5);
      // Killed right after the first chunk's answer, back 700 ms later: the
      // next chunk fails at least once and is retried until it lands.
      let relaunched: Promise<void> | undefined;
      let killedAt = 0;
      const began = Date.now();
      const asset = await alice.uploadAsset(bytes, {
        onProgress: (sent) => {
          if (sent >= 1 << 20 && !relaunched) {
            server.killNow();
            killedAt = Date.now();
            relaunched = sleepMs(700).then(() => server.relaunch());
          }
        },
      });
      await relaunched;
      assert.ok(killedAt > 0, "the server was killed mid-upload");
      assert.ok(Date.now() - began >= 700, "the upload waited for the server to come back");
      assert.ok(asset.finished);
      assert.deepEqual(await alice.downloadAsset(asset.id!), bytes);

      // Another run: two chunks went up, then the app was closed.
      const { asset: started } = await alice.assets.createAsset({
        size: BigInt(bytes.length),
        sha256: new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>)),
        retention: Retention.VOLATILE,
      });
      for (const offset of [0, 1 << 20]) {
        await alice.assets.appendAssetChunk({ asset: started!.id, offset: BigInt(offset), data: bytes.subarray(offset, offset + (1 << 20)) });
      }
      const seen: number[] = [];
      const resumed = await alice.uploadAsset(bytes, { resume: started!.id, onProgress: (sent) => seen.push(sent) });
      assert.equal(seen[0], 2 << 20, "it went on from what the server had");
      assert.equal(resumed.retention, Retention.VOLATILE);
      assert.deepEqual(await alice.downloadAsset(resumed.id!), bytes);
    } finally {
      await server.dispose();
    }
  });

  test("an expired access token is refreshed transparently", async () => {
    const server = await TestServer.start({ MISSIVE_ACCESS_TOKEN_TTL_SECS: "2" });
    try {
      let saved = 0;
      const alice = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc", onSession: () => saved++ });
      const registered = await alice.register({ handle: "alice", password: PASSWORD });
      await new Promise((r) => setTimeout(r, 2_500));
      const me = await alice.users.getSelf({});
      assert.equal(me.user?.handle, "alice");
      assert.notEqual(alice.session?.refreshToken, registered.refreshToken, "the refresh token rotated");
      assert.ok(saved >= 2, "the app was given the new session to persist");

      // The old refresh token is spent: presenting it revokes the session.
      const stale = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc", session: registered });
      await assert.rejects(stale.refresh(), (error: Error) => error.name === "SessionEndedError");
    } finally {
      await server.dispose();
    }
  });

  test("a client mismatch is surfaced with its lists, and sendMessage recovers from it", async () => {
    const server = await TestServer.start();
    try {
      const alice = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc" });
      const bob = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc" });
      await alice.register({ handle: "alice", password: PASSWORD });
      const bobPhone = await bob.register({ handle: "bob", password: PASSWORD });
      await alice.connectWith("bob");
      await bob.connectWith("alice");
      const conversation = await alice.oneToOneWith("bob");

      // Raw call for a device bob does not have instead of his phone: the
      // typed error carries both lists.
      const stale = { deviceId: "00000000deadbeef", ciphertext: encoder.encode("x") };
      const refused = await alice.messages
        .sendMessage({ conversation, messageId: "raw", recipients: [{ user: bob.self, devices: [stale] }] })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      assert.equal(ConnectError.from(refused).code, Code.FailedPrecondition);
      const mismatch = ClientMismatchError.from(refused);
      assert.ok(mismatch, "a ClientMismatchError");
      assert.deepEqual(mismatch.missing.map((m) => m.deviceIds), [[bobPhone.deviceId]]);
      assert.deepEqual(mismatch.deleted.map((m) => m.deviceIds), [["00000000deadbeef"]]);

      // Bob adds a laptop between alice's device listing and her send: the
      // SDK claims the laptop's prekey and retries.
      const laptop = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc" });
      let raced = false;
      const result = await alice.sendMessage({
        conversation,
        messageId: "with-retry",
        encrypt: async () => {
          if (!raced) {
            raced = true;
            await laptop.login({ handle: "bob", password: PASSWORD });
          }
          return encoder.encode("PLACEHOLDER:to every device");
        },
      });
      assert.ok(result.time);
      const onLaptop = await nextMessage(laptop.eventStream());
      assert.equal(onLaptop.text, "to every device");
    } finally {
      await server.dispose();
    }
  });
});

describe("push", () => {
  let server: TestServer;
  let endpoint: PushEndpoint;
  let keyDir: string;
  before(async () => {
    keyDir = mkdtempSync(join(tmpdir(), "missive-vapid-"));
    endpoint = await PushEndpoint.start();
    server = await TestServer.start(vapidSettings(keyDir));
  });
  after(async () => {
    await server.dispose();
    endpoint.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  test("an independent Web Push service (web-push-testing) accepts the VAPID token and decrypts the wake-up", async () => {
    const service = await IndependentPushService.start(await freePort());
    try {
      const alice = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc" });
      const carol = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc" });
      await alice.register({ handle: "alice-wpt", password: PASSWORD });
      await carol.register({ handle: "carol-wpt", password: PASSWORD });
      await alice.connectWith("carol-wpt");
      await carol.connectWith("alice-wpt");
      const config = await carol.push.getPushConfig({});
      const subscription = await service.subscribe(config.vapidPublicKey);
      await carol.registerWebPush(subscription);

      const conversation = await alice.oneToOneWith("carol-wpt");
      await alice.sendMessage({ conversation, encrypt: plaintext("through a real push service") });
      const messages = await eventually(() => service.messages(subscription.clientHash), (m) => m.length > 0);
      assert.equal(messages.length, 1, "one wake-up");
      const wake = parseWakeUp(JSON.parse(messages[0]!));
      assert.ok(wake && wake.cursor > 0n, messages[0]);

      // The service expires the subscription: it answers 410, and the server drops the token.
      await service.expire(subscription.clientHash);
      await sleepMs(1_000);
      await alice.sendMessage({ conversation, encrypt: plaintext("after expiry") });
      await eventually(() => carol.push.getPushToken({}), (answer) => answer.token === undefined);
    } finally {
      service.close();
    }
  });

  test("a subscription handed over by the SDK gets a content-free wake-up while the device is offline", async () => {
    const alice = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc-web" });
    const bob = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc-web" });
    await alice.register({ handle: "alice-push", password: PASSWORD });
    await bob.register({ handle: "bob-push", password: PASSWORD });
    await alice.connectWith("bob-push");
    await bob.connectWith("alice-push");
    const config = await bob.push.getPushConfig({});
    assert.ok(config.webPush && !config.apns && !config.fcm, "only Web Push is configured");
    assert.equal(config.vapidPublicKey.length, 65, "an uncompressed P-256 key to subscribe with");

    const subscriber = new Subscriber();
    await bob.registerWebPush(subscriber.json(`${endpoint.url}/push/bob`));
    const stored = await bob.push.getPushToken({});
    assert.equal(stored.token?.token.case, "webPush");
    await assert.rejects(bob.registerWebPush({ endpoint: `${endpoint.url}/x` }), /p256dh and auth/);

    const conversation = await alice.oneToOneWith("bob-push");
    await alice.sendMessage({ conversation, encrypt: plaintext("wake up") });
    const request = (await endpoint.waitFor(1))[0]!;
    assert.equal(request.path, "/push/bob");
    assert.equal(request.headers["content-encoding"], "aes128gcm");
    assert.match(String(request.headers.authorization), /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    const payload = JSON.parse(subscriber.decrypt(request.body).toString("utf8"));
    assert.deepEqual(Object.keys(payload).sort(), ["cursor", "nid"], "a notification id and a cursor, no content");
    const wake = parseWakeUp(payload);
    assert.ok(wake, "the payload is a wake-up");

    // The cursor it names is where the message waits.
    const events = bob.eventStream({ since: wake.cursor - 1n });
    const message = await nextMessage(events);
    assert.equal(message.text, "wake up");
    assert.equal(message.cursor, wake.cursor);
    await events.return(undefined);

    await bob.disablePush();
    assert.equal((await bob.push.getPushToken({})).token, undefined);
  });
});

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${JSON.stringify(value, (_, v) => (typeof v === "bigint" ? `${v}` : v))}`);
    await sleepMs(50);
  }
}
