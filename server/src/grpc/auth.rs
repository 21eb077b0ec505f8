//! Authentication of the client API: one tower layer in front of every
//! service turns `authorization: Bearer <access token>` into an
//! [`AuthContext`] in the request's extensions, and refuses calls without
//! one, except the methods in [`PUBLIC_METHODS`] — the one list of what is
//! public (the TypeScript client's list is checked against it by a test).
//!
//! It is also the front door for overload: when the gate of the hot write
//! ([`SHED_EARLY_METHODS`]; the group commit's gate of sends) is full, the
//! write is refused here, before its token is verified and its body
//! decoded, since under overload the cost of each refusal comes out of the
//! accepted throughput.

use crate::domain::tokens::{AuthContext, TokenService};
use crate::domain::unit_of_work::WriteGate;
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

/// Writes that take their place at the gate before anything else, and so
/// can be refused before authentication when the gate is full. Refusing
/// them first tells an unauthenticated caller only that the server is busy.
pub const SHED_EARLY_METHODS: &[&str] = &["/missive.v1.MessageService/SendMessage"];

/// Paths under this prefix are the client API; others (health, reflection)
/// are open to anyone and ignore credentials.
const CLIENT_API_PREFIX: &str = "/missive.v1.";

#[derive(Clone)]
pub struct AuthLayer {
    tokens: Arc<TokenService>,
    writes: Arc<WriteGate>,
}

impl AuthLayer {
    pub fn new(tokens: Arc<TokenService>, writes: Arc<WriteGate>) -> AuthLayer {
        AuthLayer { tokens, writes }
    }
}

impl<S> tower::Layer<S> for AuthLayer {
    type Service = Authenticated<S>;

    fn layer(&self, inner: S) -> Authenticated<S> {
        Authenticated { inner, tokens: self.tokens.clone(), writes: self.writes.clone() }
    }
}

#[derive(Clone)]
pub struct Authenticated<S> {
    inner: S,
    tokens: Arc<TokenService>,
    writes: Arc<WriteGate>,
}

impl<S> Authenticated<S> {
    /// `Ok(None)`: no credentials needed and none given.
    fn authenticate<B>(&self, request: &Request<B>) -> Result<Option<AuthContext>, Status> {
        let path = request.uri().path();
        if !path.starts_with(CLIENT_API_PREFIX) {
            return Ok(None);
        }
        if SHED_EARLY_METHODS.contains(&path)
            && let Some(busy) = self.writes.refuse_if_full()
        {
            return Err(busy.into());
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
                // Into the call's span (`telemetry::rpc`), when it is traced.
                tracing::Span::current().record("missive.caller.domain", self.tokens.domain());
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
    use super::*;
    use crate::clock::ManualClock;
    use crate::domain::ids::BackendDomain;
    use crate::domain::revocations::RevokedSessions;
    use std::collections::BTreeSet;
    use std::time::Duration;
    use tower::{Layer, Service};

    /// The service behind the layer answers OK to whatever reaches it.
    #[derive(Clone)]
    struct Reached;

    impl tower::Service<Request<()>> for Reached {
        type Response = Response<()>;
        type Error = std::convert::Infallible;
        type Future = std::future::Ready<Result<Response<()>, Self::Error>>;
        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
            Poll::Ready(Ok(()))
        }
        fn call(&mut self, _: Request<()>) -> Self::Future {
            std::future::ready(Ok(Response::new(())))
        }
    }

    async fn answer(service: &mut Authenticated<Reached>, path: &str) -> Option<Status> {
        let request = Request::builder().uri(path).header("authorization", "Bearer not-a-token").body(()).unwrap();
        let response = service.call(request).await.unwrap();
        Status::from_header_map(response.headers())
    }

    #[tokio::test]
    async fn a_full_write_gate_refuses_hot_writes_before_authentication_and_nothing_else() {
        let clock = Arc::new(ManualClock::starting_now());
        let domain = BackendDomain::parse("a.example").unwrap();
        let tokens = Arc::new(
            TokenService::new([1u8; 32], &domain, 60_000, clock, Arc::new(RevokedSessions::default())).unwrap(),
        );
        let gate = Arc::new(WriteGate::new(1, Duration::from_secs(30)));
        let mut service = AuthLayer::new(tokens, gate.clone()).layer(Reached);
        let send = SHED_EARLY_METHODS[0];
        let get_self = "/missive.v1.UserService/GetSelf";

        let not_full = answer(&mut service, send).await.expect("a bad token is refused");
        assert_eq!(not_full.code(), tonic::Code::Unauthenticated, "{not_full:?}");

        let held = gate.enter().await.unwrap();
        let mut queued = Vec::new();
        while !gate.full() {
            assert!(queued.len() < 1000, "the queue never fills");
            let gate = gate.clone();
            queued.push(tokio::spawn(async move { gate.enter().await.map(drop) }));
            tokio::task::yield_now().await;
        }
        let busy = answer(&mut service, send).await.expect("refused");
        assert_eq!(busy.code(), tonic::Code::ResourceExhausted, "{busy:?}");
        use tonic_types::StatusExt;
        assert!(busy.get_error_details().retry_info().is_some(), "a retry hint: {busy:?}");
        let read = answer(&mut service, get_self).await.expect("a bad token is refused");
        assert_eq!(read.code(), tonic::Code::Unauthenticated, "reads are not shed: {read:?}");

        drop(held);
        for waiter in queued {
            waiter.await.unwrap().unwrap();
        }
        let after = answer(&mut service, send).await.expect("a bad token is refused");
        assert_eq!(after.code(), tonic::Code::Unauthenticated, "{after:?}");
    }

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
