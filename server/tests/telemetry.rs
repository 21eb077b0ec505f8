//! Traces and metrics as an operator's collector receives them: real
//! `missive-server` processes, configured only by the standard OTEL_*
//! variables, export over OTLP/gRPC to a receiver in this test (the
//! collector's own services from `opentelemetry-proto`). Processes, not
//! in-process servers, because the tracing subscriber and the meter
//! provider are global to a process, as they are in production.

use missive_proto::v1 as pb;
use missive_testkit::federation::{DnsServer, TestCa, process_settings};
use missive_testkit::{Account, TestApp, authed, free_port};
use opentelemetry_proto::tonic::collector::metrics::v1::metrics_service_server::{
    MetricsService, MetricsServiceServer,
};
use opentelemetry_proto::tonic::collector::metrics::v1::{ExportMetricsServiceRequest, ExportMetricsServiceResponse};
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{TraceService, TraceServiceServer};
use opentelemetry_proto::tonic::collector::trace::v1::{ExportTraceServiceRequest, ExportTraceServiceResponse};
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue, any_value};
use opentelemetry_proto::tonic::metrics::v1::{Metric, metric, number_data_point};
use opentelemetry_proto::tonic::trace::v1::{Span, span, status};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tonic::{Code, Request, Response, Status};

const BINARY: &str = env!("CARGO_BIN_EXE_missive-server");
/// What a test sends as ciphertext: it must appear in no span.
const SECRET: &str = "SECRET-CIPHERTEXT-never-in-telemetry";

/// A span with the backend (`missive.backend.domain` of its resource) that
/// exported it.
#[derive(Clone)]
struct Exported {
    backend: String,
    span: Span,
}

/// What one backend's last metric export said, by metric name.
#[derive(Clone, Default)]
struct Collected {
    spans: Vec<Exported>,
    /// Each export in arrival order: (backend, metric).
    metrics: Vec<(String, Metric)>,
    /// `service.name` of every export's resource, traces and metrics alike.
    services: Vec<String>,
}

#[derive(Clone, Default)]
struct Receiver(Arc<Mutex<Collected>>);

fn resource_domain(resource: Option<&opentelemetry_proto::tonic::resource::v1::Resource>) -> String {
    resource.and_then(|r| text(&r.attributes, "missive.backend.domain")).unwrap_or_default()
}

fn service_name(resource: Option<&opentelemetry_proto::tonic::resource::v1::Resource>) -> String {
    resource.and_then(|r| text(&r.attributes, "service.name")).unwrap_or_default()
}

#[tonic::async_trait]
impl TraceService for Receiver {
    async fn export(
        &self,
        request: Request<ExportTraceServiceRequest>,
    ) -> Result<Response<ExportTraceServiceResponse>, Status> {
        let mut collected = self.0.lock().unwrap();
        for spans in request.into_inner().resource_spans {
            let backend = resource_domain(spans.resource.as_ref());
            collected.services.push(service_name(spans.resource.as_ref()));
            for scope in spans.scope_spans {
                collected.spans.extend(scope.spans.into_iter().map(|span| Exported { backend: backend.clone(), span }));
            }
        }
        Ok(Response::new(ExportTraceServiceResponse { partial_success: None }))
    }
}

#[tonic::async_trait]
impl MetricsService for Receiver {
    async fn export(
        &self,
        request: Request<ExportMetricsServiceRequest>,
    ) -> Result<Response<ExportMetricsServiceResponse>, Status> {
        let mut collected = self.0.lock().unwrap();
        for metrics in request.into_inner().resource_metrics {
            let backend = resource_domain(metrics.resource.as_ref());
            collected.services.push(service_name(metrics.resource.as_ref()));
            for scope in metrics.scope_metrics {
                collected.metrics.extend(scope.metrics.into_iter().map(|metric| (backend.clone(), metric)));
            }
        }
        Ok(Response::new(ExportMetricsServiceResponse { partial_success: None }))
    }
}

impl Receiver {
    async fn start() -> (Receiver, SocketAddr) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let receiver = Receiver::default();
        let server = tonic::transport::Server::builder()
            .add_service(TraceServiceServer::new(receiver.clone()))
            .add_service(MetricsServiceServer::new(receiver.clone()))
            .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener));
        tokio::spawn(server);
        (receiver, addr)
    }

    fn collected(&self) -> Collected {
        self.0.lock().unwrap().clone()
    }
}

/// A `missive-server` process on the embedded default.
struct Server {
    child: Child,
    addr: SocketAddr,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(domain: &str, otlp: SocketAddr, more: &[(&str, String)]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let log = dir.path().join("stdout.log");
        let mut command = Command::new(BINARY);
        command
            .env_remove("DATABASE_URL")
            .env_remove("REDIS_URL")
            .env_remove("MISSIVE_CONFIG")
            .env_remove("RUST_LOG")
            .env("MISSIVE_LISTEN", addr.to_string())
            .env("MISSIVE_DATA_DIR", dir.path().join("data"))
            .env("MISSIVE_DOMAIN", domain)
            .env("MISSIVE_LOG_FORMAT", "json")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", format!("http://{otlp}"))
            .env("OTEL_TRACES_SAMPLER", "always_on")
            .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
            .env("OTEL_BSP_SCHEDULE_DELAY", "100")
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(Stdio::inherit());
        for (name, value) in more {
            command.env(name, value);
        }
        let child = command.spawn().expect("missive-server starts");
        Server { child, addr, log, _dir: dir }
    }

    async fn client(&self) -> TestApp {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if tokio::net::TcpStream::connect(self.addr).await.is_ok() {
                return TestApp::client_of(self.addr).await;
            }
            assert!(Instant::now() < deadline, "the server never listened; its log: {}", self.log_text());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGTERM, as an orchestrator stops it: the last spans and metric
    /// points are flushed on the way out. Returns its log.
    async fn stop(mut self) -> String {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(exit) = self.child.try_wait().unwrap() {
                assert!(exit.success(), "exit {exit:?}; log: {}", self.log_text());
                return self.log_text();
            }
            assert!(Instant::now() < deadline, "no exit 30 s after SIGTERM");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn value(attributes: &[KeyValue], key: &str) -> Option<any_value::Value> {
    attributes.iter().find(|kv| kv.key == key).and_then(|kv| kv.value.clone()).and_then(|v| v.value)
}

fn text(attributes: &[KeyValue], key: &str) -> Option<String> {
    match value(attributes, key) {
        Some(any_value::Value::StringValue(text)) => Some(text),
        _ => None,
    }
}

fn int(attributes: &[KeyValue], key: &str) -> Option<i64> {
    match value(attributes, key) {
        Some(any_value::Value::IntValue(n)) => Some(n),
        _ => None,
    }
}

fn shown(value: &Option<AnyValue>) -> String {
    format!("{value:?}")
}

fn named<'a>(spans: &'a [Exported], backend: &str, name: &str) -> Vec<&'a Span> {
    spans.iter().filter(|e| e.backend == backend && e.span.name == name).map(|e| &e.span).collect()
}

fn children<'a>(spans: &'a [Exported], parent: &Span, name: &str) -> Vec<&'a Span> {
    spans.iter().map(|e| &e.span).filter(|s| s.name == name && s.parent_span_id == parent.span_id).collect()
}

/// Every attribute key and value, of spans, their events and links, and
/// every span name: where a leak would show.
fn everything_said(spans: &[Exported]) -> String {
    let mut said = String::new();
    for Exported { span, .. } in spans {
        said.push_str(&span.name);
        let attributes = span
            .attributes
            .iter()
            .chain(span.events.iter().flat_map(|e| e.attributes.iter()))
            .chain(span.links.iter().flat_map(|l| l.attributes.iter()));
        for kv in attributes {
            said.push_str(&format!(" {}={}", kv.key, shown(&kv.value)));
        }
        for event in &span.events {
            said.push_str(&event.name);
        }
        said.push('\n');
    }
    said
}

/// The latest cumulative value of a counter on `backend` (0 when never
/// exported: nothing counted).
fn counter(metrics: &[(String, Metric)], backend: &str, name: &str) -> i64 {
    let latest = metrics.iter().rev().find(|(b, m)| b == backend && m.name == name);
    match latest.and_then(|(_, m)| m.data.clone()) {
        Some(metric::Data::Sum(sum)) => sum
            .data_points
            .iter()
            .map(|p| match p.value {
                Some(number_data_point::Value::AsInt(n)) => n,
                Some(number_data_point::Value::AsDouble(x)) => x as i64,
                None => 0,
            })
            .sum(),
        None => 0,
        other => panic!("{name} is not a sum: {other:?}"),
    }
}

/// The latest histogram count of `name` on `backend` whose point has all of
/// `labels` (text or integer attributes).
fn histogram_count(metrics: &[(String, Metric)], backend: &str, name: &str, labels: &[(&str, &str)]) -> u64 {
    let latest = metrics.iter().rev().find(|(b, m)| b == backend && m.name == name);
    match latest.and_then(|(_, m)| m.data.clone()) {
        Some(metric::Data::Histogram(histogram)) => histogram
            .data_points
            .iter()
            .filter(|p| {
                labels.iter().all(|(key, want)| {
                    text(&p.attributes, key).as_deref() == Some(*want)
                        || int(&p.attributes, key).map(|n| n.to_string()).as_deref() == Some(*want)
                })
            })
            .map(|p| p.count)
            .sum(),
        None => 0,
        other => panic!("{name} is not a histogram: {other:?}"),
    }
}

fn gauge_seen(metrics: &[(String, Metric)], backend: &str, name: &str) -> bool {
    metrics.iter().any(|(b, m)| {
        b == backend && m.name == name && matches!(&m.data, Some(metric::Data::Gauge(g)) if !g.data_points.is_empty())
    })
}

fn message_to(conversation: &pb::QualifiedId, id: &str, to: &[&Account]) -> pb::SendMessageRequest {
    let mut request = missive_testkit::message(conversation, id, to);
    for user in &mut request.recipients {
        for device in &mut user.devices {
            device.ciphertext = SECRET.as_bytes().to_vec();
        }
    }
    request
}

async fn wait_for<T>(what: &str, mut probe: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(found) = probe().await {
            return found;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_conversation_is_traced_and_counted_without_what_users_said() {
    const DOMAIN: &str = "otel.example";
    let (receiver, otlp) = Receiver::start().await;
    let server = Server::start(DOMAIN, otlp, &[]);
    let app = server.client().await;
    let alice = app.register("tracedalice").await;
    let bob = app.register("tracedbob").await;
    let conversation = app.connect(&alice, &bob).await;
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();

    const MESSAGES: usize = 3;
    for n in 0..MESSAGES {
        app.send_request(&alice, message_to(&conversation, &format!("m{n}"), &[&bob])).await.expect("sent");
    }
    let mut last = 0;
    for _ in 0..MESSAGES {
        let (cursor, added) = bob_events.next_message().await;
        assert_eq!(added.sender, Some(alice.id()));
        last = cursor;
    }
    app.events().ack(authed(pb::AckRequest { up_to: last }, bob.token())).await.expect("ack");
    // A caller's mistake and a missing credential: answered, traced, counted.
    let empty_id = app.send_request(&alice, message_to(&conversation, "", &[&bob])).await;
    assert_eq!(empty_id.unwrap_err().code(), Code::InvalidArgument);
    let stranger = app.users().get_self(authed(pb::GetSelfRequest {}, "not-a-token")).await;
    assert_eq!(stranger.unwrap_err().code(), Code::Unauthenticated);
    drop(bob_events);
    drop(app);
    let log = server.stop().await;

    let collected = receiver.collected();
    let spans = &collected.spans;
    let sends = named(spans, DOMAIN, "missive.v1.MessageService/SendMessage");
    assert_eq!(sends.len(), MESSAGES + 1, "a span per call");
    let ok: Vec<_> = sends.iter().filter(|s| int(&s.attributes, "rpc.grpc.status_code") == Some(0)).collect();
    assert_eq!(ok.len(), MESSAGES);
    for send in &ok {
        assert_eq!(send.kind, span::SpanKind::Server as i32);
        assert_eq!(send.parent_span_id, Vec::<u8>::new(), "a client's call starts a trace");
        assert_eq!(text(&send.attributes, "rpc.system").as_deref(), Some("grpc"));
        assert_eq!(text(&send.attributes, "rpc.service").as_deref(), Some("missive.v1.MessageService"));
        assert_eq!(text(&send.attributes, "rpc.method").as_deref(), Some("SendMessage"));
        assert_eq!(text(&send.attributes, "missive.caller.domain").as_deref(), Some(DOMAIN));
        assert_ne!(send.status.as_ref().map(|s| s.code), Some(status::StatusCode::Error as i32));
        // Storage and the bus, as children of the call.
        let batch = children(spans, send, "send.group_commit");
        assert_eq!(batch.len(), 1, "the group commit continues the send's trace");
        assert_eq!(batch[0].trace_id, send.trace_id);
        // On the embedded default a batch is one call on SQLite's writer
        // connection, begin to commit.
        assert_eq!(children(spans, batch[0], "db.write").len(), 1);
        assert!(children(spans, batch[0], "db.commit").is_empty(), "no transaction through the pool");
        assert_eq!(children(spans, batch[0], "bus.publish").len(), 1);
        assert!(send.end_time_unix_nano >= batch[0].end_time_unix_nano, "the call ends after its storage");
    }
    let refused =
        sends.iter().find(|s| int(&s.attributes, "rpc.grpc.status_code") == Some(3)).expect("INVALID_ARGUMENT");
    assert_ne!(
        refused.status.as_ref().map(|s| s.code),
        Some(status::StatusCode::Error as i32),
        "a caller's mistake is not the server's error"
    );
    let unauthenticated = named(spans, DOMAIN, "missive.v1.UserService/GetSelf");
    assert_eq!(unauthenticated.len(), 1);
    assert_eq!(int(&unauthenticated[0].attributes, "rpc.grpc.status_code"), Some(16));
    assert_eq!(text(&unauthenticated[0].attributes, "missive.caller.domain"), None, "no caller was authenticated");
    let subscribe = named(spans, DOMAIN, "missive.v1.EventService/Subscribe");
    assert_eq!(subscribe.len(), 1, "the stream's span ends with the stream");
    // The client went away (CANCELLED), or the shutdown ended it first (UNAVAILABLE).
    let ended = int(&subscribe[0].attributes, "rpc.grpc.status_code");
    assert!(matches!(ended, Some(1 | 14)), "{ended:?}");

    let said = everything_said(spans);
    for secret in
        [SECRET, alice.token(), bob.token(), "tracedalice", "tracedbob", missive_testkit::PASSWORD, "not-a-token"]
    {
        assert!(!said.contains(secret), "a span tells {secret:?}:\n{said}");
    }
    assert!(!said.to_ascii_lowercase().contains("authorization"), "{said}");

    assert!(collected.services.iter().all(|name| name == "missive-server"), "{:?}", collected.services);
    let metrics = &collected.metrics;
    assert_eq!(counter(metrics, DOMAIN, "missive.messages.accepted"), MESSAGES as i64);
    assert_eq!(counter(metrics, DOMAIN, "missive.messages.delivered"), MESSAGES as i64);
    assert_eq!(histogram_count(metrics, DOMAIN, "missive.message.delivery.duration", &[]), MESSAGES as u64);
    let sent_ok = [("rpc.method", "SendMessage"), ("rpc.grpc.status_code", "0")];
    assert_eq!(histogram_count(metrics, DOMAIN, "rpc.server.call.duration", &sent_ok), MESSAGES as u64);
    let sent_bad = [("rpc.method", "SendMessage"), ("rpc.grpc.status_code", "3")];
    assert_eq!(histogram_count(metrics, DOMAIN, "rpc.server.call.duration", &sent_bad), 1);
    assert_eq!(counter(metrics, DOMAIN, "missive.events.acked"), last as i64, "bob acknowledged his whole queue");
    assert!(counter(metrics, DOMAIN, "missive.events.stored") >= MESSAGES as i64);
    assert_eq!(counter(metrics, DOMAIN, "missive.rate_limit.refusals"), 0);
    for gauge in ["missive.streams.open", "db.client.connection.count", "db.client.connection.max"] {
        assert!(gauge_seen(metrics, DOMAIN, gauge), "{gauge} exported");
    }

    // JSON logs, one object a line; inside a call, the call's trace id.
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("not JSON ({err}): {line}")))
        .collect();
    let registered: Vec<_> = lines.iter().filter(|line| line["message"] == "registered").collect();
    assert_eq!(registered.len(), 2, "{log}");
    let register_traces: Vec<String> = named(spans, DOMAIN, "missive.v1.AccountService/Register")
        .iter()
        .map(|s| s.trace_id.iter().map(|b| format!("{b:02x}")).collect())
        .collect();
    for line in registered {
        let trace_id = line["span"]["trace_id"].as_str().unwrap_or_else(|| panic!("no trace id: {line}"));
        assert!(register_traces.iter().any(|t| t == trace_id), "{trace_id} is no Register trace: {register_traces:?}");
    }
}

#[tokio::test]
async fn a_message_across_two_backends_is_one_trace() {
    const A: &str = "a.example";
    const B: &str = "b.example";
    let (receiver, otlp) = Receiver::start().await;
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let certs = tempfile::tempdir().unwrap();
    let ca_file = ca.write(certs.path());
    let federated =
        |domain: &str| Server::start(domain, otlp, &process_settings(&ca, &ca_file, &dns, certs.path(), domain));
    let (server_a, server_b) = (federated(A), federated(B));
    let (a, b) = (server_a.client().await, server_b.client().await);
    let alice = a.register("alice").await;
    let bob = b.register("bob").await;
    a.connections()
        .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(bob.id()) }, alice.token()))
        .await
        .expect("request across");
    wait_for("the request on b", async || {
        let accepted = b
            .connections()
            .update_connection(authed(
                pb::UpdateConnectionRequest { user: Some(alice.id()), status: pb::ConnectionStatus::Accepted as i32 },
                bob.token(),
            ))
            .await;
        accepted.ok()
    })
    .await;
    // Once a has seen the acceptance.
    let group = wait_for("a group with bob", async || {
        let created = a
            .conversations()
            .create_conversation(authed(
                pb::CreateConversationRequest { name: "group".into(), members: vec![bob.id()], ..Default::default() },
                alice.token(),
            ))
            .await;
        created.ok().and_then(|r| r.into_inner().conversation).and_then(|c| c.id)
    })
    .await;
    wait_for("the group on b", async || {
        b.conversations()
            .get_conversation(authed(pb::GetConversationRequest { id: Some(group.clone()) }, bob.token()))
            .await
            .ok()
    })
    .await;
    let mut bob_events = b.subscribe(&bob, None).await.unwrap();
    let mut alice_events = a.subscribe(&alice, None).await.unwrap();

    // Owner to remote member: stored on a, handed to b by a's outbox.
    a.send_request(&alice, message_to(&group, "from-a", &[&bob])).await.expect("send on a");
    assert_eq!(bob_events.next_message().await.1.message_id, "from-a");
    // Remote member to owner: b asks a, which decides and stores.
    b.send_request(&bob, message_to(&group, "from-b", &[&alice])).await.expect("send on b");
    assert_eq!(alice_events.next_message().await.1.message_id, "from-b");
    drop((bob_events, alice_events, a, b));
    server_b.stop().await;
    server_a.stop().await;

    let collected = receiver.collected();
    let spans = &collected.spans;
    let in_trace = |trace: &[u8], backend: &str, name: &str| -> Vec<Span> {
        spans
            .iter()
            .filter(|e| e.backend == backend && e.span.name == name && e.span.trace_id == trace)
            .map(|e| e.span.clone())
            .collect()
    };

    // a's send; its outbox delivery to b, however late, in the same trace.
    let sends_a = named(spans, A, "missive.v1.MessageService/SendMessage");
    assert_eq!(sends_a.len(), 1);
    let trace = sends_a[0].trace_id.clone();
    let delivery = in_trace(&trace, A, "federation.outbox.deliver");
    assert_eq!(delivery.len(), 1, "the outbox delivery joins the send's trace");
    // Client and server spans of a call share its name, as the conventions have it.
    let call = children(spans, &delivery[0], "missive.federation.v1.FederationService/OnMessageSent");
    assert_eq!(call.len(), 1);
    assert_eq!(call[0].kind, span::SpanKind::Client as i32);
    let received = in_trace(&trace, B, "missive.federation.v1.FederationService/OnMessageSent");
    assert_eq!(received.len(), 1, "b's side of the call is in a's trace");
    assert_eq!(received[0].parent_span_id, call[0].span_id, "b's span is the child of a's call");
    assert_eq!(text(&received[0].attributes, "missive.caller.domain").as_deref(), Some(A));
    assert!(!in_trace(&trace, B, "db.commit").is_empty(), "b's storage too");

    // b's send, forwarded at once to a, the owner.
    let sends_b = named(spans, B, "missive.v1.MessageService/SendMessage");
    assert_eq!(sends_b.len(), 1);
    let trace = sends_b[0].trace_id.clone();
    let forwarded = in_trace(&trace, B, "missive.federation.v1.FederationService/SendMessage");
    assert!(!forwarded.is_empty());
    assert!(forwarded.iter().all(|c| c.kind == span::SpanKind::Client as i32));
    let decided = in_trace(&trace, A, "missive.federation.v1.FederationService/SendMessage");
    assert_eq!(decided.len(), 1, "a decides within b's trace");
    assert!(forwarded.iter().any(|c| c.span_id == decided[0].parent_span_id));
    assert_eq!(text(&decided[0].attributes, "missive.caller.domain").as_deref(), Some(B));

    // Counted once, on the owner.
    let metrics = &collected.metrics;
    assert_eq!(counter(metrics, A, "missive.messages.accepted"), 2);
    assert_eq!(counter(metrics, B, "missive.messages.accepted"), 0);
    assert!(histogram_count(metrics, A, "rpc.client.call.duration", &[("rpc.method", "OnMessageSent")]) >= 1);
    let said = everything_said(spans);
    assert!(!said.contains(SECRET), "{said}");
}

#[tokio::test]
async fn a_call_not_sampled_makes_no_span_and_is_still_counted() {
    const DOMAIN: &str = "quiet.example";
    let (receiver, otlp) = Receiver::start().await;
    let server = Server::start(
        DOMAIN,
        otlp,
        &[
            ("OTEL_TRACES_SAMPLER", "always_off".to_owned()),
            ("OTEL_SERVICE_NAME", "missive-quiet".to_owned()),
            ("MISSIVE_SEARCHES_PER_USER_PER_MINUTE", "1".to_owned()),
        ],
    );
    let app = server.client().await;
    let alice = app.register("quietalice").await;
    let bob = app.register("quietbob").await;
    let conversation = app.connect(&alice, &bob).await;
    app.send_request(&alice, message_to(&conversation, "m", &[&bob])).await.expect("sent");
    // One search a minute: the second is refused, and counted by limit.
    missive_testkit::within_one_rate_window().await;
    for expected in [Code::Ok, Code::ResourceExhausted] {
        let search = pb::SearchUsersRequest { query: "quiet".into(), ..Default::default() };
        let answered = app.users().search_users(authed(search, alice.token())).await;
        assert_eq!(answered.err().map_or(Code::Ok, |status| status.code()), expected);
    }
    // A made-up method: one `_OTHER` series, not one per name a caller invents.
    for name in ["/missive.v1.Nope/MadeUp", "/made.up/Other"] {
        let mut grpc = tonic::client::Grpc::new(app.channel.clone());
        grpc.ready().await.unwrap();
        let codec = tonic_prost::ProstCodec::<pb::GetSelfRequest, pb::GetSelfResponse>::default();
        let path = http::uri::PathAndQuery::from_static(name);
        let answered = grpc.unary(authed(pb::GetSelfRequest {}, alice.token()), path, codec).await;
        assert_eq!(answered.unwrap_err().code(), Code::Unimplemented);
    }
    drop(app);
    let log = server.stop().await;

    let collected = receiver.collected();
    let names: Vec<&str> = collected.spans.iter().map(|e| e.span.name.as_str()).collect();
    assert!(names.is_empty(), "nothing sampled, nothing made: {names:?}");
    assert!(!collected.services.is_empty());
    assert!(collected.services.iter().all(|name| name == "missive-quiet"), "{:?}", collected.services);
    assert_eq!(counter(&collected.metrics, DOMAIN, "missive.messages.accepted"), 1);
    let sent = [("rpc.method", "SendMessage"), ("rpc.grpc.status_code", "0")];
    assert_eq!(histogram_count(&collected.metrics, DOMAIN, "rpc.server.call.duration", &sent), 1);
    assert_eq!(counter(&collected.metrics, DOMAIN, "missive.rate_limit.refusals"), 1);
    let refused = collected.metrics.iter().rev().find(|(_, m)| m.name == "missive.rate_limit.refusals");
    let Some(metric::Data::Sum(refused)) = refused.and_then(|(_, m)| m.data.clone()) else { panic!("no refusals") };
    assert_eq!(text(&refused.data_points[0].attributes, "missive.limit").as_deref(), Some("search"));
    let other = [("rpc.service", "_OTHER"), ("rpc.method", "_OTHER"), ("rpc.grpc.status_code", "12")];
    assert_eq!(histogram_count(&collected.metrics, DOMAIN, "rpc.server.call.duration", &other), 2);
    let named = [("rpc.method", "MadeUp")];
    assert_eq!(histogram_count(&collected.metrics, DOMAIN, "rpc.server.call.duration", &named), 0);
    assert!(log.lines().all(|line| !line.contains("trace_id")), "no trace, no trace id: {log}");
}
