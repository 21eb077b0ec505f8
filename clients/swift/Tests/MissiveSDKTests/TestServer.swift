import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import MissiveSDK

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A real missive-server (the cargo-built binary) on a free port, for one test.
/// `MISSIVE_SERVER_BIN` names it; `scripts/swift-test.sh` sets it.
final class TestServer: @unchecked Sendable {
  let port: Int
  private let binary: URL
  private let dataDir: URL
  private var process: Process?

  init() throws {
    guard let path = ProcessInfo.processInfo.environment["MISSIVE_SERVER_BIN"] else {
      throw TestServerError("set MISSIVE_SERVER_BIN to a built missive-server (cargo build -p missive-server)")
    }
    binary = URL(fileURLWithPath: path)
    port = try freePort()
    dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("missive-swift-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
    try launch()
  }

  private func launch() throws {
    let process = Process()
    process.executableURL = binary
    var env = ProcessInfo.processInfo.environment
    env["DATABASE_URL"] = nil
    env["REDIS_URL"] = nil
    env["MISSIVE_LISTEN"] = "127.0.0.1:\(port)"
    env["MISSIVE_DATA_DIR"] = dataDir.path
    env["RUST_LOG"] = "warn"
    process.environment = env
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    self.process = process
    for _ in 0..<200 {
      if accepts(port) { return }
      usleep(50_000)
    }
    throw TestServerError("missive-server did not listen on \(port)")
  }

  /// SIGTERM (streams end with UNAVAILABLE), then the same port and data again.
  func restart() throws {
    stop()
    try launch()
  }

  func stop() {
    guard let process else { return }
    process.terminate()
    // The server drains open connections on SIGTERM; a client whose tasks
    // are blocked here cannot close them, so it gets 3 s, then SIGKILL
    // (what it stored is durable either way).
    for _ in 0..<60 where process.isRunning { usleep(50_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    self.process = nil
  }

  func close() {
    stop()
    try? FileManager.default.removeItem(at: dataDir)
  }

  func transport() throws -> HTTP2ClientTransport.Posix {
    try missiveTransport(host: "127.0.0.1", port: port, plaintext: true)
  }
}

struct TestServerError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

// Two small socket calls, written for both libcs: Foundation has no portable socket API.
#if canImport(Glibc)
  private let streamSocket = Int32(SOCK_STREAM.rawValue)
  private func closeSocket(_ fd: Int32) { _ = Glibc.close(fd) }
#else
  private let streamSocket = SOCK_STREAM
  private func closeSocket(_ fd: Int32) { _ = Darwin.close(fd) }
#endif

private func loopback(port: Int) -> sockaddr_in {
  var address = sockaddr_in()
  #if canImport(Darwin)
    address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
  #endif
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = UInt16(port).bigEndian
  return address
}

/// A port the kernel hands out for 127.0.0.1, closed again for the server to take.
private func freePort() throws -> Int {
  let fd = socket(AF_INET, streamSocket, 0)
  guard fd >= 0 else { throw TestServerError("socket: \(errno)") }
  defer { closeSocket(fd) }
  var address = loopback(port: 0)
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
      bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
    }
  }
  guard bound else { throw TestServerError("bind: \(errno)") }
  return Int(UInt16(bigEndian: address.sin_port))
}

private func accepts(_ port: Int) -> Bool {
  let fd = socket(AF_INET, streamSocket, 0)
  guard fd >= 0 else { return false }
  defer { closeSocket(fd) }
  var address = loopback(port: port)
  return withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
    }
  }
}
