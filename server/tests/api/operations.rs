//! Health, reflection, gRPC-web and restarts: what an operator and generic
//! tools see.

use crate::helpers::*;
use missive_proto::v1 as pb;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

#[tokio::test]
async fn health_reports_serving_for_the_server_and_each_service() {
    let app = spawn_app().await;
    let mut health = HealthClient::new(app.channel.clone());
    for service in ["", "missive.v1.AccountService", "missive.v1.UserService", "missive.v1.DeviceService"] {
        let status =
            health.check(HealthCheckRequest { service: service.to_owned() }).await.unwrap().into_inner().status();
        assert_eq!(status, ServingStatus::Serving, "{service:?}");
    }
}

#[tokio::test]
async fn reflection_lists_the_missive_services_in_v1_and_v1alpha() {
    let app = spawn_app().await;
    {
        use tonic_reflection::pb::v1::ServerReflectionRequest;
        use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
        use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
        use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;
        let request = ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::ListServices(String::new())),
        };
        let mut stream = ServerReflectionClient::new(app.channel.clone())
            .server_reflection_info(tokio_stream::iter(vec![request]))
            .await
            .unwrap()
            .into_inner();
        let response = stream.message().await.unwrap().unwrap();
        let Some(MessageResponse::ListServicesResponse(list)) = response.message_response else {
            panic!("unexpected reply")
        };
        let names: Vec<_> = list.service.into_iter().map(|s| s.name).collect();
        for expected in
            ["missive.v1.AccountService", "missive.v1.UserService", "missive.v1.DeviceService", "grpc.health.v1.Health"]
        {
            assert!(names.iter().any(|n| n == expected), "{expected} missing from {names:?}");
        }
    }
    {
        use tonic_reflection::pb::v1alpha::ServerReflectionRequest;
        use tonic_reflection::pb::v1alpha::server_reflection_client::ServerReflectionClient;
        use tonic_reflection::pb::v1alpha::server_reflection_request::MessageRequest;
        use tonic_reflection::pb::v1alpha::server_reflection_response::MessageResponse;
        let request = ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::FileContainingSymbol("missive.v1.AccountService".into())),
        };
        let mut stream = ServerReflectionClient::new(app.channel.clone())
            .server_reflection_info(tokio_stream::iter(vec![request]))
            .await
            .unwrap()
            .into_inner();
        let response = stream.message().await.unwrap().unwrap();
        let Some(MessageResponse::FileDescriptorResponse(files)) = response.message_response else {
            panic!("unexpected reply")
        };
        assert!(!files.file_descriptor_proto.is_empty());
    }
}

#[tokio::test]
async fn restart_keeps_users_devices_and_signed_tokens() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let app = app.restart().await;
    // The token signed before the restart still verifies: the key was persisted.
    assert_eq!(app.get_self(alice.token()).await.unwrap().handle, "alice");
    app.device_login(&alice.id(), &alice.key).await.unwrap();
    let refreshed = app
        .accounts()
        .refresh_session(pb::RefreshSessionRequest { refresh_token: alice.session.refresh_token.clone() })
        .await;
    assert!(refreshed.is_ok(), "refresh tokens survive a restart");
}

/// A browser's CORS preflight, then a gRPC-web call over plain HTTP/1.1.
#[tokio::test]
async fn grpc_web_over_http1_answers_with_cors_headers() {
    let app = spawn_app().await;
    let preflight = http1(
        app.addr,
        "OPTIONS /missive.v1.UserService/GetSelf HTTP/1.1\r\nHost: localhost\r\nOrigin: http://chat.example\r\n\
         Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type,x-grpc-web,authorization\r\n\
         Connection: close\r\n\r\n",
        b"",
    )
    .await;
    let lower = preflight.to_ascii_lowercase();
    assert!(lower.contains("access-control-allow-origin: http://chat.example"), "{preflight}");
    assert!(lower.contains("authorization"), "{preflight}");

    // An empty GetSelfRequest in one gRPC-web frame, without a token.
    let call = http1(
        app.addr,
        "POST /missive.v1.UserService/GetSelf HTTP/1.1\r\nHost: localhost\r\nOrigin: http://chat.example\r\n\
         Content-Type: application/grpc-web+proto\r\nX-Grpc-Web: 1\r\nContent-Length: 5\r\nConnection: close\r\n\r\n",
        &[0, 0, 0, 0, 0],
    )
    .await;
    let lower = call.to_ascii_lowercase();
    assert!(lower.starts_with("http/1.1 200"), "{call}");
    assert!(lower.contains("grpc-status: 16"), "unauthenticated expected: {call}");
    assert!(lower.contains("access-control-expose-headers"), "{call}");
}

async fn http1(addr: std::net::SocketAddr, head: &str, body: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut response = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read_to_end(&mut response)).await;
    assert!(read.is_ok(), "no complete HTTP/1.1 response within 10 s");
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test]
async fn ping_echoes_for_an_authenticated_caller_only() {
    use missive_proto::v1::ping_service_client::PingServiceClient;
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let mut ping = PingServiceClient::new(app.channel.clone());
    let pong =
        ping.ping(authed(pb::PingRequest { payload: b"hi".to_vec() }, alice.token())).await.unwrap().into_inner();
    assert_eq!(pong.payload, b"hi");
    assert!(pong.time.is_some());
    assert_status(
        ping.ping(pb::PingRequest { payload: vec![] }).await,
        tonic::Code::Unauthenticated,
        "missing access token",
    );
    let big = ping.ping(authed(pb::PingRequest { payload: vec![0; 2000] }, alice.token())).await;
    assert_status(big, tonic::Code::InvalidArgument, "at most 1024");
}
