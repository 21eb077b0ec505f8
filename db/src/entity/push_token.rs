//! A device's push token and the state of its wake-ups (table push_tokens).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "push_tokens")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub device_id: String,
    /// 1 APNs, 2 FCM, 3 Web Push.
    pub provider: i32,
    /// APNs device token (hex), FCM registration token, or Web Push endpoint.
    #[sea_orm(column_type = "Text")]
    pub token: String,
    /// APNs only: the app's bundle id.
    pub topic: Option<String>,
    /// APNs only: the development environment.
    pub sandbox: bool,
    /// Web Push only: the subscription's keys (RFC 8291).
    pub p256dh: Option<Vec<u8>>,
    pub auth: Option<Vec<u8>>,
    pub updated_at: i64,
    /// The device's event cursor the last wake-up covered.
    pub pushed_seq: i64,
    /// Wall-clock ms of the last wake-up sent (0: never).
    pub last_pushed_at: i64,
    /// Failed attempts in a row.
    pub attempts: i32,
    /// When the device is to be looked at again (a retry, or a wake-up held
    /// back by the rate limit); None when nothing is scheduled.
    pub retry_at: Option<i64>,
    /// An instance is pushing this device until then.
    pub lease_until: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
