//! The HTTP API: every route under `/testing`, problem+json on every error.

mod auth;
mod body;
mod extract;
mod flows;
mod openapi;
mod personas;
mod problem;
mod record;
mod trace;

use std::any::Any;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{Any as AnyOrigin, CorsLayer};

use understudy_persona::Writer;
use understudy_store::Store;

use crate::jwt::JwtVerifier;
use crate::request::Limits;

pub use auth::API_KEY_HEADER;
pub use openapi::document as openapi_document;
pub use problem::{ApiError, Problem};
pub use trace::TRACE_HEADER;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub limits: Limits,
    pub writer: Arc<dyn Writer>,
    /// Verifies bearer tokens; `None` when no JWT key is configured.
    pub jwt: Option<Arc<JwtVerifier>>,
}

/// The whole application, ready to serve; tests drive it on a real socket.
pub fn router(state: AppState) -> Router {
    layered(routes().with_state(state))
}

fn routes() -> Router<AppState> {
    let testing = Router::new()
        .route("/personas/generate", post(personas::generate))
        .route(
            "/projects/{project_id}/flows",
            put(flows::put).get(flows::list),
        )
        .route(
            "/projects/{project_id}/flows/{reference}",
            get(flows::show).delete(flows::delete),
        )
        .route("/openapi/openapi-viewer.json", get(openapi::serve))
        .route("/health", get(health));

    Router::new()
        .nest("/testing", testing)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

/// The layers every route sits behind: trace ids, problem bodies for
/// panics, CORS. Public so that tests can put their own routes behind them.
pub fn layered(router: Router) -> Router {
    router
        .layer(DefaultBodyLimit::disable())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(axum::middleware::from_fn(trace::trace))
        .layer(cors())
}

/// Any origin may call, as the contract promises; preflights included.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AnyOrigin)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers(AnyOrigin)
        .expose_headers([axum::http::HeaderName::from_static(TRACE_HEADER)])
}

async fn health() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok" }))
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound(format!("there is no route `{}`", uri.path()))
}

async fn method_not_allowed(method: Method) -> ApiError {
    ApiError::MethodNotAllowed {
        method: method.to_string(),
    }
}

/// A panic becomes a 500 problem like any other internal error.
fn panic_response(payload: Box<dyn Any + Send + 'static>) -> Response {
    let cause = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a handler panicked".to_owned());
    ApiError::Internal(format!("panic: {cause}")).into_response()
}
