//! One span per request, a trace id on every response and every error body.

use std::time::Instant;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;
use uuid::Uuid;

use super::problem::Problem;

/// The header that carries a request's trace id back to the client.
pub const TRACE_HEADER: &str = "x-trace-id";

/// Gives the request a trace id and a span; logs how it ended; writes the
/// trace id into problem bodies.
pub async fn trace(request: Request, next: Next) -> Response {
    let trace_id =
        incoming_trace_id(&request).unwrap_or_else(|| Uuid::new_v4().simple().to_string());

    let span = tracing::info_span!(
        "request",
        trace_id = %trace_id,
        method = %request.method(),
        path = %request.uri().path(),
        principal = tracing::field::Empty,
        project = tracing::field::Empty,
    );
    let started = Instant::now();
    let response = next.run(request).instrument(span.clone()).await;

    let _entered = span.enter();
    let mut response = with_trace_id(response, &trace_id);
    log_outcome(&response, started);
    if let Ok(value) = HeaderValue::from_str(&trace_id) {
        response.headers_mut().insert(TRACE_HEADER, value);
    }
    response
}

/// The trace id of a W3C `traceparent` header (`00-<trace>-<parent>-<flags>`),
/// so that our logs join the caller's trace.
fn incoming_trace_id(request: &Request) -> Option<String> {
    let header = request.headers().get("traceparent")?.to_str().ok()?;
    let mut parts = header.trim().split('-');
    let (version, trace, parent, flags) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);

    let hex = |s: &str, len: usize| {
        s.len() == len
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let valid = hex(version, 2)
        && version != "ff"
        && hex(trace, 32)
        && trace.bytes().any(|b| b != b'0')
        && hex(parent, 16)
        && hex(flags, 2);
    valid.then(|| trace.to_owned())
}

/// Rebuilds a problem response so that its body names the trace id.
fn with_trace_id(response: Response, trace_id: &str) -> Response {
    let Some(problem) = response.extensions().get::<Problem>().cloned() else {
        return response;
    };

    let (parts, _) = response.into_parts();
    let mut problem = problem;
    problem.trace_id = Some(trace_id.to_owned());
    let mut rebuilt = problem.into_response();
    for (name, value) in parts.headers.iter() {
        if !rebuilt.headers().contains_key(name) {
            rebuilt.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rebuilt
}

fn log_outcome(response: &Response, started: Instant) {
    let status = response.status().as_u16();
    let elapsed_ms = started.elapsed().as_millis() as u64;

    match response.extensions().get::<Problem>() {
        Some(problem) if status >= 500 => tracing::error!(
            status,
            elapsed_ms,
            code = %problem.code,
            cause = problem.cause.as_deref().unwrap_or(""),
            "request failed"
        ),
        Some(problem) => tracing::info!(
            status,
            elapsed_ms,
            code = %problem.code,
            field = problem.field.as_deref().unwrap_or(""),
            "request refused"
        ),
        None => tracing::info!(status, elapsed_ms, "request served"),
    }
}
