//! Conversations and their members.

use crate::StoreError;
use crate::entity::{conversation, conversation_member, conversation_remote_member};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement, Value,
};
use uuid::Uuid;

/// Creates the conversation with its members. Idempotent for deterministic
/// ids (self and 1:1 conversations): an existing one is left as it is.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    new: conversation::Model,
    members: Vec<conversation_member::Model>,
) -> Result<(), StoreError> {
    conversation::Entity::insert(new.into_active_model())
        .on_conflict(OnConflict::column(conversation::Column::Id).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    add_members(db, members).await
}

/// Inserts the conversation row alone; `false` when one with its id
/// exists (a concurrent creator of a deterministic id won).
pub async fn create_new<C: ConnectionTrait>(db: &C, new: conversation::Model) -> Result<bool, StoreError> {
    let inserted = conversation::Entity::insert(new.into_active_model())
        .on_conflict(OnConflict::column(conversation::Column::Id).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// Adds members; users already in the conversation keep their role.
pub async fn add_members<C: ConnectionTrait>(
    db: &C,
    members: Vec<conversation_member::Model>,
) -> Result<(), StoreError> {
    for chunk in members.chunks(500) {
        conversation_member::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
            .on_conflict(
                OnConflict::columns([conversation_member::Column::ConversationId, conversation_member::Column::UserId])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Option<conversation::Model>, StoreError> {
    Ok(conversation::Entity::find_by_id(id).one(db).await?)
}

/// A stored conversation with its members here and on other backends,
/// each in join order.
pub type Whole = (conversation::Model, Vec<conversation_member::Model>, Vec<conversation_remote_member::Model>);

/// Conversations per statement (each id is bound twice).
const WHOLE_CHUNK: usize = 400;

/// The stored conversations among `ids`, whole, in id order: one statement
/// (per 400 ids) where the rows and the two member tables took three
/// round trips, and every send reads its conversation.
pub async fn find_many_whole<C: ConnectionTrait>(db: &C, ids: &[Uuid]) -> Result<Vec<Whole>, StoreError> {
    let backend = db.get_database_backend();
    let mut found: Vec<Whole> = Vec::new();
    for chunk in ids.chunks(WHOLE_CHUNK) {
        let placeholders = |from: usize| -> String {
            (0..chunk.len())
                .map(|i| match backend {
                    DbBackend::Postgres => format!("${}", from + i + 1),
                    _ => "?".to_owned(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        // On PostgreSQL both halves use the same parameters; SQLite's `?`
        // are taken in order, so the ids are bound once per half there.
        let second = if backend == DbBackend::Postgres { 0 } else { chunk.len() };
        let sql = format!(
            "SELECT c.id, c.kind, c.name, c.creator, c.created_at, c.owner_domain, c.protocol, \
               0 AS remote, '' AS user_domain, m.user_id, m.role, m.joined_at \
             FROM conversations c LEFT JOIN conversation_members m ON m.conversation_id = c.id \
             WHERE c.id IN ({}) \
             UNION ALL \
             SELECT c.id, c.kind, c.name, c.creator, c.created_at, c.owner_domain, c.protocol, \
               1 AS remote, r.user_domain, r.user_id, r.role, r.joined_at \
             FROM conversations c JOIN conversation_remote_members r ON r.conversation_id = c.id \
             WHERE c.id IN ({}) \
             ORDER BY 1, 8, 12, 10",
            placeholders(0),
            placeholders(second)
        );
        let mut values: Vec<Value> = chunk.iter().map(|id| (*id).into()).collect();
        if backend != DbBackend::Postgres {
            values.extend(chunk.iter().map(|id| Value::from(*id)));
        }
        for row in db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await? {
            let id: Uuid = row.try_get("", "id")?;
            if found.last().is_none_or(|(c, _, _)| c.id != id) {
                found.push((
                    conversation::Model {
                        id,
                        kind: row.try_get("", "kind")?,
                        name: row.try_get("", "name")?,
                        creator: row.try_get("", "creator")?,
                        created_at: row.try_get("", "created_at")?,
                        owner_domain: row.try_get("", "owner_domain")?,
                        protocol: row.try_get("", "protocol")?,
                    },
                    Vec::new(),
                    Vec::new(),
                ));
            }
            let Some((_, members, remote)) = found.last_mut() else { continue };
            // A conversation with no member here has one row without one.
            let Some(user_id) = row.try_get::<Option<Uuid>>("", "user_id")? else { continue };
            let (role, joined_at) = (row.try_get("", "role")?, row.try_get("", "joined_at")?);
            let is_remote: i32 = row.try_get("", "remote")?;
            if is_remote == 0 {
                members.push(conversation_member::Model { conversation_id: id, user_id, role, joined_at });
            } else {
                let user_domain = row.try_get("", "user_domain")?;
                remote.push(conversation_remote_member::Model {
                    conversation_id: id,
                    user_domain,
                    user_id,
                    role,
                    joined_at,
                });
            }
        }
    }
    Ok(found)
}

pub async fn member<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    user_id: Uuid,
) -> Result<Option<conversation_member::Model>, StoreError> {
    Ok(conversation_member::Entity::find_by_id((id, user_id)).one(db).await?)
}

pub async fn count_members<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<u64, StoreError> {
    Ok(conversation_member::Entity::find().filter(conversation_member::Column::ConversationId.eq(id)).count(db).await?)
}

/// One page of the ids of a user's conversations, ordered by id.
pub async fn ids_for_user<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Uuid>, StoreError> {
    let mut query = conversation_member::Entity::find().filter(conversation_member::Column::UserId.eq(user_id));
    if let Some(after) = after {
        query = query.filter(conversation_member::Column::ConversationId.gt(after));
    }
    let rows = query.order_by_asc(conversation_member::Column::ConversationId).limit(limit).all(db).await?;
    Ok(rows.into_iter().map(|m| m.conversation_id).collect())
}

pub async fn remove_member<C: ConnectionTrait>(db: &C, id: Uuid, user_id: Uuid) -> Result<bool, StoreError> {
    let deleted = conversation_member::Entity::delete_by_id((id, user_id)).exec(db).await?;
    Ok(deleted.rows_affected == 1)
}

pub async fn rename<C: ConnectionTrait>(db: &C, id: Uuid, name: &str) -> Result<(), StoreError> {
    conversation::Entity::update_many()
        .col_expr(conversation::Column::Name, Expr::value(name))
        .filter(conversation::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_role<C: ConnectionTrait>(db: &C, id: Uuid, user_id: Uuid, role: i32) -> Result<bool, StoreError> {
    let updated = conversation_member::Entity::update_many()
        .col_expr(conversation_member::Column::Role, Expr::value(role))
        .filter(conversation_member::Column::ConversationId.eq(id))
        .filter(conversation_member::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Adds members who are users of other backends; ones already there keep their role.
pub async fn add_remote_members<C: ConnectionTrait>(
    db: &C,
    members: Vec<conversation_remote_member::Model>,
) -> Result<(), StoreError> {
    for chunk in members.chunks(500) {
        conversation_remote_member::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
            .on_conflict(
                OnConflict::columns([
                    conversation_remote_member::Column::ConversationId,
                    conversation_remote_member::Column::UserDomain,
                    conversation_remote_member::Column::UserId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

pub async fn remove_remote_member<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    user_domain: &str,
    user_id: Uuid,
) -> Result<bool, StoreError> {
    let key = (id, user_domain.to_owned(), user_id);
    let deleted = conversation_remote_member::Entity::delete_by_id(key).exec(db).await?;
    Ok(deleted.rows_affected == 1)
}

pub async fn set_remote_role<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    user_domain: &str,
    user_id: Uuid,
    role: i32,
) -> Result<bool, StoreError> {
    let updated = conversation_remote_member::Entity::update_many()
        .col_expr(conversation_remote_member::Column::Role, Expr::value(role))
        .filter(conversation_remote_member::Column::ConversationId.eq(id))
        .filter(conversation_remote_member::Column::UserDomain.eq(user_domain))
        .filter(conversation_remote_member::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Replaces every member of a conversation (a mirror brought up to its
/// owner's state).
pub async fn replace_members<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    members: Vec<conversation_member::Model>,
    remote: Vec<conversation_remote_member::Model>,
) -> Result<(), StoreError> {
    conversation_member::Entity::delete_many()
        .filter(conversation_member::Column::ConversationId.eq(id))
        .exec(db)
        .await?;
    conversation_remote_member::Entity::delete_many()
        .filter(conversation_remote_member::Column::ConversationId.eq(id))
        .exec(db)
        .await?;
    add_members(db, members).await?;
    add_remote_members(db, remote).await
}
