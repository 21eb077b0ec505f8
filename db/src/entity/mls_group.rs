//! The delivery service's state of an MLS conversation (table mls_groups).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mls_groups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub conversation_id: Uuid,
    /// The epoch the next commit must be for.
    pub epoch: i64,
    /// The GroupInfo of `epoch`, with the ratchet tree; none before the first commit.
    pub group_info: Option<Vec<u8>>,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
