//! `missive.v1.CallService`.

use super::auth;
use super::convert::timestamp;
use crate::domain::calls::Calls;
use missive_proto::v1 as pb;
use missive_proto::v1::call_service_server::CallService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct CallApi {
    pub calls: Arc<Calls>,
}

#[tonic::async_trait]
impl CallService for CallApi {
    /// `missive.v1.CallService/GetCallConfig`
    async fn get_call_config(
        &self,
        request: Request<pb::GetCallConfigRequest>,
    ) -> Result<Response<pb::GetCallConfigResponse>, Status> {
        let caller = auth::caller(&request)?;
        let config = self.calls.config(&caller);
        Ok(Response::new(pb::GetCallConfigResponse {
            ice_servers: config
                .ice_servers
                .into_iter()
                .map(|server| pb::IceServer {
                    urls: server.urls,
                    username: server.username,
                    credential: server.credential,
                })
                .collect(),
            expires: Some(timestamp(config.expires_ms)),
            ttl_secs: config.ttl_secs,
            unavailable_reason: config.unavailable_reason.unwrap_or_default(),
        }))
    }
}
