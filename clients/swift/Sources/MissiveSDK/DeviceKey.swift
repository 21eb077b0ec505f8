import Crypto
import Foundation

/// A device's identity: an Ed25519 key (CryptoKit on Apple platforms,
/// swift-crypto elsewhere). Keep `secretKey` private: it is the device's login.
public struct DeviceKey: Sendable {
  private let key: Curve25519.Signing.PrivateKey

  /// The 32-byte Ed25519 seed.
  public var secretKey: Data { key.rawRepresentation }
  public var publicKey: Data { key.publicKey.rawRepresentation }

  /// Lowercase hex of the first 8 bytes of SHA-256(publicKey), as the server derives it.
  public var deviceId: String { hex(Data(SHA256.hash(data: publicKey).prefix(8))) }

  public static func generate() -> DeviceKey { DeviceKey(key: Curve25519.Signing.PrivateKey()) }

  public static func fromSecret(_ secretKey: Data) throws -> DeviceKey {
    guard secretKey.count == 32 else { throw MissiveError.invalidKey("an Ed25519 secret key is 32 bytes") }
    return DeviceKey(key: try Curve25519.Signing.PrivateKey(rawRepresentation: secretKey))
  }

  /// Signs `"missive-device-auth-v1" 0 domain 0 userId 0 deviceId 0 challenge`,
  /// the bytes BeginDeviceAuthResponse documents.
  public func signChallenge(domain: String, userId: String, challenge: Data) throws -> Data {
    var message = Data()
    for part in ["missive-device-auth-v1", domain, userId, deviceId] {
      message.append(Data(part.utf8))
      message.append(0)
    }
    message.append(challenge)
    return try key.signature(for: message)
  }
}

func hex(_ bytes: Data) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

func fromHex(_ text: String) throws -> Data {
  guard text.count % 2 == 0 else { throw MissiveError.invalidKey("hex of an even length") }
  var out = Data(capacity: text.count / 2)
  var index = text.startIndex
  while index < text.endIndex {
    let next = text.index(index, offsetBy: 2)
    guard let byte = UInt8(text[index..<next], radix: 16) else { throw MissiveError.invalidKey("not hex: \(text)") }
    out.append(byte)
    index = next
  }
  return out
}
