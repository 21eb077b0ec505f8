//! The per-device event queues.
//!
//! Each device has its own cursor sequence. [`append`] bumps the counters
//! (`devices.last_event_seq`) of all target devices in one `UPDATE …
//! RETURNING` inside the caller's transaction: the row locks make commit
//! order equal cursor order per device, so a reader that has seen cursor N
//! can never later find an N-1 committed behind it. On PostgreSQL the rows
//! are first locked in key order so that two fan-outs over overlapping
//! devices cannot deadlock; those locks also stand in for the events'
//! foreign key, which PostgreSQL does not have (migration m0011).
//!
//! A database with one writer (SQLite) needs no locks for that order, and
//! its writer keeps the heads in memory instead ([`append_known`],
//! [`Heads`]): a fan-out to 2,000 devices no longer rewrites 2,000 device
//! rows. There the counter column is a floor, raised only when events
//! newer than it are deleted by retention, and a device's head is the
//! largest of the counter, its acknowledgement (acknowledged events are the
//! only others deleted) and its newest stored event: [`head_sql`], which
//! every reader of the head uses.

use crate::StoreError;
use crate::entity::{device, event, sent_message};
use sea_orm::sea_query::{ArrayType, Expr, Order, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    Statement, Value,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;
use uuid::Uuid;

/// Devices per statement: keeps bound parameters far below SQLite's limit.
const CHUNK: usize = 400;

/// Heads remembered at most; past this the writer starts again from the
/// store (about 100 bytes each).
const MAX_KNOWN_HEADS: usize = 500_000;

/// The newest cursor assigned to the device aliased `d`, as SQL. On
/// PostgreSQL the counter is the head; on SQLite see the module's notes.
pub fn head_sql(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "d.last_event_seq",
        _ => {
            "max(d.last_event_seq, d.acked_seq, coalesce((SELECT max(e.seq) FROM events e \
             WHERE e.user_id = d.user_id AND e.device_id = d.id), 0))"
        }
    }
}

pub(crate) type DeviceKey = (Uuid, String);

/// The heads the one writer assigned, kept exact by applying each
/// transaction's [`StagedHeads`] only once it has committed. Only for a
/// database whose every write of events goes through one writer at a time.
#[derive(Default)]
pub struct Heads {
    known: Mutex<HashMap<DeviceKey, i64>>,
}

impl Heads {
    /// Takes in what a committed transaction assigned and forgot.
    pub fn apply(&self, staged: StagedHeads) {
        let mut known = self.known.lock().unwrap_or_else(|p| p.into_inner());
        if known.len() + staged.assigned.len() > MAX_KNOWN_HEADS {
            known.clear();
        }
        for key in staged.forgotten {
            known.remove(&key);
        }
        known.extend(staged.assigned);
    }

    /// Forgets everything: the next appends read the store again. For a
    /// commit whose outcome is unknown.
    pub fn clear(&self) {
        self.known.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    fn get(&self, key: &DeviceKey) -> Option<i64> {
        self.known.lock().unwrap_or_else(|p| p.into_inner()).get(key).copied()
    }
}

/// What one transaction did to the heads, for [`Heads::apply`] after its
/// commit; dropped unapplied when it rolls back.
#[derive(Default)]
pub struct StagedHeads {
    assigned: HashMap<DeviceKey, i64>,
    forgotten: HashSet<DeviceKey>,
}

impl StagedHeads {
    /// The device is being deleted: its head must not be remembered.
    pub fn forget(&mut self, user_id: Uuid, device_id: &str) {
        let key = (user_id, device_id.to_owned());
        self.assigned.remove(&key);
        self.forgotten.insert(key);
    }
}

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
    let backend = db.get_database_backend();
    if backend == DbBackend::Postgres {
        return append_postgres(db, events, now).await;
    }
    let mut counts: BTreeMap<(Uuid, &str), i64> = BTreeMap::new();
    for target in &events {
        *counts.entry((target.user_id, target.device_id.as_str())).or_default() += 1;
    }
    let devices: Vec<(Uuid, &str)> = counts.keys().copied().collect();
    // Devices bumped by the same count share a statement; nearly always
    // every count is one.
    let mut by_count: BTreeMap<i64, Vec<(Uuid, &str)>> = BTreeMap::new();
    for (device, count) in &counts {
        by_count.entry(*count).or_default().push(*device);
    }
    let mut next: HashMap<DeviceKey, i64> = HashMap::with_capacity(devices.len());
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
    number_and_insert(db, events, now, &mut next).await
}

/// [`append`] on PostgreSQL: three statements whatever the number of
/// devices, each taking its rows as arrays, so that its text (and its
/// prepared plan) is the same for every batch.
async fn append_postgres<C: ConnectionTrait>(
    db: &C,
    events: Vec<NewEvent>,
    now: i64,
) -> Result<Vec<event::Model>, StoreError> {
    let backend = DbBackend::Postgres;
    let mut counts: BTreeMap<(Uuid, &str), i64> = BTreeMap::new();
    for target in &events {
        *counts.entry((target.user_id, target.device_id.as_str())).or_default() += 1;
    }
    let mut users: Vec<Value> = Vec::with_capacity(counts.len());
    let mut ids: Vec<Value> = Vec::with_capacity(counts.len());
    let mut bumps: Vec<Value> = Vec::with_capacity(counts.len());
    for ((user_id, device_id), count) in &counts {
        users.push((*user_id).into());
        ids.push((*device_id).to_owned().into());
        bumps.push((*count).into());
    }
    let users = Value::Array(ArrayType::Uuid, Some(Box::new(users)));
    let ids = Value::Array(ArrayType::String, Some(Box::new(ids)));
    let bumps = Value::Array(ArrayType::BigInt, Some(Box::new(bumps)));
    let devices = counts.len();
    drop(counts);
    // Every row locked first, in key order, before any is bumped: two
    // fan-outs (or group commits) over overlapping devices cannot
    // deadlock. The sort comes before the locking, so the locks are taken
    // in that order. `NO KEY UPDATE` is the lock the bump takes anyway; a
    // plain `FOR UPDATE` would also wait on the key-share locks that
    // foreign keys to a device take (a sender's idempotency record), and
    // two batches sending each other's way deadlocked on them.
    let lock = "SELECT 1 FROM devices d JOIN unnest($1::uuid[], $2::text[]) AS t(user_id, id) \
                ON d.user_id = t.user_id AND d.id = t.id ORDER BY d.user_id, d.id FOR NO KEY UPDATE OF d";
    db.query_all_raw(Statement::from_sql_and_values(backend, lock, [users.clone(), ids.clone()])).await?;
    // A device missing here was deleted: its events are skipped.
    let bump = "UPDATE devices d SET last_event_seq = d.last_event_seq + t.n \
                FROM unnest($1::uuid[], $2::text[], $3::int8[]) AS t(user_id, id, n) \
                WHERE d.user_id = t.user_id AND d.id = t.id RETURNING d.user_id, d.id, d.last_event_seq, t.n";
    let mut next: HashMap<DeviceKey, i64> = HashMap::with_capacity(devices);
    for row in db.query_all_raw(Statement::from_sql_and_values(backend, bump, [users, ids, bumps])).await? {
        let user_id: Uuid = row.try_get("", "user_id")?;
        let device_id: String = row.try_get("", "id")?;
        let head: i64 = row.try_get("", "last_event_seq")?;
        let count: i64 = row.try_get("", "n")?;
        next.insert((user_id, device_id), head - count + 1);
    }
    let stored = number(events, now, &mut next);
    let mut users: Vec<Value> = Vec::with_capacity(stored.len());
    let mut ids: Vec<Value> = Vec::with_capacity(stored.len());
    let mut seqs: Vec<Value> = Vec::with_capacity(stored.len());
    let mut payloads: Vec<Value> = Vec::with_capacity(stored.len());
    for row in &stored {
        users.push(row.user_id.into());
        ids.push(row.device_id.clone().into());
        seqs.push(row.seq.into());
        payloads.push(row.payload.clone().into());
    }
    if !stored.is_empty() {
        let insert = "INSERT INTO events (user_id, device_id, seq, created_at, payload) \
                      SELECT t.user_id, t.device_id, t.seq, $5, t.payload \
                      FROM unnest($1::uuid[], $2::text[], $3::int8[], $4::bytea[]) AS t(user_id, device_id, seq, payload)";
        let values = [
            Value::Array(ArrayType::Uuid, Some(Box::new(users))),
            Value::Array(ArrayType::String, Some(Box::new(ids))),
            Value::Array(ArrayType::BigInt, Some(Box::new(seqs))),
            Value::Array(ArrayType::Bytes, Some(Box::new(payloads))),
            now.into(),
        ];
        db.execute_raw(Statement::from_sql_and_values(backend, insert, values)).await?;
    }
    Ok(stored)
}

/// Numbers each device's events from its next cursor in `next` (leaving
/// there the one after its last), skips devices that have none, inserts
/// them and returns them in the given order.
async fn number_and_insert<C: ConnectionTrait>(
    db: &C,
    events: Vec<NewEvent>,
    now: i64,
    next: &mut HashMap<DeviceKey, i64>,
) -> Result<Vec<event::Model>, StoreError> {
    let stored = number(events, now, next);
    for chunk in stored.chunks(CHUNK) {
        event::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
            .exec_without_returning(db)
            .await?;
    }
    Ok(stored)
}

/// Numbers each device's events from its next cursor in `next` (leaving
/// there the one after its last) and skips devices that have none.
pub(crate) fn number(events: Vec<NewEvent>, now: i64, next: &mut HashMap<DeviceKey, i64>) -> Vec<event::Model> {
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
    stored
}

/// [`append`] for a database with one writer: the heads come from `heads`
/// (or, for a device not yet known, from the store), and no device row is
/// written. The caller applies `staged` to `heads` once the transaction
/// has committed. Events for devices that no longer exist are skipped.
pub async fn append_known<C: ConnectionTrait>(
    db: &C,
    events: Vec<NewEvent>,
    now: i64,
    heads: &Heads,
    staged: &mut StagedHeads,
) -> Result<Vec<event::Model>, StoreError> {
    let (mut next, missing) = known_next(&events, heads, staged);
    #[cfg(debug_assertions)]
    {
        // Every test run on SQLite checks the remembered heads against the store.
        let known: Vec<(Uuid, &str)> = next.keys().map(|(user, device)| (*user, device.as_str())).collect();
        let stored = read_heads(db, &known).await?;
        for (key, first) in &next {
            assert_eq!(stored.get(key).map(|head| head + 1), Some(*first), "remembered head of {key:?}");
        }
    }
    next.extend(read_heads(db, &missing).await?.into_iter().map(|(key, head)| (key, head + 1)));
    let stored = match number_and_insert(db, events, now, &mut next).await {
        Ok(stored) => stored,
        Err(err) => {
            // Some rows may be in the transaction: should a caller commit
            // it anyway, no remembered head may be behind the store.
            heads.clear();
            return Err(err);
        }
    };
    stage(staged, next);
    Ok(stored)
}

/// For [`append_known`]: the next cursor of each target device whose head
/// this transaction or the writer knows, and the devices to read it for.
pub(crate) fn known_next<'a>(
    events: &'a [NewEvent],
    heads: &Heads,
    staged: &StagedHeads,
) -> (HashMap<DeviceKey, i64>, Vec<(Uuid, &'a str)>) {
    let mut next: HashMap<DeviceKey, i64> = HashMap::new();
    let mut missing: Vec<(Uuid, &str)> = Vec::new();
    let mut seen: HashSet<(Uuid, &str)> = HashSet::new();
    for target in events {
        let device = (target.user_id, target.device_id.as_str());
        if !seen.insert(device) {
            continue;
        }
        let key = (target.user_id, target.device_id.clone());
        let head = match staged.assigned.get(&key) {
            Some(head) => Some(*head),
            None if staged.forgotten.contains(&key) => None,
            None => heads.get(&key),
        };
        match head {
            Some(head) => {
                next.insert(key, head + 1);
            }
            None => missing.push(device),
        }
    }
    (next, missing)
}

/// Every device in `next` got at least one event: its head is the one
/// before its next cursor.
pub(crate) fn stage(staged: &mut StagedHeads, next: HashMap<DeviceKey, i64>) {
    staged.assigned.extend(next.into_iter().map(|(key, after)| (key, after - 1)));
}

/// The heads of those of the devices that exist, from the store.
async fn read_heads<C: ConnectionTrait>(
    db: &C,
    devices: &[(Uuid, &str)],
) -> Result<HashMap<DeviceKey, i64>, StoreError> {
    let backend = db.get_database_backend();
    let mut found = HashMap::with_capacity(devices.len());
    for chunk in devices.chunks(CHUNK) {
        let (targets, values) = device_tuples(backend, chunk);
        let head = head_sql(backend);
        let sql = format!(
            "SELECT d.user_id, d.id, {head} AS head FROM devices d WHERE (d.user_id, d.id) IN (VALUES {targets})"
        );
        for row in db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await? {
            found.insert((row.try_get("", "user_id")?, row.try_get("", "id")?), row.try_get("", "head")?);
        }
    }
    Ok(found)
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
    let backend = db.get_database_backend();
    let (user, device) = match backend {
        DbBackend::Postgres => ("$1", "$2"),
        _ => ("?", "?"),
    };
    let sql = format!(
        "SELECT {head} AS head, d.acked_seq FROM devices d WHERE d.user_id = {user} AND d.id = {device}",
        head = head_sql(backend)
    );
    let values: Vec<Value> = vec![user_id.into(), device_id.to_owned().into()];
    let Some(found) = db.query_one_raw(Statement::from_sql_and_values(backend, sql, values)).await? else {
        return Ok(None);
    };
    let oldest = read_after(db, user_id, device_id, 0, 1).await?.first().map(|e| e.seq);
    Ok(Some(QueueState {
        head: found.try_get("", "head")?,
        acked: found.try_get("", "acked_seq")?,
        oldest_stored: oldest,
    }))
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
    // Nearly every Subscribe finds nothing to expire: a read of the oldest
    // event spares it two writes (on SQLite, two takes of the write lock).
    // An event's time grows with its cursor, both given at the append; one
    // that a clock stepping back left behind goes with the periodic sweep.
    match read_after(db, user_id, device_id, 0, 1).await?.first() {
        Some(oldest) if oldest.created_at < cutoff => {}
        _ => return Ok(0),
    }
    raise_floors(db, Some((user_id, device_id)), cutoff).await?;
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
    raise_floors(db, None, cutoff).await?;
    let events = event::Entity::delete_many().filter(event::Column::CreatedAt.lt(cutoff)).exec(db).await?;
    sent_message::Entity::delete_many().filter(sent_message::Column::SentAt.lt(cutoff)).exec(db).await?;
    Ok(events.rows_affected)
}

/// Before retention deletes events created before `cutoff` (of one device,
/// or of all): on SQLite, raises each device's counter to the newest of
/// them, so that its head ([`head_sql`]) never goes back. On PostgreSQL
/// the counter is the head already.
async fn raise_floors<C: ConnectionTrait>(db: &C, device: Option<(Uuid, &str)>, cutoff: i64) -> Result<(), StoreError> {
    let backend = db.get_database_backend();
    if backend == DbBackend::Postgres {
        return Ok(());
    }
    let mut values: Vec<Value> = vec![cutoff.into()];
    let mut only = String::new();
    if let Some((user_id, device_id)) = device {
        only = " AND user_id = ? AND device_id = ?".to_owned();
        values.push(user_id.into());
        values.push(device_id.to_owned().into());
    }
    let sql = format!(
        "UPDATE devices SET last_event_seq = expiring.newest FROM \
         (SELECT user_id, device_id, max(seq) AS newest FROM events WHERE created_at < ?{only} \
          GROUP BY user_id, device_id) AS expiring \
         WHERE devices.user_id = expiring.user_id AND devices.id = expiring.device_id \
           AND devices.last_event_seq < expiring.newest"
    );
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    Ok(())
}
