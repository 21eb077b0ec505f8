//! Turns `authorization: Bearer <access token>` into an [`AuthContext`] in the
//! request extensions, before any handler runs.

use crate::domain::tokens::{AuthContext, TokenService};
use std::sync::Arc;
use tonic::{Request, Status};

#[derive(Clone)]
pub struct Authenticator {
    tokens: Arc<TokenService>,
    /// When false (account service), a missing token is fine: the handlers
    /// that need a caller ask for one with [`caller`].
    required: bool,
}

impl Authenticator {
    pub fn required(tokens: Arc<TokenService>) -> Authenticator {
        Authenticator { tokens, required: true }
    }

    pub fn optional(tokens: Arc<TokenService>) -> Authenticator {
        Authenticator { tokens, required: false }
    }
}

impl tonic::service::Interceptor for Authenticator {
    fn call(&mut self, mut request: Request<()>) -> Result<Request<()>, Status> {
        let Some(header) = request.metadata().get("authorization") else {
            return if self.required { Err(missing_token()) } else { Ok(request) };
        };
        let token = header
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                Status::unauthenticated("malformed authorization header: expected \"Bearer <access token>\"")
            })?;
        let caller = self.tokens.verify_access_token(token)?;
        request.extensions_mut().insert(caller);
        Ok(request)
    }
}

/// The authenticated caller of this request.
pub fn caller<T>(request: &Request<T>) -> Result<AuthContext, Status> {
    request.extensions().get::<AuthContext>().cloned().ok_or_else(missing_token)
}

fn missing_token() -> Status {
    Status::unauthenticated("missing access token: send \"authorization: Bearer <access token>\"")
}
