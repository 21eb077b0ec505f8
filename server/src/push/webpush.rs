//! Web Push (RFC 8030) with VAPID (RFC 8292) and an `aes128gcm` encrypted
//! payload (RFC 8291): browsers' push services and UnifiedPush
//! distributors alike.

use super::http::{Http, excerpt, retry_after};
use super::{ece, jwt};
use crate::domain::push::{Wake, WakeOutcome};
use bytes::Bytes;
use http::{Request, Uri};
use http_body_util::Full;
use ring::signature::{EcdsaKeyPair, KeyPair};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A VAPID JWT is valid for 12 hours and reused for one per push service.
const JWT_LIFETIME: u64 = 12 * 3600;
const JWT_REUSE: Duration = Duration::from_secs(3600);
const TTL_SECS: u32 = 24 * 3600;

pub struct WebPushSettings {
    pub key: EcdsaKeyPair,
    /// `mailto:` or `https:` contact of the operator (RFC 8292 `sub`).
    pub subject: String,
}

pub struct WebPush {
    settings: WebPushSettings,
    public_key: String,
    http: Arc<Http>,
    jwts: Mutex<HashMap<String, (String, Instant)>>,
}

impl WebPush {
    pub fn new(settings: WebPushSettings, http: Arc<Http>) -> WebPush {
        let public_key = jwt::b64(settings.key.public_key().as_ref());
        WebPush { settings, public_key, http, jwts: Mutex::new(HashMap::new()) }
    }

    /// The application server key browsers subscribe with
    /// (`applicationServerKey`).
    pub fn public_key_bytes(&self) -> &[u8] {
        self.settings.key.public_key().as_ref()
    }

    fn vapid(&self, audience: &str) -> Result<String, String> {
        let mut jwts = self.jwts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((token, made)) = jwts.get(audience)
            && made.elapsed() < JWT_REUSE
        {
            return Ok(token.clone());
        }
        let header = serde_json::json!({ "typ": "JWT", "alg": "ES256" });
        let claims = serde_json::json!({
            "aud": audience,
            "exp": jwt::unix_now() + JWT_LIFETIME,
            "sub": self.settings.subject,
        });
        let token = jwt::es256(&self.settings.key, &header, &claims)?;
        if jwts.len() > 1000 {
            jwts.clear();
        }
        jwts.insert(audience.to_owned(), (token.clone(), Instant::now()));
        Ok(token)
    }

    pub async fn wake(&self, endpoint: &str, p256dh: &[u8], auth: &[u8], wake: &Wake) -> WakeOutcome {
        let Ok(uri) = endpoint.parse::<Uri>() else {
            return WakeOutcome::Gone("the endpoint is not a URL".to_owned());
        };
        let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
            return WakeOutcome::Gone("the endpoint has no origin".to_owned());
        };
        let audience = format!("{scheme}://{authority}");
        let vapid = match self.vapid(&audience) {
            Ok(vapid) => vapid,
            Err(reason) => return WakeOutcome::Retry { reason, after: None },
        };
        let payload = serde_json::json!({ "nid": wake.notification_id, "cursor": wake.cursor });
        let body = match ece::encrypt(p256dh, auth, payload.to_string().as_bytes()) {
            Ok(body) => body,
            Err(reason) => return WakeOutcome::Gone(format!("cannot encrypt for the subscription: {reason}")),
        };
        let request = Request::post(uri)
            .header("authorization", format!("vapid t={vapid}, k={}", self.public_key))
            .header("ttl", TTL_SECS.to_string())
            .header("urgency", "high")
            // A newer wake-up replaces one the push service still holds.
            .header("topic", "missive-wake")
            .header("content-encoding", "aes128gcm")
            .header("content-type", "application/octet-stream")
            .body(Full::new(Bytes::from(body)));
        let answer = match self.http.attempt(request, false).await {
            Ok(answer) => answer,
            Err(outcome) => return outcome,
        };
        let status = answer.status.as_u16();
        let reason = format!("Web Push {status} {}", excerpt(&answer.body));
        match status {
            200..=299 => WakeOutcome::Delivered,
            404 | 410 => WakeOutcome::Gone(reason),
            429 | 500..=599 => WakeOutcome::Retry { reason, after: retry_after(&answer.headers) },
            _ => WakeOutcome::Refused(reason),
        }
    }
}
