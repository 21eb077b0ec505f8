//! SQLite's frequent writes (a batch of sends, an acknowledgement, a piece
//! of deleting acknowledged events) on a connection of their own, run on
//! the caller's thread.
//!
//! Through sqlx every statement is a hand-off to the connection's own
//! thread and back: a batch of sends (begin, the idempotency records, the
//! events, commit) was four round trips of futex wake-ups and context
//! switches. On two busy cores each cost some 150 µs waiting to be
//! scheduled, while SQLite's own work for the whole batch is well under
//! that, so the one writer's turn lasted about a millisecond, most of it
//! waiting. Here the batch is one call into SQLite, on the thread that
//! holds the writer's turn.
//!
//! It writes the same rows as `repo::messages::record_sent_many`,
//! `repo::events::append_known`, `record_ack` and `delete_acknowledged`,
//! and numbers the events with the same remembered heads; only the one
//! writer may use it (the server's write gate gives it the turn), so it
//! never meets SQLITE_BUSY from the pool's connections. Everything else
//! still goes through the pool.

use crate::StoreError;
use crate::entity::{event, sent_message};
use crate::repo::events::{DeviceKey, Heads, NewEvent, StagedHeads, head_sql, known_next, number, stage};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::Duration;
use uuid::Uuid;

const RECORD_SENT: &str = "INSERT INTO sent_messages (sender_id, sender_device_id, message_id, sent_at) \
                           VALUES (?1, ?2, ?3, ?4) \
                           ON CONFLICT (sender_id, sender_device_id, message_id) DO NOTHING";
const INSERT_EVENT: &str =
    "INSERT INTO events (user_id, device_id, seq, created_at, payload) VALUES (?1, ?2, ?3, ?4, ?5)";
const RECORD_ACK: &str = "UPDATE devices SET acked_seq = ?3 WHERE user_id = ?1 AND id = ?2 AND acked_seq < ?3";
/// A device's head (`head_sql`), written out once rather than per batch.
static HEAD_OF: LazyLock<String> = LazyLock::new(|| {
    format!("SELECT {} FROM devices d WHERE d.user_id = ?1 AND d.id = ?2", head_sql(DbBackend::Sqlite))
});
/// The device's oldest events up to the mark, at most `?4` of them.
const DELETE_ACKNOWLEDGED: &str = "DELETE FROM events WHERE user_id = ?1 AND device_id = ?2 AND seq <= ?3 \
                                   AND seq IN (SELECT seq FROM events WHERE user_id = ?1 AND device_id = ?2 \
                                   AND seq <= ?3 ORDER BY seq LIMIT ?4)";

/// A send to store: its idempotency record, and the events it stores if
/// the record is new.
pub struct NewSend {
    pub record: sent_message::Model,
    pub events: Vec<NewEvent>,
}

/// What became of a batch of sends, in order.
pub struct StoredSends {
    /// Per send, whether its record was new (its events were stored).
    pub new: Vec<bool>,
    /// The events stored, in the given order, with their cursors; those
    /// of devices that no longer exist are skipped.
    pub events: Vec<event::Model>,
}

pub struct SqliteWriter {
    connection: Mutex<Connection>,
}

impl SqliteWriter {
    /// A writer on the file the pool `db` has open; `None` when there is
    /// no file another connection could share (an in-memory database) or
    /// the database is not SQLite.
    pub async fn open_beside(db: &DatabaseConnection) -> Result<Option<SqliteWriter>, StoreError> {
        let connection = open_beside(db).await?;
        Ok(connection.map(|connection| SqliteWriter { connection: Mutex::new(connection) }))
    }

    /// Records each send and stores the events of those that are new, in
    /// one transaction, committed before it returns. The events are
    /// numbered from `heads`; what they assign goes to `staged`, for the
    /// caller to apply (the transaction has committed when this returns
    /// `Ok`; on an error nothing was stored).
    pub fn store_sends(
        &self,
        sends: Vec<NewSend>,
        now: i64,
        heads: &Heads,
        staged: &mut StagedHeads,
    ) -> Result<StoredSends, StoreError> {
        let mut connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let txn = connection.transaction_with_behavior(TransactionBehavior::Immediate).map_err(store_error)?;
        let mut new = Vec::with_capacity(sends.len());
        let mut events = Vec::new();
        {
            let mut record = txn.prepare_cached(RECORD_SENT).map_err(store_error)?;
            for send in sends {
                let r = &send.record;
                let inserted = record
                    .execute(params![r.sender_id.as_bytes(), r.sender_device_id, r.message_id, r.sent_at])
                    .map_err(store_error)?;
                new.push(inserted == 1);
                if inserted == 1 {
                    events.extend(send.events);
                }
            }
        }
        let stored = append(&txn, events, now, heads, staged)?;
        txn.commit().map_err(store_error)?;
        Ok(StoredSends { new, events: stored })
    }

    /// `repo::events::record_ack`.
    pub fn record_ack(&self, user_id: Uuid, device_id: &str, up_to: i64) -> Result<(), StoreError> {
        let connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut update = connection.prepare_cached(RECORD_ACK).map_err(store_error)?;
        update.execute(params![user_id.as_bytes(), device_id, up_to]).map_err(store_error)?;
        Ok(())
    }

    /// Deletes acknowledged events of the devices in turn, up to each one's
    /// mark, at most `piece` in all, in one transaction; returns how many of
    /// the devices (from the first) have none left up to their mark.
    pub fn delete_acknowledged(&self, marks: &[(Uuid, &str, i64)], piece: u64) -> Result<usize, StoreError> {
        let mut connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let txn = connection.transaction_with_behavior(TransactionBehavior::Immediate).map_err(store_error)?;
        let mut done = 0;
        {
            let mut delete = txn.prepare_cached(DELETE_ACKNOWLEDGED).map_err(store_error)?;
            let mut left = piece;
            for (user_id, device_id, mark) in marks {
                let limit = i64::try_from(left).unwrap_or(i64::MAX);
                let deleted =
                    delete.execute(params![user_id.as_bytes(), device_id, mark, limit]).map_err(store_error)?;
                // A full piece may have left some of this device's run.
                if deleted as u64 >= left {
                    break;
                }
                left -= deleted as u64;
                done += 1;
            }
        }
        txn.commit().map_err(store_error)?;
        Ok(done)
    }
}

/// A connection of ours to the file the pool `db` has open, with the same
/// settings as the pool's (`connect_and_migrate`): the same durability,
/// and no checkpoint inside a commit.
async fn open_beside(db: &DatabaseConnection) -> Result<Option<Connection>, StoreError> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(None);
    }
    let list = Statement::from_string(DbBackend::Sqlite, "PRAGMA database_list");
    let mut file = None;
    for row in db.query_all_raw(list).await? {
        let name: String = row.try_get_by_index(1)?;
        let path: String = row.try_get_by_index(2)?;
        if name == "main" && !path.is_empty() {
            file = Some(path);
        }
    }
    let Some(file) = file else { return Ok(None) };
    let connection = Connection::open_with_flags(
        &file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(store_error)?;
    connection
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
             PRAGMA wal_autocheckpoint = 0; PRAGMA foreign_keys = ON;",
        )
        .map_err(store_error)?;
    connection.busy_timeout(Duration::from_secs(5)).map_err(store_error)?;
    Ok(Some(connection))
}

/// `repo::events::append_known`, on this connection.
fn append(
    txn: &rusqlite::Transaction<'_>,
    events: Vec<NewEvent>,
    now: i64,
    heads: &Heads,
    staged: &mut StagedHeads,
) -> Result<Vec<event::Model>, StoreError> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let (mut next, missing) = known_next(&events, heads, staged);
    let mut read_head = txn.prepare_cached(&HEAD_OF).map_err(store_error)?;
    if cfg!(debug_assertions) {
        // Every test run on SQLite checks the remembered heads against the store.
        for ((user, device), first) in &next {
            let stored: Option<i64> = read_head
                .query_row(params![user.as_bytes(), device], |row| row.get(0))
                .optional()
                .map_err(store_error)?;
            assert_eq!(stored.map(|head| head + 1), Some(*first), "remembered head of {user}/{device}");
        }
    }
    // A device not found was deleted: its events are skipped.
    let mut found: HashMap<DeviceKey, i64> = HashMap::new();
    for (user, device) in missing {
        let head: Option<i64> =
            read_head.query_row(params![user.as_bytes(), device], |row| row.get(0)).optional().map_err(store_error)?;
        if let Some(head) = head {
            found.insert((user, device.to_owned()), head + 1);
        }
    }
    next.extend(found);
    let stored = number(events, now, &mut next);
    let mut insert = txn.prepare_cached(INSERT_EVENT).map_err(store_error)?;
    for row in &stored {
        insert
            .execute(params![row.user_id.as_bytes(), row.device_id, row.seq, row.created_at, row.payload])
            .map_err(store_error)?;
    }
    stage(staged, next);
    Ok(stored)
}

/// The same four meanings as the pool's errors (`error`).
fn store_error(err: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(failure, _) = &err {
        match failure.code {
            ErrorCode::ConstraintViolation => match failure.extended_code {
                rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY => return StoreError::MissingReference(err.to_string()),
                rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY | rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
                    return StoreError::Conflict(err.to_string());
                }
                _ => {}
            },
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return StoreError::Unavailable(err.to_string()),
            _ => {}
        }
    }
    StoreError::Internal(err.to_string())
}
