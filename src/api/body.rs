//! Request bodies: size and content type checked before anything parses.

use axum::body::{Bytes, to_bytes};
use axum::extract::{FromRequest, Request};
use axum::http::header;

use super::AppState;
use super::problem::ApiError;

/// What a body claimed to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Zip,
}

/// A body read whole, with the kind its `Content-Type` declared.
#[derive(Debug)]
pub struct RawBody {
    pub kind: BodyKind,
    pub bytes: Bytes,
}

impl FromRequest<AppState> for RawBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let kind = kind(&request)?;
        let limit = state.limits.max_body_bytes;
        let bytes = to_bytes(request.into_body(), limit)
            .await
            .map_err(|_| ApiError::PayloadTooLarge { limit })?;

        Ok(RawBody { kind, bytes })
    }
}

/// JSON unless the client says otherwise; a missing type is taken as JSON.
fn kind(request: &Request) -> Result<BodyKind, ApiError> {
    let Some(value) = request.headers().get(header::CONTENT_TYPE) else {
        return Ok(BodyKind::Json);
    };
    let media = value
        .to_str()
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();

    match media.as_str() {
        "application/json" => Ok(BodyKind::Json),
        m if m.ends_with("+json") => Ok(BodyKind::Json),
        "application/zip" | "application/x-zip-compressed" => Ok(BodyKind::Zip),
        other => Err(ApiError::UnsupportedMediaType(format!(
            "content type `{other}` is not accepted; send application/json (or application/zip to import flows)"
        ))),
    }
}
