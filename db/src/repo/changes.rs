//! PostgreSQL only: a count of the committed changes to what a batch of
//! sends reads (conversations and members, connections, users, devices),
//! so that a batch may go on using what it read before for as long as the
//! count has not moved, on any instance.
//!
//! Every transaction that may change those tables bumps one of
//! [`SHARDS`] rows as its last statement before the commit, so the bump
//! commits with the change or not at all, and the row's lock is held only
//! for the commit (spread over shards, concurrent writers rarely wait on
//! each other). A batch reads the sum in its transaction before anything
//! else: an equal sum means that nothing it remembered changed since. The
//! sum only grows. SQLite has one writer, which counts the same changes in
//! memory (`WriteGate::changes` in the server).

use crate::StoreError;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Rows the count is spread over.
pub const SHARDS: i16 = 8;

/// Counts a change on shard `shard % SHARDS`, in the caller's transaction.
pub async fn bump<C: ConnectionTrait>(db: &C, shard: usize) -> Result<(), StoreError> {
    let shard = (shard % SHARDS as usize) as i16;
    let bump = "UPDATE batch_read_changes SET n = n + 1 WHERE shard = $1";
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Postgres, bump, [shard.into()])).await?;
    Ok(())
}

/// The changes committed so far.
pub async fn count<C: ConnectionTrait>(db: &C) -> Result<u64, StoreError> {
    let sum = "SELECT sum(n)::int8 AS n FROM batch_read_changes";
    let row = db.query_one_raw(Statement::from_string(DbBackend::Postgres, sum)).await?;
    let n: Option<i64> = match row {
        Some(row) => row.try_get("", "n")?,
        None => None,
    };
    Ok(n.unwrap_or(0) as u64)
}
