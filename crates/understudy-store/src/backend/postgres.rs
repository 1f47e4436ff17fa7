//! Opening PostgreSQL: the server several instances share, its pool and
//! its migrations.
//!
//! The URL is used as given, so its query can carry settings: a schema,
//! say, with `?options[search_path]=understudy`. Two instances starting at
//! once migrate one after the other: the migrator holds an advisory lock
//! on the database while it works.

use std::str::FromStr;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::StoreError;

/// Connections per handle. Each instance holds its own pool, so the
/// server's connection limit bounds how many instances can share it.
const MAX_CONNECTIONS: u32 = 8;

/// How long to wait for a connection: at opening, while a server that
/// refuses connections may still be starting (say, beside the instance in
/// one deployment), and later, while every pooled connection is busy.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Connects to the database a `postgres:` or `postgresql:` URL names and
/// brings its schema up to date.
pub(crate) async fn open_url(url: &str) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(url)?;

    let pool = PgPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options.clone())
        .await?;

    MIGRATOR.run(&pool).await?;

    // The host and database say which store this is; the user and the
    // password stay out of the log.
    tracing::info!(
        backend = "postgres",
        host = options.get_host(),
        port = options.get_port(),
        database = options.get_database().unwrap_or_default(),
        "store opened"
    );
    Ok(pool)
}
