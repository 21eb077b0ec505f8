//! Authentication of the client API: one tower layer in front of every
//! service turns `authorization: Bearer <access token>` into an
//! [`AuthContext`] in the request's extensions, and refuses calls without
//! one, except the methods in [`PUBLIC_METHODS`] — the one list of what is
//! public (the TypeScript client's list is checked against it by a test).

use crate::domain::tokens::{AuthContext, TokenService};
use http::{Request, Response};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tonic::Status;

/// Client API methods that need no access token.
pub const PUBLIC_METHODS: &[&str] = &[
    "/missive.v1.AccountService/Register",
    "/missive.v1.AccountService/Login",
    "/missive.v1.AccountService/BeginDeviceAuth",
    "/missive.v1.AccountService/CompleteDeviceAuth",
    "/missive.v1.AccountService/RefreshSession",
];

/// Paths under this prefix are the client API; others (health, reflection)
/// are open to anyone and ignore credentials.
const CLIENT_API_PREFIX: &str = "/missive.v1.";

#[derive(Clone)]
pub struct AuthLayer {
    tokens: Arc<TokenService>,
}

impl AuthLayer {
    pub fn new(tokens: Arc<TokenService>) -> AuthLayer {
        AuthLayer { tokens }
    }
}

impl<S> tower::Layer<S> for AuthLayer {
    type Service = Authenticated<S>;

    fn layer(&self, inner: S) -> Authenticated<S> {
        Authenticated { inner, tokens: self.tokens.clone() }
    }
}

#[derive(Clone)]
pub struct Authenticated<S> {
    inner: S,
    tokens: Arc<TokenService>,
}

impl<S> Authenticated<S> {
    /// `Ok(None)`: no credentials needed and none given.
    fn authenticate<B>(&self, request: &Request<B>) -> Result<Option<AuthContext>, Status> {
        let path = request.uri().path();
        if !path.starts_with(CLIENT_API_PREFIX) {
            return Ok(None);
        }
        let Some(header) = request.headers().get(http::header::AUTHORIZATION) else {
            return if PUBLIC_METHODS.contains(&path) { Ok(None) } else { Err(missing_token()) };
        };
        // A public method given a token still checks it: a client sending a
        // bad one wants to know.
        let token = header
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                Status::unauthenticated("malformed authorization header: expected \"Bearer <access token>\"")
            })?;
        Ok(Some(self.tokens.verify_access_token(token)?))
    }
}

type BoxFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

impl<S, B, R> tower::Service<Request<B>> for Authenticated<S>
where
    S: tower::Service<Request<B>, Response = Response<R>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    R: Default + Send + 'static,
{
    type Response = Response<R>;
    type Error = S::Error;
    type Future = BoxFuture<Response<R>, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        match self.authenticate(&request) {
            Ok(Some(caller)) => {
                request.extensions_mut().insert(caller);
            }
            Ok(None) => {}
            Err(status) => return Box::pin(std::future::ready(Ok(status.into_http()))),
        }
        Box::pin(self.inner.call(request))
    }
}

/// The authenticated caller of this request.
pub fn caller<T>(request: &tonic::Request<T>) -> Result<AuthContext, Status> {
    request.extensions().get::<AuthContext>().cloned().ok_or_else(missing_token)
}

fn missing_token() -> Status {
    Status::unauthenticated("missing access token: send \"authorization: Bearer <access token>\"")
}

#[cfg(test)]
mod tests {
    use super::PUBLIC_METHODS;
    use std::collections::BTreeSet;

    /// The TypeScript client decides which calls carry a token from its own
    /// list; it must name exactly these methods.
    #[test]
    fn the_typescript_client_lists_the_same_public_methods() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../clients/typescript/src/client.ts");
        let source = std::fs::read_to_string(path).expect("clients/typescript/src/client.ts");
        let line = source.lines().find(|l| l.contains("const PUBLIC_METHODS")).expect("PUBLIC_METHODS in client.ts");
        let listed: BTreeSet<&str> = line.split('"').skip(1).step_by(2).collect();
        let ours: BTreeSet<&str> = PUBLIC_METHODS.iter().map(|m| m.rsplit('/').next().unwrap()).collect();
        assert_eq!(listed, ours, "PUBLIC_METHODS in clients/typescript/src/client.ts differs from grpc/auth.rs");
        assert!(PUBLIC_METHODS.iter().all(|m| m.starts_with("/missive.v1.AccountService/")));
    }
}
