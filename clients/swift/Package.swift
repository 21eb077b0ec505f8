// swift-tools-version:6.2
// 6.2: swift-protobuf 1.38's generated code declares `nonisolated` types.
import PackageDescription

let package = Package(
  name: "MissiveSDK",
  // grpc-swift 2 runs on these and later.
  platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
  products: [
    .library(name: "MissiveSDK", targets: ["MissiveSDK"])
  ],
  dependencies: [
    .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.0"),
    .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.0"),
    .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.0"),
    .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.38.0"),
    // CryptoKit's API on Linux too, for the device's Ed25519 key and SHA-256.
    .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
  ],
  targets: [
    .target(
      name: "MissiveSDK",
      dependencies: [
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .testTarget(
      name: "MissiveSDKTests",
      dependencies: ["MissiveSDK"]
    ),
  ]
)
