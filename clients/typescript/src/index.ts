/**
 * @missive/sdk: the generated Missive API and an ergonomic client.
 *
 * ```ts
 * const client = await MissiveClient.connect({ baseUrl: "http://127.0.0.1:50051", transport: "grpc-web" });
 * await client.register({ handle: "alice", password: "…" });
 * for await (const event of client.eventStream()) { … }
 * ```
 */
export { MissiveClient, parseWakeUp } from "./client.js";
export type {
  ConnectOptions,
  DeviceSession,
  DownloadOptions,
  EventOptions,
  Recipient,
  SendOptions,
  UploadOptions,
  WakeUp,
  WebPushSubscriptionJSON,
} from "./client.js";
export { ClientMismatchError, EventsMissingError, SessionEndedError } from "./errors.js";
export type { RecipientDevices } from "./errors.js";
export { deviceIdOf, deviceKeyFrom, generateDeviceKey, signChallenge } from "./keys.js";
export { CIPHERSUITE, MlsDevice, mlsIdentity } from "./mls.js";
export type { CommitBundle, PendingCommit, Received } from "./mls.js";
export type { DeviceKey } from "./keys.js";
export * from "./gen/missive/v1/account_pb.js";
export * from "./gen/missive/v1/asset_pb.js";
export * from "./gen/missive/v1/call_pb.js";
export * from "./gen/missive/v1/common_pb.js";
export * from "./gen/missive/v1/connection_pb.js";
export * from "./gen/missive/v1/conversation_pb.js";
export * from "./gen/missive/v1/device_pb.js";
export * from "./gen/missive/v1/event_pb.js";
export * from "./gen/missive/v1/key_pb.js";
export * from "./gen/missive/v1/message_pb.js";
export * from "./gen/missive/v1/mls_pb.js";
export * from "./gen/missive/v1/push_pb.js";
export * from "./gen/missive/v1/user_pb.js";
