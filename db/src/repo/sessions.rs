//! Sessions (refresh-token families) and their rotating refresh tokens.

use crate::StoreError;
use crate::entity::{refresh_token, session};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

/// Starts a refresh-token family with its first token.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    new_session: session::Model,
    first_token: refresh_token::Model,
) -> Result<(), StoreError> {
    session::Entity::insert(new_session.into_active_model()).exec(db).await?;
    refresh_token::Entity::insert(first_token.into_active_model()).exec(db).await?;
    Ok(())
}

/// The refresh token with this hash and the session it belongs to.
pub async fn find_refresh_token<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
) -> Result<Option<(refresh_token::Model, session::Model)>, StoreError> {
    let Some(token) = refresh_token::Entity::find_by_id(token_hash.to_owned()).one(db).await? else {
        return Ok(None);
    };
    let Some(owning_session) = session::Entity::find_by_id(token.session_id).one(db).await? else {
        return Ok(None);
    };
    Ok(Some((token, owning_session)))
}

#[derive(Debug, PartialEq, Eq)]
pub enum Rotation {
    Rotated,
    /// Someone spent the token first: a replay, whoever won the race.
    AlreadySpent,
}

/// Marks `old_hash` spent and stores its successor (call it in a
/// transaction). The conditional update makes "spent exactly once" hold
/// under concurrency.
pub async fn rotate_refresh_token<C: ConnectionTrait>(
    db: &C,
    old_hash: &str,
    successor: refresh_token::Model,
    now: i64,
) -> Result<Rotation, StoreError> {
    let spent = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::SpentAt, Expr::value(now))
        .filter(refresh_token::Column::TokenHash.eq(old_hash))
        .filter(refresh_token::Column::SpentAt.is_null())
        .exec(db)
        .await?;
    if spent.rows_affected != 1 {
        return Ok(Rotation::AlreadySpent);
    }
    refresh_token::Entity::insert(successor.into_active_model()).exec(db).await?;
    Ok(Rotation::Rotated)
}

/// Revokes a whole family. Idempotent: the first revocation time is kept.
pub async fn revoke<C: ConnectionTrait>(db: &C, session_id: Uuid, now: i64) -> Result<(), StoreError> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
