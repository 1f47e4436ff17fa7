//! `/testing/personas/jobs/{jobId}`: how a background generation is
//! going, its body when done, and cancelling it.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

use understudy_store::{Job, JobStatus, Role};

use super::AppState;
use super::auth::Principal;
use super::extract::Path;
use super::problem::ApiError;

/// Where a job's status is served.
pub(super) fn location(id: &str) -> String {
    format!("/testing/personas/jobs/{id}")
}

/// A job as the API shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct JobView {
    id: String,
    status: JobStatus,
    progress: Progress,
    project_id: String,
    flow_reference_id: String,
    created_at: String,
    updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    finished_at: Option<String>,
    /// The worker holding the job while it runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    worker: Option<String>,
    /// How many times a worker claimed it; more than one means a worker
    /// took over from another.
    attempts: u32,
    /// When done: the body a synchronous request would have answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<Value>,
    /// When failed: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Packages written of all the job writes.
#[derive(Debug, Serialize)]
struct Progress {
    written: u64,
    total: u64,
}

impl JobView {
    pub(super) fn new(job: Job, result: Option<Value>) -> Self {
        let time = |t: chrono::DateTime<chrono::Utc>| {
            t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        };
        JobView {
            progress: Progress {
                written: job.written,
                total: job.total,
            },
            status: job.status,
            project_id: job.project,
            flow_reference_id: job.flow_reference,
            created_at: time(job.created_at),
            updated_at: time(job.updated_at),
            finished_at: job.finished_at.map(time),
            worker: job.lease_owner,
            attempts: job.attempts,
            result,
            error: job.error,
            id: job.id,
        }
    }

    /// The `202 Accepted` answer to a request that queued this job.
    pub(super) fn accepted(self) -> Response {
        let location = location(&self.id);
        let mut response = (StatusCode::ACCEPTED, Json(self)).into_response();
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&location) {
            headers.insert(header::LOCATION, value);
        }
        headers.insert(
            "preference-applied",
            HeaderValue::from_static("respond-async"),
        );
        response
    }
}

/// `GET`: status, progress and, when done, the whole body.
pub async fn show(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> Result<Json<JobView>, ApiError> {
    let job = visible_job(&state, &principal, &id, Role::Viewer).await?;

    let result = match job.status {
        JobStatus::Done => state
            .store
            .get_generation(&job.project, &job.id)
            .await
            .map_err(internal)?
            .map(|record| record.response),
        _ => None,
    };
    Ok(Json(JobView::new(job, result)))
}

/// `DELETE`: cancels a job that has not ended; its worker stops at its
/// next chunk. A job that has ended is a 409.
pub async fn cancel(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> Result<Json<JobView>, ApiError> {
    let job = visible_job(&state, &principal, &id, Role::Editor).await?;

    let cancelled = state
        .store
        .cancel_job(&job.project, &job.id)
        .await
        .map_err(internal)?;
    let job = state
        .store
        .get_job(&job.project, &job.id)
        .await
        .map_err(internal)?
        .ok_or_else(|| not_found(&id))?;
    if !cancelled {
        return Err(ApiError::Conflict {
            code: "JOB_FINISHED",
            detail: format!("job `{id}` has already ended as {}", job.status),
        });
    }
    Ok(Json(JobView::new(job, None)))
}

/// The job, when the caller may see it with `role`. A job of a project
/// the caller has no access to is answered as missing, so that its id
/// says nothing.
async fn visible_job(
    state: &AppState,
    principal: &Principal,
    id: &str,
    role: Role,
) -> Result<Job, ApiError> {
    let job = state
        .store
        .find_job(id)
        .await
        .map_err(internal)?
        .ok_or_else(|| not_found(id))?;

    let in_scope = principal
        .projects
        .as_ref()
        .is_none_or(|projects| projects.contains(&job.project));
    if !in_scope {
        return Err(not_found(id));
    }
    principal.authorize(&job.project, role)?;
    Ok(job)
}

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("there is no job `{id}`"))
}

fn internal(err: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(err.to_string())
}
