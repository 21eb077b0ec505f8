//! Two (or three) backends federating over mutual TLS, discovered through a
//! DNS server on loopback: what a user of one sees of users of the other,
//! and what the federation listener refuses.

use crate::helpers::*;
use missive_proto::federation::v1 as fed;
use missive_proto::v1 as pb;
use missive_testkit::federation::{
    DnsServer, TestCa, federation_client, federator_host, from_origin, refusal_reason,
};
use std::time::{Duration, Instant};
use tonic::Code;

const A: &str = "a.example";
const B: &str = "b.example";

async fn upload_prekeys(app: &TestApp, account: &Account, ids: &[u32]) {
    let prekeys = ids.iter().map(|id| pb::Prekey { id: *id, key: format!("key-{id}").into_bytes() }).collect();
    let last_resort = Some(pb::Prekey { id: 65535, key: b"last".to_vec() });
    app.keys()
        .upload_prekeys(authed(pb::UploadPrekeysRequest { prekeys, last_resort }, account.token()))
        .await
        .expect("upload prekeys");
}

#[tokio::test]
async fn users_devices_and_keys_of_another_backend_are_reachable() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let bob = b.register("bob").await;
    upload_prekeys(&b, &bob, &[1, 2]).await;

    // By handle, across.
    let found = a
        .users()
        .get_user_by_handle(authed(
            pb::GetUserByHandleRequest { handle: "bob".into(), domain: B.into() },
            alice.token(),
        ))
        .await
        .expect("bob found on b")
        .into_inner()
        .user
        .unwrap();
    assert_eq!(found.id, Some(bob.id()));
    assert_eq!(found.display_name, "bob display");
    let missing = a
        .users()
        .get_user_by_handle(authed(
            pb::GetUserByHandleRequest { handle: "nobody".into(), domain: B.into() },
            alice.token(),
        ))
        .await;
    assert_status(missing, Code::NotFound, "nobody");

    // By ids, mixing backends and an unknown id.
    let unknown = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: B.into() };
    let lookup = a
        .users()
        .get_users(authed(pb::GetUsersRequest { ids: vec![bob.id(), unknown.clone(), alice.id()] }, alice.token()))
        .await
        .expect("lookup")
        .into_inner();
    let mut found: Vec<_> = lookup.found.iter().map(|u| u.id.clone().unwrap()).collect();
    found.sort_by(|x, y| x.domain.cmp(&y.domain));
    assert_eq!(found, vec![alice.id(), bob.id()]);
    assert_eq!(lookup.not_found, vec![unknown]);
    assert!(lookup.failed.is_empty(), "{:?}", lookup.failed);

    // Search on the other backend.
    let searched = a
        .users()
        .search_users(authed(
            pb::SearchUsersRequest { query: "bo".into(), domain: B.into(), ..Default::default() },
            alice.token(),
        ))
        .await
        .expect("search b")
        .into_inner();
    assert_eq!(searched.users.iter().map(|u| u.handle.as_str()).collect::<Vec<_>>(), ["bob"]);

    // Devices, without their private labels.
    let devices = a
        .devices()
        .list_devices(authed(pb::ListDevicesRequest { user: Some(bob.id()) }, alice.token()))
        .await
        .expect("bob's devices")
        .into_inner()
        .devices;
    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0].id, bob.device_id());
    assert_eq!(devices[0].user, Some(bob.id()));
    assert!(devices[0].label.is_empty(), "a label leaked across backends: {:?}", devices[0].label);

    // Prekeys: each one-time prekey once, then the last resort.
    let mut handed_out = Vec::new();
    for _ in 0..3 {
        let claimed = a
            .keys()
            .claim_prekeys(authed(
                pb::ClaimPrekeysRequest {
                    targets: vec![pb::UserDevices { user: Some(bob.id()), device_ids: vec![bob.device_id()] }],
                },
                alice.token(),
            ))
            .await
            .expect("claim across")
            .into_inner();
        assert!(claimed.failed.is_empty());
        assert_eq!(claimed.prekeys.len(), 1);
        let prekey = &claimed.prekeys[0];
        assert_eq!(prekey.user, Some(bob.id()));
        handed_out.push((prekey.prekey.as_ref().unwrap().id, prekey.last_resort));
    }
    handed_out.sort();
    assert_eq!(handed_out, vec![(1, false), (2, false), (65535, true)]);
    let bundle = a
        .keys()
        .claim_prekey_bundle(authed(pb::ClaimPrekeyBundleRequest { user: Some(bob.id()) }, alice.token()))
        .await
        .expect("bundle across")
        .into_inner();
    assert_eq!(bundle.prekeys.len(), 1);
    assert!(bundle.prekeys[0].last_resort);

    // Key packages.
    let package = missive_testkit::mls::client_of(&bob, B).key_package().unwrap();
    b.keys()
        .upload_key_packages(authed(pb::UploadKeyPackagesRequest { key_packages: vec![package.clone()] }, bob.token()))
        .await
        .expect("upload key packages");
    let packages = a
        .keys()
        .claim_key_packages(authed(pb::ClaimKeyPackagesRequest { user: Some(bob.id()) }, alice.token()))
        .await
        .expect("key packages across")
        .into_inner()
        .key_packages;
    assert_eq!(packages.len(), 1);
    assert_eq!(packages[0].key_package, package);
    assert_eq!(packages[0].device_id, bob.device_id());
}

#[tokio::test]
async fn a_backend_that_is_down_fails_only_its_own_users_and_quickly() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let mut b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let carol = a.register("carol").await;
    let bob = b.register("bob").await;
    upload_prekeys(&a, &carol, &[7]).await;
    b.stop().await;

    let started = Instant::now();
    let lookup = a
        .users()
        .get_users(authed(pb::GetUsersRequest { ids: vec![bob.id(), carol.id()] }, alice.token()))
        .await
        .expect("a local user is still found")
        .into_inner();
    assert_eq!(lookup.found.iter().map(|u| u.handle.as_str()).collect::<Vec<_>>(), ["carol"]);
    assert_eq!(lookup.failed, vec![bob.id()]);

    let claimed = a
        .keys()
        .claim_prekeys(authed(
            pb::ClaimPrekeysRequest {
                targets: vec![
                    pb::UserDevices { user: Some(bob.id()), device_ids: vec![bob.device_id()] },
                    pb::UserDevices { user: Some(carol.id()), device_ids: vec![carol.device_id()] },
                ],
            },
            alice.token(),
        ))
        .await
        .expect("claims for reachable users stand")
        .into_inner();
    assert_eq!(claimed.failed, vec![bob.id()]);
    assert_eq!(claimed.prekeys.len(), 1);
    assert_eq!(claimed.prekeys[0].user, Some(carol.id()));

    let by_handle = a
        .users()
        .get_user_by_handle(authed(pb::GetUserByHandleRequest { handle: "bob".into(), domain: B.into() }, alice.token()))
        .await;
    assert_status(by_handle, Code::Unavailable, B);
    assert!(started.elapsed() < Duration::from_secs(20), "a down peer held local calls for {:?}", started.elapsed());
    // Local work never waits for the peer.
    let local = Instant::now();
    a.get_self(alice.token()).await.expect("local call");
    assert!(local.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_backend_not_on_the_allow_list_is_refused_both_ways() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "c.example").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let bob = b.register("bob").await;

    // Outbound: a does not call b.
    let refused = a
        .users()
        .get_user_by_handle(authed(pb::GetUserByHandleRequest { handle: "bob".into(), domain: B.into() }, alice.token()))
        .await;
    assert_status(refused, Code::FailedPrecondition, "allow list");
    // Inbound: a refuses b, which b's user sees as a refusal by a.
    let refused = b
        .users()
        .get_user_by_handle(authed(pb::GetUserByHandleRequest { handle: "alice".into(), domain: A.into() }, bob.token()))
        .await;
    assert_status(refused, Code::FailedPrecondition, "not allowed");
}

#[tokio::test]
async fn the_allow_list_is_reloaded_without_a_restart() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let mut a = spawn_federated(A, &ca, &dns, "c.example").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let bob = b.register("bob").await;
    let ask_b = async |a: &TestApp| {
        a.users()
            .get_user_by_handle(authed(
                pb::GetUserByHandleRequest { handle: "bob".into(), domain: B.into() },
                alice.token(),
            ))
            .await
    };
    let ask_a = async || {
        b.users()
            .get_user_by_handle(authed(
                pb::GetUserByHandleRequest { handle: "alice".into(), domain: A.into() },
                bob.token(),
            ))
            .await
    };
    assert_status(ask_b(&a).await, Code::FailedPrecondition, "allow list");
    assert_status(ask_a().await, Code::FailedPrecondition, "not allowed");

    // Allowed from now on, both ways, by the same running server.
    let changed = a.reload(|config| config.federation_allow = "c.example, b.example".into()).expect("reloads");
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(ask_b(&a).await.expect("a now calls b").into_inner().user.unwrap().id, Some(bob.id()));
    assert_eq!(ask_a().await.expect("a now answers b").into_inner().user.unwrap().id, Some(alice.id()));

    // A bad value changes nothing; the list in force stays.
    let refused = a.reload(|config| config.federation_allow = "b.example, not a domain".into());
    assert!(refused.is_err_and(|err| err.contains("federation_allow")));
    ask_b(&a).await.expect("still allowed");
    assert_eq!(a.reload(|_| {}).expect("reloads"), Vec::<String>::new(), "nothing changed");

    // Denied again: the next call is refused, without a restart.
    a.reload(|config| config.federation_allow = "none".into()).expect("reloads");
    assert_status(ask_b(&a).await, Code::FailedPrecondition, "allow list");
    assert_status(ask_a().await, Code::FailedPrecondition, "not allowed");
}

/// The listener's refusals, played by a raw client with chosen certificates.
#[tokio::test]
async fn the_federation_listener_refuses_each_bad_caller_with_its_own_reason() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let b = spawn_federated(B, &ca, &dns, "a.example,c.example,d.example").await;
    let addr = b.federation_addr.unwrap();
    let b_host = federator_host(B);
    let bob = b.register("bob").await;
    let ask = || fed::GetUserByHandleRequest { handle: "bob".into() };

    // A well-behaved a.example is answered.
    dns.publish(A, &federator_host(A), 1);
    let a_pair = ca.issue(&[&federator_host(A)]);
    let mut client = federation_client(addr, &ca.pem(), Some(&a_pair), &b_host).await.expect("mutual TLS");
    let user = client.get_user_by_handle(from_origin(A, ask())).await.expect("answered").into_inner().user.unwrap();
    assert_eq!(user.id, Some(bob.id()));

    // No origin named.
    let status = client.get_user_by_handle(tonic::Request::new(ask())).await.unwrap_err();
    assert_eq!((status.code(), refusal_reason(&status).as_deref()), (Code::Unauthenticated, Some("ORIGIN_MISSING")));

    // An origin whose federator the certificate does not name.
    dns.publish("c.example", &federator_host("c.example"), 1);
    let status = client.get_user_by_handle(from_origin("c.example", ask())).await.unwrap_err();
    assert_eq!((status.code(), refusal_reason(&status).as_deref()), (Code::Unauthenticated, Some("ORIGIN_MISMATCH")));

    // An origin that is not allowed (checked before any discovery).
    let e_pair = ca.issue(&[&federator_host("e.example")]);
    let mut e_client = federation_client(addr, &ca.pem(), Some(&e_pair), &b_host).await.expect("mutual TLS");
    let status = e_client.get_user_by_handle(from_origin("e.example", ask())).await.unwrap_err();
    assert_eq!((status.code(), refusal_reason(&status).as_deref()), (Code::PermissionDenied, Some("NOT_ALLOWED")));

    // An allowed origin that publishes no federator.
    let d_pair = ca.issue(&[&federator_host("d.example")]);
    let mut d_client = federation_client(addr, &ca.pem(), Some(&d_pair), &b_host).await.expect("mutual TLS");
    let status = d_client.get_user_by_handle(from_origin("d.example", ask())).await.unwrap_err();
    assert_eq!((status.code(), refusal_reason(&status).as_deref()), (Code::Unavailable, Some("DISCOVERY_FAILED")));

    // A backend asking about a third backend's users.
    let third = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: "c.example".into() };
    let status = client
        .claim_prekeys(from_origin(
            A,
            fed::ClaimPrekeysRequest { targets: vec![pb::UserDevices { user: Some(third), device_ids: vec![] }] },
        ))
        .await
        .unwrap_err();
    assert_eq!((status.code(), refusal_reason(&status).as_deref()), (Code::PermissionDenied, Some("NOT_OWNER")));

    // The TLS handshake refuses: no client certificate, a certificate from
    // another CA, an expired certificate.
    let other_ca = TestCa::new("other");
    let stranger = other_ca.issue(&[&federator_host(A)]);
    let expired = ca.issue_expired(&[&federator_host(A)]);
    for (what, pair) in [("no certificate", None), ("wrong CA", Some(&stranger)), ("expired", Some(&expired))] {
        let refused = match federation_client(addr, &ca.pem(), pair, &b_host).await {
            Err(_) => true,
            Ok(mut client) => client.get_user_by_handle(from_origin(A, ask())).await.is_err(),
        };
        assert!(refused, "{what}: the handshake should fail");
    }

    // The client API port does not serve federation.
    let plain = tonic::transport::Channel::from_shared(format!("http://{}", b.addr)).unwrap().connect().await.unwrap();
    let status = fed::federation_service_client::FederationServiceClient::new(plain)
        .get_user_by_handle(from_origin(A, ask()))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::Unimplemented, "{status:?}");
}

async fn connection_event(stream: &mut EventStream) -> pb::Connection {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(20), stream.next_event()).await.expect("an event in time");
        if let Some(pb::event::Payload::ConnectionUpdated(update)) = event.payload {
            return update.connection.unwrap();
        }
    }
}

async fn connection_with(app: &TestApp, account: &Account, other: &Account) -> Option<pb::Connection> {
    let listed = app
        .connections()
        .list_connections(authed(pb::ListConnectionsRequest::default(), account.token()))
        .await
        .expect("list connections")
        .into_inner();
    listed.connections.into_iter().find(|c| c.other == Some(other.id()))
}

#[tokio::test]
async fn a_connection_is_requested_and_accepted_across_backends() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let bob = b.register("bob").await;
    let mut alice_events = a.subscribe(&alice, None).await.unwrap();
    let mut bob_events = b.subscribe(&bob, None).await.unwrap();

    let sent = a
        .connections()
        .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(bob.id()) }, alice.token()))
        .await
        .expect("request across")
        .into_inner()
        .connection
        .unwrap();
    assert_eq!(sent.status, pb::ConnectionStatus::Sent as i32);
    assert_eq!(connection_event(&mut alice_events).await.status, pb::ConnectionStatus::Sent as i32);

    // Bob's backend is told through a's outbox.
    let pending = connection_event(&mut bob_events).await;
    assert_eq!((pending.other, pending.status), (Some(alice.id()), pb::ConnectionStatus::Pending as i32));
    assert_eq!(connection_with(&b, &bob, &alice).await.unwrap().status, pb::ConnectionStatus::Pending as i32);

    b.connections()
        .update_connection(authed(
            pb::UpdateConnectionRequest { user: Some(alice.id()), status: pb::ConnectionStatus::Accepted as i32 },
            bob.token(),
        ))
        .await
        .expect("accept across");
    let accepted = connection_event(&mut alice_events).await;
    assert_eq!((accepted.other, accepted.status), (Some(bob.id()), pb::ConnectionStatus::Accepted as i32));
    let alices = connection_with(&a, &alice, &bob).await.unwrap();
    assert_eq!(alices.status, pb::ConnectionStatus::Accepted as i32);

    // The 1:1 conversation lives on one owner (a.example sorts first) and
    // both sides see it, under the same id.
    let one_to_one = alices.conversation.clone().expect("the owner names the 1:1 conversation");
    assert_eq!(one_to_one.domain, A);
    let seen = conversation_seen(&b, &bob, &one_to_one).await;
    assert_eq!(seen.r#type, pb::ConversationType::OneToOne as i32);
    let deadline = Instant::now() + Duration::from_secs(20);
    while connection_with(&b, &bob, &alice).await.unwrap().conversation != Some(one_to_one.clone()) {
        assert!(Instant::now() < deadline, "bob's connection never named the 1:1 conversation");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    b.send(&bob, &one_to_one, "hello-alice", &[&alice]).await.expect("bob writes in the 1:1");
    let (added, conversation) = message_from(&mut alice_events).await;
    assert_eq!((added.message_id.as_str(), conversation), ("hello-alice", one_to_one.clone()));
    a.send(&alice, &one_to_one, "hello-bob", &[&bob]).await.expect("alice answers");
    let (added, _) = message_from(&mut bob_events).await;
    assert_eq!(added.message_id, "hello-bob");

    // Unknown users are refused at once, asked of their backend.
    let ghost = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: B.into() };
    let refused = a
        .connections()
        .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(ghost) }, alice.token()))
        .await;
    assert_status(refused, Code::NotFound, "unknown user");
}

#[tokio::test]
async fn notifications_wait_in_the_outbox_while_the_other_backend_is_down() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let fast_retries = |config: &mut missive_server::Config| config.federation_retry_max = Duration::from_millis(300);
    let a = missive_testkit::federation::spawn_federated_with(BACKEND, A, &ca, &dns, "*", fast_retries).await;
    let mut b = missive_testkit::federation::spawn_federated_with(BACKEND, B, &ca, &dns, "*", fast_retries).await;
    let alice = a.register("alice").await;
    let carol = a.register("carol").await;
    let bob = b.register("bob").await;
    let dave = b.register("dave").await;
    // Both a's users ask; then a's backend goes down before bob and dave answer.
    for asker in [&alice, &carol] {
        for other in [&bob, &dave] {
            a.connections()
                .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(other.id()) }, asker.token()))
                .await
                .expect("request");
        }
    }
    let mut dave_events = b.subscribe(&dave, None).await.unwrap();
    let mut pending = 0;
    while pending < 2 {
        if connection_event(&mut dave_events).await.status == pb::ConnectionStatus::Pending as i32 {
            pending += 1;
        }
    }
    drop(dave_events);
    let mut a = a;
    a.stop().await;

    // Accepted on b while a is down: queued in b's outbox, and b restarts too.
    for (acceptor, asker) in [(&bob, &alice), (&bob, &carol), (&dave, &alice)] {
        b.connections()
            .update_connection(authed(
                pb::UpdateConnectionRequest { user: Some(asker.id()), status: pb::ConnectionStatus::Accepted as i32 },
                acceptor.token(),
            ))
            .await
            .expect("accepting never waits for the other backend");
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    b = b.restart().await;
    let a = a.restart().await;

    // Everything arrives once a is back.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let alice_bob = connection_with(&a, &alice, &bob).await.unwrap().status;
        let carol_bob = connection_with(&a, &carol, &bob).await.unwrap().status;
        let alice_dave = connection_with(&a, &alice, &dave).await.unwrap().status;
        let carol_dave = connection_with(&a, &carol, &dave).await.unwrap().status;
        let accepted = pb::ConnectionStatus::Accepted as i32;
        if [alice_bob, carol_bob, alice_dave] == [accepted; 3] {
            assert_eq!(carol_dave, pb::ConnectionStatus::Sent as i32, "dave never answered carol");
            break;
        }
        assert!(Instant::now() < deadline, "outbox not delivered: {alice_bob} {carol_bob} {alice_dave}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(b);
}

/// `a` asks `b`'s `bob`, bob accepts; waits until a has seen the acceptance.
pub(crate) async fn connect_across(a: &TestApp, alice: &Account, b: &TestApp, bob: &Account) {
    a.connections()
        .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(bob.id()) }, alice.token()))
        .await
        .expect("request across");
    let deadline = Instant::now() + Duration::from_secs(20);
    while connection_with(b, bob, alice).await.is_none() {
        assert!(Instant::now() < deadline, "the request never reached {}", bob.handle);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    b.connections()
        .update_connection(authed(
            pb::UpdateConnectionRequest { user: Some(alice.id()), status: pb::ConnectionStatus::Accepted as i32 },
            bob.token(),
        ))
        .await
        .expect("accept across");
    while connection_with(a, alice, bob).await.map(|c| c.status) != Some(pb::ConnectionStatus::Accepted as i32) {
        assert!(Instant::now() < deadline, "the acceptance never reached {}", alice.handle);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub(crate) async fn conversation_seen(app: &TestApp, account: &Account, id: &pb::QualifiedId) -> pb::Conversation {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = app
            .conversations()
            .get_conversation(authed(pb::GetConversationRequest { id: Some(id.clone()) }, account.token()))
            .await;
        match found {
            Ok(found) => return found.into_inner().conversation.unwrap(),
            Err(status) => {
                assert!(Instant::now() < deadline, "{} never saw the conversation: {status:?}", account.handle);
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn message_from(stream: &mut EventStream) -> (pb::MessageAdded, pb::QualifiedId) {
    let (_, added) = tokio::time::timeout(Duration::from_secs(20), stream.next_message()).await.expect("a message");
    let conversation = added.conversation.clone().unwrap();
    (added, conversation)
}

#[tokio::test]
async fn a_group_spans_backends_and_messages_flow_both_ways() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let carol = a.register("carol").await;
    let bob = b.register("bob").await;
    connect_across(&a, &alice, &b, &bob).await;
    a.connect(&alice, &carol).await;

    let group = a.group(&alice, &[&bob, &carol]).await;
    assert_eq!(group.domain, A, "owned by the creator's backend");
    let mirrored = conversation_seen(&b, &bob, &group).await;
    let mut members: Vec<_> = mirrored.members.iter().map(|m| m.user.clone().unwrap()).collect();
    members.sort_by(|x, y| (&x.domain, &x.id).cmp(&(&y.domain, &y.id)));
    let mut expected = vec![alice.id(), carol.id(), bob.id()];
    expected.sort_by(|x, y| (&x.domain, &x.id).cmp(&(&y.domain, &y.id)));
    assert_eq!(members, expected);

    let mut alice_events = a.subscribe(&alice, None).await.unwrap();
    let mut carol_events = a.subscribe(&carol, None).await.unwrap();
    let mut bob_events = b.subscribe(&bob, None).await.unwrap();

    // From the owner's side: alice → bob (remote) and carol (local).
    for n in 0..3 {
        a.send(&alice, &group, &format!("a{n}"), &[&bob, &carol]).await.expect("send from the owner's side");
    }
    for n in 0..3 {
        let (added, conversation) = message_from(&mut bob_events).await;
        assert_eq!((added.message_id.as_str(), conversation.clone()), (format!("a{n}").as_str(), group.clone()));
        assert_eq!(added.sender, Some(alice.id()));
        let (added, _) = message_from(&mut carol_events).await;
        assert_eq!(added.message_id, format!("a{n}"));
    }

    // From the other side: bob's send goes to the owner, which fans out.
    for n in 0..3 {
        b.send(&bob, &group, &format!("b{n}"), &[&alice, &carol]).await.expect("send through the owner");
    }
    for n in 0..3 {
        let (added, _) = message_from(&mut alice_events).await;
        assert_eq!((added.message_id.clone(), added.sender.clone()), (format!("b{n}"), Some(bob.id())));
        let (added, _) = message_from(&mut carol_events).await;
        assert_eq!(added.message_id, format!("b{n}"));
    }
    bob_events.assert_no_message(QUIET).await;

    // Typing crosses too, live: from b through nothing but a direct call.
    for (app, typist, stream, who) in [(&b, &bob, &mut alice_events, &bob), (&a, &alice, &mut bob_events, &alice)] {
        app.conversations()
            .set_typing(authed(
                pb::SetTypingRequest { id: Some(group.clone()), status: pb::TypingStatus::Started as i32 },
                typist.token(),
            ))
            .await
            .expect("typing");
        let typing = typing_event(stream).await;
        assert_eq!((typing.user, typing.conversation), (Some(who.id()), Some(group.clone())));
    }

    // A new device of bob's is a mismatch for alice, listed under b.
    let bob_phone = b.second_device(&bob).await;
    let refused = a.send(&alice, &group, "a-missing", &[&bob, &carol]).await.unwrap_err();
    assert_eq!(refused.code(), Code::FailedPrecondition, "{refused:?}");
    let mismatch = mismatch_of(&refused);
    assert_eq!(mismatch.missing.len(), 1, "{mismatch:?}");
    assert_eq!(mismatch.missing[0].user, Some(bob.id()));
    assert_eq!(mismatch.missing[0].device_ids, vec![bob_phone.device_id()]);
    a.send(&alice, &group, "a-all", &[&bob, &bob_phone, &carol]).await.expect("with every device");
    let mut phone_events = b.subscribe(&bob_phone, None).await.unwrap();
    let (added, _) = message_from(&mut phone_events).await;
    assert_eq!(added.message_id, "a-all");

    // Bob's backend forwards a mismatch from the owner as its own.
    let refused = b.send(&bob, &group, "b-missing", &[&alice]).await.unwrap_err();
    assert_eq!(refused.code(), Code::FailedPrecondition, "{refused:?}");
    let mismatch = mismatch_of(&refused);
    let mut missing: Vec<String> = mismatch.missing.iter().map(|l| l.user.clone().unwrap().domain).collect();
    missing.sort();
    assert_eq!(missing, [A, B], "carol's device on a and bob's phone on b: {mismatch:?}");
}

async fn typing_event(stream: &mut EventStream) -> pb::Typing {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(20), stream.next_event()).await.expect("typing in time");
        if let Some(pb::event::Payload::Typing(typing)) = event.payload {
            return typing;
        }
    }
}

fn mismatch_of(status: &tonic::Status) -> pb::ClientMismatch {
    use prost::Message;
    let details = tonic_types::pb::Status::decode(status.details()).expect("status details");
    let any = details.details.into_iter().find(|d| d.type_url.ends_with("missive.v1.ClientMismatch")).expect("mismatch");
    pb::ClientMismatch::decode(any.value.as_slice()).expect("a ClientMismatch")
}

#[tokio::test]
async fn in_a_group_owned_by_b_a_message_from_a_reaches_c() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let c = spawn_federated("c.example", &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let bob = b.register("bob").await;
    let chris = c.register("chris").await;
    connect_across(&b, &bob, &a, &alice).await;
    connect_across(&b, &bob, &c, &chris).await;
    let group = b.group(&bob, &[&alice, &chris]).await;
    conversation_seen(&a, &alice, &group).await;
    conversation_seen(&c, &chris, &group).await;
    let mut chris_events = c.subscribe(&chris, None).await.unwrap();
    let mut bob_events = b.subscribe(&bob, None).await.unwrap();
    a.send(&alice, &group, "from-a", &[&bob, &chris]).await.expect("a sends through b");
    let (added, conversation) = message_from(&mut chris_events).await;
    assert_eq!((added.message_id.as_str(), conversation), ("from-a", group.clone()));
    assert_eq!(added.sender, Some(alice.id()));
    let (added, _) = message_from(&mut bob_events).await;
    assert_eq!(added.message_id, "from-a");
}

/// How long b stays down in the test below: two minutes unless
/// `MISSIVE_TEST_PEER_DOWN_SECS` says otherwise (for a quicker local run).
fn peer_down_for() -> Duration {
    let secs = std::env::var("MISSIVE_TEST_PEER_DOWN_SECS").ok().and_then(|text| text.parse().ok()).unwrap_or(120);
    Duration::from_secs(secs)
}

#[tokio::test]
async fn a_participant_backend_down_for_minutes_gets_every_message_in_order() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    // The default backoff (up to 30 s between attempts), as deployed.
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let mut b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let carol = a.register("carol").await;
    let bob = b.register("bob").await;
    connect_across(&a, &alice, &b, &bob).await;
    a.connect(&alice, &carol).await;
    let group = a.group(&alice, &[&bob, &carol]).await;
    conversation_seen(&b, &bob, &group).await;
    b.stop().await;

    // a's users keep talking, five messages a second, while b is down; the
    // local member gets each one at once.
    let mut carol_events = a.subscribe(&carol, None).await.unwrap();
    let (down_for, started) = (peer_down_for(), Instant::now());
    let mut latencies = Vec::new();
    let mut sent = 0;
    while started.elapsed() < down_for {
        let sending = Instant::now();
        a.send(&alice, &group, &format!("m{sent}"), &[&bob, &carol]).await.expect("b being down does not stop a");
        let (added, _) = message_from(&mut carol_events).await;
        assert_eq!(added.message_id, format!("m{sent}"));
        latencies.push(sending.elapsed());
        sent += 1;
        tokio::time::sleep_until((started + Duration::from_millis(200) * sent).into()).await;
    }
    latencies.sort();
    let at = |share: f64| latencies[((latencies.len() - 1) as f64 * share) as usize];
    let (median, p99, worst) = (at(0.5), at(0.99), at(1.0));
    eprintln!("b down {down_for:?}: {sent} messages; carol's send→receive median {median:?}, p99 {p99:?}, worst {worst:?}");
    assert!(median < Duration::from_millis(100), "a's local member waited {median:?} (median) while b was down");
    assert!(p99 < Duration::from_secs(2), "a's local member waited {p99:?} (p99) while b was down");

    let b = b.restart().await;
    let mut bob_events = b.subscribe(&bob, None).await.unwrap();
    // The outbox tries again within its longest backoff (30 s).
    let deadline = Instant::now() + Duration::from_secs(45);
    let first = loop {
        match bob_events.try_next_event(Duration::from_secs(1)).await.expect("bob's stream") {
            Some(pb::Event { payload: Some(pb::event::Payload::MessageAdded(added)), .. }) => break added,
            _ => assert!(Instant::now() < deadline, "nothing reached b within the longest backoff"),
        }
    };
    assert_eq!(first.message_id, "m0");
    for n in 1..sent {
        let (added, _) = message_from(&mut bob_events).await;
        assert_eq!(added.message_id, format!("m{n}"), "in order, none lost");
    }
    bob_events.assert_no_message(QUIET).await;
}

async fn change_event(stream: &mut EventStream) -> pb::event::Payload {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(20), stream.next_event()).await.expect("an event in time");
        match event.payload {
            Some(
                payload @ (pb::event::Payload::ConversationRenamed(_)
                | pb::event::Payload::MembersJoined(_)
                | pb::event::Payload::MemberLeft(_)),
            ) => return payload,
            _ => continue,
        }
    }
}

#[tokio::test]
async fn changes_to_a_group_reach_every_backend_and_a_remote_member_can_leave() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let bob = b.register("bob").await;
    let dave = b.register("dave").await;
    connect_across(&a, &alice, &b, &bob).await;
    connect_across(&a, &alice, &b, &dave).await;
    let group = a.group(&alice, &[&bob]).await;
    conversation_seen(&b, &bob, &group).await;
    let mut alice_events = a.subscribe(&alice, None).await.unwrap();
    let mut bob_events = b.subscribe(&bob, None).await.unwrap();

    // Renamed on the owner: b's copy follows and bob is told.
    a.conversations()
        .rename_conversation(authed(
            pb::RenameConversationRequest { id: Some(group.clone()), name: "renamed".into() },
            alice.token(),
        ))
        .await
        .expect("rename");
    assert!(matches!(change_event(&mut bob_events).await, pb::event::Payload::ConversationRenamed(_)));
    assert_eq!(conversation_seen(&b, &bob, &group).await.name, "renamed");

    // A member of b added later sees the group; bob sees the join.
    a.conversations()
        .add_members(authed(pb::AddMembersRequest { id: Some(group.clone()), users: vec![dave.id()] }, alice.token()))
        .await
        .expect("add a member of another backend");
    let pb::event::Payload::MembersJoined(joined) = change_event(&mut bob_events).await else { panic!("a join") };
    assert_eq!(joined.members.iter().map(|m| m.user.clone().unwrap()).collect::<Vec<_>>(), vec![dave.id()]);
    assert_eq!(conversation_seen(&b, &dave, &group).await.members.len(), 3);

    // A role change on the owner reaches b's copy and bob.
    let carol = a.register("carol").await;
    a.connect(&alice, &carol).await;
    a.conversations()
        .add_members(authed(pb::AddMembersRequest { id: Some(group.clone()), users: vec![carol.id()] }, alice.token()))
        .await
        .expect("add a local member");
    assert!(matches!(change_event(&mut bob_events).await, pb::event::Payload::MembersJoined(_)));
    a.conversations()
        .update_member_role(authed(
            pb::UpdateMemberRoleRequest {
                id: Some(group.clone()),
                user: Some(carol.id()),
                role: pb::MemberRole::Admin as i32,
            },
            alice.token(),
        ))
        .await
        .expect("make carol an admin");
    loop {
        let event = tokio::time::timeout(Duration::from_secs(20), bob_events.next_event()).await.expect("in time");
        if let Some(pb::event::Payload::MemberRoleUpdated(updated)) = event.payload {
            assert_eq!(updated.user, Some(carol.id()));
            break;
        }
    }
    let copy = conversation_seen(&b, &bob, &group).await;
    let carols = copy.members.iter().find(|m| m.user == Some(carol.id())).expect("carol in b's copy");
    assert_eq!(carols.role, pb::MemberRole::Admin as i32);

    // Bob leaves from his own backend: the owner removes him and tells all.
    b.conversations()
        .leave_conversation(authed(pb::LeaveConversationRequest { id: Some(group.clone()) }, bob.token()))
        .await
        .expect("leave through the owner");
    // Alice saw the rename and the join before; then the leave.
    let left = loop {
        if let pb::event::Payload::MemberLeft(left) = change_event(&mut alice_events).await {
            break left;
        }
    };
    assert_eq!(left.user, Some(bob.id()));
    let pb::event::Payload::MemberLeft(left) = change_event(&mut bob_events).await else { panic!("told too") };
    assert_eq!(left.user, Some(bob.id()));
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let seen = b
            .conversations()
            .get_conversation(authed(pb::GetConversationRequest { id: Some(group.clone()) }, bob.token()))
            .await;
        if seen.as_ref().is_err_and(|status| status.code() == Code::PermissionDenied) {
            break;
        }
        assert!(Instant::now() < deadline, "bob still sees the group he left: {seen:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let members = conversation_seen(&b, &dave, &group).await.members;
    assert_eq!(members.len(), 3, "alice, carol and dave remain: {members:?}");
}

async fn role_event(stream: &mut EventStream) -> pb::MemberRoleUpdated {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(20), stream.next_event()).await.expect("an event in time");
        if let Some(pb::event::Payload::MemberRoleUpdated(updated)) = event.payload {
            return updated;
        }
    }
}

fn role_in(conversation: &pb::Conversation, user: &Account) -> i32 {
    conversation.members.iter().find(|m| m.user == Some(user.id())).expect("a member").role
}

#[tokio::test]
async fn an_admin_on_another_backend_changes_the_group_through_its_owner() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let erin = a.register("erin").await;
    let bob = b.register("bob").await;
    let dave = b.register("dave").await;
    connect_across(&a, &alice, &b, &bob).await;
    connect_across(&a, &erin, &b, &bob).await;
    b.connect(&bob, &dave).await;
    let group = a.group(&alice, &[&bob]).await;
    conversation_seen(&b, &bob, &group).await;
    let mut alice_events = a.subscribe(&alice, None).await.unwrap();
    let mut bob_events = b.subscribe(&bob, None).await.unwrap();
    let rename = |name: &str| pb::RenameConversationRequest { id: Some(group.clone()), name: name.into() };

    // A member who is not an admin is refused by the owner, through b.
    let refused = b.conversations().rename_conversation(authed(rename("by a member"), bob.token())).await;
    assert_status(refused, Code::PermissionDenied, "only admins");

    // The owner's admin makes bob, a user of b, an admin.
    let set_role = |user: &Account, role: pb::MemberRole| pb::UpdateMemberRoleRequest {
        id: Some(group.clone()),
        user: Some(user.id()),
        role: role as i32,
    };
    a.conversations()
        .update_member_role(authed(set_role(&bob, pb::MemberRole::Admin), alice.token()))
        .await
        .expect("a user of another backend made admin");
    let updated = role_event(&mut bob_events).await;
    assert_eq!((updated.user, updated.role), (Some(bob.id()), pb::MemberRole::Admin as i32));
    assert_eq!(role_in(&conversation_seen(&b, &bob, &group).await, &bob), pb::MemberRole::Admin as i32);

    // Bob renames it from b: the owner applies it, and everyone sees bob did.
    let renamed = b
        .conversations()
        .rename_conversation(authed(rename("named on b"), bob.token()))
        .await
        .expect("an admin of another backend renames")
        .into_inner()
        .conversation
        .unwrap();
    assert_eq!((renamed.name.as_str(), renamed.id.clone()), ("named on b", Some(group.clone())));
    let pb::event::Payload::ConversationRenamed(seen) = change_event(&mut alice_events).await else {
        panic!("a rename")
    };
    assert_eq!((seen.name.as_str(), seen.by), ("named on b", Some(bob.id())));
    assert!(matches!(change_event(&mut bob_events).await, pb::event::Payload::ConversationRenamed(_)));

    // Bob adds dave (b) and erin (a), both connected to him.
    let added = b
        .conversations()
        .add_members(authed(
            pb::AddMembersRequest { id: Some(group.clone()), users: vec![dave.id(), erin.id()] },
            bob.token(),
        ))
        .await
        .expect("an admin of another backend adds members")
        .into_inner()
        .conversation
        .unwrap();
    assert_eq!(added.members.len(), 4, "{added:?}");
    let pb::event::Payload::MembersJoined(joined) = change_event(&mut alice_events).await else { panic!("a join") };
    assert_eq!(joined.by, Some(bob.id()));
    conversation_seen(&a, &erin, &group).await;
    conversation_seen(&b, &dave, &group).await;

    // ...but not alice, whom bob's own backend knows he is not connected to:
    // a user of a he is not connected to is refused on b before the owner.
    let stranger = a.register("stranger").await;
    let refused = b
        .conversations()
        .add_members(authed(pb::AddMembersRequest { id: Some(group.clone()), users: vec![stranger.id()] }, bob.token()))
        .await;
    assert_status(refused, Code::PermissionDenied, "not connected");

    // Bob demotes alice, a user of the owner: she can no longer rename.
    b.conversations()
        .update_member_role(authed(set_role(&alice, pb::MemberRole::Member), bob.token()))
        .await
        .expect("a remote admin changes a local member's role");
    let updated = role_event(&mut alice_events).await;
    assert_eq!((updated.user, updated.by), (Some(alice.id()), Some(bob.id())));
    let refused = a.conversations().rename_conversation(authed(rename("by alice"), alice.token())).await;
    assert_status(refused, Code::PermissionDenied, "only admins");

    // Bob removes dave; dave's copy goes, alice is told.
    b.conversations()
        .remove_member(authed(pb::RemoveMemberRequest { id: Some(group.clone()), user: Some(dave.id()) }, bob.token()))
        .await
        .expect("a remote admin removes a member");
    let left = loop {
        if let pb::event::Payload::MemberLeft(left) = change_event(&mut alice_events).await {
            break left;
        }
    };
    assert_eq!((left.user, left.by), (Some(dave.id()), Some(bob.id())));

    // Spoken for directly, the owner checks for itself: b cannot act for a
    // user of a third backend, nor add a's users who are not connected to
    // the admin, whatever b claims.
    let b_pair = ca.issue(&[&federator_host(B)]);
    let a_host = federator_host(A);
    let mut client = federation_client(a.federation_addr.unwrap(), &ca.pem(), Some(&b_pair), &a_host).await.unwrap();
    let update = |by: pb::QualifiedId, users: Vec<pb::QualifiedId>| {
        use fed::update_conversation_request::{Action, AddMembers};
        from_origin(
            B,
            fed::UpdateConversationRequest {
                conversation: Some(group.clone()),
                by: Some(by),
                action: Some(Action::AddMembers(AddMembers { users })),
            },
        )
    };
    let third = pb::QualifiedId { id: bob.id().id, domain: "c.example".into() };
    let refused = client.update_conversation(update(third, vec![stranger.id()])).await.unwrap_err();
    assert_eq!((refused.code(), refusal_reason(&refused).as_deref()), (Code::PermissionDenied, Some("NOT_OWNER")));
    let refused = client.update_conversation(update(bob.id(), vec![stranger.id()])).await.unwrap_err();
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
    assert!(refused.message().contains("not connected"), "{refused:?}");
    // Nor users of a backend that does not exist: the owner asks it first.
    let made_up = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: "nowhere.example".into() };
    let refused = client.update_conversation(update(bob.id(), vec![made_up.clone()])).await.unwrap_err();
    assert_eq!(refused.code(), Code::Unavailable, "{refused:?}");
    assert!(refused.message().contains("nowhere.example"), "{refused:?}");
    let members = conversation_seen(&a, &alice, &group).await.members;
    assert!(!members.iter().any(|m| m.user == Some(stranger.id()) || m.user == Some(made_up.clone())), "{members:?}");
}

/// The next message event, stored or transient.
async fn message_event(stream: &mut EventStream) -> pb::Event {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(20), stream.next_event()).await.expect("an event in time");
        if matches!(event.payload, Some(pb::event::Payload::MessageAdded(_))) {
            return event;
        }
    }
}

#[tokio::test]
async fn transient_messages_cross_backends_live_and_are_never_stored() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let carol = a.register("carol").await;
    let bob = b.register("bob").await;
    connect_across(&a, &alice, &b, &bob).await;
    connect_across(&b, &bob, &a, &carol).await;
    a.connect(&alice, &carol).await;
    // Owned by b, so a transient message from a goes to b and back to a.
    let group = b.group(&bob, &[&alice, &carol]).await;
    conversation_seen(&a, &alice, &group).await;
    let mut bob_events = b.subscribe(&bob, None).await.unwrap();
    let mut carol_events = a.subscribe(&carol, None).await.unwrap();
    let mut alice_events = a.subscribe(&alice, None).await.unwrap();

    let transient = |id: &str, to: &[&Account]| pb::SendMessageRequest { transient: true, ..message(&group, id, to) };
    a.send_request(&alice, transient("call-offer", &[&bob, &carol])).await.expect("a transient send through b");
    for stream in [&mut bob_events, &mut carol_events] {
        let event = message_event(stream).await;
        let Some(pb::event::Payload::MessageAdded(added)) = event.payload else { unreachable!() };
        assert_eq!((added.message_id.as_str(), event.transient, event.cursor), ("call-offer", true, 0));
        assert_eq!(added.sender, Some(alice.id()));
    }
    b.send_request(&bob, transient("call-answer", &[&alice, &carol])).await.expect("a transient send by the owner");
    let event = message_event(&mut alice_events).await;
    assert!(event.transient, "{event:?}");

    // Nothing was stored: a stream from the start finds none of them.
    drop((bob_events, carol_events, alice_events));
    for (app, account) in [(&b, &bob), (&a, &carol), (&a, &alice)] {
        let mut replay = app.subscribe(account, Some(0)).await.unwrap();
        replay.assert_no_message(QUIET).await;
    }
}

#[tokio::test]
async fn each_backend_has_a_quota_of_federation_requests() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let quota = |config: &mut missive_server::Config| config.federation_requests_per_origin_per_minute = 3;
    let b = missive_testkit::federation::spawn_federated_with(BACKEND, B, &ca, &dns, "*", quota).await;
    b.register("bob").await;
    dns.publish(A, &federator_host(A), 1);
    let a_pair = ca.issue(&[&federator_host(A)]);
    let b_host = federator_host(B);
    let mut client = federation_client(b.federation_addr.unwrap(), &ca.pem(), Some(&a_pair), &b_host).await.unwrap();
    let ask = || from_origin(A, fed::GetUserByHandleRequest { handle: "bob".into() });
    missive_testkit::within_one_rate_window().await;
    for _ in 0..3 {
        client.get_user_by_handle(ask()).await.expect("within the quota");
    }
    let refused = client.get_user_by_handle(ask()).await.unwrap_err();
    assert_eq!(refused.code(), Code::ResourceExhausted, "{refused:?}");
    use tonic_types::StatusExt;
    assert!(refused.get_error_details().retry_info().is_some(), "a retry hint: {refused:?}");
    // Another backend has its own quota.
    dns.publish("c.example", &federator_host("c.example"), 1);
    let c_pair = ca.issue(&[&federator_host("c.example")]);
    let mut c_client = federation_client(b.federation_addr.unwrap(), &ca.pem(), Some(&c_pair), &b_host).await.unwrap();
    c_client
        .get_user_by_handle(from_origin("c.example", fed::GetUserByHandleRequest { handle: "bob".into() }))
        .await
        .expect("c's quota is untouched");
}

/// Malformed federation requests get INVALID_ARGUMENT (or NOT_FOUND),
/// never INTERNAL, and acting for a third backend is NOT_OWNER.
#[tokio::test]
async fn bad_federation_requests_are_refused_deliberately() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let bob = b.register("bob").await;
    dns.publish(A, &federator_host(A), 1);
    let pair = ca.issue(&[&federator_host(A)]);
    let mut client = federation_client(b.federation_addr.unwrap(), &ca.pem(), Some(&pair), &federator_host(B))
        .await
        .unwrap();
    let alice_on_a = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: A.into() };
    let carol_on_c = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: "c.example".into() };
    let bob_id = bob.id().id;
    let connection = |from: pb::QualifiedId, to: &str, action: i32, delivery: &str| {
        from_origin(
            A,
            fed::OnConnectionUpdatedRequest {
                delivery_id: delivery.into(),
                from: Some(from),
                to_user_id: to.into(),
                action,
            },
        )
    };
    let requested = fed::ConnectionAction::Requested as i32;
    let conversation_on = |domain: &str| pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: domain.into() };
    let (on_a, on_b, on_c) = (conversation_on(A), conversation_on(B), conversation_on("c.example"));
    let mls_sent = |delivery: &str, conversation: &pb::QualifiedId, device: &str| fed::OnMlsMessageSentRequest {
        delivery_id: delivery.into(),
        conversation: Some(conversation.clone()),
        sender: Some(alice_on_a.clone()),
        sender_device_id: device.into(),
        message: vec![1],
        user_ids: vec![bob_id.clone()],
        skipped: vec![],
        welcome: vec![],
        welcomed: vec![],
    };
    let cases: Vec<(&str, Result<(), tonic::Status>, Code)> = vec![
        (
            "GetUsers with a malformed id",
            client.get_users(from_origin(A, fed::GetUsersRequest { user_ids: vec!["nope".into()] })).await.map(drop),
            Code::InvalidArgument,
        ),
        (
            "GetUserByHandle with a malformed handle",
            client.get_user_by_handle(from_origin(A, fed::GetUserByHandleRequest { handle: "NO PE".into() })).await.map(drop),
            Code::InvalidArgument,
        ),
        (
            "SearchUsers with an empty query",
            client.search_users(from_origin(A, fed::SearchUsersRequest { query: "".into(), limit: 0 })).await.map(drop),
            Code::InvalidArgument,
        ),
        (
            "ClaimKeyPackages for an unknown user",
            client
                .claim_key_packages(from_origin(A, fed::ClaimKeyPackagesRequest { user_id: uuid::Uuid::new_v4().to_string() }))
                .await
                .map(drop),
            Code::NotFound,
        ),
        (
            "OnConnectionUpdated without a delivery id",
            client.on_connection_updated(connection(alice_on_a.clone(), &bob_id, requested, "")).await.map(drop),
            Code::InvalidArgument,
        ),
        (
            "OnConnectionUpdated with no action",
            client.on_connection_updated(connection(alice_on_a.clone(), &bob_id, 0, "d1")).await.map(drop),
            Code::InvalidArgument,
        ),
        (
            "OnConnectionUpdated to an unknown user",
            client
                .on_connection_updated(connection(alice_on_a.clone(), &uuid::Uuid::new_v4().to_string(), requested, "d2"))
                .await
                .map(drop),
            Code::NotFound,
        ),
        (
            "OnConnectionUpdated for a third backend's user",
            client.on_connection_updated(connection(carol_on_c.clone(), &bob_id, requested, "d3")).await.map(drop),
            Code::PermissionDenied,
        ),
        (
            "OnConversationCreated without a conversation",
            client
                .on_conversation_created(from_origin(
                    A,
                    fed::OnConversationCreatedRequest { delivery_id: "d4".into(), conversation: None },
                ))
                .await
                .map(drop),
            Code::InvalidArgument,
        ),
        (
            "OnMessageSent for an unknown conversation",
            client
                .on_message_sent(from_origin(
                    A,
                    fed::OnMessageSentRequest {
                        delivery_id: "d5".into(),
                        conversation: Some(pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: A.into() }),
                        sender: Some(alice_on_a.clone()),
                        sender_device_id: "0123456789abcdef".into(),
                        message_id: "m".into(),
                        time: None,
                        ciphertexts: vec![],
                    },
                ))
                .await
                .map(drop),
            Code::NotFound,
        ),
        (
            "SendMessage for a third backend's user",
            client
                .send_message(from_origin(
                    A,
                    fed::SendMessageRequest {
                        sender: Some(carol_on_c.clone()),
                        sender_device_id: "0123456789abcdef".into(),
                        message: Some(message(&pb::QualifiedId { id: bob_id.clone(), domain: B.into() }, "m", &[&bob])),
                    },
                ))
                .await
                .map(drop),
            Code::PermissionDenied,
        ),
        (
            "SendMessage without a message",
            client
                .send_message(from_origin(
                    A,
                    fed::SendMessageRequest {
                        sender: Some(alice_on_a.clone()),
                        sender_device_id: "0123456789abcdef".into(),
                        message: None,
                    },
                ))
                .await
                .map(drop),
            Code::InvalidArgument,
        ),
        (
            "SendMlsMessage for a third backend's user",
            client
                .send_mls_message(from_origin(
                    A,
                    fed::SendMlsMessageRequest {
                        sender: Some(carol_on_c.clone()),
                        sender_device_id: "0123456789abcdef".into(),
                        message: Some(pb::SendMlsMessageRequest {
                            conversation: Some(on_b.clone()),
                            message: vec![1],
                        }),
                    },
                ))
                .await
                .map(drop),
            Code::PermissionDenied,
        ),
        (
            "SendMlsMessage to an unknown conversation",
            client
                .send_mls_message(from_origin(
                    A,
                    fed::SendMlsMessageRequest {
                        sender: Some(alice_on_a.clone()),
                        sender_device_id: "0123456789abcdef".into(),
                        message: Some(pb::SendMlsMessageRequest {
                            conversation: Some(on_b.clone()),
                            message: vec![1],
                        }),
                    },
                ))
                .await
                .map(drop),
            Code::NotFound,
        ),
        (
            "SendMlsCommitBundle without a bundle",
            client
                .send_mls_commit_bundle(from_origin(
                    A,
                    fed::SendMlsCommitBundleRequest {
                        sender: Some(alice_on_a.clone()),
                        sender_device_id: "0123456789abcdef".into(),
                        bundle: None,
                    },
                ))
                .await
                .map(drop),
            Code::InvalidArgument,
        ),
        (
            "GetMlsGroupInfo of a conversation the receiver does not own",
            client
                .get_mls_group_info(from_origin(
                    A,
                    fed::GetMlsGroupInfoRequest { conversation: Some(on_a.clone()), user: Some(alice_on_a.clone()) },
                ))
                .await
                .map(drop),
            Code::PermissionDenied,
        ),
        (
            "OnMlsMessageSent for a third backend's conversation",
            client.on_mls_message_sent(from_origin(A, mls_sent("d6", &on_c, "0123456789abcdef"))).await.map(drop),
            Code::PermissionDenied,
        ),
        (
            "OnMlsMessageSent with a malformed device id",
            client.on_mls_message_sent(from_origin(A, mls_sent("d7", &on_a, "not a device"))).await.map(drop),
            Code::InvalidArgument,
        ),
        (
            "OnMlsMessageSent for an unknown conversation",
            client.on_mls_message_sent(from_origin(A, mls_sent("d8", &on_a, "0123456789abcdef"))).await.map(drop),
            Code::NotFound,
        ),
    ];
    for (what, answer, code) in cases {
        let status = answer.expect_err(what);
        assert_eq!(status.code(), code, "{what}: {status:?}");
        if code == Code::PermissionDenied {
            assert_eq!(refusal_reason(&status).as_deref(), Some("NOT_OWNER"), "{what}: {status:?}");
        }
    }
    // Still serving.
    client.get_user_by_handle(from_origin(A, fed::GetUserByHandleRequest { handle: "bob".into() })).await.unwrap();
}
