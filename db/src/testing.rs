//! Throwaway databases for Missive's test suites and benchmarks (feature `testing`).
//!
//! Every test gets its own database: a SQLite file in a temporary directory, or
//! a fresh PostgreSQL database created through `DATABASE_URL` (from
//! scripts/deps.sh) on the same server. Outside CI, PostgreSQL is skipped when
//! `DATABASE_URL` is not a postgres:// URL; with `CI` set it is required, so CI
//! can never pass without really running the PostgreSQL half.

use crate::DatabaseConnection;
use sea_orm::{ConnectionTrait, Database, DbErr};
use std::io::Write;

/// One test's database, removed when dropped (or by [`TestDatabase::finish`]).
pub struct TestDatabase {
    url: String,
    conn: Option<DatabaseConnection>,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
    Done,
}

impl TestDatabase {
    /// A migrated SQLite database in a temporary directory.
    pub async fn sqlite() -> TestDatabase {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
        let conn = crate::connect_and_migrate(&url).await.expect("sqlite migrates");
        TestDatabase { url, conn: Some(conn), cleanup: Cleanup::Sqlite(dir) }
    }

    /// A migrated PostgreSQL database; `None` when PostgreSQL is not
    /// configured outside CI (see [`postgres_admin_url`]).
    pub async fn postgres() -> Option<TestDatabase> {
        let mut db = TestDatabase::postgres_empty().await?;
        db.conn = Some(crate::connect_and_migrate(&db.url).await.expect("postgres migrates"));
        Some(db)
    }

    /// A fresh, unmigrated PostgreSQL database, for whoever migrates it
    /// (a server under test, or several at once).
    pub async fn postgres_empty() -> Option<TestDatabase> {
        let admin_url = postgres_admin_url()?;
        let name = format!("missive_test_{}", uuid::Uuid::new_v4().simple());
        admin_sql(&admin_url, &format!("CREATE DATABASE {name}")).await.expect("create test database");
        Some(TestDatabase {
            url: with_database(&admin_url, &name),
            conn: None,
            cleanup: Cleanup::Postgres { admin_url, name },
        })
    }

    /// The database's URL, for a server or another connection.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The migrated connection; panics on a `postgres_empty` database.
    pub fn conn(&self) -> &DatabaseConnection {
        self.conn.as_ref().expect("an empty test database has no migrated connection")
    }

    /// Closes the connection and drops the database, waiting for both.
    pub async fn finish(mut self) {
        if let Some(conn) = self.conn.take() {
            conn.close().await.ok();
        }
        if let Cleanup::Postgres { admin_url, name } = std::mem::replace(&mut self.cleanup, Cleanup::Done) {
            drop_database(&admin_url, &name).await;
        }
    }
}

impl Drop for TestDatabase {
    /// Best effort, so that a panicking test or a dropped handle leaves no
    /// database behind. `Drop` cannot await and may run inside a runtime, so
    /// the statement runs on its own thread with its own runtime.
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = std::mem::replace(&mut self.cleanup, Cleanup::Done) {
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(drop_database(&admin_url, &name));
                }
            })
            .join()
            .ok();
        }
    }
}

async fn drop_database(admin_url: &str, name: &str) {
    // FORCE: a server under test may still hold pooled connections.
    if let Err(err) = admin_sql(admin_url, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await {
        // Straight to stderr: the test harness hides `eprintln!` of passing
        // tests, and a leaked database should not go unnoticed.
        let _ = writeln!(std::io::stderr(), "could not drop test database {name}: {err}");
    }
}

/// `DATABASE_URL` when it is a postgres:// URL. Otherwise `None` with one line
/// saying PostgreSQL is skipped, or a panic when `CI` is set.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("DATABASE_URL") {
        Ok(url) if crate::Backend::of_url(&url) == Some(crate::Backend::Postgres) => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI must provide DATABASE_URL=postgres://… (scripts/deps.sh)")
        }
        _ => {
            eprintln!("skipping PostgreSQL: DATABASE_URL is not a postgres:// url (run scripts/deps.sh)");
            None
        }
    }
}

/// Runs one statement on its own connection to `admin_url` (statements such as
/// `CREATE DATABASE` cannot run in a transaction or a pooled session's state).
pub async fn admin_sql(admin_url: &str, sql: &str) -> Result<(), DbErr> {
    let admin = Database::connect(admin_url).await?;
    let result = admin.execute_unprepared(sql).await.map(|_| ());
    admin.close().await.ok();
    result
}

/// The same server URL with another database name, keeping any `?query`
/// (sslmode and the like apply to every database on that server).
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let server = &base[..base.rfind('/').expect("url has a path")];
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn test_database_urls_keep_server_and_query() {
        assert_eq!(
            with_database("postgres://u:p@127.0.0.1:5432/missive?sslmode=disable", "t1"),
            "postgres://u:p@127.0.0.1:5432/t1?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u:p@db/missive", "t2"), "postgres://u:p@db/t2");
    }
}
