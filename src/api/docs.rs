//! `GET /testing/docs`: a page that shows the API document to a person.
//!
//! The page carries the document and its own script, so it works without
//! internet access.

use std::sync::LazyLock;

use axum::response::Html;

use super::openapi;

const TEMPLATE: &str = include_str!("docs.html");

static PAGE: LazyLock<String> = LazyLock::new(|| {
    // `</` may not appear inside a script element; JSON allows `<\/`.
    let document = openapi::document().to_string().replace("</", "<\\/");
    TEMPLATE.replace("__DOCUMENT__", &document)
});

pub async fn page() -> Html<&'static str> {
    Html(PAGE.as_str())
}
