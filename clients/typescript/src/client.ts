/**
 * MissiveClient: the ergonomic layer over the generated clients. It keeps a
 * device session, refreshes the access token before it expires, claims
 * prekeys and retries on a client mismatch, and turns the event stream into
 * an async iterator that survives dropped connections.
 */
import { create } from "@bufbuild/protobuf";
import { timestampFromMs, timestampMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, type Client, type Interceptor, type Transport } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { AccountService } from "./gen/missive/v1/account_pb.js";
import { AssetService, Retention, type Asset } from "./gen/missive/v1/asset_pb.js";
import { CallService } from "./gen/missive/v1/call_pb.js";
import { DeviceClass, QualifiedIdSchema, type QualifiedId, type Session } from "./gen/missive/v1/common_pb.js";
import { ConnectionService, ConnectionStatus } from "./gen/missive/v1/connection_pb.js";
import { ConversationService } from "./gen/missive/v1/conversation_pb.js";
import { DeviceService } from "./gen/missive/v1/device_pb.js";
import { EventService, type Event } from "./gen/missive/v1/event_pb.js";
import { KeyService } from "./gen/missive/v1/key_pb.js";
import { MessageService, type SendMessageResponse } from "./gen/missive/v1/message_pb.js";
import { PushService } from "./gen/missive/v1/push_pb.js";
import { MlsService } from "./gen/missive/v1/mls_pb.js";
import { UserService } from "./gen/missive/v1/user_pb.js";
import { ClientMismatchError, EventsMissingError, SessionEndedError } from "./errors.js";
import { deviceKeyFrom, fromHex, generateDeviceKey, hex, randomBytes, signChallenge, type DeviceKey } from "./keys.js";

function caText(ca: string | Uint8Array): string {
  return typeof ca === "string" ? ca : new TextDecoder().decode(ca);
}

/** What an app stores to resume as this device (keep it private). */
export interface DeviceSession {
  userId: string;
  domain: string;
  handle: string;
  deviceId: string;
  /** Hex of the Ed25519 secret key. */
  secretKey: string;
  accessToken: string;
  /** Unix milliseconds. */
  accessTokenExpiresAt: number;
  refreshToken: string;
}

export interface ConnectOptions {
  baseUrl: string;
  /** "grpc-web" (browsers, and Node over HTTP/1.1) or "grpc" (Node, HTTP/2); or a ready transport. */
  transport?: "grpc-web" | "grpc" | Transport;
  /**
   * Node only: PEM CA bundle trusted for an `https://` baseUrl instead of
   * Node's default roots (a private CA). Browsers use their own trust store;
   * a ready `transport` brings its own TLS settings, so this is not used then.
   */
  ca?: string | Uint8Array;
  /** Resume an earlier session instead of logging in. */
  session?: DeviceSession;
  /** Called whenever the session changes (login, token refresh), to persist it. */
  onSession?: (session: DeviceSession | undefined) => void;
}

export interface Recipient {
  userId: string;
  domain: string;
  deviceId: string;
}

export interface SendOptions {
  conversation: QualifiedId;
  /** Encrypts the message for one recipient device. */
  encrypt: (recipient: Recipient) => Uint8Array | Promise<Uint8Array>;
  /** Chosen by the client for idempotency; random when absent. */
  messageId?: string;
  transient?: boolean;
}

export interface EventOptions {
  /** Resume after this cursor; absent: everything not yet acknowledged. */
  since?: bigint;
  signal?: AbortSignal;
  /** Acknowledge each event once the consumer asks for the next one (default true). */
  autoAck?: boolean;
  /** Called when the stream dropped and is being reopened. */
  onReconnect?: (error: ConnectError, attempt: number) => void;
}

/** RPCs that need no access token. */
const PUBLIC_METHODS = new Set(["Register", "Login", "BeginDeviceAuth", "CompleteDeviceAuth", "RefreshSession"]);
/** Refresh the access token when it expires sooner than this. */
const REFRESH_MARGIN_MS = 30_000;
const PREKEYS_AT_START = 20;
const LAST_RESORT_PREKEY_ID = 65535;

export interface UploadOptions {
  public?: boolean;
  retention?: Retention;
  /** With `Retention.EXPIRING`. */
  expiresAt?: Date;
  /** The id of an upload an earlier run started: go on from where it stopped. */
  resume?: QualifiedId;
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

export interface DownloadOptions {
  /** The token of a private asset (its owner needs none). */
  token?: string;
  onProgress?: (received: number, total: number) => void;
  signal?: AbortSignal;
}

const CHUNK_BYTES = 1 << 20;
const ATTEMPTS = 8;
/** Worth another try: the server or the link went away for a moment. */
const RETRIED = new Set([Code.Unavailable, Code.Unknown, Code.DeadlineExceeded, Code.Aborted, Code.Internal]);

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
}

async function retrying<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const connectError = ConnectError.from(error);
      if (!RETRIED.has(connectError.code) || attempt >= ATTEMPTS || signal?.aborted) throw error;
      await backoff(attempt + 1, signal);
    }
  }
}

export class MissiveClient {
  readonly accounts: Client<typeof AccountService>;
  readonly users: Client<typeof UserService>;
  readonly devices: Client<typeof DeviceService>;
  readonly keys: Client<typeof KeyService>;
  readonly connections: Client<typeof ConnectionService>;
  readonly conversations: Client<typeof ConversationService>;
  readonly messages: Client<typeof MessageService>;
  readonly events: Client<typeof EventService>;
  /** ICE servers and TURN credentials for calls (`calls.getCallConfig({})`). */
  readonly calls: Client<typeof CallService>;
  /** The raw asset calls; `uploadAsset` and `downloadAsset` resume and check. */
  readonly assets: Client<typeof AssetService>;
  /** Push tokens; `enableWebPush` and `registerWebPush` for browsers. */
  readonly push: Client<typeof PushService>;
  /** The delivery service of MLS conversations (see MlsDevice). */
  readonly mls: Client<typeof MlsService>;

  #session: DeviceSession | undefined;
  #refreshing: Promise<DeviceSession> | undefined;
  /** Devices a prekey was claimed for: an app creates its crypto sessions there. */
  readonly #knownDevices = new Set<string>();
  readonly #onSession: ((session: DeviceSession | undefined) => void) | undefined;

  private constructor(transport: Transport, options: ConnectOptions) {
    this.#session = options.session;
    this.#onSession = options.onSession;
    this.accounts = createClient(AccountService, transport);
    this.users = createClient(UserService, transport);
    this.devices = createClient(DeviceService, transport);
    this.keys = createClient(KeyService, transport);
    this.connections = createClient(ConnectionService, transport);
    this.conversations = createClient(ConversationService, transport);
    this.messages = createClient(MessageService, transport);
    this.events = createClient(EventService, transport);
    this.calls = createClient(CallService, transport);
    this.assets = createClient(AssetService, transport);
    this.push = createClient(PushService, transport);
    this.mls = createClient(MlsService, transport);
  }

  static async connect(options: ConnectOptions): Promise<MissiveClient> {
    let client: MissiveClient | undefined;
    const authenticate: Interceptor = (next) => async (request) => {
      if (!PUBLIC_METHODS.has(request.method.name) && client?.session) {
        request.header.set("authorization", `Bearer ${await client.accessToken()}`);
      }
      return next(request);
    };
    const interceptors = [authenticate];
    let transport: Transport;
    if (typeof options.transport === "object") {
      transport = options.transport;
    } else if (options.transport === "grpc") {
      const node = await import("@connectrpc/connect-node");
      const nodeOptions = options.ca === undefined ? undefined : { ca: caText(options.ca) };
      transport = node.createGrpcTransport({ baseUrl: options.baseUrl, interceptors, nodeOptions });
    } else if (options.ca !== undefined) {
      // fetch cannot be told whom to trust; Node's own HTTP/1.1 client can.
      const node = await import("@connectrpc/connect-node");
      const nodeOptions = { ca: caText(options.ca) };
      transport = node.createGrpcWebTransport({ baseUrl: options.baseUrl, httpVersion: "1.1", interceptors, nodeOptions });
    } else {
      transport = createGrpcWebTransport({ baseUrl: options.baseUrl, interceptors });
    }
    client = new MissiveClient(transport, options);
    return client;
  }

  get session(): DeviceSession | undefined {
    return this.#session;
  }

  /** This device's user as a qualified id. */
  get self(): QualifiedId {
    const session = this.requireSession();
    return qualified(session.userId, session.domain);
  }

  /** Creates an account with a new device key; uploads prekeys. */
  async register(input: { handle: string; password: string; displayName?: string; deviceLabel?: string }): Promise<DeviceSession> {
    const key = await generateDeviceKey();
    const response = await this.accounts.register({
      handle: input.handle,
      password: input.password,
      displayName: input.displayName ?? input.handle,
      device: { identityKey: key.publicKey, label: input.deviceLabel ?? "missive-sdk", deviceClass: DeviceClass.WEB },
    });
    this.adopt(key, response.user?.id, response.user?.handle ?? input.handle, response.session);
    await this.uploadPrekeys();
    return this.requireSession();
  }

  /** Adds a new device to an existing account by password; uploads prekeys. */
  async login(input: { handle: string; password: string; deviceLabel?: string }): Promise<DeviceSession> {
    const key = await generateDeviceKey();
    const response = await this.accounts.login({
      handle: input.handle,
      password: input.password,
      device: { identityKey: key.publicKey, label: input.deviceLabel ?? "missive-sdk", deviceClass: DeviceClass.WEB },
    });
    this.adopt(key, response.user?.id, response.user?.handle ?? input.handle, response.session);
    await this.uploadPrekeys();
    return this.requireSession();
  }

  /** Logs an existing device in again by signing a challenge with its key (no password). */
  async loginWithDeviceKey(device: { userId: string; domain: string; handle: string; secretKey: string }): Promise<DeviceSession> {
    const key = await deviceKeyFrom(fromHex(device.secretKey));
    const user = { id: device.userId, domain: device.domain };
    const challenge = await this.accounts.beginDeviceAuth({ user, deviceId: key.deviceId });
    const signature = await signChallenge(key, challenge.backendDomain, device.userId, challenge.challenge);
    const response = await this.accounts.completeDeviceAuth({ challengeId: challenge.challengeId, signature });
    this.adopt(key, user, device.handle, response.session);
    return this.requireSession();
  }

  async logout(): Promise<void> {
    const session = this.requireSession();
    await this.accounts.logout({ refreshToken: session.refreshToken });
    this.setSession(undefined);
  }

  /** A valid access token, refreshed first when it is about to expire. */
  async accessToken(): Promise<string> {
    const session = this.requireSession();
    if (session.accessTokenExpiresAt - Date.now() > REFRESH_MARGIN_MS) return session.accessToken;
    return (await this.refresh()).accessToken;
  }

  /** Rotates the refresh token; concurrent callers share one refresh. */
  async refresh(): Promise<DeviceSession> {
    this.#refreshing ??= (async () => {
      const session = this.requireSession();
      try {
        const response = await this.accounts.refreshSession({ refreshToken: session.refreshToken });
        const next = withTokens(session, response.session);
        this.setSession(next);
        return next;
      } catch (error) {
        const connectError = ConnectError.from(error);
        if (connectError.code === Code.Unauthenticated) throw new SessionEndedError(connectError);
        throw connectError;
      } finally {
        this.#refreshing = undefined;
      }
    })();
    return this.#refreshing;
  }

  async userByHandle(handle: string) {
    const response = await this.users.getUserByHandle({ handle });
    if (!response.user) throw new Error(`no user with handle ${handle}`);
    return response.user;
  }

  /** Sends a connection request, or accepts theirs if they asked first. */
  async connectWith(handle: string) {
    const user = await this.userByHandle(handle);
    const response = await this.connections.sendConnectionRequest({ user: user.id });
    return response.connection;
  }

  /** The 1:1 conversation with an accepted connection. */
  async oneToOneWith(handle: string): Promise<QualifiedId> {
    const user = await this.userByHandle(handle);
    const list = await this.connections.listConnections({ pageSize: 500 });
    const connection = list.connections.find(
      (c) => c.other?.id === user.id?.id && c.status === ConnectionStatus.ACCEPTED && c.conversation,
    );
    if (!connection?.conversation) throw new Error(`not connected to ${handle}`);
    return connection.conversation;
  }

  /**
   * Encrypts for every other device in the conversation and sends. Prekeys are
   * claimed for devices seen for the first time; on a client mismatch the
   * missing devices' prekeys are claimed and the send retried once with the
   * same message id.
   */
  async sendMessage(options: SendOptions): Promise<SendMessageResponse> {
    const messageId = options.messageId ?? hex(randomBytes(16));
    const recipients = await this.conversationDevices(options.conversation);
    await this.claimPrekeysFor(recipients);
    try {
      return await this.sendTo(options, messageId, recipients);
    } catch (error) {
      const mismatch = ClientMismatchError.from(error);
      if (!mismatch) throw error;
      const missing = mismatch.missing.flatMap((m) => m.deviceIds.map((deviceId) => ({ userId: m.userId, domain: m.domain, deviceId })));
      const deleted = new Set(mismatch.deleted.flatMap((d) => d.deviceIds.map((id) => `${d.userId}/${id}`)));
      await this.claimPrekeysFor(missing);
      const retry = recipients.filter((r) => !deleted.has(`${r.userId}/${r.deviceId}`)).concat(missing);
      return this.sendTo(options, messageId, retry);
    }
  }

  /**
   * The device's events as an async iterator: stored ones first, then live.
   * A dropped stream is reopened from the last cursor with backoff; each event
   * is acknowledged when the consumer asks for the next one.
   */
  async *eventStream(options: EventOptions = {}): AsyncGenerator<Event> {
    const autoAck = options.autoAck ?? true;
    let cursor = options.since;
    let attempt = 0;
    while (!options.signal?.aborted) {
      try {
        const stream = this.events.subscribe(cursor === undefined ? {} : { since: cursor }, { signal: options.signal });
        for await (const response of stream) {
          attempt = 0;
          if (response.kind.case !== "event") continue;
          const event = response.kind.value;
          yield event;
          if (event.cursor > 0n) {
            cursor = event.cursor;
            if (autoAck) await this.events.ack({ upTo: event.cursor });
          }
        }
      } catch (error) {
        const connectError = ConnectError.from(error);
        if (options.signal?.aborted || connectError.code === Code.Canceled) return;
        if (connectError.code === Code.OutOfRange) throw new EventsMissingError(connectError);
        if (connectError.code === Code.Unauthenticated) {
          // An expired token is refreshed; a removed device or revoked session ends here.
          await this.refresh();
        }
        attempt += 1;
        options.onReconnect?.(connectError, attempt);
        await backoff(attempt, options.signal);
      }
    }
  }

  /**
   * Uploads bytes the app has encrypted, in chunks, and finishes the asset.
   * A failed chunk is retried with backoff from the offset the server gives,
   * so a dropped connection or a restarted server costs one chunk at most;
   * `resume` continues an upload an earlier run started (its id), from what
   * the server already has. Answers the finished asset, with its token when
   * private.
   */
  async uploadAsset(bytes: Uint8Array, options: UploadOptions = {}): Promise<Asset> {
    let id = options.resume;
    let chunk = CHUNK_BYTES;
    let offset = 0;
    if (id === undefined) {
      const created = await this.assets.createAsset({
        size: BigInt(bytes.length),
        sha256: await sha256(bytes),
        retention: options.retention ?? Retention.PERSISTENT,
        public: options.public ?? false,
        expiresAt: options.expiresAt === undefined ? undefined : timestampFromMs(options.expiresAt.getTime()),
      });
      id = created.asset?.id;
      chunk = Math.min(created.maxChunkBytes || CHUNK_BYTES, CHUNK_BYTES);
      if (!id) throw new Error("the server answered without an asset id");
    } else {
      const { asset } = await this.assets.getAsset({ asset: id });
      offset = Number(asset?.uploaded ?? 0n);
    }
    const asset = id;
    options.onProgress?.(offset, bytes.length);
    while (offset < bytes.length) {
      const end = Math.min(offset + chunk, bytes.length);
      const answer = await retrying(options.signal, () =>
        this.assets.appendAssetChunk({ asset, offset: BigInt(offset), data: bytes.subarray(offset, end) }),
      );
      offset = Number(answer.nextOffset);
      options.onProgress?.(offset, bytes.length);
    }
    const finished = await retrying(options.signal, () => this.assets.finishAsset({ asset }));
    if (!finished.asset) throw new Error("the server answered without the asset");
    return finished.asset;
  }

  /**
   * Downloads an asset (of this backend or another), resuming after a cut
   * from the bytes received, and checks its SHA-256 before answering.
   */
  async downloadAsset(asset: QualifiedId, options: DownloadOptions = {}): Promise<Uint8Array> {
    const token = options.token ?? "";
    const { asset: info } = await this.assets.getAsset({ asset, token });
    if (!info) throw new Error("the server answered without the asset");
    const size = Number(info.size);
    const out = new Uint8Array(size);
    let received = 0;
    let attempt = 0;
    options.onProgress?.(0, size);
    while (received < size) {
      try {
        for await (const piece of this.assets.downloadAsset({ asset, token, offset: BigInt(received) }, { signal: options.signal })) {
          if (Number(piece.offset) !== received) throw new Error(`the server sent bytes at ${piece.offset}, not ${received}`);
          out.set(piece.data, received);
          received += piece.data.length;
          attempt = 0;
          options.onProgress?.(received, size);
        }
        if (received < size) throw new ConnectError(`the download ended at ${received} of ${size} bytes`, Code.Unavailable);
      } catch (error) {
        const connectError = ConnectError.from(error);
        if (!RETRIED.has(connectError.code) || attempt >= ATTEMPTS || options.signal?.aborted) throw error;
        attempt += 1;
        await backoff(attempt, options.signal);
      }
    }
    const digest = await sha256(out);
    if (hex(digest) !== hex(info.sha256)) throw new Error("the downloaded bytes do not match the asset's SHA-256");
    return out;
  }

  /**
   * Subscribes this browser to push through `registration` (a service
   * worker's) with the server's VAPID key, and hands the subscription to
   * the server, so the device is woken while it has no stream open. The
   * service worker gets `{ nid, cursor }` (see `parseWakeUp`), never content.
   */
  async enableWebPush(registration: ServiceWorkerRegistration): Promise<PushSubscription> {
    const config = await this.push.getPushConfig({});
    if (!config.webPush) throw new Error("this backend has no Web Push configured");
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: config.vapidPublicKey as Uint8Array<ArrayBuffer>,
    });
    await this.registerWebPush(subscription.toJSON() as WebPushSubscriptionJSON);
    return subscription;
  }

  /**
   * Hands a Web Push subscription to the server: a browser's
   * `PushSubscription.toJSON()`, or a UnifiedPush endpoint with its keys.
   */
  async registerWebPush(subscription: WebPushSubscriptionJSON): Promise<void> {
    const { endpoint, keys } = subscription;
    if (!endpoint || !keys?.p256dh || !keys?.auth) throw new Error("a push subscription needs an endpoint and its p256dh and auth keys");
    await this.push.setPushToken({
      token: { token: { case: "webPush", value: { endpoint, p256dh: fromBase64Url(keys.p256dh), auth: fromBase64Url(keys.auth) } } },
    });
  }

  /** Stops wake-ups of this device. */
  async disablePush(): Promise<void> {
    await this.push.removePushToken({});
  }

  private async sendTo(options: SendOptions, messageId: string, recipients: Recipient[]): Promise<SendMessageResponse> {
    const byUser = new Map<string, { user: QualifiedId; devices: { deviceId: string; ciphertext: Uint8Array }[] }>();
    for (const recipient of recipients) {
      const key = `${recipient.domain}/${recipient.userId}`;
      const entry = byUser.get(key) ?? { user: qualified(recipient.userId, recipient.domain), devices: [] };
      entry.devices.push({ deviceId: recipient.deviceId, ciphertext: await options.encrypt(recipient) });
      byUser.set(key, entry);
    }
    return this.messages.sendMessage({
      conversation: options.conversation,
      messageId,
      recipients: [...byUser.values()],
      transient: options.transient ?? false,
    });
  }

  private async conversationDevices(conversation: QualifiedId): Promise<Recipient[]> {
    const session = this.requireSession();
    const found = await this.conversations.getConversation({ id: conversation });
    const recipients: Recipient[] = [];
    for (const member of found.conversation?.members ?? []) {
      if (!member.user) continue;
      const listed = await this.devices.listDevices({ user: member.user });
      for (const device of listed.devices) {
        if (member.user.id === session.userId && device.id === session.deviceId) continue;
        recipients.push({ userId: member.user.id, domain: member.user.domain, deviceId: device.id });
      }
    }
    return recipients;
  }

  private async claimPrekeysFor(recipients: Recipient[]): Promise<void> {
    const unknown = recipients.filter((r) => !this.#knownDevices.has(`${r.userId}/${r.deviceId}`));
    if (unknown.length === 0) return;
    const targets = new Map<string, { user: QualifiedId; deviceIds: string[] }>();
    for (const r of unknown) {
      const key = `${r.domain}/${r.userId}`;
      const entry = targets.get(key) ?? { user: qualified(r.userId, r.domain), deviceIds: [] };
      entry.deviceIds.push(r.deviceId);
      targets.set(key, entry);
    }
    const claimed = await this.keys.claimPrekeys({ targets: [...targets.values()] });
    for (const prekey of claimed.prekeys) {
      this.#knownDevices.add(`${prekey.user?.id}/${prekey.deviceId}`);
    }
  }

  private async uploadPrekeys(): Promise<void> {
    const prekeys = Array.from({ length: PREKEYS_AT_START }, (_, i) => ({ id: i + 1, key: randomBytes(32) }));
    await this.keys.uploadPrekeys({ prekeys, lastResort: { id: LAST_RESORT_PREKEY_ID, key: randomBytes(32) } });
  }

  private adopt(key: DeviceKey, user: { id: string; domain: string } | undefined, handle: string, tokens: Session | undefined) {
    if (!user || !tokens) throw new Error("the server sent no user or session");
    this.setSession(
      withTokens(
        {
          userId: user.id,
          domain: user.domain,
          handle,
          deviceId: key.deviceId,
          secretKey: hex(key.secretKey),
          accessToken: "",
          accessTokenExpiresAt: 0,
          refreshToken: "",
        },
        tokens,
      ),
    );
  }

  private setSession(session: DeviceSession | undefined) {
    this.#session = session;
    this.#onSession?.(session);
  }

  private requireSession(): DeviceSession {
    if (!this.#session) throw new Error("not logged in: register, login or pass a session");
    return this.#session;
  }
}

function withTokens(session: DeviceSession, tokens: Session | undefined): DeviceSession {
  if (!tokens) throw new Error("the server sent no session");
  return {
    ...session,
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt ? timestampMs(tokens.accessTokenExpiresAt) : 0,
    refreshToken: tokens.refreshToken,
  };
}

function qualified(id: string, domain: string): QualifiedId {
  return create(QualifiedIdSchema, { id, domain });
}

/** The pause before retry number `attempt`: doubling from 200 ms, at most 5 s. */
function backoff(attempt: number, signal?: AbortSignal): Promise<void> {
  return sleep(Math.min(100 * 2 ** attempt, 5_000), signal);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A push subscription as `PushSubscription.toJSON()` gives it (keys base64url). */
export interface WebPushSubscriptionJSON {
  endpoint?: string;
  keys?: { p256dh?: string; auth?: string };
}

/** What a wake-up says: a notification id and the device's newest cursor. */
export interface WakeUp {
  notificationId: string;
  cursor: bigint;
}

/**
 * Reads a wake-up's payload (a service worker's `event.data.json()`, an FCM
 * data message, or an APNs payload); `undefined` for anything else.
 */
export function parseWakeUp(data: unknown): WakeUp | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const { nid, cursor } = data as { nid?: unknown; cursor?: unknown };
  if (typeof nid !== "string") return undefined;
  if (typeof cursor !== "number" && typeof cursor !== "string") return undefined;
  try {
    return { notificationId: nid, cursor: BigInt(cursor) };
  } catch {
    return undefined;
  }
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  const binary = atob(base64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
