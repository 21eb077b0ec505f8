//! Idempotency records of sent messages.

use crate::StoreError;
use crate::entity::sent_message;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, IntoActiveModel};
use uuid::Uuid;

/// Records that the device sent `message_id`. `false` when it already had:
/// the caller must not store the message again. `ON CONFLICT DO NOTHING`
/// (rather than catching the violation) keeps a PostgreSQL transaction usable.
pub async fn record_sent<C: ConnectionTrait>(db: &C, sent: sent_message::Model) -> Result<bool, StoreError> {
    let inserted = sent_message::Entity::insert(sent.into_active_model())
        .on_conflict(
            OnConflict::columns([
                sent_message::Column::SenderId,
                sent_message::Column::SenderDeviceId,
                sent_message::Column::MessageId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

pub async fn find_sent<C: ConnectionTrait>(
    db: &C,
    sender_id: Uuid,
    sender_device_id: &str,
    message_id: &str,
) -> Result<Option<sent_message::Model>, StoreError> {
    Ok(sent_message::Entity::find_by_id((sender_id, sender_device_id.to_owned(), message_id.to_owned()))
        .one(db)
        .await?)
}

/// As [`record_sent`], for a sender on another backend.
pub async fn record_remote_sent<C: ConnectionTrait>(
    db: &C,
    sent: crate::entity::remote_sent_message::Model,
) -> Result<bool, StoreError> {
    use crate::entity::remote_sent_message::{Column, Entity};
    let inserted = Entity::insert(sent.into_active_model())
        .on_conflict(
            OnConflict::columns([Column::SenderDomain, Column::SenderId, Column::SenderDeviceId, Column::MessageId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

pub async fn find_remote_sent<C: ConnectionTrait>(
    db: &C,
    sender_domain: &str,
    sender_id: Uuid,
    sender_device_id: &str,
    message_id: &str,
) -> Result<Option<crate::entity::remote_sent_message::Model>, StoreError> {
    let key = (sender_domain.to_owned(), sender_id, sender_device_id.to_owned(), message_id.to_owned());
    Ok(crate::entity::remote_sent_message::Entity::find_by_id(key).one(db).await?)
}
