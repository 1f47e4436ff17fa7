//! Helpers shared by the store's tests: fresh data directories and small
//! flows and generation records to store.

#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;
use tempfile::TempDir;
use understudy_store::{GenerationRecord, NewFlow, Store};

/// A store in a fresh temporary directory, kept alive with the store.
pub async fn fresh_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    (dir, store)
}

/// A flow with the given identity; the document echoes it so a test can
/// tell which version was stored.
pub fn flow(id: &str, reference_id: &str, name: &str) -> NewFlow {
    NewFlow {
        id: id.to_owned(),
        reference_id: reference_id.to_owned(),
        name: name.to_owned(),
        document: json!({ "flow": { "_id": id, "referenceId": reference_id, "name": name } }),
        jobs: 1,
        tools: 3,
    }
}

/// A generation recorded `second` seconds after a fixed instant.
pub fn generation(request_id: &str, project: &str, flow: &str, second: u32) -> GenerationRecord {
    GenerationRecord {
        request_id: request_id.to_owned(),
        project: project.to_owned(),
        flow_reference: flow.to_owned(),
        principal: "key-0123456789ab".to_owned(),
        model: "offline".to_owned(),
        status: 200,
        request: json!({ "flowId": flow, "numberOfPackages": 2 }),
        response: json!({ "packages": [] }),
        duration_ms: 42,
        created_at: at(second),
    }
}

pub fn at(second: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap() + chrono::Duration::seconds(second.into())
}
