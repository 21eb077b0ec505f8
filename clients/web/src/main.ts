/**
 * A small chat page on @missive/sdk over gRPC-web: register or log in, find a
 * user, connect, and chat in the 1:1 conversation with live incoming messages.
 * PLACEHOLDER ENCRYPTION: payloads are the text's bytes behind a label.
 */
import { MissiveClient, type QualifiedId } from "@missive/sdk";

const PLACEHOLDER = "PLACEHOLDER-NOT-ENCRYPTED:";
/** A message that carries a picture: what a real client would encrypt. */
const PICTURE = "picture:";
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const params = new URLSearchParams(location.search);
$<HTMLInputElement>("server").value = params.get("server") ?? "http://127.0.0.1:50051";

let client: MissiveClient | undefined;
let conversation: QualifiedId | undefined;
const handles = new Map<string, string>();

function status(text: string) {
  $("status").textContent = text;
}

function line(text: string, kind: "mine" | "theirs" | "system") {
  const div = document.createElement("div");
  div.className = `line ${kind}`;
  div.textContent = text;
  $("log").append(div);
}

async function handleOf(id: QualifiedId | undefined): Promise<string> {
  if (!id || !client) return "someone";
  const known = handles.get(id.id);
  if (known) return known;
  const found = await client.users.getUsers({ ids: [id] });
  const handle = found.found[0]?.handle ?? id.id;
  handles.set(id.id, handle);
  return handle;
}

async function start(action: "register" | "login") {
  const baseUrl = $<HTMLInputElement>("server").value;
  const handle = $<HTMLInputElement>("handle").value.trim();
  const password = $<HTMLInputElement>("password").value;
  try {
    client = await MissiveClient.connect({ baseUrl, transport: "grpc-web" });
    const session =
      action === "register" ? await client.register({ handle, password }) : await client.login({ handle, password });
    handles.set(session.userId, session.handle);
    $("account").hidden = true;
    $("chat").hidden = false;
    $("me").textContent = `Signed in as ${session.handle} (device ${session.deviceId})`;
    status("connected");
    void listen(client);
  } catch (error) {
    status(`${action} failed: ${(error as Error).message}`);
  }
}

async function listen(current: MissiveClient) {
  for await (const event of current.eventStream({ onReconnect: () => status("reconnecting…") })) {
    // Only a reconnect changes the status here: an event must not overwrite
    // the outcome of what the user just did ("request sent").
    if ($("status").textContent === "reconnecting…") status("connected");
    const payload = event.payload;
    if (payload.case === "messageAdded") {
      const text = decoder.decode(payload.value.ciphertext);
      if (text.startsWith(PLACEHOLDER + PICTURE)) {
        conversation ??= payload.value.conversation;
        await showPicture(current, await handleOf(payload.value.sender), text.slice(PLACEHOLDER.length + PICTURE.length));
        continue;
      }
      const shown = text.startsWith(PLACEHOLDER) ? text.slice(PLACEHOLDER.length) : `<${payload.value.ciphertext.length} encrypted bytes>`;
      conversation ??= payload.value.conversation;
      line(`${await handleOf(payload.value.sender)}: ${shown}`, "theirs");
    } else if (payload.case === "connectionUpdated") {
      const connection = payload.value.connection;
      line(`connection with ${await handleOf(connection?.other)}: ${connectionState(connection?.status ?? 0)}`, "system");
      if (connection?.conversation) conversation = connection.conversation;
    }
  }
}

function connectionState(status: number): string {
  return ["unknown", "request sent", "request received", "connected", "blocked", "ignored", "cancelled"][status] ?? "unknown";
}

/**
 * Web Push: the service worker (public/sw.js) is woken by the server while
 * no page streams, with no content; an open page is told and catches up.
 */
$("notify").addEventListener("click", async () => {
  if (!client) return;
  try {
    if (!("serviceWorker" in navigator) || !("PushManager" in window)) throw new Error("this browser has no Web Push");
    const permission = await Notification.requestPermission();
    if (permission !== "granted") throw new Error(`notifications ${permission}`);
    const registration = await navigator.serviceWorker.register("/sw.js");
    await navigator.serviceWorker.ready;
    await client.enableWebPush(registration);
    status("wake-ups on: this device is woken while the page is closed");
  } catch (error) {
    status(`wake-ups unavailable: ${(error as Error).message}`);
  }
});

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.onmessage = (message: MessageEvent) => {
    const data = message.data as { type?: string; cursor?: number } | undefined;
    if (data?.type === "missive-wake") status(`woken: events up to cursor ${data.cursor} wait for this device`);
  };
}

$("register").addEventListener("click", () => void start("register"));
$("login").addEventListener("click", () => void start("login"));

$("find").addEventListener("click", async () => {
  if (!client) return;
  const results = $("results");
  results.replaceChildren();
  const found = await client.users.searchUsers({ query: $<HTMLInputElement>("search").value, pageSize: 10 });
  for (const user of found.users) {
    const item = document.createElement("li");
    item.textContent = `${user.handle} (${user.displayName})`;
    item.addEventListener("click", () => ($<HTMLInputElement>("peer").value = user.handle));
    results.append(item);
  }
  if (found.users.length === 0) status("no users found");
});

$("connect").addEventListener("click", async () => {
  if (!client) return;
  const peer = $<HTMLInputElement>("peer").value.trim();
  try {
    const connection = await client.connectWith(peer);
    if (connection?.conversation) conversation = connection.conversation;
    status(`connection with ${peer}: ${connectionState(connection?.status ?? 0)}`);
  } catch (error) {
    status(`connect failed: ${(error as Error).message}`);
  }
});

$("composer").addEventListener("submit", async (submit) => {
  submit.preventDefault();
  if (!client) return;
  const input = $<HTMLInputElement>("message");
  const text = input.value;
  if (!text) return;
  try {
    conversation ??= await client.oneToOneWith($<HTMLInputElement>("peer").value.trim());
    await client.sendMessage({ conversation, encrypt: () => encoder.encode(PLACEHOLDER + text) });
    line(`me: ${text}`, "mine");
    input.value = "";
  } catch (error) {
    status(`send failed: ${(error as Error).message}`);
  }
});

/**
 * PLACEHOLDER ENCRYPTION for pictures: the bytes are XORed with a random
 * 32-byte key that travels in the (placeholder) message with the asset's
 * id and token. A real client encrypts with AES-GCM and a key per asset,
 * inside an end-to-end encrypted message; the server sees the same shape.
 */
function xor(bytes: Uint8Array, key: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] ^ key[i % key.length];
  return out;
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const fromHex = (text: string) => new Uint8Array((text.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));

interface PictureMessage {
  asset: { id: string; domain: string };
  token: string;
  key: string;
  type: string;
}

function progress(done: number, total: number) {
  const bar = $<HTMLProgressElement>("progress");
  bar.hidden = done >= total;
  bar.value = total === 0 ? 0 : done / total;
}

async function showPicture(current: MissiveClient, from: string, body: string) {
  try {
    const message = JSON.parse(body) as PictureMessage;
    const sealed = await current.downloadAsset(
      { $typeName: "missive.v1.QualifiedId", id: message.asset.id, domain: message.asset.domain },
      { token: message.token, onProgress: progress },
    );
    const bytes = xor(sealed, fromHex(message.key));
    const image = document.createElement("img");
    image.alt = `picture from ${from}`;
    image.src = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: message.type }));
    const div = document.createElement("div");
    div.className = "line theirs";
    div.append(`${from}: `, image);
    $("log").append(div);
  } catch (error) {
    line(`${from}: a picture that could not be shown (${(error as Error).message})`, "system");
  }
}

$("send-picture").addEventListener("click", async () => {
  if (!client) return;
  const file = $<HTMLInputElement>("picture").files?.[0];
  if (!file) return status("choose a picture first");
  try {
    conversation ??= await client.oneToOneWith($<HTMLInputElement>("peer").value.trim());
    const key = crypto.getRandomValues(new Uint8Array(32));
    const sealed = xor(new Uint8Array(await file.arrayBuffer()), key);
    const asset = await client.uploadAsset(sealed, { onProgress: progress });
    const message: PictureMessage = {
      asset: { id: asset.id?.id ?? "", domain: asset.id?.domain ?? "" },
      token: asset.token,
      key: toHex(key),
      type: file.type || "application/octet-stream",
    };
    const body = PLACEHOLDER + PICTURE + JSON.stringify(message);
    await client.sendMessage({ conversation, encrypt: () => encoder.encode(body) });
    line(`me: sent ${file.name} (${file.size} bytes)`, "mine");
  } catch (error) {
    status(`sending the picture failed: ${(error as Error).message}`);
  }
});
