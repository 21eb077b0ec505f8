//! Proposals an MLS group's members sent for its current epoch: the
//! delivery service needs them to check a commit that includes them by
//! reference.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MlsProposals {
    Table,
    ConversationId,
    Epoch,
    Position,
    Message,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MlsProposals::Table)
                    .col(ColumnDef::new(MlsProposals::ConversationId).uuid().not_null())
                    .col(ColumnDef::new(MlsProposals::Epoch).big_integer().not_null())
                    .col(ColumnDef::new(MlsProposals::Position).integer().not_null())
                    .col(ColumnDef::new(MlsProposals::Message).binary().not_null())
                    .col(ColumnDef::new(MlsProposals::CreatedAt).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(MlsProposals::ConversationId)
                            .col(MlsProposals::Epoch)
                            .col(MlsProposals::Position),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MlsProposals::Table, MlsProposals::ConversationId)
                            .to(Conversations::Table, Conversations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MlsProposals::Table).to_owned()).await
    }
}
