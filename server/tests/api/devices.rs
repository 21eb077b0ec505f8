//! Device listing and removal.

use crate::helpers::*;
use missive_proto::v1 as pb;
use tonic::Code;

#[tokio::test]
async fn another_users_devices_are_listed_without_labels() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let own = app
        .devices()
        .list_devices(authed(pb::ListDevicesRequest { user: None }, bob.token()))
        .await
        .unwrap()
        .into_inner()
        .devices;
    assert_eq!(own[0].label, "first");
    let seen_by_alice = app
        .devices()
        .list_devices(authed(pb::ListDevicesRequest { user: Some(bob.id()) }, alice.token()))
        .await
        .unwrap()
        .into_inner()
        .devices;
    assert_eq!(seen_by_alice.len(), 1);
    assert_eq!(seen_by_alice[0].id, bob.key.device_id());
    assert_eq!(seen_by_alice[0].identity_key, bob.key.public());
    assert!(seen_by_alice[0].label.is_empty());
}

#[tokio::test]
async fn get_device_by_id() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let found = app
        .devices()
        .get_device(authed(pb::GetDeviceRequest { user: None, device_id: alice.key.device_id() }, alice.token()))
        .await
        .unwrap()
        .into_inner()
        .device
        .unwrap();
    assert_eq!(found.id, alice.device.id);
    let unknown = app
        .devices()
        .get_device(authed(pb::GetDeviceRequest { user: None, device_id: "0000000000000000".into() }, alice.token()))
        .await;
    assert_status(unknown, Code::NotFound, "unknown device");
    let malformed = app
        .devices()
        .get_device(authed(pb::GetDeviceRequest { user: None, device_id: "xyz".into() }, alice.token()))
        .await;
    assert_status(malformed, Code::InvalidArgument, "malformed device id");
}

#[tokio::test]
async fn removing_a_device_needs_the_password_and_ends_its_sessions() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let (second, second_key) = app.login("alice", PASSWORD).await.unwrap();
    let second_session = second.session.unwrap();

    let wrong = app
        .devices()
        .remove_device(authed(
            pb::RemoveDeviceRequest { device_id: second_key.device_id(), password: "not the password".into() },
            alice.token(),
        ))
        .await;
    assert_status(wrong, Code::Unauthenticated, "wrong password");

    app.devices()
        .remove_device(authed(
            pb::RemoveDeviceRequest { device_id: second_key.device_id(), password: PASSWORD.into() },
            alice.token(),
        ))
        .await
        .unwrap();

    let refreshed =
        app.accounts().refresh_session(pb::RefreshSessionRequest { refresh_token: second_session.refresh_token }).await;
    assert_status(refreshed, Code::Unauthenticated, "unknown refresh token");
    assert_status(app.device_login(&alice.id(), &second_key).await, Code::NotFound, "unknown device");

    let again = app
        .devices()
        .remove_device(authed(
            pb::RemoveDeviceRequest { device_id: second_key.device_id(), password: PASSWORD.into() },
            alice.token(),
        ))
        .await;
    assert_status(again, Code::NotFound, "unknown device");
}

/// Found by the benchmark: on SQLite, concurrent logins of one account used to
/// fail with INTERNAL (a deferred transaction that read, then wrote).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_logins_of_one_account_all_succeed() {
    let app = spawn_app().await;
    app.register("alice").await;
    let logins: Vec<_> = (0..7)
        .map(|_| {
            let mut accounts = app.accounts();
            tokio::spawn(async move {
                let key = DeviceKey::generate();
                accounts
                    .login(pb::LoginRequest {
                        handle: "alice".into(),
                        password: PASSWORD.into(),
                        device: Some(key.new_device("parallel")),
                    })
                    .await
            })
        })
        .collect();
    for login in logins {
        login.await.unwrap().expect("every login within the device limit succeeds");
    }
}
