//! Connections and the 1:1 conversation they create.

use crate::helpers::*;
use missive_proto::v1 as pb;
use pb::ConnectionStatus as S;
use tonic::Code;

async fn request(app: &TestApp, from: &Account, to: &Account) -> Result<pb::Connection, tonic::Status> {
    Ok(app
        .connections()
        .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(to.id()) }, from.token()))
        .await?
        .into_inner()
        .connection
        .unwrap())
}

async fn update(app: &TestApp, by: &Account, other: &Account, status: S) -> Result<pb::Connection, tonic::Status> {
    Ok(app
        .connections()
        .update_connection(authed(
            pb::UpdateConnectionRequest { user: Some(other.id()), status: status as i32 },
            by.token(),
        ))
        .await?
        .into_inner()
        .connection
        .unwrap())
}

async fn status_seen_by(app: &TestApp, viewer: &Account, other: &Account) -> Option<S> {
    let list = app
        .connections()
        .list_connections(authed(
            pb::ListConnectionsRequest { page_size: 0, page_token: String::new() },
            viewer.token(),
        ))
        .await
        .unwrap()
        .into_inner()
        .connections;
    list.into_iter().find(|c| c.other == Some(other.id())).map(|c| c.status())
}

#[tokio::test]
async fn accepting_a_request_creates_the_one_to_one_conversation() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();
    assert_eq!(request(&app, &alice, &bob).await.unwrap().status(), S::Sent);
    assert_eq!(status_seen_by(&app, &bob, &alice).await, Some(S::Pending));
    let Some(pb::event::Payload::ConnectionUpdated(update_event)) = bob_events.next_event().await.payload else {
        panic!("bob is told of the request")
    };
    assert_eq!(update_event.connection.unwrap().status(), S::Pending);

    let accepted = update(&app, &bob, &alice, S::Accepted).await.unwrap();
    assert_eq!(accepted.status(), S::Accepted);
    assert_eq!(status_seen_by(&app, &alice, &bob).await, Some(S::Accepted));
    let conversation_id = accepted.conversation.unwrap();
    for viewer in [&alice, &bob] {
        let conversation = app
            .conversations()
            .get_conversation(authed(pb::GetConversationRequest { id: Some(conversation_id.clone()) }, viewer.token()))
            .await
            .unwrap()
            .into_inner()
            .conversation
            .unwrap();
        assert_eq!(conversation.r#type(), pb::ConversationType::OneToOne);
        assert_eq!(conversation.members.len(), 2);
    }
}

#[tokio::test]
async fn asking_someone_who_asked_you_accepts() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    request(&app, &alice, &bob).await.unwrap();
    let back = request(&app, &bob, &alice).await.unwrap();
    assert_eq!(back.status(), S::Accepted);
    assert!(back.conversation.is_some());
    assert_eq!(status_seen_by(&app, &alice, &bob).await, Some(S::Accepted));
}

#[tokio::test]
async fn ignore_cancel_and_block() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let carol = app.register("carol").await;

    request(&app, &alice, &bob).await.unwrap();
    assert_eq!(update(&app, &bob, &alice, S::Ignored).await.unwrap().status(), S::Ignored);
    assert_eq!(status_seen_by(&app, &alice, &bob).await, Some(S::Sent), "the asker is not told of an ignore");

    request(&app, &alice, &carol).await.unwrap();
    assert_eq!(update(&app, &alice, &carol, S::Cancelled).await.unwrap().status(), S::Cancelled);
    assert_eq!(status_seen_by(&app, &carol, &alice).await, Some(S::Cancelled));
    assert_status(update(&app, &carol, &alice, S::Accepted).await, Code::FailedPrecondition, "cannot change");

    assert_eq!(update(&app, &bob, &alice, S::Blocked).await.unwrap().status(), S::Blocked);
    assert_status(request(&app, &bob, &alice).await, Code::FailedPrecondition, "you blocked this user");
}

#[tokio::test]
async fn a_blocked_user_cannot_message() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let conversation = app.connect(&alice, &bob).await;
    app.send(&alice, &conversation, "before", &[&bob]).await.unwrap();
    update(&app, &bob, &alice, S::Blocked).await.unwrap();
    assert_status(app.send(&alice, &conversation, "after", &[&bob]).await, Code::PermissionDenied, "blocked");
}

#[tokio::test]
async fn bad_connection_requests_are_refused() {
    let app = spawn_app_with(|config| config.max_connections_per_user = 1).await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let carol = app.register("carol").await;
    assert_status(request(&app, &alice, &alice).await, Code::InvalidArgument, "yourself");
    let ghost = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: DOMAIN.into() };
    let result = app
        .connections()
        .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(ghost) }, alice.token()))
        .await;
    assert_status(result, Code::NotFound, "unknown user");
    assert_status(update(&app, &alice, &bob, S::Accepted).await, Code::NotFound, "no connection");
    request(&app, &alice, &bob).await.unwrap();
    assert_status(update(&app, &alice, &bob, S::Pending).await, Code::InvalidArgument, "status must be");
    assert_status(request(&app, &alice, &carol).await, Code::ResourceExhausted, "too many connections");
}

#[tokio::test]
async fn connections_are_listed_in_pages() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    for handle in ["bob", "carol", "dave"] {
        let other = app.register(handle).await;
        request(&app, &alice, &other).await.unwrap();
    }
    let mut token = String::new();
    let mut seen = 0;
    loop {
        let page = app
            .connections()
            .list_connections(authed(
                pb::ListConnectionsRequest { page_size: 2, page_token: token.clone() },
                alice.token(),
            ))
            .await
            .unwrap()
            .into_inner();
        seen += page.connections.len();
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    assert_eq!(seen, 3);
    let bad = app
        .connections()
        .list_connections(authed(
            pb::ListConnectionsRequest { page_size: 2, page_token: "garbage".into() },
            alice.token(),
        ))
        .await;
    assert_status(bad, Code::InvalidArgument, "page_token");
}
