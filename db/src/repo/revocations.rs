//! Revoked sessions: written with the change that revokes them, read by
//! every instance to refuse their access tokens.

use crate::StoreError;
use crate::entity::{revoked_session, session};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect};
use uuid::Uuid;

/// Records the sessions as revoked at `now`; an earlier record is kept.
pub async fn record<C: ConnectionTrait>(db: &C, sessions: &[Uuid], now: i64) -> Result<(), StoreError> {
    if sessions.is_empty() {
        return Ok(());
    }
    let rows =
        sessions.iter().map(|&session_id| revoked_session::Model { session_id, revoked_at: now }.into_active_model());
    revoked_session::Entity::insert_many(rows)
        .on_conflict(OnConflict::column(revoked_session::Column::SessionId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Sessions revoked at or after `since`.
pub async fn since<C: ConnectionTrait>(db: &C, since: i64) -> Result<Vec<revoked_session::Model>, StoreError> {
    Ok(revoked_session::Entity::find().filter(revoked_session::Column::RevokedAt.gte(since)).all(db).await?)
}

/// Forgets revocations older than `cutoff` (their tokens have expired).
pub async fn expire<C: ConnectionTrait>(db: &C, cutoff: i64) -> Result<u64, StoreError> {
    let deleted =
        revoked_session::Entity::delete_many().filter(revoked_session::Column::RevokedAt.lt(cutoff)).exec(db).await?;
    Ok(deleted.rows_affected)
}

/// The sessions of a device that are not revoked yet.
pub async fn live_sessions_of_device<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
) -> Result<Vec<Uuid>, StoreError> {
    Ok(session::Entity::find()
        .select_only()
        .column(session::Column::Id)
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::DeviceId.eq(device_id))
        .filter(session::Column::RevokedAt.is_null())
        .into_tuple()
        .all(db)
        .await?)
}
