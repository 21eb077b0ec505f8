//! The repository tests, run against SQLite and PostgreSQL from one suite.
//!
//! Each test gets its own database from `missive_db::testing`: a temporary
//! SQLite file, or a fresh PostgreSQL database created through `DATABASE_URL`
//! (from scripts/deps.sh).
//! Without `DATABASE_URL` the PostgreSQL half is skipped locally and fails in
//! CI (`CI` set), so CI can never pass without really running it.

use missive_db::entity::{
    conversation, conversation_member, conversation_remote_member, device, device_challenge, push_token, refresh_token,
    session, user,
};
use missive_db::repo::{self, devices::AddDevice, events::NewEvent, sessions::Rotation};
use missive_db::sea_orm::TransactionTrait;
use missive_db::testing::TestDatabase;
use missive_db::{DatabaseConnection, StoreError};
use uuid::Uuid;

/// Generates `sqlite::NAME` and `postgres::NAME` for each generic test fn.
macro_rules! on_every_backend {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = super::TestDatabase::sqlite().await;
                    super::$name(db.conn()).await;
                    db.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = super::TestDatabase::postgres().await else { return };
                    super::$name(db.conn()).await;
                    db.finish().await;
                }
            )*
        }
    };
}

on_every_backend!(
    migrations_are_idempotent,
    a_user_is_created_with_its_first_device,
    a_taken_handle_is_a_conflict,
    the_device_limit_holds,
    a_refresh_token_is_spent_once_under_concurrency,
    a_challenge_is_taken_once,
    removing_a_device_removes_its_sessions_and_challenges,
    removing_a_device_removes_its_events_even_mid_send,
    retention_never_moves_a_head_back,
    a_write_for_a_removed_device_is_a_missing_reference,
    revoking_a_session_keeps_the_first_revocation_time,
    concurrent_claims_take_each_prekey_once,
    concurrent_fan_outs_give_every_device_gap_free_cursors,
    concurrent_batches_over_many_devices_neither_deadlock_nor_leave_gaps,
    acknowledging_deletes_and_remembers,
    a_message_id_is_recorded_once,
    message_ids_are_recorded_once_in_a_batch,
    a_batch_appends_several_events_per_device_in_order,
    blocked_pairs_are_found_in_both_directions,
    conversations_are_read_whole_in_one_statement,
    crossing_sends_in_open_transactions_do_not_deadlock,
    a_checkpoint_writes_the_sqlite_log_back,
    search_puts_the_exact_handle_first,
    the_devices_of_many_users_come_whole_and_in_key_order,
    a_wake_up_is_owed_claimed_once_and_settled,
);

const NOW: i64 = 1_700_000_000_000;

/// An event for the device, its payload one byte.
fn event_for(device: &device::Model, payload: u8) -> NewEvent {
    NewEvent { user_id: device.user_id, device_id: device.id.clone(), payload: vec![payload] }
}

fn new_user(handle: &str) -> user::Model {
    user::Model {
        id: Uuid::new_v4(),
        handle: handle.to_owned(),
        display_name: handle.to_uppercase(),
        password_hash: "$argon2id$test".to_owned(),
        created_at: NOW,
    }
}

fn new_device(user_id: Uuid, id: &str) -> device::Model {
    device::Model {
        user_id,
        id: id.to_owned(),
        identity_key: vec![7; 32],
        label: "phone".to_owned(),
        class: 1,
        created_at: NOW,
        last_event_seq: 0,
        acked_seq: 0,
    }
}

async fn user_with_device(db: &DatabaseConnection, handle: &str) -> (user::Model, device::Model) {
    let owner = new_user(handle);
    let first = new_device(owner.id, "00000000000000a1");
    repo::users::create_with_first_device(db, owner.clone(), first.clone()).await.unwrap();
    (owner, first)
}

async fn session_with_token(db: &DatabaseConnection, first: &device::Model, hash: &str) -> session::Model {
    let family = session::Model {
        id: Uuid::new_v4(),
        user_id: first.user_id,
        device_id: first.id.clone(),
        created_at: NOW,
        revoked_at: None,
    };
    let token = refresh_token::Model {
        token_hash: hash.to_owned(),
        session_id: family.id,
        created_at: NOW,
        expires_at: NOW + 1000,
        spent_at: None,
    };
    repo::sessions::create(db, family.clone(), token).await.unwrap();
    family
}

async fn migrations_are_idempotent(db: &DatabaseConnection) {
    use sea_orm_migration::MigratorTrait;
    missive_db::migration::Migrator::up(db, None).await.expect("a second run applies nothing and succeeds");
    let pending = missive_db::migration::Migrator::get_pending_migrations(db).await.unwrap();
    assert!(pending.is_empty());
}

async fn a_user_is_created_with_its_first_device(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    let found = repo::users::find_by_handle(db, "alice").await.unwrap().unwrap();
    assert_eq!(found, owner);
    assert_eq!(repo::devices::list(db, owner.id).await.unwrap(), vec![first]);
    let many = repo::users::find_many(db, &[owner.id, Uuid::new_v4()]).await.unwrap();
    assert_eq!(many.len(), 1);
    assert_eq!(repo::users::taken_handles(db, &["alice".into(), "bob".into()]).await.unwrap(), vec!["alice"]);
}

async fn a_taken_handle_is_a_conflict(db: &DatabaseConnection) {
    user_with_device(db, "alice").await;
    let again = new_user("alice");
    let err = repo::users::create_with_first_device(db, again.clone(), new_device(again.id, "00000000000000b1"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    // Nothing of the refused account stayed behind.
    assert!(repo::users::find_by_id(db, again.id).await.unwrap().is_none());
    assert!(repo::devices::list(db, again.id).await.unwrap().is_empty());
}

async fn the_device_limit_holds(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    let second = new_device(owner.id, "00000000000000a2");
    assert_eq!(repo::devices::add_within_limit(db, first.clone(), 3).await.unwrap(), AddDevice::AlreadyExists);
    assert_eq!(repo::devices::add_within_limit(db, second, 2).await.unwrap(), AddDevice::Added);
    let third = new_device(owner.id, "00000000000000a3");
    assert_eq!(repo::devices::add_within_limit(db, third, 2).await.unwrap(), AddDevice::LimitReached);
    let stranger = new_device(Uuid::new_v4(), "00000000000000a4");
    assert_eq!(repo::devices::add_within_limit(db, stranger, 2).await.unwrap(), AddDevice::UnknownUser);
}

async fn a_refresh_token_is_spent_once_under_concurrency(db: &DatabaseConnection) {
    let (_, first) = user_with_device(db, "alice").await;
    let family = session_with_token(db, &first, "old").await;
    let attempts = (0..8).map(|i| {
        let db = db.clone();
        let successor = refresh_token::Model {
            token_hash: format!("new-{i}"),
            session_id: family.id,
            created_at: NOW,
            expires_at: NOW + 1000,
            spent_at: None,
        };
        tokio::spawn(async move { repo::sessions::rotate_refresh_token(&db, "old", successor, NOW + 1).await })
    });
    let mut rotated = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            Ok(Rotation::Rotated) => rotated += 1,
            Ok(Rotation::AlreadySpent) => {}
            // SQLite may refuse a concurrent writer outright; that is a refusal too.
            Err(StoreError::Unavailable(_) | StoreError::Internal(_)) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(rotated, 1, "exactly one rotation wins");
    let (old, _) = repo::sessions::find_refresh_token(db, "old").await.unwrap().unwrap();
    assert_eq!(old.spent_at, Some(NOW + 1));
}

async fn a_challenge_is_taken_once(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    let challenge = device_challenge::Model {
        id: Uuid::new_v4(),
        user_id: owner.id,
        device_id: first.id.clone(),
        challenge: vec![1; 32],
        expires_at: NOW + 60_000,
    };
    repo::challenges::insert(db, challenge.clone()).await.unwrap();
    assert_eq!(repo::challenges::take(db, challenge.id).await.unwrap(), Some(challenge.clone()));
    assert_eq!(repo::challenges::take(db, challenge.id).await.unwrap(), None);

    let stale = device_challenge::Model { id: Uuid::new_v4(), expires_at: NOW - 1, ..challenge };
    repo::challenges::insert(db, stale.clone()).await.unwrap();
    assert_eq!(repo::challenges::purge_expired(db, NOW).await.unwrap(), 1);
    assert_eq!(repo::challenges::take(db, stale.id).await.unwrap(), None);
}

async fn removing_a_device_removes_its_sessions_and_challenges(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    session_with_token(db, &first, "token-of-removed-device").await;
    let challenge = device_challenge::Model {
        id: Uuid::new_v4(),
        user_id: owner.id,
        device_id: first.id.clone(),
        challenge: vec![1; 32],
        expires_at: NOW + 60_000,
    };
    repo::challenges::insert(db, challenge.clone()).await.unwrap();
    assert!(repo::devices::delete(db, owner.id, &first.id).await.unwrap());
    assert!(!repo::devices::delete(db, owner.id, &first.id).await.unwrap());
    // Foreign keys cascade on every pooled connection, SQLite included.
    assert!(repo::sessions::find_refresh_token(db, "token-of-removed-device").await.unwrap().is_none());
    assert_eq!(repo::challenges::take(db, challenge.id).await.unwrap(), None);
}

/// A device's events go with it: by the foreign key's cascade on SQLite,
/// by a trigger on PostgreSQL (m0011). There a send that has locked the
/// device holds the deletion until it commits, and the deletion then takes
/// that send's events too; no event outlives its device.
async fn removing_a_device_removes_its_events_even_mid_send(db: &DatabaseConnection) {
    use missive_db::sea_orm::DbBackend;
    let (alice, phone) = user_with_device(db, "alice").await;
    let (bob, laptop) = user_with_device(db, "bob").await;
    let to = |user: &user::Model, device: &device::Model, payload: u8| NewEvent {
        user_id: user.id,
        device_id: device.id.clone(),
        payload: vec![payload],
    };
    let appended = repo::events::append(db, vec![to(&alice, &phone, 1), to(&bob, &laptop, 1)], NOW).await.unwrap();
    assert_eq!(appended.len(), 2);
    let stored = |user: Uuid, device: String| async move {
        repo::events::read_after(db, user, &device, 0, 100).await.unwrap().len()
    };

    if db.get_database_backend() == DbBackend::Postgres {
        let send = db.begin().await.unwrap();
        let appended = repo::events::append(&send, vec![to(&alice, &phone, 2)], NOW).await.unwrap();
        assert_eq!(appended.len(), 1);
        let deletion = repo::devices::delete(db, alice.id, &phone.id);
        tokio::pin!(deletion);
        let waited = tokio::time::timeout(std::time::Duration::from_millis(300), &mut deletion).await;
        assert!(waited.is_err(), "the deletion waits for the send holding the device");
        send.commit().await.unwrap();
        assert!(deletion.await.unwrap());
    } else {
        assert!(repo::devices::delete(db, alice.id, &phone.id).await.unwrap());
    }
    assert_eq!(stored(alice.id, phone.id.clone()).await, 0, "no event outlives its device");
    assert_eq!(stored(bob.id, laptop.id.clone()).await, 1, "other devices keep theirs");
    // A send after the deletion stores nothing for the device.
    let late = repo::events::append(db, vec![to(&alice, &phone, 3), to(&bob, &laptop, 3)], NOW).await.unwrap();
    assert_eq!(late.len(), 1);
    assert_eq!(stored(alice.id, phone.id.clone()).await, 0);
}

/// Retention deletes unacknowledged events (of one device at a Subscribe,
/// of all in the periodic sweep); the heads stay where they were, so the
/// next event of each device takes the next cursor, never one already given.
async fn retention_never_moves_a_head_back(db: &DatabaseConnection) {
    let (alice, phone) = user_with_device(db, "alice").await;
    let (bob, laptop) = user_with_device(db, "bob").await;
    let to = |user: &user::Model, device: &device::Model| NewEvent {
        user_id: user.id,
        device_id: device.id.clone(),
        payload: vec![1],
    };
    let append = |events: Vec<NewEvent>, now: i64| async move {
        let txn = db.begin().await.unwrap();
        let stored = repo::events::append(&txn, events, now).await.unwrap();
        txn.commit().await.unwrap();
        stored.into_iter().map(|e| e.seq).collect::<Vec<_>>()
    };
    for _ in 0..3 {
        append(vec![to(&alice, &phone), to(&bob, &laptop)], NOW).await;
    }
    let head = |user: Uuid, device: String| async move {
        repo::events::queue_state(db, user, &device).await.unwrap().unwrap().head
    };

    assert_eq!(repo::events::expire_device(db, alice.id, &phone.id, NOW + 1).await.unwrap(), 3);
    assert_eq!(head(alice.id, phone.id.clone()).await, 3, "every event of the device gone, the head stays");
    assert_eq!(head(bob.id, laptop.id.clone()).await, 3, "another device's events stay");
    assert_eq!(repo::events::read_after(db, bob.id, &laptop.id, 0, 10).await.unwrap().len(), 3);

    // A newer event survives the sweep; the older ones go with no head moving.
    append(vec![to(&alice, &phone), to(&bob, &laptop)], NOW + 5).await;
    assert_eq!(repo::events::expire_all(db, NOW + 1).await.unwrap(), 3, "bob's three old events");
    assert_eq!(head(alice.id, phone.id.clone()).await, 4);
    assert_eq!(head(bob.id, laptop.id.clone()).await, 4);
    assert_eq!(repo::events::expire_all(db, NOW + 10).await.unwrap(), 2);
    assert_eq!(append(vec![to(&alice, &phone), to(&bob, &laptop)], NOW + 20).await, vec![5, 5]);
}

/// A device removed while one of its requests is in flight: the request's
/// write must come back as a missing reference (a state the client caused),
/// never as an internal error.
async fn a_write_for_a_removed_device_is_a_missing_reference(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    assert!(repo::devices::delete(db, owner.id, &first.id).await.unwrap());
    let prekeys = vec![(1, vec![1; 8])];
    let err = repo::keys::upload_prekeys(db, owner.id, &first.id, prekeys, None, 100).await.unwrap_err();
    assert!(matches!(err, StoreError::MissingReference(_)), "{err:?}");
    let err = repo::keys::upload_key_packages(db, owner.id, &first.id, vec![vec![1; 8]], NOW).await.unwrap_err();
    assert!(matches!(err, StoreError::MissingReference(_)), "{err:?}");
    let sent = missive_db::entity::sent_message::Model {
        sender_id: owner.id,
        sender_device_id: first.id.clone(),
        message_id: "m1".into(),
        sent_at: NOW,
    };
    let err = repo::messages::record_sent(db, sent).await.unwrap_err();
    assert!(matches!(err, StoreError::MissingReference(_)), "{err:?}");
}

async fn revoking_a_session_keeps_the_first_revocation_time(db: &DatabaseConnection) {
    let (_, first) = user_with_device(db, "alice").await;
    let family = session_with_token(db, &first, "t").await;
    repo::sessions::revoke(db, family.id, NOW + 5).await.unwrap();
    repo::sessions::revoke(db, family.id, NOW + 9).await.unwrap();
    let (_, stored) = repo::sessions::find_refresh_token(db, "t").await.unwrap().unwrap();
    assert_eq!(stored.revoked_at, Some(NOW + 5));
}

async fn concurrent_claims_take_each_prekey_once(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    let prekeys = (1..=20).map(|id| (id, vec![id as u8; 8])).collect();
    let count =
        repo::keys::upload_prekeys(db, owner.id, &first.id, prekeys, Some((65535, vec![0xff; 8])), 100).await.unwrap();
    assert_eq!(count, Some(20));
    let claims = (0..50).map(|_| {
        let db = db.clone();
        let device = first.id.clone();
        tokio::spawn(async move { repo::keys::claim_prekey(&db, owner.id, &device).await })
    });
    let mut one_time = std::collections::BTreeSet::new();
    let mut last_resort = 0;
    for claim in claims {
        let claimed = claim.await.unwrap().expect("claim succeeds").expect("a key");
        if claimed.last_resort {
            assert_eq!(claimed.prekey_id, 65535);
            last_resort += 1;
        } else {
            assert!(one_time.insert(claimed.prekey_id), "prekey {} handed out twice", claimed.prekey_id);
        }
    }
    assert_eq!((one_time.len(), last_resort), (20, 30));
    assert_eq!(repo::keys::prekey_count(db, owner.id, &first.id).await.unwrap(), (0, true));
}

async fn concurrent_fan_outs_give_every_device_gap_free_cursors(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    let second = new_device(owner.id, "00000000000000a2");
    repo::devices::add_within_limit(db, second.clone(), 8).await.unwrap();
    let sends = (0..20).map(|i| {
        let db = db.clone();
        let devices = [first.id.clone(), second.id.clone()];
        tokio::spawn(async move {
            // Each send is its own transaction, as SendMessage does it.
            loop {
                let txn = db.begin().await.unwrap();
                let events = devices
                    .iter()
                    .map(|d| NewEvent { user_id: owner.id, device_id: d.clone(), payload: vec![i] })
                    .collect();
                match repo::events::append(&txn, events, NOW).await {
                    Ok(stored) => {
                        assert_eq!(stored.len(), 2);
                        txn.commit().await.unwrap();
                        return;
                    }
                    // SQLite may report a busy writer; the client would retry.
                    Err(StoreError::Unavailable(_) | StoreError::Internal(_)) => continue,
                    Err(other) => panic!("{other:?}"),
                }
            }
        })
    });
    for send in sends {
        send.await.unwrap();
    }
    for device in [&first.id, &second.id] {
        let stored = repo::events::read_after(db, owner.id, device, 0, 100).await.unwrap();
        let cursors: Vec<i64> = stored.iter().map(|e| e.seq).collect();
        assert_eq!(cursors, (1..=20).collect::<Vec<_>>(), "device {device}");
    }
}

/// Batches over more devices than one statement takes (several chunks),
/// each listing them in its own order and some twice, all at once: every
/// batch goes through (no deadlock on PostgreSQL, whose batches lock the
/// rows in key order) and every device's cursors are gap-free.
async fn concurrent_batches_over_many_devices_neither_deadlock_nor_leave_gaps(db: &DatabaseConnection) {
    let mut devices: Vec<(Uuid, String)> = Vec::new();
    for u in 0..60 {
        let (owner, first) = user_with_device(db, &format!("user{u}")).await;
        devices.push((owner.id, first.id));
        for d in 2..=8 {
            let device = new_device(owner.id, &format!("00000000000000{d:02x}"));
            repo::devices::add_within_limit(db, device.clone(), 8).await.unwrap();
            devices.push((owner.id, device.id));
        }
    }
    let batches = 6;
    let sends = (0..batches).map(|b| {
        let db = db.clone();
        let mut order = devices.clone();
        // Each batch its own order; the first ten devices get two events.
        let shift = b * 77 % order.len();
        order.rotate_left(shift);
        if b % 2 == 1 {
            order.reverse();
        }
        order.extend(devices[..10].iter().cloned());
        tokio::spawn(async move {
            loop {
                let txn = db.begin().await.unwrap();
                let events = order
                    .iter()
                    .map(|(user_id, device_id)| NewEvent {
                        user_id: *user_id,
                        device_id: device_id.clone(),
                        payload: vec![b as u8],
                    })
                    .collect();
                match repo::events::append(&txn, events, NOW).await {
                    Ok(stored) => {
                        assert_eq!(stored.len(), order.len());
                        txn.commit().await.unwrap();
                        return;
                    }
                    // SQLite may report a busy writer; the client would retry.
                    Err(StoreError::Unavailable(_) | StoreError::Internal(_)) => continue,
                    Err(other) => panic!("{other:?}"),
                }
            }
        })
    });
    let all = futures_util::future::join_all(sends);
    let done = tokio::time::timeout(std::time::Duration::from_secs(60), all).await.expect("no batch waits forever");
    for send in done {
        send.unwrap();
    }
    for (index, (user_id, device_id)) in devices.iter().enumerate() {
        let stored = repo::events::read_after(db, *user_id, device_id, 0, 100).await.unwrap();
        let cursors: Vec<i64> = stored.iter().map(|e| e.seq).collect();
        let expected = if index < 10 { 2 * batches as i64 } else { batches as i64 };
        assert_eq!(cursors, (1..=expected).collect::<Vec<_>>(), "device {device_id}");
        let state = repo::events::queue_state(db, *user_id, device_id).await.unwrap().unwrap();
        assert_eq!(state.head, expected);
    }
}

async fn acknowledging_deletes_and_remembers(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    let (_, second) = user_with_device(db, "bob").await;
    for i in 0..6 {
        let events = [&first, &second].map(|device| NewEvent {
            user_id: device.user_id,
            device_id: device.id.clone(),
            payload: vec![i],
        });
        repo::events::append(db, events.into(), NOW + i64::from(i)).await.unwrap();
    }
    repo::events::record_ack(db, owner.id, &first.id, 5).await.unwrap();
    let state = repo::events::queue_state(db, owner.id, &first.id).await.unwrap().unwrap();
    assert_eq!((state.head, state.acked, state.oldest_stored), (6, 5, Some(1)), "remembered, not yet deleted");
    // In pieces, oldest first, never past the mark, never another device's.
    assert_eq!(repo::events::delete_acknowledged(db, owner.id, &first.id, 5, Some(2)).await.unwrap(), 2);
    let state = repo::events::queue_state(db, owner.id, &first.id).await.unwrap().unwrap();
    assert_eq!(state.oldest_stored, Some(3));
    assert_eq!(repo::events::delete_acknowledged(db, owner.id, &first.id, 5, Some(2)).await.unwrap(), 2);
    assert_eq!(repo::events::delete_acknowledged(db, owner.id, &first.id, 5, Some(2)).await.unwrap(), 1);
    assert_eq!(repo::events::delete_acknowledged(db, owner.id, &first.id, 5, Some(2)).await.unwrap(), 0);
    let state = repo::events::queue_state(db, owner.id, &first.id).await.unwrap().unwrap();
    assert_eq!((state.head, state.acked, state.oldest_stored), (6, 5, Some(6)));
    // Without a limit, every acknowledged event at once.
    repo::events::record_ack(db, second.user_id, &second.id, 4).await.unwrap();
    assert_eq!(repo::events::delete_acknowledged(db, second.user_id, &second.id, 4, None).await.unwrap(), 4);
    assert_eq!(repo::events::delete_acknowledged(db, second.user_id, &second.id, 6, None).await.unwrap(), 2);
    let first_left = repo::events::read_after(db, owner.id, &first.id, 0, 100).await.unwrap();
    assert_eq!(first_left.len(), 1, "the first device keeps its unacknowledged event");
    // An older acknowledgement does not move the mark back.
    repo::events::record_ack(db, owner.id, &first.id, 1).await.unwrap();
    assert_eq!(repo::events::queue_state(db, owner.id, &first.id).await.unwrap().unwrap().acked, 5);
    assert_eq!(repo::events::expire_device(db, owner.id, &first.id, NOW + 10).await.unwrap(), 1);
}

async fn a_message_id_is_recorded_once(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    let sent = missive_db::entity::sent_message::Model {
        sender_id: owner.id,
        sender_device_id: first.id.clone(),
        message_id: "m1".into(),
        sent_at: NOW,
    };
    assert!(repo::messages::record_sent(db, sent.clone()).await.unwrap());
    assert!(!repo::messages::record_sent(db, sent).await.unwrap());
    assert!(repo::messages::find_sent(db, owner.id, &first.id, "m1").await.unwrap().is_some());
}

async fn message_ids_are_recorded_once_in_a_batch(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    let record = |id: &str| missive_db::entity::sent_message::Model {
        sender_id: owner.id,
        sender_device_id: first.id.clone(),
        message_id: id.into(),
        sent_at: NOW,
    };
    assert!(repo::messages::record_sent(db, record("m2")).await.unwrap());
    let batch: Vec<_> = (1..=300).map(|n| record(&format!("m{n}"))).collect();
    let new = repo::messages::record_sent_many(db, &batch).await.unwrap();
    // m2 was recorded before; the batch spans two statements (200 each).
    let expected: Vec<bool> = (1..=300).map(|n| n != 2).collect();
    assert_eq!(new, expected);
    let again = repo::messages::record_sent_many(db, &batch[..3]).await.unwrap();
    assert_eq!(again, vec![false; 3]);
    assert!(repo::messages::record_sent_many(db, &[]).await.unwrap().is_empty());
}

async fn a_batch_appends_several_events_per_device_in_order(db: &DatabaseConnection) {
    let (owner, first) = user_with_device(db, "alice").await;
    let second = new_device(owner.id, "00000000000000a2");
    repo::devices::add_within_limit(db, second.clone(), 8).await.unwrap();
    let event = |device: &str, payload: u8| NewEvent {
        user_id: owner.id,
        device_id: device.to_owned(),
        payload: vec![payload],
    };
    repo::events::append(db, vec![event(&first.id, 0)], NOW).await.unwrap();
    let batch = vec![
        event(&first.id, 1),
        event(&second.id, 2),
        event("0000000000000gone", 3),
        event(&first.id, 4),
        event(&first.id, 5),
        event(&second.id, 6),
    ];
    let txn = db.begin().await.unwrap();
    let stored = repo::events::append(&txn, batch, NOW).await.unwrap();
    txn.commit().await.unwrap();
    let summary: Vec<(String, i64, u8)> = stored.iter().map(|e| (e.device_id.clone(), e.seq, e.payload[0])).collect();
    assert_eq!(
        summary,
        vec![
            (first.id.clone(), 2, 1),
            (second.id.clone(), 1, 2),
            (first.id.clone(), 3, 4),
            (first.id.clone(), 4, 5),
            (second.id.clone(), 2, 6),
        ],
        "the given order, cursors gap-free per device, the missing device skipped"
    );
    let read: Vec<(i64, u8)> = repo::events::read_after(db, owner.id, &first.id, 0, 10)
        .await
        .unwrap()
        .iter()
        .map(|e| (e.seq, e.payload[0]))
        .collect();
    assert_eq!(read, vec![(1, 0), (2, 1), (3, 4), (4, 5)]);
    assert_eq!(repo::events::queue_state(db, owner.id, &second.id).await.unwrap().unwrap().head, 2);
}

/// Members here and elsewhere, each in join order (then user id); a
/// conversation with members only elsewhere; an unknown id left out.
async fn conversations_are_read_whole_in_one_statement(db: &DatabaseConnection) {
    let (alice, _) = user_with_device(db, "alice").await;
    let (bob, _) = user_with_device(db, "bob").await;
    let conversation = |owner_domain: &str| conversation::Model {
        id: Uuid::new_v4(),
        kind: 2,
        name: "group".into(),
        creator: alice.id,
        created_at: NOW,
        owner_domain: owner_domain.into(),
        protocol: 0,
    };
    let member = |c: &conversation::Model, user: &user::Model, joined_at: i64| conversation_member::Model {
        conversation_id: c.id,
        user_id: user.id,
        role: 1,
        joined_at,
    };
    let remote =
        |c: &conversation::Model, domain: &str, user_id: Uuid, joined_at: i64| conversation_remote_member::Model {
            conversation_id: c.id,
            user_domain: domain.into(),
            user_id,
            role: 2,
            joined_at,
        };
    let (mixed, elsewhere, here) = (conversation(""), conversation("b.example"), conversation(""));
    let mixed_members = vec![member(&mixed, &alice, NOW), member(&mixed, &bob, NOW + 1)];
    let (low, high) = {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        (a.min(b), a.max(b))
    };
    let mixed_remote = vec![remote(&mixed, "b.example", low, NOW + 2), remote(&mixed, "a.example", high, NOW + 2)];
    let elsewhere_remote = vec![remote(&elsewhere, "b.example", high, NOW)];
    let here_members = vec![member(&here, &bob, NOW)];
    repo::conversations::create(db, mixed.clone(), mixed_members.iter().rev().cloned().collect()).await.unwrap();
    repo::conversations::add_remote_members(db, mixed_remote.iter().rev().cloned().collect()).await.unwrap();
    repo::conversations::create(db, elsewhere.clone(), Vec::new()).await.unwrap();
    repo::conversations::add_remote_members(db, elsewhere_remote.clone()).await.unwrap();
    repo::conversations::create(db, here.clone(), here_members.clone()).await.unwrap();

    let ids = [here.id, Uuid::new_v4(), mixed.id, elsewhere.id];
    let found = repo::conversations::find_many_whole(db, &ids).await.unwrap();
    let mut expected = vec![
        (mixed, mixed_members, mixed_remote),
        (elsewhere, Vec::new(), elsewhere_remote),
        (here, here_members, Vec::new()),
    ];
    expected.sort_by_key(|(c, _, _)| c.id);
    assert_eq!(found, expected);
    assert!(repo::conversations::find_many_whole(db, &[]).await.unwrap().is_empty());
}

/// Two open transactions, each with its sender's idempotency record (whose
/// foreign key share-locks the sender's device), then each appending to the
/// other's device: the append's row locks must not wait on those share
/// locks. On SQLite transactions never overlap, so there is nothing to see.
async fn crossing_sends_in_open_transactions_do_not_deadlock(db: &DatabaseConnection) {
    if db.get_database_backend() != missive_db::sea_orm::DbBackend::Postgres {
        return;
    }
    let (alice, alice_device) = user_with_device(db, "alice").await;
    let (bob, bob_device) = user_with_device(db, "bob").await;
    let record = |user: &user::Model, device: &device::Model| missive_db::entity::sent_message::Model {
        sender_id: user.id,
        sender_device_id: device.id.clone(),
        message_id: "m".into(),
        sent_at: NOW,
    };
    let first = db.begin().await.unwrap();
    let second = db.begin().await.unwrap();
    assert!(repo::messages::record_sent_many(&first, &[record(&alice, &alice_device)]).await.unwrap()[0]);
    assert!(repo::messages::record_sent_many(&second, &[record(&bob, &bob_device)]).await.unwrap()[0]);
    let to = |user: &user::Model, device: &device::Model| NewEvent {
        user_id: user.id,
        device_id: device.id.clone(),
        payload: vec![1],
    };
    let appended = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        tokio::join!(
            repo::events::append(&first, vec![to(&bob, &bob_device)], NOW),
            repo::events::append(&second, vec![to(&alice, &alice_device)], NOW),
        )
    })
    .await
    .expect("neither append waits on the other transaction");
    assert_eq!(appended.0.unwrap().len(), 1, "no deadlock");
    assert_eq!(appended.1.unwrap().len(), 1, "no deadlock");
    first.commit().await.unwrap();
    second.commit().await.unwrap();
}

/// Commits leave the log to the checkpoint task (no automatic checkpoint);
/// one passive checkpoint copies all of it back. Nothing to do on PostgreSQL.
async fn a_checkpoint_writes_the_sqlite_log_back(db: &DatabaseConnection) {
    use missive_db::sea_orm::ConnectionTrait;
    user_with_device(db, "alice").await;
    let checkpointed = missive_db::checkpoint(db).await.unwrap();
    if db.get_database_backend() != missive_db::sea_orm::DbBackend::Sqlite {
        assert_eq!(checkpointed, None);
        return;
    }
    let statement = missive_db::sea_orm::Statement::from_string(
        missive_db::sea_orm::DbBackend::Sqlite,
        "PRAGMA wal_autocheckpoint",
    );
    let automatic: i64 = db.query_one_raw(statement).await.unwrap().unwrap().try_get_by_index(0).unwrap();
    assert_eq!(automatic, 0, "no checkpoint inside a commit");
    let (log, copied) = checkpointed.expect("SQLite reports its log");
    assert!(log > 0, "the commits are in the log, not yet in the database file");
    assert_eq!(copied, log, "with no reader in the way, everything is copied back");
}

async fn blocked_pairs_are_found_in_both_directions(db: &DatabaseConnection) {
    let users: Vec<Uuid> = {
        let mut ids = Vec::new();
        for handle in ["alice", "bob", "carol", "dave"] {
            ids.push(user_with_device(db, handle).await.0.id);
        }
        ids
    };
    let (alice, bob, carol, dave) = (users[0], users[1], users[2], users[3]);
    const ACCEPTED: i32 = 3;
    const BLOCKED: i32 = 4;
    let row = |user_id, other_id, status| missive_db::entity::connection::Model {
        user_id,
        other_id,
        other_domain: String::new(),
        status,
        conversation_id: None,
        updated_at: NOW,
    };
    // Bob blocked alice (alice's own row still says accepted); carol and
    // dave are connected.
    repo::connections::save(
        db,
        vec![
            row(alice, bob, ACCEPTED),
            row(bob, alice, BLOCKED),
            row(carol, dave, ACCEPTED),
            row(dave, carol, ACCEPTED),
        ],
    )
    .await
    .unwrap();
    let found = repo::connections::pairs_with_status(db, &[(alice, bob), (carol, dave), (alice, carol)], BLOCKED)
        .await
        .unwrap();
    assert_eq!(found, [(alice, bob), (bob, alice)].into_iter().collect());
    assert!(repo::connections::pairs_with_status(db, &[], BLOCKED).await.unwrap().is_empty());
}

async fn search_puts_the_exact_handle_first(db: &DatabaseConnection) {
    for handle in ["bobby", "bob", "alice"] {
        user_with_device(db, handle).await;
    }
    let found: Vec<String> =
        repo::users::search(db, "bob", 0, 10).await.unwrap().into_iter().map(|u| u.handle).collect();
    assert_eq!(found, vec!["bob", "bobby"]);
    // Display names match anywhere, case-insensitively ("ALICE").
    let by_name = repo::users::search(db, "lic", 0, 10).await.unwrap();
    assert_eq!(by_name.len(), 1);
    // LIKE wildcards in the query are taken literally.
    assert!(repo::users::search(db, "%", 0, 10).await.unwrap().is_empty());
}

/// A group's send reads the devices of every member as keys only: every
/// device once across the chunks of users (500 a statement, here 4,500 rows
/// in the first), in (user, device) order, a user without devices absent.
async fn the_devices_of_many_users_come_whole_and_in_key_order(db: &DatabaseConnection) {
    use missive_db::sea_orm::EntityTrait;
    const USERS: usize = 520;
    const DEVICES_EACH: usize = 9;
    let users: Vec<user::Model> = (0..USERS).map(|n| new_user(&format!("member{n}"))).collect();
    for chunk in users.chunks(200) {
        user::Entity::insert_many(chunk.iter().cloned().map(user::ActiveModel::from))
            .exec_without_returning(db)
            .await
            .unwrap();
    }
    let devices: Vec<device::Model> =
        users.iter().flat_map(|u| (0..DEVICES_EACH).map(move |d| new_device(u.id, &format!("{d:016x}")))).collect();
    for chunk in devices.chunks(500) {
        device::Entity::insert_many(chunk.iter().cloned().map(device::ActiveModel::from))
            .exec_without_returning(db)
            .await
            .unwrap();
    }
    let deviceless = new_user("nobody");
    user::Entity::insert(user::ActiveModel::from(deviceless.clone())).exec_without_returning(db).await.unwrap();

    let mut asked: Vec<Uuid> = users.iter().map(|u| u.id).collect();
    asked.push(deviceless.id);
    let found = repo::devices::list_for_users(db, &asked).await.unwrap();
    let mut expected: Vec<(Uuid, String)> = devices.iter().map(|d| (d.user_id, d.id.clone())).collect();
    expected.sort();
    // Chunks of users are read one after the other, each in key order.
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(sorted, expected, "every device of every user, once");
    assert!(found.windows(2).all(|w| w[0].0 != w[1].0 || w[0].1 < w[1].1), "a user's devices in order");
    assert!(repo::devices::list_for_users(db, &[deviceless.id]).await.unwrap().is_empty());
}

/// Several instances starting at once on a fresh PostgreSQL database.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_starts_migrate_a_postgres_database_once() {
    let Some(db) = TestDatabase::postgres_empty().await else { return };
    let url = db.url().to_owned();
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move { missive_db::connect_and_migrate(&url).await })
        })
        .collect();
    for start in starts {
        start.await.unwrap().expect("every instance starts");
    }
    db.finish().await;
}

/// The count of changes that batches of sends compare (PostgreSQL only):
/// a change counts once it commits, on any shard, and never before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_count_once_committed_on_any_shard() {
    let Some(db) = TestDatabase::postgres().await else { return };
    let conn = db.conn();
    let start = repo::changes::count(conn).await.unwrap();

    let txn = conn.begin().await.unwrap();
    repo::changes::bump(&txn, 3).await.unwrap();
    assert_eq!(repo::changes::count(conn).await.unwrap(), start, "not counted before the commit");
    assert_eq!(repo::changes::count(&txn).await.unwrap(), start + 1, "the changing transaction sees its own");
    txn.rollback().await.unwrap();
    assert_eq!(repo::changes::count(conn).await.unwrap(), start, "a rolled-back change does not count");

    // Every shard, and numbers past the shards wrap around.
    for shard in 0..(repo::changes::SHARDS as usize * 2 + 1) {
        let txn = conn.begin().await.unwrap();
        repo::changes::bump(&txn, shard).await.unwrap();
        txn.commit().await.unwrap();
    }
    let expected = start + repo::changes::SHARDS as u64 * 2 + 1;
    assert_eq!(repo::changes::count(conn).await.unwrap(), expected);
    db.finish().await;
}

fn push_row(device: &device::Model, token: &str) -> push_token::Model {
    push_token::Model {
        user_id: device.user_id,
        device_id: device.id.clone(),
        provider: 2,
        token: token.to_owned(),
        topic: None,
        sandbox: false,
        p256dh: None,
        auth: None,
        updated_at: NOW,
        pushed_seq: 0,
        last_pushed_at: 0,
        attempts: 0,
        retry_at: None,
        lease_until: 0,
    }
}

async fn a_wake_up_is_owed_claimed_once_and_settled(db: &DatabaseConnection) {
    let (owner, phone) = user_with_device(db, "alice").await;
    let key = (owner.id, phone.id.clone());
    repo::push::set(db, push_row(&phone, "first")).await.unwrap();
    assert!(repo::push::unannounced(db, 10).await.unwrap().is_empty(), "no events: nothing owed");
    let event = NewEvent { user_id: owner.id, device_id: phone.id.clone(), payload: vec![1] };
    repo::events::append(db, vec![event], NOW).await.unwrap();
    assert_eq!(repo::push::unannounced(db, 10).await.unwrap(), vec![key.clone()]);
    let seen = repo::push::targets(db, std::slice::from_ref(&key)).await.unwrap();
    assert_eq!((seen.len(), seen[0].last_event_seq, seen[0].acked_seq), (1, 1, 0));

    // Two instances read the same row; one claim wins, and after the
    // winner pushed, the loser's stale view claims nothing.
    let row = seen[0].token.clone();
    assert!(repo::push::claim(db, &row, NOW, NOW + 30_000).await.unwrap());
    assert!(!repo::push::claim(db, &row, NOW + 1, NOW + 30_000).await.unwrap(), "leased");
    repo::push::pushed(db, owner.id, &phone.id, 1, NOW + 2).await.unwrap();
    assert!(!repo::push::claim(db, &row, NOW + 3, NOW + 30_000).await.unwrap(), "pushed meanwhile");
    assert!(repo::push::unannounced(db, 10).await.unwrap().is_empty(), "the push covered the event");

    // A failure schedules a retry that the sweep finds when due.
    let fresh = repo::push::find(db, owner.id, &phone.id).await.unwrap().unwrap();
    assert_eq!((fresh.pushed_seq, fresh.last_pushed_at, fresh.lease_until), (1, NOW + 2, 0));
    repo::push::schedule(db, owner.id, &phone.id, 1, Some(NOW + 5_000)).await.unwrap();
    assert!(repo::push::due(db, NOW + 4_999, 10).await.unwrap().is_empty());
    assert_eq!(repo::push::due(db, NOW + 5_000, 10).await.unwrap(), vec![key.clone()]);
    repo::push::schedule(db, owner.id, &phone.id, 0, None).await.unwrap();
    assert!(repo::push::due(db, NOW + 10_000, 10).await.unwrap().is_empty());

    // A new token keeps the wake-up state; "gone" removes only the token it names.
    repo::push::set(db, push_row(&phone, "second")).await.unwrap();
    let replaced = repo::push::find(db, owner.id, &phone.id).await.unwrap().unwrap();
    assert_eq!((replaced.token.as_str(), replaced.last_pushed_at), ("second", NOW + 2));
    assert!(!repo::push::remove_if_token(db, owner.id, &phone.id, "first").await.unwrap());
    assert!(repo::push::remove_if_token(db, owner.id, &phone.id, "second").await.unwrap());
    // And the token goes with its device.
    repo::push::set(db, push_row(&phone, "third")).await.unwrap();
    assert!(repo::devices::delete(db, owner.id, &phone.id).await.unwrap());
    assert_eq!(repo::push::find(db, owner.id, &phone.id).await.unwrap(), None);
}

/// SQLite's one writer numbers events from the heads it remembers, writing
/// no device row: the heads stay gap-free across a rollback, acknowledged
/// deletions, retention and a restart (the heads read again from the store),
/// and a deleted device gets no events.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_remembered_heads_stay_exact() {
    use missive_db::repo::events::{Heads, StagedHeads};
    let test = TestDatabase::sqlite().await;
    let db = test.conn();
    let (alice, first) = user_with_device(db, "alice").await;
    let (bob, second) = user_with_device(db, "bob").await;
    let to = event_for;
    let seqs = |stored: Vec<missive_db::entity::event::Model>| stored.iter().map(|e| e.seq).collect::<Vec<_>>();
    let heads = Heads::default();

    // Two appends in one transaction continue each other.
    let txn = db.begin().await.unwrap();
    let mut staged = StagedHeads::default();
    let stored =
        repo::events::append_known(&txn, vec![to(&first, 1), to(&second, 1), to(&first, 2)], NOW, &heads, &mut staged)
            .await
            .unwrap();
    assert_eq!(seqs(stored), vec![1, 1, 2]);
    let stored =
        repo::events::append_known(&txn, vec![to(&first, 3), to(&second, 2)], NOW, &heads, &mut staged).await.unwrap();
    assert_eq!(seqs(stored), vec![3, 2]);
    txn.commit().await.unwrap();
    heads.apply(staged);

    // A rolled-back transaction's numbers are not remembered.
    let txn = db.begin().await.unwrap();
    let mut staged = StagedHeads::default();
    let stored = repo::events::append_known(&txn, vec![to(&first, 4)], NOW, &heads, &mut staged).await.unwrap();
    assert_eq!(seqs(stored), vec![4]);
    txn.rollback().await.unwrap();
    drop(staged);
    let mut staged = StagedHeads::default();
    let stored = repo::events::append_known(db, vec![to(&first, 4)], NOW, &heads, &mut staged).await.unwrap();
    assert_eq!(seqs(stored), vec![4], "no gap after the rollback");
    heads.apply(staged);
    let counter = |id: Uuid, device: String| async move {
        repo::devices::find(db, id, &device).await.unwrap().unwrap().last_event_seq
    };
    assert_eq!(counter(alice.id, first.id.clone()).await, 0, "no device row written");
    assert_eq!(repo::events::queue_state(db, alice.id, &first.id).await.unwrap().unwrap().head, 4);

    // Acknowledged and deleted: the head is the acknowledgement.
    repo::events::record_ack(db, alice.id, &first.id, 4).await.unwrap();
    assert_eq!(repo::events::delete_acknowledged(db, alice.id, &first.id, 4, None).await.unwrap(), 4);
    assert_eq!(repo::events::queue_state(db, alice.id, &first.id).await.unwrap().unwrap().head, 4);
    // Nothing older than the cutoff: nothing deleted, no counter written.
    assert_eq!(repo::events::expire_device(db, bob.id, &second.id, NOW).await.unwrap(), 0);
    assert_eq!(repo::events::read_after(db, bob.id, &second.id, 0, 10).await.unwrap().len(), 2);
    assert_eq!(counter(bob.id, second.id.clone()).await, 0);
    // Deleted by retention, unacknowledged: the counter is raised first.
    assert_eq!(repo::events::expire_device(db, bob.id, &second.id, NOW + 1).await.unwrap(), 2);
    assert_eq!(counter(bob.id, second.id.clone()).await, 2);
    let state = repo::events::queue_state(db, bob.id, &second.id).await.unwrap().unwrap();
    assert_eq!((state.head, state.oldest_stored), (2, None));

    // A restart: nothing remembered, every head read from the store.
    let heads = Heads::default();
    let mut staged = StagedHeads::default();
    let stored =
        repo::events::append_known(db, vec![to(&first, 5), to(&second, 3)], NOW, &heads, &mut staged).await.unwrap();
    assert_eq!(seqs(stored), vec![5, 3]);
    heads.apply(staged);
    // The sweep over every device raises the counters too.
    assert_eq!(repo::events::expire_all(db, NOW + 1).await.unwrap(), 2);
    let heads = Heads::default();
    let mut staged = StagedHeads::default();
    let stored =
        repo::events::append_known(db, vec![to(&first, 6), to(&second, 4)], NOW, &heads, &mut staged).await.unwrap();
    assert_eq!(seqs(stored), vec![6, 4]);
    heads.apply(staged);

    // A device deleted in a transaction is forgotten with its commit.
    let txn = db.begin().await.unwrap();
    let mut staged = StagedHeads::default();
    assert!(repo::devices::delete(&txn, bob.id, &second.id).await.unwrap());
    staged.forget(bob.id, &second.id);
    let stored =
        repo::events::append_known(&txn, vec![to(&second, 5), to(&first, 7)], NOW, &heads, &mut staged).await.unwrap();
    assert_eq!(seqs(stored), vec![7], "none for the deleted device");
    txn.commit().await.unwrap();
    heads.apply(staged);
    let mut staged = StagedHeads::default();
    let stored = repo::events::append_known(db, vec![to(&second, 6)], NOW, &heads, &mut staged).await.unwrap();
    assert!(stored.is_empty(), "not remembered after the commit either");
    test.finish().await;
}

/// The one writer's own connection writes what the pool's repositories
/// write: a batch's records once each (a repeated id stores none of its
/// events), events numbered from the remembered heads and gap-free with
/// those the pool appended, none for a deleted device; an acknowledgement
/// that never moves back; deletions in pieces, oldest first, never past a
/// mark. What it wrote reads back through the pool.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_writer_writes_what_the_repositories_write() {
    use missive_db::entity::sent_message;
    use missive_db::repo::events::{Heads, StagedHeads};
    use missive_db::sqlite_writer::{NewSend, SqliteWriter};
    let test = TestDatabase::sqlite().await;
    let db = test.conn();
    let writer = SqliteWriter::open_beside(db).await.unwrap().expect("a file database");
    let (alice, first) = user_with_device(db, "alice").await;
    let (bob, second) = user_with_device(db, "bob").await;
    let to = event_for;
    let record = |id: &str| sent_message::Model {
        sender_id: alice.id,
        sender_device_id: first.id.clone(),
        message_id: id.to_owned(),
        sent_at: NOW,
    };
    let heads = Heads::default();
    // Two events through the pool first: the writer reads those heads.
    let mut staged = StagedHeads::default();
    repo::events::append_known(db, vec![to(&second, 1), to(&second, 2)], NOW, &heads, &mut staged).await.unwrap();
    heads.apply(staged);
    assert!(repo::messages::record_sent(db, record("m0")).await.unwrap());

    let sends = vec![
        NewSend { record: record("m1"), events: vec![to(&second, 3), to(&first, 3)] },
        NewSend { record: record("m0"), events: vec![to(&second, 99)] },
        NewSend { record: record("m2"), events: vec![to(&second, 4)] },
    ];
    let mut staged = StagedHeads::default();
    let stored = writer.store_sends(sends, NOW, &heads, &mut staged).unwrap();
    heads.apply(staged);
    assert_eq!(stored.new, vec![true, false, true], "m0 was recorded before");
    let numbered: Vec<(String, i64, Vec<u8>)> =
        stored.events.iter().map(|e| (e.device_id.clone(), e.seq, e.payload.clone())).collect();
    let expected =
        vec![(second.id.clone(), 3, vec![3]), (first.id.clone(), 1, vec![3]), (second.id.clone(), 4, vec![4])];
    assert_eq!(numbered, expected);
    let read = repo::events::read_after(db, bob.id, &second.id, 0, 10).await.unwrap();
    assert_eq!(read.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4], "gap-free, as the pool reads it");
    assert!(repo::messages::find_sent(db, alice.id, &first.id, "m2").await.unwrap().is_some());
    let mut staged = StagedHeads::default();
    let after = repo::events::append_known(db, vec![to(&second, 5)], NOW, &heads, &mut staged).await.unwrap();
    assert_eq!(after[0].seq, 5, "the pool goes on from what the writer assigned");
    heads.apply(staged);

    // Acknowledgements: remembered, never moved back.
    writer.record_ack(bob.id, &second.id, 4).unwrap();
    writer.record_ack(bob.id, &second.id, 2).unwrap();
    let state = repo::events::queue_state(db, bob.id, &second.id).await.unwrap().unwrap();
    assert_eq!((state.head, state.acked, state.oldest_stored), (5, 4, Some(1)));
    // Deletions (only ever up to a recorded mark): a piece of 3 stops
    // within the first device's run ...
    writer.record_ack(alice.id, &first.id, 1).unwrap();
    let marks = [(bob.id, second.id.as_str(), 4), (alice.id, first.id.as_str(), 1)];
    assert_eq!(writer.delete_acknowledged(&marks, 3).unwrap(), 0, "bob's run is not finished");
    let state = repo::events::queue_state(db, bob.id, &second.id).await.unwrap().unwrap();
    assert_eq!(state.oldest_stored, Some(4));
    // ... and the next finishes it and the next device's, never past a mark.
    assert_eq!(writer.delete_acknowledged(&marks, 3).unwrap(), 2);
    let left = repo::events::read_after(db, bob.id, &second.id, 0, 10).await.unwrap();
    assert_eq!(left.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![5]);
    assert!(repo::events::read_after(db, alice.id, &first.id, 0, 10).await.unwrap().is_empty());

    // A device deleted meanwhile gets no events; its sender's record stays.
    assert!(repo::devices::delete(db, bob.id, &second.id).await.unwrap());
    let mut staged = StagedHeads::default();
    staged.forget(bob.id, &second.id);
    let sends = vec![NewSend { record: record("m3"), events: vec![to(&second, 6), to(&first, 6)] }];
    let stored = writer.store_sends(sends, NOW, &heads, &mut staged).unwrap();
    assert_eq!(stored.new, vec![true]);
    assert_eq!(
        stored.events.iter().map(|e| (e.device_id.clone(), e.seq)).collect::<Vec<_>>(),
        vec![(first.id.clone(), 2)]
    );
    heads.apply(staged);

    // A write that fails stores nothing of its batch.
    let sends = vec![
        NewSend { record: record("m4"), events: vec![to(&first, 7)] },
        NewSend { record: sent_message::Model { sender_device_id: "gone".into(), ..record("m5") }, events: vec![] },
    ];
    let mut staged = StagedHeads::default();
    let failed = writer.store_sends(sends, NOW, &heads, &mut staged);
    assert!(matches!(failed, Err(StoreError::MissingReference(_))), "{:?}", failed.err());
    assert!(repo::messages::find_sent(db, alice.id, &first.id, "m4").await.unwrap().is_none());
    assert_eq!(repo::events::read_after(db, alice.id, &first.id, 0, 10).await.unwrap().len(), 1);
    test.finish().await;
}

/// An in-memory database has no file a second connection could share.
#[tokio::test]
async fn an_in_memory_database_has_no_writer_connection() {
    let db = missive_db::connect_and_migrate("sqlite::memory:").await.unwrap();
    assert!(missive_db::sqlite_writer::SqliteWriter::open_beside(&db).await.unwrap().is_none());
}
