//! Compact JWS for the push services: ES256 (APNs provider tokens, VAPID)
//! and RS256 (Google's OAuth2 service-account assertion), signed with ring.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, RSA_PKCS1_SHA256, RsaKeyPair};
use rustls_pki_types::PrivateKeyDer;
use rustls_pki_types::pem::PemObject;
use std::path::Path;

pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A P-256 key from a PEM PKCS#8 file (Apple's `.p8`, or `openssl genpkey
/// -algorithm EC -pkeyopt ec_paramgen_curve:P-256`).
pub fn load_p256(path: &Path, what: &str) -> Result<EcdsaKeyPair, String> {
    let pem = std::fs::read(path).map_err(|err| format!("{what} {}: {err}", path.display()))?;
    p256_from_pem(&pem).map_err(|err| format!("{what} {}: {err}", path.display()))
}

pub fn p256_from_pem(pem: &[u8]) -> Result<EcdsaKeyPair, String> {
    let der = match PrivateKeyDer::from_pem_slice(pem).map_err(|err| format!("not a PEM private key: {err}"))? {
        PrivateKeyDer::Pkcs8(der) => der,
        _ => return Err("the key must be PKCS#8 (`-----BEGIN PRIVATE KEY-----`)".to_owned()),
    };
    EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der.secret_pkcs8_der(), &SystemRandom::new())
        .map_err(|err| format!("not a P-256 key: {err}"))
}

pub fn rsa_from_pem(pem: &[u8]) -> Result<RsaKeyPair, String> {
    let der = match PrivateKeyDer::from_pem_slice(pem).map_err(|err| format!("not a PEM private key: {err}"))? {
        PrivateKeyDer::Pkcs8(der) => der,
        _ => return Err("the key must be PKCS#8 (`-----BEGIN PRIVATE KEY-----`)".to_owned()),
    };
    RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()).map_err(|err| format!("not an RSA key: {err}"))
}

fn signing_input(header: &serde_json::Value, claims: &serde_json::Value) -> String {
    format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims.to_string().as_bytes()))
}

pub fn es256(key: &EcdsaKeyPair, header: &serde_json::Value, claims: &serde_json::Value) -> Result<String, String> {
    let input = signing_input(header, claims);
    let signature = key.sign(&SystemRandom::new(), input.as_bytes()).map_err(|_| "ES256 signing failed".to_owned())?;
    Ok(format!("{input}.{}", b64(signature.as_ref())))
}

pub fn rs256(key: &RsaKeyPair, header: &serde_json::Value, claims: &serde_json::Value) -> Result<String, String> {
    let input = signing_input(header, claims);
    let mut signature = vec![0u8; key.public().modulus_len()];
    key.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut signature)
        .map_err(|_| "RS256 signing failed".to_owned())?;
    Ok(format!("{input}.{}", b64(&signature)))
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}
