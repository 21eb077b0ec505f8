//! Conversations across backends: which backend owns a conversation (empty:
//! this one; otherwise this is a mirror of another backend's conversation
//! kept for its local members), members that are users of other backends,
//! and the idempotency records of messages sent by users of other backends
//! to conversations owned here.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Id,
    OwnerDomain,
}

#[derive(DeriveIden)]
enum ConversationRemoteMembers {
    Table,
    ConversationId,
    UserId,
    UserDomain,
    Role,
    JoinedAt,
}

#[derive(DeriveIden)]
enum RemoteSentMessages {
    Table,
    SenderDomain,
    SenderId,
    SenderDeviceId,
    MessageId,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Conversations::Table)
                    .add_column(ColumnDef::new(Conversations::OwnerDomain).string().not_null().default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConversationRemoteMembers::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(ConversationRemoteMembers::ConversationId).uuid().not_null())
                    .col(ColumnDef::new(ConversationRemoteMembers::UserId).uuid().not_null())
                    .col(ColumnDef::new(ConversationRemoteMembers::UserDomain).string().not_null())
                    .col(ColumnDef::new(ConversationRemoteMembers::Role).integer().not_null())
                    .col(ColumnDef::new(ConversationRemoteMembers::JoinedAt).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(ConversationRemoteMembers::ConversationId)
                            .col(ConversationRemoteMembers::UserDomain)
                            .col(ConversationRemoteMembers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConversationRemoteMembers::Table, ConversationRemoteMembers::ConversationId)
                            .to(Conversations::Table, Conversations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RemoteSentMessages::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(RemoteSentMessages::SenderDomain).string().not_null())
                    .col(ColumnDef::new(RemoteSentMessages::SenderId).uuid().not_null())
                    .col(ColumnDef::new(RemoteSentMessages::SenderDeviceId).string_len(16).not_null())
                    .col(ColumnDef::new(RemoteSentMessages::MessageId).string_len(512).not_null())
                    .col(ColumnDef::new(RemoteSentMessages::SentAt).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(RemoteSentMessages::SenderDomain)
                            .col(RemoteSentMessages::SenderId)
                            .col(RemoteSentMessages::SenderDeviceId)
                            .col(RemoteSentMessages::MessageId),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RemoteSentMessages::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ConversationRemoteMembers::Table).to_owned()).await?;
        manager
            .alter_table(Table::alter().table(Conversations::Table).drop_column(Conversations::OwnerDomain).to_owned())
            .await
    }
}
