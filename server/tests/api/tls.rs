//! The client API over TLS: what clients are shown, what a reload changes,
//! and what a client that gets it wrong is answered.

use crate::helpers::*;
use missive_proto::v1 as pb;
use missive_testkit::federation::{CertPair, KeyForm, TestCa, federation_client, from_origin};
use rustls::client::ResolvesClientCert;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::sign::CertifiedKey;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use tonic::Code;

/// Whether the server asked for a client certificate: rustls asks the
/// resolver only when a CertificateRequest arrives.
#[derive(Debug, Default)]
struct AskedForCertificate(AtomicBool);

impl ResolvesClientCert for AskedForCertificate {
    fn resolve(&self, _: &[&[u8]], _: &[rustls::SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        self.0.store(true, Ordering::SeqCst);
        None
    }

    fn has_certs(&self) -> bool {
        true
    }
}

fn client_config(
    ca_pem: &str,
    versions: &[&'static rustls::SupportedProtocolVersion],
    alpn: &[&[u8]],
    asked: Arc<AskedForCertificate>,
) -> rustls::ClientConfig {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(ca_pem.as_bytes()) {
        roots.add(cert.unwrap()).unwrap();
    }
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_protocol_versions(versions)
        .unwrap()
        .with_root_certificates(roots)
        .with_client_cert_resolver(asked);
    config.alpn_protocols = alpn.iter().map(|protocol| protocol.to_vec()).collect();
    config
}

async fn handshake(app: &TestApp, config: rustls::ClientConfig) -> std::io::Result<TlsStream<TcpStream>> {
    let tcp = TcpStream::connect(app.addr).await?;
    let name = ServerName::try_from("localhost").unwrap();
    TlsConnector::from(Arc::new(config)).connect(name, tcp).await
}

/// The leaf certificate a new connection is shown.
async fn shown_certificate(app: &TestApp) -> Vec<u8> {
    let ca = app.tls_ca.as_deref().unwrap();
    let config = client_config(ca, &[&rustls::version::TLS13], &[b"h2"], Arc::default());
    let stream = handshake(app, config).await.expect("handshake");
    stream.get_ref().1.peer_certificates().expect("a certificate")[0].to_vec()
}

fn leaf_of(pair: &CertPair) -> Vec<u8> {
    CertificateDer::pem_slice_iter(pair.cert_pem.as_bytes()).next().unwrap().unwrap().to_vec()
}

/// Replaces the files the server was started with.
fn overwrite(app: &TestApp, cert_pem: &str, key_pem: &str) {
    std::fs::write(app.config.tls_cert_file.as_ref().unwrap(), cert_pem).unwrap();
    std::fs::write(app.config.tls_key_file.as_ref().unwrap(), key_pem).unwrap();
}

/// Sends `request` over `stream` and reads until the server closes.
async fn exchange<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(stream: &mut S, request: &[u8]) -> String {
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn the_client_api_speaks_tls_1_3_and_1_2_for_grpc_and_grpc_web_and_asks_no_client_certificate() {
    let ca = TestCa::new("api");
    let app = spawn_app_tls(BACKEND, &ca, |_| {}).await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    app.connect(&alice, &bob).await;

    for (version, alpn, expected) in [
        (&rustls::version::TLS13, &[&b"h2"[..], b"http/1.1"][..], b"h2".as_slice()),
        (&rustls::version::TLS12, &[&b"http/1.1"[..]][..], b"http/1.1".as_slice()),
    ] {
        let asked = Arc::new(AskedForCertificate::default());
        let stream = handshake(&app, client_config(&ca.pem(), &[version], alpn, asked.clone())).await.expect("handshake");
        let session = stream.get_ref().1;
        assert_eq!(session.protocol_version(), Some(version.version));
        assert_eq!(session.alpn_protocol(), Some(expected));
        assert!(!asked.0.load(Ordering::SeqCst), "the client API asked for a client certificate");
    }

    // A backend's federation identity is no credential here: the client
    // API never asks for it, does not serve the federation API, and wants
    // a token like from anyone.
    let pair = ca.issue(&["fed.b.example"]);
    let mut federation = federation_client(app.addr, &ca.pem(), Some(&pair), "localhost").await.expect("connects");
    let ask = from_origin("b.example", missive_proto::federation::v1::GetUserByHandleRequest { handle: "alice".into() });
    let refused = federation.get_user_by_handle(ask).await.unwrap_err();
    assert_eq!(refused.code(), Code::Unimplemented, "{refused:?}");
    let channel = tonic::transport::Endpoint::from_shared(format!("https://{}", app.addr))
        .unwrap()
        .tls_config(
            tonic::transport::ClientTlsConfig::new()
                .ca_certificate(tonic::transport::Certificate::from_pem(ca.pem()))
                .identity(tonic::transport::Identity::from_pem(&pair.cert_pem, &pair.key_pem))
                .domain_name("localhost"),
        )
        .unwrap()
        .connect()
        .await
        .unwrap();
    let refused = pb::user_service_client::UserServiceClient::new(channel)
        .get_self(pb::GetSelfRequest {})
        .await
        .unwrap_err();
    assert_eq!(refused.code(), Code::Unauthenticated, "{refused:?}");
}

#[tokio::test]
async fn certificate_keys_are_read_in_pkcs8_sec1_and_pkcs1() {
    let ca = TestCa::new("api");
    let dir = tempfile::tempdir().unwrap();
    for form in [KeyForm::Pkcs8, KeyForm::Sec1, KeyForm::Pkcs1] {
        let pair = ca.issue_with_key(&TLS_NAMES, form);
        let (cert, key) = pair.write(dir.path(), &format!("{form:?}"));
        missive_server::tls::load(&cert, &key).unwrap_or_else(|err| panic!("{form:?}: {err}"));
    }
    // A key that is not the certificate's is refused, naming both files.
    let (cert, _) = ca.issue(&TLS_NAMES).write(dir.path(), "mine");
    let (_, other_key) = ca.issue(&TLS_NAMES).write(dir.path(), "other");
    let refused = missive_server::tls::load(&cert, &other_key).unwrap_err();
    assert!(refused.contains("other.key") && refused.contains("mine.crt"), "{refused}");
}

#[tokio::test]
async fn a_new_certificate_reaches_new_connections_while_open_streams_keep_going() {
    let ca = TestCa::new("api");
    let mut app = spawn_app_tls(BACKEND, &ca, |_| {}).await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let conversation = app.connect(&alice, &bob).await;
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();
    let first = shown_certificate(&app).await;

    // Renewed, with an RSA key in PKCS#1 this time.
    let renewed = ca.issue_with_key(&TLS_NAMES, KeyForm::Pkcs1);
    overwrite(&app, &renewed.cert_pem, &renewed.key_pem);
    let changed = app.reload(|_| {}).expect("reloads");
    assert_eq!(changed.len(), 1, "{changed:?}");
    let shown = shown_certificate(&app).await;
    assert_ne!(shown, first);
    assert_eq!(shown, leaf_of(&renewed), "new connections see the new certificate");

    // The stream opened before the reload keeps going.
    app.send(&alice, &conversation, "after-reload", &[&bob]).await.expect("send");
    let (_, added) = bob_events.next_message().await;
    assert_eq!(added.message_id, "after-reload");
    // And a new channel works end to end.
    let fresh = missive_testkit::connect(app.addr, app.tls_ca.as_deref()).await.expect("a new TLS channel");
    let ping = authed(pb::PingRequest::default(), alice.token());
    pb::ping_service_client::PingServiceClient::new(fresh).ping(ping).await.expect("ping");

    // A bad file keeps the certificate in force.
    overwrite(&app, "not a certificate", &renewed.key_pem);
    let refused = app.reload(|_| {}).unwrap_err();
    assert!(refused.contains("tls_cert_file"), "{refused}");
    let expired = ca.issue_expired(&TLS_NAMES);
    overwrite(&app, &expired.cert_pem, &expired.key_pem);
    let refused = app.reload(|_| {}).unwrap_err();
    assert!(refused.contains("expired on"), "{refused}");
    assert_eq!(shown_certificate(&app).await, leaf_of(&renewed), "the certificate in force stays");
}

#[tokio::test]
async fn plaintext_and_alpn_less_clients_get_clear_answers() {
    let ca = TestCa::new("api");
    let app = spawn_app_tls(BACKEND, &ca, |_| {}).await;

    // gRPC in plaintext fails at once rather than hanging...
    let plaintext = tokio::time::timeout(Duration::from_secs(10), async {
        let channel = missive_testkit::connect(app.addr, None).await?;
        let ping = pb::ping_service_client::PingServiceClient::new(channel).ping(pb::PingRequest::default()).await;
        Ok::<_, Box<dyn std::error::Error>>(ping.is_ok())
    })
    .await
    .expect("answered within 10 s");
    assert!(!plaintext.unwrap_or(false), "a plaintext gRPC call succeeded on the TLS port");
    // ...and HTTP/1.1 in plaintext is told why.
    let mut tcp = TcpStream::connect(app.addr).await.unwrap();
    let answer = exchange(&mut tcp, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").await;
    assert!(answer.starts_with("HTTP/1.1 400") && answer.contains("TLS only"), "{answer:?}");

    // A client hello without ALPN is served; the HTTP version comes from
    // what the client then speaks: here gRPC-web over HTTP/1.1.
    let config = client_config(&ca.pem(), &[&rustls::version::TLS13], &[], Arc::default());
    let mut stream = handshake(&app, config).await.expect("handshake without ALPN");
    assert_eq!(stream.get_ref().1.alpn_protocol(), None);
    let request = b"POST /grpc.health.v1.Health/Check HTTP/1.1\r\nHost: localhost\r\n\
        Content-Type: application/grpc-web+proto\r\nX-Grpc-Web: 1\r\nContent-Length: 5\r\nConnection: close\r\n\r\n\0\0\0\0\0";
    let answer = exchange(&mut stream, request).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    assert!(answer.contains("grpc-status:0"), "{answer:?}");

    // The server still serves everyone else.
    app.register("alice").await;
}

#[tokio::test]
async fn an_expired_certificate_stops_the_start_naming_the_file_and_the_date() {
    let ca = TestCa::new("api");
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = ca.issue_expired(&TLS_NAMES).write(dir.path(), "expired");
    let mut config = missive_server::Config::embedded_default();
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.data_dir = dir.path().join("data");
    config.tls_cert_file = Some(cert.clone());
    config.tls_key_file = Some(key);
    let refused = missive_server::App::build(config).await.err().expect("refused");
    let message = format!("{refused:#}");
    assert!(message.contains(&cert.display().to_string()) && message.contains("expired on"), "{message}");
    assert!(message.contains("2021"), "the expiry date: {message}");
}
