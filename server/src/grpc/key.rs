//! `missive.v1.KeyService`.

use super::{auth, convert};
use crate::domain::keys::Keys;
use missive_proto::v1 as pb;
use missive_proto::v1::key_service_server::KeyService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct KeyApi {
    pub keys: Arc<Keys>,
}

#[tonic::async_trait]
impl KeyService for KeyApi {
    /// `missive.v1.KeyService/UploadPrekeys`
    async fn upload_prekeys(
        &self,
        request: Request<pb::UploadPrekeysRequest>,
    ) -> Result<Response<pb::UploadPrekeysResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let prekeys = body.prekeys.into_iter().map(|p| (p.id, p.key)).collect();
        let last_resort = body.last_resort.map(|p| (p.id, p.key));
        let count = self.keys.upload_prekeys(&caller, prekeys, last_resort).await?;
        Ok(Response::new(pb::UploadPrekeysResponse { count: count as u32 }))
    }

    /// `missive.v1.KeyService/GetPrekeyCount`
    async fn get_prekey_count(
        &self,
        request: Request<pb::GetPrekeyCountRequest>,
    ) -> Result<Response<pb::GetPrekeyCountResponse>, Status> {
        let caller = auth::caller(&request)?;
        let (count, has_last_resort) = self.keys.prekey_count(&caller).await?;
        Ok(Response::new(pb::GetPrekeyCountResponse { count: count as u32, has_last_resort }))
    }

    /// `missive.v1.KeyService/ClaimPrekeyBundle`
    async fn claim_prekey_bundle(
        &self,
        request: Request<pb::ClaimPrekeyBundleRequest>,
    ) -> Result<Response<pb::ClaimPrekeyBundleResponse>, Status> {
        let caller = auth::caller(&request)?;
        let user = convert::required_id("user", request.get_ref().user.as_ref())?;
        let claimed = self.keys.claim_bundle(&caller, user).await?;
        Ok(Response::new(pb::ClaimPrekeyBundleResponse { prekeys: claimed.into_iter().map(Into::into).collect() }))
    }

    /// `missive.v1.KeyService/ClaimPrekeys`
    async fn claim_prekeys(
        &self,
        request: Request<pb::ClaimPrekeysRequest>,
    ) -> Result<Response<pb::ClaimPrekeysResponse>, Status> {
        let caller = auth::caller(&request)?;
        let targets = convert::claim_targets(request.into_inner().targets)?;
        let (claimed, failed) = self.keys.claim_many(&caller, targets).await?;
        Ok(Response::new(pb::ClaimPrekeysResponse {
            prekeys: claimed.into_iter().map(Into::into).collect(),
            failed: failed.iter().map(Into::into).collect(),
        }))
    }

    /// `missive.v1.KeyService/UploadKeyPackages`
    async fn upload_key_packages(
        &self,
        request: Request<pb::UploadKeyPackagesRequest>,
    ) -> Result<Response<pb::UploadKeyPackagesResponse>, Status> {
        let caller = auth::caller(&request)?;
        let count = self.keys.upload_key_packages(&caller, request.into_inner().key_packages).await?;
        Ok(Response::new(pb::UploadKeyPackagesResponse { count: count as u32 }))
    }

    /// `missive.v1.KeyService/CountKeyPackages`
    async fn count_key_packages(
        &self,
        request: Request<pb::CountKeyPackagesRequest>,
    ) -> Result<Response<pb::CountKeyPackagesResponse>, Status> {
        let caller = auth::caller(&request)?;
        let count = self.keys.count_key_packages(&caller).await?;
        Ok(Response::new(pb::CountKeyPackagesResponse { count: count as u32 }))
    }

    /// `missive.v1.KeyService/ClaimKeyPackages`
    async fn claim_key_packages(
        &self,
        request: Request<pb::ClaimKeyPackagesRequest>,
    ) -> Result<Response<pb::ClaimKeyPackagesResponse>, Status> {
        let caller = auth::caller(&request)?;
        let user = convert::required_id("user", request.get_ref().user.as_ref())?;
        let claimed = self.keys.claim_key_packages(&caller, user).await?;
        Ok(Response::new(pb::ClaimKeyPackagesResponse { key_packages: claimed.into_iter().map(Into::into).collect() }))
    }
}
