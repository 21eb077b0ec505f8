//! Compiles the client API (`missive/v1/*.proto`) and the federation API
//! (`missive/federation/v1/*.proto`) into Rust, each with its own
//! descriptor set, so each listener's reflection shows only its own API.
//!
//! protoc comes from `protoc-bin-vendored` so that no machine needs a system
//! protoc; `$PROTOC` still wins when set (e.g. to try a newer protoc).

use std::path::{Path, PathBuf};

fn protos_in(dir: &str) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let mut protos: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|ext| ext == "proto"))
        .collect();
    protos.sort();
    for proto in &protos {
        println!("cargo:rerun-if-changed={}", proto.display());
    }
    println!("cargo:rerun-if-changed={dir}");
    Ok(protos)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::var_os("PROTOC").is_none() {
        // SAFETY: build scripts are single-threaded; nothing else reads the
        // environment concurrently.
        unsafe { std::env::set_var("PROTOC", protoc_bin_vendored::protoc_bin_path()?) };
    }
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let include = [PathBuf::from(".")];
    // A smaller first buffer per call (src/codec.rs): an idle event stream
    // keeps its buffer. Asset bytes as `Bytes`: a chunk goes from the store
    // to the wire without a copy into a Vec.
    tonic_prost_build::configure()
        .codec_path("crate::codec::LeanCodec")
        .bytes(".missive.v1.AppendAssetChunkRequest.data")
        .bytes(".missive.v1.DownloadAssetResponse.data")
        .bytes(".missive.v1.ReadAssetResponse.data")
        .file_descriptor_set_path(out_dir.join("missive_descriptor.bin"))
        .compile_protos(&protos_in("missive/v1")?, &include)?;
    // Its own directory: protoc also hands over the imported missive.v1
    // files, and their partial output must not replace the client API's.
    let federation_out = Path::new(&out_dir).join("federation");
    std::fs::create_dir_all(&federation_out)?;
    tonic_prost_build::configure()
        .out_dir(&federation_out)
        .file_descriptor_set_path(out_dir.join("federation_descriptor.bin"))
        .extern_path(".missive.v1", "crate::v1")
        .bytes(".missive.federation.v1.StreamAssetResponse.data")
        .compile_protos(&protos_in("missive/federation/v1")?, &include)?;
    Ok(())
}
