//! `missive.v1.DeviceService`.

use super::{auth, convert};
use crate::domain::devices::Devices;
use missive_proto::v1 as pb;
use missive_proto::v1::device_service_server::DeviceService;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct DeviceApi {
    pub devices: Arc<Devices>,
}

#[tonic::async_trait]
impl DeviceService for DeviceApi {
    /// `missive.v1.DeviceService/ListDevices`
    async fn list_devices(
        &self,
        request: Request<pb::ListDevicesRequest>,
    ) -> Result<Response<pb::ListDevicesResponse>, Status> {
        let caller = auth::caller(&request)?;
        let user = convert::optional_id("user", request.get_ref().user.as_ref())?;
        let devices = self.devices.list(&caller, user).await?;
        Ok(Response::new(pb::ListDevicesResponse { devices: devices.into_iter().map(Into::into).collect() }))
    }

    /// `missive.v1.DeviceService/GetDevice`
    async fn get_device(
        &self,
        request: Request<pb::GetDeviceRequest>,
    ) -> Result<Response<pb::GetDeviceResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let user = convert::optional_id("user", body.user.as_ref())?;
        let device_id = convert::device_id("device_id", &body.device_id)?;
        let found = self.devices.get(&caller, user, &device_id).await?;
        Ok(Response::new(pb::GetDeviceResponse { device: Some(found.into()) }))
    }

    /// `missive.v1.DeviceService/RemoveDevice`
    async fn remove_device(
        &self,
        request: Request<pb::RemoveDeviceRequest>,
    ) -> Result<Response<pb::RemoveDeviceResponse>, Status> {
        let caller = auth::caller(&request)?;
        let body = request.into_inner();
        let device_id = convert::device_id("device_id", &body.device_id)?;
        self.devices.remove(&caller, &device_id, body.password).await?;
        Ok(Response::new(pb::RemoveDeviceResponse {}))
    }
}
