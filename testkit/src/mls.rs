//! MLS for test accounts: `missive_mls` clients (the reference clients'
//! own, on openmls) keyed by an account's device key.

use crate::client::Account;
pub use missive_mls::{Bundle, CIPHERSUITE, MlsClient, Received, leaf_of, leaves_of_user};

/// The credential identity the server requires of an account's device.
pub fn identity(account: &Account, domain: &str) -> String {
    missive_mls::identity(&account.id().id, &account.device_id(), domain)
}

/// The MLS client of an account's device on `domain`.
pub fn client_of(account: &Account, domain: &str) -> MlsClient {
    MlsClient::new(account.key.signing.to_bytes(), &identity(account, domain))
}
