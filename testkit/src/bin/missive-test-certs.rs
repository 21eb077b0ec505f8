//! Writes a throwaway CA and a client-API certificate for tests outside
//! Rust (the TypeScript SDK and the browser test): `ca.crt`, `server.crt`
//! and `server.key` in the directory given, the certificate naming
//! `localhost` and `127.0.0.1`. Made with rcgen, fresh on every run.

use missive_testkit::TLS_NAMES;
use missive_testkit::federation::TestCa;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: missive-test-certs <directory>");
        return ExitCode::from(2);
    };
    if let Err(err) = std::fs::create_dir_all(&dir) {
        eprintln!("missive-test-certs: {}: {err}", dir.display());
        return ExitCode::FAILURE;
    }
    let ca = TestCa::new("missive test CA");
    let written = std::fs::write(dir.join("ca.crt"), ca.pem());
    let pair = ca.issue(&TLS_NAMES);
    let written = written
        .and_then(|()| std::fs::write(dir.join("server.crt"), &pair.cert_pem))
        .and_then(|()| std::fs::write(dir.join("server.key"), &pair.key_pem));
    if let Err(err) = written {
        eprintln!("missive-test-certs: {}: {err}", dir.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
