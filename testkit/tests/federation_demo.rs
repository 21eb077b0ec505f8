//! The README's "Two backends" walkthrough, run line by line as written:
//! scripts/federation-demo.sh starts two backends, then the `missive`
//! commands connect a user of each and exchange a message both ways.
//!
//! The two scripts are stand-ins that run the binaries cargo built for this
//! test run (instead of `cargo run` inside a test); the lines themselves are
//! read from README.md.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SECTION: &str = "## Two backends: federation on one machine";

/// The ```sh blocks of the README section.
fn readme_blocks() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).expect("README.md");
    let start = readme.find(SECTION).expect("the README has the federation walkthrough");
    let section = &readme[start + SECTION.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section.split("```sh\n").skip(1).map(|block| block[..block.find("```").expect("closed block")].to_owned()).collect()
}

fn sibling(name: &str) -> PathBuf {
    let demo = Path::new(env!("CARGO_BIN_EXE_missive-federation-demo"));
    let path = demo.with_file_name(name);
    assert!(path.exists(), "{} is missing: build the workspace first (cargo test --workspace does)", path.display());
    path
}

fn stand_in(dir: &Path, name: &str, body: &str) {
    let path = dir.join("scripts").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("#!/usr/bin/env bash\n{body}\n")).unwrap();
    Command::new("chmod").arg("+x").arg(&path).status().unwrap();
}

#[test]
fn the_readme_federation_walkthrough_works_as_written() {
    let blocks = readme_blocks();
    assert_eq!(blocks.len(), 2, "the walkthrough has a block for each terminal");
    let work = tempfile::tempdir().unwrap();
    let demo = env!("CARGO_BIN_EXE_missive-federation-demo");
    stand_in(
        work.path(),
        "federation-demo.sh",
        &format!("exec {demo} --dir ./federation-demo --server-bin {} \"$@\"", sibling("missive-server").display()),
    );
    stand_in(work.path(), "missive.sh", &format!("exec {} \"$@\"", sibling("missive").display()));
    for profile in ["/tmp/fed-alice", "/tmp/fed-bob"] {
        let _ = std::fs::remove_dir_all(profile);
    }

    // Terminal 1.
    let mut backends = Command::new("bash")
        .args(["-c", &format!("exec {}", blocks[0].trim())])
        .current_dir(work.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the demo starts");
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let stdout = backends.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.trim() == "ready" {
                let _ = ready_tx.send(());
            }
        }
    });
    let ready = ready_rx.recv_timeout(Duration::from_secs(120));
    if ready.is_err() {
        let _ = backends.kill();
        panic!("the demo never printed ready");
    }

    // Terminal 2, line by line, as a person would type them.
    let mut transcript = String::new();
    let script = format!("set -euo pipefail\n{}", blocks[1]);
    let output = Command::new("bash").args(["-c", &script]).current_dir(work.path()).output().expect("bash runs");
    transcript.push_str(&String::from_utf8_lossy(&output.stdout));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();

    // Ctrl-C's stand-in: SIGTERM stops both backends.
    Command::new("kill").args(["-TERM", &backends.id().to_string()]).status().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let stopped = loop {
        if let Some(status) = backends.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the demo did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    };

    assert!(output.status.success(), "the walkthrough failed:\n{transcript}\n{stderr}");
    assert!(
        transcript.contains("message from alice@a.example: hello from a.example"),
        "bob did not get alice's message:\n{transcript}\n{stderr}"
    );
    assert!(
        transcript.contains("message from bob@b.example: hello from b.example"),
        "alice did not get bob's message:\n{transcript}\n{stderr}"
    );
    assert!(stopped.success(), "the demo ended with {stopped}");
    for port in [50051, 50052, 50061, 50062] {
        assert!(!served(port), "port {port} still served after the stop");
    }
}

/// Whether something listens on the loopback port. The demo's ports lie in
/// Linux's ephemeral range, so a connect to one that nobody serves can pick
/// that very port as its source and connect to itself (TCP simultaneous
/// open; here about one connect in 60,000 to a port nobody serves). A
/// clean-clone CI run once failed "still served" after a clean stop.
fn served(port: u16) -> bool {
    match std::net::TcpStream::connect(("127.0.0.1", port)) {
        Ok(stream) => stream.local_addr().ok() != stream.peer_addr().ok(),
        Err(_) => false,
    }
}
