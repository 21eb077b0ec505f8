//! `missive.v1.AccountService`.

use super::convert::{self, timestamp};
use super::{auth, peer_ip};
use crate::domain::accounts::{Accounts, SignedIn};
use missive_proto::v1 as pb;
use missive_proto::v1::account_service_server::AccountService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct AccountApi {
    pub accounts: Arc<Accounts>,
}

fn signed_in(signed_in: SignedIn) -> (Option<pb::User>, Option<pb::Device>, Option<pb::Session>) {
    (Some(signed_in.user.into()), Some(signed_in.device.into()), Some(signed_in.session.into()))
}

#[tonic::async_trait]
impl AccountService for AccountApi {
    /// `missive.v1.AccountService/Register`
    async fn register(&self, request: Request<pb::RegisterRequest>) -> Result<Response<pb::RegisterResponse>, Status> {
        let peer = peer_ip(&request);
        let input = request.into_inner().try_into()?;
        let (user, device, session) = signed_in(self.accounts.register(input, peer).await?);
        Ok(Response::new(pb::RegisterResponse { user, device, session }))
    }

    /// `missive.v1.AccountService/Login`
    async fn login(&self, request: Request<pb::LoginRequest>) -> Result<Response<pb::LoginResponse>, Status> {
        let peer = peer_ip(&request);
        let body = request.into_inner();
        let new_device = body.device.try_into()?;
        let (user, device, session) =
            signed_in(self.accounts.login(&body.handle, body.password, new_device, peer).await?);
        Ok(Response::new(pb::LoginResponse { user, device, session }))
    }

    /// `missive.v1.AccountService/BeginDeviceAuth`
    async fn begin_device_auth(
        &self,
        request: Request<pb::BeginDeviceAuthRequest>,
    ) -> Result<Response<pb::BeginDeviceAuthResponse>, Status> {
        let peer = peer_ip(&request);
        let body = request.into_inner();
        let user = convert::required_id("user", body.user.as_ref())?;
        let device_id = convert::device_id("device_id", &body.device_id)?;
        let challenge = self.accounts.begin_device_auth(user, device_id, peer).await?;
        Ok(Response::new(pb::BeginDeviceAuthResponse {
            challenge_id: challenge.id.to_string(),
            challenge: challenge.challenge,
            expires_at: Some(timestamp(challenge.expires_ms)),
            backend_domain: self.accounts.domain().to_string(),
        }))
    }

    /// `missive.v1.AccountService/CompleteDeviceAuth`
    async fn complete_device_auth(
        &self,
        request: Request<pb::CompleteDeviceAuthRequest>,
    ) -> Result<Response<pb::CompleteDeviceAuthResponse>, Status> {
        let peer = peer_ip(&request);
        let body = request.into_inner();
        let session = self.accounts.complete_device_auth(&body.challenge_id, &body.signature, peer).await?;
        Ok(Response::new(pb::CompleteDeviceAuthResponse { session: Some(session.into()) }))
    }

    /// `missive.v1.AccountService/RefreshSession`
    async fn refresh_session(
        &self,
        request: Request<pb::RefreshSessionRequest>,
    ) -> Result<Response<pb::RefreshSessionResponse>, Status> {
        let session = self.accounts.refresh(&request.into_inner().refresh_token).await?;
        Ok(Response::new(pb::RefreshSessionResponse { session: Some(session.into()) }))
    }

    /// `missive.v1.AccountService/Logout`
    async fn logout(&self, request: Request<pb::LogoutRequest>) -> Result<Response<pb::LogoutResponse>, Status> {
        let caller = auth::caller(&request)?;
        self.accounts.logout(&caller, &request.into_inner().refresh_token).await?;
        Ok(Response::new(pb::LogoutResponse {}))
    }
}
