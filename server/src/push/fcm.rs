//! Firebase Cloud Messaging, HTTP v1 API: an OAuth2 access token obtained
//! with the service account's key (a signed JWT grant, RFC 7523), then one
//! `messages:send` per wake-up.

use super::http::{Http, excerpt, retry_after};
use super::jwt;
use crate::domain::push::{Wake, WakeOutcome};
use bytes::Bytes;
use http::Request;
use http_body_util::Full;
use ring::signature::RsaKeyPair;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";
/// Renewed this long before Google says it expires.
const RENEW_BEFORE: Duration = Duration::from_secs(5 * 60);
const ASSERTION_LIFETIME: u64 = 3600;

/// The fields of a Google service-account key file this needs.
#[derive(serde::Deserialize)]
struct KeyFile {
    project_id: String,
    private_key_id: String,
    private_key: String,
    client_email: String,
    token_uri: String,
}

pub struct FcmSettings {
    pub project_id: String,
    pub client_email: String,
    pub key_id: String,
    pub key: RsaKeyPair,
    pub token_uri: String,
    /// `https://fcm.googleapis.com`, or a test server.
    pub url: String,
}

impl FcmSettings {
    pub fn load(path: &Path, url: String) -> Result<FcmSettings, String> {
        let what = format!("push_fcm_service_account_file {}", path.display());
        let text = std::fs::read(path).map_err(|err| format!("{what}: {err}"))?;
        let file: KeyFile =
            serde_json::from_slice(&text).map_err(|err| format!("{what}: not a service-account key: {err}"))?;
        let key = jwt::rsa_from_pem(file.private_key.as_bytes()).map_err(|err| format!("{what}: {err}"))?;
        Ok(FcmSettings {
            project_id: file.project_id,
            client_email: file.client_email,
            key_id: file.private_key_id,
            key,
            token_uri: file.token_uri,
            url,
        })
    }
}

pub struct Fcm {
    settings: FcmSettings,
    http: Arc<Http>,
    /// One refresh at a time; the others wait for its token.
    access: tokio::sync::Mutex<Option<(String, Instant)>>,
}

#[derive(serde::Deserialize)]
struct AccessToken {
    access_token: String,
    expires_in: u64,
}

impl Fcm {
    pub fn new(settings: FcmSettings, http: Arc<Http>) -> Fcm {
        Fcm { settings, http, access: tokio::sync::Mutex::new(None) }
    }

    async fn access_token(&self) -> Result<String, WakeOutcome> {
        let mut access = self.access.lock().await;
        if let Some((token, until)) = access.as_ref()
            && Instant::now() < *until
        {
            return Ok(token.clone());
        }
        let retry = |reason: String| WakeOutcome::Retry { reason, after: None };
        let now = jwt::unix_now();
        let header = serde_json::json!({ "alg": "RS256", "typ": "JWT", "kid": self.settings.key_id });
        let claims = serde_json::json!({
            "iss": self.settings.client_email,
            "scope": SCOPE,
            "aud": self.settings.token_uri,
            "iat": now,
            "exp": now + ASSERTION_LIFETIME,
        });
        let assertion = jwt::rs256(&self.settings.key, &header, &claims).map_err(retry)?;
        let form = format!("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion={assertion}");
        let request = Request::post(&self.settings.token_uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Full::new(Bytes::from(form)))
            .map_err(|err| retry(format!("token request: {err}")))?;
        let answer = self.http.send(request, false).await.map_err(|err| retry(format!("token request: {err}")))?;
        if !answer.status.is_success() {
            return Err(retry(format!("token endpoint {} {}", answer.status.as_u16(), excerpt(&answer.body))));
        }
        let token: AccessToken = serde_json::from_slice(&answer.body)
            .map_err(|err| retry(format!("token endpoint answered no access token: {err}")))?;
        let until = Instant::now() + Duration::from_secs(token.expires_in).saturating_sub(RENEW_BEFORE);
        *access = Some((token.access_token.clone(), until));
        Ok(token.access_token)
    }

    pub async fn wake(&self, registration_token: &str, wake: &Wake) -> WakeOutcome {
        let access = match self.access_token().await {
            Ok(access) => access,
            Err(outcome) => return outcome,
        };
        // A data message (the app's service wakes and fetches); high
        // priority so a dozing Android delivers it now; one per device
        // pending at a time (collapse key).
        let message = serde_json::json!({
            "message": {
                "token": registration_token,
                "data": { "nid": wake.notification_id, "cursor": wake.cursor.to_string() },
                "android": { "priority": "HIGH", "collapse_key": "missive-wake", "ttl": "86400s" },
            }
        });
        let url = format!(
            "{}/v1/projects/{}/messages:send",
            self.settings.url.trim_end_matches('/'),
            self.settings.project_id
        );
        let request = Request::post(url)
            .header("authorization", format!("Bearer {access}"))
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(message.to_string())));
        let answer = match self.http.attempt(request, false).await {
            Ok(answer) => answer,
            Err(outcome) => return outcome,
        };
        let status = answer.status.as_u16();
        if answer.status.is_success() {
            return WakeOutcome::Delivered;
        }
        let code = error_code(&answer.body);
        let reason = format!("FCM {status} {}", code.as_deref().unwrap_or("(no error code)"));
        match (status, code.as_deref()) {
            (_, Some("UNREGISTERED")) => WakeOutcome::Gone(reason),
            (401, _) => {
                *self.access.lock().await = None;
                WakeOutcome::Retry { reason, after: None }
            }
            (429 | 500 | 503, _) => WakeOutcome::Retry { reason, after: retry_after(&answer.headers) },
            _ => WakeOutcome::Refused(format!("{reason}: {}", excerpt(&answer.body))),
        }
    }
}

/// The FcmError code in `error.details`, else the Google status.
fn error_code(body: &[u8]) -> Option<String> {
    let body: serde_json::Value = serde_json::from_slice(body).ok()?;
    let error = body.get("error")?;
    let detail = error.get("details").and_then(|d| d.as_array()).and_then(|details| {
        details.iter().find_map(|d| d.get("errorCode").and_then(|c| c.as_str()).map(str::to_owned))
    });
    detail.or_else(|| error.get("status").and_then(|s| s.as_str()).map(str::to_owned))
}
