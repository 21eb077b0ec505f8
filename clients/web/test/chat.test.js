// Two browser contexts as two users chat through the built page over
// gRPC-web, in Debian's Chromium driven by playwright-core. Screenshots of
// both pages are saved in clients/web/test-artifacts/.
import assert from "node:assert/strict";
import { createHash, X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { tmpdir } from "node:os";
import { MissiveClient } from "../../typescript/dist/src/index.js";
import { TestServer } from "../../typescript/dist/test/server.js";
import { PushEndpoint, Subscriber, vapidSettings } from "../../typescript/dist/test/webpush.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const dist = resolve(here, "../dist");
const artifacts = resolve(here, "../test-artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };

let server;
let tlsServer;
let pushServer;
let pushEndpoint;
let vapidDir;
let pages;
let browser;

/** What Chromium's --ignore-certificate-errors-spki-list wants: the base64
 * SHA-256 of the certificate's public key. The browser trusts that key,
 * from the test's throwaway CA, and no other. */
function spkiHash(pem) {
  const spki = new X509Certificate(pem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

/** Serves the built page, as any static host would. */
function servePage() {
  return new Promise((done) => {
    const http = createServer((request, response) => {
      const path = new URL(request.url, "http://x").pathname;
      const file = join(dist, path === "/" ? "index.html" : path);
      if (!file.startsWith(dist) || !existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(readFileSync(file));
    });
    http.listen(0, "127.0.0.1", () => done(http));
  });
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: run scripts/deps.sh`);
  server = await TestServer.start();
  tlsServer = await TestServer.start({}, { tls: true });
  vapidDir = mkdtempSync(join(tmpdir(), "missive-web-vapid-"));
  pushEndpoint = await PushEndpoint.start();
  pushServer = await TestServer.start(vapidSettings(vapidDir));
  pages = await servePage();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
      "--no-first-run", "--disable-component-update", "--disable-sync",
      `--ignore-certificate-errors-spki-list=${spkiHash(tlsServer.certificate)}`],
  });
});

after(async () => {
  await browser?.close();
  pages?.close();
  await server?.dispose();
  await tlsServer?.dispose();
  await pushServer?.dispose();
  pushEndpoint?.close();
  if (vapidDir) rmSync(vapidDir, { recursive: true, force: true });
});

async function openAs(handle, backend = server, context = undefined) {
  context ??= await browser.newContext();
  const page = await context.newPage();
  const url = `http://127.0.0.1:${pages.address().port}/?server=${encodeURIComponent(backend.url)}`;
  await page.goto(url);
  await page.fill("#handle", handle);
  await page.fill("#password", "correct horse battery staple");
  await page.click("#register");
  await page.waitForSelector("#chat:not([hidden])", { timeout: 15_000 });
  return page;
}

async function say(page, text) {
  await page.fill("#message", text);
  await page.click("#send");
  await page.waitForSelector(`#log >> text=me: ${text}`, { timeout: 10_000 });
}

test("two users in two browser contexts chat live over gRPC-web", async () => {
  const alice = await openAs("alice");
  const bob = await openAs("bob");

  // Alice finds bob by search and asks to connect; bob's "connect" accepts.
  await alice.fill("#search", "bo");
  await alice.click("#find");
  await alice.waitForSelector("#results >> text=bob");
  await alice.click("#results >> text=bob");
  assert.equal(await alice.inputValue("#peer"), "bob");
  await alice.click("#connect");
  await alice.waitForSelector("#status >> text=request sent");
  await bob.waitForSelector("#log >> text=connection with alice: request received", { timeout: 10_000 });
  await bob.fill("#peer", "alice");
  await bob.click("#connect");
  await alice.waitForSelector("#log >> text=connection with bob: connected", { timeout: 10_000 });

  // End to end encrypted: the first message makes an MLS group of the two
  // (ts-mls in the page), which Bob's page joins by the Welcome.
  assert.equal(await alice.locator(".warning").count(), 0, "no placeholder warning left");
  assert.match(await alice.textContent("header"), /end-to-end encrypted \(MLS/);
  await say(alice, "hello from alice");
  await bob.waitForSelector("#log >> text=alice started an end-to-end encrypted conversation", { timeout: 10_000 });
  await bob.waitForSelector("#log >> text=alice: hello from alice", { timeout: 10_000 });
  await say(bob, "hi alice");
  await alice.waitForSelector("#log >> text=bob: hi alice", { timeout: 10_000 });

  mkdirSync(artifacts, { recursive: true });
  await alice.screenshot({ path: join(artifacts, "chat-alice.png"), fullPage: true });
  await bob.screenshot({ path: join(artifacts, "chat-bob.png"), fullPage: true });

  // A picture: alice's own page, as a PNG, goes up as an asset and shows on
  // bob's page, downloaded with the token and decrypted there.
  const picture = await alice.screenshot({ clip: { x: 310, y: 10, width: 400, height: 140 } });
  await alice.setInputFiles("#picture", { name: "page.png", mimeType: "image/png", buffer: picture });
  await alice.click("#send-picture");
  await alice.waitForSelector(`#log >> text=me: sent page.png (${picture.length} bytes)`, { timeout: 15_000 });
  const image = await bob.waitForSelector("#log img[alt='picture from alice']", { timeout: 15_000 });
  await bob.waitForFunction((img) => img.complete && img.naturalWidth > 0, image, { timeout: 10_000 });
  const size = await image.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
  assert.deepEqual(size, [400, 140], "the picture decoded to what was sent");
  await bob.screenshot({ path: join(artifacts, "chat-picture-bob.png"), fullPage: true });
});

test("the page reaches a TLS listener, its certificate trusted by the browser's command line", async () => {
  assert.ok(tlsServer.url.startsWith("https://"), tlsServer.url);
  const carol = await openAs("carol", tlsServer);
  const dave = await openAs("dave", tlsServer);
  await carol.fill("#peer", "dave");
  await carol.click("#connect");
  await dave.waitForSelector("#log >> text=connection with carol: request received", { timeout: 10_000 });
  await dave.fill("#peer", "carol");
  await dave.click("#connect");
  await carol.waitForSelector("#log >> text=connection with dave: connected", { timeout: 10_000 });
  await say(carol, "hello over tls");
  await dave.waitForSelector("#log >> text=carol: hello over tls", { timeout: 10_000 });
  mkdirSync(artifacts, { recursive: true });
  await dave.screenshot({ path: join(artifacts, "chat-tls-dave.png"), fullPage: true });
});

test("the page subscribes to Web Push through its service worker and is woken with no content", async () => {
  const origin = `http://127.0.0.1:${pages.address().port}`;
  // What Chromium does offline: its push service (FCM) cannot be reached
  // here, so a real subscription fails, or succeeds on a machine online.
  const probe = await browser.newContext();
  await probe.grantPermissions(["notifications"], { origin });
  const probePage = await probe.newPage();
  await probePage.goto(`${origin}/`);
  const real = await probePage.evaluate(async () => {
    const registration = await navigator.serviceWorker.register("/sw.js");
    await navigator.serviceWorker.ready;
    const key = new Uint8Array(65);
    key[0] = 4;
    try {
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
      return { endpoint: subscription.endpoint };
    } catch (error) {
      return { error: `${error.name}: ${error.message}` };
    }
  });
  console.log(`Chromium's own PushManager.subscribe here: ${JSON.stringify(real)}`);
  assert.ok(real.endpoint?.startsWith("https://") || /Error/.test(real.error ?? ""), JSON.stringify(real));
  await probe.close();

  // So the push service is simulated: subscribe() answers a subscription
  // whose keys the test holds and whose endpoint is the test's.
  const subscriber = new Subscriber();
  const subscription = subscriber.json(`${pushEndpoint.url}/push/bob-browser`);
  const context = await browser.newContext();
  await context.grantPermissions(["notifications"], { origin });
  await context.addInitScript((fake) => {
    PushManager.prototype.subscribe = async function (options) {
      globalThis.subscribedWith = {
        userVisibleOnly: options.userVisibleOnly,
        key: Array.from(new Uint8Array(options.applicationServerKey)),
      };
      return { endpoint: fake.endpoint, toJSON: () => fake };
    };
  }, subscription);
  const bob = await openAs("bob-push", pushServer, context);
  await bob.click("#notify");
  await bob.waitForSelector("#status >> text=wake-ups on", { timeout: 10_000 });
  const used = await bob.evaluate(() => globalThis.subscribedWith);
  assert.equal(used.userVisibleOnly, true);
  assert.equal(used.key.length, 65, "subscribed with the server's VAPID key");

  // Bob closes the page; Alice asks to connect; the server wakes bob's browser.
  const session = await bob.evaluate(() => document.getElementById("me").textContent);
  assert.match(session, /bob-push/);
  await bob.close();
  const alice = await MissiveClient.connect({ baseUrl: pushServer.url, transport: "grpc-web" });
  await alice.register({ handle: "alice-push", password: "correct horse battery staple" });
  await alice.connectWith("bob-push");
  const request = (await pushEndpoint.waitFor(1))[0];
  assert.equal(request.path, "/push/bob-browser");
  const payload = JSON.parse(subscriber.decrypt(request.body).toString("utf8"));
  assert.deepEqual(Object.keys(payload).sort(), ["cursor", "nid"], "no content in a wake-up");

  // Chromium hands the decrypted payload to the service worker, as its push
  // service would; an open page of the app is told.
  const reopened = await context.newPage();
  await reopened.goto(`${origin}/`);
  const cdp = await context.newCDPSession(reopened);
  const registered = new Promise((done) =>
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const found = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
      if (found) done(found.registrationId);
    }),
  );
  await cdp.send("ServiceWorker.enable");
  const registrationId = await registered;
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: `${origin}/`, registrationId, data: JSON.stringify(payload) });
  await reopened.waitForSelector(`#status >> text=woken: events up to cursor ${payload.cursor}`, { timeout: 10_000 });
  mkdirSync(artifacts, { recursive: true });
  await reopened.screenshot({ path: join(artifacts, "push-woken.png"), fullPage: true });
  await context.close();
});
