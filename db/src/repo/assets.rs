//! Assets: metadata, upload progress and read tokens. The bytes are not
//! here; the server's object store holds them.

use crate::StoreError;
use crate::entity::{asset, user};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

pub async fn insert<C: ConnectionTrait>(db: &C, row: asset::Model) -> Result<(), StoreError> {
    asset::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
    Ok(())
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Option<asset::Model>, StoreError> {
    Ok(asset::Entity::find_by_id(id).one(db).await?)
}

/// Uploads of `owner` not finished yet.
pub async fn count_unfinished<C: ConnectionTrait>(db: &C, owner: Uuid) -> Result<u64, StoreError> {
    Ok(asset::Entity::find()
        .filter(asset::Column::OwnerId.eq(owner))
        .filter(asset::Column::FinishedAt.is_null())
        .count(db)
        .await?)
}

/// Moves an unfinished upload from `from` to `to` bytes; false when it was
/// not at `from` any more (another append won) or is finished or gone.
pub async fn advance<C: ConnectionTrait>(db: &C, id: Uuid, from: i64, to: i64) -> Result<bool, StoreError> {
    let updated = asset::Entity::update_many()
        .col_expr(asset::Column::Uploaded, Expr::value(to))
        .filter(asset::Column::Id.eq(id))
        .filter(asset::Column::Uploaded.eq(from))
        .filter(asset::Column::FinishedAt.is_null())
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Marks a complete upload finished, with its read token; false when it was
/// finished already or is gone.
pub async fn finish<C: ConnectionTrait>(db: &C, id: Uuid, now: i64, token: Option<String>) -> Result<bool, StoreError> {
    let updated = asset::Entity::update_many()
        .col_expr(asset::Column::FinishedAt, Expr::value(now))
        .col_expr(asset::Column::Token, Expr::value(token))
        .filter(asset::Column::Id.eq(id))
        .filter(asset::Column::FinishedAt.is_null())
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

pub async fn set_token<C: ConnectionTrait>(db: &C, id: Uuid, token: Option<String>) -> Result<bool, StoreError> {
    let updated = asset::Entity::update_many()
        .col_expr(asset::Column::Token, Expr::value(token))
        .filter(asset::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Locks the owner's user row until the transaction ends.
pub async fn lock_owner<C: ConnectionTrait>(db: &C, owner: Uuid) -> Result<(), StoreError> {
    user::Entity::find_by_id(owner).lock_exclusive().one(db).await?;
    Ok(())
}

/// Deletes an upload only while it is not finished.
pub async fn delete_unfinished<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<bool, StoreError> {
    let deleted = asset::Entity::delete_many()
        .filter(asset::Column::Id.eq(id))
        .filter(asset::Column::FinishedAt.is_null())
        .exec(db)
        .await?;
    Ok(deleted.rows_affected == 1)
}

pub async fn delete<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<bool, StoreError> {
    Ok(asset::Entity::delete_by_id(id).exec(db).await?.rows_affected == 1)
}

/// Finished assets whose expiry passed, oldest first.
pub async fn expired<C: ConnectionTrait>(db: &C, now: i64, limit: u64) -> Result<Vec<asset::Model>, StoreError> {
    Ok(asset::Entity::find()
        .filter(asset::Column::ExpiresAt.lt(now))
        .order_by_asc(asset::Column::ExpiresAt)
        .limit(limit)
        .all(db)
        .await?)
}

/// Uploads started before `cutoff` and never finished.
pub async fn abandoned<C: ConnectionTrait>(db: &C, cutoff: i64, limit: u64) -> Result<Vec<asset::Model>, StoreError> {
    Ok(asset::Entity::find()
        .filter(asset::Column::FinishedAt.is_null())
        .filter(asset::Column::CreatedAt.lt(cutoff))
        .order_by_asc(asset::Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await?)
}

/// Of `ids`, those with an upload still under way.
pub async fn unfinished_among<C: ConnectionTrait>(db: &C, ids: &[Uuid]) -> Result<Vec<Uuid>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .filter(asset::Column::Id.is_in(ids.iter().copied()))
        .filter(asset::Column::FinishedAt.is_null())
        .into_tuple()
        .all(db)
        .await?)
}
