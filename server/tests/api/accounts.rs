//! Registration, logins, sessions and their bad cases.

use crate::helpers::*;
use missive_proto::v1 as pb;
use std::time::Duration;
use tonic::Code;

#[tokio::test]
async fn register_then_get_self_returns_the_profile() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    assert_eq!(alice.id().domain, DOMAIN);
    assert_eq!(alice.device.id, alice.key.device_id(), "device id derives from the identity key");
    assert!(!alice.session.refresh_token.is_empty());

    let me = app.get_self(alice.token()).await.unwrap();
    assert_eq!(me.handle, "alice");
    assert_eq!(me.display_name, "alice display");
    assert_eq!(me.id, alice.user.id);
}

#[tokio::test]
async fn password_login_adds_a_second_device() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let (login, second_key) = app.login("alice", PASSWORD).await.unwrap();
    assert_eq!(login.user.unwrap().id, alice.user.id);
    assert_eq!(login.device.unwrap().id, second_key.device_id());

    let token = login.session.unwrap().access_token;
    let devices = app
        .devices()
        .list_devices(authed(pb::ListDevicesRequest { user: None }, &token))
        .await
        .unwrap()
        .into_inner()
        .devices;
    let ids: Vec<_> = devices.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&alice.key.device_id()) && ids.contains(&second_key.device_id()));
}

#[tokio::test]
async fn device_challenge_login_returns_a_working_session() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let session = app.device_login(&alice.id(), &alice.key).await.unwrap();
    let me = app.get_self(&session.access_token).await.unwrap();
    assert_eq!(me.handle, "alice");
}

#[tokio::test]
async fn refresh_rotates_the_refresh_token() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let first = alice.session.refresh_token.clone();
    let renewed = refresh(&app, &first).await.unwrap();
    assert_ne!(renewed.refresh_token, first, "the refresh token rotates");
    app.get_self(&renewed.access_token).await.unwrap();
    let again = refresh(&app, &renewed.refresh_token).await.unwrap();
    assert_ne!(again.refresh_token, renewed.refresh_token);
}

#[tokio::test]
async fn reusing_a_spent_refresh_token_revokes_the_whole_family() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let spent = alice.session.refresh_token.clone();
    let current = refresh(&app, &spent).await.unwrap();

    assert_status(refresh(&app, &spent).await, Code::Unauthenticated, "already used");
    // The legitimate holder of the newest token is logged out too: the family is gone.
    assert_status(refresh(&app, &current.refresh_token).await, Code::Unauthenticated, "revoked");
}

#[tokio::test]
async fn logout_revokes_the_session() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    app.accounts()
        .logout(authed(pb::LogoutRequest { refresh_token: alice.session.refresh_token.clone() }, alice.token()))
        .await
        .unwrap();
    assert_status(refresh(&app, &alice.session.refresh_token).await, Code::Unauthenticated, "revoked");
}

#[tokio::test]
async fn logout_needs_an_access_token() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let result = app.accounts().logout(pb::LogoutRequest { refresh_token: alice.session.refresh_token }).await;
    assert_status(result, Code::Unauthenticated, "missing access token");
}

#[tokio::test]
async fn logout_of_another_devices_session_is_denied() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let (other, _) = app.login("alice", PASSWORD).await.unwrap();
    let result = app
        .accounts()
        .logout(authed(pb::LogoutRequest { refresh_token: other.session.unwrap().refresh_token }, alice.token()))
        .await;
    assert_status(result, Code::PermissionDenied, "another device");
}

#[tokio::test]
async fn register_with_an_invalid_handle_is_invalid_argument() {
    let app = spawn_app().await;
    for handle in ["A", "Alice", "al ice", "admin", ""] {
        let result = app
            .accounts()
            .register(pb::RegisterRequest {
                handle: handle.to_owned(),
                password: PASSWORD.to_owned(),
                display_name: "Alice".to_owned(),
                device: Some(DeviceKey::generate().new_device("phone")),
            })
            .await;
        assert_status(result, Code::InvalidArgument, "invalid handle");
    }
}

#[tokio::test]
async fn register_with_a_taken_handle_is_already_exists() {
    let app = spawn_app().await;
    app.register("alice").await;
    let result = app
        .accounts()
        .register(pb::RegisterRequest {
            handle: "alice".to_owned(),
            password: PASSWORD.to_owned(),
            display_name: "Other Alice".to_owned(),
            device: Some(DeviceKey::generate().new_device("phone")),
        })
        .await;
    assert_status(result, Code::AlreadyExists, "already taken");
}

#[tokio::test]
async fn register_with_a_short_password_is_invalid_argument() {
    let app = spawn_app().await;
    let result = app
        .accounts()
        .register(pb::RegisterRequest {
            handle: "alice".to_owned(),
            password: "short".to_owned(),
            display_name: "Alice".to_owned(),
            device: Some(DeviceKey::generate().new_device("phone")),
        })
        .await;
    assert_status(result, Code::InvalidArgument, "password too short");
}

#[tokio::test]
async fn register_without_a_valid_device_key_is_invalid_argument() {
    let app = spawn_app().await;
    let base = pb::RegisterRequest {
        handle: "alice".to_owned(),
        password: PASSWORD.to_owned(),
        display_name: "Alice".to_owned(),
        device: None,
    };
    assert_status(app.accounts().register(base.clone()).await, Code::InvalidArgument, "device is required");
    let short_key = pb::RegisterRequest {
        device: Some(pb::NewDevice { identity_key: vec![1; 31], label: "x".into(), device_class: 1 }),
        ..base
    };
    assert_status(app.accounts().register(short_key).await, Code::InvalidArgument, "32-byte Ed25519");
}

#[tokio::test]
async fn login_with_a_wrong_password_is_unauthenticated() {
    let app = spawn_app().await;
    app.register("alice").await;
    assert_status(app.login("alice", "not the password").await, Code::Unauthenticated, "wrong handle or password");
    // An unknown handle answers the same, so handles cannot be probed this way.
    assert_status(app.login("nobody", PASSWORD).await, Code::Unauthenticated, "wrong handle or password");
}

#[tokio::test]
async fn device_auth_for_an_unknown_device_is_not_found() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let stranger = DeviceKey::generate();
    assert_status(app.begin_device_auth(&alice.id(), &stranger).await, Code::NotFound, "unknown device");
}

#[tokio::test]
async fn device_auth_with_a_bad_signature_is_unauthenticated() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let challenge = app.begin_device_auth(&alice.id(), &alice.key).await.unwrap();
    // Signed by a different key than the device's identity key.
    let impostor = DeviceKey::generate();
    let signature = impostor.sign_challenge(&challenge.backend_domain, &alice.id().id, &challenge.challenge);
    let result = app
        .accounts()
        .complete_device_auth(pb::CompleteDeviceAuthRequest { challenge_id: challenge.challenge_id, signature })
        .await;
    assert_status(result, Code::Unauthenticated, "does not verify");
}

#[tokio::test]
async fn device_auth_signature_binds_the_challenge() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let first = app.begin_device_auth(&alice.id(), &alice.key).await.unwrap();
    let second = app.begin_device_auth(&alice.id(), &alice.key).await.unwrap();
    // A valid signature over the first challenge does not answer the second.
    let signature = alice.key.sign_challenge(&first.backend_domain, &alice.id().id, &first.challenge);
    let result = app
        .accounts()
        .complete_device_auth(pb::CompleteDeviceAuthRequest { challenge_id: second.challenge_id, signature })
        .await;
    assert_status(result, Code::Unauthenticated, "does not verify");
}

#[tokio::test]
async fn an_expired_challenge_is_refused() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let challenge = app.begin_device_auth(&alice.id(), &alice.key).await.unwrap();
    app.clock.advance(app.config.device_challenge_ttl + Duration::from_secs(1));
    assert_status(
        app.complete_device_auth(&alice.id(), &alice.key, &challenge).await,
        Code::Unauthenticated,
        "challenge expired",
    );
}

#[tokio::test]
async fn a_replayed_challenge_is_refused() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let challenge = app.begin_device_auth(&alice.id(), &alice.key).await.unwrap();
    app.complete_device_auth(&alice.id(), &alice.key, &challenge).await.unwrap();
    assert_status(
        app.complete_device_auth(&alice.id(), &alice.key, &challenge).await,
        Code::Unauthenticated,
        "already used",
    );
}

#[tokio::test]
async fn malformed_challenge_answers_are_invalid_argument() {
    let app = spawn_app().await;
    let result = app
        .accounts()
        .complete_device_auth(pb::CompleteDeviceAuthRequest { challenge_id: "nope".into(), signature: vec![0; 64] })
        .await;
    assert_status(result, Code::InvalidArgument, "malformed challenge id");
    let result = app
        .accounts()
        .complete_device_auth(pb::CompleteDeviceAuthRequest {
            challenge_id: uuid::Uuid::new_v4().to_string(),
            signature: vec![0; 10],
        })
        .await;
    assert_status(result, Code::InvalidArgument, "64 bytes");
}

#[tokio::test]
async fn a_missing_token_is_unauthenticated() {
    let app = spawn_app().await;
    let result = app.users().get_self(pb::GetSelfRequest {}).await;
    assert_status(result, Code::Unauthenticated, "missing access token");
}

#[tokio::test]
async fn a_forged_token_is_unauthenticated() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    // Same payload, signature bytes flipped.
    let mut forged = alice.token().to_owned();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    assert_status(app.get_self(&forged).await, Code::Unauthenticated, "");
    assert_status(app.get_self("v4.public.garbage").await, Code::Unauthenticated, "");
    let mut bad_scheme = tonic::Request::new(pb::GetSelfRequest {});
    bad_scheme.metadata_mut().insert("authorization", "Basic abc".parse().unwrap());
    assert_status(app.users().get_self(bad_scheme).await, Code::Unauthenticated, "malformed authorization header");
}

#[tokio::test]
async fn a_token_from_another_server_key_is_unauthenticated() {
    let first = spawn_app().await;
    let second = spawn_app().await;
    let alice = first.register("alice").await;
    assert_status(second.get_self(alice.token()).await, Code::Unauthenticated, "signature is not valid");
}

#[tokio::test]
async fn an_expired_token_is_unauthenticated() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    // Used once, so the server remembers it as verified: expiry still holds.
    app.get_self(alice.token()).await.unwrap();
    app.clock.advance(app.config.access_token_ttl + Duration::from_secs(1));
    assert_status(app.get_self(alice.token()).await, Code::Unauthenticated, "access token expired");
    // The refresh token still works and gives a fresh access token.
    let renewed = refresh(&app, &alice.session.refresh_token).await.unwrap();
    app.get_self(&renewed.access_token).await.unwrap();
}

#[tokio::test]
async fn an_expired_refresh_token_is_unauthenticated() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    app.clock.advance(app.config.refresh_token_ttl + Duration::from_secs(1));
    assert_status(refresh(&app, &alice.session.refresh_token).await, Code::Unauthenticated, "expired");
}

#[tokio::test]
async fn too_many_devices_is_resource_exhausted() {
    let app = spawn_app_with(|config| config.max_devices_per_user = 2).await;
    app.register("alice").await;
    app.login("alice", PASSWORD).await.unwrap();
    assert_status(app.login("alice", PASSWORD).await, Code::ResourceExhausted, "too many devices");
}

#[tokio::test]
async fn logging_in_an_existing_device_by_password_is_already_exists() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let result = app
        .accounts()
        .login(pb::LoginRequest {
            handle: "alice".into(),
            password: PASSWORD.into(),
            device: Some(alice.key.new_device("again")),
        })
        .await;
    assert_status(result, Code::AlreadyExists, "BeginDeviceAuth");
}

#[tokio::test]
async fn login_attempts_are_rate_limited_per_handle() {
    let app = spawn_app_with(|config| config.login_attempts_per_handle = 3).await;
    app.register("alice").await;
    missive_testkit::within_one_rate_window().await;
    for _ in 0..3 {
        assert_status(app.login("alice", "wrong password!").await, Code::Unauthenticated, "wrong");
    }
    // Even the right password is refused while the handle is limited.
    assert_status(app.login("alice", PASSWORD).await, Code::ResourceExhausted, "too many login attempts");
}

#[tokio::test]
async fn authentication_attempts_are_rate_limited_per_address() {
    let app = spawn_app_with(|config| config.login_attempts_per_address = 4).await;
    missive_testkit::within_one_rate_window().await;
    for handle in ["bob", "carol", "dave", "erin"] {
        assert_status(app.login(handle, PASSWORD).await, Code::Unauthenticated, "wrong");
    }
    assert_status(app.login("frank", PASSWORD).await, Code::ResourceExhausted, "from this address");
}

async fn refresh(app: &TestApp, refresh_token: &str) -> Result<pb::Session, tonic::Status> {
    Ok(app
        .accounts()
        .refresh_session(pb::RefreshSessionRequest { refresh_token: refresh_token.to_owned() })
        .await?
        .into_inner()
        .session
        .unwrap())
}
