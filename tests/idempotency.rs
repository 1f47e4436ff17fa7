//! `Idempotency-Key`: a retry gets the recorded answer, a different body
//! with the same key is refused, concurrent requests with one key
//! generate once, and a failed request gives its key up.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use serde_json::Value;

use understudy_persona::plan::PackagePlan;
use understudy_persona::writer::WriteContext;
use understudy_persona::{OfflineWriter, PersonaPackage, WriteError, Writer};
use understudy_store::Store;

use common::PROJECT;
use common::instances::{Seeded, seed, serve, state, state_with};

async fn post(base: &str, seeded: &Seeded, key: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{base}/personas/generate?projectId={PROJECT}"))
        .header("X-API-Key", &seeded.editor)
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn generations(store: &Store) -> usize {
    let page = store.list_generations(PROJECT, None, 100, None).await;
    page.unwrap().generations.len()
}

#[tokio::test]
async fn replays_the_recorded_answer_to_a_retry_with_the_same_key() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let base = serve(state(seeded.store.clone())).await;
    let body = common::request_for(&seeded.flow, 3, 2);

    let first = post(&base, &seeded, "order-17", &body).await;
    assert_eq!(first.status(), 200);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.unwrap();

    // The same request with its fields in another order is the same request.
    let reordered: Value = serde_json::from_str(&{
        let mut fields: Vec<(String, Value)> =
            body.as_object().unwrap().clone().into_iter().collect();
        fields.reverse();
        serde_json::to_string(&fields.into_iter().collect::<serde_json::Map<_, _>>()).unwrap()
    })
    .unwrap();
    let retry = post(&base, &seeded, "order-17", &reordered).await;

    assert_eq!(retry.status(), 200);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    assert_eq!(retry.json::<Value>().await.unwrap(), first);
    assert_eq!(generations(&seeded.store).await, 1);
}

#[tokio::test]
async fn refuses_the_same_key_with_a_different_body() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let base = serve(state(seeded.store.clone())).await;
    let body = common::request_for(&seeded.flow, 3, 2);
    assert_eq!(post(&base, &seeded, "order-17", &body).await.status(), 200);

    let other = common::request_for(&seeded.flow, 4, 2);
    let response = post(&base, &seeded, "order-17", &other).await;

    assert_eq!(response.status(), 409);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["code"], "IDEMPOTENCY_CONFLICT");
    assert_eq!(generations(&seeded.store).await, 1);
}

/// A writer that takes its time, so that concurrent requests overlap.
struct Slow {
    calls: AtomicUsize,
}

#[async_trait]
impl Writer for Slow {
    fn model(&self) -> String {
        "slow-offline".to_owned()
    }

    async fn write(
        &self,
        context: WriteContext<'_>,
        plans: &[PackagePlan],
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        Ok(OfflineWriter.write_packages(context, plans))
    }
}

/// Eight requests with one key at once: one generates, the others wait
/// for its record and answer with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn generates_once_for_concurrent_requests_with_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let writer = Arc::new(Slow {
        calls: AtomicUsize::new(0),
    });
    let base = serve(state_with(seeded.store.clone(), writer.clone())).await;
    let seeded = Arc::new(seeded);
    let base = Arc::new(base);

    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (seeded, base) = (seeded.clone(), base.clone());
        tasks.push(tokio::spawn(async move {
            let body = common::request_for(&seeded.flow, 3, 2);
            let response = post(&base, &seeded, "same-key", &body).await;
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.unwrap())
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }

    assert_eq!(writer.calls.load(Ordering::SeqCst), 1);
    assert_eq!(generations(&seeded.store).await, 1);
    for (status, body) in &answers {
        assert_eq!(*status, 200);
        assert_eq!(body, &answers[0].1);
    }
}

/// Fails its first call, then writes as the offline writer does.
struct FailsOnce {
    calls: AtomicUsize,
}

#[async_trait]
impl Writer for FailsOnce {
    fn model(&self) -> String {
        "fails-once".to_owned()
    }

    async fn write(
        &self,
        context: WriteContext<'_>,
        plans: &[PackagePlan],
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        if self.calls.fetch_add(1, Ordering::SeqCst) == 0 {
            return Err(WriteError::Unavailable("the model is down".to_owned()));
        }
        Ok(OfflineWriter.write_packages(context, plans))
    }
}

#[tokio::test]
async fn gives_the_key_up_when_the_request_fails_so_a_retry_generates() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let writer = Arc::new(FailsOnce {
        calls: AtomicUsize::new(0),
    });
    let base = serve(state_with(seeded.store.clone(), writer)).await;
    let body = common::request_for(&seeded.flow, 2, 2);

    let failed = post(&base, &seeded, "k", &body).await;
    let retried = post(&base, &seeded, "k", &body).await;

    assert!(failed.status().is_server_error(), "{}", failed.status());
    assert_eq!(retried.status(), 200);
    assert!(retried.headers().get("idempotent-replayed").is_none());
    assert_eq!(generations(&seeded.store).await, 1);
}

#[tokio::test]
async fn refuses_a_key_that_is_too_long() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let base = serve(state(seeded.store.clone())).await;
    let body = common::request_for(&seeded.flow, 2, 2);

    let response = post(&base, &seeded, &"k".repeat(256), &body).await;

    assert_eq!(response.status(), 400);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["field"], "Idempotency-Key");
}
