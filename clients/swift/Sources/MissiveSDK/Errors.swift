import GRPCCore
import GRPCProtobuf
import SwiftProtobuf

/// The devices of one user, in a client mismatch.
public struct RecipientDevices: Sendable, Equatable {
  public let userId: String
  public let domain: String
  public let deviceIds: [String]
}

/// Something the app can act on. The server's own answer, when there was
/// one, is the `RPCError` in `cause`.
public enum MissiveError: Error, Sendable {
  /// The server refused a message: its recipients do not match the
  /// conversation's devices. Claim prekeys for `missing` and send again.
  case clientMismatch(
    missing: [RecipientDevices], redundant: [RecipientDevices], deleted: [RecipientDevices], cause: RPCError)
  /// The cursor is older than what the server keeps: resync, then stream without a cursor.
  case eventsMissing(RPCError)
  /// The session cannot be refreshed (revoked, expired, device removed): log in again.
  case sessionEnded(RPCError)
  /// No session yet: register, log in, or pass a session.
  case notLoggedIn
  case notConnected(handle: String)
  case invalidKey(String)
  /// The server's answer broke a promise of the protocol (a missing field, bytes out of place).
  case protocolViolation(String)
}

private let clientMismatchType = "type.googleapis.com/missive.v1.ClientMismatch"

/// The typed error inside a FAILED_PRECONDITION with a ClientMismatch detail, else nil.
public func clientMismatch(of error: any Error) -> MissiveError? {
  guard let rpc = error as? RPCError, rpc.code == .failedPrecondition,
    let status = try? rpc.unpackGoogleRPCStatus()
  else { return nil }
  for detail in status.details {
    guard let any = detail.any, any.typeURL == clientMismatchType,
      let mismatch = try? Missive_V1_ClientMismatch(serializedBytes: any.value)
    else { continue }
    func lists(_ entries: [Missive_V1_DeviceList]) -> [RecipientDevices] {
      entries.map { RecipientDevices(userId: $0.user.id, domain: $0.user.domain, deviceIds: $0.deviceIds) }
    }
    return .clientMismatch(
      missing: lists(mismatch.missing), redundant: lists(mismatch.redundant), deleted: lists(mismatch.deleted),
      cause: rpc)
  }
  return nil
}
