//! Push tokens: one per device, removed with the device. The row is also the
//! durable state of the device's wake-ups: which event cursor the last push
//! covered, when it went (the per-device rate limit), a retry that is due,
//! and a short claim that keeps two instances from pushing the same device
//! at once. A pending wake-up is not a row of its own: it is a device whose
//! newest event is beyond `pushed_seq` and not acknowledged, so nothing a
//! crash interrupts is lost.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PushTokens {
    Table,
    UserId,
    DeviceId,
    Provider,
    Token,
    Topic,
    Sandbox,
    P256dh,
    Auth,
    UpdatedAt,
    PushedSeq,
    LastPushedAt,
    Attempts,
    RetryAt,
    LeaseUntil,
}

#[derive(DeriveIden)]
enum Devices {
    Table,
    UserId,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PushTokens::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(PushTokens::UserId).uuid().not_null())
                    .col(ColumnDef::new(PushTokens::DeviceId).string().not_null())
                    .col(ColumnDef::new(PushTokens::Provider).integer().not_null())
                    .col(ColumnDef::new(PushTokens::Token).text().not_null())
                    .col(ColumnDef::new(PushTokens::Topic).string().null())
                    .col(ColumnDef::new(PushTokens::Sandbox).boolean().not_null())
                    .col(ColumnDef::new(PushTokens::P256dh).binary().null())
                    .col(ColumnDef::new(PushTokens::Auth).binary().null())
                    .col(ColumnDef::new(PushTokens::UpdatedAt).big_integer().not_null())
                    .col(ColumnDef::new(PushTokens::PushedSeq).big_integer().not_null())
                    .col(ColumnDef::new(PushTokens::LastPushedAt).big_integer().not_null())
                    .col(ColumnDef::new(PushTokens::Attempts).integer().not_null())
                    .col(ColumnDef::new(PushTokens::RetryAt).big_integer().null())
                    .col(ColumnDef::new(PushTokens::LeaseUntil).big_integer().not_null())
                    .primary_key(Index::create().col(PushTokens::UserId).col(PushTokens::DeviceId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PushTokens::Table, (PushTokens::UserId, PushTokens::DeviceId))
                            .to(Devices::Table, (Devices::UserId, Devices::Id))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The sweep reads the retries that are due, not every token.
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_push_tokens_retry_at")
                    .table(PushTokens::Table)
                    .col(PushTokens::RetryAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PushTokens::Table).to_owned()).await
    }
}
