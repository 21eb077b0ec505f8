//! Two federating Missive backends on loopback, for people to try
//! federation (scripts/federation-demo.sh): `a.example` with its client API
//! on 127.0.0.1:50051 and `b.example` on 127.0.0.1:50052, each with its own
//! data directory, a certificate from a CA made here, federation listeners
//! with mutual TLS on 127.0.0.1:50061 and 127.0.0.1:50062, and a DNS server
//! on loopback that answers both backends' SRV records. Prints `ready` when
//! both serve; Ctrl-C or SIGTERM stops both.
//!
//! Usage: missive-federation-demo [--dir DIR] [--server-bin PATH]

use anyhow::{Context, bail};
use missive_testkit::federation::{DnsServer, TestCa, federator_host};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Backend {
    domain: &'static str,
    client: &'static str,
    federation: &'static str,
}

const BACKENDS: [Backend; 2] = [
    Backend { domain: "a.example", client: "127.0.0.1:50051", federation: "127.0.0.1:50061" },
    Backend { domain: "b.example", client: "127.0.0.1:50052", federation: "127.0.0.1:50062" },
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut dir = PathBuf::from("federation-demo");
    let mut server_bin = std::env::current_exe()?.with_file_name("missive-server");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dir" => dir = args.next().context("--dir needs a directory")?.into(),
            "--server-bin" => server_bin = args.next().context("--server-bin needs a path")?.into(),
            other => {
                bail!("unknown argument {other:?}; usage: missive-federation-demo [--dir DIR] [--server-bin PATH]")
            }
        }
    }
    if !server_bin.exists() {
        bail!("no server binary at {} (build it with cargo build -p missive-server)", server_bin.display());
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let dir = dir.canonicalize()?;

    // A fresh CA each run: the certificates are for this demo only.
    let ca = TestCa::new("federation-demo");
    let ca_file = ca.write(&dir);
    let dns = DnsServer::start().await;
    let mut children: Vec<(&str, Child)> = Vec::new();
    let mut starts = Vec::new();
    for backend in &BACKENDS {
        let data = dir.join(backend.domain);
        std::fs::create_dir_all(&data)?;
        let host = federator_host(backend.domain);
        let (cert, key) = ca.issue(&[&host]).write(&data, "federation");
        let federation: SocketAddr = backend.federation.parse()?;
        dns.publish(backend.domain, &host, federation.port());
        let child = start(&server_bin, backend, &data, (&cert, &key, &ca_file), dns.addr)?;
        children.push((backend.domain, child));
        starts.push((data, cert, key));
    }
    let restart = |index: usize| {
        let (data, cert, key) = &starts[index];
        // What the first try said, before its log is started anew.
        let log = std::fs::read_to_string(data.join("server.log")).unwrap_or_default();
        for line in log.lines().rev().take(5).collect::<Vec<_>>().into_iter().rev() {
            eprintln!("  {}: {line}", BACKENDS[index].domain);
        }
        start(&server_bin, &BACKENDS[index], data, (cert, key, &ca_file), dns.addr)
    };
    let outcome = serve(&mut children, &restart).await;
    for (_, child) in &mut children {
        stop(child);
    }
    outcome
}

fn start(
    server_bin: &Path,
    backend: &Backend,
    data: &Path,
    (cert, key, ca): (&Path, &Path, &Path),
    dns: SocketAddr,
) -> anyhow::Result<Child> {
    let log = std::fs::File::create(data.join("server.log"))?;
    let allowed = BACKENDS.iter().map(|b| b.domain).collect::<Vec<_>>().join(",");
    Command::new(server_bin)
        .args(["--domain", backend.domain, "--listen", backend.client, "--federation-listen", backend.federation])
        .arg("--data-dir")
        .arg(data)
        .arg("--federation-cert-file")
        .arg(cert)
        .arg("--federation-key-file")
        .arg(key)
        .arg("--federation-ca-file")
        .arg(ca)
        .args(["--federation-dns", &dns.to_string(), "--federation-allow", &allowed])
        // The demo is the whole configuration: nothing from the environment.
        .env_remove("DATABASE_URL")
        .env_remove("REDIS_URL")
        .stdout(log.try_clone()?)
        .stderr(log)
        .stdin(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {}", server_bin.display()))
}

/// Times a server that exits before it listens is started again: its
/// fixed ports are in the ephemeral range, so another program's connection
/// may hold one for a moment.
const STARTS: u32 = 10;

/// Waits until both listen, says `ready`, then until a signal or a child's death.
async fn serve(children: &mut [(&str, Child)], restart: &dyn Fn(usize) -> anyhow::Result<Child>) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut starts = [1u32; BACKENDS.len()];
    for (index, backend) in BACKENDS.iter().enumerate() {
        for addr in [backend.client, backend.federation] {
            while tokio::net::TcpStream::connect(addr).await.is_err() {
                if let Some(status) = children[index].1.try_wait()?
                    && starts[index] < STARTS
                {
                    eprintln!("{} exited before listening ({status}); starting it again", backend.domain);
                    starts[index] += 1;
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    children[index].1 = restart(index)?;
                    continue;
                }
                check_alive(children)?;
                if Instant::now() > deadline {
                    bail!("{} did not listen on {addr} within a minute (see its server.log)", backend.domain);
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    for backend in &BACKENDS {
        eprintln!("{}: client API http://{}, federation {}", backend.domain, backend.client, backend.federation);
    }
    println!("ready");
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let mut every = tokio::time::interval(Duration::from_millis(500));
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => return Ok(()),
            _ = terminate.recv() => return Ok(()),
            _ = every.tick() => check_alive(children)?,
        }
    }
}

fn check_alive(children: &mut [(&str, Child)]) -> anyhow::Result<()> {
    for (domain, child) in children.iter_mut() {
        if let Some(status) = child.try_wait()? {
            bail!("the {domain} server exited ({status}); see its server.log");
        }
    }
    Ok(())
}

/// A graceful stop (SIGTERM), then a kill if it has not ended in 15 s.
fn stop(child: &mut Child) {
    if matches!(child.try_wait(), Ok(Some(_))) {
        return;
    }
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}
