//! MLS conversations: the server as the delivery service, driven by openmls
//! clients that encrypt for real.

use crate::helpers::*;
use missive_proto::v1 as pb;
use missive_testkit::mls::{Bundle, MlsClient, Received, client_of, identity, leaf_of};
use missive_mls::openmls::prelude::MlsGroup;
use tonic::{Code, Status};
use tonic_types::StatusExt;

async fn upload_key_package(app: &TestApp, account: &Account, mls: &MlsClient) {
    app.keys()
        .upload_key_packages(authed(pb::UploadKeyPackagesRequest { key_packages: vec![mls.key_package().unwrap()] }, account.token()))
        .await
        .expect("upload key package");
}

async fn claim(app: &TestApp, by: &Account, user: &Account) -> Vec<Vec<u8>> {
    app.keys()
        .claim_key_packages(authed(pb::ClaimKeyPackagesRequest { user: Some(user.id()) }, by.token()))
        .await
        .expect("claim key packages")
        .into_inner()
        .key_packages
        .into_iter()
        .map(|claimed| claimed.key_package)
        .collect()
}

async fn commit(
    app: &TestApp,
    by: &Account,
    conversation: &pb::QualifiedId,
    bundle: &Bundle,
) -> Result<pb::SendCommitBundleResponse, Status> {
    let request = pb::SendCommitBundleRequest {
        conversation: Some(conversation.clone()),
        commit: bundle.commit.clone(),
        welcome: bundle.welcome.clone(),
        group_info: bundle.group_info.clone(),
    };
    app.mls().send_commit_bundle(authed(request, by.token())).await.map(|r| r.into_inner())
}

async fn send(app: &TestApp, by: &Account, conversation: &pb::QualifiedId, message: Vec<u8>) -> Result<(), Status> {
    let request = pb::SendMlsMessageRequest { conversation: Some(conversation.clone()), message };
    app.mls().send_mls_message(authed(request, by.token())).await.map(drop)
}

/// The epoch a stale refusal names, from its `ErrorInfo`.
fn stale_epoch(status: &Status) -> u64 {
    assert_eq!(status.code(), Code::FailedPrecondition, "{status:?}");
    let info = status.get_details_error_info().expect("an ErrorInfo detail");
    assert_eq!(info.reason, "mls-stale-message");
    info.metadata["epoch"].parse().expect("epoch is a number")
}

/// Alice's MLS group conversation with `members`, and her group at epoch 0.
async fn mls_group(app: &TestApp, alice: &Account, members: &[&Account]) -> (pb::QualifiedId, MlsGroup, MlsClient) {
    let conversation = app.group_with(alice, members, pb::Protocol::Mls).await;
    assert_eq!(conversation.protocol, pb::Protocol::Mls as i32);
    let id = conversation.id.unwrap();
    assert_eq!(conversation.mls_group_id, format!("{}@{}", id.id, id.domain).into_bytes());
    let device = client_of(alice, DOMAIN);
    let group = device.create_group(&conversation.mls_group_id).unwrap();
    (id, group, device)
}

#[tokio::test]
async fn an_mls_group_relays_commits_welcomes_and_messages_only_members_can_read() {
    let app = spawn_app().await;
    let (alice, bob, carol) = (app.register("alice").await, app.register("bob").await, app.register("carol").await);
    app.connect(&alice, &bob).await;
    app.connect(&alice, &carol).await;
    let (bob_mls, carol_mls) = (client_of(&bob, DOMAIN), client_of(&carol, DOMAIN));
    upload_key_package(&app, &bob, &bob_mls).await;
    upload_key_package(&app, &carol, &carol_mls).await;
    let tap = RedisTap::start(&app).await;
    let (id, mut alice_group, alice_mls) = mls_group(&app, &alice, &[&bob]).await;
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();
    let mut carol_events = app.subscribe(&carol, None).await.unwrap();
    let mut alice_events = app.subscribe(&alice, None).await.unwrap();

    // Epoch 0 → 1: Alice adds Bob's device; Bob joins by the Welcome.
    let bundle = alice_mls.add(&mut alice_group, &claim(&app, &alice, &bob).await).unwrap();
    assert_eq!(commit(&app, &alice, &id, &bundle).await.unwrap().epoch, 1);
    alice_mls.accepted(&mut alice_group).unwrap();
    let mut bob_group = bob_mls.join(&bob_events.next_welcome().await).expect("Bob joins");
    assert_eq!(bob_group.epoch().as_u64(), 1);

    // Both ways, decrypted by the other side only.
    let first = alice_mls.encrypt(&mut alice_group, b"hello bob").unwrap();
    send(&app, &alice, &id, first.clone()).await.unwrap();
    let received = bob_events.next_mls_message().await;
    assert_eq!(received.sender.as_ref(), Some(&alice.id()));
    assert_eq!(received.sender_device_id, alice.device_id());
    assert_eq!(bob_mls.receive(&mut bob_group, &received.message), Ok(Received::Application(b"hello bob".to_vec())));
    send(&app, &bob, &id, bob_mls.encrypt(&mut bob_group, b"hi alice").unwrap()).await.unwrap();
    let received = alice_events.next_mls_message().await;
    assert_eq!(alice_mls.receive(&mut alice_group, &received.message), Ok(Received::Application(b"hi alice".to_vec())));

    // A ciphertext changed on the way is refused by the receiving client.
    let mut tampered = alice_mls.encrypt(&mut alice_group, b"tampered").unwrap();
    let last = tampered.len() - 1;
    tampered[last] ^= 0x01;
    send(&app, &alice, &id, tampered).await.expect("the server cannot tell: it never decrypts");
    let received = bob_events.next_mls_message().await;
    assert!(bob_mls.receive(&mut bob_group, &received.message).is_err(), "a tampered message was accepted");

    // Epoch 1 → 2: adding Carol's device makes Carol a member, in the
    // commit's transaction.
    let bundle = alice_mls.add(&mut alice_group, &claim(&app, &alice, &carol).await).unwrap();
    assert_eq!(commit(&app, &alice, &id, &bundle).await.unwrap().epoch, 2);
    alice_mls.accepted(&mut alice_group).unwrap();
    let members: Vec<_> = app
        .conversations()
        .get_conversation(authed(pb::GetConversationRequest { id: Some(id.clone()) }, alice.token()))
        .await
        .unwrap()
        .into_inner()
        .conversation
        .unwrap()
        .members
        .into_iter()
        .map(|m| m.user.unwrap())
        .collect();
    assert!(members.contains(&carol.id()), "Carol joined by the commit: {members:?}");
    let mut carol_group = carol_mls.join(&carol_events.next_welcome().await).expect("Carol joins");
    let commit_for_bob = bob_events.next_mls_message().await;
    assert_eq!(bob_mls.receive(&mut bob_group, &commit_for_bob.message), Ok(Received::Commit));
    assert_eq!(bob_group.epoch().as_u64(), 2);
    send(&app, &alice, &id, alice_mls.encrypt(&mut alice_group, b"hello both").unwrap()).await.unwrap();
    for (mls, group, events) in [(&bob_mls, &mut bob_group, &mut bob_events), (&carol_mls, &mut carol_group, &mut carol_events)]
    {
        let message = events.next_mls_message().await.message;
        assert_eq!(mls.receive(group, &message), Ok(Received::Application(b"hello both".to_vec())));
    }

    // Epoch 2 → 3: removing Bob's only device removes Bob from the
    // conversation; he gets the commit that removes him, then nothing.
    let bob_leaf = leaf_of(&alice_group, &identity(&bob, DOMAIN)).expect("Bob's leaf");
    let bundle = alice_mls.remove(&mut alice_group, &[bob_leaf]).unwrap();
    assert!(bundle.welcome.is_empty());
    assert_eq!(commit(&app, &alice, &id, &bundle).await.unwrap().epoch, 3);
    alice_mls.accepted(&mut alice_group).unwrap();
    let removal = bob_events.next_mls_message().await;
    assert_eq!(removal.message, bundle.commit);
    let gone = app
        .conversations()
        .get_conversation(authed(pb::GetConversationRequest { id: Some(id.clone()) }, bob.token()))
        .await;
    assert_status(gone, Code::PermissionDenied, "not a member");
    let message = carol_events.next_mls_message().await.message;
    assert_eq!(carol_mls.receive(&mut carol_group, &message), Ok(Received::Commit));
    send(&app, &alice, &id, alice_mls.encrypt(&mut alice_group, b"without bob").unwrap()).await.unwrap();
    let message = carol_events.next_mls_message().await.message;
    assert_eq!(carol_mls.receive(&mut carol_group, &message), Ok(Received::Application(b"without bob".to_vec())));
    bob_events.assert_no_mls(QUIET).await;

    let info = app
        .mls()
        .get_group_info(authed(pb::GetGroupInfoRequest { conversation: Some(id.clone()) }, carol.token()))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(info.epoch, 3);
    assert_eq!(info.group_info, bundle.group_info, "the latest GroupInfo is kept");

    // What the server stored, and on PostgreSQL + Redis what crossed the
    // bus, is MLS bytes only: no plaintext anywhere.
    for plaintext in ["hello bob", "hi alice", "hello both", "without bob"] {
        assert_stored_nowhere(&app, plaintext.as_bytes()).await;
    }
    if let Some(tap) = tap {
        let heard = tap.heard().await;
        assert!(contains(&heard, &first), "the tap saw the first ciphertext go by ({} bytes heard)", heard.len());
        for plaintext in ["hello bob", "hi alice", "hello both", "without bob"] {
            assert!(!contains(&heard, plaintext.as_bytes()), "{plaintext:?} crossed Redis");
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every byte published on a production server's Redis channels while it
/// runs, read by a plain RESP subscriber of its own.
struct RedisTap {
    heard: std::sync::Arc<tokio::sync::Mutex<Vec<u8>>>,
}

impl RedisTap {
    async fn start(app: &TestApp) -> Option<RedisTap> {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let url = app.config.redis_url.clone()?;
        let address = url.trim_start_matches("redis://").split('/').next().unwrap().to_owned();
        let mut socket = tokio::net::TcpStream::connect(address).await.expect("Redis for the tap");
        let pattern = format!("missive:{}:*", app.config.redis_namespace);
        let command = format!("*2\r\n$10\r\nPSUBSCRIBE\r\n${}\r\n{pattern}\r\n", pattern.len());
        socket.write_all(command.as_bytes()).await.unwrap();
        let heard = std::sync::Arc::new(tokio::sync::Mutex::new(Vec::new()));
        let sink = heard.clone();
        tokio::spawn(async move {
            let mut buffer = vec![0u8; 64 * 1024];
            while let Ok(read) = socket.read(&mut buffer).await {
                if read == 0 {
                    break;
                }
                sink.lock().await.extend_from_slice(&buffer[..read]);
            }
        });
        // Subscribed before anything is published.
        for _ in 0..100 {
            if contains(&heard.lock().await, b"psubscribe") {
                return Some(RedisTap { heard });
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("the Redis tap did not subscribe");
    }

    async fn heard(&self) -> Vec<u8> {
        self.heard.lock().await.clone()
    }
}

/// Neither the database's rows nor (embedded) any file of the data
/// directory hold `plaintext`; the tables every backend of a group has
/// rows in must have them (the group's owner also `mls_groups`).
async fn assert_stored_nowhere(app: &TestApp, plaintext: &[u8]) {
    assert_stored_nowhere_on(app, plaintext, true).await
}

async fn assert_stored_nowhere_on(app: &TestApp, plaintext: &[u8], owner: bool) {
    let contains = |haystack: &[u8]| contains(haystack, plaintext);
    let db = missive_db::connect_and_migrate(&app.config.database_url()).await.unwrap();
    use missive_db::sea_orm::{ConnectionTrait, Statement};
    let tables = [
        ("events", "payload", true),
        ("mls_groups", "group_info", owner),
        ("key_packages", "data", false),
        ("federation_outbox", "body", false),
    ];
    for (table, column, has_rows) in tables {
        let sql = format!("SELECT {column} AS bytes FROM {table}");
        let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
        assert!(!rows.is_empty() || !has_rows, "{table} has rows to look at");
        for row in rows {
            let bytes: Option<Vec<u8>> = row.try_get("", "bytes").unwrap();
            assert!(!contains(&bytes.unwrap_or_default()), "{table}.{column} holds the plaintext");
        }
    }
    for entry in std::fs::read_dir(&app.config.data_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            assert!(!contains(&std::fs::read(&path).unwrap()), "{} holds the plaintext", path.display());
        }
    }
}

#[tokio::test]
async fn of_concurrent_commits_for_one_epoch_exactly_one_wins() {
    let app = spawn_app().await;
    let (alice, bob) = (app.register("alice").await, app.register("bob").await);
    app.connect(&alice, &bob).await;
    let bob_mls = client_of(&bob, DOMAIN);
    upload_key_package(&app, &bob, &bob_mls).await;
    let (id, mut alice_group, alice_mls) = mls_group(&app, &alice, &[&bob]).await;
    let mut alice_events = app.subscribe(&alice, None).await.unwrap();
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();
    let bundle = alice_mls.add(&mut alice_group, &claim(&app, &alice, &bob).await).unwrap();
    commit(&app, &alice, &id, &bundle).await.unwrap();
    alice_mls.accepted(&mut alice_group).unwrap();
    let mut bob_group = bob_mls.join(&bob_events.next_welcome().await).unwrap();

    for round in 0..6u64 {
        let epoch = 1 + round;
        let (a, b) = (alice_mls.self_update(&mut alice_group).unwrap(), bob_mls.self_update(&mut bob_group).unwrap());
        let (a_result, b_result) = tokio::join!(commit(&app, &alice, &id, &a), commit(&app, &bob, &id, &b));
        let (winner, loser) = match (&a_result, &b_result) {
            (Ok(won), Err(lost)) => {
                assert_eq!(won.epoch, epoch + 1);
                assert_eq!(stale_epoch(lost), epoch + 1, "the refusal names the current epoch");
                ("alice", "bob")
            }
            (Err(lost), Ok(won)) => {
                assert_eq!(won.epoch, epoch + 1);
                assert_eq!(stale_epoch(lost), epoch + 1);
                ("bob", "alice")
            }
            other => panic!("round {round}: exactly one commit must win, got {other:?}"),
        };
        // The loser drops its commit and takes the winner's from its stream.
        let (win_mls, win_group, lose_mls, lose_group, lose_events) = match winner {
            "alice" => (&alice_mls, &mut alice_group, &bob_mls, &mut bob_group, &mut bob_events),
            _ => (&bob_mls, &mut bob_group, &alice_mls, &mut alice_group, &mut alice_events),
        };
        win_mls.accepted(win_group).unwrap();
        lose_mls.refused(lose_group).unwrap();
        let message = lose_events.next_mls_message().await.message;
        assert_eq!(lose_mls.receive(lose_group, &message), Ok(Received::Commit), "{loser} takes {winner}'s commit");
        assert_eq!(win_group.epoch(), lose_group.epoch());
    }
    // Still one group: a message from either side reads on the other.
    send(&app, &bob, &id, bob_mls.encrypt(&mut bob_group, b"still in sync").unwrap()).await.unwrap();
    let message = alice_events.next_mls_message().await.message;
    assert_eq!(alice_mls.receive(&mut alice_group, &message), Ok(Received::Application(b"still in sync".to_vec())));
}

#[tokio::test]
async fn bad_mls_requests_get_clear_statuses_and_change_nothing() {
    let app = spawn_app().await;
    let (alice, bob, carol) = (app.register("alice").await, app.register("bob").await, app.register("carol").await);
    let stranger = app.register("stranger").await;
    app.connect(&alice, &bob).await;
    app.connect(&alice, &carol).await;
    app.connect(&bob, &carol).await;
    let (bob_mls, carol_mls) = (client_of(&bob, DOMAIN), client_of(&carol, DOMAIN));
    upload_key_package(&app, &bob, &bob_mls).await;
    let (id, mut alice_group, alice_mls) = mls_group(&app, &alice, &[&bob]).await;
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();

    // Not MLS bytes at all.
    let garbage = Bundle { commit: b"nope".to_vec(), welcome: Vec::new(), group_info: b"nope".to_vec() };
    assert_status(commit(&app, &alice, &id, &garbage).await, Code::InvalidArgument, "not an MLS message");
    assert_status(send(&app, &alice, &id, b"nope".to_vec()).await, Code::InvalidArgument, "not an MLS message");
    assert_status(send(&app, &alice, &id, Vec::new()).await, Code::InvalidArgument, "message must be");

    // A group made for another conversation.
    let other = app.group_with(&alice, &[], pb::Protocol::Mls).await.id.unwrap();
    let mut stray = alice_mls.create_group(format!("{}@{}", other.id, other.domain).as_bytes()).unwrap();
    let stray_bundle = alice_mls.self_update(&mut stray).unwrap();
    assert_status(commit(&app, &alice, &id, &stray_bundle).await, Code::InvalidArgument, "another group");

    // The add without its Welcome, or with the GroupInfo of another epoch.
    let bob_packages = claim(&app, &alice, &bob).await;
    let add = alice_mls.add(&mut alice_group, &bob_packages).unwrap();
    let no_welcome = Bundle { welcome: Vec::new(), ..add.clone() };
    assert_status(commit(&app, &alice, &id, &no_welcome).await, Code::InvalidArgument, "Welcome for them is required");
    let wrong_info = Bundle { group_info: stray_bundle.group_info.clone(), ..add.clone() };
    assert_status(commit(&app, &alice, &id, &wrong_info).await, Code::InvalidArgument, "another group");
    // Bob sends Alice's commit: it was not made by his device.
    assert_status(commit(&app, &bob, &id, &add).await, Code::PermissionDenied, "not made by this device");
    // Not a member at all.
    assert_status(commit(&app, &stranger, &id, &add).await, Code::PermissionDenied, "not a member");
    let info = app
        .mls()
        .get_group_info(authed(pb::GetGroupInfoRequest { conversation: Some(id.clone()) }, alice.token()))
        .await
        .unwrap()
        .into_inner();
    assert_eq!((info.epoch, info.group_info.len()), (0, 0), "nothing refused moved the group");

    assert_eq!(commit(&app, &alice, &id, &add).await.unwrap().epoch, 1);
    alice_mls.accepted(&mut alice_group).unwrap();
    let mut bob_group = bob_mls.join(&bob_events.next_welcome().await).unwrap();

    // The same bundle again: its epoch is gone.
    let replay = commit(&app, &alice, &id, &add).await.unwrap_err();
    assert_eq!(stale_epoch(&replay), 1);

    // A message encrypted at epoch 1, sent after a commit moved the group to 2.
    let late = alice_mls.encrypt(&mut alice_group, b"late").unwrap();
    let update = bob_mls.self_update(&mut bob_group).unwrap();
    commit(&app, &bob, &id, &update).await.unwrap();
    bob_mls.accepted(&mut bob_group).unwrap();
    assert_eq!(stale_epoch(&send(&app, &alice, &id, late).await.unwrap_err()), 2);

    // Only admins add other users; Bob is a member, connected to Carol.
    upload_key_package(&app, &carol, &carol_mls).await;
    let carol_packages = claim(&app, &bob, &carol).await;
    let by_bob = bob_mls.add(&mut bob_group, &carol_packages).unwrap();
    assert_status(commit(&app, &bob, &id, &by_bob).await, Code::PermissionDenied, "only admins");
    bob_mls.refused(&mut bob_group).unwrap();

    // A leaf that is no device of this backend: a key package the server
    // never saw, for a made-up device.
    let ghost_key = DeviceKey::generate();
    let ghost_identity = format!("{}:{}@{DOMAIN}", carol.id().id, ghost_key.device_id());
    let ghost = MlsClient::new(ghost_key.signing.to_bytes(), &ghost_identity);
    let message = alice_events_sync(&app, &alice, &alice_mls, &mut alice_group).await;
    assert_eq!(message, Received::Commit);
    let by_ghost = alice_mls.add(&mut alice_group, &[ghost.key_package().unwrap()]).unwrap();
    assert_status(commit(&app, &alice, &id, &by_ghost).await, Code::InvalidArgument, "not an existing device");
    alice_mls.refused(&mut alice_group).unwrap();

    // Wrong protocol either way.
    let per_device = app.group(&alice, &[&bob]).await;
    assert_status(
        send(&app, &alice, &per_device, alice_mls.encrypt(&mut alice_group, b"x").unwrap()).await,
        Code::FailedPrecondition,
        "not an MLS conversation",
    );
    assert_status(app.send(&alice, &id, "m1", &[&bob]).await, Code::FailedPrecondition, "MLS conversation");
    let add_members = app
        .conversations()
        .add_members(authed(pb::AddMembersRequest { id: Some(id.clone()), users: vec![carol.id()] }, alice.token()))
        .await;
    assert_status(add_members, Code::FailedPrecondition, "change by commit");
    let unknown = pb::CreateConversationRequest { name: "x".into(), members: vec![], protocol: 7 };
    let created = app.conversations().create_conversation(authed(unknown, alice.token())).await;
    assert_status(created, Code::InvalidArgument, "unknown protocol");
}

/// Alice reads Bob's self-update from her stream.
async fn alice_events_sync(app: &TestApp, alice: &Account, mls: &MlsClient, group: &mut MlsGroup) -> Received {
    let mut events = app.subscribe(alice, None).await.unwrap();
    let message = events.next_mls_message().await.message;
    mls.receive(group, &message).unwrap()
}

/// The epoch a stale refusal names, when the refusal is one.
fn stale_of(result: Result<impl std::fmt::Debug, Status>) -> u64 {
    stale_epoch(&result.expect_err("a stale epoch is refused"))
}

/// An MLS group owned by backend A with a member on backend B: B forwards
/// its device's commits and messages to A, which orders them and relays
/// what every device gets, Welcomes included, through the federation
/// outbox; epochs, permissions and stale refusals hold across the two.
#[tokio::test]
async fn an_mls_group_spans_backends_through_its_owner() {
    use crate::federation::{connect_across, conversation_seen};
    use missive_testkit::federation::{DnsServer, TestCa};
    const A: &str = "a.example";
    const B: &str = "b.example";
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let (alice, carol) = (a.register("alice").await, a.register("carol").await);
    let (bob, dave) = (b.register("bob").await, b.register("dave").await);
    connect_across(&a, &alice, &b, &bob).await;
    a.connect(&alice, &carol).await;
    let (alice_mls, carol_mls) = (client_of(&alice, A), client_of(&carol, A));
    let (bob_mls, dave_mls) = (client_of(&bob, B), client_of(&dave, B));
    upload_key_package(&a, &carol, &carol_mls).await;
    upload_key_package(&b, &bob, &bob_mls).await;
    upload_key_package(&b, &dave, &dave_mls).await;

    let conversation = a.group_with(&alice, &[&bob], pb::Protocol::Mls).await;
    let id = conversation.id.clone().unwrap();
    let mirrored = conversation_seen(&b, &bob, &id).await;
    assert_eq!(mirrored.protocol, pb::Protocol::Mls as i32);
    assert_eq!(mirrored.mls_group_id, conversation.mls_group_id);
    let mut alice_group = alice_mls.create_group(&conversation.mls_group_id).unwrap();
    let mut alice_events = a.subscribe(&alice, None).await.unwrap();
    let mut carol_events = a.subscribe(&carol, None).await.unwrap();
    let mut bob_events = b.subscribe(&bob, None).await.unwrap();

    // Alice adds Bob's device, claimed from B through A; the Welcome
    // crosses to B.
    let bundle = alice_mls.add(&mut alice_group, &claim(&a, &alice, &bob).await).unwrap();
    assert_eq!(commit(&a, &alice, &id, &bundle).await.unwrap().epoch, 1);
    alice_mls.accepted(&mut alice_group).unwrap();
    let mut bob_group = bob_mls.join(&bob_events.next_welcome().await).expect("Bob joins across backends");

    // Both ways: Bob's message goes from B to A, which relays it.
    send(&a, &alice, &id, alice_mls.encrypt(&mut alice_group, b"hello b").unwrap()).await.unwrap();
    let received = bob_events.next_mls_message().await;
    assert_eq!(received.sender, Some(alice.id()));
    assert_eq!(bob_mls.receive(&mut bob_group, &received.message), Ok(Received::Application(b"hello b".to_vec())));
    send(&b, &bob, &id, bob_mls.encrypt(&mut bob_group, b"hello a").unwrap()).await.expect("through the owner");
    let received = alice_events.next_mls_message().await;
    assert_eq!((received.sender.clone(), received.sender_device_id.clone()), (Some(bob.id()), bob.device_id()));
    assert_eq!(alice_mls.receive(&mut alice_group, &received.message), Ok(Received::Application(b"hello a".to_vec())));

    // Alice adds Carol (epoch 1 → 2); Bob, still at epoch 1, is refused
    // with the owner's epoch, for a message (decided by A) and a commit.
    let bundle = alice_mls.add(&mut alice_group, &claim(&a, &alice, &carol).await).unwrap();
    assert_eq!(commit(&a, &alice, &id, &bundle).await.unwrap().epoch, 2);
    alice_mls.accepted(&mut alice_group).unwrap();
    let mut carol_group = carol_mls.join(&carol_events.next_welcome().await).expect("Carol joins");
    let late = bob_mls.encrypt(&mut bob_group, b"too late").unwrap();
    assert_eq!(stale_of(send(&b, &bob, &id, late).await), 2);
    let early = bob_mls.self_update(&mut bob_group).unwrap();
    assert_eq!(stale_of(commit(&b, &bob, &id, &early).await), 2);
    bob_mls.refused(&mut bob_group).unwrap();
    let message = bob_events.next_mls_message().await.message;
    assert_eq!(bob_mls.receive(&mut bob_group, &message), Ok(Received::Commit));

    // Bob's own commit (epoch 2 → 3), forwarded by B and ordered by A,
    // reaches Alice and Carol; B serves the owner's GroupInfo.
    let update = bob_mls.self_update(&mut bob_group).unwrap();
    assert_eq!(commit(&b, &bob, &id, &update).await.expect("a member's commit across").epoch, 3);
    bob_mls.accepted(&mut bob_group).unwrap();
    for (mls, group, events) in [(&alice_mls, &mut alice_group, &mut alice_events), (&carol_mls, &mut carol_group, &mut carol_events)] {
        let message = events.next_mls_message().await.message;
        assert_eq!(mls.receive(group, &message), Ok(Received::Commit));
        assert_eq!(group.epoch().as_u64(), 3);
    }
    let info = b
        .mls()
        .get_group_info(authed(pb::GetGroupInfoRequest { conversation: Some(id.clone()) }, bob.token()))
        .await
        .expect("the owner's GroupInfo through B")
        .into_inner();
    assert_eq!((info.epoch, info.group_info), (3, update.group_info.clone()));
    send(&b, &bob, &id, bob_mls.encrypt(&mut bob_group, b"epoch three").unwrap()).await.unwrap();
    for (mls, group, events) in [(&alice_mls, &mut alice_group, &mut alice_events), (&carol_mls, &mut carol_group, &mut carol_events)] {
        let message = events.next_mls_message().await.message;
        assert_eq!(mls.receive(group, &message), Ok(Received::Application(b"epoch three".to_vec())));
    }

    // Dave of B is not connected to Alice: the owner refuses his device.
    let refused = alice_mls.add(&mut alice_group, &claim(&a, &alice, &dave).await).unwrap();
    assert_status(commit(&a, &alice, &id, &refused).await, Code::PermissionDenied, "not connected");
    alice_mls.refused(&mut alice_group).unwrap();
    // Nor may Bob, not an admin, remove Carol's device.
    let carol_leaf = leaf_of(&bob_group, &identity(&carol, A)).expect("Carol's leaf");
    let removal = bob_mls.remove(&mut bob_group, &[carol_leaf]).unwrap();
    assert_status(commit(&b, &bob, &id, &removal).await, Code::PermissionDenied, "only admins");
    bob_mls.refused(&mut bob_group).unwrap();

    // Bob may propose what he may not commit: his proposal crosses from B
    // and A keeps it. B reads Bob's own commit of it with the proposals A
    // kept (so A, not B, refuses it), and Alice's commit includes it by
    // reference (epoch 3 → 4): Carol is removed.
    let proposal = bob_mls.propose_remove(&mut bob_group, carol_leaf).unwrap();
    send(&b, &bob, &id, proposal).await.expect("a proposal across backends");
    for (mls, group, events) in [(&alice_mls, &mut alice_group, &mut alice_events), (&carol_mls, &mut carol_group, &mut carol_events)] {
        assert_eq!(mls.receive(group, &events.next_mls_message().await.message), Ok(Received::Proposal));
    }
    let own = bob_mls.commit_pending(&mut bob_group).unwrap();
    assert_status(commit(&b, &bob, &id, &own).await, Code::PermissionDenied, "only admins");
    bob_mls.refused(&mut bob_group).unwrap();
    let bundle = alice_mls.commit_pending(&mut alice_group).unwrap();
    assert_eq!(commit(&a, &alice, &id, &bundle).await.expect("the proposal committed").epoch, 4);
    alice_mls.accepted(&mut alice_group).unwrap();
    assert_eq!(bob_mls.receive(&mut bob_group, &bob_events.next_mls_message().await.message), Ok(Received::Commit));
    assert_eq!(carol_events.next_mls_message().await.message, bundle.commit, "Carol learns she was removed");

    // Alice removes Bob's device (epoch 4 → 5): Bob gets the commit that
    // removes him, and B's copy of the conversation loses him.
    let bob_leaf = leaf_of(&alice_group, &identity(&bob, B)).expect("Bob's leaf");
    let bundle = alice_mls.remove(&mut alice_group, &[bob_leaf]).unwrap();
    assert_eq!(commit(&a, &alice, &id, &bundle).await.unwrap().epoch, 5);
    alice_mls.accepted(&mut alice_group).unwrap();
    assert_eq!(bob_events.next_mls_message().await.message, bundle.commit);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let seen = b
            .conversations()
            .get_conversation(authed(pb::GetConversationRequest { id: Some(id.clone()) }, bob.token()))
            .await;
        if seen.is_err() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "B never saw Bob leave");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    send(&a, &alice, &id, alice_mls.encrypt(&mut alice_group, b"without b").unwrap()).await.unwrap();
    bob_events.assert_no_mls(QUIET).await;
    carol_events.assert_no_mls(QUIET).await;
    assert_status(
        send(&b, &bob, &id, bob_mls.encrypt(&mut bob_group, b"still here?").unwrap()).await,
        Code::PermissionDenied,
        "not a member",
    );
    for plaintext in ["hello b", "hello a", "epoch three", "without b"] {
        assert_stored_nowhere_on(&a, plaintext.as_bytes(), true).await;
        assert_stored_nowhere_on(&b, plaintext.as_bytes(), false).await;
    }
}

async fn one_to_one(app: &TestApp, by: &Account, with: &pb::QualifiedId) -> Result<pb::Conversation, Status> {
    let request = pb::GetOneToOneRequest { user: Some(with.clone()) };
    app.mls().get_one_to_one(authed(request, by.token())).await.map(|r| r.into_inner().conversation.unwrap())
}

/// Two connected users have one MLS 1:1, whoever asks first; its two
/// users are its members for good, and a block stops it.
#[tokio::test]
async fn connected_users_share_one_mls_one_to_one() {
    let app = spawn_app().await;
    let (alice, bob, carol) = (app.register("alice").await, app.register("bob").await, app.register("carol").await);
    app.connect(&alice, &bob).await;
    app.connect(&bob, &carol).await;
    let (alice_mls, bob_mls, carol_mls) = (client_of(&alice, DOMAIN), client_of(&bob, DOMAIN), client_of(&carol, DOMAIN));
    upload_key_package(&app, &bob, &bob_mls).await;
    upload_key_package(&app, &carol, &carol_mls).await;
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();
    let mut alice_events = app.subscribe(&alice, None).await.unwrap();

    let conversation = one_to_one(&app, &alice, &bob.id()).await.expect("alice's 1:1 with bob");
    assert_eq!(conversation.r#type(), pb::ConversationType::OneToOne);
    assert_eq!(conversation.protocol, pb::Protocol::Mls as i32);
    assert_eq!(conversation.members.len(), 2);
    let again = one_to_one(&app, &bob, &alice.id()).await.unwrap();
    assert_eq!(again.id, conversation.id, "one 1:1 for both, whoever asks");
    let id = conversation.id.clone().unwrap();

    // Alice's first commit adds Bob's device; no admin is needed.
    let mut alice_group = alice_mls.create_group(&conversation.mls_group_id).unwrap();
    let bundle = alice_mls.add(&mut alice_group, &claim(&app, &alice, &bob).await).unwrap();
    assert_eq!(commit(&app, &alice, &id, &bundle).await.expect("the first commit").epoch, 1);
    alice_mls.accepted(&mut alice_group).unwrap();
    let mut bob_group = bob_mls.join(&bob_events.next_welcome().await).unwrap();
    send(&app, &bob, &id, bob_mls.encrypt(&mut bob_group, b"just us").unwrap()).await.unwrap();
    let message = alice_events.next_mls_message().await.message;
    assert_eq!(alice_mls.receive(&mut alice_group, &message), Ok(Received::Application(b"just us".to_vec())));

    // Nobody else joins a 1:1; asking for one needs a connection.
    let third = bob_mls.add(&mut bob_group, &claim(&app, &bob, &carol).await).unwrap();
    assert_status(commit(&app, &bob, &id, &third).await, Code::PermissionDenied, "exactly its two users");
    bob_mls.refused(&mut bob_group).unwrap();
    assert_status(one_to_one(&app, &alice, &carol.id()).await, Code::PermissionDenied, "not connected");
    assert_status(one_to_one(&app, &alice, &alice.id()).await, Code::InvalidArgument, "another user");
    let nobody = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: DOMAIN.into() };
    assert_status(one_to_one(&app, &alice, &nobody).await, Code::PermissionDenied, "not connected");

    // Asked at once by both, many times: one conversation, no error.
    let asks = (0..8).map(|n| {
        let (by, with) = if n % 2 == 0 { (&bob, carol.id()) } else { (&carol, bob.id()) };
        let app = &app;
        async move { one_to_one(app, by, &with).await }
    });
    let ids: std::collections::BTreeSet<String> = futures_util::future::join_all(asks)
        .await
        .into_iter()
        .map(|found| found.expect("asked at once").id.unwrap().id)
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");

    // Once Bob blocks Alice, neither messages nor commits go through.
    app.connections()
        .update_connection(authed(
            pb::UpdateConnectionRequest { user: Some(alice.id()), status: pb::ConnectionStatus::Blocked as i32 },
            bob.token(),
        ))
        .await
        .unwrap();
    let refused = send(&app, &alice, &id, alice_mls.encrypt(&mut alice_group, b"hello?").unwrap()).await;
    assert_status(refused, Code::PermissionDenied, "blocked");
    let update = alice_mls.self_update(&mut alice_group).unwrap();
    assert_status(commit(&app, &alice, &id, &update).await, Code::PermissionDenied, "blocked");
    assert_status(one_to_one(&app, &bob, &alice.id()).await, Code::PermissionDenied, "blocked");
}

/// Across backends the MLS 1:1 is owned by the backend whose domain sorts
/// first; asking from the other one creates it there and mirrors it here
/// at once.
#[tokio::test]
async fn an_mls_one_to_one_across_backends_is_created_by_its_owner() {
    use crate::federation::connect_across;
    use missive_testkit::federation::{DnsServer, TestCa};
    const A: &str = "a.example";
    const B: &str = "b.example";
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated(A, &ca, &dns, "*").await;
    let b = spawn_federated(B, &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let bob = b.register("bob").await;
    connect_across(&a, &alice, &b, &bob).await;
    let (alice_mls, bob_mls) = (client_of(&alice, A), client_of(&bob, B));
    upload_key_package(&a, &alice, &alice_mls).await;
    let mut alice_events = a.subscribe(&alice, None).await.unwrap();
    let mut bob_events = b.subscribe(&bob, None).await.unwrap();

    // Bob asks first, on B: A owns it and creates it; B has it at once.
    let conversation = one_to_one(&b, &bob, &alice.id()).await.expect("through the owner");
    let id = conversation.id.clone().unwrap();
    assert_eq!(id.domain, A);
    assert_eq!((conversation.r#type(), conversation.protocol()), (pb::ConversationType::OneToOne, pb::Protocol::Mls));
    assert_eq!(one_to_one(&a, &alice, &bob.id()).await.unwrap().id, Some(id.clone()));
    assert_eq!(one_to_one(&b, &bob, &alice.id()).await.unwrap().id, Some(id.clone()), "asked again on B");

    // Bob's device makes the group and adds Alice's, through B to A.
    let mut bob_group = bob_mls.create_group(&conversation.mls_group_id).unwrap();
    let bundle = bob_mls.add(&mut bob_group, &claim(&b, &bob, &alice).await).unwrap();
    assert_eq!(commit(&b, &bob, &id, &bundle).await.expect("the first commit, across").epoch, 1);
    bob_mls.accepted(&mut bob_group).unwrap();
    let mut alice_group = alice_mls.join(&alice_events.next_welcome().await).unwrap();
    send(&a, &alice, &id, alice_mls.encrypt(&mut alice_group, b"hi bob").unwrap()).await.unwrap();
    let message = bob_events.next_mls_message().await.message;
    assert_eq!(bob_mls.receive(&mut bob_group, &message), Ok(Received::Application(b"hi bob".to_vec())));
    // B applied the owner's announcement once, not twice.
    let created = b
        .conversations()
        .list_conversations(authed(pb::ListConversationsRequest::default(), bob.token()))
        .await
        .unwrap()
        .into_inner()
        .conversations
        .into_iter()
        .filter(|c| c.id.as_ref() == Some(&id))
        .count();
    assert_eq!(created, 1);
}

/// A member's proposal is verified, kept for its epoch and relayed; a
/// commit (an admin's here) includes it by reference and is checked with it.
#[tokio::test]
async fn proposals_are_relayed_and_committed_by_reference() {
    let app = spawn_app().await;
    let (alice, bob, carol) = (app.register("alice").await, app.register("bob").await, app.register("carol").await);
    app.connect(&alice, &bob).await;
    app.connect(&alice, &carol).await;
    let (bob_mls, carol_mls) = (client_of(&bob, DOMAIN), client_of(&carol, DOMAIN));
    upload_key_package(&app, &bob, &bob_mls).await;
    upload_key_package(&app, &carol, &carol_mls).await;
    let (id, mut alice_group, alice_mls) = mls_group(&app, &alice, &[&bob, &carol]).await;
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();
    let mut carol_events = app.subscribe(&carol, None).await.unwrap();
    let mut alice_events = app.subscribe(&alice, None).await.unwrap();

    // Epoch 0 → 1: both join.
    let mut packages = claim(&app, &alice, &bob).await;
    packages.extend(claim(&app, &alice, &carol).await);
    let bundle = alice_mls.add(&mut alice_group, &packages).unwrap();
    assert_eq!(commit(&app, &alice, &id, &bundle).await.unwrap().epoch, 1);
    alice_mls.accepted(&mut alice_group).unwrap();
    let mut bob_group = bob_mls.join(&bob_events.next_welcome().await).unwrap();
    let mut carol_group = carol_mls.join(&carol_events.next_welcome().await).unwrap();

    // Bob, not an admin, proposes Carol's removal; Alice and Carol get it.
    let carol_leaf = leaf_of(&bob_group, &identity(&carol, DOMAIN)).unwrap();
    let proposal = bob_mls.propose_remove(&mut bob_group, carol_leaf).unwrap();
    let forged = send(&app, &alice, &id, proposal.clone()).await;
    assert_status(forged, Code::PermissionDenied, "not made by this device");
    send(&app, &bob, &id, proposal.clone()).await.expect("a member's proposal");
    for (mls, group, events) in [(&alice_mls, &mut alice_group, &mut alice_events), (&carol_mls, &mut carol_group, &mut carol_events)] {
        let message = events.next_mls_message().await;
        assert_eq!(message.message, proposal);
        assert_eq!(mls.receive(group, &message.message), Ok(Received::Proposal));
    }

    // Alice commits it by reference; the server checks it against the kept
    // proposal, and Carol leaves the conversation.
    let bundle = alice_mls.commit_pending(&mut alice_group).unwrap();
    assert_eq!(commit(&app, &alice, &id, &bundle).await.expect("a commit by reference").epoch, 2);
    alice_mls.accepted(&mut alice_group).unwrap();
    assert_eq!(bob_mls.receive(&mut bob_group, &bob_events.next_mls_message().await.message), Ok(Received::Commit));
    assert_eq!(carol_events.next_mls_message().await.message, bundle.commit, "Carol learns she was removed");
    let members = app
        .conversations()
        .get_conversation(authed(pb::GetConversationRequest { id: Some(id.clone()) }, alice.token()))
        .await
        .unwrap()
        .into_inner()
        .conversation
        .unwrap()
        .members
        .len();
    assert_eq!(members, 2, "Carol left with her only device");
    send(&app, &alice, &id, alice_mls.encrypt(&mut alice_group, b"two of us").unwrap()).await.unwrap();
    let message = bob_events.next_mls_message().await.message;
    assert_eq!(bob_mls.receive(&mut bob_group, &message), Ok(Received::Application(b"two of us".to_vec())));

    // A proposal of the ended epoch is stale; a commit citing a proposal
    // the server never got does not verify.
    assert_eq!(stale_of(send(&app, &bob, &id, proposal).await), 2);
    let alice_leaf = leaf_of(&bob_group, &identity(&alice, DOMAIN)).unwrap();
    bob_mls.propose_remove(&mut bob_group, alice_leaf).unwrap();
    let unseen = bob_mls.commit_pending(&mut bob_group).unwrap();
    assert_status(commit(&app, &bob, &id, &unseen).await, Code::InvalidArgument, "does not verify");
    bob_mls.refused(&mut bob_group).unwrap();
    bob_mls.drop_proposals(&mut bob_group).unwrap();
    send(&app, &bob, &id, bob_mls.encrypt(&mut bob_group, b"still two").unwrap()).await.unwrap();
    let message = alice_events.next_mls_message().await.message;
    assert_eq!(alice_mls.receive(&mut alice_group, &message), Ok(Received::Application(b"still two".to_vec())));

    // An epoch keeps a bounded number of proposals.
    let alice_leaf = leaf_of(&bob_group, &identity(&alice, DOMAIN)).unwrap();
    for _ in 0..missive_server::domain::mls_delivery::MAX_PROPOSALS_PER_EPOCH {
        send(&app, &bob, &id, bob_mls.propose_remove(&mut bob_group, alice_leaf).unwrap()).await.unwrap();
    }
    let over = send(&app, &bob, &id, bob_mls.propose_remove(&mut bob_group, alice_leaf).unwrap()).await;
    assert_status(over, Code::ResourceExhausted, "commit them first");
}
