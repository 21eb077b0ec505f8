//! Qualified ids as clients send them: malformed backend domains are bad
//! requests (not "federation is not available"), and client text never comes
//! back in a message at any length.

use crate::helpers::*;
use missive_proto::v1 as pb;
use tonic::{Code, Status};

const BAD_DOMAINS: &[&str] = &["../../etc/passwd", "💥💥💥", "0.53", "a..example", "-a.example", "a b.example"];

fn on(domain: &str, id: &pb::QualifiedId) -> pb::QualifiedId {
    pb::QualifiedId { id: id.id.clone(), domain: domain.to_owned() }
}

/// Every call that takes a qualified id, with `user` and `conversation`
/// moved to `domain`.
fn ok<T>(result: Result<tonic::Response<T>, Status>) -> Result<(), Status> {
    result.map(|_| ())
}

async fn calls_with(
    app: &TestApp,
    alice: &Account,
    user: &pb::QualifiedId,
    conversation: &pb::QualifiedId,
    domain: &str,
) -> Vec<(&'static str, Result<(), Status>)> {
    let token = alice.token();
    let user = on(domain, user);
    let conversation = on(domain, conversation);
    vec![
        (
            "ClaimPrekeyBundle",
            ok(app
                .keys()
                .claim_prekey_bundle(authed(pb::ClaimPrekeyBundleRequest { user: Some(user.clone()) }, token))
                .await),
        ),
        (
            "SetTyping",
            ok(app
                .conversations()
                .set_typing(authed(
                    pb::SetTypingRequest { id: Some(conversation.clone()), status: pb::TypingStatus::Started as i32 },
                    token,
                ))
                .await),
        ),
        (
            "LeaveConversation",
            ok(app
                .conversations()
                .leave_conversation(authed(pb::LeaveConversationRequest { id: Some(conversation.clone()) }, token))
                .await),
        ),
        (
            "RemoveMember",
            ok(app
                .conversations()
                .remove_member(authed(
                    pb::RemoveMemberRequest { id: Some(conversation.clone()), user: Some(user.clone()) },
                    token,
                ))
                .await),
        ),
        (
            "UpdateMemberRole",
            ok(app
                .conversations()
                .update_member_role(authed(
                    pb::UpdateMemberRoleRequest {
                        id: Some(conversation.clone()),
                        user: Some(user.clone()),
                        role: pb::MemberRole::Admin as i32,
                    },
                    token,
                ))
                .await),
        ),
        (
            "SendConnectionRequest",
            ok(app
                .connections()
                .send_connection_request(authed(pb::SendConnectionRequestRequest { user: Some(user.clone()) }, token))
                .await),
        ),
        (
            "GetUserByHandle",
            ok(app
                .users()
                .get_user_by_handle(authed(
                    pb::GetUserByHandleRequest { handle: "bob".into(), domain: domain.to_owned() },
                    token,
                ))
                .await),
        ),
    ]
}

#[tokio::test]
async fn malformed_backend_domains_are_invalid_arguments() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let conversation = app.connect(&alice, &bob).await;
    for domain in BAD_DOMAINS {
        for (call, result) in calls_with(&app, &alice, &bob.id(), &conversation, domain).await {
            let status = result.expect_err(call);
            assert_eq!(status.code(), Code::InvalidArgument, "{call} with {domain:?}: {}", status.message());
            assert!(status.message().contains("not a backend domain"), "{call}: {}", status.message());
        }
    }
}

#[tokio::test]
async fn well_formed_remote_domains_say_this_backend_does_not_federate() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let conversation = app.connect(&alice, &bob).await;
    for (call, result) in calls_with(&app, &alice, &bob.id(), &conversation, "b.example").await {
        let status = result.expect_err(call);
        assert!(matches!(status.code(), Code::Unavailable | Code::NotFound), "{call}: {status:?}");
        // A conversation of another backend that was never shared with
        // this one is simply unknown here.
        assert!(
            status.message().contains("federation is not available")
                || status.message().contains("unknown conversation"),
            "{call}: {}",
            status.message()
        );
    }
}

#[tokio::test]
async fn client_text_in_error_messages_is_cut_to_a_sane_length() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let long = "x".repeat(5000);
    let huge_id = pb::QualifiedId { id: long.clone(), domain: DOMAIN.into() };
    let huge_domain = pb::QualifiedId { id: alice.id().id, domain: format!("{long}.example") };
    let token = alice.token();
    let results = [
        app.keys()
            .claim_prekey_bundle(authed(pb::ClaimPrekeyBundleRequest { user: Some(huge_id) }, token))
            .await
            .map(|_| ()),
        app.keys()
            .claim_prekey_bundle(authed(pb::ClaimPrekeyBundleRequest { user: Some(huge_domain) }, token))
            .await
            .map(|_| ()),
        app.devices()
            .get_device(authed(pb::GetDeviceRequest { user: None, device_id: long.clone() }, token))
            .await
            .map(|_| ()),
        app.users()
            .get_user_by_handle(authed(
                pb::GetUserByHandleRequest { handle: long.clone(), domain: String::new() },
                token,
            ))
            .await
            .map(|_| ()),
        app.users()
            .search_users(authed(
                pb::SearchUsersRequest { query: "al".into(), page_size: 0, page_token: long.clone(), domain: String::new() },
                token,
            ))
            .await
            .map(|_| ()),
        app.accounts()
            .complete_device_auth(pb::CompleteDeviceAuthRequest { challenge_id: long.clone(), signature: vec![0; 64] })
            .await
            .map(|_| ()),
    ];
    for result in results {
        let status = result.expect_err("refused");
        assert_eq!(status.code(), Code::InvalidArgument, "{}", status.message());
        assert!(status.message().len() < 400, "{} bytes: {}", status.message().len(), status.message());
    }
}
