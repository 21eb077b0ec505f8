//! Federation test support: a CA and backend certificates made with rcgen,
//! and a DNS server on loopback that answers the SRV and A records of the
//! backends under test (UDP and TCP), so discovery runs as in production.

use hickory_proto::op::{Message, MessageType, OpCode, ResponseCode};
use hickory_proto::rr::rdata::{A, SRV};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, UdpSocket};

/// SRV service label of a Missive federator.
pub const SRV_PREFIX: &str = "_missive-federator._tcp.";

/// A certificate authority for the backends of one test.
pub struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
    name: String,
}

/// How a private key is written: PKCS#8 (`PRIVATE KEY`), SEC1 (`EC
/// PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyForm {
    Pkcs8,
    Sec1,
    Pkcs1,
}

/// A backend's certificate and key, as PEM.
pub struct CertPair {
    pub cert_pem: String,
    pub key_pem: String,
}

impl CertPair {
    /// Writes `<name>.crt` and `<name>.key` into `dir`.
    pub fn write(&self, dir: &Path, name: &str) -> (PathBuf, PathBuf) {
        let (cert, key) = (dir.join(format!("{name}.crt")), dir.join(format!("{name}.key")));
        std::fs::write(&cert, &self.cert_pem).expect("write certificate");
        std::fs::write(&key, &self.key_pem).expect("write key");
        (cert, key)
    }
}

impl TestCa {
    pub fn new(name: &str) -> TestCa {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().expect("CA key");
        let issuer = CertifiedIssuer::self_signed(params, key).expect("CA certificate");
        TestCa { issuer, name: name.to_owned() }
    }

    pub fn pem(&self) -> String {
        self.issuer.pem()
    }

    /// Writes the CA certificate as `<name>-ca.crt` into `dir`.
    pub fn write(&self, dir: &Path) -> PathBuf {
        let path = dir.join(format!("{}-ca.crt", self.name));
        std::fs::write(&path, self.pem()).expect("write CA");
        path
    }

    /// A certificate naming `hosts` as SANs, good for both ends of mutual TLS.
    pub fn issue(&self, hosts: &[&str]) -> CertPair {
        self.issue_with(hosts, |_| {})
    }

    /// As [`issue`](Self::issue), expired since 2021.
    pub fn issue_expired(&self, hosts: &[&str]) -> CertPair {
        self.issue_with(hosts, |params| {
            params.not_before = rcgen::date_time_ymd(2020, 1, 1);
            params.not_after = rcgen::date_time_ymd(2021, 1, 1);
        })
    }

    fn issue_with(&self, hosts: &[&str], adjust: impl FnOnce(&mut CertificateParams)) -> CertPair {
        let key = KeyPair::generate().expect("key");
        let key_pem = key.serialize_pem();
        self.sign(hosts, key, key_pem, adjust)
    }

    /// A certificate for `hosts` whose key is `key_form`'s, written in that form.
    pub fn issue_with_key(&self, hosts: &[&str], key_form: KeyForm) -> CertPair {
        let (pkcs8, written) = match key_form {
            KeyForm::Pkcs8 => return self.issue(hosts),
            KeyForm::Sec1 => {
                (include_str!("../fixtures/test-ec-pkcs8.key"), include_str!("../fixtures/test-ec-sec1.key"))
            }
            KeyForm::Pkcs1 => {
                (include_str!("../fixtures/test-rsa-pkcs8.key"), include_str!("../fixtures/test-rsa-pkcs1.key"))
            }
        };
        let key = KeyPair::from_pem(pkcs8).expect("fixture key");
        self.sign(hosts, key, written.to_owned(), |_| {})
    }

    fn sign(
        &self,
        hosts: &[&str],
        key: KeyPair,
        key_pem: String,
        adjust: impl FnOnce(&mut CertificateParams),
    ) -> CertPair {
        let names: Vec<String> = hosts.iter().map(|h| (*h).to_owned()).collect();
        let mut params = CertificateParams::new(names).expect("certificate params");
        params.distinguished_name.push(DnType::CommonName, hosts.first().copied().unwrap_or("backend"));
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth, ExtendedKeyUsagePurpose::ClientAuth];
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        adjust(&mut params);
        let cert = params.signed_by(&key, &self.issuer).expect("sign certificate");
        CertPair { cert_pem: cert.pem(), key_pem }
    }
}

#[derive(Default)]
struct Zone {
    srv: HashMap<String, Vec<(u16, u16, u16, String)>>,
    a: HashMap<String, Ipv4Addr>,
}

/// An authoritative DNS server on loopback for the test's names. Records
/// are served with a TTL of one second, so a change is seen at once.
#[derive(Clone)]
pub struct DnsServer {
    pub addr: SocketAddr,
    zone: Arc<Mutex<Zone>>,
}

impl DnsServer {
    pub async fn start() -> DnsServer {
        // UDP and TCP on one port, as resolvers expect.
        let (udp, tcp) = loop {
            let udp = UdpSocket::bind("127.0.0.1:0").await.expect("bind DNS UDP");
            let port = udp.local_addr().unwrap().port();
            if let Ok(tcp) = TcpListener::bind(("127.0.0.1", port)).await {
                break (udp, tcp);
            }
        };
        let addr = udp.local_addr().unwrap();
        let zone = Arc::new(Mutex::new(Zone::default()));
        let udp = Arc::new(udp);
        {
            let zone = zone.clone();
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 4096];
                while let Ok((len, from)) = udp.recv_from(&mut buffer).await {
                    if let Some(answer) = answer(&zone, &buffer[..len]) {
                        let _ = udp.send_to(&answer, from).await;
                    }
                }
            });
        }
        {
            let zone = zone.clone();
            tokio::spawn(async move {
                while let Ok((mut stream, _)) = tcp.accept().await {
                    let zone = zone.clone();
                    tokio::spawn(async move {
                        loop {
                            let mut len = [0u8; 2];
                            if stream.read_exact(&mut len).await.is_err() {
                                return;
                            }
                            let mut query = vec![0u8; u16::from_be_bytes(len) as usize];
                            if stream.read_exact(&mut query).await.is_err() {
                                return;
                            }
                            let Some(answer) = answer(&zone, &query) else { return };
                            let mut framed = (answer.len() as u16).to_be_bytes().to_vec();
                            framed.extend(answer);
                            if stream.write_all(&framed).await.is_err() {
                                return;
                            }
                        }
                    });
                }
            });
        }
        DnsServer { addr, zone }
    }

    /// Publishes `domain`'s federator at `host:port` (replacing earlier
    /// records) and `host`'s address as 127.0.0.1.
    pub fn publish(&self, domain: &str, host: &str, port: u16) {
        let mut zone = self.zone.lock().unwrap();
        zone.srv.insert(format!("{SRV_PREFIX}{domain}."), vec![(10, 10, port, format!("{host}."))]);
        zone.a.insert(format!("{host}."), Ipv4Addr::LOCALHOST);
    }

    /// Removes `domain`'s SRV record: its federator can no longer be discovered.
    pub fn unpublish(&self, domain: &str) {
        self.zone.lock().unwrap().srv.remove(&format!("{SRV_PREFIX}{domain}."));
    }
}

fn answer(zone: &Mutex<Zone>, query: &[u8]) -> Option<Vec<u8>> {
    let query = Message::from_vec(query).ok()?;
    if query.metadata.message_type != MessageType::Query {
        return None;
    }
    let mut response = Message::response(query.metadata.id, OpCode::Query);
    response.metadata.authoritative = true;
    response.metadata.recursion_desired = query.metadata.recursion_desired;
    let zone = zone.lock().ok()?;
    for question in &query.queries {
        let name = question.name().to_ascii().to_ascii_lowercase();
        let owner = question.name().clone();
        match question.query_type() {
            RecordType::SRV => {
                for (priority, weight, port, target) in zone.srv.get(&name).into_iter().flatten() {
                    let target = Name::from_ascii(target).ok()?;
                    let data = RData::SRV(SRV::new(*priority, *weight, *port, target));
                    response.add_answer(Record::from_rdata(owner.clone(), 1, data));
                }
            }
            RecordType::A => {
                if let Some(ip) = zone.a.get(&name) {
                    response.add_answer(Record::from_rdata(owner.clone(), 1, RData::A(A::from(*ip))));
                }
            }
            _ => {}
        }
        response.add_query(question.clone());
    }
    let known = query.queries.iter().any(|q| {
        let name = q.name().to_ascii().to_ascii_lowercase();
        zone.srv.contains_key(&name) || zone.a.contains_key(&name)
    });
    if response.answers.is_empty() && !known {
        response.metadata.response_code = ResponseCode::NXDomain;
    }
    response.to_vec().ok()
}

/// The federator host of a backend under test; its certificate names it.
pub fn federator_host(domain: &str) -> String {
    format!("fed.{domain}")
}

/// A backend under test that federates: a certificate from `ca` naming
/// [`federator_host`], discovery through `dns` (where it is published once
/// it listens), and the allow policy `allow` (`*`, `none` or a list).
pub async fn spawn_federated(
    backend: crate::Backend,
    domain: &str,
    ca: &TestCa,
    dns: &DnsServer,
    allow: &str,
) -> crate::TestApp {
    spawn_federated_with(backend, domain, ca, dns, allow, |_| {}).await
}

pub async fn spawn_federated_with(
    backend: crate::Backend,
    domain: &str,
    ca: &TestCa,
    dns: &DnsServer,
    allow: &str,
    configure: impl FnOnce(&mut missive_server::Config),
) -> crate::TestApp {
    let host = federator_host(domain);
    let pair = ca.issue(&[&host]);
    let app = crate::spawn_app_with(backend, |config| {
        config.domain = domain.to_owned();
        let (cert, key) = pair.write(&config.data_dir, "federation");
        config.federation_cert_file = Some(cert);
        config.federation_key_file = Some(key);
        config.federation_ca_file = Some(ca.write(&config.data_dir));
        config.federation_listen = Some("127.0.0.1:0".parse().unwrap());
        config.federation_dns = vec![dns.addr];
        config.federation_allow = allow.to_owned();
        configure(config);
    })
    .await;
    let port = app.federation_addr.expect("federation listens").port();
    dns.publish(domain, &host, port);
    app
}

/// The environment of a `missive-server` process that federates as
/// `domain` with every backend: its certificate from `ca` written into
/// `dir`, `ca_file` trusted, a federation port published on `dns`.
pub fn process_settings(
    ca: &TestCa,
    ca_file: &Path,
    dns: &DnsServer,
    dir: &Path,
    domain: &str,
) -> Vec<(&'static str, String)> {
    let host = federator_host(domain);
    let (cert, key) = ca.issue(&[&host]).write(dir, domain);
    let port = crate::free_port();
    dns.publish(domain, &host, port);
    vec![
        ("MISSIVE_DOMAIN", domain.to_owned()),
        ("MISSIVE_FEDERATION_LISTEN", format!("127.0.0.1:{port}")),
        ("MISSIVE_FEDERATION_CERT_FILE", cert.display().to_string()),
        ("MISSIVE_FEDERATION_KEY_FILE", key.display().to_string()),
        ("MISSIVE_FEDERATION_CA_FILE", ca_file.display().to_string()),
        ("MISSIVE_FEDERATION_DNS", dns.addr.to_string()),
        ("MISSIVE_FEDERATION_ALLOW", "*".to_owned()),
    ]
}

/// A raw federation client, for the tests that play a (mis)behaving backend:
/// presents `pair` (when given), trusts `ca_pem`, expects the server to be
/// `server_host`, and names `origin` (when given) on every call.
pub async fn federation_client(
    addr: SocketAddr,
    ca_pem: &str,
    pair: Option<&CertPair>,
    server_host: &str,
) -> Result<
    missive_proto::federation::v1::federation_service_client::FederationServiceClient<tonic::transport::Channel>,
    tonic::transport::Error,
> {
    use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};
    let mut tls = ClientTlsConfig::new().ca_certificate(Certificate::from_pem(ca_pem)).domain_name(server_host);
    if let Some(pair) = pair {
        tls = tls.identity(Identity::from_pem(&pair.cert_pem, &pair.key_pem));
    }
    let channel = Endpoint::from_shared(format!("https://{addr}"))
        .expect("endpoint")
        .tls_config(tls)?
        .connect_timeout(std::time::Duration::from_secs(3))
        .connect()
        .await?;
    Ok(missive_proto::federation::v1::federation_service_client::FederationServiceClient::new(channel))
}

/// A federation request naming `origin`.
pub fn from_origin<T>(origin: &str, body: T) -> tonic::Request<T> {
    let mut request = tonic::Request::new(body);
    request.metadata_mut().insert("missive-origin-domain", origin.parse().expect("ascii origin"));
    request
}

/// The `google.rpc.ErrorInfo` reason of a federation refusal.
pub fn refusal_reason(status: &tonic::Status) -> Option<String> {
    use tonic_types::StatusExt;
    status.get_error_details().error_info().map(|info| info.reason.clone())
}
