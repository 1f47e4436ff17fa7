//! The two databases a store can sit on, and the one way code reaches
//! either: [`with_pool!`] compiles a body once per backend, so a statement
//! written once is checked against both drivers' types.

pub(crate) mod postgres;
pub(crate) mod sqlite;

use std::fmt;

use serde::Serialize;
use sqlx::{PgPool, SqlitePool};

/// Which database a store sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// One file in a data directory: the embedded default.
    Sqlite,
    /// A server that several instances share.
    Postgres,
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        })
    }
}

/// The connections of an open store, on whichever backend it sits.
#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Pool {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Runs a body on the store's pool, whichever backend it is.
///
/// `with_pool!(&pool, |pool| body)` binds `pool` to the concrete
/// `SqlitePool` or `PgPool`; `with_pool!(&pool, |pool, dialect| body)`
/// also names that backend's module of [`crate::sql`] as `dialect`, for
/// the few statements the dialects write differently. The body may use
/// `?` and `.await` as if written in the calling function.
macro_rules! with_pool {
    ($pools:expr, |$pool:ident $(, $dialect:ident)?| $body:expr) => {
        match $pools {
            $crate::backend::Pool::Sqlite($pool) => {
                $(use $crate::sql::sqlite as $dialect;)?
                $body
            }
            $crate::backend::Pool::Postgres($pool) => {
                $(use $crate::sql::postgres as $dialect;)?
                $body
            }
        }
    };
}

pub(crate) use with_pool;
