//! Which instance delivers to a destination (table federation_leases).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "federation_leases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub destination: String,
    pub holder: String,
    pub until: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
