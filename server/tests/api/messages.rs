//! SendMessage: the client-mismatch matrix, idempotency, transient sends, limits.

use crate::helpers::*;
use missive_proto::v1 as pb;
use pb::mismatch_policy::{IgnoreAll, Policy, ReportAll, ReportOnly};
use prost::Message;
use tonic::Code;

/// Alice and Bob (two devices) in a group; Carol connected to Alice but not a member.
struct Scene {
    app: TestApp,
    alice: Account,
    bob: Account,
    bob_tablet: Account,
    carol: Account,
    group: pb::QualifiedId,
}

async fn scene() -> Scene {
    scene_with(|_| {}).await
}

async fn scene_with(configure: impl FnOnce(&mut missive_server::Config)) -> Scene {
    let app = spawn_app_with(configure).await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let bob_tablet = app.second_device(&bob).await;
    let carol = app.register("carol").await;
    app.connect(&alice, &bob).await;
    app.connect(&alice, &carol).await;
    let group = app.group(&alice, &[&bob]).await;
    Scene { app, alice, bob, bob_tablet, carol, group }
}

/// The ClientMismatch in a rejection's google.rpc.Status details.
fn mismatch_details(status: &tonic::Status) -> pb::ClientMismatch {
    let rich = tonic_types::pb::Status::decode(status.details()).expect("details are a google.rpc.Status");
    assert_eq!(rich.code, Code::FailedPrecondition as i32);
    let detail = rich.details.first().expect("one detail");
    assert_eq!(detail.type_url, "type.googleapis.com/missive.v1.ClientMismatch");
    pb::ClientMismatch::decode(detail.value.as_slice()).expect("a ClientMismatch")
}

/// Bob removes one of his devices.
async fn remove_device(s: &Scene, device: &Account) {
    s.app.remove_device(&s.bob, device).await;
}

#[tokio::test]
async fn a_message_to_every_device_is_stored_and_streamed_to_each() {
    let s = scene().await;
    let mut phone = s.app.subscribe(&s.bob, None).await.unwrap();
    let mut tablet = s.app.subscribe(&s.bob_tablet, None).await.unwrap();
    let sent = s.app.send(&s.alice, &s.group, "m1", &[&s.bob, &s.bob_tablet]).await.unwrap();
    let mismatch = sent.mismatch.unwrap();
    assert!(mismatch.missing.is_empty() && mismatch.redundant.is_empty() && mismatch.deleted.is_empty());
    for (stream, device) in [(&mut phone, &s.bob), (&mut tablet, &s.bob_tablet)] {
        let (_, message) = stream.next_message().await;
        assert_eq!(message.message_id, "m1");
        assert_eq!(message.sender, Some(s.alice.id()));
        assert_eq!(message.sender_device_id, s.alice.device_id());
        assert_eq!(message.ciphertext, format!("for {}", device.device_id()).into_bytes(), "each device gets its own");
    }
}

#[tokio::test]
async fn a_missing_device_rejects_under_report_all_and_stores_nothing() {
    let s = scene().await;
    let status = s.app.send(&s.alice, &s.group, "m1", &[&s.bob]).await.unwrap_err();
    assert_eq!(status.code(), Code::FailedPrecondition);
    assert!(status.message().contains("client mismatch"), "{}", status.message());
    let mismatch = mismatch_details(&status);
    assert_eq!(listed(&mismatch.missing, &s.bob), vec![s.bob_tablet.device_id()]);

    // Explicit report_all behaves like the default.
    let mut request = message(&s.group, "m1", &[&s.bob]);
    request.policy = policy(Policy::ReportAll(ReportAll {}));
    assert_status(s.app.send_request(&s.alice, request).await, Code::FailedPrecondition, "client mismatch");

    let mut phone = s.app.subscribe(&s.bob, Some(0)).await.unwrap();
    phone.assert_no_message(QUIET).await;
    // The same message id is still free: the rejection recorded nothing.
    s.app.send(&s.alice, &s.group, "m1", &[&s.bob, &s.bob_tablet]).await.unwrap();
    assert_eq!(phone.next_message().await.1.message_id, "m1");
}

#[tokio::test]
async fn ignore_all_delivers_to_the_devices_given_and_reports_the_rest() {
    let s = scene().await;
    let mut request = message(&s.group, "m1", &[&s.bob]);
    request.policy = policy(Policy::IgnoreAll(IgnoreAll {}));
    let sent = s.app.send_request(&s.alice, request).await.unwrap();
    assert_eq!(listed(&sent.mismatch.unwrap().missing, &s.bob), vec![s.bob_tablet.device_id()]);
    let mut phone = s.app.subscribe(&s.bob, Some(0)).await.unwrap();
    assert_eq!(phone.next_message().await.1.message_id, "m1");
    // Device isolation: the tablet's stream never sees the phone's message.
    let mut tablet = s.app.subscribe(&s.bob_tablet, Some(0)).await.unwrap();
    tablet.assert_no_message(QUIET).await;
}

#[tokio::test]
async fn report_only_rejects_only_for_the_listed_users() {
    let s = scene().await;
    let mut request = message(&s.group, "m1", &[&s.bob]);
    request.policy = policy(Policy::ReportOnly(ReportOnly { users: vec![s.carol.id()] }));
    s.app.send_request(&s.alice, request).await.expect("bob's missing tablet is not reported");

    let mut request = message(&s.group, "m2", &[&s.bob]);
    request.policy = policy(Policy::ReportOnly(ReportOnly { users: vec![s.bob.id()] }));
    let status = s.app.send_request(&s.alice, request).await.unwrap_err();
    assert_eq!(listed(&mismatch_details(&status).missing, &s.bob), vec![s.bob_tablet.device_id()]);
}

#[tokio::test]
async fn ciphertexts_for_non_members_are_redundant_and_not_delivered() {
    let s = scene().await;
    let sent = s.app.send(&s.alice, &s.group, "m1", &[&s.bob, &s.bob_tablet, &s.carol, &s.alice]).await.unwrap();
    let mismatch = sent.mismatch.unwrap();
    assert_eq!(listed(&mismatch.redundant, &s.carol), vec![s.carol.device_id()]);
    assert_eq!(listed(&mismatch.redundant, &s.alice), vec![s.alice.device_id()], "the sender's own device");
    let mut carol_events = s.app.subscribe(&s.carol, Some(0)).await.unwrap();
    carol_events.assert_no_message(QUIET).await;
}

#[tokio::test]
async fn ciphertexts_for_removed_or_unknown_devices_are_deleted() {
    let s = scene().await;
    remove_device(&s, &s.bob_tablet).await;
    let mut request = message(&s.group, "m1", &[&s.bob, &s.bob_tablet]);
    request.recipients[0]
        .devices
        .push(pb::DeviceCiphertext { device_id: "00000000deadbeef".into(), ciphertext: b"x".to_vec() });
    let sent = s.app.send_request(&s.alice, request).await.unwrap();
    let mut deleted = listed(&sent.mismatch.unwrap().deleted, &s.bob);
    deleted.sort();
    let mut expected = vec![s.bob_tablet.device_id(), "00000000deadbeef".to_owned()];
    expected.sort();
    assert_eq!(deleted, expected);
}

/// The server remembers what a send reads from one send to the next (on
/// either backend): every change in between must show in the next send's
/// answer. Across instances: `production.rs`.
#[tokio::test]
async fn each_change_between_two_sends_shows_in_the_next() {
    let s = scene().await;
    let both = [&s.bob, &s.bob_tablet];
    s.app.send(&s.alice, &s.group, "m1", &both).await.unwrap();

    let laptop = s.app.second_device(&s.bob).await;
    let refused = s.app.send(&s.alice, &s.group, "m2", &both).await.unwrap_err();
    assert_eq!(listed(&mismatch_details(&refused).missing, &s.bob), vec![laptop.device_id()], "a device added");

    remove_device(&s, &s.bob_tablet).await;
    let sent = s.app.send(&s.alice, &s.group, "m3", &[&s.bob, &s.bob_tablet, &laptop]).await.unwrap();
    assert_eq!(listed(&sent.mismatch.unwrap().deleted, &s.bob), vec![s.bob_tablet.device_id()], "a device removed");

    s.app
        .conversations()
        .add_members(authed(pb::AddMembersRequest { id: Some(s.group.clone()), users: vec![s.carol.id()] }, s.alice.token()))
        .await
        .unwrap();
    let refused = s.app.send(&s.alice, &s.group, "m4", &[&s.bob, &laptop]).await.unwrap_err();
    assert_eq!(listed(&mismatch_details(&refused).missing, &s.carol), vec![s.carol.device_id()], "a member added");
    s.app.send(&s.carol, &s.group, "m5", &[&s.alice, &s.bob, &laptop]).await.unwrap();

    s.app
        .conversations()
        .remove_member(authed(pb::RemoveMemberRequest { id: Some(s.group.clone()), user: Some(s.carol.id()) }, s.alice.token()))
        .await
        .unwrap();
    assert_status(s.app.send(&s.carol, &s.group, "m6", &[&s.alice, &s.bob, &laptop]).await, Code::PermissionDenied, "not a member");
    let sent = s.app.send(&s.alice, &s.group, "m7", &[&s.bob, &laptop, &s.carol]).await.unwrap();
    assert!(!listed(&sent.mismatch.unwrap().redundant, &s.carol).is_empty(), "a member removed");
}

#[tokio::test]
async fn the_same_message_id_is_stored_once_and_answered_the_same() {
    let s = scene().await;
    let first = s.app.send(&s.alice, &s.group, "m1", &[&s.bob, &s.bob_tablet]).await.unwrap();
    let again = s.app.send(&s.alice, &s.group, "m1", &[&s.bob, &s.bob_tablet]).await.unwrap();
    assert_eq!(first.time, again.time);
    let mut phone = s.app.subscribe(&s.bob, Some(0)).await.unwrap();
    assert_eq!(phone.next_message().await.1.message_id, "m1");
    phone.assert_no_message(QUIET).await;
}

#[tokio::test]
async fn transient_messages_are_delivered_live_and_never_stored() {
    let s = scene().await;
    let mut phone = s.app.subscribe(&s.bob, None).await.unwrap();
    phone.skip_stored().await;
    let mut request = message(&s.group, "call-offer", &[&s.bob, &s.bob_tablet]);
    request.transient = true;
    s.app.send_request(&s.alice, request).await.unwrap();
    let event = phone.next_event().await;
    assert!(event.transient);
    assert_eq!(event.cursor, 0);
    drop(phone);
    let mut tablet = s.app.subscribe(&s.bob_tablet, Some(0)).await.unwrap();
    tablet.assert_no_message(QUIET).await;
}

#[tokio::test]
async fn bad_sends_are_refused_with_a_clear_status() {
    let s = scene_with(|config| {
        config.max_ciphertext_bytes = 64;
        config.max_recipients = 2;
    })
    .await;
    let unknown = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: DOMAIN.into() };
    assert_status(s.app.send(&s.alice, &unknown, "m", &[&s.bob]).await, Code::NotFound, "unknown conversation");
    let malformed = pb::QualifiedId { id: "not-a-uuid".into(), domain: DOMAIN.into() };
    assert_status(
        s.app.send(&s.alice, &malformed, "m", &[&s.bob]).await,
        Code::InvalidArgument,
        "malformed qualified id",
    );
    assert_status(s.app.send(&s.alice, &s.group, "m", &[]).await, Code::InvalidArgument, "recipients is empty");
    assert_status(
        s.app.send(&s.alice, &s.group, "m", &[&s.bob, &s.bob_tablet, &s.carol]).await,
        Code::InvalidArgument,
        "too many recipients",
    );
    assert_status(s.app.send(&s.alice, &s.group, "", &[&s.bob]).await, Code::InvalidArgument, "message_id");
    assert_status(s.app.send(&s.alice, &s.group, "m\u{0}", &[&s.bob]).await, Code::InvalidArgument, "message_id");
    let mut oversize = message(&s.group, "m", &[&s.bob, &s.bob_tablet]);
    oversize.recipients[0].devices[0].ciphertext = vec![0; 65];
    assert_status(s.app.send_request(&s.alice, oversize).await, Code::InvalidArgument, "ciphertext for device");
    let mut twice = message(&s.group, "m", &[&s.bob, &s.bob]);
    twice.recipients[0].devices.truncate(2);
    assert_status(s.app.send_request(&s.alice, twice).await, Code::InvalidArgument, "appears twice");
    let mut bad_device = message(&s.group, "m", &[&s.bob]);
    bad_device.recipients[0].devices[0].device_id = "nope".into();
    assert_status(s.app.send_request(&s.alice, bad_device).await, Code::InvalidArgument, "malformed device id");
}

#[tokio::test]
async fn an_oversized_request_is_refused_not_crashed() {
    let s = scene_with(|config| config.max_request_bytes = 1024).await;
    let mut big = message(&s.group, "m", &[&s.bob, &s.bob_tablet]);
    big.recipients[0].devices[0].ciphertext = vec![0; 4096];
    let status = s.app.send_request(&s.alice, big).await.unwrap_err();
    assert_eq!(status.code(), Code::OutOfRange, "{status:?}");
    // The server is still there.
    s.app.send(&s.alice, &s.group, "after", &[&s.bob, &s.bob_tablet]).await.unwrap();
}

/// Redundant and deleted devices never refuse a send, under any policy, and
/// are reported; a missing device refuses exactly when the policy covers it.
#[tokio::test]
async fn the_mismatch_matrix_over_every_policy() {
    let s = scene().await;
    let policies = [
        ("report_all", Policy::ReportAll(ReportAll {})),
        ("ignore_all", Policy::IgnoreAll(IgnoreAll {})),
        ("report_only_bob", Policy::ReportOnly(ReportOnly { users: vec![s.bob.id()] })),
        ("report_only_carol", Policy::ReportOnly(ReportOnly { users: vec![s.carol.id()] })),
    ];
    for (index, (name, chosen)) in policies.into_iter().enumerate() {
        // Redundant: a ciphertext for carol, who is not a member.
        let mut request = message(&s.group, &format!("redundant-{index}"), &[&s.bob, &s.bob_tablet, &s.carol]);
        request.policy = policy(chosen.clone());
        let sent = s.app.send_request(&s.alice, request).await.unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(listed(&sent.mismatch.unwrap().redundant, &s.carol), vec![s.carol.device_id()], "{name}");

        // Deleted: a ciphertext for a device bob does not have.
        let mut request = message(&s.group, &format!("deleted-{index}"), &[&s.bob, &s.bob_tablet]);
        request.recipients[0]
            .devices
            .push(pb::DeviceCiphertext { device_id: "00000000deadbeef".into(), ciphertext: b"x".to_vec() });
        request.policy = policy(chosen.clone());
        let sent = s.app.send_request(&s.alice, request).await.unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(listed(&sent.mismatch.unwrap().deleted, &s.bob), vec!["00000000deadbeef".to_owned()], "{name}");

        // Missing: bob's tablet left out.
        let mut request = message(&s.group, &format!("missing-{index}"), &[&s.bob]);
        request.policy = policy(chosen);
        let refused = s.app.send_request(&s.alice, request).await;
        let should_refuse = matches!(name, "report_all" | "report_only_bob");
        assert_eq!(refused.is_err(), should_refuse, "{name}: {refused:?}");
        if let Err(status) = refused {
            assert_eq!(listed(&mismatch_details(&status).missing, &s.bob), vec![s.bob_tablet.device_id()], "{name}");
        }
    }
    // Exactly what was accepted reached bob's phone: two per policy, plus one
    // missing-case per non-refusing policy; never a refused one.
    let mut phone = s.app.subscribe(&s.bob, Some(0)).await.unwrap();
    let mut ids = Vec::new();
    for event in phone.skip_stored().await {
        if let Some(pb::event::Payload::MessageAdded(message)) = event.payload {
            ids.push(message.message_id);
        }
    }
    assert_eq!(ids.len(), 4 * 2 + 2, "{ids:?}");
    assert!(!ids.contains(&"missing-0".to_owned()) && !ids.contains(&"missing-2".to_owned()), "{ids:?}");
}

/// Concurrent sends are decided and stored together (group commit): each
/// still gets its own answer, and every stored message reaches each device
/// once, with gap-free cursors.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_sends_each_get_their_own_answer() {
    let s = scene().await;
    let dave = s.app.register("dave").await;
    let with_dave = s.app.connect(&s.alice, &dave).await;
    s.app
        .connections()
        .update_connection(authed(
            pb::UpdateConnectionRequest { user: Some(s.alice.id()), status: pb::ConnectionStatus::Blocked as i32 },
            dave.token(),
        ))
        .await
        .unwrap();
    let mut phone = s.app.subscribe(&s.bob, None).await.unwrap();
    let mut alice_stream = s.app.subscribe(&s.alice, None).await.unwrap();

    #[derive(Debug, PartialEq)]
    enum Expect {
        Sent,
        Refused(Code, &'static str),
    }
    let both = [&s.bob, &s.bob_tablet];
    let mut sends: Vec<(pb::SendMessageRequest, &Account, Expect)> = Vec::new();
    for n in 0..20 {
        sends.push((message(&s.group, &format!("g{n}"), &both), &s.alice, Expect::Sent));
    }
    for _ in 0..5 {
        // The same id again: answered as the first, stored once.
        sends.push((message(&s.group, "g0", &both), &s.alice, Expect::Sent));
        let not_member = message(&s.group, "c", &[&s.alice, &s.bob]);
        sends.push((not_member, &s.carol, Expect::Refused(Code::PermissionDenied, "not a member")));
        let missing_tablet = message(&s.group, "short", &[&s.bob]);
        sends.push((missing_tablet, &s.alice, Expect::Refused(Code::FailedPrecondition, "client mismatch")));
        let blocked = message(&with_dave, "d", &[&dave]);
        sends.push((blocked, &s.alice, Expect::Refused(Code::PermissionDenied, "blocked")));
    }
    for n in 0..10 {
        sends.push((message(&s.group, &format!("b{n}"), &[&s.alice, &s.bob_tablet]), &s.bob, Expect::Sent));
    }
    let calls = sends.into_iter().map(|(request, from, expect)| {
        let (channel, token) = (s.app.channel.clone(), from.token().to_owned());
        tokio::spawn(async move {
            let mut client = pb::message_service_client::MessageServiceClient::new(channel);
            let id = request.message_id.clone();
            (id, client.send_message(authed(request, &token)).await, expect)
        })
    });
    let mut times_of_g0 = Vec::new();
    for call in calls.collect::<Vec<_>>() {
        let (id, result, expect) = call.await.unwrap();
        match (result, expect) {
            (Ok(sent), Expect::Sent) => {
                if id == "g0" {
                    times_of_g0.push(sent.into_inner().time.unwrap());
                }
            }
            (Err(status), Expect::Refused(code, needle)) => {
                assert_eq!(status.code(), code, "{status:?}");
                assert!(status.message().contains(needle), "{status:?}");
            }
            (result, expect) => panic!("expected {expect:?}, got {result:?}"),
        }
    }

    let mut received = std::collections::BTreeSet::new();
    let mut cursors = Vec::new();
    for _ in 0..20 {
        let (cursor, message) = phone.next_message().await;
        assert!(received.insert(message.message_id.clone()), "{} twice", message.message_id);
        cursors.push(cursor);
    }
    phone.assert_no_message(QUIET).await;
    assert_eq!(received, (0..20).map(|n| format!("g{n}")).collect());
    assert!(cursors.windows(2).all(|w| w[1] == w[0] + 1), "gap-free cursors: {cursors:?}");
    let mut from_bob = std::collections::BTreeSet::new();
    for _ in 0..10 {
        from_bob.insert(alice_stream.next_message().await.1.message_id);
    }
    alice_stream.assert_no_message(QUIET).await;
    assert_eq!(from_bob, (0..10).map(|n| format!("b{n}")).collect());
    // The repeated id was answered with the first send's time, then and later.
    assert_eq!(times_of_g0.len(), 6);
    assert!(times_of_g0.iter().all(|t| *t == times_of_g0[0]), "{times_of_g0:?}");
    let later = s.app.send(&s.alice, &s.group, "g0", &both).await.unwrap();
    assert_eq!(later.time.unwrap(), times_of_g0[0]);
}
