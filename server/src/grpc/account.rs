//! `missive.v1.AccountService`.

use super::{auth, convert, peer_ip};
use crate::domain::accounts::{Accounts, RegisterInput, SignedIn};
use crate::domain::ids::{QualifiedUserId, parse_device_id};
use missive_proto::v1 as pb;
use missive_proto::v1::account_service_server::AccountService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct AccountApi {
    pub accounts: Arc<Accounts>,
    pub domain: Arc<str>,
}

impl AccountApi {
    fn signed_in(&self, signed_in: SignedIn) -> (Option<pb::User>, Option<pb::Device>, Option<pb::Session>) {
        (
            Some(convert::user(&signed_in.user, &self.domain)),
            Some(convert::device(&signed_in.device, &self.domain)),
            Some(convert::session(signed_in.session)),
        )
    }
}

#[tonic::async_trait]
impl AccountService for AccountApi {
    /// `missive.v1.AccountService/Register`
    async fn register(&self, request: Request<pb::RegisterRequest>) -> Result<Response<pb::RegisterResponse>, Status> {
        let peer = peer_ip(&request);
        let body = request.into_inner();
        let input = RegisterInput {
            device: convert::new_device(body.device)?,
            handle: body.handle,
            password: body.password,
            display_name: body.display_name,
        };
        let (user, device, session) = self.signed_in(self.accounts.register(input, peer).await?);
        Ok(Response::new(pb::RegisterResponse { user, device, session }))
    }

    /// `missive.v1.AccountService/Login`
    async fn login(&self, request: Request<pb::LoginRequest>) -> Result<Response<pb::LoginResponse>, Status> {
        let peer = peer_ip(&request);
        let body = request.into_inner();
        let new_device = convert::new_device(body.device)?;
        let signed_in = self.accounts.login(&body.handle, body.password, new_device, peer).await?;
        let (user, device, session) = self.signed_in(signed_in);
        Ok(Response::new(pb::LoginResponse { user, device, session }))
    }

    /// `missive.v1.AccountService/BeginDeviceAuth`
    async fn begin_device_auth(
        &self,
        request: Request<pb::BeginDeviceAuthRequest>,
    ) -> Result<Response<pb::BeginDeviceAuthResponse>, Status> {
        let peer = peer_ip(&request);
        let body = request.into_inner();
        let user: QualifiedUserId = convert::required_user_id("user", body.user.as_ref())?;
        let device_id = parse_device_id("device_id", &body.device_id)?;
        let challenge = self.accounts.begin_device_auth(user, device_id, peer).await?;
        Ok(Response::new(pb::BeginDeviceAuthResponse {
            challenge_id: challenge.id.to_string(),
            challenge: challenge.challenge,
            expires_at: Some(convert::timestamp(challenge.expires_ms)),
            backend_domain: self.domain.to_string(),
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
        Ok(Response::new(pb::CompleteDeviceAuthResponse { session: Some(convert::session(session)) }))
    }

    /// `missive.v1.AccountService/RefreshSession`
    async fn refresh_session(
        &self,
        request: Request<pb::RefreshSessionRequest>,
    ) -> Result<Response<pb::RefreshSessionResponse>, Status> {
        let body = request.into_inner();
        let session = self.accounts.refresh(&body.refresh_token).await?;
        Ok(Response::new(pb::RefreshSessionResponse { session: Some(convert::session(session)) }))
    }

    /// `missive.v1.AccountService/Logout`
    async fn logout(&self, request: Request<pb::LogoutRequest>) -> Result<Response<pb::LogoutResponse>, Status> {
        let caller = auth::caller(&request)?;
        self.accounts.logout(&caller, &request.into_inner().refresh_token).await?;
        Ok(Response::new(pb::LogoutResponse {}))
    }
}
