//! Names the git commit the binary was built from, for `--version`:
//! `MISSIVE_GIT_COMMIT` when set (a build outside a checkout), else
//! `git rev-parse`, else "unknown".

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=MISSIVE_GIT_COMMIT");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let git_dir = root.join(".git");
    // A new commit moves HEAD or the branch it names. Only files that
    // exist: cargo reruns the script on every build for a missing one.
    let mut watched = vec![git_dir.join("HEAD"), git_dir.join("packed-refs")];
    if let Ok(head) = std::fs::read_to_string(git_dir.join("HEAD"))
        && let Some(branch) = head.trim().strip_prefix("ref: ")
    {
        watched.push(git_dir.join(branch));
    }
    for path in watched.iter().filter(|path| path.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let commit = std::env::var("MISSIVE_GIT_COMMIT").ok().filter(|c| !c.is_empty()).or_else(|| {
        let output =
            Command::new("git").arg("-C").arg(&root).args(["rev-parse", "--short=12", "HEAD"]).output().ok()?;
        let text = String::from_utf8(output.stdout).ok()?;
        (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
    });
    println!("cargo:rustc-env=MISSIVE_GIT_COMMIT={}", commit.unwrap_or_else(|| "unknown".to_owned()));
}
