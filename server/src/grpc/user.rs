//! `missive.v1.UserService`.

use super::{auth, convert};
use crate::domain::users::{HandleAvailability, Users};
use missive_proto::v1 as pb;
use missive_proto::v1::user_service_server::UserService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct UserApi {
    pub users: Arc<Users>,
    pub domain: Arc<str>,
}

#[tonic::async_trait]
impl UserService for UserApi {
    /// `missive.v1.UserService/GetSelf`
    async fn get_self(&self, request: Request<pb::GetSelfRequest>) -> Result<Response<pb::GetSelfResponse>, Status> {
        let caller = auth::caller(&request)?;
        let found = self.users.get_self(&caller).await?;
        Ok(Response::new(pb::GetSelfResponse { user: Some(convert::user(&found, &self.domain)) }))
    }

    /// `missive.v1.UserService/UpdateProfile`
    async fn update_profile(
        &self,
        request: Request<pb::UpdateProfileRequest>,
    ) -> Result<Response<pb::UpdateProfileResponse>, Status> {
        let caller = auth::caller(&request)?;
        let updated = self.users.update_profile(&caller, request.into_inner().display_name).await?;
        Ok(Response::new(pb::UpdateProfileResponse { user: Some(convert::user(&updated, &self.domain)) }))
    }

    /// `missive.v1.UserService/GetUsers`
    async fn get_users(&self, request: Request<pb::GetUsersRequest>) -> Result<Response<pb::GetUsersResponse>, Status> {
        auth::caller(&request)?;
        let ids = request
            .into_inner()
            .ids
            .iter()
            .enumerate()
            .map(|(index, id)| convert::required_user_id(&format!("ids[{index}]"), Some(id)))
            .collect::<Result<Vec<_>, _>>()?;
        let lookup = self.users.get_users(ids).await?;
        let to_pb = |ids: Vec<crate::domain::ids::QualifiedUserId>| {
            ids.into_iter().map(|q| convert::qualified(q.id, &q.domain)).collect()
        };
        Ok(Response::new(pb::GetUsersResponse {
            found: lookup.found.iter().map(|u| convert::user(u, &self.domain)).collect(),
            not_found: to_pb(lookup.not_found),
            failed: to_pb(lookup.failed),
        }))
    }

    /// `missive.v1.UserService/GetUserByHandle`
    async fn get_user_by_handle(
        &self,
        request: Request<pb::GetUserByHandleRequest>,
    ) -> Result<Response<pb::GetUserByHandleResponse>, Status> {
        auth::caller(&request)?;
        let body = request.into_inner();
        let found = self.users.get_by_handle(&body.handle, &body.domain).await?;
        Ok(Response::new(pb::GetUserByHandleResponse { user: Some(convert::user(&found, &self.domain)) }))
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
        auth::caller(&request)?;
        let body = request.into_inner();
        let (found, next_page_token) = self.users.search(&body.query, body.page_size, &body.page_token).await?;
        Ok(Response::new(pb::SearchUsersResponse {
            users: found.iter().map(|u| convert::user(u, &self.domain)).collect(),
            next_page_token,
        }))
    }
}
