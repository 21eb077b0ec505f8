/** Typed errors an app can act on. */
import { Code, ConnectError } from "@connectrpc/connect";
import { ClientMismatchSchema, type DeviceList } from "./gen/missive/v1/message_pb.js";

export interface RecipientDevices {
  userId: string;
  domain: string;
  deviceIds: string[];
}

function lists(entries: DeviceList[]): RecipientDevices[] {
  return entries.map((e) => ({ userId: e.user?.id ?? "", domain: e.user?.domain ?? "", deviceIds: [...e.deviceIds] }));
}

/**
 * The server refused a message: its recipients do not match the
 * conversation's devices. Claim prekeys for `missing` and send again.
 */
export class ClientMismatchError extends Error {
  override readonly name = "ClientMismatchError";
  constructor(
    readonly missing: RecipientDevices[],
    readonly redundant: RecipientDevices[],
    readonly deleted: RecipientDevices[],
    override readonly cause: ConnectError,
  ) {
    super(cause.rawMessage);
  }

  /** The typed error inside a FAILED_PRECONDITION with a ClientMismatch detail, else undefined. */
  static from(error: unknown): ClientMismatchError | undefined {
    const connectError = ConnectError.from(error);
    if (connectError.code !== Code.FailedPrecondition) return undefined;
    const [detail] = connectError.findDetails(ClientMismatchSchema);
    if (!detail) return undefined;
    return new ClientMismatchError(lists(detail.missing), lists(detail.redundant), lists(detail.deleted), connectError);
  }
}

/** The cursor is older than what the server keeps: resync, then stream without a cursor. */
export class EventsMissingError extends Error {
  override readonly name = "EventsMissingError";
  constructor(override readonly cause: ConnectError) {
    super(cause.rawMessage);
  }
}

/** The session cannot be refreshed (revoked, expired, device removed): log in again. */
export class SessionEndedError extends Error {
  override readonly name = "SessionEndedError";
  constructor(override readonly cause: ConnectError) {
    super(cause.rawMessage);
  }
}
