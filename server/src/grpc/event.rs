//! `missive.v1.EventService`: the device's stream and its acknowledgements.
//! The replay-then-live logic is the domain's (`domain::stream`); this
//! adapter only maps its items to responses.

use super::auth;
use super::convert::timestamp;
use crate::domain::events::Events;
use crate::domain::stream::StreamItem;
use missive_proto::v1 as pb;
use missive_proto::v1::event_service_server::EventService;
use pb::subscribe_response::Kind;
use std::pin::Pin;
use std::sync::Arc;
use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status};

pub struct EventApi {
    pub events: Arc<Events>,
}

#[tonic::async_trait]
impl EventService for EventApi {
    type SubscribeStream = Pin<Box<dyn Stream<Item = Result<pb::SubscribeResponse, Status>> + Send>>;

    /// `missive.v1.EventService/Subscribe`
    async fn subscribe(
        &self,
        request: Request<pb::SubscribeRequest>,
    ) -> Result<Response<Self::SubscribeStream>, Status> {
        let caller = auth::caller(&request)?;
        let stream = self.events.stream(&caller, request.get_ref().since).await?;
        let responses = stream.map(|item| {
            let kind = match item? {
                StreamItem::Event(event) => Kind::Event(Arc::unwrap_or_clone(event).into()),
                StreamItem::Heartbeat { time_ms, head } => {
                    Kind::Heartbeat(pb::Heartbeat { time: Some(timestamp(time_ms)), head })
                }
            };
            Ok(pb::SubscribeResponse { kind: Some(kind) })
        });
        Ok(Response::new(Box::pin(responses)))
    }

    /// `missive.v1.EventService/Ack`
    async fn ack(&self, request: Request<pb::AckRequest>) -> Result<Response<pb::AckResponse>, Status> {
        let caller = auth::caller(&request)?;
        self.events.ack(&caller, request.get_ref().up_to).await?;
        Ok(Response::new(pb::AckResponse {}))
    }
}
