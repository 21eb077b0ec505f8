//! `missive.v1.ConnectionService`.

use super::{auth, convert};
use crate::domain::connections::{Connections, to_pb};
use missive_proto::v1 as pb;
use missive_proto::v1::connection_service_server::ConnectionService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct ConnectionApi {
    pub connections: Arc<Connections>,
    pub domain: Arc<str>,
}

#[tonic::async_trait]
impl ConnectionService for ConnectionApi {
    /// `missive.v1.ConnectionService/SendConnectionRequest`
    async fn send_connection_request(
        &self,
        request: Request<pb::SendConnectionRequestRequest>,
    ) -> Result<Response<pb::SendConnectionRequestResponse>, Status> {
        let caller = auth::caller(&request)?;
        let other = convert::required_user_id("user", request.get_ref().user.as_ref())?;
        let row = self.connections.send_request(&caller, other).await?;
        Ok(Response::new(pb::SendConnectionRequestResponse { connection: Some(to_pb(&row, &self.domain)) }))
    }

    /// `missive.v1.ConnectionService/UpdateConnection`
    async fn update_connection(
        &self,
        request: Request<pb::UpdateConnectionRequest>,
    ) -> Result<Response<pb::UpdateConnectionResponse>, Status> {
        let caller = auth::caller(&request)?;
        let other = convert::required_user_id("user", request.get_ref().user.as_ref())?;
        let row = self.connections.update(&caller, other, request.get_ref().status).await?;
        Ok(Response::new(pb::UpdateConnectionResponse { connection: Some(to_pb(&row, &self.domain)) }))
    }

    /// `missive.v1.ConnectionService/ListConnections`
    async fn list_connections(
        &self,
        request: Request<pb::ListConnectionsRequest>,
    ) -> Result<Response<pb::ListConnectionsResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let (rows, next_page_token) = self.connections.list(&caller, body.page_size, &body.page_token).await?;
        Ok(Response::new(pb::ListConnectionsResponse {
            connections: rows.iter().map(|r| to_pb(r, &self.domain)).collect(),
            next_page_token,
        }))
    }
}
