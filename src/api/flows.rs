//! `/testing/projects/{projectId}/flows`: import, list, show and delete flows.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

use understudy_flow::{Capabilities, import_bytes};
use understudy_store::{FlowSummary, Role};

use super::AppState;
use super::auth::Principal;
use super::body::{BodyKind, RawBody};
use super::extract::Path;
use super::problem::ApiError;
use crate::flows::{self, ImportedFlow};
use crate::request::{FieldCode, FieldError};

#[derive(Debug, Serialize)]
struct Imported {
    flows: Vec<ImportedFlow>,
}

/// How every zip archive starts.
const ZIP_MAGIC: &[u8] = b"PK";

/// `PUT`: imports a JSON flow document or a zipped package export.
pub async fn put(
    State(state): State<AppState>,
    principal: Principal,
    Path(project): Path<String>,
    body: RawBody,
) -> Result<Json<impl Serialize>, ApiError> {
    tracing::Span::current().record("project", project.as_str());
    principal.authorize(&project, Role::Editor)?;

    if body.kind == BodyKind::Zip && !body.bytes.starts_with(ZIP_MAGIC) {
        return Err(ApiError::from(FieldError::new(
            "body",
            FieldCode::InvalidFlow,
            "the body is sent as application/zip but is not a zip archive",
        )));
    }
    let documents = import_bytes(&body.bytes).map_err(|err| {
        ApiError::from(FieldError::new(
            "body",
            FieldCode::InvalidFlow,
            err.to_string(),
        ))
    })?;
    let flows = flows::import(&state.store, &project, documents)
        .await
        .map_err(internal)?;

    Ok(Json(Imported { flows }))
}

/// A flow as the listing shows it, named as the import answer names it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ListedFlow {
    reference_id: String,
    #[serde(rename = "_id")]
    id: String,
    name: String,
    jobs: i64,
    tools: i64,
    updated_at: String,
}

impl From<FlowSummary> for ListedFlow {
    fn from(flow: FlowSummary) -> Self {
        ListedFlow {
            reference_id: flow.reference_id,
            id: flow.id,
            name: flow.name,
            jobs: flow.jobs,
            tools: flow.tools,
            updated_at: flow
                .updated_at
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        }
    }
}

/// `GET`: every flow of the project, without their documents.
pub async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Path(project): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    principal.authorize(&project, Role::Viewer)?;

    let flows = state.store.list_flows(&project).await.map_err(internal)?;
    let flows: Vec<ListedFlow> = flows.into_iter().map(ListedFlow::from).collect();
    Ok(Json(json!({ "flows": flows })))
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ShownFlow {
    reference_id: String,
    #[serde(rename = "_id")]
    id: String,
    name: String,
    capabilities: Capabilities,
}

/// `GET /{ref}`: one flow with what discovery finds in it.
pub async fn show(
    State(state): State<AppState>,
    principal: Principal,
    Path((project, reference)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    principal.authorize(&project, Role::Viewer)?;

    let (document, capabilities) = flows::load(&state.store, &project, &reference)
        .await
        .map_err(internal)?
        .ok_or_else(|| not_found(&project, &reference))?;

    let shown = ShownFlow {
        reference_id: document.flow.reference_id,
        id: document.flow.id,
        name: document.flow.name,
        capabilities,
    };
    Ok(Json(shown).into_response())
}

/// `DELETE /{ref}`: removes a flow; 204, or 404 when there was none.
pub async fn delete(
    State(state): State<AppState>,
    principal: Principal,
    Path((project, reference)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    principal.authorize(&project, Role::Editor)?;

    let deleted = state
        .store
        .delete_flow(&project, &reference)
        .await
        .map_err(internal)?;
    if !deleted {
        return Err(not_found(&project, &reference));
    }
    Ok(StatusCode::NO_CONTENT)
}

fn not_found(project: &str, reference: &str) -> ApiError {
    ApiError::NotFound(format!("project `{project}` has no flow `{reference}`"))
}

fn internal(err: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(err.to_string())
}
