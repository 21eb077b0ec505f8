//! Devices of users, with their event-queue counters (table devices).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "devices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// Hex of the first 8 bytes of SHA-256(identity_key): derived, never chosen.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub identity_key: Vec<u8>,
    pub label: String,
    pub class: i32,
    pub created_at: i64,
    /// Cursor of the newest event queued for this device.
    pub last_event_seq: i64,
    /// Highest cursor the device acknowledged.
    pub acked_seq: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
