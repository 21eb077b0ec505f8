//! What the server checks of MLS (RFC 9420) bytes. Parsing and signature
//! checks are openmls' own (its wire-format types and its RustCrypto
//! provider): a delivery service that decoded the TLS encoding by hand
//! would be a second, untested implementation of the standard.

use super::ids::{BackendDomain, DeviceId, QualifiedConversationId, UserId};
use openmls::prelude::tls_codec::DeserializeBytes;
use openmls::prelude::{
    BasicCredential, ContentType, Credential, KeyPackageIn, MlsMessageBodyIn, MlsMessageIn, OpenMlsProvider as _,
    ProcessedMessageContent, Proposal, ProposalStore, ProtocolMessage, ProtocolVersion, PublicGroup, Sender,
    SignatureScheme, WireFormat,
};
use openmls_rust_crypto::{OpenMlsRustCrypto, RustCrypto};

/// The identity a device's MLS credential must carry: the device's
/// qualified name, `user:device@domain` (as Wire's clients do), so that a
/// member reading a group's tree knows which device each leaf is.
pub fn credential_identity(user: UserId, device: &DeviceId, domain: &BackendDomain) -> String {
    format!("{}:{}@{}", user.0, device.as_str(), domain)
}

/// The group id of an MLS conversation: fixed by its id, so that a group
/// made for one conversation is refused in any other.
pub fn group_id(conversation: &QualifiedConversationId) -> Vec<u8> {
    format!("{}@{}", conversation.id.0, conversation.domain).into_bytes()
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

/// A leaf of a group's tree: which device it claims to be, by its
/// credential, and the key it signs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    pub identity: Vec<u8>,
    pub signature_key: Vec<u8>,
}

impl Leaf {
    fn of(credential: &Credential, signature_key: &[u8]) -> Leaf {
        let identity = BasicCredential::try_from(credential.clone()).map(|c| c.identity().to_vec()).unwrap_or_default();
        Leaf { identity, signature_key: signature_key.to_vec() }
    }
}

/// Why a commit bundle is refused.
#[derive(Debug)]
pub enum Refusal {
    /// For another epoch than the group's current one.
    Stale {
        epoch: u64,
    },
    Invalid(String),
}

/// What a commit bundle does to its group, once checked.
#[derive(Debug)]
pub struct CommitEffect {
    /// The leaf that committed.
    pub committer: Leaf,
    /// Leaves the commit adds; the Welcome is for exactly these.
    pub added: Vec<Leaf>,
    /// Leaves the commit removes.
    pub removed: Vec<Leaf>,
    /// Every leaf of the new epoch's tree.
    pub members: Vec<Leaf>,
}

fn invalid(message: impl Into<String>) -> Refusal {
    Refusal::Invalid(message.into())
}

fn parse(what: &str, bytes: &[u8]) -> Result<MlsMessageBodyIn, Refusal> {
    let message = MlsMessageIn::tls_deserialize_exact_bytes(bytes)
        .map_err(|e| invalid(format!("{what} is not an MLS message: {e}")))?;
    Ok(message.extract())
}

/// A GroupInfo of `group_id` with its ratchet tree, verified: the group's
/// public state at that epoch.
fn public_group(
    provider: &OpenMlsRustCrypto,
    what: &str,
    group_id: &[u8],
    bytes: &[u8],
) -> Result<PublicGroup, Refusal> {
    let MlsMessageBodyIn::GroupInfo(info) = parse(what, bytes)? else {
        return Err(invalid(format!("{what} is not a GroupInfo")));
    };
    if info.group_id().as_slice() != group_id {
        return Err(invalid(format!("{what} is for another group than this conversation's")));
    }
    let tree = info
        .extensions()
        .ratchet_tree()
        .map(|extension| extension.ratchet_tree().clone())
        .ok_or_else(|| invalid(format!("{what} has no ratchet_tree extension")))?;
    let (group, _) =
        PublicGroup::from_external(provider.crypto(), provider.storage(), tree, info, ProposalStore::new())
            .map_err(|e| invalid(format!("{what} does not verify: {e}")))?;
    Ok(group)
}

/// Checks a commit bundle against the group's state: its current `epoch`
/// and the GroupInfo stored for it (none before the first commit). The
/// commit must be a PublicMessage for this group and epoch; it is verified
/// against the stored public state (signature, proposals, path), and the
/// new GroupInfo must be the one of the epoch it starts (same group
/// context). The Welcome must be for exactly the key packages added.
///
/// The first commit (epoch 0) has no stored state to be checked against:
/// the group then holds only the device that made it, and what it adds is
/// read from the new GroupInfo's tree. `proposals` are those kept for the
/// epoch ([`check_proposal`]), which the commit may include by reference.
pub fn check_commit(
    group_id: &[u8],
    epoch: u64,
    stored_info: Option<&[u8]>,
    proposals: &[Vec<u8>],
    commit: &[u8],
    welcome: &[u8],
    group_info: &[u8],
) -> Result<CommitEffect, Refusal> {
    let MlsMessageBodyIn::PublicMessage(message) = parse("the commit", commit)? else {
        return Err(invalid("the commit must be an MLS PublicMessage (the delivery service checks it)"));
    };
    if message.group_id().as_slice() != group_id {
        return Err(invalid("the commit is for another group than this conversation's"));
    }
    if message.content_type() != ContentType::Commit {
        return Err(invalid("the commit is not a commit: send other messages with SendMlsMessage"));
    }
    if message.epoch().as_u64() != epoch {
        return Err(Refusal::Stale { epoch });
    }
    let provider = OpenMlsRustCrypto::default();
    let new = public_group(&provider, "the GroupInfo", group_id, group_info)?;
    if new.group_context().epoch().as_u64() != epoch + 1 {
        return Err(invalid(format!(
            "the GroupInfo is for epoch {}, not {} (the one this commit starts)",
            new.group_context().epoch().as_u64(),
            epoch + 1
        )));
    }
    let members: Vec<Leaf> = new.members().map(|m| Leaf::of(&m.credential, &m.signature_key)).collect();
    let (committer, added, added_refs, removed) = match stored_info {
        Some(stored) => {
            let mut old = public_group(&provider, "the stored GroupInfo", group_id, stored)?;
            for proposal in proposals {
                // Each was checked against this state when it was kept.
                if let Ok(queued) = queued_proposal(&provider, &mut old, proposal) {
                    old.add_proposal(provider.storage(), queued)
                        .map_err(|e| invalid(format!("a kept proposal cannot be queued: {e:?}")))?;
                }
            }
            let processed = old
                .process_message(provider.crypto(), ProtocolMessage::from(message))
                .map_err(|e| invalid(format!("the commit does not verify against epoch {epoch}: {e}")))?;
            let sender = processed.sender().clone();
            let ProcessedMessageContent::StagedCommitMessage(staged) = processed.into_content() else {
                return Err(invalid("the commit is not a commit"));
            };
            let committer = match sender {
                Sender::Member(index) => {
                    old.leaf(index).map(|leaf| Leaf::of(leaf.credential(), leaf.signature_key().as_slice()))
                }
                // An external commit: a device joining by itself.
                Sender::NewMemberCommit => staged
                    .update_path_leaf_node()
                    .map(|leaf| Leaf::of(leaf.credential(), leaf.signature_key().as_slice())),
                _ => None,
            }
            .ok_or_else(|| invalid("the commit's sender is not a member of the group"))?;
            let mut added = Vec::new();
            let mut refs = Vec::new();
            for proposal in staged.add_proposals() {
                let package = proposal.add_proposal().key_package();
                let leaf = package.leaf_node();
                added.push(Leaf::of(leaf.credential(), leaf.signature_key().as_slice()));
                let reference = package
                    .hash_ref(provider.crypto())
                    .map_err(|e| invalid(format!("an added key package cannot be hashed: {e}")))?;
                refs.push(reference.as_slice().to_vec());
            }
            let removed = staged
                .remove_proposals()
                .filter_map(|proposal| old.leaf(proposal.remove_proposal().removed()))
                .map(|leaf| Leaf::of(leaf.credential(), leaf.signature_key().as_slice()))
                .collect();
            old.merge_commit(provider.storage(), *staged)
                .map_err(|e| invalid(format!("the commit cannot be applied: {e}")))?;
            if old.group_context() != new.group_context() {
                return Err(invalid("the GroupInfo is not the one of the epoch this commit starts"));
            }
            (committer, added, Some(refs), removed)
        }
        None => {
            let Sender::Member(index) = *message.sender() else {
                return Err(invalid("the first commit must come from the group's creator"));
            };
            let committer = new
                .leaf(index)
                .map(|leaf| Leaf::of(leaf.credential(), leaf.signature_key().as_slice()))
                .ok_or_else(|| invalid("the first commit's sender is not in the new tree"))?;
            let added = members.iter().filter(|leaf| **leaf != committer).cloned().collect();
            (committer, added, None, Vec::new())
        }
    };
    check_welcome(welcome, &added, added_refs.as_deref())?;
    Ok(CommitEffect { committer, added, removed, members })
}

/// A Welcome exactly when the commit adds leaves, with one secret for each
/// key package added (by reference, when they are known).
fn check_welcome(welcome: &[u8], added: &[Leaf], refs: Option<&[Vec<u8>]>) -> Result<(), Refusal> {
    if added.is_empty() {
        return match welcome.is_empty() {
            true => Ok(()),
            false => Err(invalid("a Welcome without a device to welcome: the commit adds none")),
        };
    }
    if welcome.is_empty() {
        return Err(invalid("the commit adds devices: a Welcome for them is required"));
    }
    let MlsMessageBodyIn::Welcome(welcome) = parse("the Welcome", welcome)? else {
        return Err(invalid("the Welcome is not a Welcome"));
    };
    let mut recipients: Vec<Vec<u8>> = welcome.secrets().iter().map(|s| s.new_member().as_slice().to_vec()).collect();
    recipients.sort();
    let matches = match refs {
        Some(refs) => {
            let mut expected = refs.to_vec();
            expected.sort();
            recipients == expected
        }
        None => recipients.len() == added.len(),
    };
    if !matches {
        return Err(invalid("the Welcome is not for exactly the key packages the commit adds"));
    }
    Ok(())
}

/// What SendMlsMessage carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// An application message (PrivateMessage), for every member device.
    Application,
    /// A proposal (PublicMessage), kept for the epoch so that a commit may
    /// include it by reference.
    Proposal,
}

/// What a message for SendMlsMessage is, and its epoch: an application
/// message or a proposal for `group_id`, read without the group's state.
pub fn classify_message(group_id: &[u8], bytes: &[u8]) -> Result<(MessageKind, u64), Refusal> {
    let message = match parse("the message", bytes)? {
        MlsMessageBodyIn::PrivateMessage(message) => ProtocolMessage::from(message),
        MlsMessageBodyIn::PublicMessage(message) => ProtocolMessage::from(message),
        _ => return Err(invalid("the message is not a group message (a Welcome, GroupInfo or KeyPackage)")),
    };
    if message.group_id().as_slice() != group_id {
        return Err(invalid("the message is for another group than this conversation's"));
    }
    let kind = match (message.content_type(), message.wire_format()) {
        (ContentType::Application, WireFormat::PrivateMessage) => MessageKind::Application,
        (ContentType::Application, _) => return Err(invalid("an application message must be a PrivateMessage")),
        (ContentType::Commit, _) => return Err(invalid("send commits with SendCommitBundle")),
        (ContentType::Proposal, WireFormat::PublicMessage) => MessageKind::Proposal,
        (ContentType::Proposal, _) => {
            return Err(invalid("a proposal must be a PublicMessage (the delivery service checks it)"));
        }
    };
    Ok((kind, message.epoch().as_u64()))
}

/// Checks a proposal against the group's current state (the caller has
/// matched its epoch, read by [`classify_message`]): signed by a member's
/// leaf, of a kind Missive relays (add, remove, update); returns that
/// member's leaf.
pub fn check_proposal(group_id: &[u8], stored_info: Option<&[u8]>, bytes: &[u8]) -> Result<Leaf, Refusal> {
    let stored =
        stored_info.ok_or_else(|| invalid("the group has no state before its first commit: commit instead"))?;
    let provider = OpenMlsRustCrypto::default();
    let mut group = public_group(&provider, "the stored GroupInfo", group_id, stored)?;
    let queued = queued_proposal(&provider, &mut group, bytes)?;
    if !matches!(queued.proposal(), Proposal::Add(_) | Proposal::Remove(_) | Proposal::Update(_)) {
        return Err(invalid(format!(
            "{:?} proposals are not relayed: only add, remove and update",
            queued.proposal().proposal_type()
        )));
    }
    match queued.sender() {
        Sender::Member(index) => group
            .leaf(*index)
            .map(|leaf| Leaf::of(leaf.credential(), leaf.signature_key().as_slice()))
            .ok_or_else(|| invalid("the proposal's sender is not a member of the group")),
        _ => Err(invalid("only members' proposals are relayed")),
    }
}

/// A proposal verified against `group`'s state, ready for its proposal store.
fn queued_proposal(
    provider: &OpenMlsRustCrypto,
    group: &mut PublicGroup,
    bytes: &[u8],
) -> Result<openmls::prelude::QueuedProposal, Refusal> {
    let MlsMessageBodyIn::PublicMessage(message) = parse("the proposal", bytes)? else {
        return Err(invalid("a proposal must be a PublicMessage"));
    };
    let processed = group
        .process_message(provider.crypto(), ProtocolMessage::from(message))
        .map_err(|e| invalid(format!("the proposal does not verify: {e}")))?;
    match processed.into_content() {
        ProcessedMessageContent::ProposalMessage(queued) => Ok(*queued),
        _ => Err(invalid("the proposal is not a proposal")),
    }
}
