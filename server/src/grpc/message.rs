//! `missive.v1.MessageService`.

use super::auth;
use super::convert::timestamp;
use crate::domain::messages::Messages;
use missive_proto::v1 as pb;
use missive_proto::v1::message_service_server::MessageService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct MessageApi {
    pub messages: Arc<Messages>,
}

#[tonic::async_trait]
impl MessageService for MessageApi {
    /// `missive.v1.MessageService/SendMessage`
    async fn send_message(
        &self,
        request: Request<pb::SendMessageRequest>,
    ) -> Result<Response<pb::SendMessageResponse>, Status> {
        let caller = auth::caller(&request)?;
        let input = request.into_inner().try_into()?;
        let sent = self.messages.send(&caller, input).await?;
        Ok(Response::new(pb::SendMessageResponse {
            time: Some(timestamp(sent.time_ms)),
            mismatch: Some(sent.mismatch.into()),
        }))
    }
}
