//! Who is calling the federation listener.
//!
//! The TLS handshake has already refused a peer without a certificate from
//! a trusted CA, or with an expired one. Here each request must name its
//! origin backend domain (`missive-origin-domain`); that domain must be
//! allowed, its federator must be discoverable, and the discovered host
//! must be named by the client certificate. Only then does the request
//! reach the service, with the [`Origin`] in its extensions.
//!
//! Refusals are distinct gRPC statuses with a `google.rpc.ErrorInfo`
//! (domain [`ERROR_DOMAIN`]) whose reason a program can match, and each is
//! counted per reason.

use super::discovery::Discovery;
use super::{AllowList, ERROR_DOMAIN, ORIGIN_HEADER};
use crate::domain::ids::BackendDomain;
use crate::domain::rate_limit::{Limit, RateLimits};
use http::{Request, Response};
use rustls_pki_types::{CertificateDer, ServerName};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tonic::transport::server::{TcpConnectInfo, TlsConnectInfo};
use tonic::{Code, Status};

/// The backend a federation request comes from, checked.
#[derive(Debug, Clone)]
pub struct Origin(pub BackendDomain);

/// Why a federation request was refused; the `ErrorInfo` reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// No client certificate (UNAUTHENTICATED).
    NoClientCertificate,
    /// No or malformed `missive-origin-domain` (UNAUTHENTICATED).
    OriginMissing,
    /// The certificate does not name the origin's federator (UNAUTHENTICATED).
    OriginMismatch,
    /// The origin's federator cannot be discovered (UNAVAILABLE: DNS may recover).
    DiscoveryFailed,
    /// The origin is not on the allow list (PERMISSION_DENIED).
    NotAllowed,
}

impl Refusal {
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::NoClientCertificate => "NO_CLIENT_CERTIFICATE",
            Refusal::OriginMissing => "ORIGIN_MISSING",
            Refusal::OriginMismatch => "ORIGIN_MISMATCH",
            Refusal::DiscoveryFailed => "DISCOVERY_FAILED",
            Refusal::NotAllowed => "NOT_ALLOWED",
        }
    }

    pub fn code(self) -> Code {
        match self {
            Refusal::NoClientCertificate | Refusal::OriginMissing | Refusal::OriginMismatch => Code::Unauthenticated,
            Refusal::DiscoveryFailed => Code::Unavailable,
            Refusal::NotAllowed => Code::PermissionDenied,
        }
    }

    fn status(self, message: String) -> Status {
        use tonic_types::{ErrorDetails, StatusExt};
        let details = ErrorDetails::with_error_info(self.reason(), ERROR_DOMAIN, HashMap::new());
        Status::with_error_details(self.code(), message, details)
    }
}

/// The checks, shared by every connection of the listener.
pub struct OriginCheck {
    discovery: Arc<Discovery>,
    allow: Arc<AllowList>,
    /// Requests per origin backend (`federation_requests_per_origin_per_minute`).
    limits: Arc<RateLimits>,
    refused: Mutex<HashMap<Refusal, u64>>,
    admitted: AtomicU64,
}

impl OriginCheck {
    pub fn new(discovery: Arc<Discovery>, allow: Arc<AllowList>, limits: Arc<RateLimits>) -> OriginCheck {
        OriginCheck { discovery, allow, limits, refused: Mutex::new(HashMap::new()), admitted: AtomicU64::new(0) }
    }

    /// Refusals so far, per reason.
    pub fn refused(&self) -> HashMap<Refusal, u64> {
        self.refused.lock().map(|counts| counts.clone()).unwrap_or_default()
    }

    pub fn admitted(&self) -> u64 {
        self.admitted.load(Ordering::Relaxed)
    }

    pub async fn check(
        &self,
        origin: Option<&http::HeaderValue>,
        certs: Option<Arc<Vec<CertificateDer<'static>>>>,
    ) -> Result<Origin, Status> {
        let checked = self.decide(origin, certs).await;
        // Counted once the origin is proven, so a forger cannot spend another backend's quota.
        if let Ok(Origin(domain)) = &checked
            && let Err(busy) = self.limits.check(Limit::FederationPerOrigin, domain.as_str()).await
        {
            tracing::info!(origin = %domain, "federation request refused: quota of this backend spent");
            return Err(busy.into());
        }
        match &checked {
            Ok(_) => {
                self.admitted.fetch_add(1, Ordering::Relaxed);
            }
            Err((refusal, message)) => {
                tracing::info!(reason = refusal.reason(), %message, "federation request refused");
                if let Ok(mut counts) = self.refused.lock() {
                    *counts.entry(*refusal).or_default() += 1;
                }
            }
        }
        checked.map_err(|(refusal, message)| refusal.status(message))
    }

    async fn decide(
        &self,
        origin: Option<&http::HeaderValue>,
        certs: Option<Arc<Vec<CertificateDer<'static>>>>,
    ) -> Result<Origin, (Refusal, String)> {
        let leaf = certs.as_ref().and_then(|certs| certs.first().cloned()).ok_or_else(|| {
            (Refusal::NoClientCertificate, "federation needs a client certificate (mutual TLS)".to_owned())
        })?;
        let origin = origin
            .and_then(|value| value.to_str().ok())
            .ok_or_else(|| (Refusal::OriginMissing, format!("send the calling backend's domain in {ORIGIN_HEADER}")))?;
        let origin = BackendDomain::parse(origin)
            .map_err(|err| (Refusal::OriginMissing, format!("{ORIGIN_HEADER} is not a backend domain: {err}")))?;
        // Before any DNS: a backend that is not allowed costs no lookup.
        if !self.allow.allows(&origin) {
            return Err((
                Refusal::NotAllowed,
                format!("backend {origin} is not allowed to federate with this backend"),
            ));
        }
        let (targets, _) =
            self.discovery.locate(&origin).await.map_err(|err| (Refusal::DiscoveryFailed, err.to_string()))?;
        let cert = webpki::EndEntityCert::try_from(&leaf)
            .map_err(|err| (Refusal::OriginMismatch, format!("unreadable client certificate: {err}")))?;
        let named = targets.iter().any(|target| {
            ServerName::try_from(target.host.as_str())
                .is_ok_and(|name| cert.verify_is_valid_for_subject_name(&name).is_ok())
        });
        if !named {
            let hosts: Vec<&str> = targets.iter().map(|target| target.host.as_str()).collect();
            return Err((
                Refusal::OriginMismatch,
                format!("the client certificate names none of backend {origin}'s federators ({})", hosts.join(", ")),
            ));
        }
        Ok(Origin(origin))
    }
}

/// The tower layer in front of the federation services.
#[derive(Clone)]
pub struct IngressLayer {
    check: Arc<OriginCheck>,
}

impl IngressLayer {
    pub fn new(check: Arc<OriginCheck>) -> IngressLayer {
        IngressLayer { check }
    }
}

impl<S> tower::Layer<S> for IngressLayer {
    type Service = Checked<S>;

    fn layer(&self, inner: S) -> Checked<S> {
        Checked { inner, check: self.check.clone() }
    }
}

#[derive(Clone)]
pub struct Checked<S> {
    inner: S,
    check: Arc<OriginCheck>,
}

type BoxFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

impl<S, B, R> tower::Service<Request<B>> for Checked<S>
where
    S: tower::Service<Request<B>, Response = Response<R>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    B: Send + 'static,
    R: Default + Send + 'static,
{
    type Response = Response<R>;
    type Error = S::Error;
    type Future = BoxFuture<Response<R>, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        // The ready service goes with this request; a fresh clone waits for the next.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let check = self.check.clone();
        Box::pin(async move {
            let certs = request.extensions().get::<TlsConnectInfo<TcpConnectInfo>>().and_then(|info| info.peer_certs());
            match check.check(request.headers().get(ORIGIN_HEADER), certs).await {
                Ok(origin) => {
                    // Into the call's span (`telemetry::rpc`), when it is traced.
                    tracing::Span::current().record("missive.caller.domain", tracing::field::display(&origin.0));
                    request.extensions_mut().insert(origin);
                    inner.call(request).await
                }
                Err(status) => Ok(status.into_http()),
            }
        })
    }
}

/// The checked origin of a federation request.
pub fn origin<T>(request: &tonic::Request<T>) -> Result<BackendDomain, Status> {
    request
        .extensions()
        .get::<Origin>()
        .map(|origin| origin.0.clone())
        .ok_or_else(|| Refusal::OriginMissing.status("the federation request was not checked".to_owned()))
}
