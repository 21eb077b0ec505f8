//! `missive.v1.PushService`.

use super::auth;
use crate::domain::push::{PushToken, PushTokens};
use crate::error::DomainError;
use missive_proto::v1 as pb;
use missive_proto::v1::push_service_server::PushService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct PushApi {
    pub push: Arc<PushTokens>,
}

fn token_from(token: Option<pb::PushToken>) -> Result<PushToken, DomainError> {
    use pb::push_token::Token;
    match token.and_then(|t| t.token) {
        Some(Token::Apns(apns)) => {
            Ok(PushToken::Apns { device_token: apns.device_token, topic: apns.topic, sandbox: apns.sandbox })
        }
        Some(Token::Fcm(fcm)) => Ok(PushToken::Fcm { registration_token: fcm.registration_token }),
        Some(Token::WebPush(web)) => {
            Ok(PushToken::WebPush { endpoint: web.endpoint, p256dh: web.p256dh, auth: web.auth })
        }
        None => Err(DomainError::InvalidArgument("token is required: one of apns, fcm or web_push".to_owned())),
    }
}

fn token_to(token: PushToken) -> pb::PushToken {
    use pb::push_token::Token;
    let token = match token {
        PushToken::Apns { device_token, topic, sandbox } => Token::Apns(pb::ApnsToken { device_token, topic, sandbox }),
        PushToken::Fcm { registration_token } => Token::Fcm(pb::FcmToken { registration_token }),
        PushToken::WebPush { endpoint, p256dh, auth } => {
            Token::WebPush(pb::WebPushSubscription { endpoint, p256dh, auth })
        }
    };
    pb::PushToken { token: Some(token) }
}

#[tonic::async_trait]
impl PushService for PushApi {
    /// `missive.v1.PushService/SetPushToken`
    async fn set_push_token(
        &self,
        request: Request<pb::SetPushTokenRequest>,
    ) -> Result<Response<pb::SetPushTokenResponse>, Status> {
        let caller = auth::caller(&request)?;
        let token = token_from(request.into_inner().token)?;
        self.push.set(&caller, token).await?;
        Ok(Response::new(pb::SetPushTokenResponse {}))
    }

    /// `missive.v1.PushService/GetPushToken`
    async fn get_push_token(
        &self,
        request: Request<pb::GetPushTokenRequest>,
    ) -> Result<Response<pb::GetPushTokenResponse>, Status> {
        let caller = auth::caller(&request)?;
        let token = self.push.get(&caller).await?;
        Ok(Response::new(pb::GetPushTokenResponse { token: token.map(token_to) }))
    }

    /// `missive.v1.PushService/RemovePushToken`
    async fn remove_push_token(
        &self,
        request: Request<pb::RemovePushTokenRequest>,
    ) -> Result<Response<pb::RemovePushTokenResponse>, Status> {
        let caller = auth::caller(&request)?;
        self.push.remove(&caller).await?;
        Ok(Response::new(pb::RemovePushTokenResponse {}))
    }

    /// `missive.v1.PushService/GetPushConfig`
    async fn get_push_config(
        &self,
        request: Request<pb::GetPushConfigRequest>,
    ) -> Result<Response<pb::GetPushConfigResponse>, Status> {
        auth::caller(&request)?;
        let config = self.push.config();
        Ok(Response::new(pb::GetPushConfigResponse {
            apns: config.apns,
            fcm: config.fcm,
            web_push: config.web_push,
            vapid_public_key: config.vapid_public_key,
        }))
    }
}
