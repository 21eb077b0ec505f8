//! The `missive-server` binary as the README starts it: no arguments at all.

use std::process::{Command, Stdio};
use std::time::Duration;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

const BINARY: &str = env!("CARGO_BIN_EXE_missive-server");

#[tokio::test]
async fn with_no_arguments_it_serves_the_embedded_default_and_stops_on_sigterm() {
    let cwd = tempfile::tempdir().unwrap();
    let mut child = Command::new(BINARY)
        .current_dir(cwd.path())
        .env_remove("DATABASE_URL")
        .env_remove("MISSIVE_LISTEN")
        .env_remove("MISSIVE_DATA_DIR")
        .env_remove("MISSIVE_CONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts");

    let channel = connect_with_retry("http://127.0.0.1:50051").await;
    let status = HealthClient::new(channel.clone())
        .check(HealthCheckRequest { service: String::new() })
        .await
        .expect("health answers")
        .into_inner()
        .status();
    assert_eq!(status, ServingStatus::Serving);
    assert!(cwd.path().join("missive-data/missive.db").exists(), "SQLite lives in ./missive-data");
    assert!(cwd.path().join("missive-data/token-signing.key").exists());

    drop(channel);
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let exit = wait_with_timeout(&mut child, Duration::from_secs(20)).await.expect("stops within 20 s of SIGTERM");
    assert!(exit.success(), "graceful shutdown exits 0, got {exit:?}");
}

#[test]
fn a_bad_setting_stops_the_start_with_one_line_naming_it() {
    let cwd = tempfile::tempdir().unwrap();
    let output = Command::new(BINARY)
        .current_dir(cwd.path())
        .env("MISSIVE_LISTEN", "127.0.0.1:notaport")
        .output()
        .expect("binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("MISSIVE_LISTEN"), "{stderr}");
}

async fn connect_with_retry(url: &'static str) -> tonic::transport::Channel {
    for _ in 0..200 {
        if let Ok(channel) = tonic::transport::Channel::from_static(url).connect().await {
            return channel;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not listen on {url} within 10 s");
}

async fn wait_with_timeout(child: &mut std::process::Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let deadline = std::time::Instant::now() + timeout;
    while std::time::Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    None
}

/// SIGHUP rereads the configuration file: a backend is allowed to federate,
/// then a bad file is refused and the list in force stays.
#[tokio::test]
async fn sighup_reloads_the_federation_allow_list_from_the_config_file() {
    use missive_proto::federation::v1::GetUserByHandleRequest;
    use missive_testkit::federation::{
        DnsServer, TestCa, federation_client, federator_host, from_origin, refusal_reason,
    };
    use missive_testkit::free_port;

    let dir = tempfile::tempdir().unwrap();
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let (b_host, a_host) = (federator_host("b.example"), federator_host("a.example"));
    let (cert, key) = ca.issue(&[&b_host]).write(dir.path(), "b");
    let ca_file = ca.write(dir.path());
    let (api_port, federation_port) = (free_port(), free_port());
    dns.publish("b.example", &b_host, federation_port);
    dns.publish("a.example", &a_host, 1);
    let config_file = dir.path().join("missive.toml");
    let write_config = |allow: &str| {
        let text = format!(
            "listen = \"127.0.0.1:{api_port}\"\ndata_dir = {data:?}\ndomain = \"b.example\"\n\
             federation_listen = \"127.0.0.1:{federation_port}\"\nfederation_cert_file = {cert:?}\n\
             federation_key_file = {key:?}\nfederation_ca_file = {ca_file:?}\nfederation_dns = \"{dns}\"\n\
             federation_allow = \"{allow}\"\n",
            data = dir.path().join("data"),
            dns = dns.addr,
        );
        std::fs::write(&config_file, text).unwrap();
    };
    write_config("none");
    let log = std::fs::File::create(dir.path().join("server.log")).unwrap();
    let mut child = Command::new(BINARY)
        .arg("--config")
        .arg(&config_file)
        .env_remove("DATABASE_URL")
        .env_remove("REDIS_URL")
        .env_remove("MISSIVE_CONFIG")
        .env("RUST_LOG", "info")
        // The log goes to standard output.
        .stdout(log)
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts");
    let url: &'static str = Box::leak(format!("http://127.0.0.1:{api_port}").into_boxed_str());
    drop(connect_with_retry(url).await);

    let a_pair = ca.issue(&[&a_host]);
    let federation_addr = format!("127.0.0.1:{federation_port}").parse().unwrap();
    let mut client = federation_client(federation_addr, &ca.pem(), Some(&a_pair), &b_host).await.expect("connects");
    let ask = || from_origin("a.example", GetUserByHandleRequest { handle: "nobody".into() });
    let refused = client.get_user_by_handle(ask()).await.unwrap_err();
    assert_eq!(refusal_reason(&refused).as_deref(), Some("NOT_ALLOWED"), "{refused:?}");

    let hangup = || assert!(Command::new("kill").args(["-HUP", &child.id().to_string()]).status().unwrap().success());
    write_config("a.example");
    hangup();
    // Allowed: the request reaches the service, which knows no such user.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        match client.get_user_by_handle(ask()).await {
            Err(status) if status.code() == tonic::Code::NotFound => break,
            other => assert!(std::time::Instant::now() < deadline, "still refused after SIGHUP: {other:?}"),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    write_config("a.example, not a domain");
    hangup();
    let log_file = dir.path().join("server.log");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&log_file).unwrap().contains("configuration not reloaded") {
        assert!(
            std::time::Instant::now() < deadline,
            "no log line for the refused reload: {}",
            std::fs::read_to_string(&log_file).unwrap()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let status = client.get_user_by_handle(ask()).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::NotFound, "the list in force stays: {status:?}");

    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    let exit = wait_with_timeout(&mut child, Duration::from_secs(20)).await.expect("stops");
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn an_expired_certificate_stops_the_start_with_one_line_naming_the_file_and_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let ca = missive_testkit::federation::TestCa::new("api");
    let (cert, key) = ca.issue_expired(&missive_testkit::TLS_NAMES).write(dir.path(), "api");
    let output = Command::new(BINARY)
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("MISSIVE_CONFIG")
        .env("MISSIVE_LISTEN", "127.0.0.1:0")
        .env("MISSIVE_TLS_CERT_FILE", &cert)
        .env("MISSIVE_TLS_KEY_FILE", &key)
        .output()
        .expect("binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&cert.display().to_string()) && stderr.contains("expired on"), "{stderr}");
}

#[tokio::test]
async fn listening_beyond_loopback_without_tls_is_warned_about_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let port = missive_testkit::free_port();
    let log = std::fs::File::create(dir.path().join("server.log")).unwrap();
    let mut child = Command::new(BINARY)
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("MISSIVE_CONFIG")
        .env("MISSIVE_LISTEN", format!("0.0.0.0:{port}"))
        .env("RUST_LOG", "info")
        .stdout(log)
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts");
    let url: &'static str = Box::leak(format!("http://127.0.0.1:{port}").into_boxed_str());
    drop(connect_with_retry(url).await);
    let text = std::fs::read_to_string(dir.path().join("server.log")).unwrap();
    assert!(text.contains("without TLS"), "{text}");
    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    wait_with_timeout(&mut child, Duration::from_secs(20)).await.expect("stops");
}

#[test]
fn version_names_the_release_and_the_git_commit() {
    let output = Command::new(BINARY).arg("--version").output().expect("binary runs");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with(&format!("missive-server {} (commit ", env!("CARGO_PKG_VERSION"))), "{text}");
    let commit = text.trim().trim_end_matches(')').rsplit(' ').next().unwrap();
    let head = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).output().ok();
    if let Some(head) = head.filter(|out| out.status.success()) {
        assert_eq!(commit, String::from_utf8_lossy(&head.stdout).trim(), "{text}");
    }
}

#[test]
fn help_never_shows_a_secret_from_the_environment() {
    let output = Command::new(BINARY)
        .arg("--help")
        .env("MISSIVE_TURN_SECRET", "a-secret-that-must-not-show")
        .output()
        .expect("binary runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("MISSIVE_TURN_SECRET"), "{text}");
    assert!(!text.contains("a-secret-that-must-not-show"), "{text}");
}

/// An upload survives `kill -9` of the server between two chunks: the
/// chunks that were acknowledged are still there after the restart, the
/// client goes on from the offset the server gives, and the bytes read
/// back have the SHA-256 announced at creation.
#[tokio::test]
async fn an_upload_resumes_after_the_server_is_killed_between_chunks() {
    use missive_proto::v1 as pb;
    use missive_proto::v1::asset_service_client::AssetServiceClient;
    use missive_testkit::{TestApp, authed, free_port};
    use sha2::{Digest, Sha256};

    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let start = || {
        Command::new(BINARY)
            .env_remove("DATABASE_URL")
            .env_remove("REDIS_URL")
            .env_remove("MISSIVE_CONFIG")
            .env("MISSIVE_LISTEN", format!("127.0.0.1:{port}"))
            .env("MISSIVE_DATA_DIR", dir.path().join("data"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("binary starts")
    };
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let url: &'static str = Box::leak(format!("http://{addr}").into_boxed_str());

    let mut child = start();
    connect_with_retry(url).await;
    let app = TestApp::client_of(addr).await;
    let alice = app.register("alice").await;
    let mut bytes = vec![0u8; 3 * 1024 * 1024 + 999];
    getrandom::fill(&mut bytes).unwrap();
    let chunk = 1024 * 1024;
    let mut assets = AssetServiceClient::new(app.channel.clone());
    let create = pb::CreateAssetRequest {
        size: bytes.len() as u64,
        sha256: Sha256::digest(&bytes).to_vec(),
        retention: pb::Retention::Eternal as i32,
        expires_at: None,
        public: false,
    };
    let asset = assets.create_asset(authed(create, alice.token())).await.unwrap().into_inner().asset.unwrap();
    let id = asset.id.unwrap();
    for offset in [0, chunk] {
        let request = pb::AppendAssetChunkRequest {
            asset: Some(id.clone()),
            offset: offset as u64,
            data: bytes[offset..offset + chunk].to_vec().into(),
        };
        assets.append_asset_chunk(authed(request, alice.token())).await.unwrap();
    }

    assert!(Command::new("kill").args(["-KILL", &child.id().to_string()]).status().unwrap().success());
    wait_with_timeout(&mut child, Duration::from_secs(10)).await.expect("killed");
    let mut child = start();
    connect_with_retry(url).await;
    let app = TestApp::client_of(addr).await;
    let mut assets = AssetServiceClient::new(app.channel.clone());

    // The access token is still good (same signing key on disk).
    let get = pb::GetAssetRequest { asset: Some(id.clone()), token: String::new() };
    let seen = assets.get_asset(authed(get, alice.token())).await.unwrap().into_inner().asset.unwrap();
    assert_eq!((seen.uploaded, seen.finished), (2 * chunk as u64, false));
    // The window between storing a chunk and moving the row past it: a
    // chunk the killed server stored at the next offset, of another length,
    // that the row never counted. The client sends that chunk again.
    let stale = dir.path().join(format!("data/assets/uploads/{}/{:020}", id.id, seen.uploaded));
    std::fs::write(&stale, vec![7u8; 1234]).unwrap();
    let mut offset = seen.uploaded as usize;
    while offset < bytes.len() {
        let end = (offset + chunk).min(bytes.len());
        let request = pb::AppendAssetChunkRequest {
            asset: Some(id.clone()),
            offset: offset as u64,
            data: bytes[offset..end].to_vec().into(),
        };
        let answer = assets.append_asset_chunk(authed(request, alice.token())).await.unwrap().into_inner();
        assert_eq!(answer.next_offset as usize, end);
        offset = end;
    }
    let finish = pb::FinishAssetRequest { asset: Some(id.clone()) };
    let finished = assets.finish_asset(authed(finish, alice.token())).await.unwrap().into_inner().asset.unwrap();
    assert!(finished.finished);
    let download = pb::DownloadAssetRequest { asset: Some(id.clone()), token: String::new(), offset: 0 };
    let mut stream = assets.download_asset(authed(download, alice.token())).await.unwrap().into_inner();
    let mut read = Vec::new();
    while let Some(piece) = stream.message().await.unwrap() {
        read.extend_from_slice(&piece.data);
    }
    assert_eq!(Sha256::digest(&read).to_vec(), Sha256::digest(&bytes).to_vec());

    let _ = child.kill();
    let _ = child.wait();
}
