import Crypto
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import MissiveSDK
import Synchronization
import XCTest

private let password = "correct horse battery staple"
private typealias Client = MissiveClient<HTTP2ClientTransport.Posix>

/// Placeholder "encryption" for tests: the server only sees bytes.
private func plaintext(_ text: String) -> @Sendable (Recipient) async throws -> Data {
  { _ in Data("PLACEHOLDER:\(text)".utf8) }
}

extension Missive_V1_Event {
  fileprivate var text: String? {
    guard case .messageAdded(let added)? = payload else { return nil }
    return String(decoding: added.ciphertext, as: UTF8.self).replacingOccurrences(of: "PLACEHOLDER:", with: "")
  }
}

/// One test's server and the gRPC clients it opened, closed together.
private final class Harness: Sendable {
  let server: TestServer
  private let running = Mutex<[(GRPCClient<HTTP2ClientTransport.Posix>, Task<Void, any Error>)]>([])

  init() throws { server = try TestServer() }

  func client(session: DeviceSession? = nil) throws -> Client {
    let grpc = GRPCClient(transport: try server.transport())
    let task = Task { try await grpc.runConnections() }
    running.withLock { $0.append((grpc, task)) }
    return Client(client: grpc, session: session)
  }

  /// Alice and Bob, connected, and their 1:1 conversation.
  func connected() async throws -> (Client, Client, Missive_V1_QualifiedId) {
    let alice = try client()
    let bob = try client()
    try await alice.register(handle: "alice", password: password)
    try await bob.register(handle: "bob", password: password)
    try await alice.connect(with: "bob")
    try await bob.connect(with: "alice")
    return (alice, bob, try await alice.oneToOne(with: "bob"))
  }

  func close() {
    for (grpc, task) in running.withLock({ $0 }) {
      grpc.beginGracefulShutdown()
      task.cancel()
    }
    server.close()
  }
}

/// What an Inbox has received; a class so the background task can share it.
private final class Received: Sendable {
  let state = Mutex<(events: [Missive_V1_Event], read: Int, ended: (any Error)?)>(([], 0, nil))
}

/// Collects a client's events in the background.
private final class Inbox: Sendable {
  private let received = Received()
  private let task: Task<Void, Never>

  init(_ client: Client, since: UInt64? = nil) {
    let received = self.received
    task = Task {
      do {
        try await client.events(since: since) { event in received.state.withLock { $0.events.append(event) } }
      } catch {
        received.state.withLock { $0.ended = error }
      }
    }
  }

  /// The next message event not yet read, waiting up to 10 s.
  func nextMessage() async throws -> Missive_V1_Event {
    for _ in 0..<500 {
      let found: Missive_V1_Event? = received.state.withLock { state in
        while state.read < state.events.count {
          let event = state.events[state.read]
          state.read += 1
          if event.text != nil { return event }
        }
        return nil
      }
      if let found { return found }
      try await Task.sleep(for: .milliseconds(20))
    }
    throw TestServerError("no message within 10 s")
  }

  /// The error the stream ended with, waiting up to 10 s.
  func ended() async throws -> any Error {
    for _ in 0..<500 {
      if let error = received.state.withLock({ $0.ended }) { return error }
      try await Task.sleep(for: .milliseconds(20))
    }
    throw TestServerError("the stream did not end within 10 s")
  }

  func cancel() { task.cancel() }
}

final class MissiveClientTests: XCTestCase {
  func testTwoUsersConnectAndExchangeMessagesBothWays() async throws {
    let harness = try Harness()
    defer { harness.close() }
    let (alice, bob, conversation) = try await harness.connected()
    let aliceInbox = Inbox(alice)
    let bobInbox = Inbox(bob)
    defer {
      aliceInbox.cancel()
      bobInbox.cancel()
    }

    try await alice.sendMessage(to: conversation, encrypt: plaintext("hello bob"))
    let received = try await bobInbox.nextMessage()
    XCTAssertEqual(received.text, "hello bob")
    let aliceId = try await alice.me
    XCTAssertEqual(received.messageAdded.sender, aliceId)

    try await bob.sendMessage(to: try await bob.oneToOne(with: "alice"), encrypt: plaintext("hi alice"))
    let reply = try await aliceInbox.nextMessage()
    XCTAssertEqual(reply.text, "hi alice")
  }

  func testTheStreamResumesFromItsCursorAfterARestartWithNoDuplicate() async throws {
    let harness = try Harness()
    defer { harness.close() }
    let (alice, bob, conversation) = try await harness.connected()
    let bobInbox = Inbox(bob)
    defer { bobInbox.cancel() }

    try await alice.sendMessage(to: conversation, encrypt: plaintext("before"))
    let before = try await bobInbox.nextMessage()
    try harness.server.restart()
    try await alice.sendMessage(to: conversation, encrypt: plaintext("after"))
    let after = try await bobInbox.nextMessage()
    XCTAssertEqual(after.text, "after", "the next message after the restart, not 'before' again")
    XCTAssertGreaterThan(after.cursor, before.cursor)
  }

  func testAClientMismatchIsSurfacedAndSendMessageRecoversFromIt() async throws {
    let harness = try Harness()
    defer { harness.close() }
    let (alice, bob, conversation) = try await harness.connected()

    var stale = Missive_V1_UserRecipients()
    stale.user = try await bob.me
    var device = Missive_V1_DeviceCiphertext()
    device.deviceID = "00000000deadbeef"
    device.ciphertext = Data("x".utf8)
    stale.devices = [device]
    var raw = Missive_V1_SendMessageRequest()
    raw.conversation = conversation
    raw.messageID = "raw"
    raw.recipients = [stale]
    var refused: (any Error)?
    do {
      _ = try await alice.messages.sendMessage(raw, metadata: alice.auth())
    } catch {
      refused = error
    }
    let mismatch = try XCTUnwrap(
      refused.flatMap { clientMismatch(of: $0) }, "a client mismatch, not \(String(describing: refused))")
    guard case .clientMismatch(let missing, _, let deleted, _) = mismatch else {
      return XCTFail("not a client mismatch: \(mismatch)")
    }
    let bobDevice = await bob.session?.deviceId
    XCTAssertEqual(missing.map(\.deviceIds), [[try XCTUnwrap(bobDevice)]])
    XCTAssertEqual(deleted.map(\.deviceIds), [["00000000deadbeef"]])

    // Bob adds a laptop between alice's device listing and her send: the
    // SDK claims the laptop's prekey and retries with the same id.
    let laptop = try harness.client()
    let seen = Seen()
    try await alice.sendMessage(to: conversation, messageId: "with-retry") { recipient in
      if seen.first() { try await laptop.login(handle: "bob", password: password) }
      seen.add(recipient.deviceId)
      return Data("PLACEHOLDER:to every device".utf8)
    }
    let laptopId = await laptop.session?.deviceId
    let laptopDevice = try XCTUnwrap(laptopId)
    XCTAssertTrue(seen.values.contains(laptopDevice), "the retry encrypted for the laptop: \(seen.values)")
    let laptopInbox = Inbox(laptop)
    defer { laptopInbox.cancel() }
    let delivered = try await laptopInbox.nextMessage()
    XCTAssertEqual(delivered.text, "to every device")
  }

  func testARemovedDevicesStreamEndsWithSessionEndedAndItGetsNoMoreMessages() async throws {
    let harness = try Harness()
    defer { harness.close() }
    let (alice, bob, conversation) = try await harness.connected()
    let laptop = try harness.client()
    try await laptop.login(handle: "bob", password: password)
    let laptopInbox = Inbox(laptop)
    defer { laptopInbox.cancel() }

    try await alice.sendMessage(to: conversation, encrypt: plaintext("to both"))
    let first = try await laptopInbox.nextMessage()
    XCTAssertEqual(first.text, "to both")
    var remove = Missive_V1_RemoveDeviceRequest()
    let laptopId = await laptop.session?.deviceId
    remove.deviceID = try XCTUnwrap(laptopId)
    remove.password = password
    _ = try await bob.devices.removeDevice(remove, metadata: bob.auth())

    let ended = try await laptopInbox.ended()
    guard case .sessionEnded? = ended as? MissiveError else {
      return XCTFail("ended with \(ended)")
    }
    let seen = Seen()
    try await alice.sendMessage(to: conversation) { recipient in
      seen.add(recipient.deviceId)
      return Data("PLACEHOLDER:x".utf8)
    }
    let bobId = await bob.session?.deviceId
    let bobDevice = try XCTUnwrap(bobId)
    XCTAssertEqual(seen.values, [bobDevice], "the removed laptop is no longer a recipient")
  }

  func testADeviceLogsInAgainWithItsKeyAndConcurrentRefreshesShareOne() async throws {
    let harness = try Harness()
    defer { harness.close() }
    let alice = try harness.client()
    let first = try await alice.register(handle: "alice", password: password)
    let again = try harness.client()
    let session = try await again.loginWithDeviceKey(
      userId: first.userId, domain: first.domain, handle: first.handle, secretKey: first.secretKeyBytes())
    XCTAssertEqual(session.deviceId, first.deviceId)
    let found = try await again.user(handle: "alice")
    XCTAssertEqual(found.handle, "alice")

    let refreshed = try await withThrowingTaskGroup(of: DeviceSession.self) { group in
      for _ in 0..<5 { group.addTask { try await again.refresh(seen: session) } }
      return try await group.reduce(into: [DeviceSession]()) { $0.append($1) }
    }
    XCTAssertEqual(Set(refreshed.map(\.refreshToken)).count, 1, "one refresh for five callers")
    XCTAssertNotEqual(refreshed[0].refreshToken, session.refreshToken)
    // The rotated-away refresh token is spent.
    let stale = try harness.client(session: session)
    do {
      try await stale.refresh()
      XCTFail("a spent refresh token was accepted")
    } catch MissiveError.sessionEnded(let error) {
      XCTAssertEqual(error.code, .unauthenticated)
    }
  }

  func testAnAssetGoesUpAcrossARestartComesDownCheckedAndALaterRunResumesOne() async throws {
    let harness = try Harness()
    defer { harness.close() }
    let (alice, bob, _) = try await harness.connected()
    var generator = SeededGenerator(seed: 7)
    let bytes = Data((0..<(3 * (1 << 20) + 12345)).map { _ in UInt8.random(in: .min ... .max, using: &generator) })

    let restarts = Seen()
    let server = harness.server
    let asset = try await alice.uploadAsset(bytes) { sent, _ in
      // The server goes away after the first chunk: the next is retried.
      if sent == 1 << 20 && restarts.first() { try? server.restart() }
    }
    XCTAssertTrue(restarts.happened, "the server was restarted during the upload")
    XCTAssertTrue(asset.finished)
    let downloaded = try await bob.downloadAsset(asset.id, token: asset.token)
    XCTAssertEqual(downloaded, bytes, "bob gets the same bytes")

    // An upload cut after its first chunk is resumed from what the server has.
    var create = Missive_V1_CreateAssetRequest()
    create.size = UInt64(bytes.count)
    create.sha256 = Data(SHA256.hash(data: bytes))
    create.retention = .persistent
    let created = try await alice.assets.createAsset(create, metadata: alice.auth())
    var append = Missive_V1_AppendAssetChunkRequest()
    append.asset = created.asset.id
    append.offset = 0
    append.data = bytes.prefix(1 << 20)
    _ = try await alice.assets.appendAssetChunk(append, metadata: alice.auth())
    let reported = Seen()
    let resumed = try await alice.uploadAsset(bytes, resume: created.asset.id) { sent, _ in
      reported.add(String(sent))
    }
    XCTAssertEqual(reported.values.first, String(1 << 20), "resumed from the server's offset")
    let again = try await bob.downloadAsset(resumed.id, token: resumed.token)
    XCTAssertEqual(again, bytes)
  }
}

/// What a callback saw, for the test to read afterwards.
private final class Seen: Sendable {
  private let state = Mutex<(calls: Int, values: [String])>((0, []))
  /// True on the first call only.
  func first() -> Bool {
    state.withLock {
      $0.calls += 1; return $0.calls == 1
    }
  }
  var happened: Bool { state.withLock { $0.calls > 0 } }
  func add(_ value: String) { state.withLock { $0.values.append(value) } }
  var values: [String] { state.withLock { $0.values } }
}

/// Repeatable bytes (SplitMix64), so a failure can be reproduced.
private struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
