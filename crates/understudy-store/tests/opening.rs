//! Opening the store: files, URLs, migrations and a second handle.

mod common;

use understudy_store::{DATABASE_FILE, Role, Store, StoreError};

use common::{flow, fresh_store};

/// The data directory and the database file are created on first open.
#[tokio::test]
async fn creates_the_data_directory_and_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("nested").join("data");

    Store::open(&data_dir).await.unwrap();

    assert!(data_dir.join(DATABASE_FILE).is_file());
}

/// Reopening runs the migrations again, which must change nothing.
#[tokio::test]
async fn runs_migrations_twice_without_harm() {
    let (dir, store) = fresh_store().await;
    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();
    store.close().await;

    let reopened = Store::open(dir.path()).await.unwrap();
    let again = Store::open(dir.path()).await.unwrap();

    assert_eq!(reopened.list_flows("acme").await.unwrap().len(), 1);
    assert_eq!(again.list_flows("acme").await.unwrap().len(), 1);
}

/// Two processes starting on a new data directory at once both succeed.
#[tokio::test]
async fn opens_a_new_database_from_two_handles_at_once() {
    let dir = tempfile::tempdir().unwrap();

    let (first, second) = tokio::join!(Store::open(dir.path()), Store::open(dir.path()));
    first.unwrap().ensure_project("acme").await.unwrap();

    assert!(second.unwrap().project_exists("acme").await.unwrap());
}

/// What the CLI writes, a running server reads at once: nothing is cached.
#[tokio::test]
async fn a_second_handle_sees_a_key_created_by_the_first_at_once() {
    let (dir, server) = fresh_store().await;
    assert!(server.list_keys("acme").await.unwrap().is_empty());

    let cli = Store::open(dir.path()).await.unwrap();
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
async fn refuses_a_postgres_url_as_unsupported_without_echoing_it() {
    let err = Store::open_url("postgres://user:hunter2@db/understudy")
        .await
        .unwrap_err();

    assert!(matches!(&err, StoreError::UnsupportedUrl { scheme } if scheme == "postgres"));
    assert!(!err.to_string().contains("hunter2"));
}

#[tokio::test]
async fn creates_a_project_once() {
    let (_dir, store) = fresh_store().await;
    assert!(!store.project_exists("acme").await.unwrap());

    assert!(store.ensure_project("acme").await.unwrap());
    assert!(!store.ensure_project("acme").await.unwrap());

    assert!(store.project_exists("acme").await.unwrap());
    assert!(!store.project_exists("other").await.unwrap());
}
