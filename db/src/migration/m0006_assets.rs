//! Assets: the metadata of uploaded files and of uploads under way. The
//! bytes live in the object store; a row says how many of them arrived, so
//! an upload resumes after a restart of either side.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Assets {
    Table,
    Id,
    OwnerId,
    Size,
    Sha256,
    Retention,
    Public,
    Token,
    Uploaded,
    CreatedAt,
    FinishedAt,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // No foreign key to users: removing a row must go with removing its
        // bytes from the object store, which a cascade cannot do.
        manager
            .create_table(
                Table::create()
                    .table(Assets::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(Assets::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Assets::OwnerId).uuid().not_null())
                    .col(ColumnDef::new(Assets::Size).big_integer().not_null())
                    .col(ColumnDef::new(Assets::Sha256).binary().not_null())
                    .col(ColumnDef::new(Assets::Retention).integer().not_null())
                    .col(ColumnDef::new(Assets::Public).boolean().not_null())
                    .col(ColumnDef::new(Assets::Token).string().null())
                    .col(ColumnDef::new(Assets::Uploaded).big_integer().not_null())
                    .col(ColumnDef::new(Assets::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Assets::FinishedAt).big_integer().null())
                    .col(ColumnDef::new(Assets::ExpiresAt).big_integer().null())
                    .to_owned(),
            )
            .await?;
        // Unfinished uploads per owner (the cap); by age, the cleanup.
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_assets_owner_finished")
                    .table(Assets::Table)
                    .col(Assets::OwnerId)
                    .col(Assets::FinishedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_assets_expires_at")
                    .table(Assets::Table)
                    .col(Assets::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_assets_finished_created")
                    .table(Assets::Table)
                    .col(Assets::FinishedAt)
                    .col(Assets::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Assets::Table).to_owned()).await
    }
}
