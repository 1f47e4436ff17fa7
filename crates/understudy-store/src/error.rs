//! The one error type of the store, so callers can tell a conflict from a
//! broken database without reading messages.

use std::path::PathBuf;

/// What can go wrong when opening or using the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory could not be created.
    #[error("could not create the data directory `{path}`")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The lock that serialises opening a SQLite file could not be taken.
    #[error("could not lock `{path}` to open the database")]
    OpeningLock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The database URL names a backend this build cannot serve. Only the
    /// scheme is kept, since the rest of a URL may hold a password.
    #[error(
        "unsupported database URL scheme `{scheme}`: expected `sqlite:`, `postgres:` or `postgresql:`"
    )]
    UnsupportedUrl { scheme: String },

    /// The database refused or failed a statement.
    #[error("database failure")]
    Database(#[source] sqlx::Error),

    /// The schema could not be brought up to date.
    #[error("migration failure")]
    Migration(#[from] sqlx::migrate::MigrateError),

    /// The operating system gave no random bytes for a key secret.
    #[error("the operating system's random source failed")]
    Entropy(#[source] rand::rngs::SysError),

    /// A row with the same identity already exists.
    #[error("{what} `{id}` already exists")]
    Conflict { what: &'static str, id: String },

    /// A stored value no longer reads back (a hand-edited row, say).
    #[error("stored {what} is unreadable: {detail}")]
    Corrupt { what: &'static str, detail: String },
}

impl From<sqlx::Error> for StoreError {
    fn from(source: sqlx::Error) -> Self {
        StoreError::Database(source)
    }
}

impl StoreError {
    /// Turns a unique-key violation into [`StoreError::Conflict`], and
    /// keeps any other failure as it is.
    pub(crate) fn conflict_or_database(source: sqlx::Error, what: &'static str, id: &str) -> Self {
        let unique = source
            .as_database_error()
            .is_some_and(|db| db.is_unique_violation());

        if unique {
            StoreError::Conflict {
                what,
                id: id.to_owned(),
            }
        } else {
            StoreError::Database(source)
        }
    }
}
