//! The handle callers hold, and how it is opened: SQLite in a data
//! directory, or the database a URL names.

use std::path::Path;

use crate::StoreError;
use crate::backend::{self, Backend, Pool, with_pool};

/// A handle on the store. Cheap to clone; clones share connections.
///
/// Nothing is cached in the process: every read goes to the database, so
/// a second handle, or another process or instance on the same database,
/// sees a write as soon as it is committed.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: Pool,
}

impl Store {
    /// Opens (creating if needed) `understudy.db` in `data_dir`, creating
    /// the directory too, and brings the schema up to date.
    pub async fn open(data_dir: &Path) -> Result<Store, StoreError> {
        let pool = backend::sqlite::open_dir(data_dir).await?;

        Ok(Store {
            pool: Pool::Sqlite(pool),
        })
    }

    /// Opens the database a URL names and brings its schema up to date.
    ///
    /// `sqlite:` URLs name a file, created if missing (`sqlite::memory:`
    /// gives a private database that lives as long as the handle);
    /// `postgres:` and `postgresql:` URLs name a server that several
    /// instances may share.
    pub async fn open_url(url: &str) -> Result<Store, StoreError> {
        let pool = match scheme(url) {
            "sqlite" => Pool::Sqlite(backend::sqlite::open_url(url).await?),
            "postgres" | "postgresql" => Pool::Postgres(backend::postgres::open_url(url).await?),
            other => {
                return Err(StoreError::UnsupportedUrl {
                    scheme: other.to_owned(),
                });
            }
        };

        Ok(Store { pool })
    }

    /// Opens the store as configured: the database `database_url` names
    /// when one is given, else SQLite in `data_dir`. A blank URL counts as
    /// none, as an empty `DATABASE_URL` in the environment would be.
    pub async fn open_configured(
        data_dir: &Path,
        database_url: Option<&str>,
    ) -> Result<Store, StoreError> {
        match database_url.map(str::trim).filter(|url| !url.is_empty()) {
            Some(url) => Store::open_url(url).await,
            None => Store::open(data_dir).await,
        }
    }

    /// Which database this store sits on.
    pub fn backend(&self) -> Backend {
        self.pool.backend()
    }

    /// Closes every connection, waiting for work in progress to finish.
    pub async fn close(&self) {
        with_pool!(&self.pool, |pool| pool.close().await)
    }
}

/// The part of a URL before its first `:`; only this is ever shown, since
/// the rest may hold a password.
fn scheme(url: &str) -> &str {
    url.split_once(':').map_or(url, |(scheme, _)| scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_scheme_of_a_url() {
        assert_eq!(scheme("sqlite::memory:"), "sqlite");
        assert_eq!(scheme("postgres://u:p@db/x"), "postgres");
        assert_eq!(scheme("postgresql://db"), "postgresql");
        assert_eq!(scheme("no-scheme-here"), "no-scheme-here");
    }
}
