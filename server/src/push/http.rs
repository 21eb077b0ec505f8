//! The one HTTP client of the push providers: hyper with rustls (ring), the
//! stack the server already has. APNs speaks HTTP/2 only; FCM and Web Push
//! services take either, as TLS negotiates.

use crate::domain::push::WakeOutcome;
use bytes::Bytes;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::time::Duration;

/// An attempt's whole budget: connect, send, answer.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Answers are small (errors are JSON of a few hundred bytes).
const MAX_ANSWER: usize = 64 * 1024;

type Connector = HttpsConnector<HttpConnector>;

pub struct Http {
    any: Client<Connector, Full<Bytes>>,
    h2: Client<Connector, Full<Bytes>>,
}

#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Http {
    pub fn new() -> Result<Http, String> {
        let connector =
            || crate::http_client::https_connector(CONNECT_TIMEOUT).map_err(|err| format!("TLS for push: {err}"));
        Ok(Http {
            any: Client::builder(TokioExecutor::new()).build(connector()?),
            // Plain http (a local test server) needs prior knowledge.
            h2: Client::builder(TokioExecutor::new()).http2_only(true).build(connector()?),
        })
    }

    /// Sends `request` and reads the answer; an error is a transport failure
    /// (worth a retry), never an HTTP status.
    pub async fn send(&self, request: Request<Full<Bytes>>, http2_only: bool) -> Result<Answer, String> {
        let client = if http2_only { &self.h2 } else { &self.any };
        let exchange = async {
            let response = client.request(request).await.map_err(|err| format!("request failed: {err}"))?;
            let (parts, body) = response.into_parts();
            let body = http_body_util::Limited::new(body, MAX_ANSWER)
                .collect()
                .await
                .map_err(|err| format!("reading the answer: {err}"))?
                .to_bytes();
            Ok(Answer { status: parts.status, headers: parts.headers, body })
        };
        tokio::time::timeout(REQUEST_TIMEOUT, exchange).await.map_err(|_| "timed out".to_owned())?
    }
}

impl Http {
    /// One attempt at a wake-up: a request that cannot be built is refused
    /// for good, a transport failure is worth a retry.
    pub async fn attempt(
        &self,
        request: Result<Request<Full<Bytes>>, http::Error>,
        http2_only: bool,
    ) -> Result<Answer, WakeOutcome> {
        let request = request.map_err(|err| WakeOutcome::Refused(format!("cannot build the request: {err}")))?;
        self.send(request, http2_only).await.map_err(|reason| WakeOutcome::Retry { reason, after: None })
    }
}

/// `Retry-After` in seconds (the form push services use).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(seconds.min(24 * 3600)))
}

/// A short, printable excerpt of an answer's body for the log.
pub fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(200)]);
    text.chars().filter(|c| !c.is_control()).collect()
}
