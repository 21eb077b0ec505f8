//! Volume limits per device and per user: past the quota a call is refused
//! with RESOURCE_EXHAUSTED and a google.rpc.RetryInfo, and other devices and
//! users keep theirs. On the production backend the counters live in Redis.

use crate::helpers::*;
use missive_proto::v1 as pb;
use tonic::{Code, Status};
use tonic_types::StatusExt;

#[track_caller]
fn assert_limited<T: std::fmt::Debug>(result: Result<T, Status>, needle: &str) {
    let status = result.expect_err("past the quota");
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains(needle), "{}", status.message());
    let retry = status.get_details_retry_info().expect("a RetryInfo detail");
    let delay = retry.retry_delay.expect("a delay");
    assert!(delay > std::time::Duration::ZERO && delay <= std::time::Duration::from_secs(60), "{delay:?}");
}

async fn limited_app() -> TestApp {
    spawn_app_with(|config| {
        config.sends_per_device_per_minute = 2;
        config.claims_per_user_per_minute = 2;
        config.searches_per_user_per_minute = 2;
        config.connection_requests_per_user_per_minute = 2;
        config.subscriptions_per_device_per_minute = 2;
    })
    .await
}

#[tokio::test]
async fn sends_are_limited_per_device() {
    let app = limited_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let conversation = app.connect(&alice, &bob).await;
    let phone = app.second_device(&alice).await;
    // A minute boundary could reset the window once; three tries cover it.
    let mut results = Vec::new();
    for n in 0..5 {
        results.push(app.send(&alice, &conversation, &format!("m{n}"), &[&bob, &phone]).await);
    }
    assert!(results.iter().filter(|r| r.is_ok()).count() <= 4, "{results:?}");
    assert_limited(results.into_iter().find(|r| r.is_err()).expect("one refused"), "too many messages");
    // The same account's other device has its own quota.
    app.send(&phone, &conversation, "from the phone", &[&bob, &alice]).await.expect("another device");
}

#[tokio::test]
async fn claims_searches_connection_requests_and_subscriptions_are_limited() {
    let app = limited_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let token = alice.token();
    let mut claims = Vec::new();
    let mut searches = Vec::new();
    let mut requests = Vec::new();
    let mut subscriptions = Vec::new();
    for n in 0..5 {
        claims.push(
            app.keys().claim_prekey_bundle(authed(pb::ClaimPrekeyBundleRequest { user: Some(bob.id()) }, token)).await,
        );
        searches.push(
            app.users()
                .search_users(authed(pb::SearchUsersRequest { query: "bo".into(), ..Default::default() }, token))
                .await,
        );
        let stranger = app.register(&format!("stranger{n}")).await;
        requests.push(
            app.connections()
                .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(stranger.id()) }, token))
                .await,
        );
        subscriptions.push(app.subscribe(&alice, None).await.map(|_| ()));
    }
    assert_limited(claims.into_iter().find(|r| r.is_err()).expect("a claim refused"), "too many key claims");
    assert_limited(searches.into_iter().find(|r| r.is_err()).expect("a search refused"), "too many searches");
    assert_limited(requests.into_iter().find(|r| r.is_err()).expect("a request refused"), "too many connection requests");
    assert_limited(
        subscriptions.into_iter().find(|r| r.is_err()).expect("a subscription refused"),
        "too many subscriptions",
    );
    // Bob's quotas are his own.
    app.keys()
        .claim_prekey_bundle(authed(pb::ClaimPrekeyBundleRequest { user: Some(alice.id()) }, bob.token()))
        .await
        .expect("bob claims");
}

/// A connection may hold only so many calls at once (each device already
/// holds at most one stream: a new Subscribe replaces the old one).
#[tokio::test]
async fn a_connection_holds_a_bounded_number_of_streams() {
    let app = spawn_app_with(|config| config.max_streams_per_connection = 2).await;
    let accounts = [app.register("alice").await, app.register("bob").await, app.register("carol").await];
    let first = app.subscribe(&accounts[0], None).await.unwrap();
    let second = app.subscribe(&accounts[1], None).await.unwrap();
    let third = tokio::time::timeout(std::time::Duration::from_millis(500), app.subscribe(&accounts[2], None)).await;
    assert!(third.is_err(), "a third stream on one connection started while two were open");
    drop(first);
    let third = tokio::time::timeout(WAIT, app.subscribe(&accounts[2], None)).await;
    assert!(third.expect("starts once a stream closes").is_ok());
    drop(second);
}
