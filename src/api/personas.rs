//! `POST /testing/personas/generate`: persona packages for a stored flow,
//! answered at once, streamed (`Accept: application/x-ndjson`), or by a
//! background job (`Prefer: respond-async`), once per `Idempotency-Key`.

use std::sync::Arc;
use std::time::Instant;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use understudy_flow::Capabilities;
use understudy_persona::{GenerateError, WriteError, Writer};
use understudy_store::{NewJob, Role};

use super::AppState;
use super::auth::Principal;
use super::body::{BodyKind, RawBody};
use super::extract::Query;
use super::idempotency::{self, Begin, REPLAYED_HEADER, Recorded, Reservation};
use super::jobs::JobView;
use super::problem::ApiError;
use super::stream::{self, NDJSON, Streamed};
use crate::flows;
use crate::generation::{self, GenerationFailure, respond};
use crate::request::{self, FieldCode, FieldError, GenerateRequest};

/// The query string: the project may be named here or in the body.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateQuery {
    pub project_id: Option<String>,
}

/// How the client wants its packages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delivery {
    /// The whole body in one answer.
    Whole,
    /// One line per package as it is written.
    Stream,
    /// A job now, its body later.
    Job,
}

/// Validates, resolves the flow, and answers as the client asked.
pub async fn generate(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<GenerateQuery>,
    headers: HeaderMap,
    body: RawBody,
) -> Result<Response, ApiError> {
    let started = Instant::now();
    if body.kind != BodyKind::Json {
        return Err(ApiError::UnsupportedMediaType(
            "send the request as application/json".to_owned(),
        ));
    }

    let delivery = delivery(&headers);
    let limits = match delivery {
        Delivery::Job => state.limits.for_async(),
        _ => state.limits,
    };
    let request = GenerateRequest::from_slice(&body.bytes, limits)?;
    let project = project(query.project_id, request.project_reference.as_deref())?;
    tracing::Span::current().record("project", project.as_str());
    principal.authorize(&project, Role::Editor)?;
    let key = idempotency::key_of(&headers)?;

    let (_, capabilities) = flows::load(&state.store, &project, &request.flow_reference)
        .await
        .map_err(|err| ApiError::Internal(err.to_string()))?
        .ok_or_else(|| unknown_flow(&project, &request.flow_reference))?;
    generation::scope(&capabilities, &request)?;
    let writer = state.writers.for_request(request.model.as_deref())?;

    let value: Value = serde_json::from_slice(&body.bytes).unwrap_or_default();
    let hash = idempotency::request_hash(&value, delivery == Delivery::Job);
    let request_id = Uuid::new_v4();
    let reservation = match idempotency::begin(
        &state,
        &project,
        key,
        &hash,
        request_id,
        delivery == Delivery::Job,
    )
    .await?
    {
        Begin::Proceed(reservation) => reservation,
        Begin::Replay(recorded) => return Ok(replay(recorded, delivery)),
    };

    let generation = Generation {
        state,
        principal,
        project,
        body,
        value,
        request,
        capabilities,
        writer,
        request_id,
        started,
    };
    match delivery {
        Delivery::Stream => Ok(generation.stream(reservation)),
        Delivery::Job => release_on_error(generation.enqueue().await, reservation).await,
        Delivery::Whole => release_on_error(generation.whole().await, reservation).await,
    }
}

/// One accepted generate request, ready to be answered.
struct Generation {
    state: AppState,
    principal: Principal,
    project: String,
    body: RawBody,
    value: Value,
    request: GenerateRequest,
    capabilities: Capabilities,
    writer: Arc<dyn Writer>,
    request_id: Uuid,
    started: Instant,
}

impl Generation {
    /// Generates, records and answers with the whole body.
    async fn whole(self) -> Result<(AppState, Response), (AppState, ApiError)> {
        let Generation {
            state,
            principal,
            project,
            body,
            request,
            capabilities,
            writer,
            request_id,
            started,
            ..
        } = self;

        let deadline = started + state.timeout;
        let response = respond(
            &capabilities,
            &request,
            writer.as_ref(),
            request_id,
            Some(deadline),
        )
        .await
        .map_err(|failure| failure_problem(failure, writer.as_ref(), state.timeout));
        let response = match response {
            Ok(response) => response,
            Err(err) => return Err((state, err)),
        };

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
        let recorded = super::record::generation(
            &state,
            &principal,
            &project,
            &body.bytes,
            &response,
            started,
        )
        .await;
        match recorded {
            Ok(()) => Ok((state, Json(response).into_response())),
            Err(err) => Err((state, err)),
        }
    }

    /// Answers with a stream the generation writes into.
    fn stream(self, reservation: Option<Reservation>) -> Response {
        stream::respond(Streamed {
            state: self.state,
            principal: self.principal,
            project: self.project,
            body: self.body.bytes,
            request: self.request,
            writer: self.writer,
            request_id: self.request_id,
            capabilities: self.capabilities,
            reservation,
            started: self.started,
        })
    }

    /// Queues a job, wakes a worker, and answers 202 with where to look.
    async fn enqueue(self) -> Result<(AppState, Response), (AppState, ApiError)> {
        let state = self.state;
        let job = NewJob {
            id: self.request_id.to_string(),
            project: self.project.clone(),
            flow_reference: self.request.flow_reference.clone(),
            principal: self.principal.subject.clone(),
            request: self.value,
            seed: generation::draw_seed(&self.request),
            total: self.request.packages as u64,
        };

        let queued = async {
            state.store.enqueue_job(&job).await?;
            state.store.get_job(&job.project, &job.id).await
        }
        .await;
        match queued {
            Ok(Some(queued)) => {
                state.wake.notify_one();
                Ok((state, JobView::new(queued, None).accepted()))
            }
            Ok(None) => Err((
                state,
                ApiError::Internal("a queued job vanished".to_owned()),
            )),
            Err(err) => Err((state, ApiError::Internal(err.to_string()))),
        }
    }
}

/// Gives the idempotency key up when the request failed, so that a retry
/// may try again.
async fn release_on_error(
    outcome: Result<(AppState, Response), (AppState, ApiError)>,
    reservation: Option<Reservation>,
) -> Result<Response, ApiError> {
    match outcome {
        Ok((_, response)) => Ok(response),
        Err((state, err)) => {
            if let Some(reservation) = reservation {
                reservation.release(&state).await;
            }
            Err(err)
        }
    }
}

/// The answer an earlier request with the same key and body recorded.
fn replay(recorded: Recorded, delivery: Delivery) -> Response {
    let mut response = match recorded {
        Recorded::Job(job) => JobView::new(job, None).accepted(),
        Recorded::Generation(record) if delivery == Delivery::Stream && record.status == 200 => {
            stream::replay(&record.response)
        }
        Recorded::Generation(record) => {
            let status = StatusCode::from_u16(record.status).unwrap_or(StatusCode::OK);
            (status, Json(record.response)).into_response()
        }
    };
    response
        .headers_mut()
        .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    response
}

/// A job when the client prefers an asynchronous answer; a stream when it
/// accepts newline-delimited JSON; else the whole body.
fn delivery(headers: &HeaderMap) -> Delivery {
    let prefers_async = headers
        .get_all("prefer")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|preference| {
            let name = preference.split(';').next().unwrap_or_default().trim();
            name.eq_ignore_ascii_case("respond-async")
        });
    if prefers_async {
        return Delivery::Job;
    }

    let accepts_lines = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|media| {
            let media = media.split(';').next().unwrap_or_default().trim();
            media.eq_ignore_ascii_case(NDJSON)
        });
    if accepts_lines {
        Delivery::Stream
    } else {
        Delivery::Whole
    }
}

/// The project from the query or the body; both given must agree.
fn project(query: Option<String>, body: Option<&str>) -> Result<String, ApiError> {
    let query = query.filter(|p| !p.trim().is_empty());
    if let Some(query) = &query {
        request::project_id(query, "projectId")?;
    }
    if let Some(body) = body {
        request::project_id(body, "projectReference")?;
    }

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

/// What a failed generation answers: the request's fault (400), the model
/// out of reach (503), its output unusable after repairs (502), out of time
/// (504); checks failing for a writer that calls no model is our bug (500).
pub(super) fn failure_problem(
    failure: GenerationFailure,
    writer: &dyn Writer,
    timeout: std::time::Duration,
) -> ApiError {
    match failure {
        GenerationFailure::Field(error) => ApiError::from(error),
        GenerationFailure::Generate(GenerateError::Write(error)) => match error {
            WriteError::Unavailable(detail) => ApiError::WriterUnavailable(detail),
            WriteError::Unusable(detail) => ApiError::WriterUnusable(detail),
            WriteError::Deadline(_) => ApiError::Timeout {
                seconds: timeout.as_secs_f64(),
            },
        },
        GenerationFailure::Generate(GenerateError::Check(problems)) if writer.repairs() => {
            let reasons: Vec<String> = problems.into_iter().map(|p| p.message).collect();
            ApiError::WriterUnusable(format!(
                "the packages still failed their checks after repairs: {}",
                reasons.join("; ")
            ))
        }
        GenerationFailure::Generate(err) => ApiError::Internal(err.to_string()),
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
