//! Missive's storage layer: SeaORM entities, the migrations that create them on
//! SQLite and PostgreSQL alike, and repositories the server's domain calls.
//!
//! Nothing here knows about gRPC; every storage failure leaves this crate as a
//! [`StoreError`], translated in one place ([`error`]).

pub mod entity;
pub mod error;
pub mod migration;
pub mod nodelay;
pub mod repo;
pub mod sqlite_writer;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::StoreError;
/// The ORM, for callers that compose repositories in a transaction.
pub use sea_orm;
pub use sea_orm::DatabaseConnection;

use sea_orm::{ConnectOptions, Database};
use sea_orm_migration::MigratorTrait;
use std::time::Duration;

/// Which database a URL points at; decides pragmas and pool size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Opens the database and applies every pending migration.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, StoreError> {
    let backend = Backend::of_url(url)
        .ok_or_else(|| StoreError::Internal(format!("unsupported database url scheme in {}", redact(url))))?;
    let mut options = ConnectOptions::new(url.to_owned());
    options.connect_timeout(Duration::from_secs(5)).acquire_timeout(Duration::from_secs(3)).sqlx_logging(false);
    match backend {
        // SQLite allows one writer; WAL lets readers proceed during a write, and
        // the pragmas are per connection, so they go on every pooled one.
        Backend::Sqlite => {
            options.max_connections(4).min_connections(1).map_sqlx_sqlite_pool_opts(quiet_acquire).map_sqlx_sqlite_opts(
                |opts| {
                    opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                        .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                        // No checkpoint inside a commit: it writes the WAL back and
                        // fsyncs, stalling every write queued behind it (tens of ms
                        // here). The server checkpoints off the write path instead
                        // (`checkpoint`).
                        .pragma("wal_autocheckpoint", "0")
                        .foreign_keys(true)
                        .busy_timeout(Duration::from_secs(5))
                        .create_if_missing(true)
                },
            )
        }
        Backend::Postgres => {
            let tcp_port = postgres_tcp_port(url);
            options.max_connections(32).min_connections(1).map_sqlx_postgres_pool_opts(move |pool| {
                quiet_acquire(pool).after_connect(move |_, _| {
                    if let Some(port) = tcp_port {
                        nodelay::set_on_connections_to(port);
                    }
                    Box::pin(async { Ok(()) })
                })
            })
        }
    };
    let db = Database::connect(options).await?;
    match backend {
        Backend::Postgres => migrate_exclusively(url, &db).await?,
        Backend::Sqlite => migration::Migrator::up(&db, None).await?,
    }
    Ok(db)
}

/// Copies what the SQLite write-ahead log holds back into the database file,
/// without waiting for readers or writers (a passive checkpoint), so the
/// log stays short; returns the log's frames and those copied. Nothing to
/// do on PostgreSQL.
pub async fn checkpoint(db: &DatabaseConnection) -> Result<Option<(i64, i64)>, StoreError> {
    use sea_orm::{ConnectionTrait, Statement};
    if db.get_database_backend() != sea_orm::DbBackend::Sqlite {
        return Ok(None);
    }
    let statement = Statement::from_string(sea_orm::DbBackend::Sqlite, "PRAGMA wal_checkpoint(PASSIVE)");
    let Some(row) = db.query_one_raw(statement).await? else { return Ok(None) };
    // Columns: busy, log (frames in the WAL), checkpointed.
    let log: i64 = row.try_get_by_index(1)?;
    let copied: i64 = row.try_get_by_index(2)?;
    Ok(Some((log, copied)))
}

/// The connection pool's state: connections open, of which idle, and the
/// most it may open. For the pool-usage metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUsage {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

pub fn pool_usage(db: &DatabaseConnection) -> Option<PoolUsage> {
    match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            Some(PoolUsage {
                open: pool.size(),
                idle: pool.num_idle() as u32,
                max: pool.options().get_max_connections(),
            })
        }
        sea_orm::DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            Some(PoolUsage {
                open: pool.size(),
                idle: pool.num_idle() as u32,
                max: pool.options().get_max_connections(),
            })
        }
        _ => None,
    }
}

/// The port of a PostgreSQL URL that connects over TCP; `None` for a Unix
/// socket (or a URL sqlx will refuse anyway).
pub fn postgres_tcp_port(url: &str) -> Option<u16> {
    use std::str::FromStr;
    let options = sea_orm::sqlx::postgres::PgConnectOptions::from_str(url).ok()?;
    options.get_socket().is_none().then(|| options.get_port())
}

/// A slow pool acquire is normal under load (and shed by the server's write
/// gate); at warn level sqlx logged tens of thousands of lines a second.
fn quiet_acquire<DB: sea_orm::sqlx::Database>(
    options: sea_orm::sqlx::pool::PoolOptions<DB>,
) -> sea_orm::sqlx::pool::PoolOptions<DB> {
    options.acquire_slow_level(log::LevelFilter::Debug)
}

/// Begins a transaction that will write. On SQLite it is `BEGIN IMMEDIATE`:
/// a deferred transaction that reads and then writes fails at once with
/// SQLITE_BUSY_SNAPSHOT when another writer committed in between (the busy
/// timeout does not apply to that case); an immediate one takes the write
/// lock first and waits for it. Nested calls become savepoints. PostgreSQL
/// ignores the mode.
pub async fn begin_write<C: sea_orm::TransactionTrait>(db: &C) -> Result<C::Transaction, sea_orm::DbErr> {
    db.begin_with_options(sea_orm::TransactionOptions {
        isolation_level: None,
        access_mode: None,
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
    })
    .await
}

/// Key of the PostgreSQL advisory lock that serialises migrations.
const MIGRATION_LOCK: i64 = 0x6d69_7373_6976_6501;

/// Instances that start together must not run the same migration twice: the
/// first takes a session-level advisory lock on a connection of its own, the
/// others wait for it and then find nothing pending.
async fn migrate_exclusively(url: &str, db: &DatabaseConnection) -> Result<(), StoreError> {
    use sea_orm::ConnectionTrait;
    let mut options = ConnectOptions::new(url.to_owned());
    options.max_connections(1).min_connections(1).sqlx_logging(false);
    let lock = Database::connect(options).await?;
    lock.execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).await?;
    let migrated = migration::Migrator::up(db, None).await;
    let _ = lock.execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).await;
    let _ = lock.close().await;
    Ok(migrated?)
}

/// A database URL with any password removed, fit for logs and error lines.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{}:***@{}", &url[..scheme_end], user, &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}
