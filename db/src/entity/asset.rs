//! Asset metadata and upload progress (table assets).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub owner_id: Uuid,
    pub size: i64,
    pub sha256: Vec<u8>,
    /// The domain's retention class number.
    pub retention: i32,
    pub public: bool,
    /// The read token of a private asset; `None` for public ones and once revoked.
    pub token: Option<String>,
    /// Bytes received, in order, from offset 0.
    pub uploaded: i64,
    pub created_at: i64,
    /// Set once the size and SHA-256 were checked; only then is it readable.
    pub finished_at: Option<i64>,
    pub expires_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
