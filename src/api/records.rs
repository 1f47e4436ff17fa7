//! `/testing/personas/generations`: the record of every generation, a
//! page at a time, and one record whole.

use axum::Json;
use axum::extract::State;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use understudy_store::{GenerationCursor, GenerationRecord, Role};

use super::AppState;
use super::auth::Principal;
use super::extract::{Path, Query};
use super::problem::ApiError;
use crate::request::{FieldCode, FieldError};

/// Records per page unless the client asks otherwise.
const DEFAULT_LIMIT: u32 = 20;
/// The most records one page holds.
const MAX_LIMIT: u32 = 100;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    project_id: Option<String>,
    flow: Option<String>,
    limit: Option<u32>,
    cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShowQuery {
    project_id: Option<String>,
}

/// One record in a listing: everything but the request and response
/// bodies, and how many packages the response held.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    request_id: String,
    flow_reference_id: String,
    principal: String,
    model: String,
    status: u16,
    packages: usize,
    duration_ms: i64,
    created_at: String,
}

#[derive(Debug, Serialize)]
struct Page {
    generations: Vec<Item>,
    /// The cursor of the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// A record whole: the request as sent and the response as answered.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Shown {
    request_id: String,
    project_id: String,
    flow_reference_id: String,
    principal: String,
    model: String,
    status: u16,
    duration_ms: i64,
    created_at: String,
    request: Value,
    response: Value,
}

/// `GET /personas/generations`: newest first, of one flow when `flow`
/// is given, `limit` per page, continuing from `cursor`.
pub async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<ListQuery>,
) -> Result<Json<impl Serialize>, ApiError> {
    let project = required_project(query.project_id)?;
    principal.authorize(&project, Role::Viewer)?;
    let limit = limit(query.limit)?;
    let before = query.cursor.as_deref().map(decode_cursor).transpose()?;

    let page = state
        .store
        .list_generations(&project, query.flow.as_deref(), limit, before.as_ref())
        .await
        .map_err(internal)?;

    Ok(Json(Page {
        generations: page.generations.iter().map(item).collect(),
        next: page.next.as_ref().map(encode_cursor),
    }))
}

/// `GET /personas/generations/{requestId}`: the stored request and
/// response.
pub async fn show(
    State(state): State<AppState>,
    principal: Principal,
    Path(request_id): Path<String>,
    Query(query): Query<ShowQuery>,
) -> Result<Json<impl Serialize>, ApiError> {
    let project = required_project(query.project_id)?;
    principal.authorize(&project, Role::Viewer)?;

    let record = state
        .store
        .get_generation(&project, &request_id)
        .await
        .map_err(internal)?
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "project `{project}` has no generation `{request_id}`"
            ))
        })?;

    Ok(Json(Shown {
        created_at: timestamp(&record),
        request_id: record.request_id,
        project_id: record.project,
        flow_reference_id: record.flow_reference,
        principal: record.principal,
        model: record.model,
        status: record.status,
        duration_ms: record.duration_ms,
        request: record.request,
        response: record.response,
    }))
}

fn item(record: &GenerationRecord) -> Item {
    let packages = record.response["personaPackages"]
        .as_array()
        .map_or(0, Vec::len);
    Item {
        request_id: record.request_id.clone(),
        flow_reference_id: record.flow_reference.clone(),
        principal: record.principal.clone(),
        model: record.model.clone(),
        status: record.status,
        packages,
        duration_ms: record.duration_ms,
        created_at: timestamp(record),
    }
}

fn timestamp(record: &GenerationRecord) -> String {
    record
        .created_at
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The project of a route that names it only in the query.
pub(super) fn required_project(project: Option<String>) -> Result<String, ApiError> {
    project.filter(|p| !p.trim().is_empty()).ok_or_else(|| {
        FieldError::new(
            "projectId",
            FieldCode::ProjectRequired,
            "name the project in the `projectId` query",
        )
        .into()
    })
}

fn limit(limit: Option<u32>) -> Result<u32, ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        let message = format!("`limit` is {limit}; it must be between 1 and {MAX_LIMIT}");
        return Err(FieldError::new("limit", FieldCode::OutOfRange, message).into());
    }
    Ok(limit)
}

/// Cursors leave as opaque URL-safe tokens; what is inside is ours to
/// change.
fn encode_cursor(cursor: &GenerationCursor) -> String {
    URL_SAFE_NO_PAD.encode(cursor.to_string())
}

fn decode_cursor(token: &str) -> Result<GenerationCursor, ApiError> {
    URL_SAFE_NO_PAD
        .decode(token)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| {
            FieldError::new(
                "cursor",
                FieldCode::InvalidType,
                "`cursor` is not a cursor this API gave out; start again without one",
            )
            .into()
        })
}

fn internal(err: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(err.to_string())
}
