//! `missive asset put` and `missive asset get`: uploads in 1 MiB chunks and
//! downloads as a stream, both with a progress bar, and both resume after a
//! dropped connection or a restarted server (docs/assets.md).

use crate::session::{Session, explain};
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use missive_proto::v1 as pb;
use prost::bytes::Bytes;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;
use std::time::Duration;
use tonic::Code;

/// Attempts per chunk (or per resumed download) before giving up.
const ATTEMPTS: u32 = 8;

fn bar(len: u64, verb: &str) -> ProgressBar {
    // Drawn on standard error, and only on a terminal.
    let bar = ProgressBar::new(len);
    let template = format!("{verb} {{bar:32}} {{bytes}}/{{total_bytes}} {{bytes_per_sec}} {{eta}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

/// Worth another try: the server or the link went away for a moment.
fn transient(status: &tonic::Status) -> bool {
    matches!(status.code(), Code::Unavailable | Code::Unknown | Code::Cancelled | Code::DeadlineExceeded)
}

async fn pause(attempt: u32) {
    tokio::time::sleep(Duration::from_millis(200 * (1u64 << attempt.min(5)))).await;
}

/// `call` again after a transient failure, with a growing pause.
async fn retrying<T, F, Fut>(mut call: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, tonic::Status>>,
{
    let mut attempt = 0;
    loop {
        match call().await {
            Ok(answer) => return Ok(answer),
            Err(status) if transient(&status) && attempt < ATTEMPTS => {
                attempt += 1;
                pause(attempt).await;
            }
            Err(status) => return Err(explain(status)),
        }
    }
}

/// A request that could not be made is not a transient failure.
fn internal(err: anyhow::Error) -> tonic::Status {
    tonic::Status::internal(err.to_string())
}

pub fn retention(name: &str) -> anyhow::Result<pb::Retention> {
    Ok(match name {
        "eternal" => pb::Retention::Eternal,
        "persistent" => pb::Retention::Persistent,
        "volatile" => pb::Retention::Volatile,
        other => bail!("retention {other:?}: choose eternal, persistent or volatile"),
    })
}

/// Uploads `file` (already encrypted by the caller's app: the CLI sends the
/// bytes as they are) and returns the finished asset.
pub async fn put(session: &Session, file: &Path, public: bool, retention: pb::Retention) -> anyhow::Result<pb::Asset> {
    let bytes = Bytes::from(std::fs::read(file).with_context(|| format!("reading {}", file.display()))?);
    let create = pb::CreateAssetRequest {
        size: bytes.len() as u64,
        sha256: Sha256::digest(&bytes).to_vec(),
        retention: retention as i32,
        expires_at: None,
        public,
    };
    let created = session.assets().create_asset(session.authed(create)?).await.map_err(explain)?.into_inner();
    let id = created.asset.and_then(|asset| asset.id).context("the server answered without an asset id")?;
    let chunk = (created.max_chunk_bytes as usize).clamp(1, 1 << 20);
    let progress = bar(bytes.len() as u64, "upload");
    let mut offset = 0usize;
    while offset < bytes.len() {
        let end = (offset + chunk).min(bytes.len());
        let request = pb::AppendAssetChunkRequest {
            asset: Some(id.clone()),
            offset: offset as u64,
            data: bytes.slice(offset..end),
        };
        let answer = retrying(|| async {
            session.assets().append_asset_chunk(session.authed(request.clone()).map_err(internal)?).await
        })
        .await?;
        // The server says where to go on: after this chunk, or where it
        // stands when a retry found the chunk already there.
        offset = usize::try_from(answer.into_inner().next_offset).context("offset")?;
        progress.set_position(offset as u64);
    }
    let finish = pb::FinishAssetRequest { asset: Some(id.clone()) };
    let answer =
        retrying(|| async { session.assets().finish_asset(session.authed(finish.clone()).map_err(internal)?).await })
            .await?;
    let asset = answer.into_inner().asset.context("the server answered without the asset")?;
    progress.finish_and_clear();
    Ok(asset)
}

/// Downloads an asset into `output`, resuming from the bytes received after
/// a cut, and checks its SHA-256.
pub async fn get(session: &Session, id: pb::QualifiedId, token: &str, output: &Path) -> anyhow::Result<u64> {
    let request = pb::GetAssetRequest { asset: Some(id.clone()), token: token.to_owned() };
    let asset = session.assets().get_asset(session.authed(request)?).await.map_err(explain)?.into_inner();
    let asset = asset.asset.context("the server answered without the asset")?;
    let progress = bar(asset.size, "download");
    let mut file = std::fs::File::create(output).with_context(|| format!("creating {}", output.display()))?;
    let mut hasher = Sha256::new();
    let mut received = 0u64;
    let mut attempt = 0;
    while received < asset.size {
        let request = pb::DownloadAssetRequest { asset: Some(id.clone()), token: token.to_owned(), offset: received };
        let cut = match session.assets().download_asset(session.authed(request)?).await {
            Ok(answer) => {
                let mut stream = answer.into_inner();
                loop {
                    match stream.message().await {
                        Ok(Some(piece)) => {
                            if piece.offset != received {
                                bail!("the server sent bytes at {} while {received} were expected", piece.offset);
                            }
                            file.write_all(&piece.data)?;
                            hasher.update(&piece.data);
                            received += piece.data.len() as u64;
                            progress.set_position(received);
                            attempt = 0;
                        }
                        Ok(None) => break None,
                        Err(status) => break Some(status),
                    }
                }
            }
            Err(status) => Some(status),
        };
        match cut {
            None if received < asset.size => bail!("the download ended at {received} of {} bytes", asset.size),
            None => {}
            Some(status) if transient(&status) && attempt < ATTEMPTS => {
                attempt += 1;
                pause(attempt).await;
            }
            Some(status) => return Err(explain(status)),
        }
    }
    progress.finish_and_clear();
    if hasher.finalize().as_slice() != asset.sha256.as_slice() {
        bail!("the downloaded bytes do not match the asset's SHA-256; {} is not to be trusted", output.display());
    }
    Ok(received)
}
