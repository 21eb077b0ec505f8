//! The local profile: who this device is, its identity key, its tokens and
//! its stream cursor. One JSON file, readable by its owner only.

use crate::sealed::{self, PASSPHRASE_ENV, SealingKey};
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
    /// Ed25519 seed of the device identity key, hex; empty when sealed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub identity_seed: String,
    /// The seed sealed under the passphrase (`crate::sealed`), hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed_identity_seed: Option<String>,
    /// The Argon2id salt of the passphrase's key, hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_salt: Option<String>,
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

const MLS_STATE: &str = "mls.state";
const IDENTITY_SEED: &str = "identity seed";

pub fn load_mls(dir: &Path, key: Option<&SealingKey>) -> anyhow::Result<Option<Vec<u8>>> {
    let path = mls_file(dir);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
    };
    match (sealed::is_sealed(&bytes), key) {
        (false, _) => Ok(Some(bytes)),
        (true, Some(key)) => key.open(MLS_STATE, &bytes).map(Some),
        (true, None) => bail!("this profile's keys are sealed: set {PASSPHRASE_ENV}"),
    }
}

pub fn save_mls(dir: &Path, state: &[u8], key: Option<&SealingKey>) -> anyhow::Result<()> {
    match key {
        Some(key) => write_private(dir, &mls_file(dir), &key.seal(MLS_STATE, state)?),
        None => write_private(dir, &mls_file(dir), state),
    }
}

/// The key of the profile's passphrase, if the user gave one
/// (`MISSIVE_KEY_PASSPHRASE`). A profile sealed before needs it; a plain
/// one is sealed from now on (a salt is made, the seed sealed here, the MLS
/// state at its next save).
pub fn sealing_key(profile: &mut Profile) -> anyhow::Result<Option<SealingKey>> {
    let passphrase = sealed::passphrase();
    let Some(passphrase) = passphrase else {
        if profile.sealed_identity_seed.is_some() {
            bail!("this profile's keys are sealed: set {PASSPHRASE_ENV}");
        }
        return Ok(None);
    };
    let salt = match &profile.key_salt {
        Some(salt) => hex::decode(salt).context("the profile's key salt is damaged")?,
        None => sealed::new_salt()?.to_vec(),
    };
    let key = SealingKey::derive(&passphrase, &salt)?;
    if profile.sealed_identity_seed.is_none() {
        let seed = hex::decode(&profile.identity_seed).context("the profile's identity seed is damaged")?;
        profile.sealed_identity_seed = Some(hex::encode(key.seal(IDENTITY_SEED, &seed)?));
        profile.identity_seed.clear();
        profile.key_salt = Some(hex::encode(&salt));
    }
    Ok(Some(key))
}

/// The identity key's seed, opened with the key if it is sealed.
pub fn identity_seed(profile: &Profile, key: Option<&SealingKey>) -> anyhow::Result<[u8; 32]> {
    let seed = match (&profile.sealed_identity_seed, key) {
        (Some(sealed), Some(key)) => {
            key.open(IDENTITY_SEED, &hex::decode(sealed).context("the sealed identity seed is damaged")?)?
        }
        (Some(_), None) => bail!("this profile's keys are sealed: set {PASSPHRASE_ENV}"),
        (None, _) => hex::decode(&profile.identity_seed).context("the profile's identity seed is damaged")?,
    };
    seed.try_into().ok().context("the profile's identity seed is damaged")
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
