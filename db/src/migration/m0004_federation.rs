//! Federation: which backend the other user of a connection belongs to, the
//! outbox of notifications to other backends (written in the transaction
//! of the change they announce), the leases that keep one worker per
//! destination across instances, and the deliveries already applied from
//! other backends (so a redelivery is applied once).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Connections {
    Table,
    UserId,
    OtherId,
    OtherDomain,
    Status,
    ConversationId,
    UpdatedAt,
}

/// The rebuilt connections table, renamed to `connections` once filled.
#[derive(DeriveIden)]
enum ConnectionsV2 {
    Table,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum FederationOutbox {
    Table,
    Id,
    Destination,
    Kind,
    Body,
    CreatedAt,
    Attempts,
    NextAttemptAt,
}

#[derive(DeriveIden)]
enum FederationLeases {
    Table,
    Destination,
    Holder,
    Until,
}

#[derive(DeriveIden)]
enum FederationInbox {
    Table,
    Origin,
    DeliveryId,
    ReceivedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on SQLite too: the table rebuild must run on one
    /// connection (the pool's others would not see the dropped table yet),
    /// and must not stop half-way.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The other user of a connection may live on another backend, so
        // other_id can no longer reference users(id). Neither SQLite nor a
        // portable ALTER drops a foreign key: the table is rebuilt, with
        // other_domain (empty: this backend, as every row so far).
        manager
            .create_table(
                Table::create()
                    .table(ConnectionsV2::Table)
                    .col(ColumnDef::new(Connections::UserId).uuid().not_null())
                    .col(ColumnDef::new(Connections::OtherId).uuid().not_null())
                    .col(ColumnDef::new(Connections::OtherDomain).string().not_null().default(""))
                    .col(ColumnDef::new(Connections::Status).integer().not_null())
                    .col(ColumnDef::new(Connections::ConversationId).uuid().null())
                    .col(ColumnDef::new(Connections::UpdatedAt).big_integer().not_null())
                    .primary_key(Index::create().col(Connections::UserId).col(Connections::OtherId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConnectionsV2::Table, Connections::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let columns = || {
            [
                Connections::UserId,
                Connections::OtherId,
                Connections::Status,
                Connections::ConversationId,
                Connections::UpdatedAt,
            ]
        };
        let copy = Query::insert()
            .into_table(ConnectionsV2::Table)
            .columns(columns())
            .select_from(Query::select().columns(columns()).from(Connections::Table).to_owned())
            .map_err(|err| DbErr::Migration(err.to_string()))?
            .to_owned();
        manager.exec_stmt(copy).await?;
        manager.drop_table(Table::drop().table(Connections::Table).to_owned()).await?;
        manager.rename_table(Table::rename().table(ConnectionsV2::Table, Connections::Table).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(FederationOutbox::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(FederationOutbox::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(FederationOutbox::Destination).string().not_null())
                    .col(ColumnDef::new(FederationOutbox::Kind).integer().not_null())
                    .col(ColumnDef::new(FederationOutbox::Body).binary().not_null())
                    .col(ColumnDef::new(FederationOutbox::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(FederationOutbox::Attempts).integer().not_null().default(0))
                    .col(ColumnDef::new(FederationOutbox::NextAttemptAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_federation_outbox_destination")
                    .table(FederationOutbox::Table)
                    .col(FederationOutbox::Destination)
                    .col(FederationOutbox::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FederationLeases::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(FederationLeases::Destination).string().not_null().primary_key())
                    .col(ColumnDef::new(FederationLeases::Holder).string().not_null())
                    .col(ColumnDef::new(FederationLeases::Until).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FederationInbox::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(FederationInbox::Origin).string().not_null())
                    .col(ColumnDef::new(FederationInbox::DeliveryId).string().not_null())
                    .col(ColumnDef::new(FederationInbox::ReceivedAt).big_integer().not_null())
                    .primary_key(Index::create().col(FederationInbox::Origin).col(FederationInbox::DeliveryId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [FederationInbox::Table.into_iden(), FederationLeases::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(FederationOutbox::Table).to_owned()).await
    }
}
