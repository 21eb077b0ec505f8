//! The production path for real: `missive-server` processes on one
//! PostgreSQL and one Redis, and what happens when pieces fail.
//!
//! Each test gets a fresh PostgreSQL database (through `DATABASE_URL`, from
//! scripts/deps.sh) and its own `redis-server` on a free port, so it can kill
//! and restart Redis without disturbing other tests. Outside CI the tests are
//! skipped when PostgreSQL or redis-server is missing; in CI they must run.

use missive_db::testing::TestDatabase;
use missive_proto::v1 as pb;
use missive_testkit::*;
use std::collections::HashSet;
use std::net::SocketAddr;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tonic::Code;

const BINARY: &str = env!("CARGO_BIN_EXE_missive-server");

/// One test's PostgreSQL database and Redis, and the token key its instances share.
struct Services {
    database: TestDatabase,
    redis: RedisServer,
    dir: tempfile::TempDir,
}

impl Services {
    async fn start() -> Option<Services> {
        if !RedisServer::available() {
            return None;
        }
        let database = TestDatabase::postgres_empty().await?;
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("token-signing.key");
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).unwrap();
        std::fs::write(&key, seed).unwrap();
        Some(Services { database, redis: RedisServer::start().await, dir })
    }

    fn database_url(&self) -> &str {
        self.database.url()
    }
}

/// One `missive-server` process.
struct Instance {
    child: Child,
    addr: SocketAddr,
    _data: tempfile::TempDir,
}

impl Instance {
    async fn start(services: &Services) -> Instance {
        Instance::start_with_database(services, services.database_url()).await
    }

    async fn start_with_database(services: &Services, database_url: &str) -> Instance {
        Instance::launch(services, database_url, &[]).await
    }

    /// With settings of its own (given last, so they win).
    async fn start_with_env(services: &Services, env: &[(&str, &str)]) -> Instance {
        Instance::launch(services, services.database_url(), env).await
    }

    async fn launch(services: &Services, database_url: &str, env: &[(&str, &str)]) -> Instance {
        let data = tempfile::tempdir().unwrap();
        let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let log = std::fs::File::create(data.path().join("server.log")).unwrap();
        let child = Command::new(BINARY)
            .env("MISSIVE_LISTEN", addr.to_string())
            .env("MISSIVE_DATA_DIR", data.path())
            .env("MISSIVE_DOMAIN", DOMAIN)
            .env("MISSIVE_SENDS_PER_DEVICE_PER_MINUTE", "1000000")
            .env("MISSIVE_SUBSCRIPTIONS_PER_DEVICE_PER_MINUTE", "1000000")
            .env("DATABASE_URL", database_url)
            .env("REDIS_URL", services.redis.url())
            .env("MISSIVE_TOKEN_KEY_FILE", services.dir.path().join("token-signing.key"))
            .env("RUST_LOG", "info")
            .envs(env.iter().copied())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("missive-server starts");
        let mut instance = Instance { child, addr, _data: data };
        for _ in 0..200 {
            if let Ok(channel) =
                tonic::transport::Channel::from_shared(format!("http://{addr}")).unwrap().connect().await
            {
                let health = tonic_health::pb::health_client::HealthClient::new(channel)
                    .check(tonic_health::pb::HealthCheckRequest { service: String::new() })
                    .await;
                if health.is_ok_and(|h| h.into_inner().status == 1) {
                    return instance;
                }
            }
            assert!(instance.is_running(), "missive-server exited at start: {}", instance.log());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("missive-server not serving within 10 s: {}", instance.log());
    }

    async fn client(&self) -> TestApp {
        TestApp::client_of(self.addr).await
    }

    fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// SIGKILL: no shutdown, no draining, no flush.
    fn kill9(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self._data.path().join("server.log")).unwrap_or_default()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// Collects message ids from a stream until `expected` are all there.
async fn collect_until(stream: &mut EventStream, expected: &HashSet<String>, wait: Duration) -> Vec<String> {
    let mut received = Vec::new();
    let deadline = tokio::time::Instant::now() + wait;
    while !expected.iter().all(|id| received.contains(id)) {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        match stream.try_next_event(left).await {
            Ok(Some(event)) => {
                if let Some(pb::event::Payload::MessageAdded(message)) = event.payload {
                    received.push(message.message_id);
                }
            }
            Ok(None) => break,
            Err(status) => panic!("stream failed: {status:?}"),
        }
    }
    received
}

fn assert_exactly_once(device: &str, received: &[String], expected: &HashSet<String>) {
    let distinct: HashSet<&String> = received.iter().collect();
    assert_eq!(distinct.len(), received.len(), "{device}: a message arrived twice");
    let missing: Vec<_> = expected.iter().filter(|id| !distinct.contains(id)).collect();
    assert!(
        missing.is_empty(),
        "{device}: {} accepted messages never arrived, e.g. {:?}",
        missing.len(),
        missing.first()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_device_on_one_instance_gets_what_another_accepted_exactly_once_in_order() {
    let Some(services) = Services::start().await else { return };
    let a = Instance::start(&services).await;
    let b = Instance::start(&services).await;
    let (via_a, via_b) = (a.client().await, b.client().await);
    let alice = via_a.register("alice").await;
    let bob = via_b.register("bob").await;
    let mut bob_on_b = via_b.subscribe(&bob, None).await.unwrap();

    let conversation = via_a.connect(&alice, &bob).await;
    // Connection and conversation events made on A reach bob's stream on B.
    let mut kinds = Vec::new();
    while kinds.len() < 3 {
        match bob_on_b.next_event().await.payload {
            Some(pb::event::Payload::ConnectionUpdated(_)) => kinds.push("connection"),
            Some(pb::event::Payload::ConversationCreated(_)) => kinds.push("conversation"),
            _ => {}
        }
    }
    assert_eq!(kinds, vec!["connection", "connection", "conversation"]);

    let ids: Vec<String> = (0..200).map(|i| format!("m{i}")).collect();
    for id in &ids {
        via_a.send(&alice, &conversation, id, &[&bob]).await.unwrap();
    }
    let received = collect_until(&mut bob_on_b, &ids.iter().cloned().collect(), WAIT).await;
    assert_eq!(received, ids, "exactly once, in order");
    bob_on_b.assert_no_message(QUIET).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_redis_restart_loses_no_accepted_message_and_streams_recover_by_themselves() {
    let Some(mut services) = Services::start().await else { return };
    let a = Instance::start(&services).await;
    let b = Instance::start(&services).await;
    let (via_a, via_b) = (a.client().await, b.client().await);
    let alice = via_a.register("alice").await;
    let bob = via_b.register("bob").await;
    let conversation = via_a.connect(&alice, &bob).await;
    let mut bob_on_b = via_b.subscribe(&bob, None).await.unwrap();

    let mut accepted = Vec::new();
    for i in 0..300 {
        if i == 100 {
            services.redis.kill();
        }
        let id = format!("m{i}");
        // Sending never depends on Redis: the store is the truth.
        via_a.send(&alice, &conversation, &id, &[&bob]).await.expect("send while redis is down");
        accepted.push(id);
    }
    // Nothing is sent after Redis returns, so no later message can reveal the
    // gap: only the bus's own recovery can deliver messages 100..300.
    services.redis.restart().await;
    // The same stream, never reconnected by the client, gets everything.
    let received = collect_until(&mut bob_on_b, &accepted.iter().cloned().collect(), Duration::from_secs(30)).await;
    assert_eq!(received, accepted, "exactly once, in order, across the outage");
}

/// What a device's client saw: every message received, and those whose
/// acknowledgement the server confirmed. (An ack in flight when a server dies
/// may be stored without the client hearing so; such a message can come
/// again, and that is allowed: only confirmed acks must never be redelivered.)
#[derive(Default)]
struct Seen {
    received: Vec<String>,
    confirmed: Vec<String>,
}

/// Reads a device's stream and acknowledges each event, as a client does.
fn acking_reader(app: &TestApp, account: &Account, mut stream: EventStream) -> (Arc<Mutex<Seen>>, JoinHandle<()>) {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let task = {
        let seen = seen.clone();
        let mut events = app.events();
        let token = account.token().to_owned();
        tokio::spawn(async move {
            while let Ok(Some(event)) = stream.try_next_event(Duration::from_secs(30)).await {
                let id = match event.payload {
                    Some(pb::event::Payload::MessageAdded(message)) => Some(message.message_id),
                    _ => None,
                };
                if let Some(id) = &id {
                    seen.lock().unwrap().received.push(id.clone());
                }
                if events.ack(authed(pb::AckRequest { up_to: event.cursor }, &token)).await.is_err() {
                    return;
                }
                if let Some(id) = id {
                    seen.lock().unwrap().confirmed.push(id);
                }
            }
        })
    };
    (seen, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_nine_under_load_loses_no_acknowledged_send_and_redelivers_nothing_acked() {
    let Some(services) = Services::start().await else { return };
    let mut a = Instance::start(&services).await;
    let b = Instance::start(&services).await;
    let (via_a, via_b) = (a.client().await, b.client().await);
    let alice = via_b.register("alice").await;
    let bob = via_b.register("bob").await;
    let conversation = via_b.connect(&alice, &bob).await;
    let bob_tablet = via_b.second_device(&bob).await;

    // Bob's phone reads on B (which survives), his tablet on A (which dies).
    let (on_phone, phone_reader) = acking_reader(&via_b, &bob, via_b.subscribe(&bob, None).await.unwrap());
    let (on_tablet, tablet_reader) =
        acking_reader(&via_a, &bob_tablet, via_a.subscribe(&bob_tablet, None).await.unwrap());

    // Four senders through A until it dies.
    let ok = Arc::new(Mutex::new(HashSet::<String>::new()));
    let senders: Vec<JoinHandle<()>> = (0..4)
        .map(|sender| {
            let ok = ok.clone();
            let mut messages = via_a.messages();
            let template = message(&conversation, "", &[&bob, &bob_tablet]);
            let token = alice.token().to_owned();
            tokio::spawn(async move {
                for i in 0..10_000 {
                    let mut request = template.clone();
                    request.message_id = format!("s{sender}-{i}");
                    let id = request.message_id.clone();
                    match messages.send_message(authed(request, &token)).await {
                        Ok(_) => {
                            ok.lock().unwrap().insert(id);
                        }
                        Err(_) => return,
                    }
                }
            })
        })
        .collect();
    while ok.lock().unwrap().len() < 200 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    a.kill9();
    for sender in senders {
        sender.await.unwrap();
    }
    tablet_reader.await.unwrap();
    let accepted = ok.lock().unwrap().clone();
    let (tablet_received, tablet_confirmed) = {
        let seen = on_tablet.lock().unwrap();
        (seen.received.clone(), seen.confirmed.clone())
    };
    assert!(!tablet_confirmed.is_empty(), "the tablet read something before the crash");

    // A comes back on the same database. The phone (on B, which stayed up)
    // has every accepted message exactly once.
    let restarted = Instance::start(&services).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !accepted.iter().all(|id| on_phone.lock().unwrap().received.contains(id))
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_exactly_once("phone", &on_phone.lock().unwrap().received, &accepted);
    phone_reader.abort();

    // The tablet reconnects to the restarted instance without a cursor: it
    // gets every accepted message it had not received, and none whose ack
    // was confirmed.
    let via_restarted = restarted.client().await;
    let mut tablet_again = via_restarted.subscribe(&bob_tablet, None).await.unwrap();
    let not_yet: HashSet<String> = accepted.iter().filter(|id| !tablet_received.contains(id)).cloned().collect();
    let mut rest = collect_until(&mut tablet_again, &not_yet, Duration::from_secs(20)).await;
    // Then whatever else is queued. A message A stored but died before
    // confirming may be among it: durable, so rightly delivered.
    while let Some(event) = tablet_again.try_next_event(QUIET).await.unwrap() {
        if let Some(pb::event::Payload::MessageAdded(message)) = event.payload {
            rest.push(message.message_id);
        }
    }
    let distinct: HashSet<&String> = rest.iter().collect();
    assert_eq!(distinct.len(), rest.len(), "tablet: a message arrived twice after reconnecting");
    let redelivered: Vec<_> = rest.iter().filter(|id| tablet_confirmed.contains(id)).collect();
    assert!(redelivered.is_empty(), "acknowledged messages delivered again: {redelivered:?}");
    let everything: HashSet<String> = tablet_received.iter().chain(rest.iter()).cloned().collect();
    let missing: Vec<_> = accepted.iter().filter(|id| !everything.contains(*id)).collect();
    assert!(missing.is_empty(), "tablet never got {} accepted messages, e.g. {:?}", missing.len(), missing.first());
}

/// A TCP proxy in front of PostgreSQL that can cut every connection.
struct DatabaseProxy {
    port: u16,
    target: SocketAddr,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl DatabaseProxy {
    async fn start(target: SocketAddr) -> DatabaseProxy {
        let proxy = DatabaseProxy { port: free_port(), target, tasks: Arc::default() };
        proxy.open().await;
        proxy
    }

    async fn open(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.expect("proxy port");
        let (target, tasks) = (self.target, self.tasks.clone());
        let accept = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let connection = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                tasks.lock().unwrap().push(connection);
            }
        });
        self.tasks.lock().unwrap().push(accept);
    }

    /// Drops every connection and stops listening: the database is "down".
    fn cut(&self) {
        for task in self.tasks.lock().unwrap().drain(..) {
            task.abort();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_postgres_outage_answers_unavailable_and_the_server_recovers() {
    let Some(services) = Services::start().await else { return };
    let authority = services.database_url().split('@').nth(1).unwrap().split('/').next().unwrap().to_owned();
    let target = tokio::net::lookup_host(&authority).await.unwrap().next().unwrap();
    let proxy = DatabaseProxy::start(target).await;
    let proxied_url = services.database_url().replacen(&authority, &format!("127.0.0.1:{}", proxy.port), 1);
    let mut a = Instance::start_with_database(&services, &proxied_url).await;
    let via_a = a.client().await;
    let alice = via_a.register("alice").await;

    proxy.cut();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let during = via_a.get_self(alice.token()).await;
    assert_status(during, Code::Unavailable, "storage temporarily unavailable");
    assert!(a.is_running(), "the server must not exit when its database goes away");

    proxy.open().await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        match via_a.get_self(alice.token()).await {
            Ok(me) => {
                assert_eq!(me.handle, "alice");
                break;
            }
            Err(status) => {
                assert_eq!(status.code(), Code::Unavailable, "{status:?}");
                assert!(tokio::time::Instant::now() < deadline, "no recovery within 20 s: {}", a.log());
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
    // And writes work again.
    via_a.register("bob").await;
}

/// A stolen phone removed through one instance is refused by the other
/// within a second, with no database read per request (the instances learn
/// of it by polling the revocations, not by checking each token).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_device_removed_through_one_instance_is_refused_by_another_within_a_second() {
    let Some(services) = Services::start().await else { return };
    let a = Instance::start(&services).await;
    let b = Instance::start(&services).await;
    let (via_a, via_b) = (a.client().await, b.client().await);
    let alice = via_a.register("alice").await;
    let phone = via_b.second_device(&alice).await;
    via_b.get_self(phone.token()).await.expect("the phone works on B");
    via_a
        .devices()
        .remove_device(authed(
            pb::RemoveDeviceRequest { device_id: phone.device_id(), password: PASSWORD.into() },
            alice.token(),
        ))
        .await
        .unwrap();
    let removed = tokio::time::Instant::now();
    let refused_after = loop {
        // Timed when asked, not when answered: an answer that took long on
        // a loaded machine says nothing about when B learnt of the removal.
        let asked = removed.elapsed();
        match via_b.get_self(phone.token()).await {
            Err(status) if status.code() == Code::Unauthenticated => break removed.elapsed(),
            Err(status) => panic!("unexpected {status:?}"),
            Ok(_) => {
                assert!(asked < Duration::from_secs(1), "B still accepts the removed device {asked:?} after");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    };
    eprintln!("B refused the removed device {refused_after:?} after the removal");
    assert_status(via_a.get_self(phone.token()).await, Code::Unauthenticated, "revoked");
    via_b.get_self(alice.token()).await.expect("the owner's other device still works on B");
}

/// A device's send quota holds across instances: the counters live in Redis.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_rate_limit_holds_across_instances() {
    let Some(services) = Services::start().await else { return };
    let quota = [("MISSIVE_SENDS_PER_DEVICE_PER_MINUTE", "4")];
    let a = Instance::start_with_env(&services, &quota).await;
    let b = Instance::start_with_env(&services, &quota).await;
    let (via_a, via_b) = (a.client().await, b.client().await);
    // A minute boundary falling between the sends resets the window; it
    // cannot fall twice within a few seconds.
    for attempt in 0..2 {
        let alice = via_a.register(&format!("alice{attempt}")).await;
        let bob = via_a.register(&format!("bob{attempt}")).await;
        let conversation = via_a.connect(&alice, &bob).await;
        let mut accepted = 0;
        for n in 0..8 {
            let via = if n % 2 == 0 { &via_a } else { &via_b };
            match via.send(&alice, &conversation, &format!("m{n}"), &[&bob]).await {
                Ok(_) => accepted += 1,
                Err(status) => {
                    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
                    assert!(status.message().contains("too many messages"), "{}", status.message());
                }
            }
        }
        if accepted == 4 {
            return;
        }
        eprintln!("attempt {attempt}: {accepted} of 8 accepted (a window boundary?)");
    }
    panic!("a quota of 4 per device let more through two instances twice");
}

/// Push with two instances: a device streaming on one is not pushed for
/// what the other stored, and an offline device gets one wake-up for a
/// burst sent through both, not one per instance.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_push_an_offline_device_once_and_a_streaming_one_never() {
    use missive_testkit::push::{P256Key, PushServer, WebPushSubscriber};
    let Some(services) = Services::start().await else { return };
    let server = PushServer::start().await;
    let vapid = P256Key::generate().write(services.dir.path(), "vapid.pem");
    let vapid = vapid.to_str().unwrap().to_owned();
    let push = [
        ("MISSIVE_PUSH_VAPID_KEY_FILE", vapid.as_str()),
        ("MISSIVE_PUSH_VAPID_SUBJECT", "mailto:ops@example.org"),
        ("MISSIVE_PUSH_ALLOW_HTTP_ENDPOINTS", "true"),
        ("MISSIVE_PUSH_COLLAPSE_MS", "100"),
        ("MISSIVE_PUSH_MIN_INTERVAL_MS", "600000"),
    ];
    let a = Instance::start_with_env(&services, &push).await;
    let b = Instance::start_with_env(&services, &push).await;
    let (via_a, via_b) = (a.client().await, b.client().await);
    let alice = via_a.register("alice").await;
    let bob = via_a.register("bob").await;
    let conversation = via_a.connect(&alice, &bob).await;
    let subscriber = WebPushSubscriber::new();
    let token = pb::PushToken {
        token: Some(pb::push_token::Token::WebPush(pb::WebPushSubscription {
            endpoint: format!("{}/wp/bob", server.url),
            p256dh: subscriber.p256dh.clone(),
            auth: subscriber.auth.clone(),
        })),
    };
    via_b.push().set_push_token(authed(pb::SetPushTokenRequest { token: Some(token) }, bob.token())).await.unwrap();

    // Bob streams on B; A stores what Alice sends. A learns that he
    // streams from B's presence key, which B writes in the background.
    let mut stream = via_b.subscribe(&bob, None).await.unwrap();
    presence_keys_become(&services, 1).await;
    for n in 0..3 {
        via_a.send(&alice, &conversation, &format!("live{n}"), &[&bob]).await.unwrap();
        stream.next_message().await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(server.requests("/wp/").is_empty(), "B's stream was pushed for A's events");

    // Bob goes offline; both instances store a burst.
    drop(stream);
    presence_keys_become(&services, 0).await;
    let ids: Vec<String> = (0..10).map(|n| format!("m{n}")).collect();
    let to = [&bob];
    let sends = ids.iter().enumerate().map(|(n, id)| {
        let via = if n % 2 == 0 { &via_a } else { &via_b };
        via.send(&alice, &conversation, id, &to)
    });
    for sent in futures_util::future::join_all(sends).await {
        sent.unwrap();
    }
    server.wait_for("/wp/", 1, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(server.requests("/wp/").len(), 1, "one wake-up for the burst, not one per instance");
}

/// Waits until Redis holds `count` presence keys (streams open on some
/// instance), as an instance deciding whether to push would see them.
async fn presence_keys_become(services: &Services, count: usize) {
    let client = redis::Client::open(services.redis.url()).unwrap();
    let mut connection = client.get_multiplexed_async_connection().await.unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let keys: Vec<String> =
            redis::cmd("KEYS").arg("missive:*:presence:*").query_async(&mut connection).await.unwrap();
        if keys.len() == count {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "presence keys {keys:?}, {count} expected");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Instance A remembers what its batches of sends read (conversations,
/// members, devices); a change committed through instance B must show in
/// A's very next send, not after some expiry.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_change_through_one_instance_shows_in_the_next_send_through_another() {
    use pb::mismatch_policy::{IgnoreAll, Policy};
    let Some(services) = Services::start().await else { return };
    let a = Instance::start(&services).await;
    let b = Instance::start(&services).await;
    let (via_a, via_b) = (a.client().await, b.client().await);
    let alice = via_a.register("alice").await;
    let bob = via_a.register("bob").await;
    let carol = via_a.register("carol").await;
    via_a.connect(&alice, &bob).await;
    via_a.connect(&alice, &carol).await;
    let group = via_a.group(&alice, &[&bob]).await;
    // Reports what differs from the conversation's devices, refuses nothing.
    let send = |id: &str, to: &[&Account]| {
        let mut request = message(&group, id, to);
        request.policy = policy(Policy::IgnoreAll(IgnoreAll {}));
        via_a.send_request(&alice, request)
    };
    for id in ["m1", "m2"] {
        let mismatch = send(id, &[&bob]).await.unwrap().mismatch.unwrap();
        assert!(mismatch.missing.is_empty(), "{id}: {mismatch:?}");
    }

    let laptop = via_b.second_device(&bob).await;
    let mismatch = send("m3", &[&bob]).await.unwrap().mismatch.unwrap();
    assert_eq!(listed(&mismatch.missing, &bob), vec![laptop.device_id()], "a device added through B");

    via_b
        .conversations()
        .add_members(authed(pb::AddMembersRequest { id: Some(group.clone()), users: vec![carol.id()] }, alice.token()))
        .await
        .unwrap();
    let mismatch = send("m4", &[&bob, &laptop]).await.unwrap().mismatch.unwrap();
    assert_eq!(listed(&mismatch.missing, &carol), vec![carol.device_id()], "a member added through B");

    via_b.remove_device(&bob, &laptop).await;
    let mismatch = send("m5", &[&bob, &laptop, &carol]).await.unwrap().mismatch.unwrap();
    assert_eq!(listed(&mismatch.deleted, &bob), vec![laptop.device_id()], "a device removed through B");
    assert!(mismatch.missing.is_empty(), "{mismatch:?}");
}
