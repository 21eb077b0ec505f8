//! Push tokens and the state of each device's wake-ups.

use crate::StoreError;
use crate::entity::push_token::{self, Column};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, IntoActiveModel, QueryFilter,
    QuerySelect, Statement, Value,
};
use uuid::Uuid;

/// A device with a token, and its event counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub token: push_token::Model,
    /// Cursor of the newest event queued for the device.
    pub last_event_seq: i64,
    /// Highest cursor the device acknowledged.
    pub acked_seq: i64,
}

/// Sets the device's token, replacing any earlier one (of any provider),
/// with `row`'s view of what is owed. When the last wake-up went is kept: a
/// new token does not reset the rate limit.
pub async fn set<C: ConnectionTrait>(db: &C, row: push_token::Model) -> Result<(), StoreError> {
    push_token::Entity::insert(row.into_active_model())
        .on_conflict(
            OnConflict::columns([Column::UserId, Column::DeviceId])
                .update_columns([
                    Column::Provider,
                    Column::Token,
                    Column::Topic,
                    Column::Sandbox,
                    Column::P256dh,
                    Column::Auth,
                    Column::UpdatedAt,
                    Column::PushedSeq,
                    Column::Attempts,
                    Column::RetryAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
) -> Result<Option<push_token::Model>, StoreError> {
    Ok(push_token::Entity::find_by_id((user_id, device_id.to_owned())).one(db).await?)
}

pub async fn remove<C: ConnectionTrait>(db: &C, user_id: Uuid, device_id: &str) -> Result<bool, StoreError> {
    let removed = push_token::Entity::delete_by_id((user_id, device_id.to_owned())).exec(db).await?;
    Ok(removed.rows_affected > 0)
}

/// Removes the device's token only if it is still `token`: the provider
/// said it is gone, but the device may have set a new one meanwhile.
pub async fn remove_if_token<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
    token: &str,
) -> Result<bool, StoreError> {
    let removed = push_token::Entity::delete_many()
        .filter(Column::UserId.eq(user_id))
        .filter(Column::DeviceId.eq(device_id))
        .filter(Column::Token.eq(token))
        .exec(db)
        .await?;
    Ok(removed.rows_affected > 0)
}

/// The devices of `devices` that have a token, with their counters.
pub async fn targets<C: ConnectionTrait>(db: &C, devices: &[(Uuid, String)]) -> Result<Vec<Target>, StoreError> {
    let backend = db.get_database_backend();
    let mut found = Vec::new();
    for chunk in devices.chunks(200) {
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 2);
        let mut tuples = Vec::with_capacity(chunk.len());
        for (user, device) in chunk {
            values.push((*user).into());
            values.push(device.clone().into());
            tuples.push(match backend {
                DbBackend::Postgres => format!("(${}, ${})", values.len() - 1, values.len()),
                _ => "(?, ?)".to_owned(),
            });
        }
        let sql = format!(
            "SELECT p.*, {head} AS last_event_seq, d.acked_seq FROM push_tokens p \
             JOIN devices d ON d.user_id = p.user_id AND d.id = p.device_id \
             WHERE (p.user_id, p.device_id) IN (VALUES {})",
            tuples.join(", "),
            head = super::events::head_sql(backend)
        );
        for row in db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await? {
            found.push(Target {
                token: push_token::Model::from_query_result(&row, "")?,
                last_event_seq: row.try_get("", "last_event_seq")?,
                acked_seq: row.try_get("", "acked_seq")?,
            });
        }
    }
    Ok(found)
}

/// Devices whose retry (or held-back wake-up) is due at `now`.
pub async fn due<C: ConnectionTrait>(db: &C, now: i64, limit: u64) -> Result<Vec<(Uuid, String)>, StoreError> {
    Ok(push_token::Entity::find()
        .select_only()
        .column(Column::UserId)
        .column(Column::DeviceId)
        .filter(Column::RetryAt.lte(now))
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?)
}

/// Devices with events no wake-up covered and not acknowledged: after a
/// crash between storing events and pushing, these are what is owed. A
/// scan of every token, so run at start and seldom.
pub async fn unannounced<C: ConnectionTrait>(db: &C, limit: u64) -> Result<Vec<(Uuid, String)>, StoreError> {
    let backend = db.get_database_backend();
    let limit_param = if backend == DbBackend::Postgres { "$1" } else { "?" };
    let sql = format!(
        "SELECT p.user_id, p.device_id FROM push_tokens p \
         JOIN devices d ON d.user_id = p.user_id AND d.id = p.device_id \
         WHERE {head} > p.pushed_seq AND d.acked_seq < {head} LIMIT {limit_param}",
        head = super::events::head_sql(backend)
    );
    let values: Vec<Value> = vec![(limit as i64).into()];
    let mut found = Vec::new();
    for row in db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await? {
        found.push((row.try_get("", "user_id")?, row.try_get("", "device_id")?));
    }
    Ok(found)
}

/// Per provider: the devices with a token whose newest events are neither
/// acknowledged nor announced by a wake-up, and when the oldest such event
/// was stored (`None` when retention already removed it). Streaming devices
/// between delivery and acknowledgement count too, briefly; a device that
/// stays here is one push is not reaching.
pub async fn backlog<C: ConnectionTrait>(db: &C) -> Result<Vec<(i32, i64, Option<i64>)>, StoreError> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT p.provider AS provider, COUNT(*) AS owed, MIN(( \
           SELECT MIN(e.created_at) FROM events e \
           WHERE e.user_id = p.user_id AND e.device_id = p.device_id \
             AND e.seq > p.pushed_seq AND e.seq > d.acked_seq)) AS oldest \
         FROM push_tokens p JOIN devices d ON d.user_id = p.user_id AND d.id = p.device_id \
         WHERE {head} > p.pushed_seq AND d.acked_seq < {head} \
         GROUP BY p.provider",
        head = super::events::head_sql(backend)
    );
    let mut found = Vec::new();
    for row in db.query_all_raw(Statement::from_string(backend, sql)).await? {
        found.push((row.try_get("", "provider")?, row.try_get("", "owed")?, row.try_get("", "oldest")?));
    }
    Ok(found)
}

fn device(user_id: Uuid, device_id: &str) -> Condition {
    Condition::all().add(Column::UserId.eq(user_id)).add(Column::DeviceId.eq(device_id))
}

/// Takes the device's wake-up for this instance until `until`, if its row
/// is still as `seen` read it; false when another instance holds it or got
/// there first (pushed, or scheduled a retry).
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    seen: &push_token::Model,
    now: i64,
    until: i64,
) -> Result<bool, StoreError> {
    let taken = push_token::Entity::update_many()
        .col_expr(Column::LeaseUntil, Expr::value(until))
        .filter(device(seen.user_id, &seen.device_id))
        .filter(Column::LeaseUntil.lt(now))
        .filter(Column::LastPushedAt.eq(seen.last_pushed_at))
        .filter(Column::Attempts.eq(seen.attempts))
        .filter(Column::PushedSeq.eq(seen.pushed_seq))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// A wake-up covering events up to `seq` went at `now`.
pub async fn pushed<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
    seq: i64,
    now: i64,
) -> Result<(), StoreError> {
    push_token::Entity::update_many()
        .col_expr(Column::PushedSeq, Expr::value(seq))
        .col_expr(Column::LastPushedAt, Expr::value(now))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::RetryAt, Expr::value(Option::<i64>::None))
        .col_expr(Column::LeaseUntil, Expr::value(0i64))
        .filter(device(user_id, device_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Looks at the device again at `at` (a failed attempt, or a wake-up held
/// back), releasing the claim; `None` with 0 attempts when nothing is owed
/// to it (it streams, or acknowledged everything).
pub async fn schedule<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
    attempts: i32,
    at: Option<i64>,
) -> Result<(), StoreError> {
    push_token::Entity::update_many()
        .col_expr(Column::Attempts, Expr::value(attempts))
        .col_expr(Column::RetryAt, Expr::value(at))
        .col_expr(Column::LeaseUntil, Expr::value(0i64))
        .filter(device(user_id, device_id))
        .exec(db)
        .await?;
    Ok(())
}
