//! Idempotency records of sent messages (table sent_messages).

use sea_orm::entity::prelude::*;

/// Makes SendMessage idempotent per sending device and message id.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sent_messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub sender_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub sender_device_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub message_id: String,
    pub sent_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
