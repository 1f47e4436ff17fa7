//! The generate route with an LLM writer, against a fake model on loopback:
//! a good answer, and every way the model can fail the request.

mod common;

#[path = "../crates/understudy-llm/tests/writer/fake.rs"]
#[allow(dead_code)]
mod fake;

use std::time::Duration;

use serde_json::{Value, json};

use common::{PROJECT, request_for};
use fake::{Answer, Fake, Step};
use understudy::api::{AppState, router};
use understudy::generation;
use understudy::request::{GenerateRequest, Limits};
use understudy::writers::Writers;
use understudy_flow::{discover, import_path};
use understudy_llm::{Backoff, ProviderConfig, ProviderKind, Secret};
use understudy_store::{Role, Store};

const BANKING: &str = "flows/banking-support.json";

/// A server whose default writer is the fake model, and a request for it.
struct LlmApp {
    base: String,
    key: String,
    request: Value,
    fake: Fake,
    _dir: tempfile::TempDir,
}

fn config(base: &str) -> ProviderConfig {
    let mut config = ProviderConfig::new(ProviderKind::OpenAi, "fake-model");
    config.base_url = format!("{base}/v1");
    config.api_key = Some(Secret::new("sk-test-not-a-real-key"));
    config.timeout = Duration::from_secs(2);
    config.retries = 2;
    config.backoff = Backoff {
        first: Duration::from_millis(10),
        max: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(2),
    };
    config
}

/// Serves `steps` as the model for a request of `packages` packages.
async fn spawn(packages: u64, steps: Vec<Step>, timeout: Duration) -> LlmApp {
    let document = import_path(&common::example(BANKING)).unwrap().remove(0);
    let capabilities = discover(&document);
    let mut request = request_for(&document.flow.reference_id, packages, 3);
    request["seed"] = json!(31337);

    let parsed = GenerateRequest::from_value(&request, Limits::default()).unwrap();
    let scope = generation::scope(&capabilities, &parsed).unwrap();
    let plans = understudy_persona::plan::plan(&scope, &generation::spec(&parsed, 31337));
    let fake = Fake::serve(plans, steps).await;

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    understudy::flows::import(&store, PROJECT, vec![document])
        .await
        .unwrap();
    let key = store
        .create_key(PROJECT, Role::Editor)
        .await
        .unwrap()
        .secret;
    let writers = Writers::with_provider(&config(&fake.base), &[]).unwrap();
    let mut state = AppState::with_writers(store, writers);
    state.timeout = timeout;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(state)).await });

    LlmApp {
        base: format!("http://{address}/testing"),
        key,
        request,
        fake,
        _dir: dir,
    }
}

impl LlmApp {
    async fn generate(&self, request: &Value) -> (u16, Value) {
        let response = reqwest::Client::new()
            .post(format!(
                "{}/personas/generate?projectId={PROJECT}",
                self.base
            ))
            .header("X-API-Key", &self.key)
            .json(request)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }
}

#[tokio::test]
async fn writes_packages_with_the_model_and_reports_its_usage() {
    let app = spawn(12, vec![Step::new(Answer::Valid)], Duration::from_secs(30)).await;

    let (status, body) = app.generate(&app.request).await;

    assert_eq!(status, 200, "{body}");
    common::openapi::assert_valid("GenerateResponse", &body);
    assert_eq!(body["personaPackages"].as_array().unwrap().len(), 12);
    assert_eq!(body["metadata"]["model"], "fake-model");
    assert_eq!(body["metadata"]["usage"]["calls"], 3);
    assert_eq!(body["metadata"]["usage"]["repairs"], 0);
    assert_eq!(body["metadata"]["usage"]["promptTokens"], 300);
    assert!(body["metadata"]["timings"]["writeMs"].is_u64());
    assert_eq!(app.fake.calls(), 3);
}

#[tokio::test]
async fn answers_503_when_the_model_stays_unreachable() {
    let steps = vec![Step::new(Answer::Status(503, "{\"error\":\"overloaded\"}"))];
    let app = spawn(5, steps, Duration::from_secs(30)).await;

    let (status, body) = app.generate(&app.request).await;

    assert_eq!(status, 503, "{body}");
    assert_eq!(body["code"], "WRITER_UNAVAILABLE");
    assert!(body["traceId"].is_string());
    assert!(!body.to_string().contains("sk-test-not-a-real-key"));
}

#[tokio::test]
async fn answers_502_when_the_model_keeps_writing_unusable_output() {
    let app = spawn(5, vec![Step::new(Answer::NotJson)], Duration::from_secs(30)).await;

    let (status, body) = app.generate(&app.request).await;

    assert_eq!(status, 502, "{body}");
    assert_eq!(body["code"], "WRITER_UNUSABLE");
    assert!(body["detail"].as_str().unwrap().contains("JSON"), "{body}");
}

#[tokio::test]
async fn answers_504_when_the_model_outlives_the_deadline() {
    let steps = vec![Step::new(Answer::Valid).after(Duration::from_secs(5))];
    let app = spawn(5, steps, Duration::from_millis(600)).await;
    let started = std::time::Instant::now();

    let (status, body) = app.generate(&app.request).await;

    assert_eq!(status, 504, "{body}");
    assert_eq!(body["code"], "TIMEOUT");
    assert!(started.elapsed() < Duration::from_secs(3), "it hung");
}

#[tokio::test]
async fn a_request_may_choose_the_offline_writer_but_no_unlisted_model() {
    let app = spawn(4, vec![Step::new(Answer::Valid)], Duration::from_secs(30)).await;

    let mut offline = app.request.clone();
    offline["model"] = json!("understudy-offline");
    let (status, body) = app.generate(&offline).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["metadata"]["model"], "understudy-offline");
    assert_eq!(app.fake.calls(), 0);

    let mut unlisted = app.request.clone();
    unlisted["model"] = json!("gpt-5-ultra");
    let (status, body) = app.generate(&unlisted).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["field"], "model");
    assert_eq!(body["code"], "MODEL_NOT_AVAILABLE");
}

/// Without a provider, asking for a model is a clear 400, not a hang.
#[tokio::test]
async fn asking_for_a_model_without_a_provider_is_refused() {
    let app = common::spawn_app().await;
    let imported = app.import_example(BANKING).await;
    let mut request = request_for(imported["flows"][0]["referenceId"].as_str().unwrap(), 2, 2);
    request["model"] = json!("gpt-4o");

    let response = app.generate(&request).await;

    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "MODEL_NOT_AVAILABLE");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("understudy-offline")
    );
}
