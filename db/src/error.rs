//! The one place storage failures are translated.
//!
//! Callers see four meanings: the row conflicts with an existing one, the
//! row refers to one that no longer exists (a device removed while one of
//! its requests was in flight), the database cannot be reached right now, or
//! something else went wrong. The server maps them to ALREADY_EXISTS,
//! FAILED_PRECONDITION, UNAVAILABLE and INTERNAL.

use sea_orm::{DbErr, RuntimeErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique or primary key constraint rejected the write.
    #[error("conflicts with an existing row: {0}")]
    Conflict(String),
    /// A foreign key names a row that does not exist (any more).
    #[error("refers to a missing row: {0}")]
    MissingReference(String),
    /// The database is unreachable or the pool is exhausted; retrying later may work.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Internal(String),
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => return StoreError::Conflict(detail),
            Some(SqlErr::ForeignKeyConstraintViolation(detail)) => return StoreError::MissingReference(detail),
            _ => {}
        }
        if is_unavailable(&err) {
            return StoreError::Unavailable(err.to_string());
        }
        StoreError::Internal(err.to_string())
    }
}

/// Failures that mean "the database cannot be reached right now": the pool
/// could not hand out a connection, the connection broke, the server said it
/// is shutting down or refusing connections (SQLSTATE classes 08 and 57P), or
/// SQLite stayed busy or locked past its timeout (result codes 5 and 6 and
/// their extended forms).
fn is_unavailable(err: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(sqlx_err)) | DbErr::Query(RuntimeErr::SqlxError(sqlx_err)) => {
            match sqlx_err.as_ref() {
                Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed | Sqlx::Tls(_) => true,
                // SQLSTATEs are five characters and may be all digits
                // (22021 is "bad UTF-8"): the SQLite result-code test only
                // applies to SQLite's own errors.
                Sqlx::Database(db_err) if db_err.try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>().is_some() => {
                    db_err
                        .code()
                        .and_then(|code| code.parse::<i32>().ok())
                        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
                }
                Sqlx::Database(db_err) => {
                    db_err.code().is_some_and(|code| code.starts_with("08") || code.starts_with("57P"))
                }
                _ => false,
            }
        }
        _ => false,
    }
}

impl StoreError {
    pub fn is_conflict(&self) -> bool {
        matches!(self, StoreError::Conflict(_))
    }
}
