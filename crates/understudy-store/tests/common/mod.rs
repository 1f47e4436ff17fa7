//! Helpers shared by the store's tests: a fresh database on either
//! backend, the macro that runs one test body on both, and small flows
//! and generation records to store.
//!
//! SQLite always runs. PostgreSQL runs when `UNDERSTUDY_TEST_POSTGRES_URL`
//! names a database (say `postgres://postgres@127.0.0.1:5432/test`); each
//! test then gets a schema of its own, dropped afterwards, so tests run in
//! parallel. Without the variable the PostgreSQL half of every test says
//! so on the terminal and returns.

#![allow(dead_code)]

use std::future::Future;
use std::io::Write;
use std::sync::Once;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;
use sqlx::{Connection, PgConnection, PgPool, Row, SqlitePool};
use tempfile::TempDir;
use understudy_store::{Backend, DATABASE_FILE, GenerationRecord, NewFlow, Store};

/// The variable that names the PostgreSQL database tests may use.
pub const POSTGRES_URL_VARIABLE: &str = "UNDERSTUDY_TEST_POSTGRES_URL";

/// Generates `<test>::sqlite` and `<test>::postgres` for each async
/// function `<test>(db: TestDb)` named, each running it on a fresh
/// database of its backend. `multi_thread:` first runs them on a
/// four-thread runtime.
macro_rules! on_both_backends {
    (multi_thread: $($test:ident),+ $(,)?) => {
        $crate::common::on_both_backends!(
            @ (flavor = "multi_thread", worker_threads = 4) $($test),+
        );
    };
    (@ $runtime:tt $($test:ident),+) => {
        $(
            mod $test {
                #[tokio::test $runtime]
                async fn sqlite() {
                    $crate::common::on_sqlite(super::$test).await;
                }

                #[tokio::test $runtime]
                async fn postgres() {
                    $crate::common::on_postgres(super::$test).await;
                }
            }
        )+
    };
    ($($test:ident),+ $(,)?) => {
        $crate::common::on_both_backends!(@ (flavor = "current_thread") $($test),+);
    };
}

pub(crate) use on_both_backends;

/// A fresh, empty database for one test, on one backend.
pub enum TestDb {
    /// A temporary data directory, removed when the test ends.
    Sqlite { dir: TempDir },
    /// A schema of its own in the test database; `url` selects it.
    Postgres { url: String },
}

impl TestDb {
    /// A new handle on this test's database, as a second process would
    /// open it.
    pub async fn open(&self) -> Store {
        match self {
            TestDb::Sqlite { dir } => Store::open(dir.path()).await.unwrap(),
            TestDb::Postgres { url } => Store::open_url(url).await.unwrap(),
        }
    }

    /// A URL naming this test's database, as a configuration would.
    pub fn url(&self) -> String {
        match self {
            TestDb::Sqlite { dir } => {
                format!("sqlite://{}", dir.path().join(DATABASE_FILE).display())
            }
            TestDb::Postgres { url } => url.clone(),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            TestDb::Sqlite { .. } => Backend::Sqlite,
            TestDb::Postgres { .. } => Backend::Postgres,
        }
    }

    /// Every column of every row `query` returns that reads as text,
    /// fetched past the store, as someone with the database would.
    pub async fn text_columns(&self, query: &str) -> Vec<Vec<Option<String>>> {
        match self {
            TestDb::Sqlite { .. } => {
                let pool = SqlitePool::connect(&self.url()).await.unwrap();
                let rows = sqlx::query(query).fetch_all(&pool).await.unwrap();
                rows.iter().map(|row| texts_of(row, row.len())).collect()
            }
            TestDb::Postgres { url } => {
                let pool = PgPool::connect(url).await.unwrap();
                let rows = sqlx::query(query).fetch_all(&pool).await.unwrap();
                rows.iter().map(|row| texts_of(row, row.len())).collect()
            }
        }
    }
}

fn texts_of<R>(row: &R, columns: usize) -> Vec<Option<String>>
where
    R: Row,
    usize: sqlx::ColumnIndex<R>,
    String: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    (0..columns)
        .map(|column| row.try_get::<Option<String>, _>(column).ok().flatten())
        .collect()
}

/// Runs a test body on a fresh SQLite data directory.
pub async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().unwrap();
    test(TestDb::Sqlite { dir }).await;
}

/// Runs a test body in a fresh PostgreSQL schema and drops the schema
/// afterwards, even when the body panics; says so and returns when no
/// database is configured.
pub async fn on_postgres<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(base_url) = postgres_url() else {
        announce_postgres_skipped();
        return;
    };

    let schema = format!("understudy_test_{}", uuid::Uuid::new_v4().simple());
    admin(&base_url, &format!(r#"CREATE SCHEMA "{schema}""#)).await;

    let url = with_search_path(&base_url, &schema);
    let outcome = tokio::spawn(test(TestDb::Postgres { url })).await;

    admin(&base_url, &format!(r#"DROP SCHEMA "{schema}" CASCADE"#)).await;
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}

/// The configured test database, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var(POSTGRES_URL_VARIABLE)
        .ok()
        .filter(|url| !url.trim().is_empty())
}

/// Tells the person running the tests, once per test binary, that the
/// PostgreSQL halves did not run. Written to the terminal directly, past
/// the test harness's capture, so that it shows on a passing run too.
fn announce_postgres_skipped() {
    static ANNOUNCED: Once = Once::new();

    ANNOUNCED.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "\n{POSTGRES_URL_VARIABLE} is not set: the postgres half of each store test \
             is skipped, not run"
        );
    });
}

/// The URL of the same database with `schema` first on the search path,
/// so that everything the store creates and reads lives in it.
fn with_search_path(base_url: &str, schema: &str) -> String {
    let separator = if base_url.contains('?') { '&' } else { '?' };
    format!("{base_url}{separator}options[search_path]={schema}")
}

async fn admin(base_url: &str, statement: &str) {
    let mut connection = PgConnection::connect(base_url).await.unwrap();
    sqlx::raw_sql(statement)
        .execute(&mut connection)
        .await
        .unwrap();
    connection.close().await.unwrap();
}

/// A flow with the given identity; the document echoes it so a test can
/// tell which version was stored.
pub fn flow(id: &str, reference_id: &str, name: &str) -> NewFlow {
    NewFlow {
        id: id.to_owned(),
        reference_id: reference_id.to_owned(),
        name: name.to_owned(),
        document: json!({ "flow": { "_id": id, "referenceId": reference_id, "name": name } }),
        jobs: 1,
        tools: 3,
    }
}

/// A generation recorded `second` seconds after a fixed instant.
pub fn generation(request_id: &str, project: &str, flow: &str, second: u32) -> GenerationRecord {
    GenerationRecord {
        request_id: request_id.to_owned(),
        project: project.to_owned(),
        flow_reference: flow.to_owned(),
        principal: "key-0123456789ab".to_owned(),
        model: "offline".to_owned(),
        status: 200,
        request: json!({ "flowId": flow, "numberOfPackages": 2 }),
        response: json!({ "packages": [] }),
        duration_ms: 42,
        created_at: at(second),
    }
}

pub fn at(second: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap() + chrono::Duration::seconds(second.into())
}
