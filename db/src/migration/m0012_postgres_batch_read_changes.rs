//! PostgreSQL only: the count of changes to what a batch of sends reads
//! (`repo::changes`), which lets a batch keep its reads across batches and
//! instances. SQLite's one writer counts them in memory.

use crate::repo::changes::SHARDS;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let up = [
            "CREATE TABLE batch_read_changes (shard int2 PRIMARY KEY, n int8 NOT NULL DEFAULT 0)".to_owned(),
            format!("INSERT INTO batch_read_changes (shard) SELECT generate_series(0, {})", SHARDS - 1),
        ];
        super::on_postgres(manager, &up).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::on_postgres(manager, &["DROP TABLE batch_read_changes"]).await
    }
}
