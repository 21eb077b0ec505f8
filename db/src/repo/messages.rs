//! Idempotency records of sent messages.

use crate::StoreError;
use crate::entity::sent_message;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel, Statement, Value};
use std::collections::HashSet;
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

/// [`record_sent`] for many sends in one statement per 200: for each record,
/// in order, whether it is new. The keys must be distinct.
pub async fn record_sent_many<C: ConnectionTrait>(
    db: &C,
    records: &[sent_message::Model],
) -> Result<Vec<bool>, StoreError> {
    let backend = db.get_database_backend();
    let mut inserted: HashSet<(Uuid, String, String)> = HashSet::with_capacity(records.len());
    // In key order: two batches that share ids wait on each other's
    // uncommitted rows in the same order, never in a cycle.
    let mut sorted: Vec<&sent_message::Model> = records.iter().collect();
    sorted.sort_by(|a, b| {
        (a.sender_id, &a.sender_device_id, &a.message_id).cmp(&(b.sender_id, &b.sender_device_id, &b.message_id))
    });
    for chunk in sorted.chunks(200) {
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 4);
        let mut tuples = Vec::with_capacity(chunk.len());
        for (index, record) in chunk.iter().enumerate() {
            values.push(record.sender_id.into());
            values.push(record.sender_device_id.clone().into());
            values.push(record.message_id.clone().into());
            values.push(record.sent_at.into());
            tuples.push(match backend {
                DbBackend::Postgres => {
                    let n = 4 * index;
                    format!("(${}, ${}, ${}, ${})", n + 1, n + 2, n + 3, n + 4)
                }
                _ => "(?, ?, ?, ?)".to_owned(),
            });
        }
        let insert = format!(
            "INSERT INTO sent_messages (sender_id, sender_device_id, message_id, sent_at) VALUES {} \
             ON CONFLICT (sender_id, sender_device_id, message_id) DO NOTHING \
             RETURNING sender_id, sender_device_id, message_id",
            tuples.join(", ")
        );
        for row in db.query_all_raw(Statement::from_sql_and_values(backend, insert, values)).await? {
            inserted.insert((
                row.try_get("", "sender_id")?,
                row.try_get("", "sender_device_id")?,
                row.try_get("", "message_id")?,
            ));
        }
    }
    Ok(records
        .iter()
        .map(|r| inserted.contains(&(r.sender_id, r.sender_device_id.clone(), r.message_id.clone())))
        .collect())
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
