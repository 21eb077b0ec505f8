//! `missive.v1.AssetService`.

use super::auth;
use super::convert::required_id;
use crate::domain::assets::{AssetBytes, Assets, MAX_CHUNK_BYTES};
use crate::domain::ids::QualifiedAssetId;
use crate::error::DomainError;
use futures_util::StreamExt;
use missive_proto::v1 as pb;
use missive_proto::v1::asset_service_server::AssetService;
use std::pin::Pin;
use std::sync::Arc;
use tokio_stream::Stream;
use tonic::{Request, Response, Status};

pub struct AssetApi {
    pub assets: Arc<Assets>,
}

fn asset_id(id: Option<&pb::QualifiedId>) -> Result<QualifiedAssetId, Status> {
    Ok(required_id("asset", id)?)
}

type Chunks = Pin<Box<dyn Stream<Item = Result<pb::DownloadAssetResponse, Status>> + Send>>;

fn chunks(bytes: AssetBytes) -> Chunks {
    Box::pin(
        bytes.map(|piece| piece.map(|(offset, data)| pb::DownloadAssetResponse { offset, data }).map_err(Status::from)),
    )
}

#[tonic::async_trait]
impl AssetService for AssetApi {
    /// `missive.v1.AssetService/CreateAsset`
    async fn create_asset(
        &self,
        request: Request<pb::CreateAssetRequest>,
    ) -> Result<Response<pb::CreateAssetResponse>, Status> {
        let caller = auth::caller(&request)?;
        let asset = self.assets.create(&caller, request.into_inner().try_into()?).await?;
        let max_chunk_bytes = u32::try_from(MAX_CHUNK_BYTES).unwrap_or(u32::MAX);
        Ok(Response::new(pb::CreateAssetResponse { asset: Some(asset.into()), max_chunk_bytes }))
    }

    /// `missive.v1.AssetService/AppendAssetChunk`
    async fn append_asset_chunk(
        &self,
        request: Request<pb::AppendAssetChunkRequest>,
    ) -> Result<Response<pb::AppendAssetChunkResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let id = asset_id(body.asset.as_ref())?;
        let appended = self.assets.append(&caller, &id, body.offset, body.data).await?;
        Ok(Response::new(pb::AppendAssetChunkResponse { next_offset: appended.next_offset, written: appended.written }))
    }

    /// `missive.v1.AssetService/FinishAsset`
    async fn finish_asset(
        &self,
        request: Request<pb::FinishAssetRequest>,
    ) -> Result<Response<pb::FinishAssetResponse>, Status> {
        let caller = auth::caller(&request)?;
        let id = asset_id(request.get_ref().asset.as_ref())?;
        // Its own task: a client that hangs up does not stop a finish half-way.
        let assets = self.assets.clone();
        let finishing = tokio::spawn(async move { assets.finish(&caller, &id).await });
        let asset = finishing.await.map_err(|_| DomainError::Internal("the finish did not complete".into()))??;
        Ok(Response::new(pb::FinishAssetResponse { asset: Some(asset.into()) }))
    }

    /// `missive.v1.AssetService/GetAsset`
    async fn get_asset(&self, request: Request<pb::GetAssetRequest>) -> Result<Response<pb::GetAssetResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.get_ref();
        let id = asset_id(body.asset.as_ref())?;
        let asset = self.assets.info(&caller, &id, &body.token).await?;
        Ok(Response::new(pb::GetAssetResponse { asset: Some(asset.into()) }))
    }

    type DownloadAssetStream = Chunks;

    /// `missive.v1.AssetService/DownloadAsset`
    async fn download_asset(
        &self,
        request: Request<pb::DownloadAssetRequest>,
    ) -> Result<Response<Self::DownloadAssetStream>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.get_ref();
        let id = asset_id(body.asset.as_ref())?;
        let bytes = self.assets.download(&caller, &id, &body.token, body.offset, 0).await?;
        Ok(Response::new(chunks(bytes)))
    }

    /// `missive.v1.AssetService/ReadAsset`
    async fn read_asset(
        &self,
        request: Request<pb::ReadAssetRequest>,
    ) -> Result<Response<pb::ReadAssetResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.get_ref();
        let id = asset_id(body.asset.as_ref())?;
        let (data, size) = self.assets.read(&caller, &id, &body.token, body.offset, body.length).await?;
        Ok(Response::new(pb::ReadAssetResponse { offset: body.offset, data, size }))
    }

    /// `missive.v1.AssetService/RotateAssetToken`
    async fn rotate_asset_token(
        &self,
        request: Request<pb::RotateAssetTokenRequest>,
    ) -> Result<Response<pb::RotateAssetTokenResponse>, Status> {
        let caller = auth::caller(&request)?;
        let id = asset_id(request.get_ref().asset.as_ref())?;
        let token = self.assets.rotate_token(&caller, &id).await?;
        Ok(Response::new(pb::RotateAssetTokenResponse { token }))
    }

    /// `missive.v1.AssetService/RevokeAssetToken`
    async fn revoke_asset_token(
        &self,
        request: Request<pb::RevokeAssetTokenRequest>,
    ) -> Result<Response<pb::RevokeAssetTokenResponse>, Status> {
        let caller = auth::caller(&request)?;
        let id = asset_id(request.get_ref().asset.as_ref())?;
        self.assets.revoke_token(&caller, &id).await?;
        Ok(Response::new(pb::RevokeAssetTokenResponse {}))
    }

    /// `missive.v1.AssetService/DeleteAsset`
    async fn delete_asset(
        &self,
        request: Request<pb::DeleteAssetRequest>,
    ) -> Result<Response<pb::DeleteAssetResponse>, Status> {
        let caller = auth::caller(&request)?;
        let id = asset_id(request.get_ref().asset.as_ref())?;
        self.assets.delete(&caller, &id).await?;
        Ok(Response::new(pb::DeleteAssetResponse {}))
    }
}
