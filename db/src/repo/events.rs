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
use sea_orm::sea_query::{Expr, Order, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    Statement, Value,
};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Devices per statement: keeps bound parameters far below SQLite's limit.
const CHUNK: usize = 400;

pub struct NewEvent {
    pub user_id: Uuid,
    pub device_id: String,
    pub payload: Vec<u8>,
}

/// Appends the events, in the given order per device (a device may appear
/// several times: a group commit stores several messages for one device),
/// and returns the stored rows with their cursors, in the given order.
/// Events for devices that no longer exist are skipped. Call inside a
/// transaction.
pub async fn append<C: ConnectionTrait>(
    db: &C,
    events: Vec<NewEvent>,
    now: i64,
) -> Result<Vec<event::Model>, StoreError> {
    let mut counts: BTreeMap<(Uuid, &str), i64> = BTreeMap::new();
    for target in &events {
        *counts.entry((target.user_id, target.device_id.as_str())).or_default() += 1;
    }
    let backend = db.get_database_backend();
    let devices: Vec<(Uuid, &str)> = counts.keys().copied().collect();
    if backend == DbBackend::Postgres {
        // Every row locked first, in key order, before any is bumped: two
        // fan-outs (or group commits) over overlapping devices cannot
        // deadlock. `NO KEY UPDATE` is the lock the bump takes anyway; a
        // plain `FOR UPDATE` would also wait on the key-share locks that
        // foreign keys to a device take (a sender's idempotency record), and
        // two batches sending each other's way deadlocked on them.
        for chunk in devices.chunks(CHUNK) {
            let (targets, values) = device_tuples(backend, chunk);
            let lock = format!(
                "SELECT 1 FROM devices WHERE (user_id, id) IN (VALUES {targets}) ORDER BY user_id, id \
                 FOR NO KEY UPDATE"
            );
            db.query_all_raw(Statement::from_sql_and_values(backend, lock, values)).await?;
        }
    }
    // Devices bumped by the same count share a statement; nearly always
    // every count is one.
    let mut by_count: BTreeMap<i64, Vec<(Uuid, &str)>> = BTreeMap::new();
    for (device, count) in &counts {
        by_count.entry(*count).or_default().push(*device);
    }
    let mut next: HashMap<(Uuid, String), i64> = HashMap::with_capacity(counts.len());
    for (count, devices) in &by_count {
        for chunk in devices.chunks(CHUNK) {
            let (targets, values) = device_tuples(backend, chunk);
            let bump = format!(
                "UPDATE devices SET last_event_seq = last_event_seq + {count} \
                 WHERE (user_id, id) IN (VALUES {targets}) RETURNING user_id, id, last_event_seq"
            );
            for row in db.query_all_raw(Statement::from_sql_and_values(backend, bump, values)).await? {
                let user_id: Uuid = row.try_get("", "user_id")?;
                let device_id: String = row.try_get("", "id")?;
                let head: i64 = row.try_get("", "last_event_seq")?;
                next.insert((user_id, device_id), head - count + 1);
            }
        }
    }
    let mut stored = Vec::with_capacity(events.len());
    for target in events {
        let key = (target.user_id, target.device_id);
        let Some(seq) = next.get_mut(&key) else { continue };
        stored.push(event::Model {
            user_id: key.0,
            device_id: key.1,
            seq: *seq,
            created_at: now,
            payload: target.payload,
        });
        *seq += 1;
    }
    for chunk in stored.chunks(CHUNK) {
        event::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
            .exec_without_returning(db)
            .await?;
    }
    Ok(stored)
}

/// `(?, ?), …` (numbered for PostgreSQL) for the devices, and their values.
fn device_tuples(backend: DbBackend, devices: &[(Uuid, &str)]) -> (String, Vec<Value>) {
    let mut values: Vec<Value> = Vec::with_capacity(devices.len() * 2);
    let mut tuples = Vec::with_capacity(devices.len());
    for (index, (user_id, device_id)) in devices.iter().enumerate() {
        values.push((*user_id).into());
        values.push((*device_id).to_owned().into());
        tuples.push(match backend {
            DbBackend::Postgres => format!("(${}, ${})", 2 * index + 1, 2 * index + 2),
            _ => "(?, ?)".to_owned(),
        });
    }
    (tuples.join(", "), values)
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

/// Remembers the acknowledgement; an older one does not move the mark back.
/// The acknowledged events stay until [`delete_acknowledged`]: replay starts
/// after the mark, so they are never sent again.
pub async fn record_ack<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
    up_to: i64,
) -> Result<(), StoreError> {
    device::Entity::update_many()
        .col_expr(device::Column::AckedSeq, Expr::value(up_to))
        .filter(device::Column::UserId.eq(user_id))
        .filter(device::Column::Id.eq(device_id))
        .filter(device::Column::AckedSeq.lt(up_to))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the device's events up to `up_to`, or only the oldest `limit`
/// of them; returns how many. On SQLite's one writer a caller deletes a
/// long run in several transactions, so that the sends waiting behind each
/// wait for a few rows, not for hundreds.
pub async fn delete_acknowledged<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
    up_to: i64,
    limit: Option<u64>,
) -> Result<u64, StoreError> {
    let mut delete = event::Entity::delete_many()
        .filter(event::Column::UserId.eq(user_id))
        .filter(event::Column::DeviceId.eq(device_id))
        .filter(event::Column::Seq.lte(up_to));
    if let Some(limit) = limit {
        let oldest = Query::select()
            .column(event::Column::Seq)
            .from(event::Entity)
            .and_where(event::Column::UserId.eq(user_id))
            .and_where(event::Column::DeviceId.eq(device_id))
            .and_where(event::Column::Seq.lte(up_to))
            .order_by(event::Column::Seq, Order::Asc)
            .limit(limit)
            .to_owned();
        delete = delete.filter(event::Column::Seq.in_subquery(oldest));
    }
    Ok(delete.exec(db).await?.rows_affected)
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
