//! `missive.v1.MlsService`.

use super::{auth, convert};
use crate::domain::federation::CommitBundle;
use crate::domain::mls_delivery::MlsDelivery;
use missive_proto::v1 as pb;
use missive_proto::v1::mls_service_server::MlsService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct MlsApi {
    pub delivery: Arc<MlsDelivery>,
    pub clock: Arc<dyn crate::clock::Clock>,
}

#[tonic::async_trait]
impl MlsService for MlsApi {
    /// `missive.v1.MlsService/SendCommitBundle`
    async fn send_commit_bundle(
        &self,
        request: Request<pb::SendCommitBundleRequest>,
    ) -> Result<Response<pb::SendCommitBundleResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let id = convert::required_id("conversation", body.conversation.as_ref())?;
        let bundle = CommitBundle { commit: body.commit, welcome: body.welcome, group_info: body.group_info };
        let epoch = self.delivery.send_commit_bundle(&caller, &id, bundle).await?;
        Ok(Response::new(pb::SendCommitBundleResponse { epoch, time: Some(convert::timestamp(self.clock.now_ms())) }))
    }

    /// `missive.v1.MlsService/SendMlsMessage`
    async fn send_mls_message(
        &self,
        request: Request<pb::SendMlsMessageRequest>,
    ) -> Result<Response<pb::SendMlsMessageResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let id = convert::required_id("conversation", body.conversation.as_ref())?;
        self.delivery.send_message(&caller, &id, body.message).await?;
        Ok(Response::new(pb::SendMlsMessageResponse { time: Some(convert::timestamp(self.clock.now_ms())) }))
    }

    /// `missive.v1.MlsService/GetGroupInfo`
    async fn get_group_info(
        &self,
        request: Request<pb::GetGroupInfoRequest>,
    ) -> Result<Response<pb::GetGroupInfoResponse>, Status> {
        let caller = auth::caller(&request)?;
        let id = convert::required_id("conversation", request.get_ref().conversation.as_ref())?;
        let (epoch, group_info) = self.delivery.group_info(&caller, &id).await?;
        Ok(Response::new(pb::GetGroupInfoResponse { epoch, group_info }))
    }

    /// `missive.v1.MlsService/GetOneToOne`
    async fn get_one_to_one(
        &self,
        request: Request<pb::GetOneToOneRequest>,
    ) -> Result<Response<pb::GetOneToOneResponse>, Status> {
        let caller = auth::caller(&request)?;
        let user = convert::required_id("user", request.get_ref().user.as_ref())?;
        let conversation = self.delivery.one_to_one(&caller, user).await?;
        Ok(Response::new(pb::GetOneToOneResponse { conversation: Some(conversation.into()) }))
    }
}
