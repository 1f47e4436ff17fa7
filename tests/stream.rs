//! Streamed generation: one line per package, then the metadata; a client
//! that disconnects stops the work.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;

use understudy_persona::plan::PackagePlan;
use understudy_persona::writer::WriteContext;
use understudy_persona::{OfflineWriter, PersonaPackage, WriteError, Writer};
use understudy_store::Store;

use common::PROJECT;
use common::instances::{Seeded, seed, serve, state, state_with};
use common::openapi::assert_valid;

async fn stream(base: &str, seeded: &Seeded, packages: u64) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{base}/personas/generate?projectId={PROJECT}"))
        .header("X-API-Key", &seeded.editor)
        .header("Accept", "application/x-ndjson")
        .json(&common::request_for(&seeded.flow, packages, 2))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn streams_one_line_per_package_then_the_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let base = serve(state(seeded.store.clone())).await;

    let response = stream(&base, &seeded, 25).await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    let text = response.text().await.unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 26);
    for package in &lines[..25] {
        assert_valid("PersonaPackage", package);
    }
    let metadata = &lines[25]["metadata"];
    assert_valid("GenerationMetadata", metadata);

    let id = metadata["requestId"].as_str().unwrap();
    let record = seeded.store.get_generation(PROJECT, id).await.unwrap();
    let record = record.expect("the streamed generation is recorded");
    assert_eq!(
        record.response["personaPackages"].as_array().unwrap().len(),
        25
    );
    assert_eq!(&record.response["personaPackages"][7], &lines[7]);
}

/// Writes as the offline writer does, a tenth of a second per chunk, and
/// counts the chunks it was asked for.
struct Counting {
    chunks: AtomicUsize,
}

#[async_trait]
impl Writer for Counting {
    fn model(&self) -> String {
        "counting-offline".to_owned()
    }

    async fn write(
        &self,
        context: WriteContext<'_>,
        plans: &[PackagePlan],
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        self.chunks.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(100)).await;
        Ok(OfflineWriter.write_packages(context, plans))
    }
}

/// The client reads the first line and hangs up: the generation stops
/// within a chunk or two of that, far short of its hundred packages, and
/// nothing is recorded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stops_writing_when_the_client_disconnects() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let writer = Arc::new(Counting {
        chunks: AtomicUsize::new(0),
    });
    let base = serve(state_with(seeded.store.clone(), writer.clone())).await;

    let mut response = stream(&base, &seeded, 100).await;
    let first = response.chunk().await.unwrap().unwrap();
    assert!(first.starts_with(b"{"));
    drop(response);

    tokio::time::sleep(Duration::from_millis(600)).await;
    let after_hangup = writer.chunks.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(600)).await;

    assert!(after_hangup <= 3, "{after_hangup} chunks were asked for");
    assert_eq!(writer.chunks.load(Ordering::SeqCst), after_hangup);
    let page = seeded.store.list_generations(PROJECT, None, 10, None).await;
    assert_eq!(page.unwrap().generations.len(), 0);
}
