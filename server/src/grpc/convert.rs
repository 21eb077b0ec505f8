//! Conversions between protobuf messages and domain values.

use crate::domain::accounts::IssuedSession;
use crate::domain::ids::{NewDevice, QualifiedUserId};
use crate::error::{DomainError, DomainResult};
use missive_db::entity::{device, user};
use missive_proto::v1 as pb;

pub use crate::domain::qualified;

pub use crate::domain::timestamp;

pub fn user(model: &user::Model, domain: &str) -> pb::User {
    crate::domain::users::user_pb(model, domain)
}

pub fn device(model: &device::Model, domain: &str) -> pb::Device {
    crate::domain::devices::device_pb(model, domain)
}

pub fn session(issued: IssuedSession) -> pb::Session {
    pb::Session {
        access_token: issued.access_token,
        access_token_expires_at: Some(timestamp(issued.access_token_expires_ms)),
        refresh_token: issued.refresh_token,
        refresh_token_expires_at: Some(timestamp(issued.refresh_token_expires_ms)),
    }
}

/// A required qualified user id; `field` names it in errors.
pub fn required_user_id(field: &str, id: Option<&pb::QualifiedId>) -> DomainResult<QualifiedUserId> {
    let id = id.ok_or_else(|| DomainError::InvalidArgument(format!("{field} is required")))?;
    QualifiedUserId::parse(field, &id.id, &id.domain)
}

pub fn optional_user_id(field: &str, id: Option<&pb::QualifiedId>) -> DomainResult<Option<QualifiedUserId>> {
    id.map(|id| QualifiedUserId::parse(field, &id.id, &id.domain)).transpose()
}

pub fn new_device(device: Option<pb::NewDevice>) -> DomainResult<NewDevice> {
    let device = device.ok_or_else(|| DomainError::InvalidArgument("device is required".to_owned()))?;
    NewDevice::parse(&device.identity_key, &device.label, device.device_class)
}
