//! Prekeys, key packages, connections, conversations, the per-device event
//! queues and the idempotency record of sent messages.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Devices {
    Table,
    UserId,
    Id,
    /// Cursor of the newest event queued for the device.
    LastEventSeq,
    /// Highest cursor the device acknowledged.
    AckedSeq,
}

#[derive(DeriveIden)]
enum Prekeys {
    Table,
    UserId,
    DeviceId,
    PrekeyId,
    Key,
}

#[derive(DeriveIden)]
enum LastResortPrekeys {
    Table,
    UserId,
    DeviceId,
    PrekeyId,
    Key,
}

#[derive(DeriveIden)]
enum KeyPackages {
    Table,
    Id,
    UserId,
    DeviceId,
    Data,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Connections {
    Table,
    UserId,
    OtherId,
    Status,
    ConversationId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Id,
    Kind,
    Name,
    Creator,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ConversationMembers {
    Table,
    ConversationId,
    UserId,
    Role,
    JoinedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    UserId,
    DeviceId,
    Seq,
    CreatedAt,
    Payload,
}

#[derive(DeriveIden)]
enum SentMessages {
    Table,
    SenderId,
    SenderDeviceId,
    MessageId,
    SentAt,
}

fn device_fk(table: impl IntoIden, user: impl IntoIden, device: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, (user, device))
        .to(Devices::Table, (Devices::UserId, Devices::Id))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        for column in [Devices::LastEventSeq, Devices::AckedSeq] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Devices::Table)
                        .add_column(ColumnDef::new(column).big_integer().not_null().default(0))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Prekeys::Table)
                    .col(ColumnDef::new(Prekeys::UserId).uuid().not_null())
                    .col(ColumnDef::new(Prekeys::DeviceId).string_len(16).not_null())
                    .col(ColumnDef::new(Prekeys::PrekeyId).big_integer().not_null())
                    .col(ColumnDef::new(Prekeys::Key).binary().not_null())
                    .primary_key(Index::create().col(Prekeys::UserId).col(Prekeys::DeviceId).col(Prekeys::PrekeyId))
                    .foreign_key(&mut device_fk(Prekeys::Table, Prekeys::UserId, Prekeys::DeviceId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LastResortPrekeys::Table)
                    .col(ColumnDef::new(LastResortPrekeys::UserId).uuid().not_null())
                    .col(ColumnDef::new(LastResortPrekeys::DeviceId).string_len(16).not_null())
                    .col(ColumnDef::new(LastResortPrekeys::PrekeyId).big_integer().not_null())
                    .col(ColumnDef::new(LastResortPrekeys::Key).binary().not_null())
                    .primary_key(Index::create().col(LastResortPrekeys::UserId).col(LastResortPrekeys::DeviceId))
                    .foreign_key(&mut device_fk(
                        LastResortPrekeys::Table,
                        LastResortPrekeys::UserId,
                        LastResortPrekeys::DeviceId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KeyPackages::Table)
                    .col(ColumnDef::new(KeyPackages::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(KeyPackages::UserId).uuid().not_null())
                    .col(ColumnDef::new(KeyPackages::DeviceId).string_len(16).not_null())
                    .col(ColumnDef::new(KeyPackages::Data).binary().not_null())
                    .col(ColumnDef::new(KeyPackages::CreatedAt).big_integer().not_null())
                    .foreign_key(&mut device_fk(KeyPackages::Table, KeyPackages::UserId, KeyPackages::DeviceId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_key_packages_device")
                    .table(KeyPackages::Table)
                    .col(KeyPackages::UserId)
                    .col(KeyPackages::DeviceId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Conversations::Table)
                    .col(ColumnDef::new(Conversations::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Conversations::Kind).integer().not_null())
                    .col(ColumnDef::new(Conversations::Name).string_len(1024).not_null())
                    .col(ColumnDef::new(Conversations::Creator).uuid().not_null())
                    .col(ColumnDef::new(Conversations::CreatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConversationMembers::Table)
                    .col(ColumnDef::new(ConversationMembers::ConversationId).uuid().not_null())
                    .col(ColumnDef::new(ConversationMembers::UserId).uuid().not_null())
                    .col(ColumnDef::new(ConversationMembers::Role).integer().not_null())
                    .col(ColumnDef::new(ConversationMembers::JoinedAt).big_integer().not_null())
                    .primary_key(
                        Index::create().col(ConversationMembers::ConversationId).col(ConversationMembers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConversationMembers::Table, ConversationMembers::ConversationId)
                            .to(Conversations::Table, Conversations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConversationMembers::Table, ConversationMembers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_conversation_members_user")
                    .table(ConversationMembers::Table)
                    .col(ConversationMembers::UserId)
                    .col(ConversationMembers::ConversationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Connections::Table)
                    .col(ColumnDef::new(Connections::UserId).uuid().not_null())
                    .col(ColumnDef::new(Connections::OtherId).uuid().not_null())
                    .col(ColumnDef::new(Connections::Status).integer().not_null())
                    .col(ColumnDef::new(Connections::ConversationId).uuid().null())
                    .col(ColumnDef::new(Connections::UpdatedAt).big_integer().not_null())
                    .primary_key(Index::create().col(Connections::UserId).col(Connections::OtherId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Connections::Table, Connections::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Connections::Table, Connections::OtherId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .col(ColumnDef::new(Events::UserId).uuid().not_null())
                    .col(ColumnDef::new(Events::DeviceId).string_len(16).not_null())
                    .col(ColumnDef::new(Events::Seq).big_integer().not_null())
                    .col(ColumnDef::new(Events::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Events::Payload).binary().not_null())
                    // The primary key is the queue order: (device, seq) range scans.
                    .primary_key(Index::create().col(Events::UserId).col(Events::DeviceId).col(Events::Seq))
                    .foreign_key(&mut device_fk(Events::Table, Events::UserId, Events::DeviceId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_events_created_at").table(Events::Table).col(Events::CreatedAt).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SentMessages::Table)
                    .col(ColumnDef::new(SentMessages::SenderId).uuid().not_null())
                    .col(ColumnDef::new(SentMessages::SenderDeviceId).string_len(16).not_null())
                    .col(ColumnDef::new(SentMessages::MessageId).string_len(128).not_null())
                    .col(ColumnDef::new(SentMessages::SentAt).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(SentMessages::SenderId)
                            .col(SentMessages::SenderDeviceId)
                            .col(SentMessages::MessageId),
                    )
                    .foreign_key(&mut device_fk(
                        SentMessages::Table,
                        SentMessages::SenderId,
                        SentMessages::SenderDeviceId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sent_messages_sent_at")
                    .table(SentMessages::Table)
                    .col(SentMessages::SentAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SentMessages::Table.into_iden(),
            Events::Table.into_iden(),
            Connections::Table.into_iden(),
            ConversationMembers::Table.into_iden(),
            Conversations::Table.into_iden(),
            KeyPackages::Table.into_iden(),
            LastResortPrekeys::Table.into_iden(),
            Prekeys::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in [Devices::AckedSeq, Devices::LastEventSeq] {
            manager.alter_table(Table::alter().table(Devices::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
