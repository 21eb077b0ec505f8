//! Every pooled PostgreSQL connection has `TCP_NODELAY` (see
//! `missive_db::nodelay`). A test binary of its own: it looks at every TCP
//! socket of the process, and other tests' connections made without the
//! pool (database creation) would be counted.

use futures_util::future::join_all;
use missive_db::nodelay::all_set_on_connections_to;
use missive_db::sea_orm::{ConnectionTrait, Statement};
use missive_db::testing::TestDatabase;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_pooled_postgres_connection_has_tcp_nodelay() {
    let Some(db) = TestDatabase::postgres().await else { return };
    let port = missive_db::postgres_tcp_port(db.url()).expect("the test database is reached over TCP");
    // Queries that overlap make the pool open more connections than one.
    let sleeps = (0..6).map(|_| {
        let backend = db.conn().get_database_backend();
        db.conn().execute_raw(Statement::from_string(backend, "SELECT pg_sleep(0.2)"))
    });
    for result in join_all(sleeps).await {
        result.expect("pg_sleep");
    }
    let (all, connections) = all_set_on_connections_to(port);
    assert!(connections >= 2, "expected several pooled connections to port {port}, found {connections}");
    assert!(all, "a connection to PostgreSQL on port {port} lacks TCP_NODELAY");
    db.finish().await;
}
