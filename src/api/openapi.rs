//! The project's own OpenAPI document, served as JSON.

use std::sync::LazyLock;

use axum::Json;
use serde_json::Value;

const SOURCE: &str = include_str!("../../openapi/understudy.openapi.yaml");

static DOCUMENT: LazyLock<Value> =
    LazyLock::new(|| serde_yaml::from_str(SOURCE).expect("the bundled OpenAPI document parses"));

/// The OpenAPI document as JSON; tests validate responses against it.
pub fn document() -> &'static Value {
    &DOCUMENT
}

/// `GET /testing/openapi/openapi-viewer.json`.
pub async fn serve() -> Json<Value> {
    Json(DOCUMENT.clone())
}
