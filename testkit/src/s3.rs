//! A real S3-compatible server on loopback (s3s-fs: the S3 protocol over a
//! directory), in the test's own process, with signature checks on. The
//! production path of the asset store runs against it: SigV4 signing,
//! multipart uploads, ranged reads, listing.

use anyhow::Context;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use missive_server::Config;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use std::path::{Path, PathBuf};
use tokio::net::TcpListener;

pub const ACCESS_KEY: &str = "missive-test-access";
pub const SECRET_KEY: &str = "missive-test-secret-key-0123456789";
pub const BUCKET: &str = "missive-assets";

pub struct S3Server {
    /// `http://127.0.0.1:<port>`
    pub endpoint: String,
    root: tempfile::TempDir,
    task: tokio::task::JoinHandle<()>,
}

impl S3Server {
    /// Serves a fresh directory with the bucket [`BUCKET`] in it.
    pub async fn start() -> anyhow::Result<S3Server> {
        let root = tempfile::tempdir().context("S3 root directory")?;
        std::fs::create_dir_all(root.path().join(BUCKET))?;
        let fs = s3s_fs::FileSystem::new(root.path()).map_err(|err| anyhow::anyhow!("s3s-fs: {err:?}"))?;
        let mut builder = S3ServiceBuilder::new(fs);
        builder.set_auth(SimpleAuth::from_single(ACCESS_KEY, SECRET_KEY));
        let service = builder.build();
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let endpoint = format!("http://{}", listener.local_addr()?);
        let task = tokio::spawn(async move {
            let http = ConnBuilder::new(TokioExecutor::new());
            while let Ok((socket, _)) = listener.accept().await {
                // As S3 servers do: small answers must not wait on Nagle.
                let _ = socket.set_nodelay(true);
                let connection = http.serve_connection(TokioIo::new(socket), service.clone()).into_owned();
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
        });
        Ok(S3Server { endpoint, root, task })
    }

    /// Points a server's asset store at this bucket, under `prefix`.
    pub fn configure(&self, config: &mut Config, prefix: &str) {
        config.asset_store = format!("s3://{BUCKET}/{prefix}");
        config.asset_s3_endpoint = Some(self.endpoint.clone());
        config.asset_s3_region = Some("us-east-1".into());
        config.asset_s3_access_key_id = Some(ACCESS_KEY.into());
        config.asset_s3_secret_access_key = Some(SECRET_KEY.into());
    }

    /// The files the server holds under `prefix` of the bucket (the objects).
    pub fn objects(&self, prefix: &str) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut pending = vec![self.root.path().join(BUCKET).join(prefix)];
        while let Some(dir) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    found.push(path);
                }
            }
        }
        found
    }

    pub fn root(&self) -> &Path {
        self.root.path()
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}
