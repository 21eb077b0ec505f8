//! Missive's client API, `missive.v1`, as generated Rust types, tonic servers
//! and tonic clients. Hand-written code lives elsewhere; this crate only
//! compiles `missive/v1/*.proto`.

pub mod v1 {
    #![allow(clippy::all, missing_docs)]
    tonic::include_proto!("missive.v1");
}

/// Encoded `FileDescriptorSet` of every `missive.v1` file, for gRPC reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/missive_descriptor.bin"));
