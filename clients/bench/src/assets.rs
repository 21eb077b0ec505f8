//! Asset throughput: a 25 MiB asset uploaded in 1 MiB chunks (CreateAsset,
//! 25 AppendAssetChunk, FinishAsset, one after the other as a client sends
//! them) and downloaded as a stream, on the local directory store and on a
//! real S3 server (s3s-fs on loopback, in this process). In the same run, a
//! plain copy and a plain read of the same bytes in the same temporary
//! directory give the floor, so the ratios hold whatever the disk.

use crate::client::{Pool, authed, register};
use crate::server::Server;
use crate::{Args, Sample};
use missive_proto::v1 as pb;
use missive_proto::v1::asset_service_client::AssetServiceClient;
use missive_testkit::s3::{ACCESS_KEY, BUCKET, S3Server, SECRET_KEY};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::Instant;

const SIZE: usize = 25 << 20;
const CHUNK: usize = 1 << 20;
const MIB: f64 = (1 << 20) as f64;

pub async fn assets(args: &Args, server: &Server, binary: &Path) -> anyhow::Result<Sample> {
    let mut bytes = vec![0u8; SIZE];
    getrandom::fill(&mut bytes).map_err(|err| anyhow::anyhow!("randomness: {err}"))?;
    let mut sample = Sample::new();

    let (copy, read) = file_floor(&bytes)?;
    sample.insert("file_copy_mib_s".into(), copy);
    sample.insert("file_read_mib_s".into(), read);

    let (up, down, finish) = measure(server, &bytes).await?;
    sample.insert("fs_finish_ms".into(), finish);
    sample.insert("fs_upload_mib_s".into(), up);
    sample.insert("fs_download_mib_s".into(), down);
    sample.insert("fs_upload_vs_copy".into(), up / copy);
    sample.insert("fs_download_vs_read".into(), down / read);

    let s3 = S3Server::start().await?;
    let settings = [
        ("MISSIVE_ASSET_STORE", format!("s3://{BUCKET}/bench")),
        ("MISSIVE_ASSET_S3_ENDPOINT", s3.endpoint.clone()),
        ("MISSIVE_ASSET_S3_REGION", "us-east-1".to_owned()),
        ("MISSIVE_ASSET_S3_ACCESS_KEY_ID", ACCESS_KEY.to_owned()),
        ("MISSIVE_ASSET_S3_SECRET_ACCESS_KEY", SECRET_KEY.to_owned()),
    ];
    let on_s3 = Server::start_with(binary, server.backend, args.tls, &settings).await?;
    let measured = measure(&on_s3, &bytes).await;
    on_s3.stop().await;
    let (up, down, finish) = measured?;
    sample.insert("s3_finish_ms".into(), finish);
    sample.insert("s3_upload_mib_s".into(), up);
    sample.insert("s3_download_mib_s".into(), down);
    sample.insert("s3_upload_vs_copy".into(), up / copy);
    sample.insert("s3_download_vs_read".into(), down / read);
    Ok(sample)
}

/// MiB/s of `std::fs::copy` and of `std::fs::read` of the bytes, in the
/// temporary directory the servers keep their data in.
fn file_floor(bytes: &[u8]) -> anyhow::Result<(f64, f64)> {
    let dir = std::env::temp_dir().join(format!("missive-bench-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (source, target) = (dir.join("source"), dir.join("target"));
    std::fs::write(&source, bytes)?;
    let started = Instant::now();
    std::fs::copy(&source, &target)?;
    let copy = SIZE as f64 / MIB / started.elapsed().as_secs_f64();
    let started = Instant::now();
    let read = std::fs::read(&target)?;
    let read_rate = read.len() as f64 / MIB / started.elapsed().as_secs_f64();
    std::fs::remove_dir_all(&dir)?;
    Ok((copy, read_rate))
}

/// Upload and download MiB/s through one server, and the FinishAsset time
/// (checking the SHA-256 and composing the chunks) in milliseconds.
async fn measure(server: &Server, bytes: &[u8]) -> anyhow::Result<(f64, f64, f64)> {
    let pool = Pool::new(server, 1).await?;
    let alice = register(&pool, format!("asset-owner-{}", server.addr.port())).await?;
    let mut client = AssetServiceClient::new(pool.get()).max_decoding_message_size(8 << 20);

    let started = Instant::now();
    let create = pb::CreateAssetRequest {
        size: bytes.len() as u64,
        sha256: Sha256::digest(bytes).to_vec(),
        retention: pb::Retention::Persistent as i32,
        expires_at: None,
        public: false,
    };
    let created = client.create_asset(authed(create, &alice.token)).await?.into_inner();
    let id = created.asset.and_then(|asset| asset.id).ok_or_else(|| anyhow::anyhow!("no asset id"))?;
    for (index, chunk) in bytes.chunks(CHUNK).enumerate() {
        let request = pb::AppendAssetChunkRequest {
            asset: Some(id.clone()),
            offset: (index * CHUNK) as u64,
            data: chunk.to_vec().into(),
        };
        client.append_asset_chunk(authed(request, &alice.token)).await?;
    }
    let finishing = Instant::now();
    client.finish_asset(authed(pb::FinishAssetRequest { asset: Some(id.clone()) }, &alice.token)).await?;
    let finish_ms = finishing.elapsed().as_secs_f64() * 1000.0;
    let upload = bytes.len() as f64 / MIB / started.elapsed().as_secs_f64();

    let started = Instant::now();
    let request = pb::DownloadAssetRequest { asset: Some(id), token: String::new(), offset: 0 };
    let mut stream = client.download_asset(authed(request, &alice.token)).await?.into_inner();
    let mut received = Vec::with_capacity(bytes.len());
    while let Some(piece) = stream.message().await? {
        received.extend_from_slice(&piece.data);
    }
    let download = received.len() as f64 / MIB / started.elapsed().as_secs_f64();
    anyhow::ensure!(received == bytes, "the download differs from the upload");
    Ok((upload, download, finish_ms))
}
