//! Notifications waiting for another backend (table federation_outbox).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "federation_outbox")]
pub struct Model {
    /// Delivery order per destination.
    #[sea_orm(primary_key)]
    pub id: i64,
    pub destination: String,
    /// Which federation call carries it.
    pub kind: i32,
    /// The call's encoded request, delivery id included.
    pub body: Vec<u8>,
    pub created_at: i64,
    pub attempts: i32,
    pub next_attempt_at: i64,
    /// W3C `traceparent` of the change that queued it, when it was traced.
    pub trace_parent: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
