//! Assets: chunked, resumable upload; download whole, from an offset or by
//! range; tokens; limits; cleanup; reads across backends. On the production
//! target the bytes go to a real S3 server (s3s-fs on loopback), on the
//! embedded one to the data directory.

use crate::helpers::*;
use missive_proto::v1 as pb;
use missive_proto::v1::asset_service_client::AssetServiceClient;
use missive_proto::federation::v1 as fed;
use missive_testkit::federation::{DnsServer, TestCa, federation_client, federator_host, from_origin, refusal_reason};
use missive_testkit::s3::S3Server;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tonic::Code;
use tonic::transport::Channel;

const MIB: usize = 1 << 20;

/// Where a test server keeps asset bytes, to look at them from outside.
enum Bytes {
    Directory(PathBuf),
    S3(S3Server, String),
}

impl Bytes {
    /// Where the objects are, as files.
    fn base(&self) -> PathBuf {
        match self {
            Bytes::Directory(dir) => dir.clone(),
            Bytes::S3(s3, prefix) => s3.root().join(missive_testkit::s3::BUCKET).join(prefix),
        }
    }

    /// Files under `assets/` and `uploads/`.
    fn files(&self) -> (usize, usize) {
        let base = self.base();
        let all = walk(&base);
        let count = |paths: Vec<PathBuf>, top: &str| {
            paths.iter().filter(|path| path.strip_prefix(&base).is_ok_and(|rest| rest.starts_with(top))).count()
        };
        (count(all.clone(), "assets"), count(all, "uploads"))
    }
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() { pending.push(path) } else { found.push(path) }
        }
    }
    found
}

/// The embedded target stores in its data directory, the production one
/// in S3.
async fn spawn_with_store(configure: impl FnOnce(&mut missive_server::Config)) -> (TestApp, Bytes) {
    match BACKEND {
        Backend::Production => {
            let s3 = S3Server::start().await.expect("S3 server");
            let prefix = format!("t-{}", uuid::Uuid::new_v4());
            let app = spawn_app_with(|config| {
                s3.configure(config, &prefix);
                configure(config);
            })
            .await;
            (app, Bytes::S3(s3, prefix))
        }
        Backend::Embedded => {
            let app = spawn_app_with(configure).await;
            let dir = app.config.data_dir.join("assets");
            (app, Bytes::Directory(dir))
        }
    }
}

fn assets(app: &TestApp) -> AssetServiceClient<Channel> {
    AssetServiceClient::new(app.channel.clone())
}

fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).unwrap();
    bytes
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

fn create(bytes: &[u8], public: bool) -> pb::CreateAssetRequest {
    pb::CreateAssetRequest {
        size: bytes.len() as u64,
        sha256: sha256(bytes),
        retention: pb::Retention::Persistent as i32,
        expires_at: None,
        public,
    }
}

async fn append(
    app: &TestApp,
    account: &Account,
    asset: &pb::QualifiedId,
    offset: u64,
    data: &[u8],
) -> Result<pb::AppendAssetChunkResponse, tonic::Status> {
    let request = pb::AppendAssetChunkRequest { asset: Some(asset.clone()), offset, data: data.to_vec().into() };
    assets(app).append_asset_chunk(authed(request, account.token())).await.map(|r| r.into_inner())
}

async fn finish(app: &TestApp, account: &Account, asset: &pb::QualifiedId) -> Result<pb::Asset, tonic::Status> {
    let request = pb::FinishAssetRequest { asset: Some(asset.clone()) };
    assets(app).finish_asset(authed(request, account.token())).await.map(|r| r.into_inner().asset.unwrap())
}

async fn upload_with(app: &TestApp, account: &Account, bytes: &[u8], request: pb::CreateAssetRequest) -> pb::Asset {
    let created = assets(app).create_asset(authed(request, account.token())).await.expect("create").into_inner();
    assert_eq!(created.max_chunk_bytes as usize, MIB);
    let id = created.asset.unwrap().id.unwrap();
    let mut offset = 0;
    for chunk in bytes.chunks(MIB) {
        let appended = append(app, account, &id, offset, chunk).await.expect("append");
        assert!(appended.written, "{appended:?}");
        offset += chunk.len() as u64;
        assert_eq!(appended.next_offset, offset);
    }
    finish(app, account, &id).await.expect("finish")
}

async fn upload(app: &TestApp, account: &Account, bytes: &[u8], public: bool) -> pb::Asset {
    upload_with(app, account, bytes, create(bytes, public)).await
}

async fn download(
    app: &TestApp,
    account: &Account,
    asset: &pb::QualifiedId,
    token: &str,
    offset: u64,
) -> Result<Vec<u8>, tonic::Status> {
    let request = pb::DownloadAssetRequest { asset: Some(asset.clone()), token: token.into(), offset };
    let mut stream = assets(app).download_asset(authed(request, account.token())).await?.into_inner();
    let mut out = Vec::new();
    while let Some(chunk) = stream.message().await? {
        assert_eq!(chunk.offset, offset + out.len() as u64, "chunks come in order");
        assert!(chunk.data.len() <= 256 * 1024);
        out.extend_from_slice(&chunk.data);
    }
    Ok(out)
}

async fn info(app: &TestApp, account: &Account, asset: &pb::QualifiedId, token: &str) -> Result<pb::Asset, tonic::Status> {
    let request = pb::GetAssetRequest { asset: Some(asset.clone()), token: token.into() };
    assets(app).get_asset(authed(request, account.token())).await.map(|r| r.into_inner().asset.unwrap())
}

#[tokio::test]
async fn an_asset_uploads_in_chunks_and_downloads_whole_from_an_offset_or_by_range() {
    let (app, store) = spawn_with_store(|_| {}).await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let bytes = random_bytes(3 * MIB + 12_345);

    let asset = upload(&app, &alice, &bytes, false).await;
    let id = asset.id.clone().unwrap();
    assert!(asset.finished && !asset.public, "{asset:?}");
    assert_eq!((asset.size, asset.uploaded, asset.sha256.clone()), (bytes.len() as u64, bytes.len() as u64, sha256(&bytes)));
    assert_eq!(asset.owner, Some(alice.id()));
    assert_eq!(asset.token.len(), 22, "16 random bytes, base64url: {asset:?}");
    // Chunks were put together into one object, and are gone.
    assert_eq!(store.files(), (1, 0));

    // The owner reads without the token; bob with it.
    assert_eq!(download(&app, &alice, &id, "", 0).await.unwrap(), bytes);
    assert_eq!(download(&app, &bob, &id, &asset.token, 0).await.unwrap(), bytes);
    // A resumed download from where a cut left it.
    let from = 1_234_567;
    assert_eq!(download(&app, &bob, &id, &asset.token, from as u64).await.unwrap(), bytes[from..]);
    assert!(download(&app, &bob, &id, &asset.token, bytes.len() as u64).await.unwrap().is_empty());
    // A range, for clients without streams.
    let read = assets(&app)
        .read_asset(authed(
            pb::ReadAssetRequest { asset: Some(id.clone()), token: asset.token.clone(), offset: 3 * MIB as u64, length: MIB as u32 },
            bob.token(),
        ))
        .await
        .unwrap()
        .into_inner();
    assert_eq!((read.offset, read.size), (3 * MIB as u64, bytes.len() as u64));
    assert_eq!(read.data, bytes[3 * MIB..], "the last range is short");

    // Bob sees the metadata, never the token.
    let seen = info(&app, &bob, &id, &asset.token).await.unwrap();
    assert!(seen.token.is_empty() && seen.finished, "{seen:?}");
    assert_eq!(info(&app, &alice, &id, "").await.unwrap().token, asset.token);

    // A one-chunk asset is copied into place, and its chunk removed.
    let small = random_bytes(1000);
    let small_asset = upload(&app, &alice, &small, true).await;
    assert!(small_asset.token.is_empty(), "public assets have no token: {small_asset:?}");
    assert_eq!(download(&app, &bob, small_asset.id.as_ref().unwrap(), "", 0).await.unwrap(), small);
    assert_eq!(store.files(), (2, 0));
}

#[tokio::test]
async fn appends_are_idempotent_and_a_wrong_offset_answers_where_to_resume() {
    let (app, _store) = spawn_with_store(|_| {}).await;
    let alice = app.register("alice").await;
    let bytes = random_bytes(2 * MIB + 10);
    let created = assets(&app).create_asset(authed(create(&bytes, false), alice.token())).await.unwrap().into_inner();
    let id = created.asset.unwrap().id.unwrap();
    let first = &bytes[..MIB];

    let appended = append(&app, &alice, &id, 0, first).await.unwrap();
    assert_eq!((appended.next_offset, appended.written), (MIB as u64, true));
    // The same chunk again (its answer was lost): accepted once.
    let repeated = append(&app, &alice, &id, 0, first).await.unwrap();
    assert_eq!((repeated.next_offset, repeated.written), (MIB as u64, false));
    // Ahead of what arrived: nothing written, told where to go on.
    let ahead = append(&app, &alice, &id, 2 * MIB as u64, &bytes[2 * MIB..]).await.unwrap();
    assert_eq!((ahead.next_offset, ahead.written), (MIB as u64, false));
    // A client that lost track asks.
    let status = info(&app, &alice, &id, "").await.unwrap();
    assert_eq!((status.uploaded, status.finished), (MIB as u64, false));

    assert_status(finish(&app, &alice, &id).await, Code::FailedPrecondition, "append from offset 1048576");
    assert_status(append(&app, &alice, &id, MIB as u64, &[]).await, Code::InvalidArgument, "at least 1 byte");
    assert_status(
        append(&app, &alice, &id, MIB as u64, &random_bytes(MIB + 1)).await,
        Code::InvalidArgument,
        "at most 1048576 bytes",
    );
    assert_status(
        append(&app, &alice, &id, 2 * MIB as u64, &random_bytes(11)).await,
        Code::InvalidArgument,
        "past the asset's size",
    );

    append(&app, &alice, &id, MIB as u64, &bytes[MIB..2 * MIB]).await.unwrap();
    append(&app, &alice, &id, 2 * MIB as u64, &bytes[2 * MIB..]).await.unwrap();
    let done = finish(&app, &alice, &id).await.unwrap();
    // Finishing again (an answer lost) answers the same asset and token.
    let again = finish(&app, &alice, &id).await.unwrap();
    assert_eq!(done, again);
    let late = append(&app, &alice, &id, 0, first).await.unwrap();
    assert_eq!((late.next_offset, late.written), (bytes.len() as u64, false));
    assert_eq!(download(&app, &alice, &id, "", 0).await.unwrap(), bytes);
}

#[tokio::test]
async fn finishes_at_once_answer_the_same_asset_and_lose_nothing() {
    let (app, store) = spawn_with_store(|_| {}).await;
    let alice = app.register("alice").await;
    for len in [700, 2 * MIB + 700] {
        let bytes = random_bytes(len);
        let created = assets(&app).create_asset(authed(create(&bytes, false), alice.token())).await.unwrap();
        let id = created.into_inner().asset.unwrap().id.unwrap();
        for (index, chunk) in bytes.chunks(MIB).enumerate() {
            append(&app, &alice, &id, (index * MIB) as u64, chunk).await.unwrap();
        }
        let finishes: Vec<_> = (0..4).map(|_| finish(&app, &alice, &id)).collect();
        let mut done = Vec::new();
        for answer in futures_util::future::join_all(finishes).await {
            match answer {
                Ok(asset) => done.push(asset),
                // Told to retry while another finish of it runs.
                Err(status) => assert_eq!(status.code(), Code::Unavailable, "{status:?}"),
            }
        }
        assert!(!done.is_empty());
        let again = finish(&app, &alice, &id).await.unwrap();
        assert!(done.iter().all(|asset| *asset == again), "{done:?} vs {again:?}");
        assert_eq!(download(&app, &alice, &id, "", 0).await.unwrap(), bytes);
    }
    assert_eq!(store.files(), (2, 0));
}

#[tokio::test]
async fn bytes_that_do_not_match_the_sha256_discard_the_upload() {
    let (app, store) = spawn_with_store(|_| {}).await;
    let alice = app.register("alice").await;
    for len in [500, MIB + 500] {
        let bytes = random_bytes(len);
        let mut request = create(&bytes, false);
        request.sha256 = sha256(b"something else");
        let id = assets(&app).create_asset(authed(request, alice.token())).await.unwrap().into_inner().asset.unwrap().id.unwrap();
        for (index, chunk) in bytes.chunks(MIB).enumerate() {
            append(&app, &alice, &id, (index * MIB) as u64, chunk).await.unwrap();
        }
        assert_status(finish(&app, &alice, &id).await, Code::InvalidArgument, "do not match the SHA-256");
        assert_status(info(&app, &alice, &id, "").await, Code::NotFound, "not found");
    }
    assert_eq!(store.files(), (0, 0), "nothing is left of them");
}

#[tokio::test]
async fn private_assets_open_with_their_token_which_the_owner_rotates_and_revokes() {
    let (app, store) = spawn_with_store(|_| {}).await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    let bytes = random_bytes(4000);
    let asset = upload(&app, &alice, &bytes, false).await;
    let id = asset.id.clone().unwrap();

    assert_status(download(&app, &bob, &id, "", 0).await, Code::PermissionDenied, "needs its token");
    assert_status(info(&app, &bob, &id, "wrong-token").await, Code::PermissionDenied, "does not open");
    // Only the owner changes it; to others it does not exist.
    let rotate = |account: &Account| {
        let request = pb::RotateAssetTokenRequest { asset: Some(id.clone()) };
        let mut client = assets(&app);
        let token = account.token().to_owned();
        async move { client.rotate_asset_token(authed(request, &token)).await.map(|r| r.into_inner().token) }
    };
    assert_status(rotate(&bob).await, Code::NotFound, "not found");
    assert_status(append(&app, &bob, &id, 0, b"x").await, Code::NotFound, "not found");
    assert_status(finish(&app, &bob, &id).await, Code::NotFound, "not found");

    let rotated = rotate(&alice).await.unwrap();
    assert_ne!(rotated, asset.token);
    assert_status(download(&app, &bob, &id, &asset.token, 0).await, Code::PermissionDenied, "rotated");
    assert_eq!(download(&app, &bob, &id, &rotated, 0).await.unwrap(), bytes);

    let revoke = pb::RevokeAssetTokenRequest { asset: Some(id.clone()) };
    assets(&app).revoke_asset_token(authed(revoke, alice.token())).await.unwrap();
    assert_status(download(&app, &bob, &id, &rotated, 0).await, Code::PermissionDenied, "revoked");
    assert_eq!(download(&app, &alice, &id, "", 0).await.unwrap(), bytes, "the owner still reads it");

    // An upload under way is nobody else's business.
    let pending = assets(&app).create_asset(authed(create(&bytes, true), alice.token())).await.unwrap().into_inner();
    let pending_id = pending.asset.unwrap().id.unwrap();
    assert_status(info(&app, &bob, &pending_id, "").await, Code::NotFound, "not found");
    assert_status(download(&app, &alice, &pending_id, "", 0).await, Code::FailedPrecondition, "still being uploaded");

    let delete = |account: &Account| {
        let request = pb::DeleteAssetRequest { asset: Some(id.clone()) };
        let mut client = assets(&app);
        let token = account.token().to_owned();
        async move { client.delete_asset(authed(request, &token)).await }
    };
    assert_status(delete(&bob).await, Code::NotFound, "not found");
    delete(&alice).await.unwrap();
    assert_status(download(&app, &alice, &id, "", 0).await, Code::NotFound, "not found");
    // An upload under way, deleted with its chunks.
    append(&app, &alice, &pending_id, 0, &bytes[..1000]).await.unwrap();
    assert_eq!(store.files(), (0, 1));
    let delete_pending = pb::DeleteAssetRequest { asset: Some(pending_id.clone()) };
    assets(&app).delete_asset(authed(delete_pending, alice.token())).await.unwrap();
    assert_eq!(store.files(), (0, 0), "nothing is left of either");
    // Unauthenticated callers get nothing at all.
    let anonymous = assets(&app).get_asset(pb::GetAssetRequest { asset: Some(id.clone()), token: String::new() }).await;
    assert_status(anonymous, Code::Unauthenticated, "");
}

#[tokio::test]
async fn bad_requests_are_refused_with_the_reason() {
    let (app, _store) = spawn_with_store(|config| config.asset_max_bytes = 5000).await;
    let alice = app.register("alice").await;
    let bytes = random_bytes(100);
    let refused = |request: pb::CreateAssetRequest| {
        let mut client = assets(&app);
        let token = alice.token().to_owned();
        async move { client.create_asset(authed(request, &token)).await }
    };
    assert_status(refused(pb::CreateAssetRequest { size: 0, ..create(&bytes, false) }).await, Code::InvalidArgument, "1 to 5000 bytes");
    assert_status(refused(pb::CreateAssetRequest { size: 5001, ..create(&bytes, false) }).await, Code::InvalidArgument, "1 to 5000 bytes");
    assert_status(refused(pb::CreateAssetRequest { sha256: vec![1; 31], ..create(&bytes, false) }).await, Code::InvalidArgument, "32 bytes");
    assert_status(refused(pb::CreateAssetRequest { retention: 0, ..create(&bytes, false) }).await, Code::InvalidArgument, "retention");
    assert_status(refused(pb::CreateAssetRequest { retention: 99, ..create(&bytes, false) }).await, Code::InvalidArgument, "retention");
    let expiring = pb::CreateAssetRequest { retention: pb::Retention::Expiring as i32, ..create(&bytes, false) };
    assert_status(refused(expiring.clone()).await, Code::InvalidArgument, "needs the time");
    let now = missive_server::clock::Clock::now_ms(app.clock.as_ref()) / 1000;
    let at = |secs: i64| Some(prost_types::Timestamp { seconds: secs, nanos: 0 });
    assert_status(refused(pb::CreateAssetRequest { expires_at: at(now - 1), ..expiring.clone() }).await, Code::InvalidArgument, "not in the future");
    assert_status(refused(pb::CreateAssetRequest { expires_at: at(now + 366 * 86400), ..expiring.clone() }).await, Code::InvalidArgument, "365 days");
    let volatile = refused(pb::CreateAssetRequest { retention: pb::Retention::Volatile as i32, ..create(&bytes, false) }).await.unwrap();
    let volatile = volatile.into_inner().asset.unwrap();
    assert_eq!(volatile.expires_at.unwrap().seconds - volatile.created_at.unwrap().seconds, 28 * 86400);

    let malformed = pb::QualifiedId { id: "not-a-uuid".into(), domain: DOMAIN.into() };
    assert_status(info(&app, &alice, &malformed, "").await, Code::InvalidArgument, "asset");
    let missing = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: DOMAIN.into() };
    assert_status(info(&app, &alice, &missing, "").await, Code::NotFound, "not found");
    assert_status(append(&app, &alice, &missing, 0, b"x").await, Code::NotFound, "not found");
    let elsewhere = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: "elsewhere.example".into() };
    assert_status(info(&app, &alice, &elsewhere, "").await, Code::Unavailable, "federation is not available");
    assert_status(finish(&app, &alice, &elsewhere).await, Code::PermissionDenied, "only its owner changes it");

    let asset = upload(&app, &alice, &bytes, true).await;
    let id = asset.id.unwrap();
    let read = |offset: u64, length: u32| {
        let request = pb::ReadAssetRequest { asset: Some(id.clone()), token: String::new(), offset, length };
        let mut client = assets(&app);
        let token = alice.token().to_owned();
        async move { client.read_asset(authed(request, &token)).await }
    };
    assert_status(read(0, 0).await, Code::InvalidArgument, "length");
    assert_status(read(0, MIB as u32 + 1).await, Code::InvalidArgument, "length");
    assert_status(read(101, 10).await, Code::InvalidArgument, "past the end");
    assert_status(download(&app, &alice, &id, "", 101).await, Code::InvalidArgument, "past the end");

    // Uploads under way are capped per user (one is the volatile one above).
    for _ in 1..16 {
        refused(create(&bytes, false)).await.expect("within the cap");
    }
    assert_status(refused(create(&bytes, false)).await, Code::ResourceExhausted, "too many uploads");
}

#[tokio::test]
async fn expired_assets_and_abandoned_uploads_are_cleaned_up() {
    let (app, store) = spawn_with_store(|config| {
        config.asset_cleanup_interval = Duration::from_millis(100);
        config.asset_unfinished_ttl = Duration::from_secs(3600);
        config.access_token_ttl = Duration::from_secs(4 * 3600);
    })
    .await;
    let alice = app.register("alice").await;
    let bytes = random_bytes(MIB + 1);
    let now = missive_server::clock::Clock::now_ms(app.clock.as_ref()) / 1000;
    let expiring = pb::CreateAssetRequest {
        retention: pb::Retention::Expiring as i32,
        expires_at: Some(prost_types::Timestamp { seconds: now + 60, nanos: 0 }),
        ..create(&bytes, true)
    };
    let short = upload_with(&app, &alice, &bytes, expiring).await;
    let kept = upload(&app, &alice, &bytes, true).await;
    let created = assets(&app).create_asset(authed(create(&bytes, false), alice.token())).await.unwrap().into_inner();
    let abandoned = created.asset.unwrap().id.unwrap();
    append(&app, &alice, &abandoned, 0, &bytes[..MIB]).await.unwrap();
    assert_eq!(store.files(), (2, 1));
    // A chunk no upload owns (left by a crash between a delete's steps).
    let orphan = store.base().join(format!("uploads/{}/00000000000000000000", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    std::fs::write(&orphan, b"left behind").unwrap();
    assert_eq!(store.files(), (2, 2));
    wait_for(|| async { !orphan.exists() }).await;
    // Passes go by; the live upload's chunk stays.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(store.files(), (2, 1));

    app.clock.advance(Duration::from_secs(61));
    wait_for(|| async { matches!(info(&app, &alice, short.id.as_ref().unwrap(), "").await, Err(s) if s.code() == Code::NotFound) }).await;
    wait_for(|| async { store.files() == (1, 1) }).await;
    assert!(info(&app, &alice, &abandoned, "").await.is_ok(), "an hour is not over yet");

    app.clock.advance(Duration::from_secs(3600));
    wait_for(|| async { store.files() == (1, 0) }).await;
    assert_status(info(&app, &alice, &abandoned, "").await, Code::NotFound, "not found");
    assert_eq!(download(&app, &alice, kept.id.as_ref().unwrap(), "", 0).await.unwrap(), bytes);
}

async fn wait_for<F, Fut>(mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(10);
    while !condition().await {
        assert!(Instant::now() < deadline, "the cleanup did not run in 10 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_user_of_another_backend_reads_through_its_own_backend_with_the_same_token_rules() {
    let (ca, dns) = (TestCa::new("test"), DnsServer::start().await);
    let a = spawn_federated("a.example", &ca, &dns, "*").await;
    let b = spawn_federated("b.example", &ca, &dns, "*").await;
    let alice = a.register("alice").await;
    let bob = b.register("bob").await;
    let bytes = random_bytes(2 * MIB + 77);
    let private = upload(&a, &alice, &bytes, false).await;
    let id = private.id.clone().unwrap();
    assert_eq!(id.domain, "a.example");

    // Bob asks b; b asks a, which checks the token.
    assert_status(download(&b, &bob, &id, "", 0).await, Code::PermissionDenied, "needs its token");
    assert_status(info(&b, &bob, &id, "wrong").await, Code::PermissionDenied, "does not open");
    let seen = info(&b, &bob, &id, &private.token).await.unwrap();
    assert_eq!((seen.size, seen.sha256.clone(), seen.token.as_str()), (bytes.len() as u64, sha256(&bytes), ""));
    assert_eq!(download(&b, &bob, &id, &private.token, 0).await.unwrap(), bytes);
    assert_eq!(download(&b, &bob, &id, &private.token, 2 * MIB as u64).await.unwrap(), bytes[2 * MIB..]);
    let read = pb::ReadAssetRequest { asset: Some(id.clone()), token: private.token.clone(), offset: 10, length: 20 };
    let read = assets(&b).read_asset(authed(read, bob.token())).await.unwrap().into_inner();
    assert_eq!((&read.data[..], read.size), (&bytes[10..30], bytes.len() as u64));

    let public = upload(&a, &alice, &bytes[..1000], true).await;
    assert_eq!(download(&b, &bob, public.id.as_ref().unwrap(), "", 0).await.unwrap(), bytes[..1000]);
    let missing = pb::QualifiedId { id: uuid::Uuid::new_v4().to_string(), domain: "a.example".into() };
    assert_status(info(&b, &bob, &missing, "").await, Code::NotFound, "not found");
    // Only the owner's backend changes an asset.
    assert_status(finish(&b, &bob, &id).await, Code::PermissionDenied, "only its owner changes it");

    // Spoken for directly, a checks for itself: b asks only for its own
    // users, and the token rules hold whatever b claims.
    let b_pair = ca.issue(&[&federator_host("b.example")]);
    let mut raw = federation_client(a.federation_addr.unwrap(), &ca.pem(), Some(&b_pair), &federator_host("a.example"))
        .await
        .unwrap();
    let ask = |requester: pb::QualifiedId, token: &str| {
        from_origin("b.example", fed::GetAssetRequest { asset_id: id.id.clone(), requester: Some(requester), token: token.into() })
    };
    let third = pb::QualifiedId { id: bob.id().id, domain: "c.example".into() };
    let refused = raw.get_asset(ask(third, &private.token)).await.unwrap_err();
    assert_eq!((refused.code(), refusal_reason(&refused).as_deref()), (Code::PermissionDenied, Some("NOT_OWNER")));
    // Claiming to be the owner does not help: the owner is a's user.
    let as_alice = pb::QualifiedId { id: alice.id().id, domain: "b.example".into() };
    assert_status(raw.get_asset(ask(as_alice, "")).await, Code::PermissionDenied, "needs its token");
    let answer = raw.get_asset(ask(bob.id(), &private.token)).await.unwrap().into_inner().asset.unwrap();
    assert!(answer.token.is_empty(), "a remote reader never gets the token: {answer:?}");
    let stream = fed::StreamAssetRequest {
        asset_id: id.id.clone(),
        requester: Some(bob.id()),
        token: private.token.clone(),
        offset: 5,
        limit: 10,
    };
    let mut pieces = raw.stream_asset(from_origin("b.example", stream)).await.unwrap().into_inner();
    let first = pieces.message().await.unwrap().unwrap();
    assert_eq!((first.offset, &first.data[..]), (5, &bytes[5..15]));
    assert!(pieces.message().await.unwrap().is_none(), "the limit holds");
}

#[tokio::test]
async fn an_s3_store_that_refuses_stops_the_start_with_one_line() {
    let s3 = S3Server::start().await.expect("S3 server");
    let build = |configure: &dyn Fn(&mut missive_server::Config)| {
        let dir = tempfile::tempdir().unwrap();
        let mut config = missive_server::Config::embedded_default();
        config.listen = "127.0.0.1:0".parse().unwrap();
        config.data_dir = dir.path().to_path_buf();
        s3.configure(&mut config, "start");
        configure(&mut config);
        async move {
            let built = missive_server::App::build(config).await;
            drop(dir);
            built.err().map(|err| format!("{err:#}"))
        }
    };
    assert_eq!(build(&|_| {}).await, None, "the right bucket and key start");
    let wrong_key = build(&|config| config.asset_s3_secret_access_key = Some("not-the-secret".into())).await;
    assert!(wrong_key.as_deref().is_some_and(|err| err.contains("reaching the asset store")), "{wrong_key:?}");
    let no_bucket = build(&|config| config.asset_store = "s3://no-such-bucket".into()).await;
    assert!(no_bucket.as_deref().is_some_and(|err| err.contains("no-such-bucket")), "{no_bucket:?}");
}
