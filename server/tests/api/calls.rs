//! Call configuration: ICE servers, and TURN credentials that a real coturn
//! accepts until they expire.

use crate::helpers::*;
use missive_proto::v1 as pb;
use missive_proto::v1::call_service_client::CallServiceClient;
use missive_testkit::turn::TurnServer;
use std::time::Duration;
use tonic::Code;

const SECRET: &str = "a-shared-turn-secret-0001";
const PREVIOUS: &str = "the-previous-turn-secret-9";

async fn call_config(app: &TestApp, account: &Account) -> pb::GetCallConfigResponse {
    CallServiceClient::new(app.channel.clone())
        .get_call_config(authed(pb::GetCallConfigRequest {}, account.token()))
        .await
        .expect("call config")
        .into_inner()
}

fn turn_of(config: &pb::GetCallConfigResponse) -> &pb::IceServer {
    config.ice_servers.iter().find(|server| server.urls.iter().any(|url| url.starts_with("turn:"))).expect("TURN")
}

#[tokio::test]
async fn without_stun_or_turn_the_config_is_empty_and_says_why() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let config = call_config(&app, &alice).await;
    assert!(config.ice_servers.is_empty(), "{config:?}");
    assert!(config.unavailable_reason.contains("no STUN or TURN"), "{config:?}");
    let refused = CallServiceClient::new(app.channel.clone()).get_call_config(pb::GetCallConfigRequest {}).await;
    assert_status(refused, Code::Unauthenticated, "");
}

#[tokio::test]
async fn turn_without_a_secret_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = missive_server::Config::embedded_default();
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.data_dir = dir.path().to_path_buf();
    config.turn_uris = vec!["turn:turn.example:3478".into()];
    let refused = missive_server::App::build(config).await.err().expect("refused");
    assert!(format!("{refused:#}").contains("turn_secret"), "{refused:#}");
}

#[tokio::test]
async fn credentials_from_missive_allocate_a_relay_on_coturn_until_they_expire() {
    if !TurnServer::available() {
        return;
    }
    let turn = TurnServer::start(SECRET).await;
    let stun = format!("stun:127.0.0.1:{}", turn.port);
    let configure = |ttl: u64| {
        let uris = vec![stun.clone(), turn.uri()];
        move |config: &mut missive_server::Config| {
            config.turn_uris = uris;
            config.turn_secret = vec![SECRET.into(), PREVIOUS.into()];
            config.turn_ttl = Duration::from_secs(ttl);
        }
    };
    let app = spawn_app_with(configure(600)).await;
    let alice = app.register("alice").await;
    let config = call_config(&app, &alice).await;
    assert_eq!(config.ice_servers.len(), 2, "{config:?}");
    assert_eq!(config.ice_servers[0].urls, vec![stun.clone()]);
    assert_eq!(config.ttl_secs, 600);
    let turn_server = turn_of(&config);
    let (expiry, user) = turn_server.username.split_once(':').expect("<expiry>:<user id>");
    assert_eq!(user, alice.id().id);
    assert_eq!(expiry.parse::<i64>().unwrap(), config.expires.unwrap().seconds);

    assert!(turn.allocate(&turn_server.username, &turn_server.credential).await, "coturn refused Missive's credential");

    // Tampered: another user's name with alice's password, or a changed password.
    let bob = app.register("bob").await;
    let forged_name = format!("{expiry}:{}", bob.id().id);
    assert!(!turn.allocate(&forged_name, &turn_server.credential).await, "a renamed credential was accepted");
    let mut forged = turn_server.credential.clone().into_bytes();
    forged[0] = if forged[0] == b'A' { b'B' } else { b'A' };
    assert!(!turn.allocate(&turn_server.username, &String::from_utf8(forged).unwrap()).await);

    // Expired: a short-lived credential works, then does not. (The test
    // server's clock stands still from its start, so the credential's
    // validity counts from then: twelve seconds leave room on a busy machine.)
    let short = spawn_app_with(configure(12)).await;
    let carol = short.register("carol").await;
    let config = call_config(&short, &carol).await;
    let turn_server = turn_of(&config);
    assert!(turn.allocate(&turn_server.username, &turn_server.credential).await, "refused while valid");
    let expires = std::time::UNIX_EPOCH + Duration::from_secs(config.expires.unwrap().seconds as u64);
    let wait = expires.duration_since(std::time::SystemTime::now()).unwrap_or_default() + Duration::from_millis(1_100);
    tokio::time::sleep(wait).await;
    assert!(!turn.allocate(&turn_server.username, &turn_server.credential).await, "an expired credential was accepted");
}
