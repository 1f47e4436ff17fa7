//! The CLI and the server on a shared PostgreSQL store, as several
//! instances would use it. Runs when `UNDERSTUDY_TEST_POSTGRES_URL` is set.

mod common;

use std::process::Command;
use std::sync::Arc;

use understudy::api::{AppState, router};
use understudy_persona::OfflineWriter;
use understudy_store::Store;

/// A schema of its own on the test server, dropped at the end.
struct Schema {
    base: String,
    name: String,
}

impl Schema {
    fn create(base: &str) -> Schema {
        let name = format!("understudy_cli_{}", uuid::Uuid::new_v4().simple());
        psql(base, &format!("CREATE SCHEMA {name}"));
        Schema {
            base: base.to_owned(),
            name,
        }
    }

    fn url(&self) -> String {
        let separator = if self.base.contains('?') { '&' } else { '?' };
        format!("{}{separator}options[search_path]={}", self.base, self.name)
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        psql(
            &self.base,
            &format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name),
        );
    }
}

fn psql(url: &str, statement: &str) {
    let status = Command::new("psql")
        .args([url, "-v", "ON_ERROR_STOP=1", "-qc", statement])
        .status()
        .expect("psql runs");
    assert!(status.success(), "psql failed: {statement}");
}

fn postgres_url() -> Option<String> {
    let url = std::env::var("UNDERSTUDY_TEST_POSTGRES_URL").ok();
    if url.is_none() {
        eprintln!(
            "UNDERSTUDY_TEST_POSTGRES_URL is not set: the PostgreSQL test is skipped, not run"
        );
    }
    url
}

/// A flow and a key made by the CLI on PostgreSQL serve a generation at
/// once on a server sharing that database.
#[tokio::test]
async fn the_cli_and_a_server_share_a_postgres_store() {
    let Some(base) = postgres_url() else { return };
    let schema = Schema::create(&base);
    let dir = tempfile::tempdir().unwrap();
    let cli = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_understudy"))
            .args(args)
            .env("DATABASE_URL", schema.url())
            .env("UNDERSTUDY_DATA_DIR", dir.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };

    let imported = cli(&[
        "flows",
        "import",
        &common::example("flows/banking-support.json").to_string_lossy(),
        "--project",
        "shared",
    ]);
    let reference = imported.split('\t').next().unwrap().to_owned();
    let key = cli(&["keys", "create", "--project", "shared"])
        .lines()
        .last()
        .unwrap()
        .to_owned();

    let store = Store::open_url(&schema.url()).await.unwrap();
    assert_eq!(store.backend(), understudy_store::Backend::Postgres);
    assert!(
        !dir.path().join(understudy_store::DATABASE_FILE).exists(),
        "SQLite was used"
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let state = AppState::new(store, Arc::new(OfflineWriter));
    tokio::spawn(async move { axum::serve(listener, router(state)).await });

    let response = reqwest::Client::new()
        .post(format!(
            "http://{address}/testing/personas/generate?projectId=shared"
        ))
        .header("X-API-Key", key)
        .json(&common::request_for(&reference, 3, 2))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["personaPackages"].as_array().unwrap().len(), 3);
}
