import Crypto
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SwiftProtobuf
import Synchronization

/// What an app stores to resume as this device (keep it private: the Keychain).
public struct DeviceSession: Sendable, Codable, Equatable {
  public var userId: String
  public var domain: String
  public var handle: String
  public var deviceId: String
  /// Hex of the Ed25519 secret key.
  public var secretKey: String
  public var accessToken: String
  public var accessTokenExpiresAt: Date
  public var refreshToken: String

  /// The Ed25519 secret key, for `loginWithDeviceKey`.
  public func secretKeyBytes() throws -> Data { try fromHex(secretKey) }
}

/// One device a message is encrypted for.
public struct Recipient: Sendable, Hashable {
  public let userId: String
  public let domain: String
  public let deviceId: String
}

/// The ergonomic layer over the generated clients, the same surface as the
/// TypeScript and Kotlin SDKs': it keeps a device session and refreshes the
/// access token before it expires (one refresh for concurrent callers),
/// claims prekeys and retries once on a client mismatch, and runs the event
/// stream across dropped connections, acknowledging what the app handled.
/// The generated clients are public for everything else; pass `auth()` as
/// their metadata.
///
/// The app owns the `GRPCClient` and runs its connections
/// (`client.runConnections()` in a task, or `withGRPCClient`).
public actor MissiveClient<Transport: ClientTransport> {
  public nonisolated let accounts: Missive_V1_AccountService.Client<Transport>
  public nonisolated let users: Missive_V1_UserService.Client<Transport>
  public nonisolated let devices: Missive_V1_DeviceService.Client<Transport>
  public nonisolated let keys: Missive_V1_KeyService.Client<Transport>
  public nonisolated let connections: Missive_V1_ConnectionService.Client<Transport>
  public nonisolated let conversations: Missive_V1_ConversationService.Client<Transport>
  public nonisolated let messages: Missive_V1_MessageService.Client<Transport>
  public nonisolated let eventService: Missive_V1_EventService.Client<Transport>
  public nonisolated let push: Missive_V1_PushService.Client<Transport>
  public nonisolated let assets: Missive_V1_AssetService.Client<Transport>

  public private(set) var session: DeviceSession?
  private let onSession: @Sendable (DeviceSession?) -> Void
  /// The refresh in flight, which concurrent callers wait for instead of starting their own.
  private var refreshing: Task<DeviceSession, any Error>?
  /// Devices a prekey was claimed for: an app creates its crypto sessions there.
  private var knownDevices: Set<String> = []

  public init(
    client: GRPCClient<Transport>,
    session: DeviceSession? = nil,
    onSession: @escaping @Sendable (DeviceSession?) -> Void = { _ in }
  ) {
    accounts = .init(wrapping: client)
    users = .init(wrapping: client)
    devices = .init(wrapping: client)
    keys = .init(wrapping: client)
    connections = .init(wrapping: client)
    conversations = .init(wrapping: client)
    messages = .init(wrapping: client)
    eventService = .init(wrapping: client)
    push = .init(wrapping: client)
    assets = .init(wrapping: client)
    self.session = session
    self.onSession = onSession
  }

  /// This device's user.
  public var me: Missive_V1_QualifiedId {
    get throws { let s = try requireSession(); return qualified(s.userId, s.domain) }
  }

  /// Creates an account with a new device key; uploads prekeys.
  @discardableResult
  public func register(handle: String, password: String, displayName: String? = nil, deviceLabel: String = defaultLabel)
    async throws -> DeviceSession
  {
    try await enroll(handle: handle, deviceLabel: deviceLabel) { device in
      var request = Missive_V1_RegisterRequest()
      request.handle = handle
      request.password = password
      request.displayName = displayName ?? handle
      request.device = device
      let response = try await self.accounts.register(request)
      return (response.user, response.session)
    }
  }

  /// Adds a new device to an existing account by password; uploads prekeys.
  @discardableResult
  public func login(handle: String, password: String, deviceLabel: String = defaultLabel) async throws -> DeviceSession
  {
    try await enroll(handle: handle, deviceLabel: deviceLabel) { device in
      var request = Missive_V1_LoginRequest()
      request.handle = handle
      request.password = password
      request.device = device
      let response = try await self.accounts.login(request)
      return (response.user, response.session)
    }
  }

  /// A new device key, enrolled by `call`, then its prekeys.
  private func enroll(
    handle: String,
    deviceLabel: String,
    _ call: (Missive_V1_NewDevice) async throws -> (Missive_V1_User, Missive_V1_Session)
  ) async throws -> DeviceSession {
    let key = DeviceKey.generate()
    var device = Missive_V1_NewDevice()
    device.identityKey = key.publicKey
    device.label = deviceLabel
    device.deviceClass = .phone
    let (user, tokens) = try await call(device)
    adopt(key, user: user.id, handle: user.handle.isEmpty ? handle : user.handle, tokens: tokens)
    try await uploadPrekeys()
    return try requireSession()
  }

  /// Logs a known device in again by signing a challenge with its key (no password).
  @discardableResult
  public func loginWithDeviceKey(userId: String, domain: String, handle: String, secretKey: Data) async throws
    -> DeviceSession
  {
    let key = try DeviceKey.fromSecret(secretKey)
    let user = qualified(userId, domain)
    var begin = Missive_V1_BeginDeviceAuthRequest()
    begin.user = user
    begin.deviceID = key.deviceId
    let challenge = try await accounts.beginDeviceAuth(begin)
    var complete = Missive_V1_CompleteDeviceAuthRequest()
    complete.challengeID = challenge.challengeID
    complete.signature = try key.signChallenge(
      domain: challenge.backendDomain, userId: userId, challenge: challenge.challenge)
    let response = try await accounts.completeDeviceAuth(complete)
    adopt(key, user: user, handle: handle, tokens: response.session)
    return try requireSession()
  }

  public func logout() async throws {
    var request = Missive_V1_LogoutRequest()
    request.refreshToken = try requireSession().refreshToken
    _ = try await accounts.logout(request)
    setSession(nil)
  }

  /// A valid access token, refreshed first when it is about to expire.
  public func accessToken() async throws -> String {
    let current = try requireSession()
    if current.accessTokenExpiresAt.timeIntervalSinceNow > refreshMargin { return current.accessToken }
    return try await refresh(seen: current).accessToken
  }

  /// The metadata of an authenticated call, for the generated clients.
  public func auth() async throws -> Metadata {
    var metadata = Metadata()
    metadata.addString("Bearer \(try await accessToken())", forKey: "authorization")
    return metadata
  }

  /// Rotates the refresh token. Concurrent callers share one refresh; a caller
  /// whose `seen` session was already renewed takes the renewed one.
  @discardableResult
  public func refresh(seen: DeviceSession? = nil) async throws -> DeviceSession {
    let current = try requireSession()
    if let seen, seen.refreshToken != current.refreshToken { return current }
    if let inFlight = refreshing { return try await inFlight.value }
    let task = Task { try await self.rotate(current) }
    refreshing = task
    defer { refreshing = nil }
    return try await task.value
  }

  private func rotate(_ current: DeviceSession) async throws -> DeviceSession {
    var request = Missive_V1_RefreshSessionRequest()
    request.refreshToken = current.refreshToken
    let response: Missive_V1_RefreshSessionResponse
    do {
      response = try await accounts.refreshSession(request)
    } catch let error as RPCError where error.code == .unauthenticated {
      throw MissiveError.sessionEnded(error)
    }
    let next = withTokens(current, response.session)
    setSession(next)
    return next
  }

  public func user(handle: String) async throws -> Missive_V1_User {
    var request = Missive_V1_GetUserByHandleRequest()
    request.handle = handle
    return try await users.getUserByHandle(request, metadata: auth()).user
  }

  /// Sends a connection request, or accepts theirs if they asked first.
  @discardableResult
  public func connect(with handle: String) async throws -> Missive_V1_Connection {
    var request = Missive_V1_SendConnectionRequestRequest()
    request.user = try await user(handle: handle).id
    return try await connections.sendConnectionRequest(request, metadata: auth()).connection
  }

  /// The 1:1 conversation with an accepted connection.
  public func oneToOne(with handle: String) async throws -> Missive_V1_QualifiedId {
    let other = try await user(handle: handle).id
    var request = Missive_V1_ListConnectionsRequest()
    request.pageSize = 500
    let list = try await connections.listConnections(request, metadata: auth())
    guard
      let found = list.connections.first(where: {
        $0.other == other && $0.status == .accepted && $0.hasConversation
      })
    else { throw MissiveError.notConnected(handle: handle) }
    return found.conversation
  }

  /// Encrypts for every other device in the conversation and sends. Prekeys
  /// are claimed for devices seen for the first time; on a client mismatch
  /// the missing devices' prekeys are claimed and the send retried once with
  /// the same message id.
  @discardableResult
  public func sendMessage(
    to conversation: Missive_V1_QualifiedId,
    messageId: String? = nil,
    transient: Bool = false,
    encrypt: @Sendable (Recipient) async throws -> Data
  ) async throws -> Missive_V1_SendMessageResponse {
    let messageId = messageId ?? hex(randomBytes(16))
    let recipients = try await conversationDevices(conversation)
    try await claimPrekeys(for: recipients)
    do {
      return try await send(conversation, messageId, transient, recipients, encrypt)
    } catch {
      guard case .clientMismatch(let missing, _, let deleted, _)? = clientMismatch(of: error) else { throw error }
      let added = missing.flatMap { m in m.deviceIds.map { Recipient(userId: m.userId, domain: m.domain, deviceId: $0) }
      }
      let gone = Set(deleted.flatMap { d in d.deviceIds.map { "\(d.userId)/\($0)" } })
      try await claimPrekeys(for: added)
      let retry = recipients.filter { !gone.contains("\($0.userId)/\($0.deviceId)") } + added
      return try await send(conversation, messageId, transient, retry, encrypt)
    }
  }

  /// Runs the device's event stream: stored events first, then live, each
  /// handed to `handle` and acknowledged once it returns. A dropped stream is
  /// reopened from the last cursor with backoff. Returns when the task is
  /// cancelled; throws `MissiveError.eventsMissing` when the cursor is older
  /// than what the server keeps, `.sessionEnded` when the device was removed
  /// or its session revoked, and whatever `handle` throws.
  public nonisolated func events(
    since: UInt64? = nil,
    autoAck: Bool = true,
    onReconnect: @escaping @Sendable (any Error, Int) -> Void = { _, _ in },
    handle: @escaping @Sendable (Missive_V1_Event) async throws -> Void
  ) async throws {
    // Written by the response handler, read by the loop between attempts.
    let progress = Mutex<(cursor: UInt64?, attempt: Int)>((since, 0))
    while !Task.isCancelled {
      do {
        var request = Missive_V1_SubscribeRequest()
        if let cursor = progress.withLock({ $0.cursor }) { request.since = cursor }
        try await eventService.subscribe(request, metadata: auth()) { response in
          for try await message in response.messages {
            progress.withLock { $0.attempt = 0 }
            guard case .event(let event)? = message.kind else { continue }
            try await handle(event)
            guard event.cursor > 0 else { continue }
            progress.withLock { $0.cursor = event.cursor }
            if autoAck {
              var ack = Missive_V1_AckRequest()
              ack.upTo = event.cursor
              _ = try await self.eventService.ack(ack, metadata: self.auth())
            }
          }
        }
      } catch is CancellationError {
        return
      } catch let error as RPCError {
        switch error.code {
        case .outOfRange: throw MissiveError.eventsMissing(error)
        // An expired token is refreshed; a removed device or revoked session ends here.
        case .unauthenticated: try await refresh()
        case .cancelled where Task.isCancelled: return
        default: break
        }
        let attempt = progress.withLock {
          $0.attempt += 1; return $0.attempt
        }
        onReconnect(error, attempt)
      }
      // A stream the server ended cleanly (a shutdown) is reopened too.
      let attempt = progress.withLock { $0.attempt }
      do { try await Task.sleep(for: backoff(attempt)) } catch { return }
    }
  }

  /// Uploads bytes the app has encrypted, in chunks, and finishes the asset.
  /// A failed chunk is retried with backoff from the offset the server gives,
  /// so a dropped connection or a restarted server costs one chunk at most;
  /// `resume` continues an upload an earlier run started (its id), from what
  /// the server already has. Answers the finished asset, with its token when
  /// private.
  public func uploadAsset(
    _ bytes: Data,
    isPublic: Bool = false,
    retention: Missive_V1_Retention = .persistent,
    resume: Missive_V1_QualifiedId? = nil,
    onProgress: @Sendable (UInt64, UInt64) async -> Void = { _, _ in }
  ) async throws -> Missive_V1_Asset {
    let total = UInt64(bytes.count)
    var chunk = chunkBytes
    var offset: UInt64 = 0
    let asset: Missive_V1_QualifiedId
    if let resume {
      var request = Missive_V1_GetAssetRequest()
      request.asset = resume
      offset = try await assets.getAsset(request, metadata: auth()).asset.uploaded
      asset = resume
    } else {
      var request = Missive_V1_CreateAssetRequest()
      request.size = total
      request.sha256 = Data(SHA256.hash(data: bytes))
      request.retention = retention
      request.public = isPublic
      let created = try await assets.createAsset(request, metadata: auth())
      if created.maxChunkBytes > 0 { chunk = min(Int(created.maxChunkBytes), chunkBytes) }
      asset = created.asset.id
    }
    await onProgress(offset, total)
    while offset < total {
      let end = min(Int(offset) + chunk, bytes.count)
      var request = Missive_V1_AppendAssetChunkRequest()
      request.asset = asset
      request.offset = offset
      request.data = bytes.subdata(in: Int(offset)..<end)
      offset = try await retrying { try await self.assets.appendAssetChunk(request, metadata: self.auth()) }.nextOffset
      await onProgress(offset, total)
    }
    var finish = Missive_V1_FinishAssetRequest()
    finish.asset = asset
    return try await retrying { try await self.assets.finishAsset(finish, metadata: self.auth()) }.asset
  }

  /// Downloads an asset (of this backend or another), resuming after a cut
  /// from the bytes received, and checks its SHA-256 before answering.
  public func downloadAsset(_ asset: Missive_V1_QualifiedId, token: String = "") async throws -> Data {
    var get = Missive_V1_GetAssetRequest()
    get.asset = asset
    get.token = token
    let info = try await assets.getAsset(get, metadata: auth()).asset
    // Filled by the response handler; a retry continues from its length.
    let received = Mutex(Data())
    try await retrying {
      var request = Missive_V1_DownloadAssetRequest()
      request.asset = asset
      request.token = token
      request.offset = UInt64(received.withLock { $0.count })
      try await self.assets.downloadAsset(request, metadata: self.auth()) { response in
        for try await piece in response.messages {
          try received.withLock { data in
            guard piece.offset == UInt64(data.count) else {
              throw MissiveError.protocolViolation("the server sent bytes at \(piece.offset), not \(data.count)")
            }
            data.append(piece.data)
          }
        }
      }
      let count = received.withLock { $0.count }
      if UInt64(count) < info.size {
        throw RPCError(code: .unavailable, message: "the download ended at \(count) of \(info.size) bytes")
      }
    }
    let data = received.withLock { $0 }
    guard Data(SHA256.hash(data: data)) == info.sha256 else {
      throw MissiveError.protocolViolation("the downloaded bytes do not match the asset's SHA-256")
    }
    return data
  }

  /// Wakes this device through APNs while it has no stream open (docs/push.md).
  public func setApnsToken(_ deviceToken: Data, topic: String, sandbox: Bool = false) async throws {
    var apns = Missive_V1_ApnsToken()
    apns.deviceToken = hex(deviceToken)
    apns.topic = topic
    apns.sandbox = sandbox
    var request = Missive_V1_SetPushTokenRequest()
    request.token.apns = apns
    _ = try await push.setPushToken(request, metadata: auth())
  }

  public func removePushToken() async throws {
    _ = try await push.removePushToken(Missive_V1_RemovePushTokenRequest(), metadata: auth())
  }

  /// Retries a call the server or the link cut short, with backoff.
  private func retrying<T: Sendable>(_ call: () async throws -> T) async throws -> T {
    var attempt = 0
    while true {
      do {
        return try await call()
      } catch let error as RPCError where retried.contains(error.code) && attempt < attempts {
        attempt += 1
        try await Task.sleep(for: backoff(attempt))
      }
    }
  }

  private func send(
    _ conversation: Missive_V1_QualifiedId,
    _ messageId: String,
    _ transient: Bool,
    _ recipients: [Recipient],
    _ encrypt: @Sendable (Recipient) async throws -> Data
  ) async throws -> Missive_V1_SendMessageResponse {
    var byUser: [String: Missive_V1_UserRecipients] = [:]
    var order: [String] = []
    for recipient in recipients {
      let key = "\(recipient.domain)/\(recipient.userId)"
      if byUser[key] == nil {
        var entry = Missive_V1_UserRecipients()
        entry.user = qualified(recipient.userId, recipient.domain)
        byUser[key] = entry
        order.append(key)
      }
      var device = Missive_V1_DeviceCiphertext()
      device.deviceID = recipient.deviceId
      device.ciphertext = try await encrypt(recipient)
      byUser[key]!.devices.append(device)
    }
    var request = Missive_V1_SendMessageRequest()
    request.conversation = conversation
    request.messageID = messageId
    request.recipients = order.map { byUser[$0]! }
    request.transient = transient
    return try await messages.sendMessage(request, metadata: auth())
  }

  private func conversationDevices(_ conversation: Missive_V1_QualifiedId) async throws -> [Recipient] {
    let me = try requireSession()
    var get = Missive_V1_GetConversationRequest()
    get.id = conversation
    let found = try await conversations.getConversation(get, metadata: auth())
    var recipients: [Recipient] = []
    for member in found.conversation.members where member.hasUser {
      var list = Missive_V1_ListDevicesRequest()
      list.user = member.user
      for device in try await devices.listDevices(list, metadata: auth()).devices {
        if member.user.id == me.userId && device.id == me.deviceId { continue }
        recipients.append(Recipient(userId: member.user.id, domain: member.user.domain, deviceId: device.id))
      }
    }
    return recipients
  }

  private func claimPrekeys(for recipients: [Recipient]) async throws {
    let unknown = recipients.filter { !knownDevices.contains("\($0.userId)/\($0.deviceId)") }
    guard !unknown.isEmpty else { return }
    let byUser = Dictionary(grouping: unknown) { qualified($0.userId, $0.domain) }
    var request = Missive_V1_ClaimPrekeysRequest()
    request.targets = byUser.map { user, devices in
      var target = Missive_V1_UserDevices()
      target.user = user
      target.deviceIds = devices.map(\.deviceId)
      return target
    }
    let claimed = try await keys.claimPrekeys(request, metadata: auth())
    for prekey in claimed.prekeys { knownDevices.insert("\(prekey.user.id)/\(prekey.deviceID)") }
  }

  private func uploadPrekeys() async throws {
    var request = Missive_V1_UploadPrekeysRequest()
    request.prekeys = (1...prekeysAtStart).map { prekey(UInt32($0)) }
    request.lastResort = prekey(lastResortPrekeyId)
    _ = try await keys.uploadPrekeys(request, metadata: auth())
  }

  private func adopt(_ key: DeviceKey, user: Missive_V1_QualifiedId, handle: String, tokens: Missive_V1_Session) {
    let fresh = DeviceSession(
      userId: user.id, domain: user.domain, handle: handle, deviceId: key.deviceId, secretKey: hex(key.secretKey),
      accessToken: "", accessTokenExpiresAt: .distantPast, refreshToken: "")
    setSession(withTokens(fresh, tokens))
  }

  private func setSession(_ next: DeviceSession?) {
    session = next
    onSession(next)
  }

  private func requireSession() throws -> DeviceSession {
    guard let session else { throw MissiveError.notLoggedIn }
    return session
  }
}

/// A transport for iOS, macOS and Linux over NIO's sockets; TLS unless `plaintext`.
/// (A free function: a static member of the generic actor would need its
/// type spelled out at every call.)
public func missiveTransport(host: String, port: Int, plaintext: Bool = false) throws -> HTTP2ClientTransport.Posix {
  try .http2NIOPosix(target: .dns(host: host, port: port), transportSecurity: plaintext ? .plaintext : .tls)
}

public let defaultLabel = "missive-swift"
/// Refresh the access token when it expires sooner than this (seconds).
private let refreshMargin: TimeInterval = 30
private let prekeysAtStart = 20
private let lastResortPrekeyId: UInt32 = 65535
private let chunkBytes = 1 << 20
private let attempts = 8
/// Worth another try: the server or the link went away for a moment.
private let retried: Set<RPCError.Code> = [.unavailable, .unknown, .deadlineExceeded, .aborted, .internalError]

/// Before attempt `attempt` again: doubling from 200 ms, at most 5 s.
private func backoff(_ attempt: Int) -> Duration { .milliseconds(min(100 << min(attempt, 6), 5_000)) }

public func qualified(_ id: String, _ domain: String) -> Missive_V1_QualifiedId {
  var qualified = Missive_V1_QualifiedId()
  qualified.id = id
  qualified.domain = domain
  return qualified
}

func randomBytes(_ count: Int) -> Data {
  var generator = SystemRandomNumberGenerator()
  return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
}

private func prekey(_ id: UInt32) -> Missive_V1_Prekey {
  var prekey = Missive_V1_Prekey()
  prekey.id = id
  prekey.key = randomBytes(32)
  return prekey
}

private func withTokens(_ session: DeviceSession, _ tokens: Missive_V1_Session) -> DeviceSession {
  var next = session
  next.accessToken = tokens.accessToken
  next.accessTokenExpiresAt = tokens.accessTokenExpiresAt.date
  next.refreshToken = tokens.refreshToken
  return next
}
