//! Conversations and their members.

use crate::StoreError;
use crate::entity::{conversation, conversation_member, conversation_remote_member};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
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

pub async fn find_many<C: ConnectionTrait>(db: &C, ids: &[Uuid]) -> Result<Vec<conversation::Model>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(conversation::Entity::find()
        .filter(conversation::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(conversation::Column::Id)
        .all(db)
        .await?)
}

pub async fn members_of_many<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<conversation_member::Model>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(conversation_member::Entity::find()
        .filter(conversation_member::Column::ConversationId.is_in(ids.iter().copied()))
        .order_by_asc(conversation_member::Column::JoinedAt)
        .order_by_asc(conversation_member::Column::UserId)
        .all(db)
        .await?)
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

/// Members on other backends of the conversations, in join order.
pub async fn remote_members_of_many<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<conversation_remote_member::Model>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(conversation_remote_member::Entity::find()
        .filter(conversation_remote_member::Column::ConversationId.is_in(ids.iter().copied()))
        .order_by_asc(conversation_remote_member::Column::JoinedAt)
        .order_by_asc(conversation_remote_member::Column::UserId)
        .all(db)
        .await?)
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
