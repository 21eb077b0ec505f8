//! The trace context of the change that queued a federation notification,
//! so its delivery, however late, joins the same trace on both backends.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FederationOutbox {
    Table,
    TraceParent,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(FederationOutbox::Table)
                    .add_column(ColumnDef::new(FederationOutbox::TraceParent).string().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(FederationOutbox::Table).drop_column(FederationOutbox::TraceParent).to_owned(),
            )
            .await
    }
}
