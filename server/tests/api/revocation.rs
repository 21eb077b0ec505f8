//! A removed device, a logout or a reused refresh token cuts the session's
//! access tokens off at once, not when they expire.

use crate::helpers::*;
use missive_proto::v1 as pb;
use tonic::{Code, Status};

fn ok<T>(result: Result<tonic::Response<T>, Status>) -> Result<(), Status> {
    result.map(|_| ())
}

/// One call of each kind a device makes, with `account`'s token.
async fn calls(app: &TestApp, account: &Account) -> Vec<(&'static str, Result<(), Status>)> {
    let token = account.token();
    let own = account.id();
    let prekeys = vec![pb::Prekey { id: 1, key: b"prekey".to_vec() }];
    vec![
        ("GetSelf", app.get_self(token).await.map(|_| ())),
        ("GetPrekeyCount", ok(app.keys().get_prekey_count(authed(pb::GetPrekeyCountRequest {}, token)).await)),
        (
            "ListConversations",
            ok(app.conversations().list_conversations(authed(pb::ListConversationsRequest::default(), token)).await),
        ),
        (
            "SetTyping",
            ok(app
                .conversations()
                .set_typing(authed(
                    pb::SetTypingRequest { id: Some(own.clone()), status: pb::TypingStatus::Started as i32 },
                    token,
                ))
                .await),
        ),
        (
            "UploadPrekeys",
            ok(app.keys().upload_prekeys(authed(pb::UploadPrekeysRequest { prekeys, last_resort: None }, token)).await),
        ),
        (
            "UploadKeyPackages",
            ok(app
                .keys()
                .upload_key_packages(authed(pb::UploadKeyPackagesRequest { key_packages: vec![b"kp".to_vec()] }, token))
                .await),
        ),
        ("SendMessage", app.send(account, &own, "after-removal", &[]).await.map(|_| ())),
    ]
}

fn assert_all_revoked(results: Vec<(&'static str, Result<(), Status>)>) {
    for (call, result) in results {
        let status = result.expect_err(call);
        assert_eq!(status.code(), Code::Unauthenticated, "{call}: {}", status.message());
        assert!(status.message().contains("revoked"), "{call}: {}", status.message());
    }
}

#[tokio::test]
async fn a_removed_device_is_refused_everywhere_at_once_and_after_a_restart() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let phone = app.second_device(&alice).await;
    // Before: the device works (and the server now remembers its token as
    // verified, which must not outlive the revocation).
    app.get_self(phone.token()).await.unwrap();
    app.devices()
        .remove_device(authed(
            pb::RemoveDeviceRequest { device_id: phone.device_id(), password: PASSWORD.into() },
            alice.token(),
        ))
        .await
        .unwrap();
    assert_all_revoked(calls(&app, &phone).await);
    // The owner's remaining device is untouched.
    app.get_self(alice.token()).await.unwrap();

    let app = app.restart().await;
    assert_status(app.get_self(phone.token()).await, Code::Unauthenticated, "revoked");
    app.get_self(alice.token()).await.unwrap();
}

#[tokio::test]
async fn logging_out_refuses_that_sessions_access_token_at_once() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let phone = app.second_device(&alice).await;
    app.accounts()
        .logout(authed(pb::LogoutRequest { refresh_token: phone.session.refresh_token.clone() }, phone.token()))
        .await
        .unwrap();
    assert_status(app.get_self(phone.token()).await, Code::Unauthenticated, "revoked");
    app.get_self(alice.token()).await.unwrap();
}

#[tokio::test]
async fn reusing_a_refresh_token_refuses_the_whole_sessions_access_tokens() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let first = alice.session.refresh_token.clone();
    let renewed = app
        .accounts()
        .refresh_session(pb::RefreshSessionRequest { refresh_token: first.clone() })
        .await
        .unwrap()
        .into_inner()
        .session
        .unwrap();
    app.get_self(&renewed.access_token).await.unwrap();
    // A thief replays the spent token: the session ends for everyone holding it.
    let replay = app.accounts().refresh_session(pb::RefreshSessionRequest { refresh_token: first }).await;
    assert_status(replay, Code::Unauthenticated, "already used");
    assert_status(app.get_self(&renewed.access_token).await, Code::Unauthenticated, "revoked");
    assert_status(app.get_self(alice.token()).await, Code::Unauthenticated, "revoked");
}
