//! Liveness and readiness, for load balancers and orchestrators.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::AppState;
use super::problem::ApiError;

/// `GET /testing/health`: the process answers.
pub async fn live() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// `GET /testing/ready`: the store answers too; 503 otherwise.
pub async fn ready(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    state.store.ping().await.map_err(|err| {
        tracing::warn!(cause = %err, "the store does not answer");
        ApiError::Unavailable("the store does not answer".to_owned())
    })?;
    Ok(Json(json!({ "status": "ready" })))
}
