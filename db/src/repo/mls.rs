//! The delivery service's state of MLS conversations.

use crate::StoreError;
use crate::entity::{mls_group, mls_proposal};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// A new MLS conversation: epoch 0, no GroupInfo until the first commit.
pub async fn create<C: ConnectionTrait>(db: &C, conversation_id: Uuid, now: i64) -> Result<(), StoreError> {
    let row = mls_group::ActiveModel {
        conversation_id: ActiveValue::Set(conversation_id),
        epoch: ActiveValue::Set(0),
        group_info: ActiveValue::Set(None),
        updated_at: ActiveValue::Set(now),
    };
    mls_group::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

pub async fn find<C: ConnectionTrait>(db: &C, conversation_id: Uuid) -> Result<Option<mls_group::Model>, StoreError> {
    Ok(mls_group::Entity::find_by_id(conversation_id).one(db).await?)
}

/// Moves the group from `epoch` to `epoch + 1` with the new GroupInfo, if it
/// is still at `epoch`: of concurrent commits for one epoch, exactly one
/// moves it (on PostgreSQL the second waits for the first's row lock, then
/// finds the epoch changed). Returns whether this one did.
pub async fn advance<C: ConnectionTrait>(
    db: &C,
    conversation_id: Uuid,
    epoch: i64,
    group_info: Vec<u8>,
    now: i64,
) -> Result<bool, StoreError> {
    let updated = mls_group::Entity::update_many()
        .col_expr(mls_group::Column::Epoch, Expr::value(epoch + 1))
        .col_expr(mls_group::Column::GroupInfo, Expr::value(group_info))
        .col_expr(mls_group::Column::UpdatedAt, Expr::value(now))
        .filter(mls_group::Column::ConversationId.eq(conversation_id))
        .filter(mls_group::Column::Epoch.eq(epoch))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Ok(false);
    }
    // The proposals of the epoch that ended can never be committed now.
    mls_proposal::Entity::delete_many()
        .filter(mls_proposal::Column::ConversationId.eq(conversation_id))
        .filter(mls_proposal::Column::Epoch.lte(epoch))
        .exec(db)
        .await?;
    Ok(true)
}

/// The proposals sent for `epoch`, in the order they were taken.
pub async fn proposals<C: ConnectionTrait>(
    db: &C,
    conversation_id: Uuid,
    epoch: i64,
) -> Result<Vec<Vec<u8>>, StoreError> {
    Ok(mls_proposal::Entity::find()
        .filter(mls_proposal::Column::ConversationId.eq(conversation_id))
        .filter(mls_proposal::Column::Epoch.eq(epoch))
        .order_by_asc(mls_proposal::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.message)
        .collect())
}

/// Keeps a proposal for `epoch` after those already kept, unless `limit`
/// are; returns whether it was kept. Call with the epoch held
/// ([`hold_epoch`]): the position is counted under that lock.
pub async fn add_proposal<C: ConnectionTrait>(
    db: &C,
    conversation_id: Uuid,
    epoch: i64,
    message: Vec<u8>,
    limit: u64,
    now: i64,
) -> Result<bool, StoreError> {
    let kept = mls_proposal::Entity::find()
        .filter(mls_proposal::Column::ConversationId.eq(conversation_id))
        .filter(mls_proposal::Column::Epoch.eq(epoch))
        .count(db)
        .await?;
    if kept >= limit {
        return Ok(false);
    }
    let row = mls_proposal::ActiveModel {
        conversation_id: ActiveValue::Set(conversation_id),
        epoch: ActiveValue::Set(epoch),
        position: ActiveValue::Set(kept as i32),
        message: ActiveValue::Set(message),
        created_at: ActiveValue::Set(now),
    };
    mls_proposal::Entity::insert(row).exec_without_returning(db).await?;
    Ok(true)
}

/// Whether the group is at `epoch`, holding it there until the caller's
/// transaction ends: the row is locked on PostgreSQL (SQLite has one
/// writer), so a commit for that epoch waits until the message is stored.
pub async fn hold_epoch<C: ConnectionTrait>(db: &C, conversation_id: Uuid, epoch: i64) -> Result<bool, StoreError> {
    let held = mls_group::Entity::update_many()
        .col_expr(mls_group::Column::Epoch, Expr::col(mls_group::Column::Epoch))
        .filter(mls_group::Column::ConversationId.eq(conversation_id))
        .filter(mls_group::Column::Epoch.eq(epoch))
        .exec(db)
        .await?;
    Ok(held.rows_affected == 1)
}
