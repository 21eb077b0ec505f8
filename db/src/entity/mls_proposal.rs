//! A proposal sent to an MLS group for one epoch (table mls_proposals).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mls_proposals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub conversation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub epoch: i64,
    /// Its order among the epoch's proposals, from 0.
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    /// The MLS PublicMessage, as sent.
    pub message: Vec<u8>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
