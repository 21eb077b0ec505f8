//! The event stream: hand-over, acknowledgements, retention, replacement.

use crate::helpers::*;
use missive_proto::v1 as pb;
use std::time::Duration;
use tonic::Code;

/// Alice and Bob connected; returns their 1:1 conversation.
async fn pair(app: &TestApp) -> (Account, Account, pb::QualifiedId) {
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let conversation = app.connect(&alice, &bob).await;
    (alice, bob, conversation)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_during_subscribe_arrives_exactly_once_and_in_order() {
    let app = spawn_app().await;
    let (alice, bob, conversation) = pair(&app).await;
    const BEFORE: usize = 150;
    const DURING: usize = 250;
    for i in 0..BEFORE {
        app.send(&alice, &conversation, &format!("m{i}"), &[&bob]).await.unwrap();
    }
    let flood = {
        let messages = app.messages();
        let token = alice.token().to_owned();
        let conversation = conversation.clone();
        let bob_id = bob.id();
        let bob_device = bob.device_id();
        tokio::spawn(async move {
            let mut messages = messages;
            for i in BEFORE..BEFORE + DURING {
                let request = pb::SendMessageRequest {
                    conversation: Some(conversation.clone()),
                    message_id: format!("m{i}"),
                    recipients: vec![pb::UserRecipients {
                        user: Some(bob_id.clone()),
                        devices: vec![pb::DeviceCiphertext { device_id: bob_device.clone(), ciphertext: vec![1] }],
                    }],
                    policy: None,
                    transient: false,
                };
                messages.send_message(authed(request, &token)).await.unwrap();
            }
        })
    };
    // Subscribe with the oldest cursor while the flood is under way.
    let mut stream = app.subscribe(&bob, Some(0)).await.unwrap();
    let mut ids = Vec::new();
    let mut last_cursor = 0;
    while ids.len() < BEFORE + DURING {
        let event = stream.next_event().await;
        assert!(event.cursor > last_cursor, "cursors increase: {} after {last_cursor}", event.cursor);
        last_cursor = event.cursor;
        if let Some(pb::event::Payload::MessageAdded(message)) = event.payload {
            ids.push(message.message_id);
        }
    }
    flood.await.unwrap();
    let expected: Vec<String> = (0..BEFORE + DURING).map(|i| format!("m{i}")).collect();
    assert_eq!(ids, expected, "every message exactly once, in send order");
    stream.assert_no_message(QUIET).await;
}

#[tokio::test]
async fn acknowledged_events_are_not_replayed() {
    let app = spawn_app().await;
    let (alice, bob, conversation) = pair(&app).await;
    app.send(&alice, &conversation, "m1", &[&bob]).await.unwrap();
    app.send(&alice, &conversation, "m2", &[&bob]).await.unwrap();
    let mut stream = app.subscribe(&bob, None).await.unwrap();
    let (first, _) = stream.next_message().await;
    let (second, message) = stream.next_message().await;
    assert_eq!(message.message_id, "m2");
    app.events().ack(authed(pb::AckRequest { up_to: first }, bob.token())).await.unwrap();
    drop(stream);

    // Without a cursor the stream starts after the acknowledgement.
    let mut again = app.subscribe(&bob, None).await.unwrap();
    let (cursor, message) = again.next_message().await;
    assert_eq!((cursor, message.message_id.as_str()), (second, "m2"));

    let beyond = app.events().ack(authed(pb::AckRequest { up_to: second + 100 }, bob.token())).await;
    assert_status(beyond, Code::InvalidArgument, "cannot acknowledge");
}

#[tokio::test]
async fn events_past_retention_answer_events_missing() {
    let app = spawn_app_with(|config| {
        config.event_retention = Duration::from_secs(3600);
        config.access_token_ttl = Duration::from_secs(24 * 3600);
    })
    .await;
    let (alice, bob, conversation) = pair(&app).await;
    app.send(&alice, &conversation, "old", &[&bob]).await.unwrap();
    app.clock.advance(Duration::from_secs(2 * 3600));
    app.send(&alice, &conversation, "new", &[&bob]).await.unwrap();

    let result = app.subscribe(&bob, Some(0)).await;
    assert_status(result.map(|_| ()), Code::OutOfRange, "events missing");

    // After a resync the client subscribes without a cursor and gets what is kept.
    let mut fresh = app.subscribe(&bob, None).await.unwrap();
    assert_eq!(fresh.next_message().await.1.message_id, "new");
}

#[tokio::test]
async fn a_cursor_ahead_of_the_queue_is_refused() {
    let app = spawn_app().await;
    let bob = app.register("bob").await;
    let result = app.subscribe(&bob, Some(1_000)).await;
    assert_status(result.map(|_| ()), Code::InvalidArgument, "ahead");
}

#[tokio::test]
async fn a_second_subscribe_replaces_the_first() {
    let app = spawn_app().await;
    let (alice, bob, conversation) = pair(&app).await;
    let mut first = app.subscribe(&bob, None).await.unwrap();
    first.skip_stored().await;
    let mut second = app.subscribe(&bob, None).await.unwrap();
    let ended = first.try_next_event(WAIT).await;
    assert_status(ended, Code::Aborted, "replaced");
    app.send(&alice, &conversation, "m1", &[&bob]).await.unwrap();
    assert_eq!(second.next_message().await.1.message_id, "m1");
}

#[tokio::test]
async fn heartbeats_arrive_at_the_configured_interval() {
    let app = spawn_app_with(|config| config.heartbeat_interval = Duration::from_secs(1)).await;
    let bob = app.register("bob").await;
    let mut stream = app.subscribe(&bob, None).await.unwrap();
    let beat = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let response = stream.inner.message().await.unwrap().unwrap();
            if let Some(pb::subscribe_response::Kind::Heartbeat(beat)) = response.kind {
                return beat;
            }
        }
    })
    .await
    .expect("a heartbeat within 5 s");
    assert!(beat.time.is_some());
}

#[tokio::test]
async fn removing_a_device_ends_its_stream() {
    let app = spawn_app().await;
    let bob = app.register("bob").await;
    let tablet = app.second_device(&bob).await;
    let mut stream = app.subscribe(&tablet, None).await.unwrap();
    while stream.try_next_event(QUIET).await.unwrap().is_some() {}
    app.devices()
        .remove_device(authed(
            pb::RemoveDeviceRequest { device_id: tablet.device_id(), password: PASSWORD.into() },
            bob.token(),
        ))
        .await
        .unwrap();
    assert_status(stream.try_next_event(WAIT).await, Code::Unauthenticated, "removed");
    let mut phone = app.subscribe(&bob, None).await.unwrap();
    let removed = loop {
        if let Some(pb::event::Payload::DeviceRemoved(removed)) = phone.next_event().await.payload {
            break removed;
        }
    };
    assert_eq!(removed.device_id, tablet.device_id());
}

#[tokio::test]
async fn shutdown_ends_open_streams_with_unavailable() {
    let mut app = spawn_app().await;
    let bob = app.register("bob").await;
    let mut stream = app.subscribe(&bob, None).await.unwrap();
    app.stop().await;
    assert_status(stream.try_next_event(WAIT).await, Code::Unavailable, "shutting down");
}
