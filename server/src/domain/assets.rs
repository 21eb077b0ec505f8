//! Assets: files that clients encrypt before upload (the server stores
//! opaque bytes), uploaded in chunks that survive a restart of either side,
//! and read by their owner, by anyone when public, and with the asset's
//! token when private.
//!
//! Layout in the object store, never derived from anything a client names:
//! `uploads/<asset id>/<offset, 20 digits>` holds each chunk as it arrives,
//! `assets/<asset id>` the whole asset once finished. A row in `assets`
//! says how many bytes arrived: a chunk is written to the store before the
//! row moves past it, so a crash between the two only makes the client send
//! that chunk again, to the same name.

use super::Deps;
use super::events::Events;
use super::ids::{AssetId, QualifiedAssetId, QualifiedUserId, UserId};
use super::model::Retention;
use super::tokens::AuthContext;
use super::unit_of_work::UnitOfWork;
use crate::error::{DomainError, DomainResult};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use bytes::{Bytes, BytesMut};
use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use missive_db::entity::asset;
use missive_db::repo;
use object_store::path::Path;
use object_store::{GetOptions, GetRange, ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;
use uuid::Uuid;

/// The largest chunk of an upload: well inside the 4 MiB request limit.
pub const MAX_CHUNK_BYTES: usize = 1 << 20;
/// The chunks of a download stream.
pub const DOWNLOAD_CHUNK_BYTES: usize = 256 << 10;
/// The most one ranged read answers.
pub const MAX_READ_BYTES: u32 = 1 << 20;
/// Uploads one user may have under way: each may hold up to the size limit
/// in the store until finished or cleaned up.
pub const MAX_UNFINISHED_PER_USER: u64 = 16;
const VOLATILE_MS: i64 = 28 * 24 * 3600 * 1000;
const MAX_EXPIRING_MS: i64 = 365 * 24 * 3600 * 1000;
/// The parts of a finished asset are composed into multipart uploads of
/// this size (S3 wants at least 5 MiB per part but the last).
const COMPOSE_PART_BYTES: usize = 5 << 20;
/// Finishes composing at once in one process (each holds up to ~20 MiB).
const COMPOSES_AT_ONCE: usize = 4;
/// Chunks read at once while composing.
const COMPOSE_READS_IN_FLIGHT: usize = 4;
/// Parts of the composed asset on their way to the store at once.
const COMPOSE_PARTS_IN_FLIGHT: usize = 2;
/// Rows the cleanup handles per query.
const CLEANUP_BATCH: u64 = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetSettings {
    pub max_bytes: u64,
    /// How long an upload may stay unfinished before it is removed.
    pub unfinished_ttl: Duration,
}

/// An asset as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub id: QualifiedAssetId,
    pub owner: QualifiedUserId,
    pub size: u64,
    pub sha256: Vec<u8>,
    pub retention: Retention,
    pub public: bool,
    pub created_at_ms: i64,
    pub expires_at_ms: Option<i64>,
    pub uploaded: u64,
    pub finished: bool,
    /// Only for the owner.
    pub token: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewAsset {
    pub size: u64,
    pub sha256: Vec<u8>,
    pub retention: Retention,
    pub expires_at_ms: Option<i64>,
    pub public: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    pub next_offset: u64,
    pub written: bool,
}

/// Bytes of an asset from an offset, in order.
pub type AssetBytes = BoxStream<'static, DomainResult<(u64, Bytes)>>;

/// What one cleanup pass removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Cleaned {
    pub expired: u64,
    pub abandoned: u64,
    pub orphaned_parts: u64,
}

pub struct Assets {
    deps: Deps,
    events: Arc<Events>,
    store: Arc<dyn ObjectStore>,
    settings: AssetSettings,
    composing: Arc<Semaphore>,
    /// Assets being finished by this process.
    finishing: Arc<Mutex<HashSet<Uuid>>>,
}

enum Composed {
    Done,
    /// The bytes do not have the announced SHA-256.
    Mismatch,
    /// The chunks stored do not make the asset (gone, overlapping).
    Inconsistent(String),
}

/// One finish per asset in this process; released on drop, also when the
/// finishing task is cancelled.
struct Claim {
    set: Arc<Mutex<HashSet<Uuid>>>,
    id: Uuid,
}

impl Claim {
    fn take(set: &Arc<Mutex<HashSet<Uuid>>>, id: Uuid) -> Option<Claim> {
        let mut held = set.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        held.insert(id).then(|| Claim { set: set.clone(), id })
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.set.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(&self.id);
    }
}

fn asset_path(id: Uuid) -> Path {
    Path::from(format!("assets/{id}"))
}

fn uploads_of(id: Uuid) -> Path {
    Path::from(format!("uploads/{id}"))
}

fn part_path(id: Uuid, offset: u64) -> Path {
    Path::from(format!("uploads/{id}/{offset:020}"))
}

/// Store failures are the operator's, not the client's: the detail goes to
/// the log and the client is told to retry.
fn store_failed(what: &str, err: object_store::Error) -> DomainError {
    tracing::warn!(error = %err, "asset store: {what} failed");
    DomainError::Unavailable(format!("the asset store is not available ({what}); retry later"))
}

fn not_found(id: &QualifiedAssetId) -> DomainError {
    DomainError::NotFound(format!("asset {} not found", id.id))
}

fn new_token() -> DomainResult<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|err| DomainError::Internal(format!("no randomness: {err}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// Equal without telling by its timing how much of a guess was right.
fn same_token(expected: &str, given: &str) -> bool {
    expected.len() == given.len() && expected.bytes().zip(given.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

fn len_u64(len: usize) -> u64 {
    u64::try_from(len).unwrap_or(u64::MAX)
}

impl Assets {
    pub fn new(deps: Deps, events: Arc<Events>, store: Arc<dyn ObjectStore>, settings: AssetSettings) -> Assets {
        Assets {
            deps,
            events,
            store,
            settings,
            composing: Arc::new(Semaphore::new(COMPOSES_AT_ONCE)),
            finishing: Arc::new(Mutex::new(HashSet::new())),
        }
    }

    fn to_asset(&self, row: asset::Model, with_token: bool) -> Asset {
        Asset {
            id: QualifiedAssetId::new(AssetId(row.id), &self.deps.domain),
            owner: QualifiedUserId::new(UserId(row.owner_id), &self.deps.domain),
            size: u64::try_from(row.size).unwrap_or(0),
            sha256: row.sha256,
            retention: Retention::from_stored(row.retention).unwrap_or(Retention::Persistent),
            public: row.public,
            created_at_ms: row.created_at,
            expires_at_ms: row.expires_at,
            uploaded: u64::try_from(row.uploaded).unwrap_or(0),
            finished: row.finished_at.is_some(),
            token: if with_token { row.token } else { None },
        }
    }

    pub async fn create(&self, caller: &AuthContext, new: NewAsset) -> DomainResult<Asset> {
        let max = self.settings.max_bytes;
        if new.size == 0 || new.size > max {
            return Err(DomainError::InvalidArgument(format!(
                "size: an asset has 1 to {max} bytes on this backend, got {}",
                new.size
            )));
        }
        if new.sha256.len() != 32 {
            return Err(DomainError::InvalidArgument(format!(
                "sha256: a SHA-256 has 32 bytes, got {}",
                new.sha256.len()
            )));
        }
        let now = self.deps.now_ms();
        let expires_at = match new.retention {
            Retention::Eternal | Retention::Persistent => None,
            Retention::Volatile => Some(now + VOLATILE_MS),
            Retention::Expiring => match new.expires_at_ms {
                None => {
                    return Err(DomainError::InvalidArgument(
                        "expires_at: an expiring asset needs the time it expires".into(),
                    ));
                }
                Some(at) if at <= now => {
                    return Err(DomainError::InvalidArgument("expires_at: the time is not in the future".into()));
                }
                Some(at) if at > now + MAX_EXPIRING_MS => {
                    return Err(DomainError::InvalidArgument(
                        "expires_at: an asset expires at most 365 days ahead".into(),
                    ));
                }
                Some(at) => Some(at),
            },
        };
        let work = UnitOfWork::begin(&self.events).await?;
        // Serialises this user's creates, so concurrent ones cannot pass the cap.
        repo::assets::lock_owner(work.db(), caller.user.0).await?;
        let unfinished = repo::assets::count_unfinished(work.db(), caller.user.0).await?;
        if unfinished >= MAX_UNFINISHED_PER_USER {
            work.rollback().await?;
            return Err(DomainError::LimitReached(format!(
                "too many uploads under way: finish or delete one first (at most {MAX_UNFINISHED_PER_USER})"
            )));
        }
        let row = asset::Model {
            id: Uuid::new_v4(),
            owner_id: caller.user.0,
            size: i64::try_from(new.size).unwrap_or(i64::MAX),
            sha256: new.sha256,
            retention: new.retention.stored(),
            public: new.public,
            token: None,
            uploaded: 0,
            created_at: now,
            finished_at: None,
            expires_at,
        };
        repo::assets::insert(work.db(), row.clone()).await?;
        work.commit().await?;
        Ok(self.to_asset(row, true))
    }

    /// The caller's own asset on this backend; any other is "not found", so
    /// nobody learns which ids exist.
    async fn owned(&self, caller: &AuthContext, id: &QualifiedAssetId) -> DomainResult<asset::Model> {
        if !self.deps.is_local(&id.domain) {
            return Err(DomainError::PermissionDenied(format!(
                "asset {} is stored by backend {}: only its owner changes it, there",
                id.id, id.domain
            )));
        }
        match repo::assets::find(&self.deps.db, id.id.0).await? {
            Some(row) if row.owner_id == caller.user.0 => Ok(row),
            _ => Err(not_found(id)),
        }
    }

    pub async fn append(
        &self,
        caller: &AuthContext,
        id: &QualifiedAssetId,
        offset: u64,
        data: Bytes,
    ) -> DomainResult<Appended> {
        if data.is_empty() {
            return Err(DomainError::InvalidArgument("data: a chunk has at least 1 byte".into()));
        }
        if data.len() > MAX_CHUNK_BYTES {
            return Err(DomainError::InvalidArgument(format!(
                "data: a chunk has at most {MAX_CHUNK_BYTES} bytes, got {}",
                data.len()
            )));
        }
        let row = self.owned(caller, id).await?;
        let size = u64::try_from(row.size).unwrap_or(0);
        let end = offset.saturating_add(len_u64(data.len()));
        if end > size {
            return Err(DomainError::InvalidArgument(format!(
                "the chunk ends at byte {end}, past the asset's size of {size} bytes"
            )));
        }
        let uploaded = u64::try_from(row.uploaded).unwrap_or(0);
        if row.finished_at.is_some() || offset != uploaded {
            return Ok(Appended { next_offset: uploaded, written: false });
        }
        self.store
            .put(&part_path(row.id, offset), PutPayload::from_bytes(data))
            .await
            .map_err(|err| store_failed("storing a chunk", err))?;
        let work = UnitOfWork::begin(&self.events).await?;
        let advanced = repo::assets::advance(work.db(), row.id, row.uploaded, i64::try_from(end).unwrap_or(0)).await?;
        work.commit().await?;
        if advanced {
            return Ok(Appended { next_offset: end, written: true });
        }
        // Another append at the same offset won; say where it left off.
        let Some(now_at) = repo::assets::find(&self.deps.db, row.id).await? else {
            // Deleted meanwhile: the chunk just written goes too.
            self.remove_parts(row.id).await;
            return Err(not_found(id));
        };
        Ok(Appended { next_offset: u64::try_from(now_at.uploaded).unwrap_or(0), written: false })
    }

    pub async fn finish(&self, caller: &AuthContext, id: &QualifiedAssetId) -> DomainResult<Asset> {
        let row = self.owned(caller, id).await?;
        if row.finished_at.is_some() {
            return Ok(self.to_asset(row, true));
        }
        if row.uploaded != row.size {
            return Err(DomainError::FailedPrecondition(format!(
                "the upload is not complete: {} of {} bytes arrived; append from offset {}",
                row.uploaded, row.size, row.uploaded
            )));
        }
        // One finish at a time per asset here (another finish of it is told
        // to retry, and then finds it finished), and, since composing holds
        // up to ~20 MiB, a few at a time per process.
        let Some(_claim) = Claim::take(&self.finishing, row.id) else {
            return Err(DomainError::Unavailable(format!("asset {} is being finished; retry", row.id)));
        };
        let _place = self
            .composing
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| DomainError::Unavailable("shutting down".into()))?;
        // A finish on another instance may have won meanwhile.
        let row = repo::assets::find(&self.deps.db, row.id).await?.ok_or_else(|| not_found(id))?;
        if row.finished_at.is_some() {
            return Ok(self.to_asset(row, true));
        }
        match self.compose(&row).await {
            Ok(Composed::Done) => {}
            Ok(Composed::Mismatch) => {
                self.discard(row.id).await?;
                return Err(DomainError::InvalidArgument(
                    "the bytes uploaded do not match the SHA-256 given at creation: the upload is discarded, start again"
                        .into(),
                ));
            }
            Ok(Composed::Inconsistent(reason)) => {
                // Chunks removed under us: by a finish elsewhere that won
                // (then the asset is finished), or by a delete.
                return match repo::assets::find(&self.deps.db, row.id).await? {
                    Some(now) if now.finished_at.is_some() => Ok(self.to_asset(now, true)),
                    Some(_) => {
                        self.discard(row.id).await?;
                        Err(DomainError::InvalidArgument(format!("{reason}: the upload is discarded, start again")))
                    }
                    None => Err(not_found(id)),
                };
            }
            Err(err) => return Err(err),
        }
        let token = if row.public { None } else { Some(new_token()?) };
        let work = UnitOfWork::begin(&self.events).await?;
        let finished = repo::assets::finish(work.db(), row.id, self.deps.now_ms(), token).await?;
        work.commit().await?;
        if finished {
            self.remove_parts(row.id).await;
        }
        // Finished by this call or a concurrent one: the same asset either
        // way. Deleted meanwhile: the bytes just composed go too.
        match repo::assets::find(&self.deps.db, row.id).await? {
            Some(row) => Ok(self.to_asset(row, true)),
            None => {
                self.remove_bytes(row.id).await?;
                Err(not_found(id))
            }
        }
    }

    /// Puts the parts together as the asset, checking the SHA-256 on the
    /// way. The chunks stay until the asset is marked finished, so a finish
    /// that fails after this (the database, a cancelled call) can be retried.
    async fn compose(&self, row: &asset::Model) -> DomainResult<Composed> {
        let mut parts: Vec<(u64, u64)> = self
            .store
            .list(Some(&uploads_of(row.id)))
            .map_ok(|meta| (meta.location.filename().and_then(|name| name.parse::<u64>().ok()), meta.size))
            .try_collect::<Vec<_>>()
            .await
            .map_err(|err| store_failed("listing chunks", err))?
            .into_iter()
            .filter_map(|(offset, size)| offset.map(|offset| (offset, size)))
            .collect();
        parts.sort_unstable();
        let size = u64::try_from(row.size).unwrap_or(0);
        let mut expected = 0;
        for &(offset, length) in &parts {
            if offset != expected {
                return Ok(Composed::Inconsistent(format!(
                    "the chunks stored do not follow each other at byte {expected}"
                )));
            }
            expected += length;
        }
        if expected != size {
            return Ok(Composed::Inconsistent(format!("the chunks stored hold {expected} bytes, not {size}")));
        }
        let target = asset_path(row.id);
        let mut hasher = Sha256::new();
        if let [(offset, _)] = parts[..] {
            // One chunk: hash it, then copy it into place (a copy, not a
            // move: the chunk stays until the finish is committed).
            let part = part_path(row.id, offset);
            let Some(bytes) = self.read_chunk(&part).await? else {
                return Ok(Composed::Inconsistent("a chunk is gone".into()));
            };
            hasher.update(&bytes);
            if hasher.finalize().as_slice() != row.sha256.as_slice() {
                return Ok(Composed::Mismatch);
            }
            return match self.store.copy(&part, &target).await {
                Ok(()) => Ok(Composed::Done),
                Err(object_store::Error::NotFound { .. }) => Ok(Composed::Inconsistent("a chunk is gone".into())),
                Err(err) => Err(store_failed("copying a chunk", err)),
            };
        }
        let upload = self.store.put_multipart(&target).await.map_err(|err| store_failed("starting the asset", err))?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, COMPOSE_PART_BYTES);
        // A few reads in flight, in order: over S3 each read is a round trip.
        let paths: Vec<Path> = parts.iter().map(|&(offset, _)| part_path(row.id, offset)).collect();
        let mut reads = stream::iter(paths)
            .map(|path| async move { self.read_chunk(&path).await })
            .buffered(COMPOSE_READS_IN_FLIGHT);
        while let Some(read) = reads.next().await {
            let bytes = match read {
                Ok(Some(bytes)) => bytes,
                Ok(None) => {
                    let _ = writer.abort().await;
                    return Ok(Composed::Inconsistent("a chunk is gone".into()));
                }
                Err(err) => {
                    let _ = writer.abort().await;
                    return Err(err);
                }
            };
            hasher.update(&bytes);
            // Bounds the parts buffered and in flight to the store, so a
            // burst of finishes cannot hold whole assets in memory.
            if let Err(err) = writer.wait_for_capacity(COMPOSE_PARTS_IN_FLIGHT).await {
                let _ = writer.abort().await;
                return Err(store_failed("writing the asset", err));
            }
            writer.write(&bytes);
        }
        if hasher.finalize().as_slice() != row.sha256.as_slice() {
            let _ = writer.abort().await;
            return Ok(Composed::Mismatch);
        }
        writer.finish().await.map_err(|err| store_failed("writing the asset", err))?;
        Ok(Composed::Done)
    }

    /// `None` when the chunk is gone (removed by a concurrent finish or
    /// delete); other failures are the store's.
    async fn read_chunk(&self, path: &Path) -> DomainResult<Option<Bytes>> {
        let read = match self.store.get(path).await {
            Ok(result) => result.bytes().await,
            Err(err) => Err(err),
        };
        match read {
            Ok(bytes) => Ok(Some(bytes)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(err) => Err(store_failed("reading a chunk", err)),
        }
    }

    /// Removes an upload that is not finished: its row, then its bytes.
    async fn discard(&self, id: Uuid) -> DomainResult<()> {
        let work = UnitOfWork::begin(&self.events).await?;
        let removed = repo::assets::delete_unfinished(work.db(), id).await?;
        work.commit().await?;
        if removed {
            self.remove_bytes(id).await?;
            self.remove_parts(id).await;
        }
        Ok(())
    }

    /// Best effort: what is left is found by the cleanup's orphan pass.
    async fn remove_parts(&self, id: Uuid) -> u64 {
        let parts: Vec<Path> =
            match self.store.list(Some(&uploads_of(id))).map_ok(|meta| meta.location).try_collect().await {
                Ok(parts) => parts,
                Err(err) => {
                    tracing::warn!(error = %err, asset = %id, "asset store: listing chunks to remove failed");
                    return 0;
                }
            };
        self.delete_chunks(id, parts).await
    }

    async fn delete_chunks(&self, id: Uuid, parts: Vec<Path>) -> u64 {
        let mut removed = 0;
        for part in parts {
            match self.store.delete(&part).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => removed += 1,
                Err(err) => tracing::warn!(error = %err, asset = %id, "asset store: removing a chunk failed"),
            }
        }
        removed
    }

    /// Whether `reader` may read the asset of `row`, as it stands now.
    fn check_read(&self, row: &asset::Model, reader: &QualifiedUserId, token: &str) -> DomainResult<()> {
        let id = QualifiedAssetId::new(AssetId(row.id), &self.deps.domain);
        let expired = row.expires_at.is_some_and(|at| at <= self.deps.now_ms());
        if self.deps.is_local(&reader.domain) && reader.id.0 == row.owner_id {
            return match expired {
                true => Err(DomainError::NotFound(format!("asset {} has expired", row.id))),
                false => Ok(()),
            };
        }
        // To others, unfinished and expired look like unknown.
        if row.finished_at.is_none() || expired {
            return Err(not_found(&id));
        }
        if row.public {
            return Ok(());
        }
        match &row.token {
            Some(expected) if !token.is_empty() && same_token(expected, token) => Ok(()),
            _ if token.is_empty() => {
                Err(DomainError::PermissionDenied(format!("asset {} is private: reading it needs its token", row.id)))
            }
            _ => Err(DomainError::PermissionDenied(format!(
                "the token does not open asset {} (wrong, rotated or revoked)",
                row.id
            ))),
        }
    }

    async fn readable(
        &self,
        reader: &QualifiedUserId,
        id: &QualifiedAssetId,
        token: &str,
    ) -> DomainResult<asset::Model> {
        let row = repo::assets::find(&self.deps.db, id.id.0).await?.ok_or_else(|| not_found(id))?;
        self.check_read(&row, reader, token)?;
        Ok(row)
    }

    fn reader_of(&self, caller: &AuthContext) -> QualifiedUserId {
        QualifiedUserId::new(caller.user, &self.deps.domain)
    }

    /// The metadata of an asset of this or another backend.
    pub async fn info(&self, caller: &AuthContext, id: &QualifiedAssetId, token: &str) -> DomainResult<Asset> {
        let reader = self.reader_of(caller);
        if !self.deps.is_local(&id.domain) {
            return self.deps.remotes.asset(&id.domain, id.id, &reader, token).await;
        }
        self.info_for(&reader, id, token).await
    }

    /// The metadata of an asset of this backend for `reader`, who may be a
    /// user of another backend; the token is shown only to the owner.
    pub async fn info_for(&self, reader: &QualifiedUserId, id: &QualifiedAssetId, token: &str) -> DomainResult<Asset> {
        let row = self.readable(reader, id, token).await?;
        let owner = self.deps.is_local(&reader.domain) && reader.id.0 == row.owner_id;
        Ok(self.to_asset(row, owner))
    }

    /// The bytes from `offset`, `limit` at most (0: to the end), of an asset
    /// of this or another backend.
    pub async fn download(
        &self,
        caller: &AuthContext,
        id: &QualifiedAssetId,
        token: &str,
        offset: u64,
        limit: u64,
    ) -> DomainResult<AssetBytes> {
        let reader = self.reader_of(caller);
        if !self.deps.is_local(&id.domain) {
            return self.deps.remotes.asset_bytes(&id.domain, id.id, &reader, token, offset, limit).await;
        }
        self.bytes_for(&reader, id, token, offset, limit).await
    }

    pub async fn bytes_for(
        &self,
        reader: &QualifiedUserId,
        id: &QualifiedAssetId,
        token: &str,
        offset: u64,
        limit: u64,
    ) -> DomainResult<AssetBytes> {
        Ok(self.sized_bytes_for(reader, id, token, offset, limit).await?.1)
    }

    /// [`bytes_for`](Self::bytes_for), with the asset's size.
    async fn sized_bytes_for(
        &self,
        reader: &QualifiedUserId,
        id: &QualifiedAssetId,
        token: &str,
        offset: u64,
        limit: u64,
    ) -> DomainResult<(u64, AssetBytes)> {
        let row = self.readable(reader, id, token).await?;
        if row.finished_at.is_none() {
            return Err(DomainError::FailedPrecondition(format!(
                "asset {} is still being uploaded: finish it first",
                row.id
            )));
        }
        let size = u64::try_from(row.size).unwrap_or(0);
        if offset > size {
            return Err(DomainError::InvalidArgument(format!(
                "offset: {offset} is past the end of the asset ({size} bytes)"
            )));
        }
        let end = if limit == 0 { size } else { size.min(offset.saturating_add(limit)) };
        if offset == end {
            return Ok((size, stream::empty().boxed()));
        }
        let options = GetOptions { range: Some(GetRange::Bounded(offset..end)), ..GetOptions::default() };
        let result = match self.store.get_opts(&asset_path(row.id), options).await {
            Ok(result) => result,
            Err(object_store::Error::NotFound { .. }) => {
                // Deleted or expired since it was checked; only bytes gone
                // under a row that is still there are the operator's problem.
                let now = repo::assets::find(&self.deps.db, row.id).await?;
                if now.is_some_and(|now| now.expires_at.is_none_or(|at| at > self.deps.now_ms())) {
                    tracing::error!(asset = %row.id, "asset store: a finished asset has no bytes");
                }
                return Err(not_found(id));
            }
            Err(err) => return Err(store_failed("reading an asset", err)),
        };
        Ok((size, rechunk(result.into_stream().map_err(|err| store_failed("reading an asset", err)).boxed(), offset)))
    }

    /// One range, collected: at most [`MAX_READ_BYTES`].
    pub async fn read(
        &self,
        caller: &AuthContext,
        id: &QualifiedAssetId,
        token: &str,
        offset: u64,
        length: u32,
    ) -> DomainResult<(Bytes, u64)> {
        if length == 0 || length > MAX_READ_BYTES {
            return Err(DomainError::InvalidArgument(format!(
                "length: read 1 to {MAX_READ_BYTES} bytes at once, got {length}"
            )));
        }
        let limit = u64::from(length);
        let reader = self.reader_of(caller);
        let (size, mut bytes) = match self.deps.is_local(&id.domain) {
            true => self.sized_bytes_for(&reader, id, token, offset, limit).await?,
            // The owner's stream does not carry the size: its metadata does.
            false => {
                let info = self.deps.remotes.asset(&id.domain, id.id, &reader, token).await?;
                (info.size, self.deps.remotes.asset_bytes(&id.domain, id.id, &reader, token, offset, limit).await?)
            }
        };
        let length = usize::try_from(length).unwrap_or(0);
        let mut out = Vec::with_capacity(length);
        while let Some(piece) = bytes.next().await {
            let piece = piece?.1;
            out.extend_from_slice(&piece[..piece.len().min(length - out.len())]);
            if out.len() == length {
                break;
            }
        }
        Ok((Bytes::from(out), size))
    }

    pub async fn rotate_token(&self, caller: &AuthContext, id: &QualifiedAssetId) -> DomainResult<String> {
        let row = self.owned(caller, id).await?;
        if row.public {
            return Err(DomainError::FailedPrecondition(format!("asset {} is public: it has no token", row.id)));
        }
        if row.finished_at.is_none() {
            return Err(DomainError::FailedPrecondition(format!(
                "asset {} is still being uploaded: its token comes with FinishAsset",
                row.id
            )));
        }
        let token = new_token()?;
        let work = UnitOfWork::begin(&self.events).await?;
        let set = repo::assets::set_token(work.db(), row.id, Some(token.clone())).await?;
        work.commit().await?;
        if !set {
            return Err(not_found(id));
        }
        Ok(token)
    }

    pub async fn revoke_token(&self, caller: &AuthContext, id: &QualifiedAssetId) -> DomainResult<()> {
        let row = self.owned(caller, id).await?;
        let work = UnitOfWork::begin(&self.events).await?;
        repo::assets::set_token(work.db(), row.id, None).await?;
        work.commit().await
    }

    pub async fn delete(&self, caller: &AuthContext, id: &QualifiedAssetId) -> DomainResult<()> {
        let row = self.owned(caller, id).await?;
        self.remove(&row).await
    }

    /// The bytes first, then the row: a failure leaves the row, so the
    /// delete (or the cleanup) is tried again and no bytes are forgotten.
    /// Chunks left behind are found by the orphan pass, which lists uploads.
    async fn remove(&self, row: &asset::Model) -> DomainResult<()> {
        // Also for an unfinished upload: a finish may be composing it.
        self.remove_bytes(row.id).await?;
        let work = UnitOfWork::begin(&self.events).await?;
        repo::assets::delete(work.db(), row.id).await?;
        work.commit().await?;
        self.remove_parts(row.id).await;
        Ok(())
    }

    async fn remove_bytes(&self, id: Uuid) -> DomainResult<()> {
        match self.store.delete(&asset_path(id)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(store_failed("removing an asset", err)),
        }
    }

    /// Removes expired assets, uploads left unfinished past their time, and
    /// chunks no upload owns any more.
    pub async fn clean_up(&self) -> DomainResult<Cleaned> {
        let mut cleaned = Cleaned::default();
        let now = self.deps.now_ms();
        loop {
            let expired = repo::assets::expired(&self.deps.db, now, CLEANUP_BATCH).await?;
            for row in &expired {
                self.remove(row).await?;
                cleaned.expired += 1;
            }
            if len_u64(expired.len()) < CLEANUP_BATCH {
                break;
            }
        }
        let ttl_ms = i64::try_from(self.settings.unfinished_ttl.as_millis()).unwrap_or(i64::MAX);
        let cutoff = now.saturating_sub(ttl_ms);
        loop {
            let abandoned = repo::assets::abandoned(&self.deps.db, cutoff, CLEANUP_BATCH).await?;
            for row in &abandoned {
                self.remove(row).await?;
                cleaned.abandoned += 1;
            }
            if len_u64(abandoned.len()) < CLEANUP_BATCH {
                break;
            }
        }
        cleaned.orphaned_parts = self.remove_orphaned_parts().await?;
        Ok(cleaned)
    }

    async fn remove_orphaned_parts(&self) -> DomainResult<u64> {
        let listed: Vec<Path> = self
            .store
            .list(Some(&Path::from("uploads")))
            .map_ok(|meta| meta.location)
            .try_collect()
            .await
            .map_err(|err| store_failed("listing uploads", err))?;
        // Chunks by upload, from this one listing.
        let mut chunks: BTreeMap<Uuid, Vec<Path>> = BTreeMap::new();
        for path in listed {
            if let Some(id) = path.parts().nth(1).and_then(|part| Uuid::parse_str(part.as_ref()).ok()) {
                chunks.entry(id).or_default().push(path);
            }
        }
        let uploads: Vec<Uuid> = chunks.keys().copied().collect();
        let mut removed = 0;
        for batch in uploads.chunks(CLEANUP_BATCH as usize) {
            let live = repo::assets::unfinished_among(&self.deps.db, batch).await?;
            for id in batch.iter().filter(|id| !live.contains(id)) {
                removed += self.delete_chunks(*id, chunks.remove(id).unwrap_or_default()).await;
            }
        }
        Ok(removed)
    }
}

/// The store's pieces come in any size (8 KiB from a file, HTTP frames from
/// S3): joined and cut into [`DOWNLOAD_CHUNK_BYTES`] messages, the last one
/// shorter, each tagged with where it starts.
fn rechunk(pieces: BoxStream<'static, DomainResult<Bytes>>, offset: u64) -> AssetBytes {
    struct State {
        pieces: BoxStream<'static, DomainResult<Bytes>>,
        at: u64,
        buffer: BytesMut,
        done: bool,
    }
    let state = State { pieces, at: offset, buffer: BytesMut::new(), done: false };
    stream::unfold(state, |mut state| async move {
        loop {
            let full = state.buffer.len() >= DOWNLOAD_CHUNK_BYTES;
            if full || (state.done && !state.buffer.is_empty()) {
                let take = state.buffer.len().min(DOWNLOAD_CHUNK_BYTES);
                let chunk = state.buffer.split_to(take).freeze();
                let at = state.at;
                state.at += len_u64(take);
                return Some((Ok((at, chunk)), state));
            }
            if state.done {
                return None;
            }
            match state.pieces.next().await {
                Some(Ok(piece)) => state.buffer.extend_from_slice(&piece),
                Some(Err(err)) => {
                    // What came before the failure is lost with it: the
                    // client resumes from the last chunk it got.
                    state.done = true;
                    state.buffer.clear();
                    return Some((Err(err), state));
                }
                None => state.done = true,
            }
        }
    })
    .boxed()
}
