//! Conversations: self, 1:1 and groups, their members and roles.

use super::events::Events;
use super::ids::QualifiedUserId;
use super::tokens::AuthContext;
use super::{Deps, qualified, timestamp};
use crate::bus::Delivery;
use crate::error::{DomainError, DomainResult};
use missive_db::entity::{conversation, conversation_member};
use missive_db::repo;
use missive_db::sea_orm::ConnectionTrait;
use missive_proto::v1 as pb;
use std::collections::HashSet;
use std::sync::Arc;
use uuid::Uuid;

pub const KIND_SELF: i32 = pb::ConversationType::Self_ as i32;
pub const KIND_ONE_TO_ONE: i32 = pb::ConversationType::OneToOne as i32;
pub const KIND_GROUP: i32 = pb::ConversationType::Group as i32;
pub const ROLE_ADMIN: i32 = pb::MemberRole::Admin as i32;
pub const ROLE_MEMBER: i32 = pb::MemberRole::Member as i32;
pub const NAME_MAX_CHARS: usize = 256;
pub const MAX_PAGE: u32 = 500;

/// Namespace of the deterministic 1:1 conversation ids.
const ONE_TO_ONE_NAMESPACE: Uuid = Uuid::from_u128(0x6d69_7373_6976_6531_8000_0000_0000_0001);

pub struct Conversations {
    deps: Deps,
    events: Arc<Events>,
    max_group_size: u64,
}

/// A conversation with its members.
#[derive(Debug, Clone)]
pub struct ConversationView {
    pub conversation: conversation::Model,
    pub members: Vec<conversation_member::Model>,
}

impl ConversationView {
    pub fn to_pb(&self, domain: &str) -> pb::Conversation {
        pb::Conversation {
            id: Some(qualified(self.conversation.id, domain)),
            r#type: self.conversation.kind,
            name: self.conversation.name.clone(),
            members: self.members.iter().map(|m| member_pb(m, domain)).collect(),
            creator: Some(qualified(self.conversation.creator, domain)),
            created_at: Some(timestamp(self.conversation.created_at)),
        }
    }

    pub fn member_ids(&self) -> Vec<Uuid> {
        self.members.iter().map(|m| m.user_id).collect()
    }

    pub fn role_of(&self, user_id: Uuid) -> Option<i32> {
        self.members.iter().find(|m| m.user_id == user_id).map(|m| m.role)
    }
}

fn member_pb(member: &conversation_member::Model, domain: &str) -> pb::Member {
    pb::Member { user: Some(qualified(member.user_id, domain)), role: member.role }
}

/// The self conversation of a user; its id is the user's id.
pub async fn create_self<C: ConnectionTrait>(db: &C, user_id: Uuid, now: i64) -> DomainResult<()> {
    let own =
        conversation::Model { id: user_id, kind: KIND_SELF, name: String::new(), creator: user_id, created_at: now };
    let member = conversation_member::Model { conversation_id: user_id, user_id, role: ROLE_ADMIN, joined_at: now };
    repo::conversations::create(db, own, vec![member]).await?;
    Ok(())
}

/// The 1:1 conversation of two users: a deterministic id, created once.
pub async fn ensure_one_to_one<C: ConnectionTrait>(
    db: &C,
    a: Uuid,
    b: Uuid,
    now: i64,
) -> DomainResult<(ConversationView, bool)> {
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    let id = Uuid::new_v5(&ONE_TO_ONE_NAMESPACE, &[low.as_bytes().as_slice(), high.as_bytes().as_slice()].concat());
    if let Some(existing) = repo::conversations::find(db, id).await? {
        let members = repo::conversations::members(db, id).await?;
        return Ok((ConversationView { conversation: existing, members }, false));
    }
    let new = conversation::Model { id, kind: KIND_ONE_TO_ONE, name: String::new(), creator: a, created_at: now };
    let members: Vec<_> = [low, high]
        .into_iter()
        .map(|user_id| conversation_member::Model { conversation_id: id, user_id, role: ROLE_MEMBER, joined_at: now })
        .collect();
    repo::conversations::create(db, new.clone(), members.clone()).await?;
    Ok((ConversationView { conversation: new, members }, true))
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
    ) -> DomainResult<ConversationView> {
        let name = parse_name(name)?;
        let invited = self.connected_local_users(caller, invited).await?;
        if invited.len() as u64 + 1 > self.max_group_size {
            return Err(group_too_large(self.max_group_size));
        }
        let now = self.deps.now_ms();
        let id = Uuid::new_v4();
        let group = conversation::Model { id, kind: KIND_GROUP, name, creator: caller.user_id, created_at: now };
        let mut members = vec![conversation_member::Model {
            conversation_id: id,
            user_id: caller.user_id,
            role: ROLE_ADMIN,
            joined_at: now,
        }];
        members.extend(invited.into_iter().map(|user_id| conversation_member::Model {
            conversation_id: id,
            user_id,
            role: ROLE_MEMBER,
            joined_at: now,
        }));
        let view = ConversationView { conversation: group.clone(), members: members.clone() };
        let payload = pb::event::Payload::ConversationCreated(pb::ConversationCreated {
            conversation: Some(view.to_pb(&self.deps.domain)),
        });
        let txn = missive_db::begin_write(&self.deps.db).await?;
        repo::conversations::create(&txn, group, members).await?;
        let deliveries = self.events.store_for_users(&txn, &view.member_ids(), payload).await?;
        txn.commit().await?;
        self.events.publish(deliveries).await;
        Ok(view)
    }

    pub async fn get(&self, caller: &AuthContext, id: Uuid) -> DomainResult<ConversationView> {
        self.require_member(caller.user_id, id).await
    }

    pub async fn list(
        &self,
        caller: &AuthContext,
        page_size: u32,
        page_token: &str,
    ) -> DomainResult<(Vec<ConversationView>, String)> {
        let limit = page_limit(page_size)?;
        let after = parse_uuid_token(page_token)?;
        let ids = repo::conversations::ids_for_user(&self.deps.db, caller.user_id, after, limit + 1).await?;
        let has_more = ids.len() as u64 > limit;
        let ids = &ids[..ids.len().min(limit as usize)];
        let conversations = repo::conversations::find_many(&self.deps.db, ids).await?;
        let mut members = repo::conversations::members_of_many(&self.deps.db, ids).await?;
        let views: Vec<ConversationView> = conversations
            .into_iter()
            .map(|conversation| {
                let (mine, rest): (Vec<_>, Vec<_>) =
                    members.drain(..).partition(|m| m.conversation_id == conversation.id);
                members = rest;
                ConversationView { conversation, members: mine }
            })
            .collect();
        let next = if has_more {
            views.last().map(|v| v.conversation.id.to_string()).unwrap_or_default()
        } else {
            String::new()
        };
        Ok((views, next))
    }

    pub async fn add_members(
        &self,
        caller: &AuthContext,
        id: Uuid,
        users: Vec<QualifiedUserId>,
    ) -> DomainResult<ConversationView> {
        let view = self.require_group_admin(caller, id, "add members").await?;
        if users.is_empty() {
            return Err(DomainError::InvalidArgument("users is empty".into()));
        }
        let existing: HashSet<Uuid> = view.member_ids().into_iter().collect();
        let new_users: Vec<Uuid> = self
            .connected_local_users(caller, users)
            .await?
            .into_iter()
            .filter(|user| !existing.contains(user))
            .collect();
        if (existing.len() + new_users.len()) as u64 > self.max_group_size {
            return Err(group_too_large(self.max_group_size));
        }
        if new_users.is_empty() {
            return Ok(view);
        }
        let now = self.deps.now_ms();
        let joined: Vec<_> = new_users
            .iter()
            .map(|&user_id| conversation_member::Model {
                conversation_id: id,
                user_id,
                role: ROLE_MEMBER,
                joined_at: now,
            })
            .collect();
        let domain = &self.deps.domain;
        let payload = pb::event::Payload::MembersJoined(pb::MembersJoined {
            conversation: Some(qualified(id, domain)),
            by: Some(qualified(caller.user_id, domain)),
            members: joined.iter().map(|m| member_pb(m, domain)).collect(),
        });
        let txn = missive_db::begin_write(&self.deps.db).await?;
        repo::conversations::add_members(&txn, joined).await?;
        let mut everyone: Vec<Uuid> = existing.into_iter().collect();
        everyone.extend(&new_users);
        let deliveries = self.events.store_for_users(&txn, &everyone, payload).await?;
        txn.commit().await?;
        self.events.publish(deliveries).await;
        self.require_member(caller.user_id, id).await
    }

    pub async fn remove_member(
        &self,
        caller: &AuthContext,
        id: Uuid,
        user: QualifiedUserId,
    ) -> DomainResult<ConversationView> {
        let view = self.require_group_admin(caller, id, "remove members").await?;
        if view.role_of(user.id).is_none() || !self.deps.is_local(&user.domain) {
            return Err(DomainError::NotFound(format!("user {} is not a member of this conversation", user.id)));
        }
        self.remove(caller.user_id, &view, user.id).await?;
        self.require_member(caller.user_id, id).await
    }

    pub async fn leave(&self, caller: &AuthContext, id: Uuid) -> DomainResult<()> {
        let view = self.require_member(caller.user_id, id).await?;
        if view.conversation.kind != KIND_GROUP {
            return Err(DomainError::FailedPrecondition("only groups can be left".into()));
        }
        self.remove(caller.user_id, &view, caller.user_id).await
    }

    /// Removes `user_id` and tells every member, the one leaving included.
    async fn remove(&self, by: Uuid, view: &ConversationView, user_id: Uuid) -> DomainResult<()> {
        let domain = &self.deps.domain;
        let id = view.conversation.id;
        let payload = pb::event::Payload::MemberLeft(pb::MemberLeft {
            conversation: Some(qualified(id, domain)),
            by: Some(qualified(by, domain)),
            user: Some(qualified(user_id, domain)),
        });
        let txn = missive_db::begin_write(&self.deps.db).await?;
        let deliveries = self.events.store_for_users(&txn, &view.member_ids(), payload).await?;
        repo::conversations::remove_member(&txn, id, user_id).await?;
        txn.commit().await?;
        self.events.publish(deliveries).await;
        Ok(())
    }

    pub async fn rename(&self, caller: &AuthContext, id: Uuid, name: &str) -> DomainResult<ConversationView> {
        let view = self.require_group_admin(caller, id, "rename the conversation").await?;
        let name = parse_name(name)?;
        let domain = &self.deps.domain;
        let payload = pb::event::Payload::ConversationRenamed(pb::ConversationRenamed {
            conversation: Some(qualified(id, domain)),
            by: Some(qualified(caller.user_id, domain)),
            name: name.clone(),
        });
        let txn = missive_db::begin_write(&self.deps.db).await?;
        repo::conversations::rename(&txn, id, &name).await?;
        let deliveries = self.events.store_for_users(&txn, &view.member_ids(), payload).await?;
        txn.commit().await?;
        self.events.publish(deliveries).await;
        self.require_member(caller.user_id, id).await
    }

    pub async fn update_role(
        &self,
        caller: &AuthContext,
        id: Uuid,
        user: QualifiedUserId,
        role: i32,
    ) -> DomainResult<ConversationView> {
        if role != ROLE_ADMIN && role != ROLE_MEMBER {
            return Err(DomainError::InvalidArgument("role must be ADMIN or MEMBER".into()));
        }
        let view = self.require_group_admin(caller, id, "change roles").await?;
        if view.role_of(user.id).is_none() || !self.deps.is_local(&user.domain) {
            return Err(DomainError::NotFound(format!("user {} is not a member of this conversation", user.id)));
        }
        let domain = &self.deps.domain;
        let payload = pb::event::Payload::MemberRoleUpdated(pb::MemberRoleUpdated {
            conversation: Some(qualified(id, domain)),
            by: Some(qualified(caller.user_id, domain)),
            user: Some(qualified(user.id, domain)),
            role,
        });
        let txn = missive_db::begin_write(&self.deps.db).await?;
        repo::conversations::set_role(&txn, id, user.id, role).await?;
        let deliveries = self.events.store_for_users(&txn, &view.member_ids(), payload).await?;
        txn.commit().await?;
        self.events.publish(deliveries).await;
        self.require_member(caller.user_id, id).await
    }

    /// Typing is transient: live to the other members' devices, never stored.
    pub async fn set_typing(&self, caller: &AuthContext, id: Uuid, status: i32) -> DomainResult<()> {
        if status != pb::TypingStatus::Started as i32 && status != pb::TypingStatus::Stopped as i32 {
            return Err(DomainError::InvalidArgument("status must be STARTED or STOPPED".into()));
        }
        let view = self.require_member(caller.user_id, id).await?;
        let targets: Vec<(Uuid, String)> = repo::devices::list_for_users(&self.deps.db, &view.member_ids())
            .await?
            .into_iter()
            .filter(|(user_id, device_id)| !(*user_id == caller.user_id && *device_id == caller.device_id))
            .collect();
        let domain = &self.deps.domain;
        let payload = pb::event::Payload::Typing(pb::Typing {
            conversation: Some(qualified(id, domain)),
            user: Some(qualified(caller.user_id, domain)),
            device_id: caller.device_id.clone(),
            status,
        });
        self.events.publish_transient(targets, payload).await;
        Ok(())
    }

    /// The local id of a conversation named by the API.
    pub fn local_id(&self, id: &QualifiedUserId) -> DomainResult<Uuid> {
        self.deps.require_local("conversation", &id.domain)?;
        Ok(id.id)
    }

    /// The conversation if `user_id` is a member of it.
    pub async fn require_member(&self, user_id: Uuid, id: Uuid) -> DomainResult<ConversationView> {
        let Some(conversation) = repo::conversations::find(&self.deps.db, id).await? else {
            return Err(DomainError::NotFound(format!("unknown conversation {id}")));
        };
        let members = repo::conversations::members(&self.deps.db, id).await?;
        if !members.iter().any(|m| m.user_id == user_id) {
            return Err(DomainError::PermissionDenied(format!("not a member of conversation {id}")));
        }
        Ok(ConversationView { conversation, members })
    }

    async fn require_group_admin(
        &self,
        caller: &AuthContext,
        id: Uuid,
        action: &str,
    ) -> DomainResult<ConversationView> {
        let view = self.require_member(caller.user_id, id).await?;
        if view.conversation.kind != KIND_GROUP {
            return Err(DomainError::FailedPrecondition(format!("cannot {action} of a self or 1:1 conversation")));
        }
        if view.role_of(caller.user_id) != Some(ROLE_ADMIN) {
            return Err(DomainError::PermissionDenied(format!("only admins can {action}")));
        }
        Ok(view)
    }

    /// Local users the caller is connected to; refuses anyone else by name.
    async fn connected_local_users(
        &self,
        caller: &AuthContext,
        users: Vec<QualifiedUserId>,
    ) -> DomainResult<Vec<Uuid>> {
        let mut result = Vec::with_capacity(users.len());
        for user in users {
            if user.id == caller.user_id {
                continue;
            }
            self.deps.require_local("user", &user.domain)?;
            let connected = repo::connections::find(&self.deps.db, caller.user_id, user.id)
                .await?
                .is_some_and(|c| c.status == pb::ConnectionStatus::Accepted as i32);
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

/// Stores a ConversationCreated for both members of a new 1:1.
pub async fn announce_created<C: ConnectionTrait>(
    events: &Events,
    db: &C,
    view: &ConversationView,
    domain: &str,
) -> DomainResult<Vec<Delivery>> {
    let payload =
        pb::event::Payload::ConversationCreated(pb::ConversationCreated { conversation: Some(view.to_pb(domain)) });
    events.store_for_users(db, &view.member_ids(), payload).await
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

pub fn page_limit(page_size: u32) -> DomainResult<u64> {
    match page_size {
        0 => Ok(100),
        1..=MAX_PAGE => Ok(u64::from(page_size)),
        _ => Err(DomainError::InvalidArgument(format!("page_size must be at most {MAX_PAGE}"))),
    }
}

pub fn parse_uuid_token(token: &str) -> DomainResult<Option<Uuid>> {
    if token.is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(token)
        .map(Some)
        .map_err(|_| DomainError::InvalidArgument(format!("malformed page_token {token:?}")))
}
