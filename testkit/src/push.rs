//! Stand-ins for the push services, on loopback in the test's process: an
//! HTTP server (HTTP/1.1 and HTTP/2 with prior knowledge, as APNs needs)
//! that records every request and answers as the test says, plus what a
//! test needs to check requests the way the providers do: ES256 and RS256
//! signature checks, and the decryption of a Web Push body (RFC 8291) with
//! the subscription's private key. Written here from the RFCs, apart from
//! the server's own code, so a shared mistake cannot pass.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use ring::aead::{AES_128_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::agreement::{ECDH_P256, EphemeralPrivateKey, UnparsedPublicKey, agree_ephemeral};
use ring::hkdf::{HKDF_SHA256, KeyType, Salt};
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{self, EcdsaKeyPair, KeyPair, RsaKeyPair};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

/// The RSA key of the test's FCM service account (a throwaway, made for
/// these tests with `openssl genpkey -algorithm RSA`).
pub const FCM_TEST_KEY_PEM: &str = include_str!("../fixtures/fcm-test-service-account.pem");

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query.
    pub path: String,
    pub version: http::Version,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
    /// When its body had arrived.
    pub at: tokio::time::Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| panic!("body of {} is not JSON: {err}", self.path))
    }
}

/// The answer to one request: status, body, extra headers.
pub type Answer = (u16, String, Vec<(String, String)>);
type Responder = Arc<dyn Fn(&Recorded) -> Answer + Send + Sync>;

pub struct PushServer {
    /// `http://127.0.0.1:<port>`
    pub url: String,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    responder: Arc<Mutex<Responder>>,
    task: tokio::task::JoinHandle<()>,
}

impl PushServer {
    /// Answers 200 with `{}` until told otherwise.
    pub async fn start() -> PushServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let recorded: Arc<Mutex<Vec<Recorded>>> = Arc::default();
        let responder: Arc<Mutex<Responder>> = Arc::new(Mutex::new(Arc::new(|_| (200, "{}".to_owned(), Vec::new()))));
        let (log, answer) = (recorded.clone(), responder.clone());
        let task = tokio::spawn(async move {
            let http = ConnBuilder::new(TokioExecutor::new());
            while let Ok((socket, _)) = listener.accept().await {
                let _ = socket.set_nodelay(true);
                let (log, answer) = (log.clone(), answer.clone());
                let service = hyper::service::service_fn(move |request: http::Request<hyper::body::Incoming>| {
                    let (log, answer) = (log.clone(), answer.clone());
                    async move {
                        let (parts, body) = request.into_parts();
                        let body = body.collect().await.map(|b| b.to_bytes().to_vec()).unwrap_or_default();
                        let path = parts.uri.path_and_query().map(|p| p.to_string()).unwrap_or_default();
                        let seen = Recorded {
                            method: parts.method.to_string(),
                            path,
                            version: parts.version,
                            headers: parts.headers,
                            body,
                            at: tokio::time::Instant::now(),
                        };
                        let responder = answer.lock().unwrap().clone();
                        let (status, text, headers) = responder(&seen);
                        log.lock().unwrap().push(seen);
                        let mut response = http::Response::builder().status(status);
                        for (name, value) in headers {
                            response = response.header(name, value);
                        }
                        Ok::<_, std::convert::Infallible>(response.body(Full::new(Bytes::from(text))).unwrap())
                    }
                });
                let connection = http.serve_connection(TokioIo::new(socket), service).into_owned();
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
        });
        PushServer { url, recorded, responder, task }
    }

    pub fn respond(&self, responder: impl Fn(&Recorded) -> Answer + Send + Sync + 'static) {
        *self.responder.lock().unwrap() = Arc::new(responder);
    }

    /// Every request so far whose path starts with `prefix`.
    pub fn requests(&self, prefix: &str) -> Vec<Recorded> {
        self.recorded.lock().unwrap().iter().filter(|r| r.path.starts_with(prefix)).cloned().collect()
    }

    /// Waits until `count` requests to `prefix` arrived, then returns them all.
    pub async fn wait_for(&self, prefix: &str, count: usize, within: Duration) -> Vec<Recorded> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let seen = self.requests(prefix);
            if seen.len() >= count {
                return seen;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{count} requests to {prefix} expected within {within:?}, got {}",
                seen.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for PushServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let lines: Vec<&str> = body.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
    format!("-----BEGIN {label}-----\n{}\n-----END {label}-----\n", lines.join("\n"))
}

/// A P-256 key, as Apple's `.p8` files and VAPID keys are.
pub struct P256Key {
    pkcs8: Vec<u8>,
    pub public: Vec<u8>,
}

impl P256Key {
    pub fn generate() -> P256Key {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let pair = EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng).unwrap();
        P256Key { pkcs8: pkcs8.as_ref().to_vec(), public: pair.public_key().as_ref().to_vec() }
    }

    /// Writes the PKCS#8 PEM file a server is configured with.
    pub fn write(&self, dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, pem("PRIVATE KEY", &self.pkcs8)).unwrap();
        path
    }
}

/// Writes a service-account key file for FCM whose token endpoint is
/// `token_uri`; returns its path.
pub fn write_fcm_service_account(dir: &Path, project_id: &str, token_uri: &str) -> PathBuf {
    let file = serde_json::json!({
        "type": "service_account",
        "project_id": project_id,
        "private_key_id": "test-key-1",
        "private_key": FCM_TEST_KEY_PEM,
        "client_email": format!("missive@{project_id}.iam.gserviceaccount.com"),
        "client_id": "1",
        "token_uri": token_uri,
    });
    let path = dir.join("fcm-service-account.json");
    std::fs::write(&path, file.to_string()).unwrap();
    path
}

fn decode_part(part: &str) -> serde_json::Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("a JWT part is base64url")).expect("JSON")
}

/// Checks a compact JWS with `algorithm` and `public_key` and returns its
/// header and claims; panics when the signature does not verify.
fn verify(
    jwt: &str,
    algorithm: &'static dyn signature::VerificationAlgorithm,
    public_key: &[u8],
) -> (serde_json::Value, serde_json::Value) {
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWS has three parts: {jwt}");
    let signature = URL_SAFE_NO_PAD.decode(parts[2]).expect("signature is base64url");
    let input = format!("{}.{}", parts[0], parts[1]);
    signature::UnparsedPublicKey::new(algorithm, public_key)
        .verify(input.as_bytes(), &signature)
        .unwrap_or_else(|_| panic!("the JWT's signature does not verify: {jwt}"));
    (decode_part(parts[0]), decode_part(parts[1]))
}

pub fn verify_es256(jwt: &str, public_key: &[u8]) -> (serde_json::Value, serde_json::Value) {
    verify(jwt, &signature::ECDSA_P256_SHA256_FIXED, public_key)
}

pub fn verify_rs256(jwt: &str) -> (serde_json::Value, serde_json::Value) {
    let der = pem_der(FCM_TEST_KEY_PEM);
    let pair = RsaKeyPair::from_pkcs8(&der).expect("the fixture is an RSA PKCS#8 key");
    verify(jwt, &signature::RSA_PKCS1_2048_8192_SHA256, pair.public_key().as_ref())
}

fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|line| !line.starts_with("-----")).collect();
    STANDARD.decode(body).expect("PEM body is base64")
}

struct Len(usize);

impl KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

/// A browser's push subscription: its key pair and secret. The private key
/// decrypts one message (ring's ECDH keys are single-use).
pub struct WebPushSubscriber {
    private: Option<EphemeralPrivateKey>,
    pub p256dh: Vec<u8>,
    pub auth: Vec<u8>,
}

impl WebPushSubscriber {
    pub fn new() -> WebPushSubscriber {
        let rng = SystemRandom::new();
        let private = EphemeralPrivateKey::generate(&ECDH_P256, &rng).unwrap();
        let p256dh = private.compute_public_key().unwrap().as_ref().to_vec();
        let mut auth = vec![0u8; 16];
        rng.fill(&mut auth).unwrap();
        WebPushSubscriber { private: Some(private), p256dh, auth }
    }

    /// Decrypts an `aes128gcm` body (RFC 8188 header, RFC 8291 keys).
    pub fn decrypt(&mut self, body: &[u8]) -> Vec<u8> {
        assert!(body.len() > 21, "body too short for the aes128gcm header");
        let salt = &body[..16];
        let record_size = u32::from_be_bytes(body[16..20].try_into().unwrap()) as usize;
        let id_len = body[20] as usize;
        assert_eq!(id_len, 65, "keyid is the sender's uncompressed P-256 key");
        let sender = &body[21..21 + id_len];
        let record = &body[21 + id_len..];
        assert!(record.len() <= record_size, "one record of at most rs bytes");
        let private = self.private.take().expect("this subscriber's key already decrypted a message");
        let shared = agree_ephemeral(private, &UnparsedPublicKey::new(&ECDH_P256, sender), |s| s.to_vec())
            .expect("ECDH with the sender's key");
        let expand = |prk: &ring::hkdf::Prk, info: &[&[u8]], len: usize| {
            let mut out = vec![0u8; len];
            prk.expand(info, Len(len)).unwrap().fill(&mut out).unwrap();
            out
        };
        let prk_key = Salt::new(HKDF_SHA256, &self.auth).extract(&shared);
        let ikm = expand(&prk_key, &[b"WebPush: info\0", &self.p256dh, sender], 32);
        let prk = Salt::new(HKDF_SHA256, salt).extract(&ikm);
        let cek = expand(&prk, &[b"Content-Encoding: aes128gcm\0"], 16);
        let nonce = expand(&prk, &[b"Content-Encoding: nonce\0"], 12);
        let key = LessSafeKey::new(UnboundKey::new(&AES_128_GCM, &cek).unwrap());
        let mut buffer = record.to_vec();
        let plain = key
            .open_in_place(Nonce::try_assume_unique_for_key(&nonce).unwrap(), Aad::empty(), &mut buffer)
            .expect("the record decrypts with the subscription's keys");
        let end = plain.iter().rposition(|&b| b != 0).expect("a delimiter");
        assert_eq!(plain[end], 2, "the last record ends with the delimiter 0x02");
        plain[..end].to_vec()
    }
}

impl Default for WebPushSubscriber {
    fn default() -> Self {
        WebPushSubscriber::new()
    }
}
