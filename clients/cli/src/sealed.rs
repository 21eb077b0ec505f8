//! The device's secrets at rest, sealed under a passphrase when the user
//! gives one (`MISSIVE_KEY_PASSPHRASE`): the identity key's seed and the
//! MLS state are encrypted with AES-256-GCM under a key derived from the
//! passphrase with Argon2id and a per-profile salt. Without a passphrase
//! they are kept as before, readable by the owner only.

use anyhow::{Context, bail};
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};

/// The environment variable the passphrase is read from.
pub const PASSPHRASE_ENV: &str = "MISSIVE_KEY_PASSPHRASE";
/// What a sealed file starts with.
const MAGIC: &[u8] = b"missive-sealed-v1\n";
pub const SALT_LEN: usize = 16;

/// A key derived from the passphrase, for one profile's salt.
pub struct SealingKey(LessSafeKey);

impl SealingKey {
    pub fn derive(passphrase: &str, salt: &[u8]) -> anyhow::Result<SealingKey> {
        if passphrase.is_empty() {
            bail!("{PASSPHRASE_ENV} is empty: give a passphrase, or unset it");
        }
        let mut key = [0u8; 32];
        argon2::Argon2::default()
            .hash_password_into(passphrase.as_bytes(), salt, &mut key)
            .map_err(|err| anyhow::anyhow!("deriving the key from the passphrase: {err}"))?;
        let key = UnboundKey::new(&AES_256_GCM, &key).map_err(|_| anyhow::anyhow!("AES-256-GCM key"))?;
        Ok(SealingKey(LessSafeKey::new(key)))
    }

    /// `MAGIC`, a random nonce, then the ciphertext and its tag; `what`
    /// (the file's role) is bound as associated data, so that one sealed
    /// file cannot stand in for another.
    pub fn seal(&self, what: &str, plaintext: &[u8]) -> anyhow::Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|err| anyhow::anyhow!("randomness: {err}"))?;
        let mut sealed = plaintext.to_vec();
        self.0
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(what.as_bytes()), &mut sealed)
            .map_err(|_| anyhow::anyhow!("sealing {what}"))?;
        Ok([MAGIC, &nonce, &sealed].concat())
    }

    pub fn open(&self, what: &str, sealed: &[u8]) -> anyhow::Result<Vec<u8>> {
        let rest = sealed.strip_prefix(MAGIC).context("not a sealed file")?;
        if rest.len() < NONCE_LEN {
            bail!("{what} is truncated");
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| anyhow::anyhow!("{what}: bad nonce"))?;
        let mut buffer = ciphertext.to_vec();
        let plaintext = self
            .0
            .open_in_place(nonce, Aad::from(what.as_bytes()), &mut buffer)
            .map_err(|_| anyhow::anyhow!("cannot open {what}: wrong {PASSPHRASE_ENV}, or the file was changed"))?;
        Ok(plaintext.to_vec())
    }
}

pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// The passphrase, when the user gave one.
pub fn passphrase() -> Option<String> {
    std::env::var(PASSPHRASE_ENV).ok()
}

pub fn new_salt() -> anyhow::Result<[u8; SALT_LEN]> {
    let mut salt = [0u8; SALT_LEN];
    getrandom::fill(&mut salt).map_err(|err| anyhow::anyhow!("randomness: {err}"))?;
    Ok(salt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bytes_open_with_the_same_passphrase_and_role_only() {
        let salt = new_salt().unwrap();
        let key = SealingKey::derive("correct horse", &salt).unwrap();
        let sealed = key.seal("mls.state", b"group secrets").unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(13).any(|w| w == b"group secrets"));
        assert_eq!(key.open("mls.state", &sealed).unwrap(), b"group secrets");
        assert!(key.open("identity seed", &sealed).is_err(), "bound to its role");
        let wrong = SealingKey::derive("wrong horse", &salt).unwrap();
        assert!(wrong.open("mls.state", &sealed).unwrap_err().to_string().contains("wrong"));
        let mut changed = sealed.clone();
        *changed.last_mut().unwrap() ^= 1;
        assert!(key.open("mls.state", &changed).is_err());
        assert!(SealingKey::derive("", &salt).is_err());
    }
}
