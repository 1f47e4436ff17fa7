//! The record of every generation, written before the response leaves.

use std::time::Instant;

use chrono::Utc;

use understudy_store::GenerationRecord;

use super::AppState;
use super::auth::Principal;
use super::problem::ApiError;
use crate::generation::GenerateResponse;

/// Stores the request, the response and who asked, so nothing is lost.
pub async fn generation(
    state: &AppState,
    principal: &Principal,
    project: &str,
    request: &[u8],
    response: &GenerateResponse,
    started: Instant,
) -> Result<(), ApiError> {
    let request: serde_json::Value = serde_json::from_slice(request).unwrap_or_default();
    let request = crate::request::known_fields(&request);
    let record = GenerationRecord {
        request_id: response.metadata.request_id.to_string(),
        project: project.to_owned(),
        flow_reference: response.metadata.flow_reference_id.clone(),
        principal: principal.subject.clone(),
        model: response.metadata.model.clone(),
        status: 200,
        request,
        response: serde_json::to_value(response).unwrap_or_default(),
        duration_ms: started.elapsed().as_millis() as i64,
        created_at: Utc::now(),
    };

    state
        .store
        .record_generation(&record)
        .await
        .map_err(|err| ApiError::Internal(err.to_string()))
}
