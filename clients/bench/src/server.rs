//! Starts the missive-server binary under test, on either backend.

use anyhow::{Context, bail};
use missive_db::testing::{admin_sql, with_database};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
pub enum Backend {
    /// SQLite and the in-process bus.
    Embedded,
    /// PostgreSQL and Redis (DATABASE_URL and REDIS_URL, from scripts/deps.sh).
    Production,
}

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    /// The CA of the client API's certificate, when it speaks TLS.
    pub tls_ca: Option<String>,
    pub backend: Backend,
    data: TempDir,
    /// The admin URL and the name of the database this server created; it
    /// drops it when stopped. Another instance sharing it has none.
    database: Option<(String, String)>,
    /// What the server was started with, for another instance of it.
    database_url: Option<String>,
    settings: Vec<(String, String)>,
}

/// A directory removed on drop (no tempfile dependency for one use).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Server {
    /// A server on `backend` with more settings in its environment; its
    /// client API speaks TLS when `tls` (a certificate from a CA made for
    /// it, which the clients trust).
    pub async fn start_with(
        binary: &Path,
        backend: Backend,
        tls: bool,
        settings: &[(&str, String)],
    ) -> anyhow::Result<Server> {
        let owned: Vec<(String, String)> = settings.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
        Server::launch(binary, backend, tls, owned, None).await
    }

    /// Another instance of this server on PostgreSQL + Redis: the same
    /// database, Redis and token signing key, its own port and data
    /// directory. Stopping it leaves the database to the first one.
    pub async fn another_instance(&self, binary: &Path) -> anyhow::Result<Server> {
        anyhow::ensure!(self.backend == Backend::Production, "several instances need PostgreSQL and Redis");
        let mut settings = self.settings.clone();
        let key = self.data.0.join("token-signing.key");
        settings.push(("MISSIVE_TOKEN_KEY_FILE".to_owned(), key.display().to_string()));
        Server::launch(binary, self.backend, self.tls_ca.is_some(), settings, self.database_url.clone()).await
    }

    /// Starts the binary; on PostgreSQL it creates a database for it unless
    /// `shared_database` names one.
    async fn launch(
        binary: &Path,
        backend: Backend,
        tls: bool,
        settings: Vec<(String, String)>,
        shared_database: Option<String>,
    ) -> anyhow::Result<Server> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
        let data = TempDir(std::env::temp_dir().join(format!("missive-bench-{port}-{}", std::process::id())));
        std::fs::create_dir_all(&data.0)?;
        let mut command = Command::new(binary);
        let tls_ca = match tls {
            false => None,
            true => {
                let ca = missive_testkit::federation::TestCa::new("bench");
                let (cert, key) = ca.issue(&missive_testkit::TLS_NAMES).write(&data.0, "api");
                command.env("MISSIVE_TLS_CERT_FILE", cert).env("MISSIVE_TLS_KEY_FILE", key);
                Some(ca.pem())
            }
        };
        command
            .env("MISSIVE_LISTEN", addr.to_string())
            .env("MISSIVE_DATA_DIR", &data.0)
            .env("RUST_LOG", "warn")
            // Benchmarks log in thousands of devices from one address.
            .env("MISSIVE_LOGIN_ATTEMPTS_PER_ADDRESS", "1000000")
            // Each added device is a login of its user's handle; with Redis
            // the count outlives the run, and the next run reuses the handles.
            .env("MISSIVE_LOGIN_ATTEMPTS_PER_HANDLE", "1000000")
            // A load generator is one client sending as much as it can.
            .env("MISSIVE_SENDS_PER_DEVICE_PER_MINUTE", "100000000")
            .env("MISSIVE_CLAIMS_PER_USER_PER_MINUTE", "1000000")
            // The fan-out sender connects to every member of its groups.
            .env("MISSIVE_CONNECTION_REQUESTS_PER_USER_PER_MINUTE", "1000000")
            .env("MISSIVE_SUBSCRIPTIONS_PER_DEVICE_PER_MINUTE", "1000000")
            .env("MISSIVE_MAX_DEVICES_PER_USER", "8")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (name, value) in &settings {
            command.env(name, value);
        }
        let mut database = None;
        let mut database_url = None;
        match backend {
            Backend::Embedded => {
                command.env_remove("DATABASE_URL").env_remove("REDIS_URL");
            }
            Backend::Production => {
                let admin = std::env::var("DATABASE_URL")
                    .ok()
                    .filter(|u| u.starts_with("postgres"))
                    .context("the production backend needs DATABASE_URL=postgres://… (scripts/deps.sh)")?;
                let redis = std::env::var("REDIS_URL").context("the production backend needs REDIS_URL")?;
                let url = match shared_database {
                    Some(url) => url,
                    None => {
                        let name = format!("missive_bench_{port}_{}", std::process::id());
                        admin_sql(&admin, &format!("CREATE DATABASE {name}")).await?;
                        let url = with_database(&admin, &name);
                        database = Some((admin, name));
                        url
                    }
                };
                command.env("DATABASE_URL", &url).env("REDIS_URL", redis);
                database_url = Some(url);
            }
        }
        let child = command.spawn().with_context(|| format!("starting {}", binary.display()))?;
        let mut server = Server { child, addr, backend, tls_ca, data, database, database_url, settings };
        for _ in 0..300 {
            if tokio::net::TcpStream::connect(addr).await.is_ok() {
                return Ok(server);
            }
            if server.child.try_wait()?.is_some() {
                bail!("missive-server exited at start");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        bail!("missive-server did not listen within 15 s")
    }

    /// Resident set size of the server process, in bytes.
    pub fn rss_bytes(&self) -> anyhow::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).context("no VmRSS")?;
        let kib: u64 = line.split_whitespace().nth(1).context("bad VmRSS")?.parse()?;
        Ok(kib * 1024)
    }

    pub async fn stop(mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        for _ in 0..200 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = self.child.kill();
        if let Some((admin, name)) = self.database.take() {
            let _ = admin_sql(&admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
        }
    }
}
