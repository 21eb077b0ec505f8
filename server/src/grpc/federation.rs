//! `missive.federation.v1.FederationService`: what this backend answers to
//! other backends about what it owns. The ingress layer
//! (`crate::federation::ingress`) has checked the caller before a request
//! gets here; a request naming another backend's resources is refused by
//! the domain (`DomainError::NotOwner`: PERMISSION_DENIED, reason NOT_OWNER).

use super::convert;
use crate::domain::assets::Assets;
use crate::domain::connections::Connections;
use crate::domain::conversations::{Conversations, GroupChange};
use crate::domain::devices::Devices;
use crate::domain::federation::{
    CommitBundle, ConnectionAction, MlsSender, RemoteMessage, RemoteMlsMessage, TypingNotice,
};
use crate::domain::ids::DeviceId;
use crate::domain::ids::{AssetId, BackendDomain, Handle, QualifiedAssetId, QualifiedUserId, UserId, parse_bare};
use crate::domain::keys::Keys;
use crate::domain::messages::Messages;
use crate::domain::mls_delivery::MlsDelivery;
use crate::domain::model::Conversation;
use crate::domain::users::Users;
use crate::error::{DomainError, DomainResult};
use crate::federation::ingress;
use futures_util::StreamExt;
use missive_proto::federation::v1 as fed;
use missive_proto::federation::v1::federation_service_server::FederationService;
use std::pin::Pin;
use std::sync::Arc;
use tokio_stream::Stream;
use tonic::{Request, Response, Status};

pub struct FederationApi {
    pub domain: BackendDomain,
    pub connections: Arc<Connections>,
    pub conversations: Arc<Conversations>,
    pub messages: Arc<Messages>,
    pub users: Arc<Users>,
    pub devices: Arc<Devices>,
    pub keys: Arc<Keys>,
    pub assets: Arc<Assets>,
    pub mls: Arc<MlsDelivery>,
}

fn bare_ids(field: &str, ids: &[String]) -> DomainResult<Vec<UserId>> {
    ids.iter().enumerate().map(|(index, id)| parse_bare(&format!("{field}[{index}]"), id)).collect()
}

#[tonic::async_trait]
impl FederationService for FederationApi {
    async fn get_user_by_handle(
        &self,
        request: Request<fed::GetUserByHandleRequest>,
    ) -> Result<Response<fed::GetUserByHandleResponse>, Status> {
        ingress::origin(&request)?;
        let handle = Handle::parse(&request.into_inner().handle)?;
        let user = self
            .users
            .local_by_handle(&handle)
            .await?
            .ok_or_else(|| Status::not_found(format!("no user with handle {:?}", handle.as_str())))?;
        Ok(Response::new(fed::GetUserByHandleResponse { user: Some(user.into()) }))
    }

    async fn get_users(
        &self,
        request: Request<fed::GetUsersRequest>,
    ) -> Result<Response<fed::GetUsersResponse>, Status> {
        ingress::origin(&request)?;
        let wanted = bare_ids("user_ids", &request.into_inner().user_ids)?;
        let found = self.users.local_users(&wanted).await?;
        let not_found =
            wanted.iter().filter(|id| !found.iter().any(|user| user.id.id == **id)).map(|id| id.to_string()).collect();
        Ok(Response::new(fed::GetUsersResponse { found: found.into_iter().map(Into::into).collect(), not_found }))
    }

    async fn search_users(
        &self,
        request: Request<fed::SearchUsersRequest>,
    ) -> Result<Response<fed::SearchUsersResponse>, Status> {
        ingress::origin(&request)?;
        let body = request.into_inner();
        let users = self.users.local_search(&body.query, body.limit).await?;
        Ok(Response::new(fed::SearchUsersResponse { users: users.into_iter().map(Into::into).collect() }))
    }

    async fn get_user_devices(
        &self,
        request: Request<fed::GetUserDevicesRequest>,
    ) -> Result<Response<fed::GetUserDevicesResponse>, Status> {
        ingress::origin(&request)?;
        let wanted = bare_ids("user_ids", &request.into_inner().user_ids)?;
        let users = self
            .devices
            .local_devices_of(&wanted)
            .await?
            .into_iter()
            .map(|(user, devices)| fed::RemoteUserDevices {
                user_id: user.to_string(),
                devices: devices.into_iter().map(Into::into).collect(),
            })
            .collect();
        Ok(Response::new(fed::GetUserDevicesResponse { users }))
    }

    async fn claim_prekeys(
        &self,
        request: Request<fed::ClaimPrekeysRequest>,
    ) -> Result<Response<fed::ClaimPrekeysResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let targets = convert::claim_targets(request.into_inner().targets)?;
        if let Some((user, _)) = targets.iter().find(|(user, _)| user.domain != self.domain) {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} asked for keys of user {}@{}: this backend answers only for its own users",
                user.id, user.domain
            ))
            .into());
        }
        let targets = targets.into_iter().map(|(user, devices)| (user.id, devices)).collect();
        let claimed = self.keys.claim_local(targets).await?;
        Ok(Response::new(fed::ClaimPrekeysResponse { prekeys: claimed.into_iter().map(Into::into).collect() }))
    }

    async fn claim_key_packages(
        &self,
        request: Request<fed::ClaimKeyPackagesRequest>,
    ) -> Result<Response<fed::ClaimKeyPackagesResponse>, Status> {
        ingress::origin(&request)?;
        let user = parse_bare("user_id", &request.into_inner().user_id)?;
        let claimed = self.keys.claim_local_key_packages(user, None).await?;
        Ok(Response::new(fed::ClaimKeyPackagesResponse { key_packages: claimed.into_iter().map(Into::into).collect() }))
    }

    async fn on_connection_updated(
        &self,
        request: Request<fed::OnConnectionUpdatedRequest>,
    ) -> Result<Response<fed::OnConnectionUpdatedResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        let from = convert::required_id("from", body.from.as_ref())?;
        let to = parse_bare("to_user_id", &body.to_user_id)?;
        let action = match fed::ConnectionAction::try_from(body.action) {
            Ok(fed::ConnectionAction::Requested) => ConnectionAction::Requested,
            Ok(fed::ConnectionAction::Accepted) => ConnectionAction::Accepted,
            Ok(fed::ConnectionAction::Cancelled) => ConnectionAction::Cancelled,
            _ => return Err(Status::invalid_argument("action must be REQUESTED, ACCEPTED or CANCELLED")),
        };
        check_delivery_id(&body.delivery_id)?;
        self.connections.apply_remote(&origin, &body.delivery_id, from, to, action).await?;
        Ok(Response::new(fed::OnConnectionUpdatedResponse {}))
    }

    async fn on_conversation_created(
        &self,
        request: Request<fed::OnConversationCreatedRequest>,
    ) -> Result<Response<fed::OnConversationCreatedResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        check_delivery_id(&body.delivery_id)?;
        let conversation = announced_conversation(&origin, body.conversation)?;
        self.conversations.apply_created(&origin, &body.delivery_id, conversation).await?;
        Ok(Response::new(fed::OnConversationCreatedResponse {}))
    }

    async fn on_message_sent(
        &self,
        request: Request<fed::OnMessageSentRequest>,
    ) -> Result<Response<fed::OnMessageSentResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        check_delivery_id(&body.delivery_id)?;
        let message = remote_message(
            body.conversation.as_ref(),
            body.sender.as_ref(),
            &body.sender_device_id,
            body.message_id,
            body.time,
            body.ciphertexts,
        )?;
        self.messages.apply_sent(&origin, &body.delivery_id, message).await?;
        Ok(Response::new(fed::OnMessageSentResponse {}))
    }

    async fn send_message(
        &self,
        request: Request<fed::SendMessageRequest>,
    ) -> Result<Response<fed::SendMessageResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        let sender = convert::required_id("sender", body.sender.as_ref())?;
        let device = DeviceId::parse("sender_device_id", &body.sender_device_id)?;
        let message = body.message.ok_or_else(|| Status::invalid_argument("message is missing"))?;
        let input = message.try_into()?;
        let sent = self.messages.send_from_remote(&origin, sender, device, input).await?;
        Ok(Response::new(fed::SendMessageResponse {
            result: Some(missive_proto::v1::SendMessageResponse {
                time: Some(convert::timestamp(sent.time_ms)),
                mismatch: Some(sent.mismatch.into()),
            }),
        }))
    }

    async fn on_typing(
        &self,
        request: Request<fed::OnTypingRequest>,
    ) -> Result<Response<fed::OnTypingResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        let user = convert::required_id("user", body.user.as_ref())?;
        let notice = TypingNotice {
            conversation: convert::required_id("conversation", body.conversation.as_ref())?,
            user,
            device: DeviceId::parse("device_id", &body.device_id)?,
            status: convert::typing_status(body.status)?,
        };
        self.conversations.apply_typing(&origin, notice).await?;
        Ok(Response::new(fed::OnTypingResponse {}))
    }

    async fn on_conversation_updated(
        &self,
        request: Request<fed::OnConversationUpdatedRequest>,
    ) -> Result<Response<fed::OnConversationUpdatedResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        check_delivery_id(&body.delivery_id)?;
        let conversation = announced_conversation(&origin, body.conversation)?;
        let change =
            body.change.and_then(|event| event.payload).ok_or_else(|| Status::invalid_argument("change is missing"))?;
        let change =
            convert::remote_payload(&origin, change).map_err(|err| Status::invalid_argument(err.client_message()))?;
        self.conversations.apply_updated(&origin, &body.delivery_id, conversation, change).await?;
        Ok(Response::new(fed::OnConversationUpdatedResponse {}))
    }

    async fn leave_conversation(
        &self,
        request: Request<fed::LeaveConversationRequest>,
    ) -> Result<Response<fed::LeaveConversationResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        let user = convert::required_id("user", body.user.as_ref())?;
        let conversation = convert::required_id("conversation", body.conversation.as_ref())?;
        self.conversations.leave_from_remote(&origin, &conversation, user).await?;
        Ok(Response::new(fed::LeaveConversationResponse {}))
    }

    async fn update_conversation(
        &self,
        request: Request<fed::UpdateConversationRequest>,
    ) -> Result<Response<fed::UpdateConversationResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        let conversation = convert::required_id("conversation", body.conversation.as_ref())?;
        let by = convert::required_id("by", body.by.as_ref())?;
        let change = group_change(body.action)?;
        let updated = self.conversations.change_from_remote(&origin, &conversation, by, change).await?;
        Ok(Response::new(fed::UpdateConversationResponse { conversation: Some(updated.into()) }))
    }

    async fn on_transient_message(
        &self,
        request: Request<fed::OnTransientMessageRequest>,
    ) -> Result<Response<fed::OnTransientMessageResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        let message = remote_message(
            body.conversation.as_ref(),
            body.sender.as_ref(),
            &body.sender_device_id,
            body.message_id,
            body.time,
            body.ciphertexts,
        )?;
        self.messages.apply_transient(&origin, message).await?;
        Ok(Response::new(fed::OnTransientMessageResponse {}))
    }

    async fn get_asset(
        &self,
        request: Request<fed::GetAssetRequest>,
    ) -> Result<Response<fed::GetAssetResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.get_ref();
        let (requester, asset) = self.asset_request(&origin, body.requester.as_ref(), &body.asset_id)?;
        let found = self.assets.info_for(&requester, &asset, &body.token).await?;
        Ok(Response::new(fed::GetAssetResponse { asset: Some(found.into()) }))
    }

    type StreamAssetStream = AssetChunks;

    async fn stream_asset(
        &self,
        request: Request<fed::StreamAssetRequest>,
    ) -> Result<Response<Self::StreamAssetStream>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.get_ref();
        let (requester, asset) = self.asset_request(&origin, body.requester.as_ref(), &body.asset_id)?;
        let bytes = self.assets.bytes_for(&requester, &asset, &body.token, body.offset, body.limit).await?;
        Ok(Response::new(Box::pin(
            bytes.map(|piece| {
                piece.map(|(offset, data)| fed::StreamAssetResponse { offset, data }).map_err(Status::from)
            }),
        )))
    }

    async fn send_mls_commit_bundle(
        &self,
        request: Request<fed::SendMlsCommitBundleRequest>,
    ) -> Result<Response<fed::SendMlsCommitBundleResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        let sender = mls_sender(body.sender.as_ref(), &body.sender_device_id)?;
        let bundle = body.bundle.ok_or_else(|| Status::invalid_argument("bundle is missing"))?;
        let id = convert::required_id("bundle.conversation", bundle.conversation.as_ref())?;
        let bundle = CommitBundle { commit: bundle.commit, welcome: bundle.welcome, group_info: bundle.group_info };
        let epoch = self.mls.send_commit_bundle_from_remote(&origin, sender, &id, bundle).await?;
        Ok(Response::new(fed::SendMlsCommitBundleResponse {
            result: Some(missive_proto::v1::SendCommitBundleResponse {
                epoch,
                time: Some(convert::timestamp(now_ms())),
            }),
        }))
    }

    async fn send_mls_message(
        &self,
        request: Request<fed::SendMlsMessageRequest>,
    ) -> Result<Response<fed::SendMlsMessageResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        let sender = mls_sender(body.sender.as_ref(), &body.sender_device_id)?;
        let message = body.message.ok_or_else(|| Status::invalid_argument("message is missing"))?;
        let id = convert::required_id("message.conversation", message.conversation.as_ref())?;
        self.mls.send_message_from_remote(&origin, sender, &id, message.message).await?;
        Ok(Response::new(fed::SendMlsMessageResponse {
            result: Some(missive_proto::v1::SendMlsMessageResponse { time: Some(convert::timestamp(now_ms())) }),
        }))
    }

    async fn get_mls_group_info(
        &self,
        request: Request<fed::GetMlsGroupInfoRequest>,
    ) -> Result<Response<fed::GetMlsGroupInfoResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        let id = convert::required_id("conversation", body.conversation.as_ref())?;
        let user = convert::required_id("user", body.user.as_ref())?;
        let state = self.mls.group_info_from_remote(&origin, &id, &user).await?;
        Ok(Response::new(fed::GetMlsGroupInfoResponse {
            result: Some(missive_proto::v1::GetGroupInfoResponse { epoch: state.epoch, group_info: state.group_info }),
            proposals: state.proposals,
        }))
    }

    async fn on_mls_message_sent(
        &self,
        request: Request<fed::OnMlsMessageSentRequest>,
    ) -> Result<Response<fed::OnMlsMessageSentResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        check_delivery_id(&body.delivery_id)?;
        let sent = RemoteMlsMessage {
            conversation: convert::required_id("conversation", body.conversation.as_ref())?,
            sender: convert::required_id("sender", body.sender.as_ref())?,
            sender_device: DeviceId::parse("sender_device_id", &body.sender_device_id)?,
            message: body.message,
            users: bare_ids("user_ids", &body.user_ids)?,
            skipped: devices_of("skipped", body.skipped)?,
            welcome: body.welcome,
            welcomed: devices_of("welcomed", body.welcomed)?,
        };
        self.mls.apply_sent(&origin, &body.delivery_id, sent).await?;
        Ok(Response::new(fed::OnMlsMessageSentResponse {}))
    }

    async fn get_mls_one_to_one(
        &self,
        request: Request<fed::GetMlsOneToOneRequest>,
    ) -> Result<Response<fed::GetMlsOneToOneResponse>, Status> {
        let origin = ingress::origin(&request)?;
        let body = request.into_inner();
        let requester = convert::required_id("requester", body.requester.as_ref())?;
        let user = parse_bare("user_id", &body.user_id)?;
        let (conversation, delivery_id) = self.mls.one_to_one_from_remote(&origin, requester, user).await?;
        Ok(Response::new(fed::GetMlsOneToOneResponse { conversation: Some(conversation.into()), delivery_id }))
    }
}

/// Wall-clock time of an answer.
fn now_ms() -> i64 {
    crate::domain::outbox::wall_ms()
}

fn mls_sender(sender: Option<&missive_proto::v1::QualifiedId>, device: &str) -> Result<MlsSender, Status> {
    Ok(MlsSender {
        user: convert::required_id("sender", sender)?,
        device: DeviceId::parse("sender_device_id", device)?,
    })
}

fn devices_of(field: &str, devices: Vec<fed::DeviceOf>) -> DomainResult<Vec<(UserId, DeviceId)>> {
    devices
        .into_iter()
        .enumerate()
        .map(|(index, device)| {
            Ok((
                parse_bare(&format!("{field}[{index}].user_id"), &device.user_id)?,
                DeviceId::parse(&format!("{field}[{index}].device_id"), &device.device_id)?,
            ))
        })
        .collect()
}

type AssetChunks = Pin<Box<dyn Stream<Item = Result<fed::StreamAssetResponse, Status>> + Send>>;

impl FederationApi {
    /// Who asks (a user of the calling backend, never of a third) and for
    /// which asset of this backend.
    fn asset_request(
        &self,
        origin: &BackendDomain,
        requester: Option<&missive_proto::v1::QualifiedId>,
        asset_id: &str,
    ) -> Result<(QualifiedUserId, QualifiedAssetId), Status> {
        let requester: QualifiedUserId = convert::required_id("requester", requester)?;
        if requester.domain != *origin {
            return Err(DomainError::NotOwner(format!(
                "backend {origin} asked for an asset for user {}@{}: a backend asks only for its own users",
                requester.id, requester.domain
            ))
            .into());
        }
        let asset: AssetId = parse_bare("asset_id", asset_id)?;
        Ok((requester, QualifiedAssetId::new(asset, &self.domain)))
    }
}

/// A message as the owner of its conversation hands it over.
fn remote_message(
    conversation: Option<&missive_proto::v1::QualifiedId>,
    sender: Option<&missive_proto::v1::QualifiedId>,
    sender_device_id: &str,
    message_id: String,
    time: Option<prost_types::Timestamp>,
    given: Vec<fed::RecipientCiphertext>,
) -> Result<RemoteMessage, Status> {
    let mut ciphertexts = Vec::with_capacity(given.len());
    for (index, entry) in given.into_iter().enumerate() {
        let user = parse_bare(&format!("ciphertexts[{index}].user_id"), &entry.user_id)?;
        let device = DeviceId::parse(&format!("ciphertexts[{index}].device_id"), &entry.device_id)?;
        ciphertexts.push((user, device, entry.ciphertext));
    }
    Ok(RemoteMessage {
        conversation: convert::required_id("conversation", conversation)?,
        sender: convert::required_id("sender", sender)?,
        sender_device: DeviceId::parse("sender_device_id", sender_device_id)?,
        message_id,
        time_ms: time.map(|t| t.seconds * 1000 + i64::from(t.nanos) / 1_000_000).unwrap_or_default(),
        ciphertexts,
    })
}

fn group_change(action: Option<fed::update_conversation_request::Action>) -> Result<GroupChange, Status> {
    use fed::update_conversation_request::Action;
    Ok(match action.ok_or_else(|| Status::invalid_argument("action is missing"))? {
        Action::AddMembers(add) => GroupChange::AddMembers(convert::id_list("add_members.users", &add.users)?),
        Action::RemoveMember(remove) => {
            GroupChange::RemoveMember(convert::required_id("remove_member.user", remove.user.as_ref())?)
        }
        Action::Rename(rename) => GroupChange::Rename(rename.name),
        Action::UpdateRole(update) => GroupChange::SetRole(
            convert::required_id("update_role.user", update.user.as_ref())?,
            convert::role(update.role)?,
        ),
    })
}

/// A conversation as `origin` announces it (the domain checks it owns it).
fn announced_conversation(
    origin: &BackendDomain,
    conversation: Option<missive_proto::v1::Conversation>,
) -> Result<Conversation, Status> {
    let conversation = conversation.ok_or_else(|| Status::invalid_argument("conversation is missing"))?;
    convert::remote_conversation(origin, conversation).map_err(|err| Status::invalid_argument(err.client_message()))
}

fn check_delivery_id(id: &str) -> Result<(), Status> {
    if id.is_empty() || id.len() > 64 {
        return Err(Status::invalid_argument("delivery_id must be 1 to 64 characters"));
    }
    Ok(())
}
