//! Revoked sessions: what every instance must refuse at once (a removed
//! device, a logout, a reused refresh token), kept for an access token's
//! lifetime so instances can rebuild their in-memory set from it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RevokedSessions {
    Table,
    SessionId,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // No foreign key to sessions: removing a device deletes its sessions,
        // and this record must outlive them.
        manager
            .create_table(
                Table::create()
                    .table(RevokedSessions::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(RevokedSessions::SessionId).uuid().not_null().primary_key())
                    .col(ColumnDef::new(RevokedSessions::RevokedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_revoked_sessions_revoked_at")
                    .table(RevokedSessions::Table)
                    .col(RevokedSessions::RevokedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RevokedSessions::Table).to_owned()).await
    }
}
