//! `missive.v1.MessageService`.

use super::{auth, convert};
use crate::domain::ids::parse_device_id;
use crate::domain::messages::{Messages, Policy, SendInput};
use missive_proto::v1 as pb;
use missive_proto::v1::message_service_server::MessageService;
use pb::mismatch_policy::Policy as PolicyPb;
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
        let body = request.into_inner();
        let conversation = convert::required_user_id("conversation", body.conversation.as_ref())?;
        let mut recipients = Vec::with_capacity(body.recipients.len());
        for (index, entry) in body.recipients.into_iter().enumerate() {
            let user = convert::required_user_id(&format!("recipients[{index}].user"), entry.user.as_ref())?;
            let devices = entry
                .devices
                .into_iter()
                .map(|d| Ok((parse_device_id(&format!("recipients[{index}].devices"), &d.device_id)?, d.ciphertext)))
                .collect::<Result<Vec<_>, crate::error::DomainError>>()?;
            recipients.push((user, devices));
        }
        let policy = match body.policy.and_then(|p| p.policy) {
            None | Some(PolicyPb::ReportAll(_)) => Policy::ReportAll,
            Some(PolicyPb::IgnoreAll(_)) => Policy::IgnoreAll,
            Some(PolicyPb::ReportOnly(only)) => Policy::ReportOnly(
                only.users
                    .iter()
                    .enumerate()
                    .map(|(i, u)| {
                        convert::required_user_id(&format!("policy.report_only.users[{i}]"), Some(u)).map(|q| q.id)
                    })
                    .collect::<Result<_, _>>()?,
            ),
        };
        let input =
            SendInput { conversation, message_id: body.message_id, recipients, policy, transient: body.transient };
        let sent = self.messages.send(&caller, input).await?;
        Ok(Response::new(pb::SendMessageResponse {
            time: Some(convert::timestamp(sent.time_ms)),
            mismatch: Some(sent.mismatch),
        }))
    }
}
