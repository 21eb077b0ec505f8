//! One user's view of a connection (table connections).

use sea_orm::entity::prelude::*;

/// One user's view of a connection; each connection has two rows.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "connections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub other_id: Uuid,
    /// The other user's backend; empty for this backend.
    pub other_domain: String,
    pub status: i32,
    pub conversation_id: Option<Uuid>,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
