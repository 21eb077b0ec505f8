//! Web Push message encryption (RFC 8291) in the `aes128gcm` content coding
//! (RFC 8188): one record, for the subscription's P-256 key and secret.

use ring::aead::{AES_128_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::agreement::{ECDH_P256, EphemeralPrivateKey, UnparsedPublicKey, agree_ephemeral};
use ring::hkdf::{HKDF_SHA256, KeyType, Prk, Salt};
use ring::rand::{SecureRandom, SystemRandom};

/// The record size announced in the header: one record holds the payload.
const RECORD_SIZE: u32 = 4096;

struct Len(usize);

impl KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

fn expand(prk: &Prk, info: &[&[u8]], len: usize) -> Result<Vec<u8>, String> {
    let mut out = vec![0u8; len];
    prk.expand(info, Len(len)).and_then(|okm| okm.fill(&mut out)).map_err(|_| "HKDF expand failed".to_owned())?;
    Ok(out)
}

/// The request body: header (salt, record size, the sender's public key)
/// and the one encrypted record.
pub fn encrypt(ua_public: &[u8], auth_secret: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, String> {
    if plaintext.len() + 17 > RECORD_SIZE as usize {
        return Err("payload larger than one record".to_owned());
    }
    let rng = SystemRandom::new();
    let ephemeral = EphemeralPrivateKey::generate(&ECDH_P256, &rng).map_err(|_| "key generation failed".to_owned())?;
    let as_public = ephemeral.compute_public_key().map_err(|_| "public key failed".to_owned())?;
    let as_public = as_public.as_ref().to_vec();
    let ecdh_secret = agree_ephemeral(ephemeral, &UnparsedPublicKey::new(&ECDH_P256, ua_public), |s| s.to_vec())
        .map_err(|_| "the subscription's p256dh is not a P-256 point".to_owned())?;
    let prk_key = Salt::new(HKDF_SHA256, auth_secret).extract(&ecdh_secret);
    let ikm = expand(&prk_key, &[b"WebPush: info\0", ua_public, &as_public], 32)?;
    let mut salt = [0u8; 16];
    rng.fill(&mut salt).map_err(|_| "random failed".to_owned())?;
    let prk = Salt::new(HKDF_SHA256, &salt).extract(&ikm);
    let cek = expand(&prk, &[b"Content-Encoding: aes128gcm\0"], 16)?;
    let nonce = expand(&prk, &[b"Content-Encoding: nonce\0"], 12)?;
    let key = LessSafeKey::new(UnboundKey::new(&AES_128_GCM, &cek).map_err(|_| "bad key".to_owned())?);
    let nonce = Nonce::try_assume_unique_for_key(&nonce).map_err(|_| "bad nonce".to_owned())?;
    // The last (and only) record ends with the delimiter 0x02, no padding.
    let mut record = Vec::with_capacity(plaintext.len() + 17);
    record.extend_from_slice(plaintext);
    record.push(2);
    key.seal_in_place_append_tag(nonce, Aad::empty(), &mut record).map_err(|_| "encryption failed".to_owned())?;
    let mut body = Vec::with_capacity(16 + 4 + 1 + as_public.len() + record.len());
    body.extend_from_slice(&salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(as_public.len() as u8);
    body.extend_from_slice(&as_public);
    body.extend_from_slice(&record);
    Ok(body)
}
