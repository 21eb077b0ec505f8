//! A private `redis-server` on a free port, for tests that take Redis down and
//! bring it back without disturbing the shared one other tests use.

use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::net::TcpStream;

/// A port nothing listens on right now (another process may take it later;
/// good enough for loopback tests).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub struct RedisServer {
    port: u16,
    child: Option<Child>,
}

impl RedisServer {
    /// Whether `redis-server` is installed. Outside CI a missing one means
    /// "skip" (one line says so); in CI it panics, so CI cannot skip.
    pub fn available() -> bool {
        if Command::new("redis-server").arg("--version").output().is_ok() {
            return true;
        }
        assert!(std::env::var_os("CI").is_none(), "CI must provide redis-server (scripts/deps.sh)");
        eprintln!("skipping: redis-server is not installed (run scripts/deps.sh)");
        false
    }

    pub async fn start() -> RedisServer {
        let mut redis = RedisServer { port: free_port(), child: None };
        redis.restart().await;
        redis
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts it again on the same port, empty (no persistence: Redis is only
    /// the wake-up channel, and a restart must not hide lost wake-ups).
    pub async fn restart(&mut self) {
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", self.port)).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("redis-server did not listen on {}", self.port);
    }

    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}
