//! `POST /testing/personas/generate`: persona packages for a stored flow.

use std::time::Instant;

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use uuid::Uuid;

use understudy_store::Role;

use super::AppState;
use super::auth::Principal;
use super::body::{BodyKind, RawBody};
use super::extract::Query;
use super::problem::ApiError;
use crate::flows;
use crate::generation::{GenerateResponse, GenerationFailure, respond};
use crate::request::{FieldCode, FieldError, GenerateRequest};

/// The query string: the project may be named here or in the body.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateQuery {
    pub project_id: Option<String>,
}

/// Validates, resolves the flow, generates, records, answers.
pub async fn generate(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<GenerateQuery>,
    body: RawBody,
) -> Result<Json<GenerateResponse>, ApiError> {
    let started = Instant::now();
    if body.kind != BodyKind::Json {
        return Err(ApiError::UnsupportedMediaType(
            "send the request as application/json".to_owned(),
        ));
    }

    let request = GenerateRequest::from_slice(&body.bytes, state.limits)?;
    let project = project(query.project_id, request.project_reference.as_deref())?;
    tracing::Span::current().record("project", project.as_str());
    principal.authorize(&project, Role::Editor)?;

    let (_, capabilities) = flows::load(&state.store, &project, &request.flow_reference)
        .await
        .map_err(|err| ApiError::Internal(err.to_string()))?
        .ok_or_else(|| unknown_flow(&project, &request.flow_reference))?;

    let request_id = Uuid::new_v4();
    let response = respond(&capabilities, &request, state.writer.as_ref(), request_id)
        .await
        .map_err(|failure| match failure {
            GenerationFailure::Field(error) => ApiError::from(error),
            GenerationFailure::Generate(err) => ApiError::Internal(err.to_string()),
        })?;

    let codes: Vec<&str> = capabilities
        .warnings
        .iter()
        .map(|w| w.code.as_str())
        .collect();
    state
        .metrics
        .generated(response.persona_packages.len(), started.elapsed(), &codes);
    tracing::info!(
        flow = %request.flow_reference,
        packages = response.persona_packages.len(),
        seed = response.metadata.seed,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "packages generated"
    );
    super::record::generation(
        &state,
        &principal,
        &project,
        &body.bytes,
        &response,
        started,
    )
    .await?;
    Ok(Json(response))
}

/// The project from the query or the body; both given must agree.
fn project(query: Option<String>, body: Option<&str>) -> Result<String, ApiError> {
    let query = query.filter(|p| !p.trim().is_empty());
    match (query, body) {
        (Some(query), Some(body)) if query != body => Err(FieldError::new(
            "projectReference",
            FieldCode::ProjectMismatch,
            format!("`projectReference` `{body}` differs from the `projectId` query `{query}`"),
        )
        .into()),
        (Some(query), _) => Ok(query),
        (None, Some(body)) => Ok(body.to_owned()),
        (None, None) => Err(FieldError::new(
            "projectId",
            FieldCode::ProjectRequired,
            "name the project in the `projectId` query or the `projectReference` field",
        )
        .into()),
    }
}

fn unknown_flow(project: &str, reference: &str) -> ApiError {
    FieldError::new(
        "flowReferenceId",
        FieldCode::FlowNotFound,
        format!("project `{project}` has no flow `{reference}`; import it first"),
    )
    .into()
}
