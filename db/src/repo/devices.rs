//! Devices of local users.

use crate::StoreError;
use crate::entity::{device, user};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

#[derive(Debug, PartialEq, Eq)]
pub enum AddDevice {
    Added,
    /// The user already has `limit` devices.
    LimitReached,
    /// A device with this id (so this identity key) already exists for the user.
    AlreadyExists,
    UnknownUser,
}

/// Adds a device unless the user already has `limit`. Call it in a
/// transaction: the user row is locked for the count so that concurrent
/// logins cannot overshoot the limit on PostgreSQL (SQLite serialises writers
/// anyway).
pub async fn add_within_limit<C: ConnectionTrait>(
    db: &C,
    new_device: device::Model,
    limit: u64,
) -> Result<AddDevice, StoreError> {
    let owner = user::Entity::find_by_id(new_device.user_id).lock_exclusive().one(db).await?;
    if owner.is_none() {
        return Ok(AddDevice::UnknownUser);
    }
    if find(db, new_device.user_id, &new_device.id).await?.is_some() {
        return Ok(AddDevice::AlreadyExists);
    }
    let count = device::Entity::find().filter(device::Column::UserId.eq(new_device.user_id)).count(db).await?;
    if count >= limit {
        return Ok(AddDevice::LimitReached);
    }
    device::Entity::insert(new_device.into_active_model()).exec(db).await?;
    Ok(AddDevice::Added)
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    device_id: &str,
) -> Result<Option<device::Model>, StoreError> {
    Ok(device::Entity::find_by_id((user_id, device_id.to_owned())).one(db).await?)
}

pub async fn list<C: ConnectionTrait>(db: &C, user_id: Uuid) -> Result<Vec<device::Model>, StoreError> {
    Ok(device::Entity::find()
        .filter(device::Column::UserId.eq(user_id))
        .order_by_asc(device::Column::CreatedAt)
        .order_by_asc(device::Column::Id)
        .all(db)
        .await?)
}

/// Deletes the device; its sessions, refresh tokens and challenges go with it
/// (foreign keys cascade). Returns whether it existed.
pub async fn delete<C: ConnectionTrait>(db: &C, user_id: Uuid, device_id: &str) -> Result<bool, StoreError> {
    let result = device::Entity::delete_by_id((user_id, device_id.to_owned())).exec(db).await?;
    Ok(result.rows_affected == 1)
}

/// Every (user, device) pair of the given users.
pub async fn list_for_users<C: ConnectionTrait>(db: &C, user_ids: &[Uuid]) -> Result<Vec<(Uuid, String)>, StoreError> {
    let mut pairs = Vec::new();
    for chunk in user_ids.chunks(500) {
        // The two key columns only: a group's send reads every member's
        // devices, and whole rows (identity keys, labels) cost a fan-out to
        // 2,000 devices milliseconds of copying.
        let rows: Vec<(Uuid, String)> = device::Entity::find()
            .select_only()
            .column(device::Column::UserId)
            .column(device::Column::Id)
            .filter(device::Column::UserId.is_in(chunk.iter().copied()))
            .order_by_asc(device::Column::UserId)
            .order_by_asc(device::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        pairs.extend(rows);
    }
    Ok(pairs)
}
