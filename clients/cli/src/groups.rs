//! MLS group conversations (docs/e2ee.md): created, grown and shrunk by
//! commits this device makes, written to with real encryption, read by
//! `listen`. The group state lives in the profile (`mls.state`).

use crate::session::{Session, explain};
use anyhow::{Context, bail};
use missive_mls::{Bundle, Received, leaf_of, leaves_of_user};
use missive_proto::v1 as pb;
use tonic::Code;

/// Key packages a new device uploads, and the floor below which `listen`
/// uploads more.
pub const KEY_PACKAGES_AT_START: usize = 10;
const KEY_PACKAGES_LOW: u32 = 3;

/// The group id of an MLS conversation (what the server gives as
/// `mls_group_id`).
pub fn group_id(conversation: &pb::QualifiedId) -> Vec<u8> {
    format!("{}@{}", conversation.id, conversation.domain).into_bytes()
}

impl Session {
    pub async fn upload_key_packages(&mut self, count: usize) -> anyhow::Result<()> {
        let mut key_packages = Vec::with_capacity(count);
        for _ in 0..count {
            key_packages.push(self.mls.key_package()?);
        }
        let request = pb::UploadKeyPackagesRequest { key_packages };
        self.keys().upload_key_packages(self.authed(request)?).await.map_err(explain)?;
        // The private halves are what a Welcome will need.
        self.save()
    }

    /// Creates an MLS conversation with the users of `handles` and adds
    /// every device of theirs that has a key package.
    pub async fn create_group(&mut self, name: &str, handles: &[String]) -> anyhow::Result<(pb::QualifiedId, u64)> {
        let mut users = Vec::new();
        for handle in handles {
            users.push(self.user_by_handle(handle).await?.id.context("user without id")?);
        }
        let request = pb::CreateConversationRequest {
            name: name.to_owned(),
            members: users.clone(),
            protocol: pb::Protocol::Mls as i32,
        };
        let conversation = self
            .conversations()
            .create_conversation(self.authed(request)?)
            .await
            .map_err(explain)?
            .into_inner()
            .conversation
            .context("server sent no conversation")?;
        let id = conversation.id.context("conversation without id")?;
        let mut group = self.mls.create_group(&conversation.mls_group_id)?;
        self.save()?;
        let mut packages = Vec::new();
        for user in users {
            packages.extend(self.claim_key_packages(&user).await?.into_iter().map(|(_, package)| package));
        }
        if packages.is_empty() {
            return Ok((id, 0));
        }
        let bundle = self.mls.add(&mut group, &packages)?;
        let epoch = self.commit(&id, &mut group, bundle).await?;
        Ok((id, epoch))
    }

    /// The MLS 1:1 conversation with `handle`'s user (connected), and this
    /// device's epoch in it: made here, adding their devices, if nobody has
    /// made its group yet; `None` when the other side did and this device
    /// waits for its Welcome (`listen`).
    pub async fn one_to_one_mls(&mut self, handle: &str) -> anyhow::Result<(pb::QualifiedId, Option<u64>)> {
        let user = self.user_by_handle(handle).await?.id.context("user without id")?;
        let request = pb::GetOneToOneRequest { user: Some(user.clone()) };
        let conversation = self
            .mls_service()
            .get_one_to_one(self.authed(request)?)
            .await
            .map_err(explain)?
            .into_inner()
            .conversation
            .context("server sent no conversation")?;
        let id = conversation.id.context("conversation without id")?;
        if let Some(group) = self.mls.load_group(&conversation.mls_group_id)? {
            return Ok((id, Some(group.epoch().as_u64())));
        }
        let request = pb::GetGroupInfoRequest { conversation: Some(id.clone()) };
        let info = self.mls_service().get_group_info(self.authed(request)?).await.map_err(explain)?.into_inner();
        if info.epoch > 0 {
            return Ok((id, None));
        }
        let packages: Vec<Vec<u8>> =
            self.claim_key_packages(&user).await?.into_iter().map(|(_, package)| package).collect();
        if packages.is_empty() {
            bail!("{handle} has no device with a key package yet (devices upload them when they start)");
        }
        let mut group = self.mls.create_group(&conversation.mls_group_id)?;
        let bundle = self.mls.add(&mut group, &packages)?;
        match self.commit(&id, &mut group, bundle).await {
            Ok(epoch) => Ok((id, Some(epoch))),
            Err(err) => {
                // Their device made the group first: its Welcome brings this one in.
                self.mls.forget(&mut group)?;
                self.save()?;
                Err(err)
            }
        }
    }

    /// Adds every device of `handle`'s user that has a key package: a new
    /// member, or a member's new device.
    pub async fn add_to_group(&mut self, id: &pb::QualifiedId, handle: &str) -> anyhow::Result<(usize, u64)> {
        let user = self.user_by_handle(handle).await?.id.context("user without id")?;
        let mut group = self.group(id)?;
        // A device already in the group is not added twice (its claimed
        // key package is spent for nothing: claims are per user).
        let claimed = self.claim_key_packages(&user).await?;
        let packages: Vec<Vec<u8>> = claimed
            .into_iter()
            .filter(|(device, _)| leaf_of(&group, &missive_mls::identity(&user.id, device, &user.domain)).is_none())
            .map(|(_, package)| package)
            .collect();
        if packages.is_empty() {
            bail!(
                "{handle} has no device outside the group with a key package to add (devices upload them when they start)"
            );
        }
        let bundle = self.mls.add(&mut group, &packages)?;
        let epoch = self.commit(id, &mut group, bundle).await?;
        Ok((packages.len(), epoch))
    }

    /// Removes every device of `handle`'s user from the group (the user
    /// leaves the conversation with their last device).
    pub async fn remove_from_group(&mut self, id: &pb::QualifiedId, handle: &str) -> anyhow::Result<(usize, u64)> {
        let user = self.user_by_handle(handle).await?.id.context("user without id")?;
        let mut group = self.group(id)?;
        let leaves = leaves_of_user(&group, &user.id);
        if leaves.is_empty() {
            bail!("{handle} has no device in this group");
        }
        let bundle = self.mls.remove(&mut group, &leaves)?;
        let epoch = self.commit(id, &mut group, bundle).await?;
        Ok((leaves.len(), epoch))
    }

    /// Proposes removing all of `handle`'s devices from the group (any
    /// member may; a commit, `group commit`, makes it happen).
    pub async fn propose_removal(&mut self, id: &pb::QualifiedId, handle: &str) -> anyhow::Result<usize> {
        let user = self.user_by_handle(handle).await?.id.context("user without id")?;
        let mut group = self.group(id)?;
        let leaves = leaves_of_user(&group, &user.id);
        if leaves.is_empty() {
            bail!("{handle} has no device in this group");
        }
        for leaf in &leaves {
            let message = self.mls.propose_remove(&mut group, *leaf)?;
            self.save()?;
            let request = pb::SendMlsMessageRequest { conversation: Some(id.clone()), message };
            if let Err(status) = self.mls_service().send_mls_message(self.authed(request)?).await {
                self.mls.drop_proposals(&mut group)?;
                self.save()?;
                return Err(explain(status));
            }
        }
        Ok(leaves.len())
    }

    /// Commits the proposals this device received in the group's epoch.
    pub async fn commit_proposals(&mut self, id: &pb::QualifiedId) -> anyhow::Result<u64> {
        let mut group = self.group(id)?;
        let bundle = self.mls.commit_pending(&mut group)?;
        self.commit(id, &mut group, bundle).await
    }

    /// Encrypts `text` for the group and sends it.
    pub async fn send_to_group(&mut self, id: &pb::QualifiedId, text: &str) -> anyhow::Result<()> {
        let mut group = self.group(id)?;
        let message = self.mls.encrypt(&mut group, text.as_bytes())?;
        // The sender's ratchet moved: saved before the message leaves.
        self.save()?;
        let request = pb::SendMlsMessageRequest { conversation: Some(id.clone()), message };
        match self.mls_service().send_mls_message(self.authed(request)?).await {
            Ok(_) => Ok(()),
            Err(status) if status.code() == Code::FailedPrecondition && status.message().starts_with("mls-stale") => {
                bail!(
                    "the group has moved on since this device last listened: run `missive listen` to catch up, then send again"
                )
            }
            Err(status) => Err(explain(status)),
        }
    }

    /// One line for an MLS event, after acting on it: a Welcome joins, a
    /// commit is merged, an application message is decrypted. Anything that
    /// does not decrypt or verify is said to be rejected, never shown.
    pub async fn on_mls_event(&mut self, payload: &pb::event::Payload) -> anyhow::Result<(String, bool)> {
        match payload {
            pb::event::Payload::MlsWelcome(welcome) => {
                let id = welcome.conversation.clone().context("Welcome without conversation")?;
                let line = match self.mls.join(&welcome.welcome) {
                    Ok(_) => format!("joined MLS conversation {}", id.id),
                    Err(err) => format!("Welcome to conversation {} rejected: {err}", id.id),
                };
                self.save()?;
                self.replenish_key_packages().await?;
                Ok((line, false))
            }
            pb::event::Payload::MlsMessageAdded(message) => {
                let id = message.conversation.clone().context("message without conversation")?;
                let sender = match &message.sender {
                    Some(user) => self.handle_of(user).await.unwrap_or_else(|_| user.id.clone()),
                    None => "someone".to_owned(),
                };
                let Some(mut group) = self.mls.load_group(&group_id(&id))? else {
                    return Ok((
                        format!("MLS message in conversation {} (this device is not in its group)", id.id),
                        false,
                    ));
                };
                let line = match self.mls.receive(&mut group, &message.message) {
                    Ok(Received::Application(text)) => {
                        (format!("message from {sender}: {}", String::from_utf8_lossy(&text)), true)
                    }
                    Ok(Received::Commit) => (
                        format!("conversation {}: {sender} moved the group to epoch {}", id.id, group.epoch().as_u64()),
                        false,
                    ),
                    Ok(Received::Proposal) => {
                        (format!("conversation {}: {sender} proposed a change (`group commit` makes it)", id.id), false)
                    }
                    Err(err) => (format!("message from {sender} rejected: {err}"), false),
                };
                self.save()?;
                Ok(line)
            }
            _ => bail!("not an MLS event"),
        }
    }

    /// A device of this user was removed: its leaf leaves every MLS group
    /// this device shares with it, by a commit of this device (any device
    /// may remove the leaf of a device that no longer exists). A group that
    /// moved on meanwhile is left to the device that moved it.
    pub async fn remove_deleted_device(
        &mut self,
        user: &pb::QualifiedId,
        device_id: &str,
    ) -> anyhow::Result<Vec<String>> {
        let identity = missive_mls::identity(&user.id, device_id, &user.domain);
        let request = pb::ListConversationsRequest { page_size: 500, page_token: String::new() };
        let listed = self.conversations().list_conversations(self.authed(request)?).await.map_err(explain)?;
        let mut lines = Vec::new();
        for conversation in listed.into_inner().conversations {
            if conversation.protocol() != pb::Protocol::Mls {
                continue;
            }
            let Some(id) = conversation.id else { continue };
            let Some(mut group) = self.mls.load_group(&group_id(&id))? else { continue };
            let Some(leaf) = leaf_of(&group, &identity) else { continue };
            let bundle = self.mls.remove(&mut group, &[leaf])?;
            match self.commit(&id, &mut group, bundle).await {
                Ok(epoch) => lines
                    .push(format!("removed deleted device {device_id} from conversation {} (epoch {epoch})", id.id)),
                Err(err) => {
                    lines.push(format!("deleted device {device_id} stays in conversation {} for now: {err}", id.id))
                }
            }
        }
        Ok(lines)
    }

    async fn replenish_key_packages(&mut self) -> anyhow::Result<()> {
        let count =
            self.keys().count_key_packages(self.authed(pb::CountKeyPackagesRequest {})?).await.map_err(explain)?;
        if count.into_inner().count < KEY_PACKAGES_LOW {
            self.upload_key_packages(KEY_PACKAGES_AT_START).await?;
        }
        Ok(())
    }

    fn group(&self, id: &pb::QualifiedId) -> anyhow::Result<missive_mls::openmls::prelude::MlsGroup> {
        self.mls
            .load_group(&group_id(id))?
            .with_context(|| format!("this device is not in the group of conversation {}", id.id))
    }

    /// A key package for each device of `user` that has one: (device id, package).
    async fn claim_key_packages(&self, user: &pb::QualifiedId) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
        let request = pb::ClaimKeyPackagesRequest { user: Some(user.clone()) };
        let claimed = self.keys().claim_key_packages(self.authed(request)?).await.map_err(explain)?.into_inner();
        Ok(claimed.key_packages.into_iter().map(|claimed| (claimed.device_id, claimed.key_package)).collect())
    }

    /// Sends a commit bundle; merges it if the server took it, drops it if not.
    async fn commit(
        &mut self,
        id: &pb::QualifiedId,
        group: &mut missive_mls::openmls::prelude::MlsGroup,
        bundle: Bundle,
    ) -> anyhow::Result<u64> {
        let request = pb::SendCommitBundleRequest {
            conversation: Some(id.clone()),
            commit: bundle.commit,
            welcome: bundle.welcome,
            group_info: bundle.group_info,
        };
        let answer = self.mls_service().send_commit_bundle(self.authed(request)?).await;
        match answer {
            Ok(answer) => {
                self.mls.accepted(group)?;
                self.save()?;
                Ok(answer.into_inner().epoch)
            }
            Err(status) => {
                self.mls.refused(group)?;
                self.save()?;
                Err(explain(status))
            }
        }
    }
}
