//! Profiles, lookups and handle checks.

use crate::helpers::*;
use missive_proto::v1 as pb;
use tonic::Code;

#[tokio::test]
async fn update_profile_changes_the_display_name() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let updated = app
        .users()
        .update_profile(authed(pb::UpdateProfileRequest { display_name: Some("  Alice A. ".into()) }, alice.token()))
        .await
        .unwrap()
        .into_inner()
        .user
        .unwrap();
    assert_eq!(updated.display_name, "Alice A.");
    assert_eq!(app.get_self(alice.token()).await.unwrap().display_name, "Alice A.");

    let empty = app
        .users()
        .update_profile(authed(pb::UpdateProfileRequest { display_name: Some("   ".into()) }, alice.token()))
        .await;
    assert_status(empty, Code::InvalidArgument, "invalid display name");
}

#[tokio::test]
async fn get_users_sorts_ids_into_found_not_found_and_failed() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let unknown = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: DOMAIN.into() };
    let remote = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: "b.example".into() };
    let lookup = app
        .users()
        .get_users(authed(pb::GetUsersRequest { ids: vec![bob.id(), unknown.clone(), remote.clone()] }, alice.token()))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(lookup.found.len(), 1);
    assert_eq!(lookup.found[0].handle, "bob");
    assert_eq!(lookup.not_found, vec![unknown]);
    assert_eq!(lookup.failed, vec![remote]);
}

#[tokio::test]
async fn get_users_with_a_malformed_qualified_id_is_invalid_argument() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bad = pb::QualifiedId { id: "not-a-uuid".into(), domain: DOMAIN.into() };
    let result = app.users().get_users(authed(pb::GetUsersRequest { ids: vec![alice.id(), bad] }, alice.token())).await;
    assert_status(result, Code::InvalidArgument, "ids[1]: malformed qualified id");
    let no_domain = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: String::new() };
    let result = app.users().get_users(authed(pb::GetUsersRequest { ids: vec![no_domain] }, alice.token())).await;
    assert_status(result, Code::InvalidArgument, "domain is empty");
}

#[tokio::test]
async fn get_users_refuses_more_than_the_limit() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let ids =
        (0..501).map(|_| pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: DOMAIN.into() }).collect();
    let result = app.users().get_users(authed(pb::GetUsersRequest { ids }, alice.token())).await;
    assert_status(result, Code::InvalidArgument, "at most 500");
}

#[tokio::test]
async fn get_user_by_handle_finds_local_users() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let found = app
        .users()
        .get_user_by_handle(authed(
            pb::GetUserByHandleRequest { handle: "bob".into(), domain: String::new() },
            alice.token(),
        ))
        .await
        .unwrap()
        .into_inner()
        .user
        .unwrap();
    assert_eq!(found.id, bob.user.id);
    let missing = app
        .users()
        .get_user_by_handle(authed(
            pb::GetUserByHandleRequest { handle: "zed".into(), domain: String::new() },
            alice.token(),
        ))
        .await;
    assert_status(missing, Code::NotFound, "no user with handle");
    let invalid = app
        .users()
        .get_user_by_handle(authed(
            pb::GetUserByHandleRequest { handle: "Bob!".into(), domain: String::new() },
            alice.token(),
        ))
        .await;
    assert_status(invalid, Code::InvalidArgument, "invalid handle");
}

#[tokio::test]
async fn check_handles_tells_available_taken_and_invalid() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let results = app
        .users()
        .check_handles(authed(
            pb::CheckHandlesRequest { handles: vec!["alice".into(), "free-one".into(), "Bad Handle".into()] },
            alice.token(),
        ))
        .await
        .unwrap()
        .into_inner()
        .results;
    let availability: Vec<_> = results.iter().map(|r| (r.handle.as_str(), r.availability())).collect();
    assert_eq!(
        availability,
        vec![
            ("alice", pb::HandleAvailability::Taken),
            ("free-one", pb::HandleAvailability::Available),
            ("Bad Handle", pb::HandleAvailability::Invalid),
        ]
    );
    let too_many = app
        .users()
        .check_handles(authed(pb::CheckHandlesRequest { handles: vec!["x".into(); 51] }, alice.token()))
        .await;
    assert_status(too_many, Code::InvalidArgument, "at most 50");
}

#[tokio::test]
async fn search_finds_handle_prefixes_and_names_exact_first_in_pages() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    for handle in ["bobby", "bob", "bobcat"] {
        app.register(handle).await;
    }
    let search = |query: &str, page_size: u32, page_token: String| {
        let mut users = app.users();
        let request = authed(pb::SearchUsersRequest { query: query.into(), page_size, page_token, domain: String::new() }, alice.token());
        async move { users.search_users(request).await.map(|r| r.into_inner()) }
    };
    let first = search("bob", 2, String::new()).await.unwrap();
    assert_eq!(first.users.iter().map(|u| u.handle.as_str()).collect::<Vec<_>>(), vec!["bob", "bobby"]);
    assert!(!first.next_page_token.is_empty());
    let second = search("bob", 2, first.next_page_token).await.unwrap();
    assert_eq!(second.users.iter().map(|u| u.handle.as_str()).collect::<Vec<_>>(), vec!["bobcat"]);
    assert!(second.next_page_token.is_empty());
    // Display names match too ("bobcat display").
    assert_eq!(search("cat disp", 0, String::new()).await.unwrap().users.len(), 1);

    assert_status(search("  ", 0, String::new()).await, Code::InvalidArgument, "query must be");
    // Found by the fuzz test: PostgreSQL refuses NUL, which came back as UNAVAILABLE.
    assert_status(search("a\u{0}b", 0, String::new()).await, Code::InvalidArgument, "no control characters");
    assert_status(search("bob", 1000, String::new()).await, Code::InvalidArgument, "page_size");
    assert_status(search("bob", 0, "x".into()).await, Code::InvalidArgument, "page_token");
}
