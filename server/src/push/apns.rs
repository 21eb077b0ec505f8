//! Apple Push Notification service: HTTP/2, token-based authentication (an
//! ES256 JWT from the operator's `.p8` key), as Apple documents in
//! "Sending notification requests to APNs".

use super::http::{Http, excerpt};
use super::jwt;
use crate::domain::push::{Wake, WakeOutcome};
use bytes::Bytes;
use http::Request;
use http_body_util::Full;
use ring::signature::EcdsaKeyPair;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Apple refuses a provider token older than an hour and one renewed more
/// often than every 20 minutes.
const TOKEN_LIFETIME: Duration = Duration::from_secs(50 * 60);
/// An undelivered wake-up is worth keeping for a day.
const EXPIRATION: u64 = 24 * 3600;

pub struct ApnsSettings {
    pub key: EcdsaKeyPair,
    pub key_id: String,
    pub team_id: String,
    pub url: String,
    pub sandbox_url: String,
}

pub struct Apns {
    settings: ApnsSettings,
    http: Arc<Http>,
    token: Mutex<Option<(String, Instant)>>,
}

impl Apns {
    pub fn new(settings: ApnsSettings, http: Arc<Http>) -> Apns {
        Apns { settings, http, token: Mutex::new(None) }
    }

    fn provider_token(&self) -> Result<String, String> {
        let mut cached = self.token.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((token, made)) = cached.as_ref()
            && made.elapsed() < TOKEN_LIFETIME
        {
            return Ok(token.clone());
        }
        let header = serde_json::json!({ "alg": "ES256", "kid": self.settings.key_id });
        let claims = serde_json::json!({ "iss": self.settings.team_id, "iat": jwt::unix_now() });
        let token = jwt::es256(&self.settings.key, &header, &claims)?;
        *cached = Some((token.clone(), Instant::now()));
        Ok(token)
    }

    fn forget_provider_token(&self) {
        *self.token.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    pub async fn wake(&self, device_token: &str, topic: &str, sandbox: bool, wake: &Wake) -> WakeOutcome {
        let token = match self.provider_token() {
            Ok(token) => token,
            Err(reason) => return WakeOutcome::Retry { reason, after: None },
        };
        let base = if sandbox { &self.settings.sandbox_url } else { &self.settings.url };
        // An alert the app's notification service extension replaces once it
        // has fetched and decrypted; the text shown if it cannot is the
        // app's own localisation of the key, never anything from here.
        let payload = serde_json::json!({
            "aps": { "alert": { "loc-key": "MISSIVE_NEW_EVENTS" }, "mutable-content": 1 },
            "nid": wake.notification_id,
            "cursor": wake.cursor,
        });
        let request = Request::post(format!("{}/3/device/{device_token}", base.trim_end_matches('/')))
            .header("authorization", format!("bearer {token}"))
            .header("apns-topic", topic)
            .header("apns-push-type", "alert")
            .header("apns-priority", "10")
            .header("apns-expiration", (jwt::unix_now() + EXPIRATION).to_string())
            .header("apns-collapse-id", "missive-wake")
            .header("apns-id", &wake.notification_id)
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(payload.to_string())));
        let answer = match self.http.attempt(request, true).await {
            Ok(answer) => answer,
            Err(outcome) => return outcome,
        };
        let reason = serde_json::from_slice::<serde_json::Value>(&answer.body)
            .ok()
            .and_then(|body| body.get("reason").and_then(|r| r.as_str()).map(str::to_owned))
            .unwrap_or_else(|| excerpt(&answer.body));
        let status = answer.status.as_u16();
        match status {
            200 => WakeOutcome::Delivered,
            410 => WakeOutcome::Gone(format!("APNs 410 {reason}")),
            400 if reason == "BadDeviceToken" || reason == "DeviceTokenNotForTopic" => {
                WakeOutcome::Gone(format!("APNs 400 {reason}"))
            }
            403 if reason == "ExpiredProviderToken" || reason == "InvalidProviderToken" => {
                self.forget_provider_token();
                WakeOutcome::Retry { reason: format!("APNs 403 {reason}"), after: None }
            }
            429 | 500 | 503 => WakeOutcome::Retry { reason: format!("APNs {status} {reason}"), after: None },
            _ => WakeOutcome::Refused(format!("APNs {status} {reason}")),
        }
    }
}
