//! Opening SQLite: the database file, its connection settings and its
//! migrations. Several handles, in one process or several, may write the
//! same file: writes wait for each other (up to a busy timeout) rather
//! than fail. Opening itself (switching a new file to WAL, migrating) is
//! done by one opener at a time, under a lock file beside the database.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::StoreError;

/// The database file inside a data directory.
pub const DATABASE_FILE: &str = "understudy.db";

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
    if in_memory {
        return connect(options, 1).await;
    }

    open(options, MAX_CONNECTIONS).await
}

/// Opens a database file while holding its opening lock, so that of two
/// processes (or handles) opening a new file at once, one creates and
/// migrates it and the other finds it up to date.
async fn open(options: SqliteConnectOptions, connections: u32) -> Result<SqlitePool, StoreError> {
    let lock = opening_lock(options.get_filename()).await?;

    let pool = connect(options, connections).await;

    drop(lock);
    pool
}

/// Connects a pool and brings its schema up to date.
async fn connect(
    options: SqliteConnectOptions,
    connections: u32,
) -> Result<SqlitePool, StoreError> {
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
    let pool = pool.connect_with(options).await?;

    MIGRATOR.run(&pool).await?;

    tracing::info!(
        backend = "sqlite",
        database = %pool.connect_options().get_filename().display(),
        "store opened"
    );
    Ok(pool)
}

/// Takes the exclusive lock on `<database>.lock`, waiting for another
/// opener to finish. The lock is the operating system's (`flock`), so it
/// is released when its holder ends, however it ends. A lock file of its
/// own, rather than the database file, since SQLite drops its own locks
/// when any descriptor of the database file is closed.
async fn opening_lock(database: &Path) -> Result<File, StoreError> {
    let path = lock_path(database);

    let lock = tokio::task::spawn_blocking(move || {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.lock()?;
        Ok::<_, std::io::Error>(file)
    })
    .await
    .map_err(std::io::Error::other)
    .and_then(|locked| locked);

    lock.map_err(|source| StoreError::OpeningLock {
        path: lock_path(database),
        source,
    })
}

fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}
