//! Errors of the request path and their one mapping to gRPC status codes.
//!
//! Rules: the domain returns [`DomainError`] (never `tonic::Status`); each
//! variant names what went wrong for the caller, and [`ErrorCode`] is the small
//! set of meanings clients can act on. Messages are lowercase, without trailing
//! punctuation, and never contain secrets. Internal and storage details are
//! logged here and replaced by a generic message, so they never reach clients.
//! `anyhow` is only for start-up and background tasks.

use missive_db::StoreError;
use tonic::{Code, Status};

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
    /// A configured quota (devices per user, …) is used up.
    #[error("{0}")]
    LimitReached(String),
    #[error("{0}")]
    RateLimited(String),
    /// The request is valid but the system is not in a state that allows it.
    #[error("{0}")]
    FailedPrecondition(String),
    /// The recipients of a message do not match the conversation's devices.
    #[error("client mismatch: the recipients do not match the conversation's devices")]
    ClientMismatch(Box<missive_proto::v1::ClientMismatch>),
    /// A stream cursor whose following events were dropped by retention.
    #[error("{0}")]
    EventsMissing(String),
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
            DomainError::PermissionDenied(_) => ErrorCode::Forbidden,
            DomainError::LimitReached(_) | DomainError::RateLimited(_) => ErrorCode::TooMany,
            DomainError::FailedPrecondition(_) | DomainError::ClientMismatch(_) => ErrorCode::Precondition,
            DomainError::EventsMissing(_) => ErrorCode::CursorGone,
            DomainError::Unavailable(_) | DomainError::Store(StoreError::Unavailable(_)) => ErrorCode::Unavailable,
            DomainError::Store(StoreError::Internal(_)) | DomainError::Internal(_) => ErrorCode::Internal,
        }
    }
}

impl From<ErrorCode> for Code {
    fn from(code: ErrorCode) -> Code {
        match code {
            ErrorCode::BadRequest => Code::InvalidArgument,
            ErrorCode::NotFound => Code::NotFound,
            ErrorCode::Conflict => Code::AlreadyExists,
            ErrorCode::Unauthenticated => Code::Unauthenticated,
            ErrorCode::Forbidden => Code::PermissionDenied,
            ErrorCode::TooMany => Code::ResourceExhausted,
            ErrorCode::Precondition => Code::FailedPrecondition,
            ErrorCode::CursorGone => Code::OutOfRange,
            ErrorCode::Unavailable => Code::Unavailable,
            ErrorCode::Internal => Code::Internal,
        }
    }
}

impl From<DomainError> for Status {
    fn from(err: DomainError) -> Status {
        let code = err.code();
        if let DomainError::ClientMismatch(mismatch) = err {
            return mismatch_status(code.into(), *mismatch);
        }
        let message = match &err {
            DomainError::Store(StoreError::Unavailable(detail)) => {
                tracing::warn!(error = %detail, "storage unavailable");
                "storage temporarily unavailable, retry later".to_owned()
            }
            DomainError::Store(StoreError::Conflict(detail)) => {
                tracing::debug!(error = %detail, "unexpected storage conflict");
                "conflicts with an existing record".to_owned()
            }
            DomainError::Store(StoreError::Internal(detail)) | DomainError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                "internal error".to_owned()
            }
            other => other.to_string(),
        };
        Status::new(code.into(), message)
    }
}

pub type DomainResult<T> = Result<T, DomainError>;

/// Type URL of the detail a mismatch rejection carries.
pub const CLIENT_MISMATCH_TYPE_URL: &str = "type.googleapis.com/missive.v1.ClientMismatch";

/// The standard rich error model: a `google.rpc.Status` whose details hold
/// the `missive.v1.ClientMismatch`, so stock gRPC libraries can decode it.
fn mismatch_status(code: Code, mismatch: missive_proto::v1::ClientMismatch) -> Status {
    use prost::Message;
    let message = "client mismatch: fetch prekeys for the missing devices and send again";
    let details = tonic_types::pb::Status {
        code: code as i32,
        message: message.to_owned(),
        details: vec![prost_types::Any {
            type_url: CLIENT_MISMATCH_TYPE_URL.to_owned(),
            value: mismatch.encode_to_vec(),
        }],
    };
    Status::with_details(code, message, details.encode_to_vec().into())
}
