//! Overload sheds: past the bound of writes in flight a send is refused at
//! once with RESOURCE_EXHAUSTED and a retry hint, and everything accepted is
//! delivered exactly once.

use crate::helpers::*;
use std::collections::HashSet;
use tonic::Code;
use tonic_types::StatusExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn past_the_write_bound_sends_are_refused_with_a_retry_hint_and_nothing_accepted_is_lost() {
    let app = spawn_app_with(|config| {
        config.max_inflight_writes = 1;
        config.max_pending_sends = 8;
        config.write_wait = std::time::Duration::from_millis(1);
    })
    .await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let conversation = app.connect(&alice, &bob).await;
    let mut bob_stream = app.subscribe(&bob, None).await.unwrap();

    let sends = (0..200).map(|n| {
        let (app_channel, conversation, token) = (app.channel.clone(), conversation.clone(), alice.token().to_owned());
        let request = message(&conversation, &format!("m{n}"), &[&bob]);
        tokio::spawn(async move {
            let mut client = missive_proto::v1::message_service_client::MessageServiceClient::new(app_channel);
            let started = std::time::Instant::now();
            (n, client.send_message(authed(request, &token)).await, started.elapsed())
        })
    });
    let mut accepted = HashSet::new();
    let mut refused = 0;
    for send in sends.collect::<Vec<_>>() {
        let (n, result, took) = send.await.unwrap();
        match result {
            Ok(_) => {
                accepted.insert(format!("m{n}"));
            }
            Err(status) => {
                assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
                assert!(status.message().contains("busy"), "{}", status.message());
                let retry = status.get_details_retry_info().expect("a RetryInfo detail");
                assert!(retry.retry_delay.is_some_and(|d| d > std::time::Duration::ZERO));
                assert!(took < std::time::Duration::from_secs(2), "refused only after {took:?}");
                refused += 1;
            }
        }
    }
    assert!(refused > 0, "200 concurrent sends through 8 places: some must be refused");
    assert!(!accepted.is_empty(), "and some accepted");
    let mut delivered = HashSet::new();
    while delivered.len() < accepted.len() {
        let (_, message) = bob_stream.next_message().await;
        assert!(delivered.insert(message.message_id.clone()), "{} delivered twice", message.message_id);
    }
    assert_eq!(delivered, accepted, "exactly the accepted messages are delivered");
    bob_stream.assert_no_message(QUIET).await;
}
