//! The federation outbox, its per-destination leases, and the inbox of
//! applied deliveries.

use crate::StoreError;
use crate::entity::{federation_inbox, federation_lease, federation_outbox};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// Queues one notification for `destination`, in the caller's transaction.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    destination: &str,
    kind: i32,
    body: Vec<u8>,
    now: i64,
    trace_parent: Option<String>,
) -> Result<(), StoreError> {
    let row = federation_outbox::ActiveModel {
        id: ActiveValue::NotSet,
        destination: ActiveValue::Set(destination.to_owned()),
        kind: ActiveValue::Set(kind),
        body: ActiveValue::Set(body),
        created_at: ActiveValue::Set(now),
        attempts: ActiveValue::Set(0),
        next_attempt_at: ActiveValue::Set(now),
        trace_parent: ActiveValue::Set(trace_parent),
    };
    federation_outbox::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// The destinations with anything queued.
pub async fn destinations<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, StoreError> {
    Ok(federation_outbox::Entity::find()
        .select_only()
        .column(federation_outbox::Column::Destination)
        .distinct()
        .into_tuple::<String>()
        .all(db)
        .await?)
}

/// The oldest notification for `destination`: delivery is in order.
pub async fn head<C: ConnectionTrait>(
    db: &C,
    destination: &str,
) -> Result<Option<federation_outbox::Model>, StoreError> {
    Ok(federation_outbox::Entity::find()
        .filter(federation_outbox::Column::Destination.eq(destination))
        .order_by_asc(federation_outbox::Column::Id)
        .one(db)
        .await?)
}

pub async fn delivered<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), StoreError> {
    federation_outbox::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

pub async fn retry_later<C: ConnectionTrait>(db: &C, id: i64, attempts: i32, at: i64) -> Result<(), StoreError> {
    federation_outbox::Entity::update_many()
        .col_expr(federation_outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(federation_outbox::Column::NextAttemptAt, Expr::value(at))
        .filter(federation_outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Per destination: queued notifications and the creation time of the oldest.
pub async fn depth<C: ConnectionTrait>(db: &C) -> Result<Vec<(String, i64, i64)>, StoreError> {
    Ok(federation_outbox::Entity::find()
        .select_only()
        .column(federation_outbox::Column::Destination)
        .column_as(federation_outbox::Column::Id.count(), "queued")
        .column_as(federation_outbox::Column::CreatedAt.min(), "oldest")
        .group_by(federation_outbox::Column::Destination)
        .into_tuple::<(String, i64, i64)>()
        .all(db)
        .await?)
}

/// Takes or renews the lease on `destination` for `holder` until `until`;
/// false while another holder's lease runs.
pub async fn take_lease<C: ConnectionTrait>(
    db: &C,
    destination: &str,
    holder: &str,
    now: i64,
    until: i64,
) -> Result<bool, StoreError> {
    let lease = federation_lease::Model { destination: destination.to_owned(), holder: holder.to_owned(), until };
    federation_lease::Entity::insert(federation_lease::ActiveModel::from(lease))
        .on_conflict(OnConflict::column(federation_lease::Column::Destination).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    let taken = federation_lease::Entity::update_many()
        .col_expr(federation_lease::Column::Holder, Expr::value(holder))
        .col_expr(federation_lease::Column::Until, Expr::value(until))
        .filter(federation_lease::Column::Destination.eq(destination))
        .filter(
            Condition::any()
                .add(federation_lease::Column::Holder.eq(holder))
                .add(federation_lease::Column::Until.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

pub async fn release_lease<C: ConnectionTrait>(db: &C, destination: &str, holder: &str) -> Result<(), StoreError> {
    federation_lease::Entity::delete_many()
        .filter(federation_lease::Column::Destination.eq(destination))
        .filter(federation_lease::Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a delivery from `origin`; false when it was recorded before (a
/// redelivery, to be acknowledged and not applied again). In the
/// transaction that applies it.
pub async fn first_delivery<C: ConnectionTrait>(
    db: &C,
    origin: &str,
    delivery_id: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let row =
        federation_inbox::Model { origin: origin.to_owned(), delivery_id: delivery_id.to_owned(), received_at: now };
    let inserted = federation_inbox::Entity::insert(federation_inbox::ActiveModel::from(row))
        .on_conflict(
            OnConflict::columns([federation_inbox::Column::Origin, federation_inbox::Column::DeliveryId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// Forgets applied deliveries older than `before` (an outbox retries for
/// far less long).
pub async fn prune_inbox<C: ConnectionTrait>(db: &C, before: i64) -> Result<u64, StoreError> {
    let deleted = federation_inbox::Entity::delete_many()
        .filter(federation_inbox::Column::ReceivedAt.lt(before))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}
