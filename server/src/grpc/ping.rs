//! `missive.v1.PingService`.

use super::auth;
use super::convert::timestamp;
use crate::clock::Clock;
use missive_proto::v1 as pb;
use missive_proto::v1::ping_service_server::PingService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

const MAX_PAYLOAD: usize = 1024;

pub struct PingApi {
    pub clock: Arc<dyn Clock>,
}

#[tonic::async_trait]
impl PingService for PingApi {
    /// `missive.v1.PingService/Ping`
    async fn ping(&self, request: Request<pb::PingRequest>) -> Result<Response<pb::PingResponse>, Status> {
        auth::caller(&request)?;
        let payload = request.into_inner().payload;
        if payload.len() > MAX_PAYLOAD {
            return Err(Status::invalid_argument(format!("payload is {} bytes: at most {MAX_PAYLOAD}", payload.len())));
        }
        Ok(Response::new(pb::PingResponse { payload, time: Some(timestamp(self.clock.now_ms())) }))
    }
}
