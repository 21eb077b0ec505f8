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
