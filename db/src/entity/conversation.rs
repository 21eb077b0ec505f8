//! Conversations (table conversations); kind holds the domain's stored value.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conversations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: i32,
    pub name: String,
    pub creator: Uuid,
    pub created_at: i64,
    /// The backend that owns it; empty for this one. The creator is a user
    /// of the owner.
    pub owner_domain: String,
    /// 0: per-device ciphertexts; 1: MLS (the domain's `Protocol`).
    pub protocol: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
