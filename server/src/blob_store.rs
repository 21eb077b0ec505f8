//! Where asset bytes live: the local filesystem under the data directory by
//! default, or an S3-compatible bucket named by URL. Either is reached
//! through `object_store`; S3 requests go through the hyper and rustls
//! (ring) stack the server already has, so there is one HTTP client and one
//! TLS stack in the binary.

use anyhow::Context;
use http_body_util::BodyExt;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::rt::TokioExecutor;
use object_store::ObjectStore;
use object_store::aws::AmazonS3Builder;
use object_store::client::{
    ClientOptions, HttpClient, HttpConnector, HttpError, HttpErrorKind, HttpRequest, HttpRequestBody, HttpResponse,
    HttpResponseBody, HttpService,
};
use object_store::local::LocalFileSystem;
use object_store::prefix::PrefixStore;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// How long an S3 request may wait for its answer's head; bodies stream
/// as long as they flow. (`ClientOptions` timeouts apply to object_store's
/// own reqwest client only, so the connector enforces this one.)
const S3_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const S3_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// An S3-compatible bucket: `s3://bucket[/prefix]` and how to reach it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct S3Settings {
    pub bucket: String,
    pub prefix: String,
    /// `http(s)://host:port` of a non-AWS server; unset for AWS itself.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    Directory(PathBuf),
    S3(S3Settings),
}

impl StoreLocation {
    /// For the log: never the credentials.
    pub fn describe(&self) -> String {
        match self {
            StoreLocation::Directory(dir) => format!("directory {}", dir.display()),
            StoreLocation::S3(s3) => {
                let endpoint = s3.endpoint.as_deref().unwrap_or("AWS");
                format!("s3://{}/{} at {endpoint}", s3.bucket, s3.prefix)
            }
        }
    }
}

/// Opens the store and checks that it answers, so a wrong bucket or key
/// stops the start rather than the first upload.
pub async fn open(location: &StoreLocation) -> anyhow::Result<Arc<dyn ObjectStore>> {
    let store: Arc<dyn ObjectStore> = match location {
        StoreLocation::Directory(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating asset directory {}", dir.display()))?;
            Arc::new(
                LocalFileSystem::new_with_prefix(dir)
                    .with_context(|| format!("opening asset directory {}", dir.display()))?
                    // A chunk acknowledged, or an asset finished, is on the disk.
                    .with_fsync(true)
                    // Uploads' directories go with their last chunk.
                    .with_automatic_cleanup(true),
            )
        }
        StoreLocation::S3(s3) => {
            // The environment first (AWS_* variables, as every S3 tool reads
            // them), then what the configuration names.
            let mut builder =
                AmazonS3Builder::from_env().with_bucket_name(&s3.bucket).with_http_connector(HyperConnector);
            if let Some(endpoint) = &s3.endpoint {
                builder = builder.with_endpoint(endpoint).with_allow_http(endpoint.starts_with("http://"));
            }
            if let Some(region) = &s3.region {
                builder = builder.with_region(region);
            }
            if let Some(key) = &s3.access_key_id {
                builder = builder.with_access_key_id(key);
            }
            if let Some(secret) = &s3.secret_access_key {
                builder = builder.with_secret_access_key(secret);
            }
            let bucket = builder.build().with_context(|| format!("configuring {}", location.describe()))?;
            let store: Arc<dyn ObjectStore> = match s3.prefix.is_empty() {
                true => Arc::new(bucket),
                false => Arc::new(PrefixStore::new(bucket, s3.prefix.as_str())),
            };
            // One request whatever the bucket holds (a prefix nothing is
            // stored under): proves the bucket exists and takes the
            // credentials. A HEAD could not tell a missing bucket from a
            // missing key.
            store
                .list_with_delimiter(Some(&object_store::path::Path::from("missive-start-check")))
                .await
                .with_context(|| format!("reaching the asset store ({})", location.describe()))?;
            store
        }
    };
    Ok(store)
}

/// The default directory, under the data directory.
pub fn default_directory(data_dir: &Path) -> PathBuf {
    data_dir.join("assets")
}

#[derive(Debug)]
struct HyperConnector;

impl HttpConnector for HyperConnector {
    fn connect(&self, _options: &ClientOptions) -> object_store::Result<HttpClient> {
        let https = crate::http_client::https_connector(S3_CONNECT_TIMEOUT)
            .map_err(|err| object_store::Error::Generic { store: "S3", source: Box::new(err) })?;
        Ok(HttpClient::new(HyperService(Client::builder(TokioExecutor::new()).build(https))))
    }
}

#[derive(Debug)]
struct HyperService(Client<HttpsConnector<TcpConnector>, HttpRequestBody>);

#[async_trait::async_trait]
impl HttpService for HyperService {
    async fn call(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        let response = match tokio::time::timeout(S3_REQUEST_TIMEOUT, self.0.request(request)).await {
            Ok(Ok(response)) => response,
            Ok(Err(err)) => {
                let kind = if err.is_connect() { HttpErrorKind::Connect } else { HttpErrorKind::Request };
                return Err(HttpError::new(kind, err));
            }
            Err(elapsed) => return Err(HttpError::new(HttpErrorKind::Timeout, elapsed)),
        };
        let (parts, body) = response.into_parts();
        let body = body.map_err(|err| HttpError::new(HttpErrorKind::Interrupted, err));
        Ok(HttpResponse::from_parts(parts, HttpResponseBody::new(body)))
    }
}
