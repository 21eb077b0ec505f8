//! Missive's APIs as generated Rust types, tonic servers and tonic clients:
//! the client API `missive.v1` and the federation API
//! `missive.federation.v1`. Hand-written code lives elsewhere; this crate
//! only compiles `missive/**/*.proto`, and names the codec the client API
//! uses.

pub mod codec;

pub mod v1 {
    #![allow(clippy::all, missing_docs)]
    tonic::include_proto!("missive.v1");
}

pub mod federation {
    pub mod v1 {
        #![allow(clippy::all, missing_docs)]
        include!(concat!(env!("OUT_DIR"), "/federation/missive.federation.v1.rs"));
    }

    /// Encoded `FileDescriptorSet` of `missive.federation.v1` (and what it imports).
    pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/federation_descriptor.bin"));
}

/// Encoded `FileDescriptorSet` of every `missive.v1` file, for gRPC reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/missive_descriptor.bin"));
