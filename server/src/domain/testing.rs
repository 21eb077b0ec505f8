//! Domain services on a real SQLite file, for the domain's unit tests: no
//! gRPC, the in-process hub, and a bus that records what was published.

use super::Deps;
use super::events::{EventSettings, Events};
use super::ids::{BackendDomain, DeviceId, DeviceRef, UserId};
use super::rate_limit::{Quotas, RateLimits};
use super::unit_of_work::WriteGate;
use crate::bus::{Delivery, EventBus, Hub, PublishFuture};
use crate::clock::SystemClock;
use crate::grpc::convert::ProtoEventCodec;
use missive_db::entity::{device, user};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uuid::Uuid;

pub type Published = Arc<Mutex<Vec<Delivery>>>;

/// Records every publish, then delivers it to the local hub as the
/// in-process bus does.
pub struct RecordingBus {
    hub: Arc<Hub>,
    published: Published,
}

impl EventBus for RecordingBus {
    fn publish(&self, deliveries: Vec<Delivery>) -> PublishFuture<'_> {
        self.published.lock().unwrap().extend(deliveries.iter().cloned());
        self.hub.deliver(&deliveries);
        Box::pin(std::future::ready(()))
    }
}

pub struct TestDomain {
    pub events: Arc<Events>,
    pub hub: Arc<Hub>,
    pub published: Published,
    pub users: Vec<UserId>,
    /// One device per user, in user order.
    pub devices: Vec<DeviceRef>,
    _dir: tempfile::TempDir,
}

impl TestDomain {
    /// `users` users with one device each; heartbeats every `heartbeat`.
    pub async fn new(users: usize, heartbeat: Duration) -> TestDomain {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("domain.db").display());
        let db = missive_db::connect_and_migrate(&url).await.unwrap();
        let direct = missive_db::sqlite_writer::SqliteWriter::open_beside(&db).await.unwrap();
        assert!(direct.is_some(), "a file database has the writer's own connection");
        let deps = Deps {
            db,
            clock: Arc::new(SystemClock),
            domain: BackendDomain::parse("a.example").unwrap(),
            // As the server has it on SQLite.
            writes: Arc::new(WriteGate::new(8, Duration::from_secs(5)).one_writer_at_a_time(direct)),
            limits: Arc::new(RateLimits::local(Quotas {
                login_per_handle: 1000,
                login_per_address: 1000,
                sends_per_device: 100_000,
                claims_per_user: 1000,
                searches_per_user: 1000,
                connection_requests_per_user: 1000,
                subscriptions_per_device: 1000,
                federation_per_origin: 1000,
            })),
            remotes: Arc::new(super::federation::NoFederation),
            outbox_wake: Arc::new(tokio::sync::Notify::new()),
        };
        let hub = Hub::new();
        let published = Published::default();
        let bus = Arc::new(RecordingBus { hub: hub.clone(), published: published.clone() });
        let settings = EventSettings { retention: Duration::from_secs(3600), heartbeat_interval: heartbeat };
        let events = Arc::new(Events::new(deps.clone(), bus, hub.clone(), Arc::new(ProtoEventCodec), settings));
        let (mut user_ids, mut devices) = (Vec::new(), Vec::new());
        for index in 0..users {
            let id = Uuid::new_v4();
            let key = [index as u8 + 1; 32];
            let device = DeviceId::of_identity_key(&key);
            let row = user::Model {
                id,
                handle: format!("user{index}"),
                display_name: "user".into(),
                password_hash: String::new(),
                created_at: 0,
            };
            let first = device::Model {
                user_id: id,
                id: device.as_str().to_owned(),
                identity_key: key.to_vec(),
                label: String::new(),
                class: 0,
                created_at: 0,
                last_event_seq: 0,
                acked_seq: 0,
            };
            missive_db::repo::users::create_with_first_device(&deps.db, row, first).await.unwrap();
            user_ids.push(UserId(id));
            devices.push(DeviceRef::new(UserId(id), device));
        }
        TestDomain { events, hub, published, users: user_ids, devices, _dir: dir }
    }
}
