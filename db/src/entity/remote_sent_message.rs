//! Idempotency records of messages that users of other backends sent to
//! conversations owned here (table remote_sent_messages).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "remote_sent_messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub sender_domain: String,
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
