//! The streams open on this instance, one per device at most.

use super::Delivery;
use crate::domain::ids::DeviceRef;
use crate::domain::model::Event;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// Buffered live events per stream; past this the stream is marked lagged and
/// re-reads the store instead.
const STREAM_BUFFER: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseReason {
    /// Another Subscribe from the same device took over.
    Replaced,
    DeviceRemoved,
    ShuttingDown,
}

/// What a stream receives from the hub.
#[derive(Debug, Clone)]
pub enum Live {
    Event(Arc<Event>),
    /// Wake-ups may have been lost (e.g. the bus reconnected): read the store.
    CatchUp,
}

struct Slot {
    id: u64,
    sender: mpsc::Sender<Live>,
    lagged: Arc<AtomicBool>,
    close_reason: Arc<Mutex<Option<CloseReason>>>,
}

/// A stream opened (`true`) or closed (`false`) here.
pub type PresenceChange = (DeviceRef, bool);

#[derive(Default)]
pub struct Hub {
    slots: Mutex<HashMap<DeviceRef, Slot>>,
    next_id: AtomicU64,
    shutting_down: AtomicBool,
    /// Told of every stream opened and closed, when presence is shared
    /// with other instances.
    watcher: std::sync::OnceLock<mpsc::UnboundedSender<PresenceChange>>,
}

/// The receiving end of one device's stream. Dropping it frees the slot.
pub struct Subscription {
    pub receiver: mpsc::Receiver<Live>,
    /// Set when live events were dropped because the buffer was full.
    pub lagged: Arc<AtomicBool>,
    close_reason: Arc<Mutex<Option<CloseReason>>>,
    hub: Arc<Hub>,
    key: DeviceRef,
    id: u64,
}

impl Subscription {
    /// Why the hub closed this stream; `None` while it is open.
    pub fn close_reason(&self) -> Option<CloseReason> {
        *self.close_reason.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut slots = self.hub.slots.lock().unwrap_or_else(|p| p.into_inner());
        if slots.get(&self.key).is_some_and(|slot| slot.id == self.id) {
            slots.remove(&self.key);
            self.hub.tell(&self.key, false);
        }
    }
}

impl Hub {
    pub fn new() -> Arc<Hub> {
        Arc::new(Hub::default())
    }

    /// Opens the device's stream, closing any earlier one as replaced.
    pub fn register(self: &Arc<Self>, device: &DeviceRef) -> Option<Subscription> {
        if self.shutting_down.load(Ordering::SeqCst) {
            return None;
        }
        let (sender, receiver) = mpsc::channel(STREAM_BUFFER);
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let lagged = Arc::new(AtomicBool::new(false));
        let close_reason = Arc::new(Mutex::new(None));
        let key = device.clone();
        let slot = Slot { id, sender, lagged: lagged.clone(), close_reason: close_reason.clone() };
        let previous = self.slots.lock().unwrap_or_else(|p| p.into_inner()).insert(key.clone(), slot);
        if let Some(previous) = previous {
            close(previous, CloseReason::Replaced);
        }
        self.tell(&key, true);
        Some(Subscription { receiver, lagged, close_reason, hub: self.clone(), key, id })
    }

    pub fn deliver(&self, deliveries: &[Delivery]) {
        let slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        for delivery in deliveries {
            let Some(slot) = slots.get(&delivery.to) else { continue };
            if let Err(mpsc::error::TrySendError::Full(_)) = slot.sender.try_send(Live::Event(delivery.event.clone())) {
                slot.lagged.store(true, Ordering::SeqCst);
            }
        }
    }

    /// Tells every open stream to re-read the store.
    pub fn wake_all(&self) {
        let slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        for slot in slots.values() {
            if slot.sender.try_send(Live::CatchUp).is_err() {
                slot.lagged.store(true, Ordering::SeqCst);
            }
        }
    }

    pub fn disconnect(&self, device: &DeviceRef, reason: CloseReason) {
        let removed = self.slots.lock().unwrap_or_else(|p| p.into_inner()).remove(device);
        if let Some(slot) = removed {
            close(slot, reason);
            self.tell(device, false);
        }
    }

    /// Ends every stream and refuses new ones: the server is stopping.
    pub fn close_all(&self) {
        self.shutting_down.store(true, Ordering::SeqCst);
        let slots: Vec<Slot> = self.slots.lock().unwrap_or_else(|p| p.into_inner()).drain().map(|(_, s)| s).collect();
        for slot in slots {
            close(slot, CloseReason::ShuttingDown);
        }
    }

    /// From now on, every stream opened or closed here is told to `watcher`.
    pub fn watch(&self, watcher: mpsc::UnboundedSender<PresenceChange>) {
        let _ = self.watcher.set(watcher);
    }

    fn tell(&self, device: &DeviceRef, open: bool) {
        if let Some(watcher) = self.watcher.get() {
            let _ = watcher.send((device.clone(), open));
        }
    }

    /// Those of `devices` with no stream open here.
    pub fn without_stream<'a>(&self, devices: impl IntoIterator<Item = &'a DeviceRef>) -> Vec<DeviceRef> {
        let slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        devices.into_iter().filter(|device| !slots.contains_key(*device)).cloned().collect()
    }

    /// Whether `device` has a stream open here.
    pub fn streams(&self, device: &DeviceRef) -> bool {
        self.slots.lock().unwrap_or_else(|p| p.into_inner()).contains_key(device)
    }

    /// The devices with a stream open here.
    pub fn streaming_devices(&self) -> Vec<DeviceRef> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner()).keys().cloned().collect()
    }

    pub fn open_streams(&self) -> usize {
        self.slots.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

/// Records the reason, then drops the sender so the stream sees the end.
fn close(slot: Slot, reason: CloseReason) {
    *slot.close_reason.lock().unwrap_or_else(|p| p.into_inner()) = Some(reason);
    drop(slot.sender);
}
