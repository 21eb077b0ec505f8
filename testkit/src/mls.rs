//! A test MLS client built on openmls, as a real client would use it: its
//! credential is the device's qualified name and its signature key is the
//! device's Ed25519 identity key.

use crate::client::{Account, DeviceKey};
use openmls::prelude::tls_codec::Serialize as _;
use openmls::prelude::{BasicCredential, Ciphersuite, CredentialWithKey, KeyPackage, SignatureScheme};
use openmls_basic_credential::SignatureKeyPair;
use openmls_rust_crypto::OpenMlsRustCrypto;

/// The ciphersuite Missive's clients use (RFC 9420's mandatory one).
pub const CIPHERSUITE: Ciphersuite = Ciphersuite::MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519;

/// One device's MLS state: the provider keeps the private keys of its key
/// packages and groups in memory.
pub struct MlsDevice {
    pub provider: OpenMlsRustCrypto,
    pub signer: SignatureKeyPair,
    pub credential: CredentialWithKey,
}

impl MlsDevice {
    /// `identity` is `user:device@domain` (see `missive_server::domain::mls`).
    pub fn new(key: &DeviceKey, identity: &str) -> MlsDevice {
        let public = key.public();
        let signer =
            SignatureKeyPair::from_raw(SignatureScheme::ED25519, key.signing.to_bytes().to_vec(), public.clone());
        let credential = CredentialWithKey {
            credential: BasicCredential::new(identity.as_bytes().to_vec()).into(),
            signature_key: public.into(),
        };
        MlsDevice { provider: OpenMlsRustCrypto::default(), signer, credential }
    }

    /// The MLS device of an account on `domain`.
    pub fn of(account: &Account, domain: &str) -> MlsDevice {
        MlsDevice::new(&account.key, &identity(account, domain))
    }

    /// A fresh key package, encoded for upload.
    pub fn key_package(&self) -> Vec<u8> {
        self.key_package_with(CIPHERSUITE, &self.signer, self.credential.clone())
    }

    /// A key package from any signer and credential, for the bad cases.
    pub fn key_package_with(
        &self,
        suite: Ciphersuite,
        signer: &SignatureKeyPair,
        credential: CredentialWithKey,
    ) -> Vec<u8> {
        let bundle = KeyPackage::builder().build(suite, &self.provider, signer, credential).expect("key package");
        bundle.key_package().tls_serialize_detached().expect("encode key package")
    }
}

/// The credential identity the server requires of an account's device.
pub fn identity(account: &Account, domain: &str) -> String {
    format!("{}:{}@{domain}", account.id().id, account.device_id())
}
