//! Streamed generation (`Accept: application/x-ndjson`): one JSON line per
//! package as each chunk is written and checked, then `{"metadata": ...}`.
//!
//! A task writes the chunks and sends lines into a small channel that the
//! response body drains. When the client goes away the body is dropped,
//! the channel closes, and the task stops: at its next line, or at once
//! while a chunk is being written. The generation is recorded, like any
//! other, before the metadata line leaves; a failure after the first line
//! ends the stream with `{"error": problem}`, since the status has gone.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Serialize;
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::ReceiverStream;
use uuid::Uuid;

use understudy_flow::Capabilities;
use understudy_persona::Writer;

use super::AppState;
use super::auth::Principal;
use super::idempotency::Reservation;
use super::personas::failure_problem;
use super::problem::ApiError;
use crate::chunked::Chunked;
use crate::generation::{GenerationFailure, draw_seed};
use crate::request::GenerateRequest;

/// The media type of a streamed answer.
pub const NDJSON: &str = "application/x-ndjson";

/// Lines buffered between the writer and a slow client.
const BUFFER: usize = 16;

/// What one streamed generation needs, moved into its task.
pub struct Streamed {
    pub state: AppState,
    pub principal: Principal,
    pub project: String,
    /// The body as sent, for the record.
    pub body: Bytes,
    pub request: GenerateRequest,
    /// The writer the request chose.
    pub writer: Arc<dyn Writer>,
    /// The id the generation is recorded under (and its idempotency key
    /// names).
    pub request_id: Uuid,
    pub capabilities: Capabilities,
    pub reservation: Option<Reservation>,
    pub started: Instant,
}

/// Starts the generation and answers at once with its stream.
pub fn respond(streamed: Streamed) -> Response {
    let (lines, receiver) = mpsc::channel(BUFFER);
    tokio::spawn(produce(streamed, lines));

    let stream = ReceiverStream::new(receiver).map(Ok::<Bytes, Infallible>);
    ndjson(Body::from_stream(stream))
}

/// A finished generation's body, as the lines a stream would have sent.
pub fn replay(response: &Value) -> Response {
    let mut text = String::new();
    for package in response["personaPackages"].as_array().into_iter().flatten() {
        text.push_str(&package.to_string());
        text.push('\n');
    }
    text.push_str(&json!({ "metadata": response["metadata"] }).to_string());
    text.push('\n');
    ndjson(Body::from(text))
}

fn ndjson(body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::OK;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(NDJSON));
    response
}

async fn produce(mut streamed: Streamed, lines: mpsc::Sender<Bytes>) {
    let reservation = streamed.reservation.take();
    let outcome = write(&streamed, &lines).await;

    let failure = match outcome {
        Ok(()) => return,
        Err(Ended::ClientLeft { written }) => {
            tracing::info!(written, "stream closed by the client; generation stopped");
            None
        }
        Err(Ended::Failed(err)) => Some(err),
    };
    if let Some(reservation) = reservation {
        reservation.release(&streamed.state).await;
    }
    if let Some(err) = failure {
        let problem = err.problem();
        if let Some(cause) = &problem.cause {
            tracing::error!(cause = %cause, "streamed generation failed");
        }
        let _ = lines.send(line(&json!({ "error": problem }))).await;
    }
}

/// Why a stream ended early.
enum Ended {
    ClientLeft { written: usize },
    Failed(ApiError),
}

async fn write(streamed: &Streamed, lines: &mpsc::Sender<Bytes>) -> Result<(), Ended> {
    let Streamed {
        state,
        request,
        capabilities,
        ..
    } = streamed;
    let failed = |failure: GenerationFailure| {
        Ended::Failed(failure_problem(
            failure,
            streamed.writer.as_ref(),
            state.timeout,
        ))
    };
    let mut chunked = Chunked::new(capabilities, request, draw_seed(request), state.jobs.chunk)
        .map_err(failed)?;

    loop {
        let written = chunked.next_index();
        let next = tokio::select! {
            next = chunked.next_chunk(streamed.writer.as_ref()) => next,
            () = lines.closed() => return Err(Ended::ClientLeft { written }),
        };
        let Some(chunk) = next.map_err(|err| failed(GenerationFailure::Generate(err)))? else {
            break;
        };
        for (offset, package) in chunk.iter().enumerate() {
            if lines.send(line(package)).await.is_err() {
                return Err(Ended::ClientLeft {
                    written: written + offset,
                });
            }
        }
    }

    let response = chunked.response(request, streamed.writer.as_ref(), streamed.request_id);
    let elapsed = streamed.started.elapsed();
    state
        .metrics
        .generated(response.persona_packages.len(), elapsed, &[]);
    super::record::generation(
        state,
        &streamed.principal,
        &streamed.project,
        &streamed.body,
        &response,
        streamed.started,
    )
    .await
    .map_err(Ended::Failed)?;

    let last = line(&json!({ "metadata": response.metadata }));
    let _ = lines.send(last).await;
    Ok(())
}

fn line(value: &impl Serialize) -> Bytes {
    let mut text = serde_json::to_vec(value).unwrap_or_default();
    text.push(b'\n');
    Bytes::from(text)
}
