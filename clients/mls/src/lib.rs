//! MLS (RFC 9420) for Missive's reference clients, on openmls.
//!
//! A device's MLS signature key is its Ed25519 identity key, and its
//! credential names it as `user:device@domain`: the server refuses key
//! packages that are otherwise (docs/e2ee.md). Handshakes travel as
//! PublicMessages so that the server, the delivery service, can check them;
//! application messages are always encrypted.

use openmls::prelude::tls_codec::{DeserializeBytes as _, Serialize as _};
use openmls::prelude::{
    BasicCredential, Ciphersuite, CredentialWithKey, GroupId, KeyPackage, KeyPackageIn, LeafNodeIndex,
    LeafNodeParameters, MIXED_PLAINTEXT_WIRE_FORMAT_POLICY, MlsGroup, MlsGroupCreateConfig, MlsGroupJoinConfig,
    MlsMessageBodyIn, MlsMessageIn, MlsMessageOut, OpenMlsProvider as _, ProcessedMessageContent, ProtocolMessage,
    ProtocolVersion, SignatureScheme, StagedWelcome,
};
use openmls_basic_credential::SignatureKeyPair;
use openmls_rust_crypto::OpenMlsRustCrypto;

pub use openmls;
pub use openmls_basic_credential;

/// The ciphersuite Missive's clients use (RFC 9420's mandatory one).
pub const CIPHERSUITE: Ciphersuite = Ciphersuite::MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Mls(String),
    #[error("the stored MLS state is damaged: {0}")]
    State(&'static str),
}

pub type Result<T> = std::result::Result<T, Error>;

fn mls(err: impl std::fmt::Display) -> Error {
    Error::Mls(err.to_string())
}

/// The credential identity of a device: `user:device@domain`.
pub fn identity(user_id: &str, device_id: &str, domain: &str) -> String {
    format!("{user_id}:{device_id}@{domain}")
}

/// What a commit sends: the three fields of `SendCommitBundleRequest`.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub commit: Vec<u8>,
    /// Empty when the commit adds no device.
    pub welcome: Vec<u8>,
    pub group_info: Vec<u8>,
}

/// What a received group message was.
#[derive(Debug, PartialEq, Eq)]
pub enum Received {
    Application(Vec<u8>),
    /// A commit, merged: the group moved to its next epoch.
    Commit,
    /// A member's proposal, kept until a commit includes it (any member's
    /// [`MlsClient::commit_pending`]) or the epoch ends.
    Proposal,
}

/// One device's MLS client: its keys, key packages and groups, kept by
/// openmls in memory and saved by the caller with [`MlsClient::state`].
pub struct MlsClient {
    provider: OpenMlsRustCrypto,
    pub signer: SignatureKeyPair,
    pub credential: CredentialWithKey,
}

impl MlsClient {
    /// The client of the device whose Ed25519 identity key has `seed`.
    pub fn new(seed: [u8; 32], identity: &str) -> MlsClient {
        let public = openmls_public_key(&seed);
        let signer = SignatureKeyPair::from_raw(SignatureScheme::ED25519, seed.to_vec(), public.clone());
        let credential = CredentialWithKey {
            credential: BasicCredential::new(identity.as_bytes().to_vec()).into(),
            signature_key: public.into(),
        };
        MlsClient { provider: OpenMlsRustCrypto::default(), signer, credential }
    }

    /// As [`new`](Self::new), with the state a previous run saved.
    pub fn restore(seed: [u8; 32], identity: &str, state: &[u8]) -> Result<MlsClient> {
        let client = MlsClient::new(seed, identity);
        let mut values = client.provider.storage().values.write().map_err(|_| Error::State("lock poisoned"))?;
        let mut rest = state;
        while !rest.is_empty() {
            let key = take(&mut rest)?;
            let value = take(&mut rest)?;
            values.insert(key, value);
        }
        drop(values);
        Ok(client)
    }

    /// Everything openmls keeps for this device (private keys included),
    /// for the caller to store where only the device's owner can read it.
    pub fn state(&self) -> Vec<u8> {
        let values = self.provider.storage().values.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut entries: Vec<_> = values.iter().collect();
        entries.sort();
        let mut out = Vec::new();
        for (key, value) in entries {
            put(&mut out, key);
            put(&mut out, value);
        }
        out
    }

    /// A fresh key package, encoded for `UploadKeyPackages`.
    pub fn key_package(&self) -> Result<Vec<u8>> {
        self.key_package_with(CIPHERSUITE, &self.signer, self.credential.clone())
    }

    /// A key package from any signer and credential (tests make bad ones).
    pub fn key_package_with(
        &self,
        suite: Ciphersuite,
        signer: &SignatureKeyPair,
        credential: CredentialWithKey,
    ) -> Result<Vec<u8>> {
        let bundle = KeyPackage::builder().build(suite, &self.provider, signer, credential).map_err(mls)?;
        bundle.key_package().tls_serialize_detached().map_err(mls)
    }

    fn create_config() -> MlsGroupCreateConfig {
        MlsGroupCreateConfig::builder()
            .ciphersuite(CIPHERSUITE)
            .use_ratchet_tree_extension(true)
            .wire_format_policy(MIXED_PLAINTEXT_WIRE_FORMAT_POLICY)
            .build()
    }

    /// A group of this device alone, at epoch 0, with the id the server
    /// gave the conversation.
    pub fn create_group(&self, group_id: &[u8]) -> Result<MlsGroup> {
        MlsGroup::new_with_group_id(
            &self.provider,
            &self.signer,
            &Self::create_config(),
            GroupId::from_slice(group_id),
            self.credential.clone(),
        )
        .map_err(mls)
    }

    /// A group this device is in, as last saved.
    pub fn load_group(&self, group_id: &[u8]) -> Result<Option<MlsGroup>> {
        MlsGroup::load(self.provider.storage(), &GroupId::from_slice(group_id)).map_err(mls)
    }

    /// Joins by a Welcome from the server (`MlsWelcome`).
    pub fn join(&self, welcome: &[u8]) -> Result<MlsGroup> {
        let MlsMessageBodyIn::Welcome(welcome) = decode(welcome)? else {
            return Err(Error::Mls("not a Welcome".into()));
        };
        let config = MlsGroupJoinConfig::builder()
            .use_ratchet_tree_extension(true)
            .wire_format_policy(MIXED_PLAINTEXT_WIRE_FORMAT_POLICY)
            .build();
        StagedWelcome::new_from_welcome(&self.provider, &config, welcome, None)
            .map_err(mls)?
            .into_group(&self.provider)
            .map_err(mls)
    }

    /// A commit adding the devices of `key_packages` (as claimed from the
    /// server, each checked here too). Pending until [`accepted`](Self::accepted).
    pub fn add(&self, group: &mut MlsGroup, key_packages: &[Vec<u8>]) -> Result<Bundle> {
        let mut packages = Vec::with_capacity(key_packages.len());
        for bytes in key_packages {
            let package = KeyPackageIn::tls_deserialize_exact_bytes(bytes).map_err(mls)?;
            packages.push(package.validate(self.provider.crypto(), ProtocolVersion::Mls10).map_err(mls)?);
        }
        let (commit, welcome, info) = group.add_members(&self.provider, &self.signer, &packages).map_err(mls)?;
        Ok(Bundle { commit: encode(&commit)?, welcome: encode(&welcome)?, group_info: group_info(info)? })
    }

    /// A commit removing the leaves.
    pub fn remove(&self, group: &mut MlsGroup, leaves: &[LeafNodeIndex]) -> Result<Bundle> {
        let (commit, welcome, info) = group.remove_members(&self.provider, &self.signer, leaves).map_err(mls)?;
        let welcome = match welcome {
            Some(welcome) => encode(&welcome)?,
            None => Vec::new(),
        };
        Ok(Bundle { commit: encode(&commit)?, welcome, group_info: group_info(info)? })
    }

    /// A commit that only renews this device's keys.
    pub fn self_update(&self, group: &mut MlsGroup) -> Result<Bundle> {
        let bundle = group.self_update(&self.provider, &self.signer, LeafNodeParameters::default()).map_err(mls)?;
        Ok(Bundle {
            commit: encode(bundle.commit())?,
            welcome: Vec::new(),
            group_info: group_info(bundle.group_info().cloned())?,
        })
    }

    /// A proposal to remove a leaf, for `SendMlsMessage`: any member may
    /// propose; a commit (often an admin's) makes it happen.
    pub fn propose_remove(&self, group: &mut MlsGroup, leaf: LeafNodeIndex) -> Result<Vec<u8>> {
        let (message, _) = group.propose_remove_member(&self.provider, &self.signer, leaf).map_err(mls)?;
        encode(&message)
    }

    /// Forgets this device's proposals the server refused (and any other
    /// pending ones).
    pub fn drop_proposals(&self, group: &mut MlsGroup) -> Result<()> {
        group.clear_pending_proposals(self.provider.storage()).map_err(mls)
    }

    /// A commit of the proposals received (and made) in this epoch, by
    /// reference. Pending until [`accepted`](Self::accepted).
    pub fn commit_pending(&self, group: &mut MlsGroup) -> Result<Bundle> {
        let (commit, welcome, info) = group.commit_to_pending_proposals(&self.provider, &self.signer).map_err(mls)?;
        let welcome = match welcome {
            Some(welcome) => encode(&welcome)?,
            None => Vec::new(),
        };
        Ok(Bundle { commit: encode(&commit)?, welcome, group_info: group_info(info)? })
    }

    /// The server took the pending commit: move to its epoch.
    pub fn accepted(&self, group: &mut MlsGroup) -> Result<()> {
        group.merge_pending_commit(&self.provider).map_err(mls)
    }

    /// The server refused it: forget it.
    pub fn refused(&self, group: &mut MlsGroup) -> Result<()> {
        group.clear_pending_commit(self.provider.storage()).map_err(mls)
    }

    /// Deletes the group from this device's state: a group made at epoch 0
    /// whose first commit lost to another device's (which then welcomes
    /// this one into its own group of the same id).
    pub fn forget(&self, group: &mut MlsGroup) -> Result<()> {
        group.delete(self.provider.storage()).map_err(mls)
    }

    /// An application message.
    pub fn encrypt(&self, group: &mut MlsGroup, plaintext: &[u8]) -> Result<Vec<u8>> {
        encode(&group.create_message(&self.provider, &self.signer, plaintext).map_err(mls)?)
    }

    /// Processes a group message from the server (`MlsMessageAdded`); a
    /// commit is merged. A message that does not decrypt or verify is an
    /// error, never a text.
    pub fn receive(&self, group: &mut MlsGroup, bytes: &[u8]) -> Result<Received> {
        let message: ProtocolMessage = match decode(bytes)? {
            MlsMessageBodyIn::PrivateMessage(m) => m.into(),
            MlsMessageBodyIn::PublicMessage(m) => m.into(),
            _ => return Err(Error::Mls("not a group message".into())),
        };
        let processed = group.process_message(&self.provider, message).map_err(mls)?;
        match processed.into_content() {
            ProcessedMessageContent::ApplicationMessage(message) => Ok(Received::Application(message.into_bytes())),
            ProcessedMessageContent::StagedCommitMessage(commit) => {
                group.merge_staged_commit(&self.provider, *commit).map_err(mls)?;
                Ok(Received::Commit)
            }
            ProcessedMessageContent::ProposalMessage(proposal) => {
                group.store_pending_proposal(self.provider.storage(), *proposal).map_err(mls)?;
                Ok(Received::Proposal)
            }
            _ => Err(Error::Mls("an external proposal (not relayed by Missive)".into())),
        }
    }
}

/// The leaves of the devices whose credentials name `user_id` (any device,
/// any domain of the form `user:device@domain`).
pub fn leaves_of_user(group: &MlsGroup, user_id: &str) -> Vec<LeafNodeIndex> {
    let prefix = format!("{user_id}:");
    group
        .members()
        .filter(|member| {
            BasicCredential::try_from(member.credential.clone())
                .is_ok_and(|c| c.identity().starts_with(prefix.as_bytes()))
        })
        .map(|member| member.index)
        .collect()
}

/// The leaf of the device whose credential names `identity`.
pub fn leaf_of(group: &MlsGroup, identity: &str) -> Option<LeafNodeIndex> {
    group.members().find_map(|member| {
        let credential = BasicCredential::try_from(member.credential).ok()?;
        (credential.identity() == identity.as_bytes()).then_some(member.index)
    })
}

/// The public half of an Ed25519 seed: the device's identity key.
fn openmls_public_key(seed: &[u8; 32]) -> Vec<u8> {
    ed25519_dalek::SigningKey::from_bytes(seed).verifying_key().to_bytes().to_vec()
}

fn encode(message: &MlsMessageOut) -> Result<Vec<u8>> {
    message.tls_serialize_detached().map_err(mls)
}

fn group_info(info: Option<openmls::messages::group_info::GroupInfo>) -> Result<Vec<u8>> {
    let info = info.ok_or_else(|| Error::Mls("openmls made no GroupInfo".into()))?;
    encode(&MlsMessageOut::from(info))
}

fn decode(bytes: &[u8]) -> Result<MlsMessageBodyIn> {
    MlsMessageIn::tls_deserialize_exact_bytes(bytes).map(MlsMessageIn::extract).map_err(mls)
}

fn put(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

fn take(rest: &mut &[u8]) -> Result<Vec<u8>> {
    let (length, tail) = rest.split_first_chunk::<4>().ok_or(Error::State("truncated length"))?;
    let length = u32::from_be_bytes(*length) as usize;
    if tail.len() < length {
        return Err(Error::State("truncated value"));
    }
    let (value, tail) = tail.split_at(length);
    *rest = tail;
    Ok(value.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(name: &str, seed: u8) -> MlsClient {
        MlsClient::new([seed; 32], &identity(name, "device", "example.org"))
    }

    /// What a profile saves is enough to go on in the next run: the group,
    /// its epoch secrets and the key packages' private keys.
    #[test]
    fn a_restored_client_keeps_its_groups_and_key_packages() {
        let alice = client("alice", 1);
        let bob = client("bob", 2);
        let package = bob.key_package().unwrap();
        let bob = MlsClient::restore([2; 32], &identity("bob", "device", "example.org"), &bob.state()).unwrap();

        let mut alice_group = alice.create_group(b"group").unwrap();
        let bundle = alice.add(&mut alice_group, &[package]).unwrap();
        alice.accepted(&mut alice_group).unwrap();
        let bob_group = bob.join(&bundle.welcome).expect("the restored key package's private key joins");
        drop(bob_group);

        let bob = MlsClient::restore([2; 32], &identity("bob", "device", "example.org"), &bob.state()).unwrap();
        let mut bob_group = bob.load_group(b"group").unwrap().expect("the group was saved");
        let message = alice.encrypt(&mut alice_group, b"after a restart").unwrap();
        assert_eq!(bob.receive(&mut bob_group, &message), Ok(Received::Application(b"after a restart".to_vec())));
        assert_eq!(leaves_of_user(&alice_group, "bob").len(), 1);
        assert_eq!(
            leaf_of(&alice_group, &identity("bob", "device", "example.org")),
            leaves_of_user(&alice_group, "bob").first().copied()
        );
    }

    #[test]
    fn damaged_state_is_an_error_not_a_panic() {
        assert_eq!(MlsClient::restore([1; 32], "x", &[0, 0, 0, 9, 1]).err(), Some(Error::State("truncated value")));
        assert_eq!(MlsClient::restore([1; 32], "x", &[0, 0]).err(), Some(Error::State("truncated length")));
    }
}
