//! A real server on `127.0.0.1:0` with a fresh data directory per test.

#![allow(dead_code)]

pub mod contract;
pub mod instances;
pub mod openapi;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value, json};
use tempfile::TempDir;

use understudy::api::{AppState, router};
use understudy::jwt::{JwtConfig, JwtVerifier};
use understudy_persona::OfflineWriter;
use understudy_store::{Role, Store};

pub const PROJECT: &str = "acme";

/// One running server and what a test needs to talk to it.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub store: Store,
    pub editor_key: String,
    pub data_dir: TempDir,
}

/// Starts the server on a fresh data directory with an editor key.
pub async fn spawn_app() -> TestApp {
    let data_dir = tempfile::tempdir().expect("a temporary directory");
    spawn_app_in(data_dir).await
}

/// Starts the server on a given data directory.
pub async fn spawn_app_in(data_dir: TempDir) -> TestApp {
    spawn_configured(data_dir, None).await
}

/// Starts the server accepting bearer tokens as `jwt` says.
pub async fn spawn_app_with_jwt(jwt: JwtConfig) -> TestApp {
    let data_dir = tempfile::tempdir().expect("a temporary directory");
    let verifier = JwtVerifier::load(jwt)
        .expect("the JWT keys load")
        .expect("a key");
    spawn_configured(data_dir, Some(Arc::new(verifier))).await
}

async fn spawn_configured(data_dir: TempDir, jwt: Option<Arc<JwtVerifier>>) -> TestApp {
    let store = Store::open(data_dir.path()).await.expect("the store opens");
    store.ensure_project(PROJECT).await.expect("a project");
    let editor_key = store
        .create_key(PROJECT, Role::Editor)
        .await
        .expect("a key")
        .secret;

    let mut state = AppState::new(store.clone(), Arc::new(OfflineWriter));
    state.jwt = jwt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, router(state)).await });

    TestApp {
        base: format!("http://{address}/testing"),
        client: reqwest::Client::new(),
        store,
        editor_key,
        data_dir,
    }
}

impl TestApp {
    /// Imports a flow file of `examples/` over HTTP, returning the response body.
    pub async fn import_example(&self, relative: &str) -> Value {
        let body = std::fs::read(example(relative)).expect("the example exists");
        let response = self
            .client
            .put(format!("{}/projects/{PROJECT}/flows", self.base))
            .header("X-API-Key", &self.editor_key)
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await
            .expect("the import answers");
        assert_eq!(response.status(), 200, "import of {relative} failed");
        response.json().await.expect("a JSON body")
    }

    /// Posts a generate request with the editor key.
    pub async fn generate(&self, body: &Value) -> reqwest::Response {
        self.generate_with_key(body, Some(&self.editor_key)).await
    }

    /// Posts a raw body of the given content type with the editor key.
    pub async fn generate_raw(&self, content_type: &str, body: &'static str) -> reqwest::Response {
        self.client
            .post(format!(
                "{}/personas/generate?projectId={PROJECT}",
                self.base
            ))
            .header("X-API-Key", &self.editor_key)
            .header("Content-Type", content_type)
            .body(body)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn generate_with_key(&self, body: &Value, key: Option<&str>) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!(
                "{}/personas/generate?projectId={PROJECT}",
                self.base
            ))
            .json(body);
        if let Some(key) = key {
            request = request.header("X-API-Key", key);
        }
        request.send().await.expect("the server answers")
    }
}

/// A path under the repository's `examples/`.
pub fn example(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(relative)
}

/// An example JSON file, parsed.
pub fn example_json(relative: &str) -> Value {
    let text = std::fs::read_to_string(example(relative)).expect("the example exists");
    serde_json::from_str(&text).expect("the example is JSON")
}

/// A valid request for `flow`, with `packages` packages of `criteria` criteria.
pub fn request_for(flow: &str, packages: u64, criteria: u64) -> Value {
    json!({
        "flowReferenceId": flow,
        "selectedMissionType": example_json("mission-types/resolve-account-access.json"),
        "selectedPersonaType": example_json("persona-types/impatient.json"),
        "numberOfSuccessCriteria": criteria,
        "requestedPackages": packages,
    })
}
