//! Connections between users: one row per user's view.

use crate::StoreError;
use crate::entity::connection;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashSet;
use uuid::Uuid;

pub async fn find<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    other_id: Uuid,
) -> Result<Option<connection::Model>, StoreError> {
    Ok(connection::Entity::find_by_id((user_id, other_id)).one(db).await?)
}

/// Writes users' views of a connection (both at once, in the caller's
/// transaction).
pub async fn save<C: ConnectionTrait>(db: &C, rows: Vec<connection::Model>) -> Result<(), StoreError> {
    for row in rows {
        connection::Entity::insert(row.into_active_model())
            .on_conflict(
                OnConflict::columns([connection::Column::UserId, connection::Column::OtherId])
                    .update_columns([
                        connection::Column::OtherDomain,
                        connection::Column::Status,
                        connection::Column::ConversationId,
                        connection::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// One page of a user's connections ordered by the other user's id.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<connection::Model>, StoreError> {
    let mut query = connection::Entity::find().filter(connection::Column::UserId.eq(user_id));
    if let Some(after) = after {
        query = query.filter(connection::Column::OtherId.gt(after));
    }
    Ok(query.order_by_asc(connection::Column::OtherId).limit(limit).all(db).await?)
}

/// Connections that count against the limit: the ones in `statuses`.
pub async fn count_with_status<C: ConnectionTrait>(db: &C, user_id: Uuid, statuses: &[i32]) -> Result<u64, StoreError> {
    Ok(connection::Entity::find()
        .filter(connection::Column::UserId.eq(user_id))
        .filter(connection::Column::Status.is_in(statuses.iter().copied()))
        .count(db)
        .await?)
}

/// The other users of a user's connections in `status`.
pub async fn others_with_status<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    status: i32,
) -> Result<Vec<Uuid>, StoreError> {
    let rows = connection::Entity::find()
        .filter(connection::Column::UserId.eq(user_id))
        .filter(connection::Column::Status.eq(status))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.other_id).collect())
}

/// Of the given pairs of users, those where either user's row of the
/// connection has `status`; one query per 200 pairs.
pub async fn pairs_with_status<C: ConnectionTrait>(
    db: &C,
    pairs: &[(Uuid, Uuid)],
    status: i32,
) -> Result<HashSet<(Uuid, Uuid)>, StoreError> {
    use sea_orm::{DbBackend, Statement, Value};
    let backend = db.get_database_backend();
    let mut found = HashSet::new();
    for chunk in pairs.chunks(200) {
        let mut values: Vec<Value> = vec![status.into()];
        let mut tuples = Vec::with_capacity(chunk.len() * 2);
        for (a, b) in chunk.iter().flat_map(|&(a, b)| [(a, b), (b, a)]) {
            values.push(a.into());
            values.push(b.into());
            tuples.push(match backend {
                DbBackend::Postgres => format!("(${}, ${})", values.len() - 1, values.len()),
                _ => "(?, ?)".to_owned(),
            });
        }
        let status_param = if backend == DbBackend::Postgres { "$1" } else { "?" };
        let query = format!(
            "SELECT user_id, other_id FROM connections WHERE status = {status_param} \
             AND (user_id, other_id) IN (VALUES {})",
            tuples.join(", ")
        );
        for row in db.query_all_raw(Statement::from_sql_and_values(backend, query, values)).await? {
            let (a, b): (Uuid, Uuid) = (row.try_get("", "user_id")?, row.try_get("", "other_id")?);
            found.insert((a, b));
            found.insert((b, a));
        }
    }
    Ok(found)
}

/// Names the 1:1 conversation of a connection (created by the other side's backend).
pub async fn set_conversation<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    other_id: Uuid,
    conversation_id: Uuid,
) -> Result<(), StoreError> {
    use sea_orm::sea_query::Expr;
    connection::Entity::update_many()
        .col_expr(connection::Column::ConversationId, Expr::value(conversation_id))
        .filter(connection::Column::UserId.eq(user_id))
        .filter(connection::Column::OtherId.eq(other_id))
        .exec(db)
        .await?;
    Ok(())
}
