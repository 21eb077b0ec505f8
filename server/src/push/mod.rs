//! The push services Missive talks to directly: APNs, FCM and Web Push.
//! The domain decides whom to wake and when (`domain::push`); this is only
//! how a wake-up reaches each provider, over the server's one HTTP stack.

mod apns;
mod ece;
mod fcm;
mod http;
pub mod jwt;
mod webpush;

pub use apns::ApnsSettings;
pub use fcm::FcmSettings;
pub use webpush::WebPushSettings;

use crate::domain::push::{Provider, PushProviders, PushToken, Wake, WakeFuture, WakeOutcome};
use std::sync::Arc;

/// What the operator configured; each provider is optional.
#[derive(Default)]
pub struct ProviderSettings {
    pub apns: Option<ApnsSettings>,
    pub fcm: Option<FcmSettings>,
    pub web_push: Option<WebPushSettings>,
}

pub struct Providers {
    apns: Option<apns::Apns>,
    fcm: Option<fcm::Fcm>,
    web_push: Option<webpush::WebPush>,
}

impl Providers {
    pub fn new(settings: ProviderSettings) -> Result<Providers, String> {
        let http = Arc::new(http::Http::new()?);
        Ok(Providers {
            apns: settings.apns.map(|s| apns::Apns::new(s, http.clone())),
            fcm: settings.fcm.map(|s| fcm::Fcm::new(s, http.clone())),
            web_push: settings.web_push.map(|s| webpush::WebPush::new(s, http.clone())),
        })
    }

    pub fn any(&self) -> bool {
        self.apns.is_some() || self.fcm.is_some() || self.web_push.is_some()
    }

    /// Names of the configured providers, for the start-up log.
    pub fn names(&self) -> Vec<&'static str> {
        [Provider::Apns, Provider::Fcm, Provider::WebPush]
            .into_iter()
            .filter(|p| self.configured(*p))
            .map(Provider::name)
            .collect()
    }
}

impl PushProviders for Providers {
    fn configured(&self, provider: Provider) -> bool {
        match provider {
            Provider::Apns => self.apns.is_some(),
            Provider::Fcm => self.fcm.is_some(),
            Provider::WebPush => self.web_push.is_some(),
        }
    }

    fn vapid_public_key(&self) -> Option<Vec<u8>> {
        self.web_push.as_ref().map(|w| w.public_key_bytes().to_vec())
    }

    fn wake<'a>(&'a self, token: &'a PushToken, wake: &'a Wake) -> WakeFuture<'a> {
        Box::pin(async move {
            let unconfigured = || WakeOutcome::Retry { reason: "provider not configured".to_owned(), after: None };
            match token {
                PushToken::Apns { device_token, topic, sandbox } => match &self.apns {
                    Some(apns) => apns.wake(device_token, topic, *sandbox, wake).await,
                    None => unconfigured(),
                },
                PushToken::Fcm { registration_token } => match &self.fcm {
                    Some(fcm) => fcm.wake(registration_token, wake).await,
                    None => unconfigured(),
                },
                PushToken::WebPush { endpoint, p256dh, auth } => match &self.web_push {
                    Some(web_push) => web_push.wake(endpoint, p256dh, auth, wake).await,
                    None => unconfigured(),
                },
            }
        })
    }
}
