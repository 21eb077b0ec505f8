//! argon2id password hashing, off the async runtime (it is CPU-bound by design).
//!
//! At most one hash per core runs at once: each takes 19 MiB, and unbounded
//! on tokio's blocking pool (up to 512 threads) a burst of logins held close
//! to 1 GiB of memory afterwards and starved the request path of CPU
//! (docs/PERFORMANCE.md).

use crate::error::{DomainError, DomainResult};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::OnceLock;

pub async fn hash(password: String) -> DomainResult<String> {
    run_blocking(move || {
        let mut salt_bytes = [0u8; 16];
        getrandom::fill(&mut salt_bytes).map_err(|err| DomainError::Internal(format!("no randomness: {err}")))?;
        let salt = SaltString::encode_b64(&salt_bytes)
            .map_err(|err| DomainError::Internal(format!("salt encoding: {err}")))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| DomainError::Internal(format!("password hashing: {err}")))
    })
    .await
}

/// Verifies against `stored`, or against a dummy hash when there is no
/// account, so that response time does not reveal whether a handle exists.
pub async fn verify(password: String, stored: Option<String>) -> DomainResult<bool> {
    let account_exists = stored.is_some();
    let stored = match stored {
        Some(hash) => hash,
        None => dummy_hash().await?,
    };
    let matches = run_blocking(move || {
        let parsed = PasswordHash::new(&stored)
            .map_err(|err| DomainError::Internal(format!("stored password hash unreadable: {err}")))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await?;
    Ok(account_exists && matches)
}

async fn dummy_hash() -> DomainResult<String> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash.clone());
    }
    let hash = hash("missive-dummy-password".to_owned()).await?;
    Ok(DUMMY.get_or_init(|| hash).clone())
}

fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        tokio::sync::Semaphore::new(cores)
    })
}

async fn run_blocking<T: Send + 'static>(work: impl FnOnce() -> DomainResult<T> + Send + 'static) -> DomainResult<T> {
    let _slot =
        hashing_slots().acquire().await.map_err(|_| DomainError::Internal("password hashing closed".to_owned()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|err| DomainError::Internal(format!("password worker failed: {err}")))?
}
