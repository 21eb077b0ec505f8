//! Calls to other backends: the domain's [`Remotes`] over gRPC with mutual
//! TLS.
//!
//! One channel per backend domain, kept for the discovery answer's TTL
//! (at least [`MIN_CHANNEL_LIFE`]), then discovered again. Each call carries
//! this backend's domain as its origin and a deadline, so a peer that is
//! down or slow costs the caller a bounded wait and never blocks anything
//! local. Every answer is checked to be about the asked backend's own
//! resources before the domain sees it.

use super::discovery::Discovery;
use super::{AllowList, ORIGIN_HEADER, TlsMaterial};
use crate::domain::assets::{Asset, AssetBytes, DOWNLOAD_CHUNK_BYTES};
use crate::domain::conversations::GroupChange;
use crate::domain::federation::{
    CommitBundle, ConnectionAction, DeviceCiphertext, EncodedNotification, ForwardedSend, MlsGroupState, MlsSender,
    Notification, RemoteFuture, RemoteMessage, Remotes, TypingNotice, check_owned,
};
use crate::domain::ids::{
    AssetId, BackendDomain, DeviceId, QualifiedConversationId, QualifiedUserId, UserId, parse_bare,
};
use crate::domain::keys::{Claimed, ClaimedKeyPackage};
use crate::domain::messages::Sent;
use crate::domain::model::{Conversation, Device, User};
use crate::error::{DomainError, DomainResult};
use crate::grpc::convert;
use crate::telemetry::rpc::Outgoing;
use futures_util::StreamExt;
use missive_proto::federation::v1 as fed;
use missive_proto::federation::v1::federation_service_client::FederationServiceClient;
use missive_proto::v1 as pb;
use prost::Message;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tonic::transport::{Channel, ClientTlsConfig, Endpoint};
use tonic::{Code, Status};

/// A channel is rediscovered no sooner than this, whatever the TTL.
const MIN_CHANNEL_LIFE: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// The longest a local request waits for another backend.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

pub struct FederationClient {
    local: BackendDomain,
    discovery: std::sync::Arc<Discovery>,
    tls: TlsMaterial,
    allow: Arc<AllowList>,
    channels: Mutex<HashMap<BackendDomain, (Channel, Instant)>>,
}

impl FederationClient {
    pub fn new(
        local: BackendDomain,
        discovery: std::sync::Arc<Discovery>,
        tls: TlsMaterial,
        allow: Arc<AllowList>,
    ) -> FederationClient {
        FederationClient { local, discovery, tls, allow, channels: Mutex::new(HashMap::new()) }
    }

    async fn channel(&self, domain: &BackendDomain) -> DomainResult<Channel> {
        if !self.allow.allows(domain) {
            return Err(DomainError::FailedPrecondition(format!(
                "backend {domain} is not on this backend's federation allow list"
            )));
        }
        if let Some((channel, until)) = self.channels.lock().ok().and_then(|c| c.get(domain).cloned())
            && Instant::now() < until
        {
            return Ok(channel);
        }
        let unreachable = |why: String| DomainError::Unavailable(format!("backend {domain} cannot be reached: {why}"));
        let (targets, valid_until) = self.discovery.locate(domain).await.map_err(|err| unreachable(err.to_string()))?;
        let mut last_error = String::from("no federator");
        for target in targets {
            let addresses = match self.discovery.addresses(&target.host).await {
                Ok(addresses) => addresses,
                Err(err) => {
                    last_error = err.to_string();
                    continue;
                }
            };
            for ip in addresses {
                let address = SocketAddr::new(ip, target.port);
                match self.connect(address, &target.host).await {
                    Ok(channel) => {
                        let until = valid_until.max(Instant::now() + MIN_CHANNEL_LIFE);
                        if let Ok(mut channels) = self.channels.lock() {
                            channels.insert(domain.clone(), (channel.clone(), until));
                        }
                        return Ok(channel);
                    }
                    Err(err) => last_error = format!("{} at {address}: {err}", target.host),
                }
            }
        }
        Err(unreachable(last_error))
    }

    async fn connect(&self, address: SocketAddr, host: &str) -> Result<Channel, String> {
        let tls = ClientTlsConfig::new()
            .ca_certificate(self.tls.ca.clone())
            .identity(self.tls.identity.clone())
            .domain_name(host);
        let endpoint = Endpoint::from_shared(format!("https://{address}"))
            .map_err(|err| err.to_string())?
            .tls_config(tls)
            .map_err(|err| err.to_string())?
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(CALL_TIMEOUT)
            .tcp_nodelay(true);
        endpoint.connect().await.map_err(|err| display_chain(&err))
    }

    fn forget(&self, domain: &BackendDomain) {
        if let Ok(mut channels) = self.channels.lock() {
            channels.remove(domain);
        }
    }

    fn request<T>(&self, body: T) -> tonic::Request<T> {
        let mut request = tonic::Request::new(body);
        if let Ok(value) = self.local.to_string().parse() {
            request.metadata_mut().insert(ORIGIN_HEADER, value);
        }
        request
    }

    async fn client(&self, domain: &BackendDomain) -> DomainResult<FederationServiceClient<Outgoing<Channel>>> {
        Ok(FederationServiceClient::new(Outgoing::new(self.channel(domain).await?)))
    }

    /// The owner's verdict on a request made for a user (an asset read) is
    /// the user's; a refusal of this backend by its listener is not.
    fn verdict(&self, domain: &BackendDomain, status: Status) -> DomainError {
        if is_listener_refusal(&status) {
            return self.failed(domain, status);
        }
        let message = format!("backend {domain}: {}", status.message());
        match status.code() {
            Code::PermissionDenied => DomainError::PermissionDenied(message),
            Code::NotFound => DomainError::NotFound(message),
            Code::FailedPrecondition => DomainError::FailedPrecondition(message),
            Code::InvalidArgument => DomainError::InvalidArgument(message),
            _ => self.failed(domain, status),
        }
    }

    /// The owner's verdict on an MLS send: a stale epoch keeps its epoch,
    /// so the device learns which epoch to catch up to.
    fn mls_verdict(&self, owner: &BackendDomain, status: Status) -> DomainError {
        use tonic_types::StatusExt;
        let stale = status
            .get_error_details()
            .error_info()
            .filter(|info| info.reason == crate::grpc::status::MLS_STALE_MESSAGE)
            .and_then(|info| info.metadata.get("epoch").and_then(|epoch| epoch.parse().ok()));
        match stale {
            Some(epoch) if status.code() == Code::FailedPrecondition => DomainError::StaleEpoch { epoch },
            _ => self.verdict(owner, status),
        }
    }

    /// The domain's reading of another backend's refusal.
    fn failed(&self, domain: &BackendDomain, status: Status) -> DomainError {
        let message = status.message();
        match status.code() {
            Code::NotFound => DomainError::NotFound(format!("backend {domain}: {message}")),
            Code::InvalidArgument => DomainError::InvalidArgument(format!("backend {domain}: {message}")),
            Code::PermissionDenied | Code::Unauthenticated => {
                DomainError::FailedPrecondition(format!("backend {domain} refused this backend: {message}"))
            }
            _ => {
                // The channel may be stale (peer restarted elsewhere): discover again next time.
                self.forget(domain);
                DomainError::Unavailable(format!("backend {domain} cannot be reached: {message}"))
            }
        }
    }
}

/// Outbox kinds: which call carries a stored notification.
const KIND_CONNECTION_UPDATED: i32 = 1;
const KIND_CONVERSATION_CREATED: i32 = 2;
const KIND_MESSAGE_SENT: i32 = 3;
const KIND_CONVERSATION_UPDATED: i32 = 4;
const KIND_MLS_MESSAGE_SENT: i32 = 5;

fn action_pb(action: ConnectionAction) -> fed::ConnectionAction {
    match action {
        ConnectionAction::Requested => fed::ConnectionAction::Requested,
        ConnectionAction::Accepted => fed::ConnectionAction::Accepted,
        ConnectionAction::Cancelled => fed::ConnectionAction::Cancelled,
    }
}

fn display_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn ids(users: &[UserId]) -> Vec<String> {
    users.iter().map(|id| id.0.to_string()).collect()
}

fn users_of(domain: &BackendDomain, users: Vec<pb::User>) -> DomainResult<Vec<User>> {
    let users = users.into_iter().map(|user| convert::remote_user(domain, user)).collect::<DomainResult<Vec<_>>>()?;
    check_owned(domain, users.iter().map(|user| &user.id.domain))?;
    Ok(users)
}

impl Remotes for FederationClient {
    fn user_by_handle<'a>(&'a self, domain: &'a BackendDomain, handle: &'a str) -> RemoteFuture<'a, Option<User>> {
        Box::pin(async move {
            let mut client = self.client(domain).await?;
            let body = fed::GetUserByHandleRequest { handle: handle.to_owned() };
            match client.get_user_by_handle(self.request(body)).await {
                Ok(answer) => {
                    let user = answer.into_inner().user.map(|user| users_of(domain, vec![user])).transpose()?;
                    Ok(user.and_then(|mut users| users.pop()))
                }
                Err(status) if status.code() == Code::NotFound => Ok(None),
                Err(status) => Err(self.failed(domain, status)),
            }
        })
    }

    fn users<'a>(&'a self, domain: &'a BackendDomain, wanted: &'a [UserId]) -> RemoteFuture<'a, Vec<User>> {
        Box::pin(async move {
            let mut client = self.client(domain).await?;
            let body = fed::GetUsersRequest { user_ids: ids(wanted) };
            let answer = client.get_users(self.request(body)).await.map_err(|status| self.failed(domain, status))?;
            users_of(domain, answer.into_inner().found)
        })
    }

    fn search_users<'a>(
        &'a self,
        domain: &'a BackendDomain,
        query: &'a str,
        limit: u32,
    ) -> RemoteFuture<'a, Vec<User>> {
        Box::pin(async move {
            let mut client = self.client(domain).await?;
            let body = fed::SearchUsersRequest { query: query.to_owned(), limit };
            let answer = client.search_users(self.request(body)).await.map_err(|status| self.failed(domain, status))?;
            users_of(domain, answer.into_inner().users)
        })
    }

    fn user_devices<'a>(
        &'a self,
        domain: &'a BackendDomain,
        wanted: &'a [UserId],
    ) -> RemoteFuture<'a, Vec<(UserId, Vec<Device>)>> {
        Box::pin(async move {
            let mut client = self.client(domain).await?;
            let body = fed::GetUserDevicesRequest { user_ids: ids(wanted) };
            let answer =
                client.get_user_devices(self.request(body)).await.map_err(|status| self.failed(domain, status))?;
            let mut found = Vec::new();
            for entry in answer.into_inner().users {
                let user: UserId = parse_bare("users.user_id", &entry.user_id)?;
                let devices = entry
                    .devices
                    .into_iter()
                    .map(|device| convert::remote_device(domain, device))
                    .collect::<DomainResult<Vec<_>>>()?;
                check_owned(domain, devices.iter().map(|device| &device.user.domain))?;
                if devices.iter().any(|device| device.user.id != user) {
                    return Err(DomainError::Unavailable(format!(
                        "backend {domain} sent devices of another user under user {user}"
                    )));
                }
                found.push((user, devices));
            }
            Ok(found)
        })
    }

    fn claim_prekeys<'a>(
        &'a self,
        domain: &'a BackendDomain,
        targets: &'a [(UserId, Vec<DeviceId>)],
    ) -> RemoteFuture<'a, Vec<Claimed>> {
        Box::pin(async move {
            let mut client = self.client(domain).await?;
            let targets = targets
                .iter()
                .map(|(user, devices)| pb::UserDevices {
                    user: Some(pb::QualifiedId { id: user.0.to_string(), domain: domain.to_string() }),
                    device_ids: devices.iter().map(|device| device.as_str().to_owned()).collect(),
                })
                .collect();
            let answer = client
                .claim_prekeys(self.request(fed::ClaimPrekeysRequest { targets }))
                .await
                .map_err(|status| self.failed(domain, status))?;
            let claimed = answer
                .into_inner()
                .prekeys
                .into_iter()
                .map(|claimed| convert::remote_claimed(domain, claimed))
                .collect::<DomainResult<Vec<_>>>()?;
            check_owned(domain, claimed.iter().map(|claimed| &claimed.user.domain))?;
            Ok(claimed)
        })
    }

    fn claim_key_packages<'a>(
        &'a self,
        domain: &'a BackendDomain,
        user: UserId,
    ) -> RemoteFuture<'a, Vec<ClaimedKeyPackage>> {
        Box::pin(async move {
            let mut client = self.client(domain).await?;
            let body = fed::ClaimKeyPackagesRequest { user_id: user.0.to_string() };
            let answer =
                client.claim_key_packages(self.request(body)).await.map_err(|status| self.failed(domain, status))?;
            let claimed = answer
                .into_inner()
                .key_packages
                .into_iter()
                .map(|claimed| convert::remote_key_package(domain, claimed))
                .collect::<DomainResult<Vec<_>>>()?;
            check_owned(domain, claimed.iter().map(|claimed| &claimed.user.domain))?;
            Ok(claimed)
        })
    }

    fn send_message<'a>(&'a self, owner: &'a BackendDomain, send: ForwardedSend<'a>) -> RemoteFuture<'a, Sent> {
        let body = fed::SendMessageRequest {
            sender: Some((&send.sender).into()),
            sender_device_id: send.sender_device.as_str().to_owned(),
            message: Some(convert::send_request_of(send.input)),
        };
        Box::pin(async move {
            let mut client = self.client(owner).await?;
            match client.send_message(self.request(body)).await {
                Ok(answer) => {
                    let result = answer.into_inner().result.unwrap_or_default();
                    convert::remote_sent(owner, result)
                }
                Err(status) => match convert::remote_mismatch(owner, &status) {
                    Some(mismatch) => Err(DomainError::ClientMismatch(Box::new(mismatch?))),
                    None if status.code() == Code::PermissionDenied => {
                        Err(DomainError::PermissionDenied(format!("backend {owner}: {}", status.message())))
                    }
                    None => Err(self.failed(owner, status)),
                },
            }
        })
    }

    fn leave<'a>(
        &'a self,
        owner: &'a BackendDomain,
        conversation: &'a QualifiedConversationId,
        user: &'a QualifiedUserId,
    ) -> RemoteFuture<'a, ()> {
        Box::pin(async move {
            let mut client = self.client(owner).await?;
            let body =
                fed::LeaveConversationRequest { conversation: Some(conversation.into()), user: Some(user.into()) };
            match client.leave_conversation(self.request(body)).await {
                Ok(_) => Ok(()),
                Err(status) if status.code() == Code::FailedPrecondition => {
                    Err(DomainError::FailedPrecondition(format!("backend {owner}: {}", status.message())))
                }
                Err(status) => Err(self.failed(owner, status)),
            }
        })
    }

    fn update_conversation<'a>(
        &'a self,
        owner: &'a BackendDomain,
        conversation: &'a QualifiedConversationId,
        by: &'a QualifiedUserId,
        change: &'a GroupChange,
    ) -> RemoteFuture<'a, Conversation> {
        Box::pin(async move {
            let mut client = self.client(owner).await?;
            let body = fed::UpdateConversationRequest {
                conversation: Some(conversation.into()),
                by: Some(by.into()),
                action: Some(group_change_pb(change)),
            };
            let relayed = |message: &str| format!("backend {owner}: {message}");
            match client.update_conversation(self.request(body)).await {
                Ok(answer) => {
                    let updated = answer
                        .into_inner()
                        .conversation
                        .ok_or_else(|| DomainError::Unavailable(relayed("answered without the conversation")))?;
                    let updated = convert::remote_conversation(owner, updated)?;
                    if updated.id != *conversation {
                        return Err(DomainError::Unavailable(relayed("answered about another conversation")));
                    }
                    Ok(updated)
                }
                // The owner's verdict on the admin's change is the admin's;
                // a refusal of this backend by the owner's listener is not.
                Err(status) if is_listener_refusal(&status) => Err(self.failed(owner, status)),
                Err(status) => Err(match status.code() {
                    Code::PermissionDenied => DomainError::PermissionDenied(relayed(status.message())),
                    Code::FailedPrecondition => DomainError::FailedPrecondition(relayed(status.message())),
                    Code::ResourceExhausted => DomainError::LimitReached(relayed(status.message())),
                    _ => self.failed(owner, status),
                }),
            }
        })
    }

    fn mls_commit<'a>(
        &'a self,
        owner: &'a BackendDomain,
        conversation: &'a QualifiedConversationId,
        sender: &'a MlsSender,
        bundle: CommitBundle,
    ) -> RemoteFuture<'a, u64> {
        let body = fed::SendMlsCommitBundleRequest {
            sender: Some((&sender.user).into()),
            sender_device_id: sender.device.as_str().to_owned(),
            bundle: Some(pb::SendCommitBundleRequest {
                conversation: Some(conversation.into()),
                commit: bundle.commit,
                welcome: bundle.welcome,
                group_info: bundle.group_info,
            }),
        };
        Box::pin(async move {
            let mut client = self.client(owner).await?;
            match client.send_mls_commit_bundle(self.request(body)).await {
                Ok(answer) => Ok(answer.into_inner().result.unwrap_or_default().epoch),
                Err(status) => Err(self.mls_verdict(owner, status)),
            }
        })
    }

    fn mls_message<'a>(
        &'a self,
        owner: &'a BackendDomain,
        conversation: &'a QualifiedConversationId,
        sender: &'a MlsSender,
        message: Vec<u8>,
    ) -> RemoteFuture<'a, ()> {
        let body = fed::SendMlsMessageRequest {
            sender: Some((&sender.user).into()),
            sender_device_id: sender.device.as_str().to_owned(),
            message: Some(pb::SendMlsMessageRequest { conversation: Some(conversation.into()), message }),
        };
        Box::pin(async move {
            let mut client = self.client(owner).await?;
            client
                .send_mls_message(self.request(body))
                .await
                .map(drop)
                .map_err(|status| self.mls_verdict(owner, status))
        })
    }

    fn mls_group_state<'a>(
        &'a self,
        owner: &'a BackendDomain,
        conversation: &'a QualifiedConversationId,
        user: &'a QualifiedUserId,
    ) -> RemoteFuture<'a, MlsGroupState> {
        let body = fed::GetMlsGroupInfoRequest { conversation: Some(conversation.into()), user: Some(user.into()) };
        Box::pin(async move {
            let mut client = self.client(owner).await?;
            match client.get_mls_group_info(self.request(body)).await {
                Ok(answer) => {
                    let answer = answer.into_inner();
                    let result = answer.result.unwrap_or_default();
                    Ok(MlsGroupState {
                        epoch: result.epoch,
                        group_info: result.group_info,
                        proposals: answer.proposals,
                    })
                }
                Err(status) => Err(self.verdict(owner, status)),
            }
        })
    }

    fn mls_one_to_one<'a>(
        &'a self,
        owner: &'a BackendDomain,
        requester: &'a QualifiedUserId,
        user: UserId,
    ) -> RemoteFuture<'a, (Conversation, String)> {
        let body = fed::GetMlsOneToOneRequest { requester: Some(requester.into()), user_id: user.to_string() };
        Box::pin(async move {
            let mut client = self.client(owner).await?;
            let answer = client
                .get_mls_one_to_one(self.request(body))
                .await
                .map_err(|status| self.verdict(owner, status))?
                .into_inner();
            let conversation = answer
                .conversation
                .ok_or_else(|| DomainError::Unavailable(format!("backend {owner} answered without a conversation")))?;
            let conversation = convert::remote_conversation(owner, conversation)?;
            Ok((conversation, answer.delivery_id))
        })
    }

    fn transient_message<'a>(&'a self, domain: &'a BackendDomain, message: RemoteMessage) -> RemoteFuture<'a, ()> {
        Box::pin(async move {
            let mut client = self.client(domain).await?;
            let body = fed::OnTransientMessageRequest {
                conversation: Some((&message.conversation).into()),
                sender: Some((&message.sender).into()),
                sender_device_id: message.sender_device.as_str().to_owned(),
                message_id: message.message_id,
                time: Some(convert::timestamp(message.time_ms)),
                ciphertexts: recipient_ciphertexts(&message.ciphertexts),
            };
            client
                .on_transient_message(self.request(body))
                .await
                .map(|_| ())
                .map_err(|status| self.failed(domain, status))
        })
    }

    fn asset<'a>(
        &'a self,
        domain: &'a BackendDomain,
        asset: AssetId,
        requester: &'a QualifiedUserId,
        token: &'a str,
    ) -> RemoteFuture<'a, Asset> {
        Box::pin(async move {
            let mut client = self.client(domain).await?;
            let body = fed::GetAssetRequest {
                asset_id: asset.to_string(),
                requester: Some(requester.into()),
                token: token.into(),
            };
            let answer = client.get_asset(self.request(body)).await.map_err(|status| self.verdict(domain, status))?;
            let found = answer
                .into_inner()
                .asset
                .ok_or_else(|| DomainError::Unavailable(format!("backend {domain} answered without the asset")))?;
            let found = convert::remote_asset(domain, found)?;
            if found.id.id != asset || found.id.domain != *domain || found.owner.domain != *domain {
                return Err(DomainError::Unavailable(format!("backend {domain} answered about another asset")));
            }
            Ok(found)
        })
    }

    fn asset_bytes<'a>(
        &'a self,
        domain: &'a BackendDomain,
        asset: AssetId,
        requester: &'a QualifiedUserId,
        token: &'a str,
        offset: u64,
        limit: u64,
    ) -> RemoteFuture<'a, AssetBytes> {
        Box::pin(async move {
            let mut client = self.client(domain).await?;
            let body = fed::StreamAssetRequest {
                asset_id: asset.to_string(),
                requester: Some(requester.into()),
                token: token.into(),
                offset,
                limit,
            };
            let stream =
                client.stream_asset(self.request(body)).await.map_err(|status| self.verdict(domain, status))?;
            let owner = domain.clone();
            let end = if limit == 0 { u64::MAX } else { offset.saturating_add(limit) };
            // The owner's bytes are input: in order from `offset`, in
            // chunks of the documented size, never past the limit asked
            // for. The first breach ends the stream.
            let bytes = stream.into_inner().scan((offset, false), move |(at, failed), piece| {
                if *failed {
                    return std::future::ready(None);
                }
                let item = match piece {
                    Ok(piece)
                        if piece.offset == *at
                            && !piece.data.is_empty()
                            && piece.data.len() <= DOWNLOAD_CHUNK_BYTES
                            && at.saturating_add(piece.data.len() as u64) <= end =>
                    {
                        *at += piece.data.len() as u64;
                        Ok((piece.offset, piece.data))
                    }
                    Ok(_) => Err(DomainError::Unavailable(format!(
                        "backend {owner} sent asset bytes out of order, oversized or past the range asked for"
                    ))),
                    Err(status) => Err(DomainError::Unavailable(format!(
                        "backend {owner} cut the asset short: {}",
                        status.message()
                    ))),
                };
                *failed = item.is_err();
                std::future::ready(Some(item))
            });
            Ok(Box::pin(bytes) as AssetBytes)
        })
    }

    fn typing<'a>(&'a self, domain: &'a BackendDomain, notice: TypingNotice) -> RemoteFuture<'a, ()> {
        Box::pin(async move {
            let mut client = self.client(domain).await?;
            let body = fed::OnTypingRequest {
                conversation: Some((&notice.conversation).into()),
                user: Some((&notice.user).into()),
                device_id: notice.device.as_str().to_owned(),
                status: convert::typing_pb(notice.status) as i32,
            };
            client.on_typing(self.request(body)).await.map(|_| ()).map_err(|status| self.failed(domain, status))
        })
    }

    fn encode(&self, notification: &Notification) -> DomainResult<EncodedNotification> {
        Ok(match notification {
            Notification::ConnectionUpdated { delivery_id, from, to, action } => EncodedNotification {
                kind: KIND_CONNECTION_UPDATED,
                body: fed::OnConnectionUpdatedRequest {
                    delivery_id: delivery_id.clone(),
                    from: Some(from.into()),
                    to_user_id: to.to_string(),
                    action: action_pb(*action) as i32,
                }
                .encode_to_vec(),
            },
            Notification::ConversationCreated { delivery_id, conversation } => EncodedNotification {
                kind: KIND_CONVERSATION_CREATED,
                body: fed::OnConversationCreatedRequest {
                    delivery_id: delivery_id.clone(),
                    conversation: Some(conversation.clone().into()),
                }
                .encode_to_vec(),
            },
            Notification::ConversationUpdated { delivery_id, conversation, change } => EncodedNotification {
                kind: KIND_CONVERSATION_UPDATED,
                body: fed::OnConversationUpdatedRequest {
                    delivery_id: delivery_id.clone(),
                    conversation: Some(conversation.clone().into()),
                    change: Some(missive_proto::v1::Event {
                        payload: Some(change.clone().into()),
                        ..Default::default()
                    }),
                }
                .encode_to_vec(),
            },
            Notification::MessageSent { delivery_id, message } => EncodedNotification {
                kind: KIND_MESSAGE_SENT,
                body: fed::OnMessageSentRequest {
                    delivery_id: delivery_id.clone(),
                    conversation: Some((&message.conversation).into()),
                    sender: Some((&message.sender).into()),
                    sender_device_id: message.sender_device.as_str().to_owned(),
                    message_id: message.message_id.clone(),
                    time: Some(convert::timestamp(message.time_ms)),
                    ciphertexts: recipient_ciphertexts(&message.ciphertexts),
                }
                .encode_to_vec(),
            },
            Notification::MlsMessageSent { delivery_id, message } => EncodedNotification {
                kind: KIND_MLS_MESSAGE_SENT,
                body: fed::OnMlsMessageSentRequest {
                    delivery_id: delivery_id.clone(),
                    conversation: Some((&message.conversation).into()),
                    sender: Some((&message.sender).into()),
                    sender_device_id: message.sender_device.as_str().to_owned(),
                    message: message.message.clone(),
                    user_ids: ids(&message.users),
                    skipped: devices_of_pb(&message.skipped),
                    welcome: message.welcome.clone(),
                    welcomed: devices_of_pb(&message.welcomed),
                }
                .encode_to_vec(),
            },
        })
    }

    fn deliver<'a>(&'a self, domain: &'a BackendDomain, stored: &'a EncodedNotification) -> RemoteFuture<'a, ()> {
        Box::pin(async move {
            let corrupt = |err: String| DomainError::Internal(format!("outbox entry for {domain} unreadable: {err}"));
            fn decoded<M: Message + Default>(body: &[u8]) -> Result<M, String> {
                M::decode(body).map_err(|err| err.to_string())
            }
            let body = stored.body.as_slice();
            let mut client = self.client(domain).await?;
            let answered = match stored.kind {
                KIND_CONNECTION_UPDATED => {
                    let body: fed::OnConnectionUpdatedRequest = decoded(body).map_err(corrupt)?;
                    client.on_connection_updated(self.request(body)).await.map(|_| ())
                }
                KIND_CONVERSATION_CREATED => {
                    let body: fed::OnConversationCreatedRequest = decoded(body).map_err(corrupt)?;
                    client.on_conversation_created(self.request(body)).await.map(|_| ())
                }
                KIND_CONVERSATION_UPDATED => {
                    let body: fed::OnConversationUpdatedRequest = decoded(body).map_err(corrupt)?;
                    client.on_conversation_updated(self.request(body)).await.map(|_| ())
                }
                KIND_MESSAGE_SENT => {
                    let body: fed::OnMessageSentRequest = decoded(body).map_err(corrupt)?;
                    client.on_message_sent(self.request(body)).await.map(|_| ())
                }
                KIND_MLS_MESSAGE_SENT => {
                    let body: fed::OnMlsMessageSentRequest = decoded(body).map_err(corrupt)?;
                    client.on_mls_message_sent(self.request(body)).await.map(|_| ())
                }
                other => return Err(corrupt(format!("unknown kind {other}"))),
            };
            match answered {
                Ok(()) => Ok(()),
                // It can never be applied (the user is gone, or the receiver
                // reads it as malformed): retrying would hold every later
                // notification to this backend behind it.
                Err(status) if matches!(status.code(), Code::NotFound | Code::InvalidArgument) => {
                    tracing::warn!(%domain, code = ?status.code(), message = status.message(),
                        "federation notification refused for good; dropped");
                    Ok(())
                }
                Err(status) => Err(self.failed(domain, status)),
            }
        })
    }
}

/// A refusal by the other backend's federation listener (not allowed,
/// origin not proven, over quota): about this backend, not the request.
fn is_listener_refusal(status: &Status) -> bool {
    use tonic_types::StatusExt;
    status
        .get_error_details()
        .error_info()
        .is_some_and(|info| info.domain == super::ERROR_DOMAIN && info.reason != "NOT_OWNER")
}

fn recipient_ciphertexts(ciphertexts: &[DeviceCiphertext]) -> Vec<fed::RecipientCiphertext> {
    ciphertexts
        .iter()
        .map(|(user, device, ciphertext)| fed::RecipientCiphertext {
            user_id: user.to_string(),
            device_id: device.as_str().to_owned(),
            ciphertext: ciphertext.clone(),
        })
        .collect()
}

fn devices_of_pb(devices: &[(UserId, DeviceId)]) -> Vec<fed::DeviceOf> {
    devices
        .iter()
        .map(|(user, device)| fed::DeviceOf { user_id: user.to_string(), device_id: device.as_str().to_owned() })
        .collect()
}

fn group_change_pb(change: &GroupChange) -> fed::update_conversation_request::Action {
    use fed::update_conversation_request::{self as update, Action};
    match change {
        GroupChange::AddMembers(users) => {
            Action::AddMembers(update::AddMembers { users: users.iter().map(Into::into).collect() })
        }
        GroupChange::RemoveMember(user) => Action::RemoveMember(update::RemoveMember { user: Some(user.into()) }),
        GroupChange::Rename(name) => Action::Rename(update::Rename { name: name.clone() }),
        GroupChange::SetRole(user, role) => {
            Action::UpdateRole(update::UpdateRole { user: Some(user.into()), role: convert::role_pb(*role) as i32 })
        }
    }
}
