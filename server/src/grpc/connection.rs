//! `missive.v1.ConnectionService`.

use super::{auth, convert};
use crate::domain::connections::Connections;
use missive_proto::v1 as pb;
use missive_proto::v1::connection_service_server::ConnectionService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct ConnectionApi {
    pub connections: Arc<Connections>,
}

#[tonic::async_trait]
impl ConnectionService for ConnectionApi {
    /// `missive.v1.ConnectionService/SendConnectionRequest`
    async fn send_connection_request(
        &self,
        request: Request<pb::SendConnectionRequestRequest>,
    ) -> Result<Response<pb::SendConnectionRequestResponse>, Status> {
        let caller = auth::caller(&request)?;
        let other = convert::required_id("user", request.get_ref().user.as_ref())?;
        let connection = self.connections.send_request(&caller, other).await?;
        Ok(Response::new(pb::SendConnectionRequestResponse { connection: Some(connection.into()) }))
    }

    /// `missive.v1.ConnectionService/UpdateConnection`
    async fn update_connection(
        &self,
        request: Request<pb::UpdateConnectionRequest>,
    ) -> Result<Response<pb::UpdateConnectionResponse>, Status> {
        let caller = auth::caller(&request)?;
        let other = convert::required_id("user", request.get_ref().user.as_ref())?;
        let wanted = convert::wanted_status(request.get_ref().status)?;
        let connection = self.connections.update(&caller, other, wanted).await?;
        Ok(Response::new(pb::UpdateConnectionResponse { connection: Some(connection.into()) }))
    }

    /// `missive.v1.ConnectionService/ListConnections`
    async fn list_connections(
        &self,
        request: Request<pb::ListConnectionsRequest>,
    ) -> Result<Response<pb::ListConnectionsResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let (connections, next_page_token) = self.connections.list(&caller, body.page_size, &body.page_token).await?;
        Ok(Response::new(pb::ListConnectionsResponse {
            connections: connections.into_iter().map(Into::into).collect(),
            next_page_token,
        }))
    }
}
