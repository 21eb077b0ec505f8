/**
 * A small chat page on @missive/sdk over gRPC-web: register or log in, find a
 * user, connect, and chat in the 1:1 conversation with live incoming messages.
 * PLACEHOLDER ENCRYPTION: payloads are the text's bytes behind a label.
 */
import { MissiveClient, type QualifiedId } from "@missive/sdk";

const PLACEHOLDER = "PLACEHOLDER-NOT-ENCRYPTED:";
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
