//! `Idempotency-Key` on generate: a retried request gets the recorded
//! answer instead of a second generation.
//!
//! The first request with a key in a project takes it (a unique row in
//! the store) together with a hash of its canonical JSON body and its
//! request id. A retry with the same body finds the recorded generation,
//! or the queued job, and answers with it; the same key with another body
//! is a 409 `IDEMPOTENCY_CONFLICT`. A retry arriving while the first is
//! still working waits briefly for its record, then answers 409
//! `IDEMPOTENCY_IN_PROGRESS`. A request that fails gives its key up, so a
//! retry generates afresh; a key whose holder died without a record is
//! given up once it is older than twice the request timeout.

use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use chrono::Utc;
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use understudy_store::{GenerationRecord, IdempotencyClaim, Job};

use super::AppState;
use super::problem::ApiError;
use crate::request::{FieldCode, FieldError};

/// The request header that carries the key.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// The response header that marks an answer replayed from a record.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// Longest key accepted.
const MAX_KEY: usize = 255;

/// Longest a retry waits for the request holding its key.
const WAIT: Duration = Duration::from_secs(10);

/// How often a waiting retry looks for the record.
const POLL: Duration = Duration::from_millis(50);

/// A key this request holds; give it up if the request fails.
#[derive(Debug)]
pub struct Reservation {
    project: String,
    key: String,
    request_id: String,
}

/// What a key led to.
pub enum Begin {
    /// Do the work; with the reservation when a key was sent.
    Proceed(Option<Reservation>),
    /// An earlier request with this key and body was answered from this.
    Replay(Recorded),
}

/// The recorded outcome of an earlier request.
pub enum Recorded {
    Generation(GenerationRecord),
    Job(Job),
}

/// The key a request sent, if any: 1 to 255 visible ASCII characters.
pub fn key_of(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(IDEMPOTENCY_HEADER) else {
        return Ok(None);
    };
    let key = value.to_str().unwrap_or_default().trim();

    let visible = key.chars().all(|c| c.is_ascii_graphic() || c == ' ');
    if key.is_empty() || key.len() > MAX_KEY || !visible {
        return Err(FieldError::new(
            "Idempotency-Key",
            FieldCode::InvalidType,
            format!("the Idempotency-Key header must be 1 to {MAX_KEY} visible ASCII characters"),
        )
        .into());
    }
    Ok(Some(key.to_owned()))
}

/// A hash of the request: its JSON body with object keys sorted (so key
/// order and white space do not matter), and whether it asked for a job.
pub fn request_hash(body: &Value, job: bool) -> String {
    let mut hasher = Sha256::new();
    hasher.update(if job { b"job\n" as &[u8] } else { b"now\n" });
    hasher.update(canonical(body).to_string().as_bytes());

    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The value with every object's keys in sorted order.
fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut keys: Vec<&String> = object.keys().collect();
            keys.sort();
            keys.into_iter()
                .map(|key| (key.clone(), canonical(&object[key])))
                .collect::<serde_json::Map<_, _>>()
                .into()
        }
        Value::Array(items) => items.iter().map(canonical).collect(),
        other => other.clone(),
    }
}

/// Takes the key for `request_id`, or finds what an earlier request with
/// it recorded.
pub async fn begin(
    state: &AppState,
    project: &str,
    key: Option<String>,
    hash: &str,
    request_id: Uuid,
    job: bool,
) -> Result<Begin, ApiError> {
    let Some(key) = key else {
        return Ok(Begin::Proceed(None));
    };
    let request_id = request_id.to_string();
    let waited = Instant::now();
    let wait = WAIT.min(state.timeout / 2);
    let stale = chrono::Duration::from_std(state.timeout * 2).unwrap_or(chrono::Duration::MAX);

    loop {
        let claim = state
            .store
            .claim_idempotency_key(project, &key, hash, &request_id)
            .await
            .map_err(internal)?;
        let held = match claim {
            IdempotencyClaim::Taken => {
                return Ok(Begin::Proceed(Some(Reservation {
                    project: project.to_owned(),
                    key,
                    request_id,
                })));
            }
            IdempotencyClaim::Held(held) => held,
        };

        if held.request_hash != hash {
            return Err(ApiError::Conflict {
                code: "IDEMPOTENCY_CONFLICT",
                detail: format!(
                    "Idempotency-Key `{key}` was already used for a different request; \
                     send a new key for a new request"
                ),
            });
        }
        if let Some(recorded) = recorded(state, project, &held.request_id, job).await? {
            tracing::info!(project, original = %held.request_id, "idempotent request replayed");
            return Ok(Begin::Replay(recorded));
        }

        if Utc::now() - held.created_at > stale {
            tracing::warn!(project, original = %held.request_id, "idempotency key held by a request that never finished; taking it over");
            state
                .store
                .release_idempotency_key(project, &key, &held.request_id)
                .await
                .map_err(internal)?;
            continue;
        }
        if waited.elapsed() >= wait {
            return Err(ApiError::Conflict {
                code: "IDEMPOTENCY_IN_PROGRESS",
                detail: format!(
                    "a request with Idempotency-Key `{key}` is still being answered; retry later"
                ),
            });
        }
        tokio::time::sleep(POLL).await;
    }
}

impl Reservation {
    /// Gives the key up after a failure, so that a retry may try again.
    pub async fn release(self, state: &AppState) {
        let released = state
            .store
            .release_idempotency_key(&self.project, &self.key, &self.request_id)
            .await;
        if let Err(err) = released {
            tracing::warn!(cause = %err, "cannot give up an idempotency key");
        }
    }
}

async fn recorded(
    state: &AppState,
    project: &str,
    request_id: &str,
    job: bool,
) -> Result<Option<Recorded>, ApiError> {
    if job {
        let job = state.store.get_job(project, request_id).await;
        return Ok(job.map_err(internal)?.map(Recorded::Job));
    }
    let record = state.store.get_generation(project, request_id).await;
    Ok(record.map_err(internal)?.map(Recorded::Generation))
}

fn internal(err: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hashes_bodies_that_differ_only_in_key_order_alike() {
        let a = json!({ "a": 1, "b": { "x": [1, 2], "y": "z" } });
        let b = json!({ "b": { "y": "z", "x": [1, 2] }, "a": 1 });

        assert_eq!(request_hash(&a, false), request_hash(&b, false));
        assert_ne!(request_hash(&a, false), request_hash(&a, true));
        assert_ne!(
            request_hash(&a, false),
            request_hash(&json!({ "a": 2, "b": { "x": [1, 2], "y": "z" } }), false)
        );
    }
}
