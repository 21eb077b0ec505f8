//! One span and one duration measurement per gRPC call, for the client API
//! and the federation API alike.
//!
//! A call ends when its response body does: the status of a call that did
//! not fail at once travels in the trailers, and a stream's span lasts as
//! long as the stream. A body dropped before its trailers is a call the
//! client cancelled. Attributes are the method, the status code and the
//! caller's domain (recorded by the authentication layers); never tokens,
//! handles or message content.

use super::metrics::metrics;
use super::{propagation, sampling};
use futures_util::future::Either;
use http::{HeaderMap, Request, Response};
use http_body::{Body as HttpBody, Frame};
use opentelemetry::KeyValue;
use opentelemetry::trace::TraceContextExt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;
use tonic::body::Body;
use tracing::Instrument;
use tracing_opentelemetry::OpenTelemetrySpanExt;

/// Which API a listener serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// Clients: a trace starts here (a client's trace context is ignored,
    /// so no client can make the server record its traces).
    Client,
    /// Other backends: a trace continues from the caller's context.
    Federation,
}

#[derive(Clone)]
pub struct RpcLayer {
    api: Api,
}

impl RpcLayer {
    pub fn new(api: Api) -> RpcLayer {
        RpcLayer { api }
    }
}

impl<S> tower::Layer<S> for RpcLayer {
    type Service = Rpc<S>;

    fn layer(&self, inner: S) -> Rpc<S> {
        Rpc { inner, api: self.api }
    }
}

#[derive(Clone)]
pub struct Rpc<S> {
    inner: S,
    api: Api,
}

type Measured<E> = Pin<Box<dyn Future<Output = Result<Response<Body>, E>> + Send>>;

impl<S, B> tower::Service<Request<B>> for Rpc<S>
where
    S: tower::Service<Request<B>, Response = Response<Body>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    B: Send + 'static,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = Either<S::Future, Measured<S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let traced = super::traces_on();
        let measured = super::metrics_on();
        if !traced && !measured {
            return Either::Left(self.inner.call(request));
        }
        let path = request.uri().path();
        let (service, method) = path.trim_start_matches('/').split_once('/').unwrap_or((path, ""));
        // A client's trace context is ignored; another backend's decides.
        let parent = match self.api {
            Api::Client => None,
            Api::Federation if traced => Some(propagation::extract(request.headers())),
            Api::Federation => None,
        };
        let parent_sampled = parent.as_ref().and_then(|cx| {
            let span = cx.span();
            let context = span.span_context();
            context.is_valid().then(|| context.is_sampled())
        });
        let span = if !sampling::sampled(parent_sampled) {
            tracing::Span::none()
        } else {
            tracing::debug_span!(
            target: super::RPC,
            "rpc",
            otel.name = %path.trim_start_matches('/'),
            otel.kind = "server",
            otel.status_code = tracing::field::Empty,
            rpc.system = "grpc",
            rpc.service = %service,
            rpc.method = %method,
            rpc.grpc.status_code = tracing::field::Empty,
            missive.caller.domain = tracing::field::Empty,
            trace_id = tracing::field::Empty,
            )
        };
        if !span.is_disabled() {
            if let Some(parent) = parent {
                let _ = span.set_parent(parent);
            }
            if let Some(trace_id) = propagation::trace_id(&span) {
                span.record("trace_id", trace_id);
            }
        }
        let measure = measured.then(|| {
            Measure::Served([
                KeyValue::new("rpc.system", "grpc"),
                KeyValue::new("rpc.service", service.to_owned()),
                KeyValue::new("rpc.method", method.to_owned()),
            ])
        });
        let call = Call { span: span.clone(), started: Instant::now(), measure };
        // The ready service goes with this request; a fresh clone waits for the next.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let future = span.in_scope(|| inner.call(request));
        Either::Right(Box::pin(observe(future, call).instrument(span)))
    }
}

/// Ends `call` with the response's status: at once when it came without a
/// body (trailers-only), else when the body's trailers do.
async fn observe<F, E>(response: F, call: Call) -> Result<Response<Body>, E>
where
    F: Future<Output = Result<Response<Body>, E>>,
{
    let response = match response.await {
        Ok(response) => response,
        Err(err) => {
            call.end(tonic::Code::Unavailable as i32);
            return Err(err);
        }
    };
    match status_of(response.headers()) {
        Some(code) => {
            call.end(code);
            Ok(response)
        }
        None => Ok(response.map(|body| Body::new(Observed { body, call: Some(call) }))),
    }
}

/// The client side, for calls to other backends: a span per call (a child
/// of whatever the server was doing), the trace context in the request's
/// headers, and the call's duration.
#[derive(Clone)]
pub struct Outgoing<S> {
    inner: S,
}

impl<S> Outgoing<S> {
    pub fn new(inner: S) -> Outgoing<S> {
        Outgoing { inner }
    }
}

impl<S> tower::Service<Request<Body>> for Outgoing<S>
where
    S: tower::Service<Request<Body>, Response = Response<Body>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = Either<S::Future, Measured<S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<Body>) -> Self::Future {
        let traced = super::traces_on();
        let measured = super::metrics_on();
        if !traced && !measured {
            return Either::Left(self.inner.call(request));
        }
        let path = request.uri().path().trim_start_matches('/').to_owned();
        let method = path.rsplit('/').next().unwrap_or_default().to_owned();
        let span = crate::child_span!(
            super::FEDERATION,
            "federation.call",
            otel.name = %path,
            otel.kind = "client",
            otel.status_code = tracing::field::Empty,
            rpc.system = "grpc",
            rpc.method = %method,
            rpc.grpc.status_code = tracing::field::Empty,
        );
        if traced && !span.is_disabled() {
            let context = span.context();
            propagation::inject(&context, request.headers_mut());
        }
        let call =
            Call { span: span.clone(), started: Instant::now(), measure: measured.then_some(Measure::Made(method)) };
        let future = span.in_scope(|| self.inner.call(request));
        Either::Right(Box::pin(observe(future, call).instrument(span)))
    }
}

/// A call under way: ended once, with its status.
struct Call {
    span: tracing::Span,
    started: Instant,
    /// Where its duration goes, when metrics are on.
    measure: Option<Measure>,
}

enum Measure {
    /// A call this server answered: system, service and method.
    Served([KeyValue; 3]),
    /// A call this server made to another backend: the method.
    Made(String),
}

/// `tonic::Code::Cancelled`: the client went away before the trailers.
const CANCELLED: i32 = 1;

impl Call {
    fn end(self, code: i32) {
        self.span.record("rpc.grpc.status_code", code);
        if server_error(code) {
            self.span.record("otel.status_code", "ERROR");
        }
        match self.measure {
            Some(Measure::Served([system, service, method])) => {
                // Not a method of ours: any caller could otherwise make a
                // new series per made-up name (the conventions' `_OTHER`).
                let (service, method) = match code == tonic::Code::Unimplemented as i32 {
                    true => (KeyValue::new("rpc.service", "_OTHER"), KeyValue::new("rpc.method", "_OTHER")),
                    false => (service, method),
                };
                let attributes = [system, service, method, KeyValue::new("rpc.grpc.status_code", i64::from(code))];
                metrics().rpc_duration.record(self.started.elapsed().as_secs_f64(), &attributes);
            }
            Some(Measure::Made(method)) => super::metrics::federation_call(method, code, self.started.elapsed()),
            None => {}
        }
    }
}

/// The codes that are the server's failure, not the caller's (OpenTelemetry's
/// semantic conventions for gRPC server spans).
fn server_error(code: i32) -> bool {
    use tonic::Code;
    [Code::Unknown, Code::DeadlineExceeded, Code::Unimplemented, Code::Internal, Code::Unavailable, Code::DataLoss]
        .iter()
        .any(|c| *c as i32 == code)
}

fn status_of(headers: &HeaderMap) -> Option<i32> {
    headers.get("grpc-status")?.to_str().ok()?.parse().ok()
}

/// The response body, watched for the trailers that carry the status.
struct Observed {
    body: Body,
    call: Option<Call>,
}

impl HttpBody for Observed {
    type Data = bytes::Bytes;
    type Error = tonic::Status;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let polled = Pin::new(&mut self.body).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(code) = frame.trailers_ref().and_then(status_of)
                    && let Some(call) = self.call.take()
                {
                    call.end(code);
                }
            }
            Poll::Ready(Some(Err(_))) => {
                if let Some(call) = self.call.take() {
                    call.end(tonic::Code::Internal as i32);
                }
            }
            Poll::Ready(None) => {
                // Ended without trailers: a gRPC response always has them, so
                // this is not a completed call.
                if let Some(call) = self.call.take() {
                    call.end(tonic::Code::Unknown as i32);
                }
            }
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Observed {
    fn drop(&mut self) {
        if let Some(call) = self.call.take() {
            call.end(CANCELLED);
        }
    }
}
