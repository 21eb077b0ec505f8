//! Errors of the request path: what the domain returns, and the small set of
//! meanings ([`ErrorCode`]) every API maps to its own status codes.
//!
//! Rules: the domain returns [`DomainError`] (never a transport status); each
//! variant names what went wrong for the caller, and [`ErrorCode`] is what a
//! client can act on. Messages are lowercase, without trailing punctuation,
//! quote client text only through `ids::quoted` (cut to a sane length), and
//! never contain secrets. Internal and storage details are logged by the API
//! adapter that maps the error and replaced by a generic message, so they
//! never reach clients. `anyhow` is only for start-up and background tasks.

use crate::domain::model::Mismatch;
use missive_db::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The request is malformed or breaks a documented limit of its content.
    #[error("{0}")]
    InvalidArgument(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    AlreadyExists(String),
    /// Missing, bad or expired credentials.
    #[error("{0}")]
    Unauthenticated(String),
    /// Authenticated, but not allowed to do this.
    #[error("{0}")]
    PermissionDenied(String),
    /// Another backend acted for users or conversations it does not own.
    #[error("{0}")]
    NotOwner(String),
    /// A configured quota (devices per user, …) is used up.
    #[error("{0}")]
    LimitReached(String),
    /// Too many requests of this kind, or the server is saturated: retry
    /// after the given delay.
    #[error("{message}")]
    RateLimited { message: String, retry_after: std::time::Duration },
    /// The request is valid but the system is not in a state that allows it.
    #[error("{0}")]
    FailedPrecondition(String),
    /// The recipients of a message do not match the conversation's devices.
    #[error("client mismatch: the recipients do not match the conversation's devices")]
    ClientMismatch(Box<Mismatch>),
    /// An MLS message or commit for another epoch than its group's current
    /// one (Wire's `mls-stale-message`).
    #[error("mls-stale-message: the group is at epoch {epoch}; process its newer messages and send again")]
    StaleEpoch { epoch: u64 },
    /// A stream cursor whose following events were dropped by retention.
    #[error("{0}")]
    EventsMissing(String),
    /// The operation was cut short by a newer one of the same caller (a
    /// stream replaced by a newer Subscribe).
    #[error("{0}")]
    Superseded(String),
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

/// Transactions are opened by the domain; their errors take the same
/// translation as every other storage error.
impl From<missive_db::sea_orm::DbErr> for DomainError {
    fn from(err: missive_db::sea_orm::DbErr) -> Self {
        DomainError::Store(StoreError::from(err))
    }
}

/// What a client can do about an error; the only input to the gRPC code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    BadRequest,
    NotFound,
    Conflict,
    Unauthenticated,
    Forbidden,
    TooMany,
    Precondition,
    CursorGone,
    Superseded,
    Unavailable,
    Internal,
}

impl DomainError {
    pub fn code(&self) -> ErrorCode {
        match self {
            DomainError::InvalidArgument(_) => ErrorCode::BadRequest,
            DomainError::NotFound(_) => ErrorCode::NotFound,
            DomainError::AlreadyExists(_) | DomainError::Store(StoreError::Conflict(_)) => ErrorCode::Conflict,
            DomainError::Unauthenticated(_) => ErrorCode::Unauthenticated,
            DomainError::PermissionDenied(_) | DomainError::NotOwner(_) => ErrorCode::Forbidden,
            DomainError::LimitReached(_) | DomainError::RateLimited { .. } => ErrorCode::TooMany,
            DomainError::FailedPrecondition(_)
            | DomainError::ClientMismatch(_)
            | DomainError::StaleEpoch { .. }
            | DomainError::Store(StoreError::MissingReference(_)) => ErrorCode::Precondition,
            DomainError::EventsMissing(_) => ErrorCode::CursorGone,
            DomainError::Superseded(_) => ErrorCode::Superseded,
            DomainError::Unavailable(_) | DomainError::Store(StoreError::Unavailable(_)) => ErrorCode::Unavailable,
            DomainError::Store(StoreError::Internal(_)) | DomainError::Internal(_) => ErrorCode::Internal,
        }
    }
}

impl DomainError {
    /// When the client should try again, for errors that say so.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            DomainError::RateLimited { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// The message a client may see. Internal and storage details are
    /// logged here and replaced by a generic message.
    pub fn client_message(&self) -> String {
        match self {
            DomainError::Store(StoreError::Unavailable(detail)) => {
                tracing::warn!(error = %detail, "storage unavailable");
                "storage temporarily unavailable, retry later".to_owned()
            }
            DomainError::Store(StoreError::Conflict(detail)) => {
                tracing::debug!(error = %detail, "unexpected storage conflict");
                "conflicts with an existing record".to_owned()
            }
            // A client causes this by racing its own removal (a device
            // removed while one of its requests was in flight).
            DomainError::Store(StoreError::MissingReference(detail)) => {
                tracing::debug!(error = %detail, "write refers to a removed row");
                "refers to a device, user or conversation that no longer exists".to_owned()
            }
            DomainError::Store(StoreError::Internal(detail)) | DomainError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                "internal error".to_owned()
            }
            other => other.to_string(),
        }
    }
}

pub type DomainResult<T> = Result<T, DomainError>;
