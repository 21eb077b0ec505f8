//! coturn's `turnserver` on loopback in `use-auth-secret` mode, the TURN
//! server a deployment runs, and `turnutils_uclient` from the same package
//! to allocate a relay with a credential: no mock of TURN.

use crate::free_port;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::net::TcpStream;

pub struct TurnServer {
    pub port: u16,
    child: Child,
    _dir: tempfile::TempDir,
}

impl TurnServer {
    /// Whether coturn is installed. Outside CI a missing one means "skip"
    /// (one line says so); in CI it panics, so CI cannot skip.
    pub fn available() -> bool {
        let found = |binary: &str| Command::new(binary).arg("-h").output().is_ok();
        if found("turnserver") && found("turnutils_uclient") {
            return true;
        }
        assert!(std::env::var_os("CI").is_none(), "CI must provide coturn (scripts/deps.sh)");
        eprintln!("skipping: coturn is not installed (run scripts/deps.sh)");
        false
    }

    /// A TURN server that accepts credentials signed with `secret`.
    pub async fn start(secret: &str) -> TurnServer {
        let dir = tempfile::tempdir().expect("temporary dir");
        let config = dir.path().join("turnserver.conf");
        std::fs::write(&config, "").expect("empty config");
        let port = free_port();
        // Relay ports of its own, so servers of tests running side by side
        // do not take each other's.
        let relay = 20_000 + (port % 2_000) * 20;
        let mut child = Command::new("turnserver")
            .arg("-c")
            .arg(&config)
            .args(["--listening-ip=127.0.0.1", &format!("--listening-port={port}"), "--relay-ip=127.0.0.1"])
            .args([format!("--min-port={relay}"), format!("--max-port={}", relay + 19)])
            .args(["--use-auth-secret", &format!("--static-auth-secret={secret}"), "--realm=missive.test"])
            .args(["--no-tls", "--no-dtls", "--no-cli", "--allow-loopback-peers", "--fingerprint", "--no-stdout-log"])
            .arg(format!("--pidfile={}", dir.path().join("turnserver.pid").display()))
            .arg(format!("--log-file={}", dir.path().join("turnserver.log").display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("turnserver starts");
        for _ in 0..100 {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("turnserver exited at start ({status}); its port {port} may have been taken");
            }
            if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return TurnServer { port, child, _dir: dir };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("turnserver did not listen on {port}");
    }

    /// A URI a client would be given for this server.
    pub fn uri(&self) -> String {
        format!("turn:127.0.0.1:{}?transport=udp", self.port)
    }

    /// Allocates a relay with the credential and sends through it; whether
    /// coturn accepted the credential. A client that hangs fails the test.
    pub async fn allocate(&self, username: &str, password: &str) -> bool {
        let mut child = tokio::process::Command::new("turnutils_uclient")
            .args(["-y", "-n", "1", "-m", "1", "-l", "64", "-u", username, "-w", password])
            .args(["-p", &self.port.to_string(), "127.0.0.1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("turnutils_uclient runs");
        match tokio::time::timeout(Duration::from_secs(30), child.wait()).await {
            Ok(status) => status.expect("turnutils_uclient ends").success(),
            Err(_) => panic!("turnutils_uclient did not finish within 30 s"),
        }
    }
}

impl Drop for TurnServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
