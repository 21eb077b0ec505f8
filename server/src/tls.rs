//! TLS on the client API: rustls with the ring provider, TLS 1.3 and 1.2,
//! ALPN `h2` and `http/1.1` (gRPC and gRPC-web on one port), no client
//! certificate asked for. The certificate and key come from files, read at
//! start and again on each reload (SIGHUP); a reload changes what new
//! connections are shown and nothing else, so open streams keep going.
//!
//! Handshakes run off the accept loop with a deadline, so a slow or broken
//! client holds nobody else up.

use rustls::ServerConfig;
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;
use tokio_stream::wrappers::ReceiverStream;

/// The longest a client may take over its handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The first byte of a TLS handshake record.
const TLS_HANDSHAKE: u8 = 0x16;

/// What a client speaking plaintext to the TLS port is answered, in the one
/// framing a plaintext client may show a person: HTTP/1.1.
const PLAINTEXT_REFUSAL: &[u8] = b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 50\r\n\r\nThis port speaks TLS only: connect with https://.\n";

/// The certificate in force: read at each handshake, replaced on reload.
#[derive(Debug)]
pub struct ServedCertificate(RwLock<Arc<CertifiedKey>>);

impl ServedCertificate {
    pub fn new(key: CertifiedKey) -> ServedCertificate {
        ServedCertificate(RwLock::new(Arc::new(key)))
    }

    /// Puts `key` in force for new connections; `false` when it was already.
    pub fn replace(&self, key: CertifiedKey) -> bool {
        let mut current = self.0.write().unwrap_or_else(PoisonError::into_inner);
        let changed = current.cert != key.cert;
        *current = Arc::new(key);
        changed
    }
}

impl ResolvesServerCert for ServedCertificate {
    fn resolve(&self, _: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.0.read().unwrap_or_else(PoisonError::into_inner).clone())
    }
}

/// Reads a certificate chain and its key, and checks that they belong
/// together and that the leaf is valid now. Errors are one line naming the
/// file.
pub fn load(cert_file: &Path, key_file: &Path) -> Result<CertifiedKey, String> {
    let cert_name = cert_file.display();
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert_file)
        .and_then(|certs| certs.collect::<Result<_, _>>())
        .map_err(|err| format!("tls_cert_file {cert_name}: {err}"))?;
    let Some(leaf) = chain.first() else {
        return Err(format!("tls_cert_file {cert_name}: no PEM certificate in the file"));
    };
    check_validity(&cert_name.to_string(), leaf)?;
    let key_name = key_file.display();
    let key = PrivateKeyDer::from_pem_file(key_file).map_err(|err| format!("tls_key_file {key_name}: {err}"))?;
    let signing = rustls::crypto::ring::default_provider()
        .key_provider
        .load_private_key(key)
        .map_err(|err| format!("tls_key_file {key_name}: {err}"))?;
    let certified = CertifiedKey::new(chain, signing);
    certified
        .keys_match()
        .map_err(|err| format!("tls_key_file {key_name} is not the key of tls_cert_file {cert_name}: {err}"))?;
    Ok(certified)
}

/// A certificate outside its validity period would be refused by every
/// client: better refused at start, naming the date.
fn check_validity(file: &str, leaf: &CertificateDer<'_>) -> Result<(), String> {
    let (_, parsed) = x509_parser::parse_x509_certificate(leaf.as_ref())
        .map_err(|err| format!("tls_cert_file {file}: the first certificate does not parse: {err}"))?;
    let validity = parsed.validity();
    let now = x509_parser::time::ASN1Time::now();
    if validity.not_after < now {
        return Err(format!("tls_cert_file {file}: the certificate expired on {}", validity.not_after));
    }
    if validity.not_before > now {
        return Err(format!("tls_cert_file {file}: the certificate is not valid before {}", validity.not_before));
    }
    Ok(())
}

/// The rustls configuration of the client API around `served`.
pub fn server_config(served: Arc<ServedCertificate>) -> Result<ServerConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|err| format!("TLS configuration: {err}"))?
        .with_no_client_auth()
        .with_cert_resolver(served);
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// Accepted connections, handshaken. Ends when the receiver is dropped (the
/// server stopped), which also closes the listener.
pub fn incoming(listener: TcpListener, acceptor: TlsAcceptor) -> ReceiverStream<std::io::Result<TlsStream<TcpStream>>> {
    let (handshaken, stream) = tokio::sync::mpsc::channel(64);
    tokio::spawn(async move {
        loop {
            let (tcp, peer) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(pair) => pair,
                    Err(err) => {
                        // Out of file descriptors, most likely: wait, not spin.
                        tracing::warn!(error = %err, "cannot accept a connection");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = handshaken.closed() => return,
            };
            if let Err(err) = tcp.set_nodelay(true) {
                tracing::debug!(error = %err, "cannot set TCP_NODELAY");
            }
            let (acceptor, handshaken) = (acceptor.clone(), handshaken.clone());
            tokio::spawn(async move {
                match tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake(&acceptor, tcp)).await {
                    Ok(Ok(Some(tls))) => {
                        let _ = handshaken.send(Ok(tls)).await;
                    }
                    Ok(Ok(None)) => tracing::debug!(%peer, "plaintext on the TLS port: answered 400 and closed"),
                    Ok(Err(err)) => tracing::debug!(%peer, error = %err, "TLS handshake failed"),
                    Err(_) => tracing::debug!(%peer, "TLS handshake timed out"),
                }
            });
        }
    });
    ReceiverStream::new(stream)
}

/// `None` when the client spoke plaintext: it is told so in HTTP/1.1 (an
/// HTTP/2 client sees the connection fail) rather than left with a TLS alert
/// it cannot read.
async fn handshake(acceptor: &TlsAcceptor, mut tcp: TcpStream) -> std::io::Result<Option<TlsStream<TcpStream>>> {
    let mut first = [0u8; 1];
    if tcp.peek(&mut first).await? == 1 && first[0] != TLS_HANDSHAKE {
        // Read what the client sent first: closing with unread data makes
        // the kernel reset the connection, and the answer can be lost.
        let mut request = [0u8; 4096];
        let _ = tokio::time::timeout(Duration::from_millis(100), tcp.read(&mut request)).await;
        tcp.write_all(PLAINTEXT_REFUSAL).await?;
        tcp.shutdown().await?;
        return Ok(None);
    }
    acceptor.accept(tcp).await.map(Some)
}

#[cfg(test)]
mod tests {
    use super::PLAINTEXT_REFUSAL;

    #[test]
    fn the_plaintext_refusal_states_its_length_right() {
        let text = String::from_utf8_lossy(PLAINTEXT_REFUSAL);
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("Content-Length: {}", body.len())), "{head:?} for a body of {}", body.len());
    }
}
