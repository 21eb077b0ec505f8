//! PostgreSQL only: the count of changes to what a batch of sends reads
//! (`repo::changes`), which lets a batch keep its reads across batches and
//! instances. SQLite's one writer counts them in memory.

use crate::repo::changes::SHARDS;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn postgres(manager: &SchemaManager<'_>, statements: &[String]) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let up = [
            "CREATE TABLE batch_read_changes (shard int2 PRIMARY KEY, n int8 NOT NULL DEFAULT 0)".to_owned(),
            format!("INSERT INTO batch_read_changes (shard) SELECT generate_series(0, {})", SHARDS - 1),
        ];
        postgres(manager, &up).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        postgres(manager, &["DROP TABLE batch_read_changes".to_owned()]).await
    }
}
