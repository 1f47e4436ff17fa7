//! Path and query extractors whose rejections are problems like any other.

use axum::extract::FromRequestParts;
use axum::extract::rejection::{PathRejection, QueryRejection};

use super::problem::ApiError;
use crate::request::{FieldCode, FieldError};

/// `axum::extract::Path`, refusing with a problem.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

/// `axum::extract::Query`, refusing with a problem.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        FieldError::new("path", FieldCode::InvalidType, rejection.body_text()).into()
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        FieldError::new("query", FieldCode::InvalidType, rejection.body_text()).into()
    }
}
