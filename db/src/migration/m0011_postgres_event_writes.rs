//! PostgreSQL only: cheaper writes for a large fan-out. SQLite's schema is
//! left as it is (its one writer needs neither).
//!
//! - The devices table leaves half of each page free, so that bumping a
//!   device's cursor counter (every event appended for it) can rewrite the
//!   row in its own page without touching the primary key's index (a "HOT"
//!   update): a fan-out to 2,000 devices bumps 2,000 rows.
//! - The events' foreign key to their device goes, and a trigger on the
//!   devices takes over its cascade. The key was checked by a query per
//!   inserted row, half of a large fan-out's insert, and proved nothing the
//!   append does not already hold: `repo::events::append` locks each device
//!   row before it numbers events for it, stores events only for the rows it
//!   found, and holds the locks until its commit. A device deleted meanwhile
//!   waits for that commit; its trigger then runs with a fresh snapshot
//!   (READ COMMITTED) and removes those events too. A send that comes after
//!   the delete finds no row to lock and stores nothing for the device.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "ALTER TABLE devices SET (fillfactor = 50)",
    "CREATE FUNCTION missive_delete_device_events() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
         DELETE FROM events WHERE user_id = OLD.user_id AND device_id = OLD.id;
         RETURN NULL;
     END $$",
    "CREATE TRIGGER devices_delete_events AFTER DELETE ON devices \
     FOR EACH ROW EXECUTE FUNCTION missive_delete_device_events()",
    "ALTER TABLE events DROP CONSTRAINT events_user_id_device_id_fkey",
];

const DOWN: &[&str] = &[
    "DELETE FROM events e WHERE NOT EXISTS \
     (SELECT 1 FROM devices d WHERE d.user_id = e.user_id AND d.id = e.device_id)",
    "ALTER TABLE events ADD CONSTRAINT events_user_id_device_id_fkey FOREIGN KEY (user_id, device_id) \
     REFERENCES devices (user_id, id) ON DELETE CASCADE",
    "DROP TRIGGER devices_delete_events ON devices",
    "DROP FUNCTION missive_delete_device_events()",
    "ALTER TABLE devices RESET (fillfactor)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::on_postgres(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::on_postgres(manager, DOWN).await
    }
}
