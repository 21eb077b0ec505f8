//! Schema migrations. Each one is written with SeaQuery's builders, so the
//! same code creates the same schema on SQLite and PostgreSQL; the
//! exceptions, m0011 and m0012, are PostgreSQL's alone and say why.

use sea_orm_migration::prelude::*;

mod m0001_accounts;
mod m0002_messaging;
mod m0003_revocations;
mod m0004_federation;
mod m0005_federated_conversations;
mod m0006_assets;
mod m0007_push;
mod m0008_outbox_trace;
mod m0009_mls;
mod m0010_mls_proposals;
mod m0011_postgres_event_writes;
mod m0012_postgres_batch_read_changes;

pub struct Migrator;

/// Runs `statements` on PostgreSQL and nothing on SQLite, for the
/// migrations that are PostgreSQL's alone.
async fn on_postgres<S: AsRef<str>>(manager: &SchemaManager<'_>, statements: &[S]) -> Result<(), DbErr> {
    if manager.get_database_backend() != sea_orm_migration::sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement.as_ref()).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_accounts::Migration),
            Box::new(m0002_messaging::Migration),
            Box::new(m0003_revocations::Migration),
            Box::new(m0004_federation::Migration),
            Box::new(m0005_federated_conversations::Migration),
            Box::new(m0006_assets::Migration),
            Box::new(m0007_push::Migration),
            Box::new(m0008_outbox_trace::Migration),
            Box::new(m0009_mls::Migration),
            Box::new(m0010_mls_proposals::Migration),
            Box::new(m0011_postgres_event_writes::Migration),
            Box::new(m0012_postgres_batch_read_changes::Migration),
        ]
    }
}
