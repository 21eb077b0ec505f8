//! Single-use device-login challenges.

use crate::StoreError;
use crate::entity::device_challenge;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

pub async fn insert<C: ConnectionTrait>(db: &C, challenge: device_challenge::Model) -> Result<(), StoreError> {
    device_challenge::Entity::insert(challenge.into_active_model()).exec(db).await?;
    Ok(())
}

/// Removes and returns the challenge. Only one caller can ever get it back,
/// which is what makes a challenge single-use across server instances.
pub async fn take<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Option<device_challenge::Model>, StoreError> {
    Ok(device_challenge::Entity::delete_by_id(id).exec_with_returning(db).await?)
}

/// Deletes challenges that expired before `now`; returns how many.
pub async fn purge_expired<C: ConnectionTrait>(db: &C, now: i64) -> Result<u64, StoreError> {
    let deleted =
        device_challenge::Entity::delete_many().filter(device_challenge::Column::ExpiresAt.lt(now)).exec(db).await?;
    Ok(deleted.rows_affected)
}
