//! Two profiles drive the `missive` binary against a real server: register,
//! connect, exchange a message, and `listen` prints it.

use missive_server::{App, Config};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const CLI: &str = env!("CARGO_BIN_EXE_missive");

struct Server {
    url: String,
    _data: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn server() -> Server {
    server_with(|_| {}).await
}

async fn server_with(configure: impl FnOnce(&mut Config)) -> Server {
    let data = tempfile::tempdir().unwrap();
    let mut config = Config::embedded_default();
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.data_dir = data.path().to_path_buf();
    configure(&mut config);
    let app = App::build(config).await.expect("server builds");
    let url = format!("http://{}", app.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    Server { url, _data: data, stop: Some(stop) }
}

fn missive(server: &Server, profile: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(CLI);
    command
        .args(["--server", &server.url, "--profile"])
        .arg(profile)
        .args(args)
        .env("MISSIVE_PASSWORD", "correct horse battery staple")
        .stdin(Stdio::null());
    command
}

async fn run(server: &Server, profile: &Path, args: &[&str]) -> String {
    let mut command = missive(server, profile, args);
    let output: Output = tokio::task::spawn_blocking(move || command.output()).await.unwrap().expect("cli runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "missive {args:?} failed:\n{stdout}\n{stderr}");
    stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_profiles_register_connect_and_chat() {
    let server = server().await;
    let profiles = tempfile::tempdir().unwrap();
    let alice = profiles.path().join("alice");
    let bob = profiles.path().join("bob");

    assert!(run(&server, &alice, &["register", "alice", "--display-name", "Alice"]).await.contains("registered alice"));
    run(&server, &bob, &["register", "bob"]).await;
    assert!(run(&server, &alice, &["search", "bo"]).await.contains("bob"));
    assert!(run(&server, &alice, &["connect", "bob"]).await.contains("sent"));
    assert!(run(&server, &bob, &["accept", "alice"]).await.contains("connected with alice"));
    assert!(run(&server, &alice, &["conversations"]).await.contains("one_to_one"));

    // Bob listens in the background until one message arrives.
    let mut listen = missive(&server, &bob, &["listen", "--count", "1", "--idle-timeout", "20"]);
    listen.stdout(Stdio::piped()).stderr(Stdio::piped());
    let listener = tokio::task::spawn_blocking(move || listen.output());
    tokio::time::sleep(Duration::from_millis(500)).await;

    assert!(run(&server, &alice, &["send", "bob", "--", "hello", "bob"]).await.contains("sent to 1 device"));
    let output = listener.await.unwrap().expect("listen runs");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "listen failed: {}", String::from_utf8_lossy(&output.stderr));
    assert!(printed.contains("message from alice: hello bob"), "listen printed:\n{printed}");

    // The cursor was acknowledged: a new listen does not print the message again.
    let again = run(&server, &bob, &["listen", "--idle-timeout", "1"]).await;
    assert!(!again.contains("hello bob"), "replayed after ack:\n{again}");

    // Bob adds a second device; alice's next send discovers it and reaches both.
    let bob_laptop = profiles.path().join("bob-laptop");
    run(&server, &bob_laptop, &["login", "bob"]).await;
    assert!(run(&server, &alice, &["send", "bob", "--", "to", "both"]).await.contains("sent to 2 device"));
    let on_laptop = run(&server, &bob_laptop, &["listen", "--count", "1", "--idle-timeout", "10"]).await;
    assert!(on_laptop.contains("message from alice: to both"), "{on_laptop}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_one_readable_line() {
    let server = server().await;
    let profiles = tempfile::tempdir().unwrap();
    let alice = profiles.path().join("alice");
    let mut command = missive(&server, &alice, &["whoami"]);
    let output = tokio::task::spawn_blocking(move || command.output()).await.unwrap().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("run `missive register`"));

    run(&server, &alice, &["register", "alice"]).await;
    let mut command = missive(&server, &alice, &["send", "nobody", "--", "hi"]);
    let output = tokio::task::spawn_blocking(move || command.output()).await.unwrap().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no user with handle") && stderr.lines().count() == 1, "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_https_server_is_reached_with_the_ca_file_the_profile_remembers() {
    use missive_testkit::federation::TestCa;
    let ca = TestCa::new("cli");
    let app = missive_testkit::spawn_app_tls(missive_testkit::Backend::Embedded, &ca, |_| {}).await;
    let dir = tempfile::tempdir().unwrap();
    let ca_file = ca.write(dir.path());
    let server = Server {
        url: format!("https://localhost:{}", app.addr.port()),
        _data: tempfile::tempdir().unwrap(),
        stop: None,
    };
    let alice = dir.path().join("alice");

    // The public roots do not know the test CA: refused, in one line.
    let mut command = missive(&server, &alice, &["register", "alice"]);
    let output = tokio::task::spawn_blocking(move || command.output()).await.unwrap().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot reach https://localhost"), "{stderr}");

    let ca_arg = ca_file.display().to_string();
    let registered = run(&server, &alice, &["--ca-file", &ca_arg, "register", "alice"]).await;
    assert!(registered.contains("registered alice"), "{registered}");
    // Later commands find the server and its CA in the profile.
    assert!(run(&server, &alice, &["whoami"]).await.contains("alice"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_fetches_the_ice_servers_and_rings_the_other_side_live() {
    let server = server_with(|config| {
        config.turn_uris = vec!["stun:127.0.0.1:3478".into(), "turn:127.0.0.1:3478?transport=udp".into()];
        config.turn_secret = vec!["a-shared-turn-secret-0001".into()];
    })
    .await;
    let profiles = tempfile::tempdir().unwrap();
    let (alice, bob) = (profiles.path().join("alice"), profiles.path().join("bob"));
    run(&server, &alice, &["register", "alice"]).await;
    run(&server, &bob, &["register", "bob"]).await;
    run(&server, &alice, &["connect", "bob"]).await;
    run(&server, &bob, &["accept", "alice"]).await;

    let mut listen = missive(&server, &bob, &["listen", "--count", "1", "--idle-timeout", "20"]);
    listen.stdout(Stdio::piped()).stderr(Stdio::piped());
    let listener = tokio::task::spawn_blocking(move || listen.output());
    tokio::time::sleep(Duration::from_millis(500)).await;

    let called = run(&server, &alice, &["call", "bob"]).await;
    assert!(called.contains("ice server stun:127.0.0.1:3478\n"), "{called}");
    assert!(called.contains("ice server turn:127.0.0.1:3478?transport=udp user "), "{called}");
    assert!(called.contains("call offer sent to 1 device"), "{called}");
    let output = listener.await.unwrap().expect("listen runs");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(printed.contains("message from alice: call-offer ice-servers=2"), "listen printed:\n{printed}");

    // Live only: nothing of it is stored for a later listen.
    let again = run(&server, &bob, &["listen", "--idle-timeout", "1"]).await;
    assert!(!again.contains("call-offer"), "{again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_asset_goes_up_in_chunks_and_comes_down_with_its_token() {
    let server = server().await;
    let dir = tempfile::tempdir().unwrap();
    let (alice, bob) = (dir.path().join("alice"), dir.path().join("bob"));
    run(&server, &alice, &["register", "alice"]).await;
    run(&server, &bob, &["register", "bob"]).await;
    let mut bytes = vec![0u8; 2 * 1024 * 1024 + 4321];
    getrandom::fill(&mut bytes).unwrap();
    let file = dir.path().join("picture.enc");
    std::fs::write(&file, &bytes).unwrap();

    let put = run(&server, &alice, &["asset", "put", file.to_str().unwrap()]).await;
    let id = put.lines().find_map(|line| line.strip_prefix("asset ")).and_then(|rest| rest.split(' ').next());
    let token = put.lines().find_map(|line| line.strip_prefix("token "));
    let (Some(id), Some(token)) = (id, token) else { panic!("put printed:\n{put}") };
    assert!(put.contains(&format!("{} bytes", bytes.len())), "{put}");

    let copy = dir.path().join("copy");
    let got = run(&server, &bob, &["asset", "get", id, "--token", token, "-o", copy.to_str().unwrap()]).await;
    assert!(got.contains(&format!("saved {} bytes", bytes.len())), "{got}");
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);

    // Without the token: one line saying why.
    let refused = missive(&server, &bob, &["asset", "get", id, "-o", copy.to_str().unwrap()]).output().unwrap();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("needs its token") && stderr.trim().lines().count() == 1, "{stderr}");
}

/// The conversation id in `created MLS conversation <id> (epoch N)`.
fn created_id(line: &str) -> String {
    line.split_whitespace().nth(3).expect("a conversation id").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_mls_group_is_encrypted_end_to_end_by_the_cli() {
    let server = server().await;
    let profiles = tempfile::tempdir().unwrap();
    let [alice, bob, carol, bob_laptop] =
        ["alice", "bob", "carol", "bob-laptop"].map(|name| profiles.path().join(name));
    for (profile, handle) in [(&alice, "alice"), (&bob, "bob"), (&carol, "carol")] {
        run(&server, profile, &["register", handle]).await;
    }
    for (profile, handle) in [(&bob, "bob"), (&carol, "carol")] {
        run(&server, &alice, &["connect", handle]).await;
        run(&server, profile, &["accept", "alice"]).await;
    }
    let listen = |profile: &Path| {
        let profile = profile.to_owned();
        let server = &server;
        async move { run(server, &profile, &["listen", "--count", "1", "--idle-timeout", "10"]).await }
    };

    let created = run(&server, &alice, &["group", "create", "team", "bob"]).await;
    assert!(created.contains("(epoch 1)"), "{created}");
    let id = created_id(&created);
    assert!(run(&server, &alice, &["conversations"]).await.contains("group (mls)"));
    let sent = run(&server, &alice, &["send", "--conversation", &id, "--", "hello", "team"]).await;
    assert!(sent.contains("encrypted (MLS)"), "{sent}");
    let seen = listen(&bob).await;
    assert!(seen.contains(&format!("joined MLS conversation {id}")), "{seen}");
    assert!(seen.contains("message from alice: hello team"), "{seen}");
    run(&server, &bob, &["send", "--conversation", &id, "--", "hi", "alice"]).await;
    let seen = listen(&alice).await;
    assert!(seen.contains("message from bob: hi alice"), "{seen}");

    // Bob's new device joins by the Welcome of the commit that adds it;
    // Carol joins the conversation by the next one.
    run(&server, &bob_laptop, &["login", "bob"]).await;
    let added = run(&server, &alice, &["group", "add", "--conversation", &id, "bob"]).await;
    assert!(added.contains("added 1 device(s) of bob (epoch 2)"), "{added}");
    let added = run(&server, &alice, &["group", "add", "--conversation", &id, "carol"]).await;
    assert!(added.contains("added 1 device(s) of carol (epoch 3)"), "{added}");
    run(&server, &alice, &["send", "--conversation", &id, "--", "welcome", "all"]).await;
    for profile in [&carol, &bob_laptop, &bob] {
        let seen = listen(profile).await;
        assert!(seen.contains("message from alice: welcome all"), "{}: {seen}", profile.display());
    }

    // Removed with her only device, Carol reads nothing after it.
    let removed = run(&server, &alice, &["group", "remove", "--conversation", &id, "carol"]).await;
    assert!(removed.contains("removed 1 device(s) of carol (epoch 4)"), "{removed}");
    run(&server, &alice, &["send", "--conversation", &id, "--", "carol", "is", "gone"]).await;
    assert!(listen(&bob).await.contains("message from alice: carol is gone"));
    let after = run(&server, &carol, &["listen", "--idle-timeout", "1"]).await;
    assert!(after.contains("moved the group to epoch 4") && !after.contains("carol is gone"), "{after}");

    // Bob removes his laptop: his phone's listen takes its leaf out of the
    // group, and Alice's client follows.
    let token = profile_field(&bob, "access_token");
    let laptop = profile_field(&bob_laptop, "device_id");
    let mut devices =
        missive_proto::v1::device_service_client::DeviceServiceClient::connect(server.url.clone()).await.unwrap();
    let mut request = tonic::Request::new(missive_proto::v1::RemoveDeviceRequest {
        device_id: laptop.clone(),
        password: "correct horse battery staple".into(),
    });
    request.metadata_mut().insert("authorization", format!("Bearer {token}").parse().unwrap());
    devices.remove_device(request).await.expect("remove the laptop");
    let heard = run(&server, &bob, &["listen", "--idle-timeout", "2"]).await;
    assert!(heard.contains(&format!("removed deleted device {laptop} from conversation {id} (epoch 5)")), "{heard}");
    let heard = run(&server, &alice, &["listen", "--idle-timeout", "2"]).await;
    assert!(heard.contains("bob moved the group to epoch 5"), "{heard}");

    // A message changed on the way: Bob's client refuses it and shows nothing of it.
    let tampered = tampered_message_from(&alice, &id, b"forged words");
    let token = profile_field(&alice, "access_token");
    let mut mls = missive_proto::v1::mls_service_client::MlsServiceClient::connect(server.url.clone()).await.unwrap();
    let domain = profile_field(&alice, "domain");
    let mut request = tonic::Request::new(missive_proto::v1::SendMlsMessageRequest {
        conversation: Some(missive_proto::v1::QualifiedId { id: id.clone(), domain }),
        message: tampered,
    });
    request.metadata_mut().insert("authorization", format!("Bearer {token}").parse().unwrap());
    mls.send_mls_message(request).await.expect("the server relays what it cannot read");
    let seen = run(&server, &bob, &["listen", "--idle-timeout", "2"]).await;
    assert!(seen.contains("message from alice rejected"), "{seen}");
    assert!(!seen.contains("forged words"), "{seen}");

    // Their MLS 1:1: Alice's device makes its group, Bob's joins by listening.
    let made = run(&server, &alice, &["group", "one-to-one", "bob"]).await;
    assert!(made.contains("with bob (epoch 1)"), "{made}");
    let one_to_one = made.split_whitespace().nth(3).expect("the 1:1's id").to_owned();
    let seen = run(&server, &bob, &["listen", "--idle-timeout", "2"]).await;
    assert!(seen.contains("joined MLS conversation"), "{seen}");
    let again = run(&server, &bob, &["group", "one-to-one", "alice"]).await;
    assert!(again.contains(&one_to_one) && again.contains("(epoch 1)"), "{again}");
    let sent = run(&server, &bob, &["send", "--conversation", &one_to_one, "--", "just", "us"]).await;
    assert!(sent.contains("encrypted (MLS)"), "{sent}");
    assert!(listen(&alice).await.contains("message from bob: just us"));
}

fn profile_field(profile: &Path, field: &str) -> String {
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(profile.join("profile.json")).unwrap()).unwrap();
    json[field].as_str().unwrap().to_owned()
}

/// A message of Alice's device to the group of conversation `id`, encrypted
/// with her saved MLS state, with one bit of its ciphertext flipped. Her
/// saved state is left as it was.
fn tampered_message_from(alice: &Path, id: &str, text: &[u8]) -> Vec<u8> {
    let seed: [u8; 32] = hex::decode(profile_field(alice, "identity_seed")).unwrap().try_into().unwrap();
    let domain = profile_field(alice, "domain");
    let identity = missive_mls::identity(&profile_field(alice, "user_id"), &profile_field(alice, "device_id"), &domain);
    let state = std::fs::read(alice.join("mls.state")).unwrap();
    let client = missive_mls::MlsClient::restore(seed, &identity, &state).expect("alice's state");
    let mut group = client.load_group(format!("{id}@{domain}").as_bytes()).unwrap().expect("alice's group");
    let mut message = client.encrypt(&mut group, text).unwrap();
    let last = message.len() - 1;
    message[last] ^= 0x01;
    message
}

/// Runs the CLI with `MISSIVE_KEY_PASSPHRASE` set to `passphrase` (or
/// unset): its stdout, or its stderr as the error.
async fn run_sealed(
    server: &Server,
    profile: &Path,
    passphrase: Option<&str>,
    args: &[&str],
) -> Result<String, String> {
    let mut command = missive(server, profile, args);
    match passphrase {
        Some(passphrase) => command.env("MISSIVE_KEY_PASSPHRASE", passphrase),
        None => command.env_remove("MISSIVE_KEY_PASSPHRASE"),
    };
    let output = tokio::task::spawn_blocking(move || command.output()).await.unwrap().expect("cli runs");
    match output.status.success() {
        true => Ok(String::from_utf8_lossy(&output.stdout).into_owned()),
        false => Err(String::from_utf8_lossy(&output.stderr).into_owned()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passphrase_seals_the_device_keys_at_rest() {
    let server = server().await;
    let profiles = tempfile::tempdir().unwrap();
    let [alice, bob] = ["alice", "bob"].map(|name| profiles.path().join(name));
    let secret = Some("alice's long passphrase");
    run_sealed(&server, &alice, secret, &["register", "alice"]).await.unwrap();
    run(&server, &bob, &["register", "bob"]).await;
    run_sealed(&server, &alice, secret, &["connect", "bob"]).await.unwrap();
    run(&server, &bob, &["accept", "alice"]).await;
    let created = run_sealed(&server, &alice, secret, &["group", "create", "team", "bob"]).await.unwrap();
    let id = created_id(&created);

    // On disk: no seed in the clear, the MLS state sealed.
    let profile: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(alice.join("profile.json")).unwrap()).unwrap();
    assert!(profile.get("identity_seed").is_none(), "{profile}");
    assert!(profile["sealed_identity_seed"].is_string() && profile["key_salt"].is_string(), "{profile}");
    assert!(std::fs::read(alice.join("mls.state")).unwrap().starts_with(b"missive-sealed-v1\n"));

    // Without the passphrase, or with another, the profile does not open.
    let refused = run_sealed(&server, &alice, None, &["conversations"]).await.unwrap_err();
    assert!(refused.contains("sealed: set MISSIVE_KEY_PASSPHRASE") && refused.trim().lines().count() == 1, "{refused}");
    let refused = run_sealed(&server, &alice, Some("a wrong passphrase"), &["conversations"]).await.unwrap_err();
    assert!(refused.contains("wrong MISSIVE_KEY_PASSPHRASE"), "{refused}");

    // With it, the device works as before.
    run_sealed(&server, &alice, secret, &["send", "--conversation", &id, "--", "sealed", "hello"]).await.unwrap();
    let seen = run(&server, &bob, &["listen", "--count", "1", "--idle-timeout", "10"]).await;
    assert!(seen.contains("message from alice: sealed hello"), "{seen}");

    // A plain profile given a passphrase is sealed from then on.
    run_sealed(&server, &bob, Some("bob's passphrase"), &["conversations"]).await.unwrap();
    assert!(std::fs::read(bob.join("mls.state")).unwrap().starts_with(b"missive-sealed-v1\n"));
    assert!(run_sealed(&server, &bob, None, &["conversations"]).await.is_err());
    run_sealed(&server, &bob, Some("bob's passphrase"), &["send", "--conversation", &id, "--", "sealed", "too"])
        .await
        .unwrap();
    let seen = run_sealed(&server, &alice, secret, &["listen", "--count", "1", "--idle-timeout", "10"]).await.unwrap();
    assert!(seen.contains("message from bob: sealed too"), "{seen}");
}
