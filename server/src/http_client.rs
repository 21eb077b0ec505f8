//! The server's one way to make outgoing HTTP requests (the S3 asset store,
//! the push services): hyper over rustls with ring and the webpki roots, so
//! there is one HTTP client and one TLS stack in the binary.

use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use std::sync::Arc;
use std::time::Duration;

/// A connector for `https://` and `http://` (a local test server, or an
/// operator's own endpoint), HTTP/1.1 and HTTP/2 by ALPN, with
/// `TCP_NODELAY`: small requests must not wait on Nagle.
pub fn https_connector(connect_timeout: Duration) -> Result<HttpsConnector<HttpConnector>, rustls::Error> {
    let mut tcp = HttpConnector::new();
    tcp.enforce_http(false);
    tcp.set_nodelay(true);
    tcp.set_connect_timeout(Some(connect_timeout));
    Ok(hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_webpki_roots(Arc::new(rustls::crypto::ring::default_provider()))?
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .wrap_connector(tcp))
}
