//! Groups, roles, membership changes and their events.

use crate::helpers::*;
use missive_proto::v1 as pb;
use tonic::Code;

async fn get(app: &TestApp, viewer: &Account, id: &pb::QualifiedId) -> Result<pb::Conversation, tonic::Status> {
    Ok(app
        .conversations()
        .get_conversation(authed(pb::GetConversationRequest { id: Some(id.clone()) }, viewer.token()))
        .await?
        .into_inner()
        .conversation
        .unwrap())
}

fn role_of(conversation: &pb::Conversation, account: &Account) -> Option<pb::MemberRole> {
    conversation.members.iter().find(|m| m.user == Some(account.id())).map(|m| m.role())
}

#[tokio::test]
async fn a_group_has_its_creator_as_admin_and_only_connected_members() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let stranger = app.register("stranger").await;
    app.connect(&alice, &bob).await;
    let id = app.group(&alice, &[&bob]).await;
    let group = get(&app, &bob, &id).await.unwrap();
    assert_eq!(group.r#type(), pb::ConversationType::Group);
    assert_eq!(role_of(&group, &alice), Some(pb::MemberRole::Admin));
    assert_eq!(role_of(&group, &bob), Some(pb::MemberRole::Member));

    let result = app
        .conversations()
        .create_conversation(authed(
            pb::CreateConversationRequest { name: "x".into(), members: vec![stranger.id()], ..Default::default() },
            alice.token(),
        ))
        .await;
    assert_status(result, Code::PermissionDenied, "not connected");
    let result = app
        .conversations()
        .create_conversation(authed(pb::CreateConversationRequest { name: " ".into(), members: vec![], ..Default::default() }, alice.token()))
        .await;
    assert_status(result, Code::InvalidArgument, "invalid conversation name");
}

#[tokio::test]
async fn admins_manage_members_and_every_member_device_hears_of_it() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let carol = app.register("carol").await;
    app.connect(&alice, &bob).await;
    app.connect(&alice, &carol).await;
    let id = app.group(&alice, &[&bob]).await;
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();
    // Drain what bob already has (connection and conversation events).
    bob_events.skip_stored().await;

    app.conversations()
        .add_members(authed(pb::AddMembersRequest { id: Some(id.clone()), users: vec![carol.id()] }, alice.token()))
        .await
        .unwrap();
    let Some(pb::event::Payload::MembersJoined(joined)) = bob_events.next_event().await.payload else {
        panic!("bob hears of carol joining")
    };
    assert_eq!(joined.members[0].user, Some(carol.id()));

    let renamed = app
        .conversations()
        .rename_conversation(authed(
            pb::RenameConversationRequest { id: Some(id.clone()), name: "Weekend".into() },
            alice.token(),
        ))
        .await
        .unwrap()
        .into_inner()
        .conversation
        .unwrap();
    assert_eq!(renamed.name, "Weekend");
    let Some(pb::event::Payload::ConversationRenamed(event)) = bob_events.next_event().await.payload else {
        panic!("bob hears of the rename")
    };
    assert_eq!(event.name, "Weekend");

    let promoted = app
        .conversations()
        .update_member_role(authed(
            pb::UpdateMemberRoleRequest {
                id: Some(id.clone()),
                user: Some(bob.id()),
                role: pb::MemberRole::Admin as i32,
            },
            alice.token(),
        ))
        .await
        .unwrap()
        .into_inner()
        .conversation
        .unwrap();
    assert_eq!(role_of(&promoted, &bob), Some(pb::MemberRole::Admin));
    assert!(matches!(bob_events.next_event().await.payload, Some(pb::event::Payload::MemberRoleUpdated(_))));

    let after_removal = app
        .conversations()
        .remove_member(authed(pb::RemoveMemberRequest { id: Some(id.clone()), user: Some(carol.id()) }, bob.token()))
        .await
        .unwrap()
        .into_inner()
        .conversation
        .unwrap();
    assert_eq!(role_of(&after_removal, &carol), None);
    let Some(pb::event::Payload::MemberLeft(left)) = bob_events.next_event().await.payload else {
        panic!("bob hears of carol leaving")
    };
    assert_eq!(left.user, Some(carol.id()));
    assert_status(get(&app, &carol, &id).await, Code::PermissionDenied, "not a member");
}

#[tokio::test]
async fn members_can_only_leave() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    app.connect(&alice, &bob).await;
    let id = app.group(&alice, &[&bob]).await;
    let rename = app
        .conversations()
        .rename_conversation(authed(
            pb::RenameConversationRequest { id: Some(id.clone()), name: "mine".into() },
            bob.token(),
        ))
        .await;
    assert_status(rename, Code::PermissionDenied, "only admins");
    let remove = app
        .conversations()
        .remove_member(authed(pb::RemoveMemberRequest { id: Some(id.clone()), user: Some(alice.id()) }, bob.token()))
        .await;
    assert_status(remove, Code::PermissionDenied, "only admins");
    app.conversations()
        .leave_conversation(authed(pb::LeaveConversationRequest { id: Some(id.clone()) }, bob.token()))
        .await
        .unwrap();
    assert_status(get(&app, &bob, &id).await, Code::PermissionDenied, "not a member");
    assert_eq!(get(&app, &alice, &id).await.unwrap().members.len(), 1);
}

#[tokio::test]
async fn a_non_member_cannot_read_change_or_send() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let mallory = app.register("mallory").await;
    let id = app.connect(&alice, &bob).await;
    assert_status(get(&app, &mallory, &id).await, Code::PermissionDenied, "not a member");
    let rename = app
        .conversations()
        .rename_conversation(authed(
            pb::RenameConversationRequest { id: Some(id.clone()), name: "x".into() },
            mallory.token(),
        ))
        .await;
    assert_status(rename, Code::PermissionDenied, "not a member");
    assert_status(app.send(&mallory, &id, "m1", &[&alice, &bob]).await, Code::PermissionDenied, "not a member");
    let typing = app
        .conversations()
        .set_typing(authed(
            pb::SetTypingRequest { id: Some(id.clone()), status: pb::TypingStatus::Started as i32 },
            mallory.token(),
        ))
        .await;
    assert_status(typing, Code::PermissionDenied, "not a member");
}

#[tokio::test]
async fn one_to_one_and_self_conversations_cannot_be_changed() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let carol = app.register("carol").await;
    app.connect(&alice, &carol).await;
    let one_to_one = app.connect(&alice, &bob).await;
    let add = app
        .conversations()
        .add_members(authed(
            pb::AddMembersRequest { id: Some(one_to_one.clone()), users: vec![carol.id()] },
            alice.token(),
        ))
        .await;
    assert_status(add, Code::FailedPrecondition, "self or 1:1");
    let leave = app
        .conversations()
        .leave_conversation(authed(pb::LeaveConversationRequest { id: Some(one_to_one) }, alice.token()))
        .await;
    assert_status(leave, Code::FailedPrecondition, "only groups");
}

#[tokio::test]
async fn unknown_and_malformed_conversation_ids_are_refused() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let unknown = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: DOMAIN.into() };
    assert_status(get(&app, &alice, &unknown).await, Code::NotFound, "unknown conversation");
    let malformed = pb::QualifiedId { id: "1234".into(), domain: DOMAIN.into() };
    assert_status(get(&app, &alice, &malformed).await, Code::InvalidArgument, "malformed qualified id");
    let missing =
        app.conversations().get_conversation(authed(pb::GetConversationRequest { id: None }, alice.token())).await;
    assert_status(missing, Code::InvalidArgument, "id is required");
}

#[tokio::test]
async fn the_group_size_limit_holds() {
    let app = spawn_app_with(|config| config.max_group_size = 2).await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let carol = app.register("carol").await;
    app.connect(&alice, &bob).await;
    app.connect(&alice, &carol).await;
    let id = app.group(&alice, &[&bob]).await;
    let add = app
        .conversations()
        .add_members(authed(pb::AddMembersRequest { id: Some(id), users: vec![carol.id()] }, alice.token()))
        .await;
    assert_status(add, Code::ResourceExhausted, "at most 2");
}

#[tokio::test]
async fn conversations_are_listed_in_pages_with_self_and_one_to_one() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    app.connect(&alice, &bob).await;
    app.group(&alice, &[&bob]).await;
    let mut token = String::new();
    let mut kinds = Vec::new();
    loop {
        let page = app
            .conversations()
            .list_conversations(authed(
                pb::ListConversationsRequest { page_size: 1, page_token: token.clone() },
                alice.token(),
            ))
            .await
            .unwrap()
            .into_inner();
        kinds.extend(page.conversations.iter().map(|c| c.r#type()));
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    kinds.sort_by_key(|k| *k as i32);
    assert_eq!(kinds, vec![pb::ConversationType::Self_, pb::ConversationType::OneToOne, pb::ConversationType::Group]);
}

#[tokio::test]
async fn typing_is_delivered_live_and_never_stored() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let id = app.connect(&alice, &bob).await;
    let mut bob_events = app.subscribe(&bob, None).await.unwrap();
    bob_events.skip_stored().await;
    app.conversations()
        .set_typing(authed(
            pb::SetTypingRequest { id: Some(id.clone()), status: pb::TypingStatus::Started as i32 },
            alice.token(),
        ))
        .await
        .unwrap();
    let event = bob_events.next_event().await;
    assert!(event.transient);
    assert_eq!(event.cursor, 0);
    let Some(pb::event::Payload::Typing(typing)) = event.payload else { panic!("typing event") };
    assert_eq!(typing.user, Some(alice.id()));
    drop(bob_events);

    // A new stream replays stored events only: no typing among them.
    let mut replay = app.subscribe(&bob, Some(0)).await.unwrap();
    while let Some(event) = replay.try_next_event(QUIET).await.unwrap() {
        assert!(!matches!(event.payload, Some(pb::event::Payload::Typing(_))), "typing was stored");
    }
}
