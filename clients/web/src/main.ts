/**
 * A small chat page on @missive/sdk over gRPC-web: register or log in, find a
 * user, connect, and chat end to end encrypted in the two users' MLS
 * (RFC 9420) 1:1 conversation, with ts-mls in the page: the first message
 * makes its group and adds the peer's devices; the peer's page joins it by
 * the Welcome. Pictures go up as assets
 * encrypted with AES-GCM under a key that travels inside the MLS message.
 * The page keeps its MLS state in memory only: a reload starts a new device.
 */
import { MissiveClient, MlsDevice, type QualifiedId } from "@missive/sdk";

/** A message that carries a picture. */
const PICTURE = "picture:";
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const params = new URLSearchParams(location.search);
$<HTMLInputElement>("server").value = params.get("server") ?? "http://127.0.0.1:50051";

let client: MissiveClient | undefined;
let mls: MlsDevice | undefined;
/** The MLS conversation the page chats in, once made or joined. */
let conversation: QualifiedId | undefined;
const handles = new Map<string, string>();
/** Key packages a page uploads when it signs in. */
const KEY_PACKAGES = 5;

const groupIdOf = (id: QualifiedId) => encoder.encode(`${id.id}@${id.domain}`);

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
    mls = await MlsDevice.of(session);
    await client.keys.uploadKeyPackages({ keyPackages: await mls.keyPackages(KEY_PACKAGES) });
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
    if (payload.case === "mlsWelcome" && mls) {
      try {
        await mls.join(payload.value.welcome);
        conversation = payload.value.conversation;
        line(`${await handleOf(payload.value.by)} started an end-to-end encrypted conversation`, "system");
      } catch (error) {
        line(`an invitation that could not be opened was dropped (${(error as Error).message})`, "system");
      }
    } else if (payload.case === "mlsMessageAdded" && mls) {
      const from = await handleOf(payload.value.sender);
      const id = payload.value.conversation;
      if (!id || !mls.hasGroup(groupIdOf(id))) continue;
      try {
        const received = await mls.receive(groupIdOf(id), payload.value.message);
        if (received.kind !== "application") continue;
        const text = decoder.decode(received.text);
        if (text.startsWith(PICTURE)) await showPicture(current, from, text.slice(PICTURE.length));
        else line(`${from}: ${text}`, "theirs");
      } catch {
        line(`a message from ${from} that did not decrypt was dropped`, "system");
      }
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
    await sendEncrypted(text);
    line(`me: ${text}`, "mine");
    input.value = "";
  } catch (error) {
    status(`send failed: ${(error as Error).message}`);
  }
});

/**
 * The MLS 1:1 with the peer: its group made on the first message (the
 * peer's devices added by the commit), or the one joined by its Welcome.
 */
async function chat(): Promise<QualifiedId> {
  if (!client || !mls) throw new Error("not signed in");
  if (conversation && mls.hasGroup(groupIdOf(conversation))) return conversation;
  const peer = await client.userByHandle($<HTMLInputElement>("peer").value.trim());
  const found = await client.mls.getOneToOne({ user: peer.id });
  const id = found.conversation?.id;
  if (!id || !found.conversation) throw new Error("the server gave no conversation");
  const groupId = found.conversation.mlsGroupId;
  if (mls.hasGroup(groupId)) return (conversation = id);
  const info = await client.mls.getGroupInfo({ conversation: id });
  if (info.epoch > 0n) throw new Error(`${peer.handle}'s device made this chat: its Welcome brings this page in`);
  await mls.createGroup(groupId);
  const claimed = await client.keys.claimKeyPackages({ user: peer.id });
  if (claimed.keyPackages.length === 0) throw new Error(`${peer.handle} has no device that can join yet`);
  const pending = await mls.add(groupId, claimed.keyPackages.map((k) => k.keyPackage));
  try {
    await client.mls.sendCommitBundle({ conversation: id, ...pending.bundle });
  } catch (error) {
    // The peer's device made the group first: its Welcome brings this page in.
    mls.forget(groupId);
    throw error;
  }
  mls.accepted(groupId, pending);
  conversation = id;
  return id;
}

async function sendEncrypted(text: string) {
  if (!client || !mls) throw new Error("not signed in");
  const id = await chat();
  const message = await mls.encrypt(groupIdOf(id), encoder.encode(text));
  await client.mls.sendMlsMessage({ conversation: id, message });
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const fromHex = (text: string) => new Uint8Array((text.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));

interface PictureMessage {
  asset: { id: string; domain: string };
  token: string;
  /** AES-256-GCM key and nonce of the asset, hex: they travel only inside the MLS message. */
  key: string;
  iv: string;
  type: string;
}

async function aesKey(raw: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw as Uint8Array<ArrayBuffer>, "AES-GCM", false, [usage]);
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
    const key = await aesKey(fromHex(message.key), "decrypt");
    const iv = fromHex(message.iv) as Uint8Array<ArrayBuffer>;
    const bytes = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, sealed as Uint8Array<ArrayBuffer>));
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
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const key = await aesKey(raw, "encrypt");
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, await file.arrayBuffer()));
    const asset = await client.uploadAsset(sealed, { onProgress: progress });
    const message: PictureMessage = {
      asset: { id: asset.id?.id ?? "", domain: asset.id?.domain ?? "" },
      token: asset.token,
      key: toHex(raw),
      iv: toHex(iv),
      type: file.type || "application/octet-stream",
    };
    await sendEncrypted(PICTURE + JSON.stringify(message));
    line(`me: sent ${file.name} (${file.size} bytes)`, "mine");
  } catch (error) {
    status(`sending the picture failed: ${(error as Error).message}`);
  }
});
