//! Servers for the durability tests: in-process ones with job workers,
//! and real `understudy` processes, on SQLite or a PostgreSQL schema of
//! their own.

#![allow(dead_code)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

use understudy::api::{AppState, router};
use understudy::jobs::spawn_workers;
use understudy_persona::{OfflineWriter, Writer};
use understudy_store::{Role, Store};

use super::PROJECT;

/// Serves `state` on `127.0.0.1:0`, with its job workers, and gives the
/// `/testing` base URL.
pub async fn serve(state: AppState) -> String {
    spawn_workers(&state.job_workers());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(state)).await });
    format!("http://{address}/testing")
}

/// A fresh SQLite store with the banking example imported into
/// [`PROJECT`], and a key of each role.
pub struct Seeded {
    pub store: Store,
    pub flow: String,
    pub viewer: String,
    pub editor: String,
    pub admin: String,
}

pub async fn seed(store: Store) -> Seeded {
    let document = std::fs::read(super::example("flows/banking-support.json")).unwrap();
    let documents = understudy_flow::import_bytes(&document).unwrap();
    let imported = understudy::flows::import(&store, PROJECT, documents)
        .await
        .unwrap();
    let key = |role| {
        let store = store.clone();
        async move { store.create_key(PROJECT, role).await.unwrap().secret }
    };
    Seeded {
        flow: imported[0].reference_id.clone(),
        viewer: key(Role::Viewer).await,
        editor: key(Role::Editor).await,
        admin: key(Role::Admin).await,
        store,
    }
}

/// A state on `store` with the offline writer and quick job settings.
pub fn state(store: Store) -> AppState {
    state_with(store, Arc::new(OfflineWriter))
}

pub fn state_with(store: Store, writer: Arc<dyn Writer>) -> AppState {
    let mut state = AppState::new(store, writer);
    state.jobs.poll = Duration::from_millis(50);
    state.jobs.lease = Duration::from_secs(2);
    state
}

/// Polls a job until it has ended, or fails the test after `patience`.
pub async fn wait_for_end(
    client: &reqwest::Client,
    url: &str,
    key: &str,
    patience: Duration,
) -> Value {
    let started = Instant::now();
    loop {
        let job: Value = client
            .get(url)
            .header("X-API-Key", key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let status = job["status"].as_str().unwrap_or_default();
        if ["done", "failed", "cancelled"].contains(&status) {
            return job;
        }
        assert!(
            started.elapsed() < patience,
            "the job did not end in time: {job}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A running `understudy serve` process, killed when dropped.
pub struct Process {
    pub child: Child,
    pub base: String,
}

impl Process {
    /// Starts `understudy serve` on a free port with the given settings,
    /// and waits until it answers.
    pub async fn serve(env: &[(&str, String)]) -> Process {
        let port = free_port();
        let mut command = Command::new(env!("CARGO_BIN_EXE_understudy"));
        command
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("UNDERSTUDY_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command.spawn().expect("the binary starts");
        let process = Process {
            child,
            base: format!("http://127.0.0.1:{port}/testing"),
        };
        process.wait_until_ready().await;
        process
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Ends the process at once, as a crash or `kill -9` would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    async fn wait_until_ready(&self) {
        let client = reqwest::Client::new();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            let health = client.get(format!("{}/health", self.base)).send().await;
            if health.is_ok_and(|r| r.status() == 200) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("understudy serve did not answer within 30 s");
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A PostgreSQL schema of its own for one test, dropped at the end.
pub struct PgSchema {
    base: String,
    name: String,
}

impl PgSchema {
    /// A fresh schema on the configured test database, or `None` (and a
    /// line saying the test is skipped) when none is configured.
    pub fn create(test: &str) -> Option<PgSchema> {
        let Some(base) = std::env::var("UNDERSTUDY_TEST_POSTGRES_URL")
            .ok()
            .filter(|url| !url.trim().is_empty())
        else {
            eprintln!("UNDERSTUDY_TEST_POSTGRES_URL is not set: `{test}` is skipped, not run");
            return None;
        };
        let name = format!("understudy_it_{}", uuid::Uuid::new_v4().simple());
        psql(&base, &format!("CREATE SCHEMA {name}"));
        Some(PgSchema { base, name })
    }

    /// The URL that puts this schema first on the search path.
    pub fn url(&self) -> String {
        let separator = if self.base.contains('?') { '&' } else { '?' };
        format!("{}{separator}options[search_path]={}", self.base, self.name)
    }

    /// Runs a query with `psql` and gives its rows, one string per row.
    pub fn query(&self, sql: &str) -> Vec<String> {
        let statement = format!("SET search_path TO {}; {sql}", self.name);
        let output = Command::new("psql")
            .args([&self.base, "-v", "ON_ERROR_STOP=1", "-qtAc", &statement])
            .output()
            .expect("psql runs");
        assert!(output.status.success(), "psql failed: {sql}");
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for PgSchema {
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
