//! The per-device event queues.
//!
//! Each device has its own cursor sequence (`devices.last_event_seq`). An
//! append bumps the counters of all target devices in one `UPDATE …
//! RETURNING` inside the caller's transaction: the row locks make commit
//! order equal cursor order per device, so a reader that has seen cursor N
//! can never later find an N-1 committed behind it. On PostgreSQL the rows
//! are first locked in key order so that two fan-outs over overlapping
//! devices cannot deadlock.

use crate::StoreError;
use crate::entity::{device, event, sent_message};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    Statement, Value,
};
use uuid::Uuid;

/// Devices per statement: keeps bound parameters far below SQLite's limit.
const CHUNK: usize = 400;

pub struct NewEvent {
    pub user_id: Uuid,
    pub device_id: String,
    pub payload: Vec<u8>,
}

/// Appends one event per target device (each device at most once) and returns
/// the stored rows with their cursors. Targets whose device no longer exists
/// are skipped. Call inside a transaction.
pub async fn append<C: ConnectionTrait>(
    db: &C,
    mut events: Vec<NewEvent>,
    now: i64,
) -> Result<Vec<event::Model>, StoreError> {
    events.sort_by(|a, b| (a.user_id, &a.device_id).cmp(&(b.user_id, &b.device_id)));
    debug_assert!(events.windows(2).all(|w| (w[0].user_id, &w[0].device_id) != (w[1].user_id, &w[1].device_id)));
    let backend = db.get_database_backend();
    let mut stored = Vec::with_capacity(events.len());
    for chunk in events.chunks(CHUNK) {
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 2);
        let mut tuples = Vec::with_capacity(chunk.len());
        for (index, target) in chunk.iter().enumerate() {
            values.push(target.user_id.into());
            values.push(target.device_id.clone().into());
            tuples.push(match backend {
                DbBackend::Postgres => format!("(${}, ${})", 2 * index + 1, 2 * index + 2),
                _ => "(?, ?)".to_owned(),
            });
        }
        let targets = tuples.join(", ");
        if backend == DbBackend::Postgres {
            let lock = format!(
                "SELECT 1 FROM devices WHERE (user_id, id) IN (VALUES {targets}) ORDER BY user_id, id FOR UPDATE"
            );
            db.query_all_raw(Statement::from_sql_and_values(backend, lock, values.clone())).await?;
        }
        let bump = format!(
            "UPDATE devices SET last_event_seq = last_event_seq + 1 WHERE (user_id, id) IN (VALUES {targets}) \
             RETURNING user_id, id, last_event_seq"
        );
        let rows = db.query_all_raw(Statement::from_sql_and_values(backend, bump, values)).await?;
        let mut assigned = Vec::with_capacity(rows.len());
        for row in rows {
            let user_id: Uuid = row.try_get("", "user_id")?;
            let device_id: String = row.try_get("", "id")?;
            let seq: i64 = row.try_get("", "last_event_seq")?;
            assigned.push(((user_id, device_id), seq));
        }
        assigned.sort();
        let batch: Vec<event::Model> = chunk
            .iter()
            .filter_map(|target| {
                let key = (target.user_id, target.device_id.clone());
                let position = assigned.binary_search_by(|(k, _)| k.cmp(&key)).ok()?;
                Some(event::Model {
                    user_id: target.user_id,
                    device_id: target.device_id.clone(),
                    seq: assigned[position].1,
                    created_at: now,
                    payload: target.payload.clone(),
                })
            })
            .collect();
        if !batch.is_empty() {
            event::Entity::insert_many(batch.iter().cloned().map(IntoActiveModel::into_active_model))
                .exec_without_returning(db)
                .await?;
        }
        stored.extend(batch);
    }
    Ok(stored)
}

/// Up to `limit` stored events of the device after `after`, in cursor order.
pub async fn read_after<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
    after: i64,
    limit: u64,
) -> Result<Vec<event::Model>, StoreError> {
    Ok(event::Entity::find()
        .filter(event::Column::UserId.eq(user_id))
        .filter(event::Column::DeviceId.eq(device_id))
        .filter(event::Column::Seq.gt(after))
        .order_by_asc(event::Column::Seq)
        .limit(limit)
        .all(db)
        .await?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueState {
    /// Newest cursor ever assigned to the device.
    pub head: i64,
    pub acked: i64,
    /// Oldest cursor still stored, if any.
    pub oldest_stored: Option<i64>,
}

pub async fn queue_state<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
) -> Result<Option<QueueState>, StoreError> {
    let Some(found) = device::Entity::find_by_id((user_id, device_id.to_owned())).one(db).await? else {
        return Ok(None);
    };
    let oldest = read_after(db, user_id, device_id, 0, 1).await?.first().map(|e| e.seq);
    Ok(Some(QueueState { head: found.last_event_seq, acked: found.acked_seq, oldest_stored: oldest }))
}

/// Deletes the device's events up to `up_to` and remembers the acknowledgement.
pub async fn ack<C: ConnectionTrait>(db: &C, user_id: Uuid, device_id: &str, up_to: i64) -> Result<(), StoreError> {
    event::Entity::delete_many()
        .filter(event::Column::UserId.eq(user_id))
        .filter(event::Column::DeviceId.eq(device_id))
        .filter(event::Column::Seq.lte(up_to))
        .exec(db)
        .await?;
    device::Entity::update_many()
        .col_expr(device::Column::AckedSeq, Expr::value(up_to))
        .filter(device::Column::UserId.eq(user_id))
        .filter(device::Column::Id.eq(device_id))
        .filter(device::Column::AckedSeq.lt(up_to))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the device's events created before `cutoff`.
pub async fn expire_device<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
    cutoff: i64,
) -> Result<u64, StoreError> {
    let deleted = event::Entity::delete_many()
        .filter(event::Column::UserId.eq(user_id))
        .filter(event::Column::DeviceId.eq(device_id))
        .filter(event::Column::CreatedAt.lt(cutoff))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

/// Deletes every event and idempotency record created before `cutoff`.
pub async fn expire_all<C: ConnectionTrait>(db: &C, cutoff: i64) -> Result<u64, StoreError> {
    let events = event::Entity::delete_many().filter(event::Column::CreatedAt.lt(cutoff)).exec(db).await?;
    sent_message::Entity::delete_many().filter(sent_message::Column::SentAt.lt(cutoff)).exec(db).await?;
    Ok(events.rows_affected)
}
