//! Opening the store: files, URLs, configuration, migrations and a second
//! handle.

mod common;

use understudy_store::{Backend, DATABASE_FILE, Role, Store, StoreError};

use common::{TestDb, flow, on_both_backends};

/// The data directory and the database file are created on first open.
#[tokio::test]
async fn creates_the_data_directory_and_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("nested").join("data");

    let store = Store::open(&data_dir).await.unwrap();

    assert!(data_dir.join(DATABASE_FILE).is_file());
    assert_eq!(store.backend(), Backend::Sqlite);
}

on_both_backends!(runs_migrations_twice_without_harm);

/// Reopening runs the migrations again, which must change nothing.
async fn runs_migrations_twice_without_harm(db: TestDb) {
    let store = db.open().await;
    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();
    store.close().await;

    let reopened = db.open().await;
    let again = db.open().await;

    assert_eq!(reopened.list_flows("acme").await.unwrap().len(), 1);
    assert_eq!(again.list_flows("acme").await.unwrap().len(), 1);
}

on_both_backends!(multi_thread: opens_a_new_database_from_two_handles_at_once);

/// Instances starting on a new database at once all succeed: one migrates,
/// the others find the schema up to date. (Two SQLite openers once raced
/// on the second migration and one failed with "table already exists".)
async fn opens_a_new_database_from_two_handles_at_once(db: TestDb) {
    let (first, second, third, fourth) = tokio::join!(db.open(), db.open(), db.open(), db.open());

    first.ensure_project("acme").await.unwrap();

    for other in [second, third, fourth] {
        assert!(other.project_exists("acme").await.unwrap());
    }
}

on_both_backends!(a_second_handle_sees_a_key_created_by_the_first_at_once);

/// What the CLI writes, a running server reads at once: nothing is cached.
async fn a_second_handle_sees_a_key_created_by_the_first_at_once(db: TestDb) {
    let server = db.open().await;
    assert!(server.list_keys("acme").await.unwrap().is_empty());

    let cli = db.open().await;
    let key = cli.create_key("acme", Role::Editor).await.unwrap();
    cli.put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();

    let principal = server.authenticate_key(&key.secret).await.unwrap().unwrap();
    assert_eq!(principal.key_id, key.id);
    assert_eq!(principal.role, Role::Editor);
    assert_eq!(server.list_keys("acme").await.unwrap().len(), 1);
    assert!(server.get_flow("acme", "r1").await.unwrap().is_some());
}

on_both_backends!(opens_the_database_a_configured_url_names);

/// A configured URL wins over the data directory, which stays untouched.
async fn opens_the_database_a_configured_url_names(db: TestDb) {
    let elsewhere = tempfile::tempdir().unwrap();
    let url = db.url();

    let configured = Store::open_configured(elsewhere.path(), Some(&url))
        .await
        .unwrap();
    configured.ensure_project("acme").await.unwrap();

    assert_eq!(configured.backend(), db.backend());
    assert!(db.open().await.project_exists("acme").await.unwrap());
    assert!(!elsewhere.path().join(DATABASE_FILE).exists());
}

/// No URL, or a blank one as an empty environment variable gives, means
/// SQLite in the data directory.
#[tokio::test]
async fn opens_sqlite_in_the_data_directory_when_no_url_is_configured() {
    for url in [None, Some(""), Some("  ")] {
        let dir = tempfile::tempdir().unwrap();

        let store = Store::open_configured(dir.path(), url).await.unwrap();

        assert_eq!(store.backend(), Backend::Sqlite, "{url:?}");
        assert!(dir.path().join(DATABASE_FILE).is_file(), "{url:?}");
    }
}

#[tokio::test]
async fn opens_an_sqlite_url() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("by-url.db").display());

    let store = Store::open_url(&url).await.unwrap();
    store.ensure_project("acme").await.unwrap();

    assert!(dir.path().join("by-url.db").is_file());
    assert!(store.project_exists("acme").await.unwrap());
}

/// An in-memory database is one database for the whole handle, not one
/// per connection.
#[tokio::test]
async fn keeps_an_in_memory_database_across_calls() {
    let store = Store::open_url("sqlite::memory:").await.unwrap();

    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();
    store
        .put_flow("acme", flow("f2", "r2", "Support"))
        .await
        .unwrap();

    assert_eq!(store.list_flows("acme").await.unwrap().len(), 2);
}

#[tokio::test]
async fn refuses_an_unknown_url_scheme_without_echoing_the_url() {
    let err = Store::open_url("mysql://user:hunter2@db/understudy")
        .await
        .unwrap_err();

    assert!(matches!(&err, StoreError::UnsupportedUrl { scheme } if scheme == "mysql"));
    assert!(!err.to_string().contains("hunter2"));
}

/// Both spellings of the scheme reach PostgreSQL: no server listens on
/// the socket named, so each fails as a database failure, not as an
/// unknown scheme, and neither message shows the password.
#[tokio::test]
async fn tries_postgres_for_both_spellings_of_its_scheme() {
    let nowhere = tempfile::tempdir().unwrap();
    let socket_dir = nowhere.path().display().to_string().replace('/', "%2F");

    for scheme in ["postgres", "postgresql"] {
        let url = format!("{scheme}://user:hunter2@{socket_dir}/understudy");

        let err = Store::open_url(&url).await.unwrap_err();

        assert!(matches!(err, StoreError::Database(_)), "{scheme}: {err:?}");
        assert!(!format!("{err} {err:?}").contains("hunter2"), "{scheme}");
    }
}

on_both_backends!(creates_a_project_once);

async fn creates_a_project_once(db: TestDb) {
    let store = db.open().await;
    assert!(!store.project_exists("acme").await.unwrap());

    assert!(store.ensure_project("acme").await.unwrap());
    assert!(!store.ensure_project("acme").await.unwrap());

    assert!(store.project_exists("acme").await.unwrap());
    assert!(!store.project_exists("other").await.unwrap());
}

on_both_backends!(answers_a_readiness_ping_until_closed);

/// Readiness checks ping the database; a closed store is not ready.
async fn answers_a_readiness_ping_until_closed(db: TestDb) {
    let store = db.open().await;
    store.ping().await.unwrap();

    store.close().await;

    let err = store.ping().await.unwrap_err();
    assert!(matches!(err, StoreError::Database(_)), "{err:?}");
}
