//! Live delivery of events to the streams open on any instance.
//!
//! Publishing is only a wake-up: every stored event is durable before it is
//! published, and a stream that misses a wake-up (lag, reconnect, another
//! instance, a crash) catches up from the store by cursor, at the latest at
//! its next heartbeat. Domain services publish only through the unit of work
//! (after commit) and `Events::publish_transient`; they hold an
//! [`EventBus`], never a concrete bus. The in-process bus hands deliveries
//! straight to the local [`Hub`]; the Redis bus also crosses instances.
//! Events here are domain values (`domain::model::Event`); the bus never
//! sees an API's types.

pub mod hub;
pub mod presence;
pub mod redis;

pub use hub::{CloseReason, Hub, Live, Subscription};

use crate::domain::ids::DeviceRef;
use crate::domain::model::Event;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// One event for one device.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub to: DeviceRef,
    /// `cursor` is set for stored events and 0 for transient ones.
    pub event: Arc<Event>,
}

pub type PublishFuture<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

pub trait EventBus: Send + Sync + 'static {
    /// Delivers to local streams and hands the batch to the other instances.
    /// Completes once the wake-up is out (or its loss is recorded), so a
    /// reply sent after it never precedes the wake-up. Never fails: a lost
    /// wake-up delays delivery, it does not lose data.
    fn publish(&self, deliveries: Vec<Delivery>) -> PublishFuture<'_>;
}

/// The embedded default: every stream lives in this process.
pub struct InProcessBus {
    hub: Arc<Hub>,
}

impl InProcessBus {
    pub fn new(hub: Arc<Hub>) -> InProcessBus {
        InProcessBus { hub }
    }
}

impl EventBus for InProcessBus {
    fn publish(&self, deliveries: Vec<Delivery>) -> PublishFuture<'_> {
        self.hub.deliver(&deliveries);
        Box::pin(std::future::ready(()))
    }
}
