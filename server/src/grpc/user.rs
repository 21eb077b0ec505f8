//! `missive.v1.UserService`.

use super::{auth, convert};
use crate::domain::ids::UserId;
use crate::domain::users::{HandleAvailability, Users};
use missive_proto::v1 as pb;
use missive_proto::v1::user_service_server::UserService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct UserApi {
    pub users: Arc<Users>,
}

#[tonic::async_trait]
impl UserService for UserApi {
    /// `missive.v1.UserService/GetSelf`
    async fn get_self(&self, request: Request<pb::GetSelfRequest>) -> Result<Response<pb::GetSelfResponse>, Status> {
        let caller = auth::caller(&request)?;
        let found = self.users.get_self(&caller).await?;
        Ok(Response::new(pb::GetSelfResponse { user: Some(found.into()) }))
    }

    /// `missive.v1.UserService/UpdateProfile`
    async fn update_profile(
        &self,
        request: Request<pb::UpdateProfileRequest>,
    ) -> Result<Response<pb::UpdateProfileResponse>, Status> {
        let caller = auth::caller(&request)?;
        let updated = self.users.update_profile(&caller, request.into_inner().display_name).await?;
        Ok(Response::new(pb::UpdateProfileResponse { user: Some(updated.into()) }))
    }

    /// `missive.v1.UserService/GetUsers`
    async fn get_users(&self, request: Request<pb::GetUsersRequest>) -> Result<Response<pb::GetUsersResponse>, Status> {
        auth::caller(&request)?;
        let ids = convert::id_list::<UserId>("ids", &request.get_ref().ids)?;
        let lookup = self.users.get_users(ids).await?;
        Ok(Response::new(pb::GetUsersResponse {
            found: lookup.found.into_iter().map(Into::into).collect(),
            not_found: lookup.not_found.iter().map(Into::into).collect(),
            failed: lookup.failed.iter().map(Into::into).collect(),
        }))
    }

    /// `missive.v1.UserService/GetUserByHandle`
    async fn get_user_by_handle(
        &self,
        request: Request<pb::GetUserByHandleRequest>,
    ) -> Result<Response<pb::GetUserByHandleResponse>, Status> {
        auth::caller(&request)?;
        let body = request.into_inner();
        let domain = convert::optional_domain("domain", &body.domain)?;
        let found = self.users.get_by_handle(&body.handle, domain).await?;
        Ok(Response::new(pb::GetUserByHandleResponse { user: Some(found.into()) }))
    }

    /// `missive.v1.UserService/CheckHandles`
    async fn check_handles(
        &self,
        request: Request<pb::CheckHandlesRequest>,
    ) -> Result<Response<pb::CheckHandlesResponse>, Status> {
        auth::caller(&request)?;
        let checked = self.users.check_handles(request.into_inner().handles).await?;
        let results = checked
            .into_iter()
            .map(|(handle, availability)| pb::HandleCheck {
                handle,
                availability: match availability {
                    HandleAvailability::Available => pb::HandleAvailability::Available,
                    HandleAvailability::Taken => pb::HandleAvailability::Taken,
                    HandleAvailability::Invalid => pb::HandleAvailability::Invalid,
                } as i32,
            })
            .collect();
        Ok(Response::new(pb::CheckHandlesResponse { results }))
    }

    /// `missive.v1.UserService/SearchUsers`
    async fn search_users(
        &self,
        request: Request<pb::SearchUsersRequest>,
    ) -> Result<Response<pb::SearchUsersResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let domain = convert::optional_domain("domain", &body.domain)?;
        let (found, next_page_token) =
            self.users.search(&caller, &body.query, body.page_size, &body.page_token, domain).await?;
        Ok(Response::new(pb::SearchUsersResponse {
            users: found.into_iter().map(Into::into).collect(),
            next_page_token,
        }))
    }
}
