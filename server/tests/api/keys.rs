//! Prekeys and key packages.

use crate::helpers::*;
use missive_testkit::mls::{CIPHERSUITE, client_of, identity};
use missive_mls::openmls::prelude::{BasicCredential, Ciphersuite, CredentialWithKey, SignatureScheme};
use missive_mls::openmls_basic_credential::SignatureKeyPair;
use missive_proto::v1 as pb;
use std::collections::HashSet;
use tonic::Code;

const LAST_RESORT_ID: u32 = 65535;

async fn upload(app: &TestApp, account: &Account, ids: std::ops::RangeInclusive<u32>) -> u32 {
    let prekeys = ids.map(|id| pb::Prekey { id, key: format!("prekey {id}").into_bytes() }).collect();
    let last_resort = Some(pb::Prekey { id: LAST_RESORT_ID, key: b"last resort".to_vec() });
    app.keys()
        .upload_prekeys(authed(pb::UploadPrekeysRequest { prekeys, last_resort }, account.token()))
        .await
        .unwrap()
        .into_inner()
        .count
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_claims_hand_out_each_one_time_prekey_once() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    assert_eq!(upload(&app, &bob, 1..=20).await, 20);

    let claims = (0..50).map(|_| {
        let mut keys = app.keys();
        let request = authed(pb::ClaimPrekeyBundleRequest { user: Some(bob.id()) }, alice.token());
        tokio::spawn(async move { keys.claim_prekey_bundle(request).await })
    });
    let mut one_time = Vec::new();
    let mut last_resort = 0;
    for claim in claims {
        let bundle = claim.await.unwrap().expect("claim succeeds").into_inner().prekeys;
        assert_eq!(bundle.len(), 1, "bob has one device");
        let claimed = &bundle[0];
        assert_eq!(claimed.device_id, bob.device_id());
        let prekey = claimed.prekey.clone().unwrap();
        if claimed.last_resort {
            assert_eq!(prekey.id, LAST_RESORT_ID);
            last_resort += 1;
        } else {
            assert_eq!(prekey.key, format!("prekey {}", prekey.id).into_bytes());
            one_time.push(prekey.id);
        }
    }
    let distinct: HashSet<u32> = one_time.iter().copied().collect();
    assert_eq!(one_time.len(), 20, "every one-time prekey handed out");
    assert_eq!(distinct.len(), 20, "none handed out twice");
    assert_eq!(last_resort, 30, "the rest got the last-resort prekey");

    let count =
        app.keys().get_prekey_count(authed(pb::GetPrekeyCountRequest {}, bob.token())).await.unwrap().into_inner();
    assert_eq!(count.count, 0);
    assert!(count.has_last_resort, "the last-resort prekey is kept");
}

#[tokio::test]
async fn the_owner_is_told_when_prekeys_run_low() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    upload(&app, &bob, 1..=10).await;
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();
    app.keys()
        .claim_prekey_bundle(authed(pb::ClaimPrekeyBundleRequest { user: Some(bob.id()) }, alice.token()))
        .await
        .unwrap();
    let event = bob_events.next_event().await;
    assert_eq!(event.payload, Some(pb::event::Payload::PrekeysLow(pb::PrekeysLow { remaining: 9 })));
}

#[tokio::test]
async fn claim_prekeys_serves_many_devices_at_once() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let bob_tablet = app.second_device(&bob).await;
    upload(&app, &bob, 1..=3).await;
    upload(&app, &bob_tablet, 1..=3).await;
    let remote = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: "b.example".into() };
    let response = app
        .keys()
        .claim_prekeys(authed(
            pb::ClaimPrekeysRequest {
                targets: vec![
                    pb::UserDevices { user: Some(bob.id()), device_ids: vec![bob.device_id(), bob_tablet.device_id()] },
                    pb::UserDevices { user: Some(remote.clone()), device_ids: vec!["0123456789abcdef".into()] },
                ],
            },
            alice.token(),
        ))
        .await
        .unwrap()
        .into_inner();
    let devices: HashSet<String> = response.prekeys.iter().map(|p| p.device_id.clone()).collect();
    assert_eq!(devices, HashSet::from([bob.device_id(), bob_tablet.device_id()]));
    assert!(response.prekeys.iter().all(|p| !p.last_resort));
    assert_eq!(response.failed, vec![remote]);
}

#[tokio::test]
async fn prekey_uploads_are_checked() {
    let app = spawn_app().await;
    let bob = app.register("bob").await;
    let send = |prekeys: Vec<pb::Prekey>, last_resort: Option<pb::Prekey>| {
        let mut keys = app.keys();
        let request = authed(pb::UploadPrekeysRequest { prekeys, last_resort }, bob.token());
        async move { keys.upload_prekeys(request).await }
    };
    let key = |id: u32| pb::Prekey { id, key: vec![1; 32] };
    assert_status(send((0..101).map(key).collect(), None).await, Code::InvalidArgument, "too many prekeys");
    assert_status(send(vec![], None).await, Code::InvalidArgument, "nothing to upload");
    assert_status(send(vec![pb::Prekey { id: 1, key: vec![0; 4096] }], None).await, Code::InvalidArgument, "bytes");
    assert_status(send(vec![pb::Prekey { id: 1, key: vec![] }], None).await, Code::InvalidArgument, "bytes");
    assert_status(send(vec![key(1), key(1)], None).await, Code::InvalidArgument, "unique");
    // Re-uploading an id replaces the key rather than adding one.
    send(vec![key(1), key(2)], None).await.unwrap();
    assert_eq!(send(vec![key(2), key(3)], None).await.unwrap().into_inner().count, 3);
}

#[tokio::test]
async fn claiming_an_unknown_users_bundle_is_not_found() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let ghost = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: DOMAIN.into() };
    let result =
        app.keys().claim_prekey_bundle(authed(pb::ClaimPrekeyBundleRequest { user: Some(ghost) }, alice.token())).await;
    assert_status(result, Code::NotFound, "unknown user");
    let malformed = pb::QualifiedId { id: "nope".into(), domain: DOMAIN.into() };
    let result = app
        .keys()
        .claim_prekey_bundle(authed(pb::ClaimPrekeyBundleRequest { user: Some(malformed) }, alice.token()))
        .await;
    assert_status(result, Code::InvalidArgument, "malformed qualified id");
}

#[tokio::test]
async fn key_packages_are_handed_out_once_and_never_to_their_own_device() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let bob_mls = client_of(&bob, DOMAIN);
    let uploaded = app
        .keys()
        .upload_key_packages(authed(
            pb::UploadKeyPackagesRequest { key_packages: vec![bob_mls.key_package().unwrap(), bob_mls.key_package().unwrap()] },
            bob.token(),
        ))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(uploaded.count, 2);
    let claim = |token: String| {
        let mut keys = app.keys();
        let request = authed(pb::ClaimKeyPackagesRequest { user: Some(bob.id()) }, &token);
        async move { keys.claim_key_packages(request).await.unwrap().into_inner().key_packages }
    };
    // Bob's own device is skipped when it claims for its own account.
    assert!(claim(bob.token().to_owned()).await.is_empty());
    let first = claim(alice.token().to_owned()).await;
    let second = claim(alice.token().to_owned()).await;
    let third = claim(alice.token().to_owned()).await;
    assert_eq!(first.len(), 1);
    assert_eq!(second.len(), 1);
    assert_ne!(first[0].key_package, second[0].key_package);
    assert!(third.is_empty(), "no last resort for key packages");
    let count =
        app.keys().count_key_packages(authed(pb::CountKeyPackagesRequest {}, bob.token())).await.unwrap().into_inner();
    assert_eq!(count.count, 0);
    let empty = app
        .keys()
        .upload_key_packages(authed(pb::UploadKeyPackagesRequest { key_packages: vec![] }, bob.token()))
        .await;
    assert_status(empty, Code::InvalidArgument, "key packages");
}

#[tokio::test]
async fn a_key_package_must_parse_verify_and_belong_to_the_uploading_device() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let bob_mls = client_of(&bob, DOMAIN);
    let upload = |packages: Vec<Vec<u8>>| {
        let mut keys = app.keys();
        let request = authed(pb::UploadKeyPackagesRequest { key_packages: packages }, bob.token());
        async move { keys.upload_key_packages(request).await }
    };
    let good = bob_mls.key_package().unwrap();

    assert_status(upload(vec![good.clone(), b"kp".to_vec()]).await, Code::InvalidArgument, "key package 1: not an MLS key package");
    let mut trailing = good.clone();
    trailing.push(0);
    assert_status(upload(vec![trailing]).await, Code::InvalidArgument, "after the key package");
    // One flipped bit in the signature at the end.
    let mut tampered = good.clone();
    *tampered.last_mut().unwrap() ^= 1;
    assert_status(upload(vec![tampered]).await, Code::InvalidArgument, "does not verify");

    // Alice's identity key, Bob's name: not Bob's device's key.
    let alice_mls = client_of(&alice, DOMAIN);
    let foreign_key = CredentialWithKey {
        credential: BasicCredential::new(identity(&bob, DOMAIN).into_bytes()).into(),
        signature_key: alice.key.public().into(),
    };
    let package = bob_mls.key_package_with(CIPHERSUITE, &alice_mls.signer, foreign_key).unwrap();
    assert_status(upload(vec![package]).await, Code::InvalidArgument, "not this device's identity key");

    // Bob's key, another device's name.
    let other_name = CredentialWithKey {
        credential: BasicCredential::new(identity(&alice, DOMAIN).into_bytes()).into(),
        signature_key: bob.key.public().into(),
    };
    let package = bob_mls.key_package_with(CIPHERSUITE, &bob_mls.signer, other_name).unwrap();
    assert_status(upload(vec![package]).await, Code::InvalidArgument, "not this device");

    // A ciphersuite signed with ECDSA cannot carry the Ed25519 identity key.
    let ecdsa = SignatureKeyPair::new(SignatureScheme::ECDSA_SECP256R1_SHA256).unwrap();
    let ecdsa_credential = CredentialWithKey {
        credential: BasicCredential::new(identity(&bob, DOMAIN).into_bytes()).into(),
        signature_key: ecdsa.public().to_vec().into(),
    };
    let package = bob_mls.key_package_with(
        Ciphersuite::MLS_128_DHKEMP256_AES128GCM_SHA256_P256,
        &ecdsa,
        ecdsa_credential,
    ).unwrap();
    assert_status(upload(vec![package]).await, Code::InvalidArgument, "not signed with Ed25519");

    // Nothing of a refused upload was kept, and a good one still goes in.
    let count =
        app.keys().count_key_packages(authed(pb::CountKeyPackagesRequest {}, bob.token())).await.unwrap().into_inner();
    assert_eq!(count.count, 0);
    assert_eq!(upload(vec![good]).await.unwrap().into_inner().count, 1);
}
