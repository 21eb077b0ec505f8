//! Accounts: users with their handles and profiles.

use crate::StoreError;
use crate::entity::{device, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

/// Creates a user together with its first device; call it in a transaction:
/// an account without a device could never log in again.
pub async fn create_with_first_device<C: ConnectionTrait>(
    db: &C,
    new_user: user::Model,
    first_device: device::Model,
) -> Result<(), StoreError> {
    user::Entity::insert(new_user.into_active_model()).exec(db).await?;
    device::Entity::insert(first_device.into_active_model()).exec(db).await?;
    Ok(())
}

pub async fn find_by_id<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Option<user::Model>, StoreError> {
    Ok(user::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_by_handle<C: ConnectionTrait>(db: &C, handle: &str) -> Result<Option<user::Model>, StoreError> {
    Ok(user::Entity::find().filter(user::Column::Handle.eq(handle)).one(db).await?)
}

pub async fn find_many<C: ConnectionTrait>(db: &C, ids: &[Uuid]) -> Result<Vec<user::Model>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids.iter().copied())).all(db).await?)
}

/// Which of `handles` are already taken.
pub async fn taken_handles<C: ConnectionTrait>(db: &C, handles: &[String]) -> Result<Vec<String>, StoreError> {
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    let users = user::Entity::find().filter(user::Column::Handle.is_in(handles.iter().cloned())).all(db).await?;
    Ok(users.into_iter().map(|u| u.handle).collect())
}

pub async fn update_display_name<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    display_name: String,
) -> Result<Option<user::Model>, StoreError> {
    let Some(existing) = find_by_id(db, id).await? else {
        return Ok(None);
    };
    let mut active = existing.into_active_model();
    active.display_name = sea_orm::Set(display_name);
    Ok(Some(active.update(db).await?))
}

/// Users whose handle starts with `query` or whose display name contains it
/// (case-insensitively), an exact handle match first, then by handle.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    query: &str,
    offset: u64,
    limit: u64,
) -> Result<Vec<user::Model>, StoreError> {
    use sea_orm::sea_query::{Expr, Func, LikeExpr};
    use sea_orm::{ExprTrait, Order, QueryOrder, QuerySelect};
    let escaped = query.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let lowered = escaped.to_lowercase();
    let handle_prefix = LikeExpr::new(format!("{lowered}%")).escape('\\');
    let name_contains = LikeExpr::new(format!("%{lowered}%")).escape('\\');
    let exact_first: Expr = Expr::case(Expr::col(user::Column::Handle).eq(query.to_lowercase()), 0).finally(1).into();
    Ok(user::Entity::find()
        .filter(
            Expr::col(user::Column::Handle)
                .like(handle_prefix)
                .or(Func::lower(Expr::col(user::Column::DisplayName)).like(name_contains)),
        )
        .order_by(exact_first, Order::Asc)
        .order_by_asc(user::Column::Handle)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?)
}
