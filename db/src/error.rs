//! The one place storage failures are translated.
//!
//! Callers see three meanings: the row conflicts with an existing one, the
//! database cannot be reached right now, or something else went wrong. The
//! server maps them to ALREADY_EXISTS, UNAVAILABLE and INTERNAL.

use sea_orm::{DbErr, RuntimeErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique or primary key constraint rejected the write.
    #[error("conflicts with an existing row: {0}")]
    Conflict(String),
    /// The database is unreachable or the pool is exhausted; retrying later may work.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Internal(String),
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() {
            return StoreError::Conflict(detail);
        }
        match &err {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => StoreError::Unavailable(err.to_string()),
            DbErr::Exec(RuntimeErr::SqlxError(sqlx_err)) | DbErr::Query(RuntimeErr::SqlxError(sqlx_err))
                if is_connection_error(&sqlx_err.to_string()) =>
            {
                StoreError::Unavailable(err.to_string())
            }
            _ => StoreError::Internal(err.to_string()),
        }
    }
}

/// sqlx reports a dropped connection as an I/O or protocol error whose text is
/// the only stable signal across drivers.
fn is_connection_error(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    ["connection", "broken pipe", "pool timed out", "io error", "closed"].iter().any(|needle| text.contains(needle))
}

impl StoreError {
    pub fn is_conflict(&self) -> bool {
        matches!(self, StoreError::Conflict(_))
    }
}
