//! Prekeys and MLS key packages. A claim is one atomic `DELETE … RETURNING`
//! so that a key is handed out at most once under any concurrency; on
//! PostgreSQL `FOR UPDATE SKIP LOCKED` lets concurrent claims take different
//! keys instead of queueing on the same row.

use crate::StoreError;
use crate::entity::{key_package, last_resort_prekey, prekey};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Statement,
};
use uuid::Uuid;

/// Stores one-time prekeys (replacing any with the same id) and optionally the
/// last-resort prekey. Returns the one-time count, or `None` when the device
/// would hold more than `max_stored`: the caller must then roll its
/// transaction back.
pub async fn upload_prekeys<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
    prekeys: Vec<(i64, Vec<u8>)>,
    last_resort: Option<(i64, Vec<u8>)>,
    max_stored: u64,
) -> Result<Option<u64>, StoreError> {
    if !prekeys.is_empty() {
        let rows = prekeys.into_iter().map(|(prekey_id, key)| {
            prekey::Model { user_id, device_id: device_id.to_owned(), prekey_id, key }.into_active_model()
        });
        prekey::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([prekey::Column::UserId, prekey::Column::DeviceId, prekey::Column::PrekeyId])
                    .update_column(prekey::Column::Key)
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    if let Some((prekey_id, key)) = last_resort {
        let row = last_resort_prekey::Model { user_id, device_id: device_id.to_owned(), prekey_id, key };
        last_resort_prekey::Entity::insert(row.into_active_model())
            .on_conflict(
                OnConflict::columns([last_resort_prekey::Column::UserId, last_resort_prekey::Column::DeviceId])
                    .update_columns([last_resort_prekey::Column::PrekeyId, last_resort_prekey::Column::Key])
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    let (count, _) = prekey_count(db, user_id, device_id).await?;
    Ok((count <= max_stored).then_some(count))
}

/// One-time prekeys left, and whether a last-resort prekey exists.
pub async fn prekey_count<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
) -> Result<(u64, bool), StoreError> {
    let count = prekey::Entity::find()
        .filter(prekey::Column::UserId.eq(user_id))
        .filter(prekey::Column::DeviceId.eq(device_id))
        .count(db)
        .await?;
    let has_last_resort =
        last_resort_prekey::Entity::find_by_id((user_id, device_id.to_owned())).one(db).await?.is_some();
    Ok((count, has_last_resort))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedPrekey {
    pub prekey_id: i64,
    pub key: Vec<u8>,
    pub last_resort: bool,
}

/// Takes one one-time prekey of the device, or returns its last-resort
/// prekey when none is left; `None` when the device has neither.
pub async fn claim_prekey<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
) -> Result<Option<ClaimedPrekey>, StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "DELETE FROM prekeys WHERE (user_id, device_id, prekey_id) = (\
               SELECT user_id, device_id, prekey_id FROM prekeys WHERE user_id = $1 AND device_id = $2 \
               ORDER BY prekey_id LIMIT 1 FOR UPDATE SKIP LOCKED) \
             RETURNING prekey_id, key"
        }
        _ => {
            "DELETE FROM prekeys WHERE rowid = (\
               SELECT rowid FROM prekeys WHERE user_id = ? AND device_id = ? ORDER BY prekey_id LIMIT 1) \
             RETURNING prekey_id, key"
        }
    };
    let statement = Statement::from_sql_and_values(backend, sql, [user_id.into(), device_id.into()]);
    if let Some(row) = db.query_one_raw(statement).await? {
        return Ok(Some(ClaimedPrekey {
            prekey_id: row.try_get("", "prekey_id")?,
            key: row.try_get("", "key")?,
            last_resort: false,
        }));
    }
    let last_resort = last_resort_prekey::Entity::find_by_id((user_id, device_id.to_owned())).one(db).await?;
    Ok(last_resort.map(|row| ClaimedPrekey { prekey_id: row.prekey_id, key: row.key, last_resort: true }))
}

pub async fn upload_key_packages<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
    packages: Vec<Vec<u8>>,
    now: i64,
) -> Result<u64, StoreError> {
    if !packages.is_empty() {
        let rows = packages.into_iter().map(|data| {
            key_package::Model { id: Uuid::new_v4(), user_id, device_id: device_id.to_owned(), data, created_at: now }
                .into_active_model()
        });
        key_package::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    count_key_packages(db, user_id, device_id).await
}

pub async fn count_key_packages<C: ConnectionTrait>(db: &C, user_id: Uuid, device_id: &str) -> Result<u64, StoreError> {
    Ok(key_package::Entity::find()
        .filter(key_package::Column::UserId.eq(user_id))
        .filter(key_package::Column::DeviceId.eq(device_id))
        .count(db)
        .await?)
}

/// Takes the oldest key package of the device, if any.
pub async fn claim_key_package<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
) -> Result<Option<Vec<u8>>, StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "DELETE FROM key_packages WHERE id = (\
               SELECT id FROM key_packages WHERE user_id = $1 AND device_id = $2 \
               ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) \
             RETURNING data"
        }
        _ => {
            "DELETE FROM key_packages WHERE id = (\
               SELECT id FROM key_packages WHERE user_id = ? AND device_id = ? ORDER BY created_at, id LIMIT 1) \
             RETURNING data"
        }
    };
    let statement = Statement::from_sql_and_values(backend, sql, [user_id.into(), device_id.into()]);
    match db.query_one_raw(statement).await? {
        Some(row) => Ok(Some(row.try_get("", "data")?)),
        None => Ok(None),
    }
}
