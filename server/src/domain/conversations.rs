//! Conversations: self, 1:1 and groups, their members and roles.

use super::events::{Events, Outgoing, devices_of};
use super::federation::{Notification, TypingNotice, best_effort};
use super::ids::{BackendDomain, ConversationId, QualifiedConversationId, QualifiedUserId, UserId, parse_uuid_token};
use super::model::{
    ConnectionStatus, Conversation, ConversationKind, EventPayload, Member, MemberRole, Protocol, TypingStatus,
};
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use super::{Deps, page_limit};
use crate::error::{DomainError, DomainResult};
use missive_db::entity::{conversation, conversation_member, conversation_remote_member};
use missive_db::repo;
use missive_db::sea_orm::ConnectionTrait;
use std::collections::HashSet;
use std::sync::Arc;
use uuid::Uuid;

pub const NAME_MAX_CHARS: usize = 256;

/// Namespace of the deterministic 1:1 conversation ids.
const ONE_TO_ONE_NAMESPACE: Uuid = Uuid::from_u128(0x6d69_7373_6976_6531_8000_0000_0000_0001);

pub struct Conversations {
    deps: Deps,
    events: Arc<Events>,
    max_group_size: u64,
}

impl Conversation {
    pub fn member_ids(&self) -> Vec<UserId> {
        self.members.iter().map(|m| m.user.id).collect()
    }

    pub fn role_of(&self, user: &QualifiedUserId) -> Option<MemberRole> {
        self.members.iter().find(|m| m.user == *user).map(|m| m.role)
    }

    /// Members of this backend: the users whose devices it stores events for.
    pub fn local_member_ids(&self, local: &BackendDomain) -> Vec<UserId> {
        self.members.iter().filter(|m| m.user.domain == *local).map(|m| m.user.id).collect()
    }

    /// Members of other backends, grouped by backend.
    pub fn remote_members(&self, local: &BackendDomain) -> Vec<(BackendDomain, Vec<UserId>)> {
        let mut groups: Vec<(BackendDomain, Vec<UserId>)> = Vec::new();
        for member in self.members.iter().filter(|m| m.user.domain != *local) {
            match groups.iter_mut().find(|(domain, _)| *domain == member.user.domain) {
                Some((_, users)) => users.push(member.user.id),
                None => groups.push((member.user.domain.clone(), vec![member.user.id])),
            }
        }
        groups
    }

    /// The conversation from its stored rows (members of this backend in
    /// join order, then those of other backends).
    pub(super) fn from_rows(
        row: conversation::Model,
        members: Vec<conversation_member::Model>,
        remote: Vec<conversation_remote_member::Model>,
        domain: &BackendDomain,
    ) -> DomainResult<Conversation> {
        let kind = ConversationKind::from_stored(row.kind)
            .ok_or_else(|| DomainError::Internal(format!("conversation {} has unknown kind {}", row.id, row.kind)))?;
        let role_of = |role: i32| {
            MemberRole::from_stored(role).ok_or_else(|| {
                DomainError::Internal(format!("member of conversation {} has unknown role {role}", row.id))
            })
        };
        let stored_domain = |text: &str| {
            BackendDomain::parse(text)
                .map_err(|err| DomainError::Internal(format!("conversation {}: stored domain {text:?}: {err}", row.id)))
        };
        let owner = match row.owner_domain.as_str() {
            "" => domain.clone(),
            other => stored_domain(other)?,
        };
        let mut all = Vec::with_capacity(members.len() + remote.len());
        for m in members {
            all.push(Member { user: QualifiedUserId::new(UserId(m.user_id), domain), role: role_of(m.role)? });
        }
        for m in remote {
            let user_domain = stored_domain(&m.user_domain)?;
            all.push(Member { user: QualifiedUserId::new(UserId(m.user_id), &user_domain), role: role_of(m.role)? });
        }
        Ok(Conversation {
            id: QualifiedConversationId::new(ConversationId(row.id), &owner),
            kind,
            name: row.name,
            members: all,
            creator: QualifiedUserId::new(UserId(row.creator), &owner),
            created_ms: row.created_at,
            protocol: Protocol::from_stored(row.protocol).ok_or_else(|| {
                DomainError::Internal(format!("conversation {} has unknown protocol {}", row.id, row.protocol))
            })?,
        })
    }
}

/// A stored conversation with all its members.
pub async fn load<C: ConnectionTrait>(
    db: &C,
    id: ConversationId,
    domain: &BackendDomain,
) -> DomainResult<Option<Conversation>> {
    Ok(load_many(db, &[id.0], domain).await?.pop())
}

/// The stored conversations among `ids`, with all their members, in id
/// order; one query whatever their number (up to 400).
pub async fn load_many<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
    domain: &BackendDomain,
) -> DomainResult<Vec<Conversation>> {
    repo::conversations::find_many_whole(db, ids)
        .await?
        .into_iter()
        .map(|(row, members, remote)| Conversation::from_rows(row, members, remote, domain))
        .collect()
}

pub(super) fn remote_member_row(
    id: ConversationId,
    user: &QualifiedUserId,
    role: MemberRole,
    now: i64,
) -> conversation_remote_member::Model {
    conversation_remote_member::Model {
        conversation_id: id.0,
        user_domain: user.domain.to_string(),
        user_id: user.id.0,
        role: role.stored(),
        joined_at: now,
    }
}

pub(super) fn member_row(id: ConversationId, user: UserId, role: MemberRole, now: i64) -> conversation_member::Model {
    conversation_member::Model { conversation_id: id.0, user_id: user.0, role: role.stored(), joined_at: now }
}

/// The self conversation of a user; its id is the user's id.
pub async fn create_self<C: ConnectionTrait>(db: &C, user: UserId, now: i64) -> DomainResult<()> {
    let kind = ConversationKind::SelfConversation.stored();
    let own = conversation::Model {
        id: user.0,
        kind,
        name: String::new(),
        creator: user.0,
        created_at: now,
        owner_domain: String::new(),
        protocol: Protocol::PerDevice.stored(),
    };
    let member = member_row(ConversationId(user.0), user, MemberRole::Admin, now);
    repo::conversations::create(db, own, vec![member]).await?;
    Ok(())
}

/// The 1:1 conversation of two users: a deterministic id, created once.
/// Returns it and whether this call created it.
pub async fn ensure_one_to_one<C: ConnectionTrait>(
    db: &C,
    a: UserId,
    b: UserId,
    now: i64,
    domain: &BackendDomain,
) -> DomainResult<(Conversation, bool)> {
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    let id = Uuid::new_v5(&ONE_TO_ONE_NAMESPACE, &[low.0.as_bytes().as_slice(), high.0.as_bytes().as_slice()].concat());
    if let Some(existing) = load(db, ConversationId(id), domain).await? {
        return Ok((existing, false));
    }
    let kind = ConversationKind::OneToOne.stored();
    let new = conversation::Model {
        id,
        kind,
        name: String::new(),
        creator: a.0,
        created_at: now,
        owner_domain: String::new(),
        protocol: Protocol::PerDevice.stored(),
    };
    let members: Vec<_> =
        [low, high].into_iter().map(|user| member_row(ConversationId(id), user, MemberRole::Member, now)).collect();
    repo::conversations::create(db, new.clone(), members.clone()).await?;
    Ok((Conversation::from_rows(new, members, Vec::new(), domain)?, true))
}

/// The 1:1 conversation of a user of this backend and a user of another,
/// created here when this backend owns it: of the two backends, the one
/// whose domain sorts first, so both sides agree without asking. Its id is
/// deterministic over both qualified ids. Returns it and whether this call
/// created it; `None` when the other backend owns it.
pub async fn ensure_one_to_one_across<C: ConnectionTrait>(
    db: &C,
    local: UserId,
    other: &QualifiedUserId,
    now: i64,
    domain: &BackendDomain,
) -> DomainResult<Option<(Conversation, bool)>> {
    if !owns_one_to_one_with(domain, &other.domain) {
        return Ok(None);
    }
    let mine = QualifiedUserId::new(local, domain);
    let id = ConversationId(one_to_one_across_id(&mine, other));
    if let Some(existing) = load(db, id, domain).await? {
        return Ok(Some((existing, false)));
    }
    let kind = ConversationKind::OneToOne.stored();
    let new = conversation::Model {
        id: id.0,
        kind,
        name: String::new(),
        creator: local.0,
        created_at: now,
        owner_domain: String::new(),
        protocol: Protocol::PerDevice.stored(),
    };
    let member = member_row(id, local, MemberRole::Member, now);
    let remote = remote_member_row(id, other, MemberRole::Member, now);
    repo::conversations::create(db, new.clone(), vec![member.clone()]).await?;
    repo::conversations::add_remote_members(db, vec![remote.clone()]).await?;
    Ok(Some((Conversation::from_rows(new, vec![member], vec![remote], domain)?, true)))
}

/// Whether this backend owns the 1:1 conversations its users have with
/// users of `other`.
pub fn owns_one_to_one_with(local: &BackendDomain, other: &BackendDomain) -> bool {
    local.as_str() < other.as_str()
}

fn one_to_one_across_id(a: &QualifiedUserId, b: &QualifiedUserId) -> Uuid {
    let mut names = [format!("{}/{}", a.domain, a.id), format!("{}/{}", b.domain, b.id)];
    names.sort();
    Uuid::new_v5(&ONE_TO_ONE_NAMESPACE, names.join("|").as_bytes())
}

/// The MLS 1:1 conversation of two users, wherever they are: its own id,
/// apart from their per-device 1:1's.
pub fn mls_one_to_one_id(a: &QualifiedUserId, b: &QualifiedUserId) -> ConversationId {
    let mut names = [format!("mls/{}/{}", a.domain, a.id), format!("mls/{}/{}", b.domain, b.id)];
    names.sort();
    ConversationId(Uuid::new_v5(&ONE_TO_ONE_NAMESPACE, names.join("|").as_bytes()))
}

impl Conversations {
    pub fn new(deps: Deps, events: Arc<Events>, max_group_size: u64) -> Conversations {
        Conversations { deps, events, max_group_size }
    }

    pub fn max_group_size(&self) -> u64 {
        self.max_group_size
    }

    pub async fn create_group(
        &self,
        caller: &AuthContext,
        name: &str,
        invited: Vec<QualifiedUserId>,
        protocol: Protocol,
    ) -> DomainResult<Conversation> {
        let name = parse_name(name)?;
        let invited = self.connected_users(caller, invited).await?;
        if invited.len() as u64 + 1 > self.max_group_size {
            return Err(group_too_large(self.max_group_size));
        }
        let now = self.deps.now_ms();
        let id = ConversationId(Uuid::new_v4());
        let kind = ConversationKind::Group.stored();
        let group = conversation::Model {
            id: id.0,
            kind,
            name,
            creator: caller.user.0,
            created_at: now,
            owner_domain: String::new(),
            protocol: protocol.stored(),
        };
        let mut members = vec![member_row(id, caller.user, MemberRole::Admin, now)];
        let mut remote = Vec::new();
        for user in &invited {
            if self.deps.is_local(&user.domain) {
                members.push(member_row(id, user.id, MemberRole::Member, now));
            } else {
                remote.push(remote_member_row(id, user, MemberRole::Member, now));
            }
        }
        let created = Conversation::from_rows(group.clone(), members.clone(), remote.clone(), &self.deps.domain)?;
        let mut work = UnitOfWork::begin(&self.events).await?;
        repo::conversations::create(work.db(), group, members).await?;
        repo::conversations::add_remote_members(work.db(), remote).await?;
        if protocol == Protocol::Mls {
            repo::mls::create(work.db(), id.0, now).await?;
        }
        let local = created.local_member_ids(&self.deps.domain);
        work.emit_to_users(&local, EventPayload::ConversationCreated(created.clone())).await?;
        // Each other backend with members keeps a mirror for them.
        for (domain, _) in created.remote_members(&self.deps.domain) {
            let notification = Notification::ConversationCreated {
                delivery_id: Uuid::new_v4().to_string(),
                conversation: created.clone(),
            };
            work.tell(&domain, notification).await?;
        }
        work.commit().await?;
        Ok(created)
    }

    /// A conversation the caller is a member of, owned here or mirrored
    /// from its owner.
    pub async fn get(&self, caller: &AuthContext, id: &QualifiedConversationId) -> DomainResult<Conversation> {
        let conversation = self.require_member(caller.user, id.id).await?;
        if conversation.id != *id {
            return Err(DomainError::NotFound(format!("unknown conversation {}@{}", id.id, id.domain)));
        }
        Ok(conversation)
    }

    pub async fn list(
        &self,
        caller: &AuthContext,
        page_size: u32,
        page_token: &str,
    ) -> DomainResult<(Vec<Conversation>, String)> {
        let limit = page_limit(page_size)?;
        let after = parse_uuid_token(page_token)?;
        let ids = repo::conversations::ids_for_user(&self.deps.db, caller.user.0, after, limit + 1).await?;
        let has_more = ids.len() as u64 > limit;
        let ids = &ids[..ids.len().min(limit as usize)];
        let conversations = load_many(&self.deps.db, ids, &self.deps.domain).await?;
        let next = if has_more {
            conversations.last().map(|c| c.id.id.to_string()).unwrap_or_default()
        } else {
            String::new()
        };
        Ok((conversations, next))
    }

    pub async fn add_members(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        users: Vec<QualifiedUserId>,
    ) -> DomainResult<Conversation> {
        self.change(caller, id, GroupChange::AddMembers(users)).await
    }

    pub async fn remove_member(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        user: QualifiedUserId,
    ) -> DomainResult<Conversation> {
        self.change(caller, id, GroupChange::RemoveMember(user)).await
    }

    pub async fn rename(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        name: &str,
    ) -> DomainResult<Conversation> {
        self.change(caller, id, GroupChange::Rename(name.to_owned())).await
    }

    pub async fn update_role(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        user: QualifiedUserId,
        role: MemberRole,
    ) -> DomainResult<Conversation> {
        self.change(caller, id, GroupChange::SetRole(user, role)).await
    }

    /// A change by an admin who is a user of this backend: made here when
    /// the group is owned here, else asked of its owner, which checks again
    /// and tells every member backend, this one included.
    async fn change(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        change: GroupChange,
    ) -> DomainResult<Conversation> {
        let current = self.get(caller, id).await?;
        if current.protocol == Protocol::Mls
            && matches!(change, GroupChange::AddMembers(_) | GroupChange::RemoveMember(_))
        {
            return Err(DomainError::FailedPrecondition(
                "the members of an MLS conversation change by commit: MlsService.SendCommitBundle".to_owned(),
            ));
        }
        let by = QualifiedUserId::new(caller.user, &self.deps.domain);
        // A copy of a group owned elsewhere may not know yet that the caller
        // became admin: its owner decides.
        if self.deps.is_local(&current.id.domain) {
            require_group_admin(&current, &by, change.action())?;
        }
        let change = match check_change(change)? {
            // The admin's connections are kept by the admin's backend: here.
            GroupChange::AddMembers(users) => GroupChange::AddMembers(self.connected_users(caller, users).await?),
            other => other,
        };
        if !self.deps.is_local(&current.id.domain) {
            return self.deps.remotes.update_conversation(&current.id.domain, &current.id, &by, &change).await;
        }
        self.apply_change(&current, by, change).await
    }

    /// A change by an admin who is a user of another backend (`origin`), to
    /// a group owned here.
    pub async fn change_from_remote(
        &self,
        origin: &BackendDomain,
        id: &QualifiedConversationId,
        by: QualifiedUserId,
        change: GroupChange,
    ) -> DomainResult<Conversation> {
        if by.domain != *origin {
            return Err(DomainError::NotOwner(format!("backend {origin} cannot act for user {}@{}", by.id, by.domain)));
        }
        let current = self.owned(id).await?;
        if !current.members.iter().any(|m| m.user == by) {
            return Err(DomainError::PermissionDenied(format!("not a member of conversation {}", id.id)));
        }
        require_group_admin(&current, &by, change.action())?;
        let change = match check_change(change)? {
            GroupChange::AddMembers(users) => GroupChange::AddMembers(self.connected_to_remote(&by, users).await?),
            other => other,
        };
        self.apply_change(&current, by, change).await
    }

    /// Makes a checked change to a group owned here, stores it for this
    /// backend's members and tells the others; the group after it.
    async fn apply_change(
        &self,
        current: &Conversation,
        by: QualifiedUserId,
        change: GroupChange,
    ) -> DomainResult<Conversation> {
        let id = current.id.id;
        let is_member = |user: &QualifiedUserId| current.members.iter().any(|m| m.user == *user);
        let not_member = |user: &QualifiedUserId| {
            DomainError::NotFound(format!("user {}@{} is not a member of this conversation", user.id, user.domain))
        };
        // Refusals before the transaction, so they hold no write slot.
        match &change {
            GroupChange::AddMembers(users) => {
                let joining = users.iter().filter(|user| !is_member(user)).count();
                if (current.members.len() + joining) as u64 > self.max_group_size {
                    return Err(group_too_large(self.max_group_size));
                }
                if joining == 0 {
                    return Ok(current.clone());
                }
            }
            GroupChange::RemoveMember(user) | GroupChange::SetRole(user, _) if !is_member(user) => {
                return Err(not_member(user));
            }
            _ => {}
        }
        let mut work = UnitOfWork::begin(&self.events).await?;
        let payload = match change {
            GroupChange::AddMembers(users) => {
                let new_users: Vec<QualifiedUserId> = users.into_iter().filter(|user| !is_member(user)).collect();
                let now = self.deps.now_ms();
                let (local, remote): (Vec<_>, Vec<_>) =
                    new_users.iter().partition(|user| self.deps.is_local(&user.domain));
                let joined = local.iter().map(|user| member_row(id, user.id, MemberRole::Member, now)).collect();
                let joined_remote =
                    remote.iter().map(|user| remote_member_row(id, user, MemberRole::Member, now)).collect();
                repo::conversations::add_members(work.db(), joined).await?;
                repo::conversations::add_remote_members(work.db(), joined_remote).await?;
                let members = new_users.into_iter().map(|user| Member { user, role: MemberRole::Member }).collect();
                EventPayload::MembersJoined { conversation: current.id.clone(), by, members }
            }
            GroupChange::RemoveMember(user) => {
                if !self.delete_member(&work, current, &user).await? {
                    // Gone meanwhile (a concurrent leave or removal, which told everyone).
                    work.rollback().await?;
                    return Err(not_member(&user));
                }
                EventPayload::MemberLeft { conversation: current.id.clone(), by, user }
            }
            GroupChange::Rename(name) => {
                repo::conversations::rename(work.db(), id.0, &name).await?;
                EventPayload::ConversationRenamed { conversation: current.id.clone(), by, name }
            }
            GroupChange::SetRole(user, role) => {
                let updated = if self.deps.is_local(&user.domain) {
                    repo::conversations::set_role(work.db(), id.0, user.id.0, role.stored()).await?
                } else {
                    let domain = user.domain.as_str();
                    repo::conversations::set_remote_role(work.db(), id.0, domain, user.id.0, role.stored()).await?
                };
                if !updated {
                    work.rollback().await?;
                    return Err(not_member(&user));
                }
                EventPayload::MemberRoleUpdated { conversation: current.id.clone(), by, user, role }
            }
        };
        let after = self.announce_change(&mut work, current, payload).await?;
        work.commit().await?;
        Ok(after)
    }

    /// Stores `change` for this backend's members (before and after it),
    /// and tells every other backend with members, before or after, the
    /// new state: in the caller's unit of work, after its changes.
    pub(super) async fn announce_change(
        &self,
        work: &mut UnitOfWork<'_>,
        before: &Conversation,
        change: EventPayload,
    ) -> DomainResult<Conversation> {
        let local = &self.deps.domain;
        let after = load(work.db(), before.id.id, local)
            .await?
            .ok_or_else(|| DomainError::Internal(format!("conversation {} vanished", before.id.id)))?;
        let mut audience = before.local_member_ids(local);
        for user in after.local_member_ids(local) {
            if !audience.contains(&user) {
                audience.push(user);
            }
        }
        work.emit_to_users(&audience, change.clone()).await?;
        let mut domains: Vec<BackendDomain> = before.remote_members(local).into_iter().map(|(d, _)| d).collect();
        for (domain, _) in after.remote_members(local) {
            if !domains.contains(&domain) {
                domains.push(domain);
            }
        }
        for domain in domains {
            let notification = Notification::ConversationUpdated {
                delivery_id: Uuid::new_v4().to_string(),
                conversation: after.clone(),
                change: change.clone(),
            };
            work.tell(&domain, notification).await?;
        }
        Ok(after)
    }

    pub async fn leave(&self, caller: &AuthContext, id: &QualifiedConversationId) -> DomainResult<()> {
        let current = self.get(caller, id).await?;
        if current.kind != ConversationKind::Group {
            return Err(DomainError::FailedPrecondition("only groups can be left".into()));
        }
        let me = QualifiedUserId::new(caller.user, &self.deps.domain);
        if !self.deps.is_local(&current.id.domain) {
            // The owner removes the member and tells every backend, this one included.
            return self.deps.remotes.leave(&current.id.domain, &current.id, &me).await;
        }
        self.remove(me.clone(), &current, me).await
    }

    /// A user of another backend (`origin`) leaves a group owned here.
    pub async fn leave_from_remote(
        &self,
        origin: &BackendDomain,
        id: &QualifiedConversationId,
        user: QualifiedUserId,
    ) -> DomainResult<()> {
        if user.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} cannot act for user {}@{}",
                user.id, user.domain
            )));
        }
        let current = self.owned(id).await?;
        if current.kind != ConversationKind::Group {
            return Err(DomainError::FailedPrecondition("only groups can be left".into()));
        }
        if !current.members.iter().any(|m| m.user == user) {
            return Err(DomainError::NotFound(format!("user {} is not a member of this conversation", user.id)));
        }
        self.remove(user.clone(), &current, user).await
    }

    /// Removes `user` and tells every member, the one leaving included,
    /// on every backend.
    async fn remove(&self, by: QualifiedUserId, current: &Conversation, user: QualifiedUserId) -> DomainResult<()> {
        self.apply_change(current, by, GroupChange::RemoveMember(user)).await.map(drop)
    }

    /// Whether `user` was a member until now.
    pub(super) async fn delete_member(
        &self,
        work: &UnitOfWork<'_>,
        current: &Conversation,
        user: &QualifiedUserId,
    ) -> DomainResult<bool> {
        let id = current.id.id.0;
        Ok(match self.deps.is_local(&user.domain) {
            true => repo::conversations::remove_member(work.db(), id, user.id.0).await?,
            false => repo::conversations::remove_remote_member(work.db(), id, user.domain.as_str(), user.id.0).await?,
        })
    }

    /// Typing is transient: live to the other members' devices, never
    /// stored; members on other backends are told directly, best effort.
    pub async fn set_typing(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        status: TypingStatus,
    ) -> DomainResult<()> {
        let current = self.get(caller, id).await?;
        let notice = TypingNotice {
            conversation: current.id.clone(),
            user: QualifiedUserId::new(caller.user, &self.deps.domain),
            device: caller.device.clone(),
            status,
        };
        for (domain, _) in current.remote_members(&self.deps.domain) {
            let (remotes, notice, target) = (self.deps.remotes.clone(), notice.clone(), domain.clone());
            // Not awaited: a slow or absent backend must not slow typing here.
            best_effort(domain, "typing", async move { remotes.typing(&target, notice).await });
        }
        self.publish_typing(&current, notice, Some(caller)).await
    }

    /// Brings this backend's copy of a conversation another backend owns
    /// to its new state, and shows the change to this backend's members,
    /// before and after it; once per delivery id.
    pub async fn apply_updated(
        &self,
        origin: &BackendDomain,
        delivery_id: &str,
        conversation: Conversation,
        change: EventPayload,
    ) -> DomainResult<()> {
        if conversation.id.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} cannot change conversations of backend {}",
                conversation.id.domain
            )));
        }
        let concerns = match &change {
            EventPayload::ConversationRenamed { conversation: about, .. }
            | EventPayload::MembersJoined { conversation: about, .. }
            | EventPayload::MemberLeft { conversation: about, .. }
            | EventPayload::MemberRoleUpdated { conversation: about, .. } => *about == conversation.id,
            _ => false,
        };
        if !concerns {
            return Err(DomainError::InvalidArgument(
                "change must be a rename, a join, a leave or a role change, of this conversation".into(),
            ));
        }
        let id = conversation.id.id;
        let before = load(&self.deps.db, id, &self.deps.domain).await?;
        let (row, members, remote) = self.mirror_rows(origin, &conversation).await?;
        let mut work = UnitOfWork::begin(&self.events).await?;
        if !repo::federation::first_delivery(work.db(), origin.as_str(), delivery_id, super::outbox::wall_ms()).await? {
            return work.commit().await;
        }
        let mut audience: Vec<UserId> = members.iter().map(|m| UserId(m.user_id)).collect();
        for user in before.iter().flat_map(|before| before.local_member_ids(&self.deps.domain)) {
            if !audience.contains(&user) {
                audience.push(user);
            }
        }
        repo::conversations::create(work.db(), row, Vec::new()).await?;
        repo::conversations::rename(work.db(), id.0, &conversation.name).await?;
        repo::conversations::replace_members(work.db(), id.0, members, remote).await?;
        work.emit_to_users(&audience, change).await?;
        work.commit().await
    }

    /// Typing by a user of another backend (`origin`), for this backend's
    /// members of the conversation.
    pub async fn apply_typing(&self, origin: &BackendDomain, notice: TypingNotice) -> DomainResult<()> {
        if notice.user.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} cannot act for user {}@{}",
                notice.user.id, notice.user.domain
            )));
        }
        let current = load(&self.deps.db, notice.conversation.id, &self.deps.domain)
            .await?
            .filter(|conversation| conversation.id == notice.conversation)
            .ok_or_else(|| DomainError::NotFound(format!("unknown conversation {}", notice.conversation.id)))?;
        if !current.members.iter().any(|member| member.user == notice.user) {
            return Err(DomainError::PermissionDenied(format!(
                "user {}@{} is not a member of conversation {}",
                notice.user.id, notice.user.domain, current.id.id
            )));
        }
        self.publish_typing(&current, notice, None).await
    }

    async fn publish_typing(
        &self,
        current: &Conversation,
        notice: TypingNotice,
        typist: Option<&AuthContext>,
    ) -> DomainResult<()> {
        let payload = EventPayload::Typing {
            conversation: notice.conversation,
            user: notice.user,
            device: notice.device,
            status: notice.status,
        };
        let targets = devices_of(&self.deps.db, &current.local_member_ids(&self.deps.domain))
            .await?
            .into_iter()
            .filter(|device| !typist.is_some_and(|caller| caller.is_device(device)))
            .map(|to| Outgoing { to, payload: payload.clone() })
            .collect();
        self.events.publish_transient(targets).await;
        Ok(())
    }

    /// A conversation owned here, named by another backend.
    async fn owned(&self, id: &QualifiedConversationId) -> DomainResult<Conversation> {
        load(&self.deps.db, id.id, &self.deps.domain)
            .await?
            .filter(|conversation| conversation.id == *id && self.deps.is_local(&conversation.id.domain))
            .ok_or_else(|| DomainError::NotFound(format!("unknown conversation {}", id.id)))
    }

    /// The conversation if `user` is a member of it.
    pub async fn require_member(&self, user: UserId, id: ConversationId) -> DomainResult<Conversation> {
        let Some(conversation) = load(&self.deps.db, id, &self.deps.domain).await? else {
            return Err(DomainError::NotFound(format!("unknown conversation {id}")));
        };
        let local = QualifiedUserId::new(user, &self.deps.domain);
        if !conversation.members.iter().any(|m| m.user == local) {
            return Err(DomainError::PermissionDenied(format!("not a member of conversation {id}")));
        }
        Ok(conversation)
    }

    /// Users the caller is connected to, on this backend or another;
    /// refuses anyone else by name.
    pub(super) async fn connected_users(
        &self,
        caller: &AuthContext,
        users: Vec<QualifiedUserId>,
    ) -> DomainResult<Vec<QualifiedUserId>> {
        self.connected_users_of(caller.user, users).await
    }

    async fn connected_users_of(&self, me: UserId, users: Vec<QualifiedUserId>) -> DomainResult<Vec<QualifiedUserId>> {
        let mut result: Vec<QualifiedUserId> = Vec::with_capacity(users.len());
        for user in users {
            if user.id == me && self.deps.is_local(&user.domain) {
                continue;
            }
            let stored_domain = if self.deps.is_local(&user.domain) { String::new() } else { user.domain.to_string() };
            let connected = repo::connections::find(&self.deps.db, me.0, user.id.0)
                .await?
                .is_some_and(|c| c.status == ConnectionStatus::Accepted.stored() && c.other_domain == stored_domain);
            if !connected {
                return Err(DomainError::PermissionDenied(format!(
                    "not connected to user {}@{}: only connected users can be added",
                    user.id, user.domain
                )));
            }
            if !result.contains(&user) {
                result.push(user);
            }
        }
        Ok(result)
    }

    /// The users `by` may add: connected to them, checked here for every
    /// user of this backend; for an admin of another backend, as
    /// [`Self::connected_to_remote`] says.
    pub(super) async fn connected_to(
        &self,
        by: &QualifiedUserId,
        users: Vec<QualifiedUserId>,
    ) -> DomainResult<Vec<QualifiedUserId>> {
        match self.deps.is_local(&by.domain) {
            true => self.connected_users_of(by.id, users).await,
            false => self.connected_to_remote(by, users).await,
        }
    }

    /// The users an admin of another backend adds. That admin's backend
    /// keeps the admin's connections and has checked them; of this
    /// backend's users, only those connected to the admin may be added, and
    /// users of a third backend must exist there (asked), so a backend
    /// cannot make this one queue notifications for made-up domains.
    async fn connected_to_remote(
        &self,
        admin: &QualifiedUserId,
        users: Vec<QualifiedUserId>,
    ) -> DomainResult<Vec<QualifiedUserId>> {
        let mut result: Vec<QualifiedUserId> = Vec::with_capacity(users.len());
        let mut elsewhere: Vec<(BackendDomain, Vec<UserId>)> = Vec::new();
        for user in users {
            if user == *admin || result.contains(&user) {
                continue;
            }
            if self.deps.is_local(&user.domain) {
                let connected = repo::connections::find(&self.deps.db, user.id.0, admin.id.0).await?.is_some_and(|c| {
                    c.status == ConnectionStatus::Accepted.stored() && c.other_domain == admin.domain.as_str()
                });
                if !connected {
                    return Err(DomainError::PermissionDenied(format!(
                        "user {}@{} is not connected to {}@{}: only connected users can be added",
                        user.id, user.domain, admin.id, admin.domain
                    )));
                }
            } else if user.domain != admin.domain {
                match elsewhere.iter_mut().find(|(domain, _)| *domain == user.domain) {
                    Some((_, ids)) => ids.push(user.id),
                    None => elsewhere.push((user.domain.clone(), vec![user.id])),
                }
            }
            result.push(user);
        }
        for (domain, ids) in elsewhere {
            let found = self.deps.remotes.users(&domain, &ids).await?;
            if let Some(missing) = ids.iter().find(|id| !found.iter().any(|user| user.id.id == **id)) {
                return Err(DomainError::NotFound(format!("user {missing}@{domain} does not exist")));
            }
        }
        Ok(result)
    }

    /// The rows of this backend's copy of a conversation `origin` owns:
    /// members of this backend that exist here, and everyone else's.
    async fn mirror_rows(
        &self,
        origin: &BackendDomain,
        conversation: &Conversation,
    ) -> DomainResult<(conversation::Model, Vec<conversation_member::Model>, Vec<conversation_remote_member::Model>)>
    {
        let id = conversation.id.id;
        let now = self.deps.now_ms();
        let local_ids: Vec<Uuid> = conversation.local_member_ids(&self.deps.domain).iter().map(|user| user.0).collect();
        let existing: HashSet<Uuid> =
            repo::users::find_many(&self.deps.db, &local_ids).await?.into_iter().map(|user| user.id).collect();
        let row = conversation::Model {
            id: id.0,
            kind: conversation.kind.stored(),
            name: conversation.name.clone(),
            creator: conversation.creator.id.0,
            created_at: conversation.created_ms,
            owner_domain: origin.to_string(),
            protocol: conversation.protocol.stored(),
        };
        let mut members = Vec::new();
        let mut remote = Vec::new();
        for member in &conversation.members {
            if self.deps.is_local(&member.user.domain) {
                if existing.contains(&member.user.id.0) {
                    members.push(member_row(id, member.user.id, member.role, now));
                }
            } else {
                remote.push(remote_member_row(id, &member.user, member.role, now));
            }
        }
        Ok((row, members, remote))
    }

    /// Applies a conversation another backend created and owns, for the
    /// members of this backend in it; once per delivery id.
    pub async fn apply_created(
        &self,
        origin: &BackendDomain,
        delivery_id: &str,
        conversation: Conversation,
    ) -> DomainResult<()> {
        if conversation.id.domain != *origin || conversation.creator.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} cannot create conversations of backend {}",
                conversation.id.domain
            )));
        }
        let id = conversation.id.id;
        let (row, members, remote) = self.mirror_rows(origin, &conversation).await?;
        let mut work = UnitOfWork::begin(&self.events).await?;
        if !repo::federation::first_delivery(work.db(), origin.as_str(), delivery_id, super::outbox::wall_ms()).await? {
            return work.commit().await;
        }
        let audience: Vec<UserId> = members.iter().map(|m| UserId(m.user_id)).collect();
        repo::conversations::create(work.db(), row, members).await?;
        repo::conversations::add_remote_members(work.db(), remote).await?;
        if conversation.kind == ConversationKind::OneToOne && conversation.protocol == Protocol::PerDevice {
            // The connection it belongs to now names it (its per-device 1:1).
            for mine in &audience {
                for other in conversation.members.iter().filter(|m| !self.deps.is_local(&m.user.domain)) {
                    repo::connections::set_conversation(work.db(), mine.0, other.user.id.0, id.0).await?;
                }
            }
        }
        work.emit_to_users(&audience, EventPayload::ConversationCreated(conversation)).await?;
        work.commit().await
    }
}

fn parse_name(name: &str) -> DomainResult<String> {
    let trimmed = name.trim();
    let chars = trimmed.chars().count();
    if chars == 0 || chars > NAME_MAX_CHARS || trimmed.chars().any(char::is_control) {
        return Err(DomainError::InvalidArgument(format!(
            "invalid conversation name: 1 to {NAME_MAX_CHARS} characters, no control characters"
        )));
    }
    Ok(trimmed.to_owned())
}

pub(super) fn group_too_large(max: u64) -> DomainError {
    DomainError::LimitReached(format!("too many members: a group has at most {max}"))
}

/// A change to a group, made by one of its admins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupChange {
    AddMembers(Vec<QualifiedUserId>),
    RemoveMember(QualifiedUserId),
    Rename(String),
    SetRole(QualifiedUserId, MemberRole),
}

impl GroupChange {
    fn action(&self) -> &'static str {
        match self {
            GroupChange::AddMembers(_) => "add members",
            GroupChange::RemoveMember(_) => "remove members",
            GroupChange::Rename(_) => "rename the conversation",
            GroupChange::SetRole(..) => "change roles",
        }
    }
}

/// The checks a change needs whoever asks: a name, a non-empty list.
fn check_change(change: GroupChange) -> DomainResult<GroupChange> {
    Ok(match change {
        GroupChange::AddMembers(users) if users.is_empty() => {
            return Err(DomainError::InvalidArgument("users is empty".into()));
        }
        GroupChange::Rename(name) => GroupChange::Rename(parse_name(&name)?),
        other => other,
    })
}

/// Only admins change a group, and self and 1:1 conversations do not change.
pub(super) fn require_group_admin(current: &Conversation, by: &QualifiedUserId, action: &str) -> DomainResult<()> {
    if current.kind != ConversationKind::Group {
        return Err(DomainError::FailedPrecondition(format!("cannot {action} of a self or 1:1 conversation")));
    }
    if current.role_of(by) != Some(MemberRole::Admin) {
        return Err(DomainError::PermissionDenied(format!("only admins can {action}")));
    }
    Ok(())
}
