//! The local profile: who this device is, its identity key, its tokens and
//! its stream cursor. One JSON file, readable by its owner only.

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Profile {
    pub server: String,
    /// The CA bundle trusted for an `https://` server instead of the
    /// public roots, as given at register or login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
    pub domain: String,
    pub user_id: String,
    pub handle: String,
    pub device_id: String,
    /// Ed25519 seed of the device identity key, hex.
    pub identity_seed: String,
    pub access_token: String,
    /// Unix seconds.
    pub access_token_expires_at: i64,
    pub refresh_token: String,
    /// Cursor of the last event this device acknowledged.
    pub cursor: Option<u64>,
    /// Devices ("user_id/device_id") a prekey was claimed for: with a real
    /// Proteus client these are the devices a session exists with.
    #[serde(default)]
    pub sessions: BTreeSet<String>,
}

pub fn file(dir: &Path) -> PathBuf {
    dir.join("profile.json")
}

pub fn load(dir: &Path) -> anyhow::Result<Profile> {
    let path = file(dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            bail!("no profile in {}: run `missive register` or `missive login` first", dir.display())
        }
        Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
    };
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

pub fn save(dir: &Path, profile: &Profile) -> anyhow::Result<()> {
    write_private(dir, &file(dir), serde_json::to_string_pretty(profile)?.as_bytes())
}

/// The MLS state: group secrets and key packages' private keys, as
/// `missive_mls` saves them.
fn mls_file(dir: &Path) -> PathBuf {
    dir.join("mls.state")
}

pub fn load_mls(dir: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    let path = mls_file(dir);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err).with_context(|| format!("reading {}", path.display())),
    }
}

pub fn save_mls(dir: &Path, state: &[u8]) -> anyhow::Result<()> {
    write_private(dir, &mls_file(dir), state)
}

/// Replaces `path` whole (a crash leaves the old or the new file), readable
/// by its owner only.
fn write_private(dir: &Path, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let temporary = path.with_extension("tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(&temporary).with_context(|| format!("writing {}", temporary.display()))?;
    out.write_all(bytes)?;
    out.sync_all()?;
    std::fs::rename(&temporary, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
