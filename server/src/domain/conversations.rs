//! Conversations: self, 1:1 and groups, their members and roles.

use super::events::{Events, Outgoing, devices_of};
use super::ids::{BackendDomain, ConversationId, QualifiedConversationId, QualifiedUserId, UserId, parse_uuid_token};
use super::model::{ConnectionStatus, Conversation, ConversationKind, EventPayload, Member, MemberRole, TypingStatus};
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use super::{Deps, page_limit};
use crate::error::{DomainError, DomainResult};
use missive_db::entity::{conversation, conversation_member};
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

    pub fn role_of(&self, user: UserId) -> Option<MemberRole> {
        self.members.iter().find(|m| m.user.id == user).map(|m| m.role)
    }

    /// The conversation from its stored rows (members in join order).
    fn from_rows(
        row: conversation::Model,
        members: Vec<conversation_member::Model>,
        domain: &BackendDomain,
    ) -> DomainResult<Conversation> {
        let kind = ConversationKind::from_stored(row.kind)
            .ok_or_else(|| DomainError::Internal(format!("conversation {} has unknown kind {}", row.id, row.kind)))?;
        let members = members
            .into_iter()
            .map(|m| {
                let role = MemberRole::from_stored(m.role).ok_or_else(|| {
                    DomainError::Internal(format!("member of conversation {} has unknown role {}", row.id, m.role))
                })?;
                Ok(Member { user: QualifiedUserId::new(UserId(m.user_id), domain), role })
            })
            .collect::<DomainResult<_>>()?;
        Ok(Conversation {
            id: QualifiedConversationId::new(ConversationId(row.id), domain),
            kind,
            name: row.name,
            members,
            creator: QualifiedUserId::new(UserId(row.creator), domain),
            created_ms: row.created_at,
        })
    }
}

fn member_row(id: ConversationId, user: UserId, role: MemberRole, now: i64) -> conversation_member::Model {
    conversation_member::Model { conversation_id: id.0, user_id: user.0, role: role.stored(), joined_at: now }
}

/// The self conversation of a user; its id is the user's id.
pub async fn create_self<C: ConnectionTrait>(db: &C, user: UserId, now: i64) -> DomainResult<()> {
    let kind = ConversationKind::SelfConversation.stored();
    let own = conversation::Model { id: user.0, kind, name: String::new(), creator: user.0, created_at: now };
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
    if let Some(existing) = repo::conversations::find(db, id).await? {
        let members = repo::conversations::members(db, id).await?;
        return Ok((Conversation::from_rows(existing, members, domain)?, false));
    }
    let kind = ConversationKind::OneToOne.stored();
    let new = conversation::Model { id, kind, name: String::new(), creator: a.0, created_at: now };
    let members: Vec<_> =
        [low, high].into_iter().map(|user| member_row(ConversationId(id), user, MemberRole::Member, now)).collect();
    repo::conversations::create(db, new.clone(), members.clone()).await?;
    Ok((Conversation::from_rows(new, members, domain)?, true))
}

impl Conversations {
    pub fn new(deps: Deps, events: Arc<Events>, max_group_size: u64) -> Conversations {
        Conversations { deps, events, max_group_size }
    }

    pub async fn create_group(
        &self,
        caller: &AuthContext,
        name: &str,
        invited: Vec<QualifiedUserId>,
    ) -> DomainResult<Conversation> {
        let name = parse_name(name)?;
        let invited = self.connected_local_users(caller, invited).await?;
        if invited.len() as u64 + 1 > self.max_group_size {
            return Err(group_too_large(self.max_group_size));
        }
        let now = self.deps.now_ms();
        let id = ConversationId(Uuid::new_v4());
        let kind = ConversationKind::Group.stored();
        let group = conversation::Model { id: id.0, kind, name, creator: caller.user.0, created_at: now };
        let mut members = vec![member_row(id, caller.user, MemberRole::Admin, now)];
        members.extend(invited.into_iter().map(|user| member_row(id, user, MemberRole::Member, now)));
        let created = Conversation::from_rows(group.clone(), members.clone(), &self.deps.domain)?;
        let mut work = UnitOfWork::begin(&self.events).await?;
        repo::conversations::create(work.db(), group, members).await?;
        work.emit_to_users(&created.member_ids(), EventPayload::ConversationCreated(created.clone())).await?;
        work.commit().await?;
        Ok(created)
    }

    pub async fn get(&self, caller: &AuthContext, id: &QualifiedConversationId) -> DomainResult<Conversation> {
        let id = self.local_id(id)?;
        self.require_member(caller.user, id).await
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
        let rows = repo::conversations::find_many(&self.deps.db, ids).await?;
        let mut members = repo::conversations::members_of_many(&self.deps.db, ids).await?;
        let mut conversations = Vec::with_capacity(rows.len());
        for row in rows {
            let (mine, rest): (Vec<_>, Vec<_>) = members.drain(..).partition(|m| m.conversation_id == row.id);
            members = rest;
            conversations.push(Conversation::from_rows(row, mine, &self.deps.domain)?);
        }
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
        let id = self.local_id(id)?;
        let current = self.require_group_admin(caller, id, "add members").await?;
        if users.is_empty() {
            return Err(DomainError::InvalidArgument("users is empty".into()));
        }
        let existing: HashSet<UserId> = current.member_ids().into_iter().collect();
        let new_users: Vec<UserId> = self
            .connected_local_users(caller, users)
            .await?
            .into_iter()
            .filter(|user| !existing.contains(user))
            .collect();
        if (existing.len() + new_users.len()) as u64 > self.max_group_size {
            return Err(group_too_large(self.max_group_size));
        }
        if new_users.is_empty() {
            return Ok(current);
        }
        let now = self.deps.now_ms();
        let domain = &self.deps.domain;
        let joined: Vec<_> = new_users.iter().map(|&user| member_row(id, user, MemberRole::Member, now)).collect();
        let payload = EventPayload::MembersJoined {
            conversation: current.id.clone(),
            by: QualifiedUserId::new(caller.user, domain),
            members: new_users
                .iter()
                .map(|&user| Member { user: QualifiedUserId::new(user, domain), role: MemberRole::Member })
                .collect(),
        };
        let mut everyone = current.member_ids();
        everyone.extend(&new_users);
        let mut work = UnitOfWork::begin(&self.events).await?;
        repo::conversations::add_members(work.db(), joined).await?;
        work.emit_to_users(&everyone, payload).await?;
        work.commit().await?;
        self.require_member(caller.user, id).await
    }

    pub async fn remove_member(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        user: QualifiedUserId,
    ) -> DomainResult<Conversation> {
        let id = self.local_id(id)?;
        let current = self.require_group_admin(caller, id, "remove members").await?;
        if current.role_of(user.id).is_none() || !self.deps.is_local(&user.domain) {
            return Err(DomainError::NotFound(format!("user {} is not a member of this conversation", user.id)));
        }
        self.remove(caller.user, &current, user.id).await?;
        self.require_member(caller.user, id).await
    }

    pub async fn leave(&self, caller: &AuthContext, id: &QualifiedConversationId) -> DomainResult<()> {
        let id = self.local_id(id)?;
        let current = self.require_member(caller.user, id).await?;
        if current.kind != ConversationKind::Group {
            return Err(DomainError::FailedPrecondition("only groups can be left".into()));
        }
        self.remove(caller.user, &current, caller.user).await
    }

    /// Removes `user` and tells every member, the one leaving included.
    async fn remove(&self, by: UserId, current: &Conversation, user: UserId) -> DomainResult<()> {
        let domain = &self.deps.domain;
        let payload = EventPayload::MemberLeft {
            conversation: current.id.clone(),
            by: QualifiedUserId::new(by, domain),
            user: QualifiedUserId::new(user, domain),
        };
        let mut work = UnitOfWork::begin(&self.events).await?;
        work.emit_to_users(&current.member_ids(), payload).await?;
        repo::conversations::remove_member(work.db(), current.id.id.0, user.0).await?;
        work.commit().await
    }

    pub async fn rename(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        name: &str,
    ) -> DomainResult<Conversation> {
        let id = self.local_id(id)?;
        let current = self.require_group_admin(caller, id, "rename the conversation").await?;
        let name = parse_name(name)?;
        let payload = EventPayload::ConversationRenamed {
            conversation: current.id.clone(),
            by: QualifiedUserId::new(caller.user, &self.deps.domain),
            name: name.clone(),
        };
        let mut work = UnitOfWork::begin(&self.events).await?;
        repo::conversations::rename(work.db(), id.0, &name).await?;
        work.emit_to_users(&current.member_ids(), payload).await?;
        work.commit().await?;
        self.require_member(caller.user, id).await
    }

    pub async fn update_role(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        user: QualifiedUserId,
        role: MemberRole,
    ) -> DomainResult<Conversation> {
        let id = self.local_id(id)?;
        let current = self.require_group_admin(caller, id, "change roles").await?;
        if current.role_of(user.id).is_none() || !self.deps.is_local(&user.domain) {
            return Err(DomainError::NotFound(format!("user {} is not a member of this conversation", user.id)));
        }
        let payload = EventPayload::MemberRoleUpdated {
            conversation: current.id.clone(),
            by: QualifiedUserId::new(caller.user, &self.deps.domain),
            user: user.clone(),
            role,
        };
        let mut work = UnitOfWork::begin(&self.events).await?;
        repo::conversations::set_role(work.db(), id.0, user.id.0, role.stored()).await?;
        work.emit_to_users(&current.member_ids(), payload).await?;
        work.commit().await?;
        self.require_member(caller.user, id).await
    }

    /// Typing is transient: live to the other members' devices, never stored.
    pub async fn set_typing(
        &self,
        caller: &AuthContext,
        id: &QualifiedConversationId,
        status: TypingStatus,
    ) -> DomainResult<()> {
        let id = self.local_id(id)?;
        let current = self.require_member(caller.user, id).await?;
        let payload = EventPayload::Typing {
            conversation: current.id.clone(),
            user: QualifiedUserId::new(caller.user, &self.deps.domain),
            device: caller.device.clone(),
            status,
        };
        let targets = devices_of(&self.deps.db, &current.member_ids())
            .await?
            .into_iter()
            .filter(|device| !caller.is_device(device))
            .map(|to| Outgoing { to, payload: payload.clone() })
            .collect();
        self.events.publish_transient(targets).await;
        Ok(())
    }

    /// The local id of a conversation named by an API.
    pub fn local_id(&self, id: &QualifiedConversationId) -> DomainResult<ConversationId> {
        self.deps.require_local("conversation", &id.domain)?;
        Ok(id.id)
    }

    /// The conversation if `user` is a member of it.
    pub async fn require_member(&self, user: UserId, id: ConversationId) -> DomainResult<Conversation> {
        let Some(row) = repo::conversations::find(&self.deps.db, id.0).await? else {
            return Err(DomainError::NotFound(format!("unknown conversation {id}")));
        };
        let members = repo::conversations::members(&self.deps.db, id.0).await?;
        if !members.iter().any(|m| m.user_id == user.0) {
            return Err(DomainError::PermissionDenied(format!("not a member of conversation {id}")));
        }
        Conversation::from_rows(row, members, &self.deps.domain)
    }

    async fn require_group_admin(
        &self,
        caller: &AuthContext,
        id: ConversationId,
        action: &str,
    ) -> DomainResult<Conversation> {
        let current = self.require_member(caller.user, id).await?;
        if current.kind != ConversationKind::Group {
            return Err(DomainError::FailedPrecondition(format!("cannot {action} of a self or 1:1 conversation")));
        }
        if current.role_of(caller.user) != Some(MemberRole::Admin) {
            return Err(DomainError::PermissionDenied(format!("only admins can {action}")));
        }
        Ok(current)
    }

    /// Local users the caller is connected to; refuses anyone else by name.
    async fn connected_local_users(
        &self,
        caller: &AuthContext,
        users: Vec<QualifiedUserId>,
    ) -> DomainResult<Vec<UserId>> {
        let mut result = Vec::with_capacity(users.len());
        for user in users {
            if user.id == caller.user {
                continue;
            }
            self.deps.require_local("user", &user.domain)?;
            let connected = repo::connections::find(&self.deps.db, caller.user.0, user.id.0)
                .await?
                .is_some_and(|c| c.status == ConnectionStatus::Accepted.stored());
            if !connected {
                return Err(DomainError::PermissionDenied(format!(
                    "not connected to user {}: only connected users can be added",
                    user.id
                )));
            }
            if !result.contains(&user.id) {
                result.push(user.id);
            }
        }
        Ok(result)
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

fn group_too_large(max: u64) -> DomainError {
    DomainError::LimitReached(format!("too many members: a group has at most {max}"))
}
