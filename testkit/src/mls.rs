//! A test MLS client built on openmls, as a real client would use it: its
//! credential is the device's qualified name and its signature key is the
//! device's Ed25519 identity key.

use crate::client::{Account, DeviceKey};
use openmls::prelude::tls_codec::{DeserializeBytes as _, Serialize as _};
use openmls::prelude::{
    BasicCredential, Ciphersuite, CredentialWithKey, GroupId, KeyPackage, KeyPackageIn, LeafNodeIndex,
    LeafNodeParameters, MIXED_PLAINTEXT_WIRE_FORMAT_POLICY, MlsGroup, MlsGroupCreateConfig, MlsGroupJoinConfig,
    MlsMessageBodyIn, MlsMessageIn, MlsMessageOut, OpenMlsProvider as _, ProcessedMessageContent, ProtocolMessage,
    ProtocolVersion, SignatureScheme, StagedWelcome,
};
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

/// What a commit sends: `SendCommitBundleRequest`'s three fields.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub commit: Vec<u8>,
    pub welcome: Vec<u8>,
    pub group_info: Vec<u8>,
}

/// What a received group message was.
#[derive(Debug, PartialEq, Eq)]
pub enum Received {
    Application(Vec<u8>),
    /// A commit, merged: the group moved to its next epoch.
    Commit,
}

fn encode(message: &MlsMessageOut) -> Vec<u8> {
    message.tls_serialize_detached().expect("encode MLS message")
}

fn decode(bytes: &[u8]) -> Result<MlsMessageBodyIn, String> {
    MlsMessageIn::tls_deserialize_exact_bytes(bytes).map(MlsMessageIn::extract).map_err(|e| e.to_string())
}

impl MlsDevice {
    /// Handshakes in the clear for the delivery service to check;
    /// application messages are always encrypted.
    fn create_config() -> MlsGroupCreateConfig {
        MlsGroupCreateConfig::builder()
            .ciphersuite(CIPHERSUITE)
            .use_ratchet_tree_extension(true)
            .wire_format_policy(MIXED_PLAINTEXT_WIRE_FORMAT_POLICY)
            .build()
    }

    /// A group of this device alone, at epoch 0.
    pub fn create_group(&self, group_id: &[u8]) -> MlsGroup {
        MlsGroup::new_with_group_id(
            &self.provider,
            &self.signer,
            &Self::create_config(),
            GroupId::from_slice(group_id),
            self.credential.clone(),
        )
        .expect("create group")
    }

    /// Joins by a Welcome received from the server.
    pub fn join(&self, welcome: &[u8]) -> Result<MlsGroup, String> {
        let MlsMessageBodyIn::Welcome(welcome) = decode(welcome)? else { return Err("not a Welcome".into()) };
        let config = MlsGroupJoinConfig::builder()
            .use_ratchet_tree_extension(true)
            .wire_format_policy(MIXED_PLAINTEXT_WIRE_FORMAT_POLICY)
            .build();
        StagedWelcome::new_from_welcome(&self.provider, &config, welcome, None)
            .and_then(|staged| staged.into_group(&self.provider))
            .map_err(|e| e.to_string())
    }

    /// A commit adding the devices of `key_packages` (as claimed from the
    /// server). Pending until [`accepted`](Self::accepted).
    pub fn add(&self, group: &mut MlsGroup, key_packages: &[Vec<u8>]) -> Bundle {
        let packages: Vec<KeyPackage> = key_packages
            .iter()
            .map(|bytes| {
                KeyPackageIn::tls_deserialize_exact_bytes(bytes)
                    .expect("key package")
                    .validate(self.provider.crypto(), ProtocolVersion::Mls10)
                    .expect("valid key package")
            })
            .collect();
        let (commit, welcome, info) = group.add_members(&self.provider, &self.signer, &packages).expect("add members");
        Bundle {
            commit: encode(&commit),
            welcome: encode(&welcome),
            group_info: encode(&MlsMessageOut::from(info.expect("group info"))),
        }
    }

    /// A commit removing the leaves.
    pub fn remove(&self, group: &mut MlsGroup, leaves: &[LeafNodeIndex]) -> Bundle {
        let (commit, welcome, info) = group.remove_members(&self.provider, &self.signer, leaves).expect("remove");
        Bundle {
            commit: encode(&commit),
            welcome: welcome.map(|w| encode(&w)).unwrap_or_default(),
            group_info: encode(&MlsMessageOut::from(info.expect("group info"))),
        }
    }

    /// A commit that only renews this device's keys.
    pub fn self_update(&self, group: &mut MlsGroup) -> Bundle {
        let bundle =
            group.self_update(&self.provider, &self.signer, LeafNodeParameters::default()).expect("self update");
        Bundle {
            commit: encode(bundle.commit()),
            welcome: Vec::new(),
            group_info: encode(&MlsMessageOut::from(bundle.group_info().expect("group info").clone())),
        }
    }

    /// The server took the pending commit: move to its epoch.
    pub fn accepted(&self, group: &mut MlsGroup) {
        group.merge_pending_commit(&self.provider).expect("merge pending commit");
    }

    /// The server refused it: forget it.
    pub fn refused(&self, group: &mut MlsGroup) {
        group.clear_pending_commit(self.provider.storage()).expect("clear pending commit");
    }

    /// An application message.
    pub fn encrypt(&self, group: &mut MlsGroup, plaintext: &[u8]) -> Vec<u8> {
        encode(&group.create_message(&self.provider, &self.signer, plaintext).expect("encrypt"))
    }

    /// Processes a group message from the server; a commit is merged.
    pub fn receive(&self, group: &mut MlsGroup, bytes: &[u8]) -> Result<Received, String> {
        let message: ProtocolMessage = match decode(bytes)? {
            MlsMessageBodyIn::PrivateMessage(m) => m.into(),
            MlsMessageBodyIn::PublicMessage(m) => m.into(),
            _ => return Err("not a group message".into()),
        };
        let processed = group.process_message(&self.provider, message).map_err(|e| e.to_string())?;
        match processed.into_content() {
            ProcessedMessageContent::ApplicationMessage(message) => Ok(Received::Application(message.into_bytes())),
            ProcessedMessageContent::StagedCommitMessage(commit) => {
                group.merge_staged_commit(&self.provider, *commit).map_err(|e| e.to_string())?;
                Ok(Received::Commit)
            }
            _ => Err("a proposal".into()),
        }
    }
}

/// The leaf of the device whose credential names `identity`.
pub fn leaf_of(group: &MlsGroup, identity: &str) -> Option<LeafNodeIndex> {
    group.members().find_map(|member| {
        let credential = BasicCredential::try_from(member.credential).ok()?;
        (credential.identity() == identity.as_bytes()).then_some(member.index)
    })
}

/// The credential identity the server requires of an account's device.
pub fn identity(account: &Account, domain: &str) -> String {
    format!("{}:{}@{domain}", account.id().id, account.device_id())
}
