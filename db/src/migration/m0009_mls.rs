//! MLS conversations: a conversation's protocol, and for an MLS one the
//! delivery service's state: its current epoch and the latest GroupInfo.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Id,
    Protocol,
}

#[derive(DeriveIden)]
enum MlsGroups {
    Table,
    ConversationId,
    Epoch,
    GroupInfo,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // 0: per-device ciphertexts (Proteus style); 1: MLS.
        manager
            .alter_table(
                Table::alter()
                    .table(Conversations::Table)
                    .add_column(ColumnDef::new(Conversations::Protocol).integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MlsGroups::Table)
                    .col(ColumnDef::new(MlsGroups::ConversationId).uuid().not_null().primary_key())
                    .col(ColumnDef::new(MlsGroups::Epoch).big_integer().not_null())
                    .col(ColumnDef::new(MlsGroups::GroupInfo).binary().null())
                    .col(ColumnDef::new(MlsGroups::UpdatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(MlsGroups::Table, MlsGroups::ConversationId)
                            .to(Conversations::Table, Conversations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MlsGroups::Table).to_owned()).await?;
        manager
            .alter_table(Table::alter().table(Conversations::Table).drop_column(Conversations::Protocol).to_owned())
            .await
    }
}
