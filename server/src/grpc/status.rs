//! The one mapping from domain errors to gRPC statuses. A refusal that says
//! when to retry carries a standard `google.rpc.RetryInfo`. A client mismatch carries its lists
//! in the standard rich error model: a `google.rpc.Status` whose details
//! hold the `missive.v1.ClientMismatch`, so stock gRPC libraries decode it.

use crate::domain::model::Mismatch;
use crate::error::{DomainError, ErrorCode};
use missive_proto::v1 as pb;
use prost::Message;
use tonic::{Code, Status};

/// `google.rpc.ErrorInfo` reason of a federation request that acts for
/// another backend's users or conversations.
pub const NOT_OWNER: &str = "NOT_OWNER";

/// `google.rpc.ErrorInfo` reason of an MLS message or commit for a stale
/// epoch; its metadata `epoch` is the group's current one.
pub const MLS_STALE_MESSAGE: &str = "mls-stale-message";
/// `google.rpc.ErrorInfo` domain of the client API's own reasons.
pub const MISSIVE_ERROR_DOMAIN: &str = "missive.v1";

/// Type URL of the detail a mismatch rejection carries.
pub const CLIENT_MISMATCH_TYPE_URL: &str = "type.googleapis.com/missive.v1.ClientMismatch";

pub fn code_of(code: ErrorCode) -> Code {
    match code {
        ErrorCode::BadRequest => Code::InvalidArgument,
        ErrorCode::NotFound => Code::NotFound,
        ErrorCode::Conflict => Code::AlreadyExists,
        ErrorCode::Unauthenticated => Code::Unauthenticated,
        ErrorCode::Forbidden => Code::PermissionDenied,
        ErrorCode::TooMany => Code::ResourceExhausted,
        ErrorCode::Precondition => Code::FailedPrecondition,
        ErrorCode::CursorGone => Code::OutOfRange,
        ErrorCode::Superseded => Code::Aborted,
        ErrorCode::Unavailable => Code::Unavailable,
        ErrorCode::Internal => Code::Internal,
    }
}

impl From<DomainError> for Status {
    fn from(err: DomainError) -> Status {
        let code = code_of(err.code());
        if let Some(retry_after) = err.retry_after() {
            use tonic_types::{ErrorDetails, StatusExt};
            let details = ErrorDetails::with_retry_info(Some(retry_after));
            return Status::with_error_details(code, err.client_message(), details);
        }
        match err {
            DomainError::ClientMismatch(mismatch) => mismatch_status(code, *mismatch),
            DomainError::NotOwner(message) => {
                use tonic_types::{ErrorDetails, StatusExt};
                let details = ErrorDetails::with_error_info(
                    NOT_OWNER,
                    crate::federation::ERROR_DOMAIN,
                    std::collections::HashMap::new(),
                );
                Status::with_error_details(code, message, details)
            }
            DomainError::StaleEpoch { epoch } => {
                use tonic_types::{ErrorDetails, StatusExt};
                let message = DomainError::StaleEpoch { epoch }.to_string();
                let metadata = std::collections::HashMap::from([("epoch".to_owned(), epoch.to_string())]);
                let details = ErrorDetails::with_error_info(MLS_STALE_MESSAGE, MISSIVE_ERROR_DOMAIN, metadata);
                Status::with_error_details(code, message, details)
            }
            other => Status::new(code, other.client_message()),
        }
    }
}

fn mismatch_status(code: Code, mismatch: Mismatch) -> Status {
    let message = "client mismatch: fetch prekeys for the missing devices and send again";
    let details = tonic_types::pb::Status {
        code: code as i32,
        message: message.to_owned(),
        details: vec![prost_types::Any {
            type_url: CLIENT_MISMATCH_TYPE_URL.to_owned(),
            value: pb::ClientMismatch::from(mismatch).encode_to_vec(),
        }],
    };
    Status::with_details(code, message, details.encode_to_vec().into())
}
