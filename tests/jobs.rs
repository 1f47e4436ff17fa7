//! Generation jobs in one process: queued with `Prefer: respond-async`,
//! written by the process's workers, finished with the body a synchronous
//! request gives, cancelled on request.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{Value, json};

use understudy_store::Store;

use common::PROJECT;
use common::instances::{Seeded, seed, serve, state, wait_for_end};
use common::openapi::assert_valid;

async fn post(
    base: &str,
    seeded: &Seeded,
    body: &Value,
    prefer: Option<&str>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(format!("{base}/personas/generate?projectId={PROJECT}"))
        .header("X-API-Key", &seeded.editor)
        .json(body);
    if let Some(prefer) = prefer {
        request = request.header("Prefer", prefer);
    }
    request.send().await.unwrap()
}

fn origin(base: &str) -> &str {
    base.trim_end_matches("/testing")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finishes_a_job_with_the_body_a_synchronous_request_gives() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let base = serve(state(seeded.store.clone())).await;
    let mut body = common::request_for(&seeded.flow, 40, 2);
    body["seed"] = json!(5);

    let accepted = post(&base, &seeded, &body, Some("respond-async")).await;
    assert_eq!(accepted.status(), 202);
    assert_eq!(accepted.headers()["preference-applied"], "respond-async");
    let location = accepted.headers()["location"].to_str().unwrap().to_owned();
    let queued: Value = accepted.json().await.unwrap();
    assert_valid("Job", &queued);
    assert_eq!(
        location,
        format!("/testing/personas/jobs/{}", queued["id"].as_str().unwrap())
    );
    assert_eq!(queued["progress"], json!({ "written": 0, "total": 40 }));

    let client = reqwest::Client::new();
    let url = format!("{}{location}", origin(&base));
    let job = wait_for_end(&client, &url, &seeded.viewer, Duration::from_secs(30)).await;
    assert_valid("Job", &job);
    assert_eq!(job["status"], "done");
    assert_eq!(job["progress"], json!({ "written": 40, "total": 40 }));

    let now: Value = post(&base, &seeded, &body, None)
        .await
        .json()
        .await
        .unwrap();
    let result = &job["result"];
    assert_eq!(result["personaPackages"], now["personaPackages"]);
    assert_eq!(result["metadata"]["requestId"], job["id"]);
    assert_eq!(result["metadata"]["seed"], 5);
    let names: BTreeSet<&str> = result["personaPackages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["personaName"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 40);

    let record = seeded
        .store
        .get_generation(PROJECT, job["id"].as_str().unwrap())
        .await;
    assert_eq!(&record.unwrap().unwrap().response, result);
}

#[tokio::test]
async fn lets_a_job_ask_for_more_packages_than_a_synchronous_request() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let mut state = state(seeded.store.clone());
    state.jobs.workers = 0;
    state.limits.max_async_packages = 1_000;
    let base = serve(state).await;

    let many = common::request_for(&seeded.flow, 150, 2);
    let too_many = common::request_for(&seeded.flow, 1_001, 2);

    let now = post(&base, &seeded, &many, None).await;
    assert_eq!(now.status(), 400);
    assert_eq!(now.json::<Value>().await.unwrap()["code"], "OUT_OF_RANGE");
    assert_eq!(
        post(&base, &seeded, &many, Some("respond-async"))
            .await
            .status(),
        202
    );
    let refused = post(&base, &seeded, &too_many, Some("respond-async")).await;
    assert_eq!(refused.status(), 400);
    assert_eq!(
        refused.json::<Value>().await.unwrap()["field"],
        "requestedPackages"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancels_a_running_job_and_refuses_to_cancel_it_twice() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let mut state = state(seeded.store.clone());
    state.jobs.pause = Duration::from_millis(50);
    let base = serve(state).await;
    let body = common::request_for(&seeded.flow, 200, 2);
    let accepted = post(&base, &seeded, &body, Some("respond-async")).await;
    let url = format!(
        "{}{}",
        origin(&base),
        accepted.headers()["location"].to_str().unwrap()
    );
    let client = reqwest::Client::new();
    let delete = || {
        client
            .delete(&url)
            .header("X-API-Key", &seeded.editor)
            .send()
    };

    tokio::time::sleep(Duration::from_millis(300)).await;
    let cancelled = delete().await.unwrap();
    assert_eq!(cancelled.status(), 200);
    let cancelled: Value = cancelled.json().await.unwrap();
    assert_eq!(cancelled["status"], "cancelled");
    let again = delete().await.unwrap();
    assert_eq!(again.status(), 409);
    assert_eq!(again.json::<Value>().await.unwrap()["code"], "JOB_FINISHED");

    let written = cancelled["progress"]["written"].as_u64().unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let job = seeded
        .store
        .find_job(cancelled["id"].as_str().unwrap())
        .await;
    let job = job.unwrap().unwrap();
    assert!(written < 200);
    assert!(
        job.written <= written + 10,
        "{} after {written}",
        job.written
    );
    let id = cancelled["id"].as_str().unwrap();
    assert_eq!(
        seeded.store.job_packages(id).await.unwrap().len() as u64,
        job.written
    );
}

#[tokio::test]
async fn answers_a_job_of_another_project_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let mut state = state(seeded.store.clone());
    state.jobs.workers = 0;
    let base = serve(state).await;
    let body = common::request_for(&seeded.flow, 5, 2);
    let accepted = post(&base, &seeded, &body, Some("respond-async")).await;
    let url = format!(
        "{}{}",
        origin(&base),
        accepted.headers()["location"].to_str().unwrap()
    );
    let stranger = seeded
        .store
        .create_key("globex", understudy_store::Role::Admin)
        .await
        .unwrap()
        .secret;

    let client = reqwest::Client::new();
    let response = client
        .get(&url)
        .header("X-API-Key", &stranger)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 404);
    let missing = client
        .get(format!("{base}/personas/jobs/no-such-job"))
        .header("X-API-Key", &seeded.viewer)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}
