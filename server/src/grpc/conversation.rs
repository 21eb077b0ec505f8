//! `missive.v1.ConversationService`.

use super::{auth, convert};
use crate::domain::conversations::{ConversationView, Conversations};
use crate::domain::ids::QualifiedUserId;
use crate::error::DomainError;
use missive_proto::v1 as pb;
use missive_proto::v1::conversation_service_server::ConversationService;
use std::sync::Arc;
use tonic::{Request, Response, Status};
use uuid::Uuid;

pub struct ConversationApi {
    pub conversations: Arc<Conversations>,
    pub domain: Arc<str>,
}

impl ConversationApi {
    fn view(&self, view: ConversationView) -> Option<pb::Conversation> {
        Some(view.to_pb(&self.domain))
    }
}

/// A required conversation id, which must be this backend's.
fn conversation_id(
    conversations: &Conversations,
    field: &str,
    id: Option<&pb::QualifiedId>,
) -> Result<Uuid, DomainError> {
    conversations.local_id(&convert::required_user_id(field, id)?)
}

fn user_ids(field: &str, ids: &[pb::QualifiedId]) -> Result<Vec<QualifiedUserId>, DomainError> {
    ids.iter().enumerate().map(|(i, id)| convert::required_user_id(&format!("{field}[{i}]"), Some(id))).collect()
}

#[tonic::async_trait]
impl ConversationService for ConversationApi {
    /// `missive.v1.ConversationService/CreateConversation`
    async fn create_conversation(
        &self,
        request: Request<pb::CreateConversationRequest>,
    ) -> Result<Response<pb::CreateConversationResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let members = user_ids("members", &body.members)?;
        let view = self.conversations.create_group(&caller, &body.name, members).await?;
        Ok(Response::new(pb::CreateConversationResponse { conversation: self.view(view) }))
    }

    /// `missive.v1.ConversationService/GetConversation`
    async fn get_conversation(
        &self,
        request: Request<pb::GetConversationRequest>,
    ) -> Result<Response<pb::GetConversationResponse>, Status> {
        let caller = auth::caller(&request)?;
        let id = conversation_id(&self.conversations, "id", request.get_ref().id.as_ref())?;
        let view = self.conversations.get(&caller, id).await?;
        Ok(Response::new(pb::GetConversationResponse { conversation: self.view(view) }))
    }

    /// `missive.v1.ConversationService/ListConversations`
    async fn list_conversations(
        &self,
        request: Request<pb::ListConversationsRequest>,
    ) -> Result<Response<pb::ListConversationsResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let (views, next_page_token) = self.conversations.list(&caller, body.page_size, &body.page_token).await?;
        Ok(Response::new(pb::ListConversationsResponse {
            conversations: views.iter().map(|v| v.to_pb(&self.domain)).collect(),
            next_page_token,
        }))
    }

    /// `missive.v1.ConversationService/AddMembers`
    async fn add_members(
        &self,
        request: Request<pb::AddMembersRequest>,
    ) -> Result<Response<pb::AddMembersResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let id = conversation_id(&self.conversations, "id", body.id.as_ref())?;
        let users = user_ids("users", &body.users)?;
        let view = self.conversations.add_members(&caller, id, users).await?;
        Ok(Response::new(pb::AddMembersResponse { conversation: self.view(view) }))
    }

    /// `missive.v1.ConversationService/RemoveMember`
    async fn remove_member(
        &self,
        request: Request<pb::RemoveMemberRequest>,
    ) -> Result<Response<pb::RemoveMemberResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let id = conversation_id(&self.conversations, "id", body.id.as_ref())?;
        let user = convert::required_user_id("user", body.user.as_ref())?;
        let view = self.conversations.remove_member(&caller, id, user).await?;
        Ok(Response::new(pb::RemoveMemberResponse { conversation: self.view(view) }))
    }

    /// `missive.v1.ConversationService/LeaveConversation`
    async fn leave_conversation(
        &self,
        request: Request<pb::LeaveConversationRequest>,
    ) -> Result<Response<pb::LeaveConversationResponse>, Status> {
        let caller = auth::caller(&request)?;
        let id = conversation_id(&self.conversations, "id", request.get_ref().id.as_ref())?;
        self.conversations.leave(&caller, id).await?;
        Ok(Response::new(pb::LeaveConversationResponse {}))
    }

    /// `missive.v1.ConversationService/RenameConversation`
    async fn rename_conversation(
        &self,
        request: Request<pb::RenameConversationRequest>,
    ) -> Result<Response<pb::RenameConversationResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let id = conversation_id(&self.conversations, "id", body.id.as_ref())?;
        let view = self.conversations.rename(&caller, id, &body.name).await?;
        Ok(Response::new(pb::RenameConversationResponse { conversation: self.view(view) }))
    }

    /// `missive.v1.ConversationService/UpdateMemberRole`
    async fn update_member_role(
        &self,
        request: Request<pb::UpdateMemberRoleRequest>,
    ) -> Result<Response<pb::UpdateMemberRoleResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let id = conversation_id(&self.conversations, "id", body.id.as_ref())?;
        let user = convert::required_user_id("user", body.user.as_ref())?;
        let view = self.conversations.update_role(&caller, id, user, body.role).await?;
        Ok(Response::new(pb::UpdateMemberRoleResponse { conversation: self.view(view) }))
    }

    /// `missive.v1.ConversationService/SetTyping`
    async fn set_typing(
        &self,
        request: Request<pb::SetTypingRequest>,
    ) -> Result<Response<pb::SetTypingResponse>, Status> {
        let caller = auth::caller(&request)?;
        let id = conversation_id(&self.conversations, "id", request.get_ref().id.as_ref())?;
        self.conversations.set_typing(&caller, id, request.get_ref().status).await?;
        Ok(Response::new(pb::SetTypingResponse {}))
    }
}
