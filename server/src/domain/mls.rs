//! What the server checks of MLS (RFC 9420) bytes. Parsing and signature
//! checks are openmls' own (its wire-format types and its RustCrypto
//! provider): a delivery service that decoded the TLS encoding by hand
//! would be a second, untested implementation of the standard.

use super::ids::{BackendDomain, DeviceId, UserId};
use openmls::prelude::tls_codec::DeserializeBytes;
use openmls::prelude::{BasicCredential, KeyPackageIn, ProtocolVersion, SignatureScheme};
use openmls_rust_crypto::RustCrypto;

/// The identity a device's MLS credential must carry: the device's
/// qualified name, `user:device@domain` (as Wire's clients do), so that a
/// member reading a group's tree knows which device each leaf is.
pub fn credential_identity(user: UserId, device: &DeviceId, domain: &BackendDomain) -> String {
    format!("{}:{}@{}", user.0, device.as_str(), domain)
}

/// Checks that `bytes` is one MLS key package, validly signed, for a
/// ciphersuite signed with Ed25519, whose leaf's signature key is the
/// device's identity key and whose basic credential names the device. The
/// binding is what lets a member trust that a leaf is the device the server
/// vouches for: the identity key is the one the device logs in with.
pub fn check_key_package(bytes: &[u8], identity_key: &[u8], identity: &str) -> Result<(), String> {
    let (package, rest) =
        KeyPackageIn::tls_deserialize_bytes(bytes).map_err(|e| format!("not an MLS key package: {e}"))?;
    if !rest.is_empty() {
        return Err(format!("{} bytes after the key package", rest.len()));
    }
    let claimed = package.unverified_credential();
    let package = package
        .validate(&RustCrypto::default(), ProtocolVersion::Mls10)
        .map_err(|e| format!("the key package does not verify: {e}"))?;
    let suite = package.ciphersuite();
    if suite.signature_algorithm() != SignatureScheme::ED25519 {
        return Err(format!("ciphersuite {suite:?} is not signed with Ed25519, the devices' identity keys"));
    }
    if claimed.signature_key.as_slice() != identity_key {
        return Err("the key package's signature key is not this device's identity key".to_owned());
    }
    let credential = BasicCredential::try_from(claimed.credential)
        .map_err(|_| "the key package's credential is not a basic credential".to_owned())?;
    if credential.identity() != identity.as_bytes() {
        return Err(format!(
            "the key package's credential names {:?}, not this device ({identity})",
            String::from_utf8_lossy(credential.identity())
        ));
    }
    Ok(())
}
