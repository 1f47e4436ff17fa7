//! The records API: every generation listed newest first a page at a
//! time, and one shown whole.

mod common;

use serde_json::{Value, json};

use understudy_store::Store;

use common::PROJECT;
use common::instances::{Seeded, seed, serve, state};
use common::openapi::assert_valid;

async fn app() -> (String, Seeded, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let base = serve(state(seeded.store.clone())).await;
    (base, seeded, dir)
}

async fn generate(base: &str, seeded: &Seeded, seed: u64) -> Value {
    let mut body = common::request_for(&seeded.flow, 2, 2);
    body["seed"] = json!(seed);
    let response = reqwest::Client::new()
        .post(format!("{base}/personas/generate?projectId={PROJECT}"))
        .header("X-API-Key", &seeded.editor)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn get(url: &str, key: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .get(url)
        .header("X-API-Key", key)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn pages_through_every_generation_newest_first() {
    let (base, seeded, _dir) = app().await;
    let mut ids = Vec::new();
    for seed in 0..5 {
        let body = generate(&base, &seeded, seed).await;
        ids.push(body["metadata"]["requestId"].as_str().unwrap().to_owned());
    }

    let mut listed = Vec::new();
    let mut pages = 0;
    let mut url = format!("{base}/personas/generations?projectId={PROJECT}&limit=2");
    loop {
        let (status, page) = get(&url, &seeded.viewer).await;
        assert_eq!(status, 200);
        assert_valid("GenerationPage", &page);
        pages += 1;
        for item in page["generations"].as_array().unwrap() {
            assert_eq!(item["packages"], 2);
            assert_eq!(item["status"], 200);
            listed.push(item["requestId"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => {
                url =
                    format!("{base}/personas/generations?projectId={PROJECT}&limit=2&cursor={next}")
            }
            None => break,
        }
    }

    ids.reverse();
    assert_eq!(listed, ids);
    assert_eq!(pages, 3);
}

#[tokio::test]
async fn shows_one_generation_with_its_request_and_response() {
    let (base, seeded, _dir) = app().await;
    let body = generate(&base, &seeded, 9).await;
    let id = body["metadata"]["requestId"].as_str().unwrap();

    let (status, record) = get(
        &format!("{base}/personas/generations/{id}?projectId={PROJECT}"),
        &seeded.viewer,
    )
    .await;

    assert_eq!(status, 200);
    assert_valid("GenerationRecord", &record);
    assert_eq!(record["response"], body);
    assert_eq!(record["request"]["seed"], 9);
    assert_eq!(record["flowReferenceId"], seeded.flow);
}

#[tokio::test]
async fn refuses_listings_without_a_project_or_with_a_foreign_cursor() {
    let (base, seeded, _dir) = app().await;

    let (status, problem) = get(&format!("{base}/personas/generations"), &seeded.viewer).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("PROJECT_REQUIRED"))
    );

    let url = format!("{base}/personas/generations?projectId={PROJECT}&cursor=bm90LWEtY3Vyc29y");
    let (status, problem) = get(&url, &seeded.viewer).await;
    assert_eq!(status, 400);
    assert_eq!(problem["field"], "cursor");

    let url = format!("{base}/personas/generations?projectId={PROJECT}&limit=0");
    let (status, problem) = get(&url, &seeded.viewer).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("OUT_OF_RANGE"))
    );

    let url = format!("{base}/personas/generations?projectId=globex");
    assert_eq!(get(&url, &seeded.viewer).await.0, 403);

    let url = format!("{base}/personas/generations/nope?projectId={PROJECT}");
    assert_eq!(get(&url, &seeded.viewer).await.0, 404);
}
