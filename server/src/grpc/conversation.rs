//! `missive.v1.ConversationService`.

use super::{auth, convert};
use crate::domain::conversations::Conversations;
use crate::domain::ids::{ConversationId, QualifiedConversationId};
use crate::error::DomainResult;
use missive_proto::v1 as pb;
use missive_proto::v1::conversation_service_server::ConversationService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct ConversationApi {
    pub conversations: Arc<Conversations>,
}

fn conversation_id(id: Option<&pb::QualifiedId>) -> DomainResult<QualifiedConversationId> {
    convert::required_id::<ConversationId>("id", id)
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
        let members = convert::id_list("members", &body.members)?;
        let protocol = convert::protocol(body.protocol)?;
        let created = self.conversations.create_group(&caller, &body.name, members, protocol).await?;
        Ok(Response::new(pb::CreateConversationResponse { conversation: Some(created.into()) }))
    }

    /// `missive.v1.ConversationService/GetConversation`
    async fn get_conversation(
        &self,
        request: Request<pb::GetConversationRequest>,
    ) -> Result<Response<pb::GetConversationResponse>, Status> {
        let caller = auth::caller(&request)?;
        let id = conversation_id(request.get_ref().id.as_ref())?;
        let found = self.conversations.get(&caller, &id).await?;
        Ok(Response::new(pb::GetConversationResponse { conversation: Some(found.into()) }))
    }

    /// `missive.v1.ConversationService/ListConversations`
    async fn list_conversations(
        &self,
        request: Request<pb::ListConversationsRequest>,
    ) -> Result<Response<pb::ListConversationsResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let (found, next_page_token) = self.conversations.list(&caller, body.page_size, &body.page_token).await?;
        Ok(Response::new(pb::ListConversationsResponse {
            conversations: found.into_iter().map(Into::into).collect(),
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
        let id = conversation_id(body.id.as_ref())?;
        let users = convert::id_list("users", &body.users)?;
        let updated = self.conversations.add_members(&caller, &id, users).await?;
        Ok(Response::new(pb::AddMembersResponse { conversation: Some(updated.into()) }))
    }

    /// `missive.v1.ConversationService/RemoveMember`
    async fn remove_member(
        &self,
        request: Request<pb::RemoveMemberRequest>,
    ) -> Result<Response<pb::RemoveMemberResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let id = conversation_id(body.id.as_ref())?;
        let user = convert::required_id("user", body.user.as_ref())?;
        let updated = self.conversations.remove_member(&caller, &id, user).await?;
        Ok(Response::new(pb::RemoveMemberResponse { conversation: Some(updated.into()) }))
    }

    /// `missive.v1.ConversationService/LeaveConversation`
    async fn leave_conversation(
        &self,
        request: Request<pb::LeaveConversationRequest>,
    ) -> Result<Response<pb::LeaveConversationResponse>, Status> {
        let caller = auth::caller(&request)?;
        let id = conversation_id(request.get_ref().id.as_ref())?;
        self.conversations.leave(&caller, &id).await?;
        Ok(Response::new(pb::LeaveConversationResponse {}))
    }

    /// `missive.v1.ConversationService/RenameConversation`
    async fn rename_conversation(
        &self,
        request: Request<pb::RenameConversationRequest>,
    ) -> Result<Response<pb::RenameConversationResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let id = conversation_id(body.id.as_ref())?;
        let updated = self.conversations.rename(&caller, &id, &body.name).await?;
        Ok(Response::new(pb::RenameConversationResponse { conversation: Some(updated.into()) }))
    }

    /// `missive.v1.ConversationService/UpdateMemberRole`
    async fn update_member_role(
        &self,
        request: Request<pb::UpdateMemberRoleRequest>,
    ) -> Result<Response<pb::UpdateMemberRoleResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let role = convert::role(body.role)?;
        let id = conversation_id(body.id.as_ref())?;
        let user = convert::required_id("user", body.user.as_ref())?;
        let updated = self.conversations.update_role(&caller, &id, user, role).await?;
        Ok(Response::new(pb::UpdateMemberRoleResponse { conversation: Some(updated.into()) }))
    }

    /// `missive.v1.ConversationService/SetTyping`
    async fn set_typing(
        &self,
        request: Request<pb::SetTypingRequest>,
    ) -> Result<Response<pb::SetTypingResponse>, Status> {
        let caller = auth::caller(&request)?;
        let status = convert::typing_status(request.get_ref().status)?;
        let id = conversation_id(request.get_ref().id.as_ref())?;
        self.conversations.set_typing(&caller, &id, status).await?;
        Ok(Response::new(pb::SetTypingResponse {}))
    }
}
