//! Opening SQLite: the database file, its connection settings and its
//! migrations. Several handles, in one process or several, may write the
//! same file: writes wait for each other (up to a busy timeout) rather
//! than fail.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::StoreError;

/// The database file inside a data directory.
pub const DATABASE_FILE: &str = "understudy.db";

/// How often opening is tried when another opener holds the file.
const CONNECT_ATTEMPTS: u32 = 10;

/// How long a writer waits for another writer (say, the CLI while the
/// server runs) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connections per handle. WAL lets readers run beside the one writer.
const MAX_CONNECTIONS: u32 = 8;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// Opens (creating if needed) `understudy.db` in `data_dir`, creating the
/// directory too, and brings the schema up to date.
pub(crate) async fn open_dir(data_dir: &Path) -> Result<SqlitePool, StoreError> {
    std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
        path: data_dir.to_path_buf(),
        source,
    })?;

    let options = SqliteConnectOptions::new()
        .filename(data_dir.join(DATABASE_FILE))
        .create_if_missing(true);

    open(options, MAX_CONNECTIONS).await
}

/// Opens the database a `sqlite:` URL names, creating the file if missing;
/// `sqlite::memory:` gives a private database that lives as long as the
/// pool.
pub(crate) async fn open_url(url: &str) -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)?.create_if_missing(true);

    // Every connection to `:memory:` would be a database of its own, so
    // one connection, kept open, is the whole database.
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    let connections = if in_memory { 1 } else { MAX_CONNECTIONS };

    open(options, connections).await
}

async fn open(options: SqliteConnectOptions, connections: u32) -> Result<SqlitePool, StoreError> {
    let options = options
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true);

    let pool = SqlitePoolOptions::new()
        .max_connections(connections)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None);
    let pool = connect_pool(pool, options).await?;

    migrate(&pool).await?;

    tracing::info!(
        backend = "sqlite",
        database = %pool.connect_options().get_filename().display(),
        "store opened"
    );
    Ok(pool)
}

/// Applies pending migrations. Two processes opening a new file at the
/// same moment may both try the first migration; the loser fails on the
/// tables the winner made, and a second pass finds them recorded.
async fn migrate(pool: &SqlitePool) -> Result<(), StoreError> {
    if let Err(first) = MIGRATOR.run(pool).await {
        tracing::debug!(cause = %first, "migration raced another opener; retrying");
        MIGRATOR.run(pool).await?;
    }
    Ok(())
}

/// Connects the pool, trying again while another opener holds the file.
/// Switching a new file to WAL needs an exclusive lock that SQLite takes
/// without waiting out the busy timeout, so two processes opening a new
/// data directory at once would otherwise fail with "database is locked".
async fn connect_pool(
    pool: SqlitePoolOptions,
    options: SqliteConnectOptions,
) -> Result<SqlitePool, sqlx::Error> {
    let mut attempt = 1;
    loop {
        match pool.clone().connect_with(options.clone()).await {
            Err(err) if is_busy(&err) && attempt < CONNECT_ATTEMPTS => {
                tracing::debug!(attempt, "database busy while opening; retrying");
                tokio::time::sleep(Duration::from_millis(20 * u64::from(attempt))).await;
                attempt += 1;
            }
            result => return result,
        }
    }
}

/// Whether SQLite answered `SQLITE_BUSY` (5), in any of its extended forms.
fn is_busy(err: &sqlx::Error) -> bool {
    let code = err.as_database_error().and_then(|db| db.code());
    let primary = code
        .and_then(|code| code.parse::<i32>().ok())
        .map(|code| code & 0xff);

    primary == Some(5)
}
