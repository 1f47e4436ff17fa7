//! Errors at the HTTP edge, answered as `application/problem+json`.
//!
//! A handler returns an [`ApiError`]; its response carries the [`Problem`]
//! in its extensions, and the trace middleware adds the trace id to the
//! body and the log line. Internal causes are logged, never echoed.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::request::{FieldError, Invalid};

/// Everything the HTTP edge can refuse a request with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{}", .0.first().message)]
    Invalid(Invalid),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{method} is not allowed on this route")]
    MethodNotAllowed { method: String },
    #[error("the body is larger than the limit of {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The request clashes with the state of what it names; `code` says
    /// how (`IDEMPOTENCY_CONFLICT`, `JOB_FINISHED`, ...).
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("{0}")]
    Unprocessable(String),
    #[error("{0}")]
    Unavailable(String),
    /// The model that writes the text cannot be reached or refuses.
    #[error("the writer is unavailable: {0}")]
    WriterUnavailable(String),
    /// The model answered, but nothing usable even after repairs.
    #[error("the writer returned unusable output: {0}")]
    WriterUnusable(String),
    #[error("the request took longer than {seconds} seconds and was stopped")]
    Timeout { seconds: f64 },
    /// Something broke on our side; the cause is logged, not shown.
    #[error("internal error")]
    Internal(String),
}

/// The body of every error response (RFC 7807 plus the contract's fields).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub error: String,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    /// Every refused field, when a request had more than one wrong.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The internal cause, for the log line only.
    #[serde(skip)]
    pub cause: Option<String>,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Invalid(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Timeout { .. } => StatusCode::GATEWAY_TIMEOUT,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::WriterUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::WriterUnusable(_) => StatusCode::BAD_GATEWAY,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> String {
        let code = match self {
            ApiError::Invalid(invalid) => invalid.first().code.as_str(),
            ApiError::Unauthorized(_) => "UNAUTHORIZED",
            ApiError::Forbidden(_) => "FORBIDDEN",
            ApiError::NotFound(_) => "NOT_FOUND",
            ApiError::MethodNotAllowed { .. } => "METHOD_NOT_ALLOWED",
            ApiError::PayloadTooLarge { .. } => "PAYLOAD_TOO_LARGE",
            ApiError::UnsupportedMediaType(_) => "UNSUPPORTED_MEDIA_TYPE",
            ApiError::Conflict { code, .. } => code,
            ApiError::Unprocessable(_) => "UNPROCESSABLE",
            ApiError::Timeout { .. } => "TIMEOUT",
            ApiError::Unavailable(_) => "UNAVAILABLE",
            ApiError::WriterUnavailable(_) => "WRITER_UNAVAILABLE",
            ApiError::WriterUnusable(_) => "WRITER_UNUSABLE",
            ApiError::Internal(_) => "INTERNAL_ERROR",
        };
        code.to_owned()
    }

    /// The problem body this error answers with, trace id still unset.
    pub fn problem(&self) -> Problem {
        let status = self.status();
        let detail = self.to_string();
        let code = self.code();
        let (field, errors, cause) = match self {
            ApiError::Invalid(invalid) => {
                (Some(invalid.first().field.clone()), invalid.0.clone(), None)
            }
            ApiError::Internal(cause) => (None, Vec::new(), Some(cause.clone())),
            _ => (None, Vec::new(), None),
        };

        Problem {
            kind: format!(
                "urn:understudy:problem:{}",
                code.to_lowercase().replace('_', "-")
            ),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            error: detail.clone(),
            detail,
            code,
            field,
            trace_id: None,
            errors: if errors.len() > 1 { errors } else { Vec::new() },
            cause,
        }
    }
}

impl From<Invalid> for ApiError {
    fn from(invalid: Invalid) -> Self {
        ApiError::Invalid(invalid)
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        ApiError::Invalid(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.problem().into_response()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(&self)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response.extensions_mut().insert(self);
        response
    }
}
