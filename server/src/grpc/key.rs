//! `missive.v1.KeyService`.

use super::{auth, convert};
use crate::domain::ids::parse_device_id;
use crate::domain::keys::{Claimed, Keys};
use crate::domain::qualified;
use missive_proto::v1 as pb;
use missive_proto::v1::key_service_server::KeyService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct KeyApi {
    pub keys: Arc<Keys>,
    pub domain: Arc<str>,
}

impl KeyApi {
    fn claimed(&self, claimed: Vec<Claimed>) -> Vec<pb::ClaimedPrekey> {
        claimed
            .into_iter()
            .map(|c| pb::ClaimedPrekey {
                user: Some(qualified(c.user_id, &self.domain)),
                device_id: c.device_id,
                prekey: Some(pb::Prekey { id: c.prekey_id as u32, key: c.key }),
                last_resort: c.last_resort,
            })
            .collect()
    }
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
        auth::caller(&request)?;
        let user = convert::required_user_id("user", request.get_ref().user.as_ref())?;
        let claimed = self.keys.claim_bundle(user).await?;
        Ok(Response::new(pb::ClaimPrekeyBundleResponse { prekeys: self.claimed(claimed) }))
    }

    /// `missive.v1.KeyService/ClaimPrekeys`
    async fn claim_prekeys(
        &self,
        request: Request<pb::ClaimPrekeysRequest>,
    ) -> Result<Response<pb::ClaimPrekeysResponse>, Status> {
        auth::caller(&request)?;
        let mut targets = Vec::new();
        for (index, target) in request.into_inner().targets.into_iter().enumerate() {
            let user = convert::required_user_id(&format!("targets[{index}].user"), target.user.as_ref())?;
            let devices = target
                .device_ids
                .iter()
                .map(|d| parse_device_id(&format!("targets[{index}].device_ids"), d))
                .collect::<Result<Vec<_>, _>>()?;
            targets.push((user, devices));
        }
        let (claimed, failed) = self.keys.claim_many(targets).await?;
        Ok(Response::new(pb::ClaimPrekeysResponse {
            prekeys: self.claimed(claimed),
            failed: failed.into_iter().map(|u| convert::qualified(u.id, &u.domain)).collect(),
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
        let user = convert::required_user_id("user", request.get_ref().user.as_ref())?;
        let owner = qualified(user.id, &self.domain);
        let claimed = self.keys.claim_key_packages(&caller, user).await?;
        Ok(Response::new(pb::ClaimKeyPackagesResponse {
            key_packages: claimed
                .into_iter()
                .map(|(device_id, key_package)| pb::ClaimedKeyPackage {
                    user: Some(owner.clone()),
                    device_id,
                    key_package,
                })
                .collect(),
        }))
    }
}
