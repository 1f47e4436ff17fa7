//! The HTTP API: every route under `/testing`, problem+json on every error.

mod auth;
mod body;
mod docs;
mod extract;
mod flows;
mod health;
mod idempotency;
mod jobs;
mod keys;
mod metrics;
mod openapi;
mod options;
mod personas;
mod problem;
mod record;
mod records;
mod stream;
mod trace;

use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef, Request, State};
use axum::http::Method;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use tokio::sync::Notify;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{Any as AnyOrigin, CorsLayer};

use understudy_persona::Writer;
use understudy_store::Store;

use crate::jobs::{JobSettings, Jobs};
use crate::jwt::JwtVerifier;
use crate::request::Limits;
use crate::writers::Writers;

pub use auth::API_KEY_HEADER;
pub use metrics::Metrics;
pub use openapi::document as openapi_document;
pub use problem::{ApiError, Problem};
pub use trace::TRACE_HEADER;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub limits: Limits,
    /// The writers a request may choose from with `model`.
    pub writers: Writers,
    /// Verifies bearer tokens; `None` when no JWT key is configured.
    pub jwt: Option<Arc<JwtVerifier>>,
    pub metrics: Arc<Metrics>,
    /// How long one request may take before it is answered with a 504.
    pub timeout: Duration,
    /// How background jobs are claimed and written.
    pub jobs: JobSettings,
    /// Wakes this process's workers when a job is queued.
    pub wake: Arc<Notify>,
}

impl AppState {
    /// A state with one writer, default limits, no JWT keys and a
    /// 30-second timeout.
    pub fn new(store: Store, writer: Arc<dyn Writer>) -> Self {
        AppState::with_writers(store, Writers::single(writer))
    }

    /// A state whose requests choose among `writers`.
    pub fn with_writers(store: Store, writers: Writers) -> Self {
        AppState {
            store,
            limits: Limits::default(),
            writers,
            jwt: None,
            metrics: Arc::default(),
            timeout: Duration::from_secs(30),
            jobs: JobSettings::default(),
            wake: Arc::default(),
        }
    }

    /// What this state's job workers need.
    pub fn job_workers(&self) -> Jobs {
        Jobs {
            store: self.store.clone(),
            writers: self.writers.clone(),
            limits: self.limits,
            settings: self.jobs,
            wake: self.wake.clone(),
        }
    }
}

impl FromRef<AppState> for Arc<Metrics> {
    fn from_ref(state: &AppState) -> Self {
        state.metrics.clone()
    }
}

/// Every route and method served, as the OpenAPI document lists them.
pub const ROUTES: &[(&str, &str)] = &[
    ("POST", "/testing/personas/generate"),
    ("POST", "/testing/personas/options"),
    ("GET", "/testing/personas/generations"),
    ("GET", "/testing/personas/generations/{requestId}"),
    ("GET", "/testing/personas/jobs/{jobId}"),
    ("DELETE", "/testing/personas/jobs/{jobId}"),
    ("POST", "/testing/projects/{projectId}/keys"),
    ("GET", "/testing/projects/{projectId}/keys"),
    ("DELETE", "/testing/projects/{projectId}/keys/{keyId}"),
    ("PUT", "/testing/projects/{projectId}/flows"),
    ("GET", "/testing/projects/{projectId}/flows"),
    ("GET", "/testing/projects/{projectId}/flows/{reference}"),
    ("DELETE", "/testing/projects/{projectId}/flows/{reference}"),
    ("GET", "/testing/openapi/openapi-viewer.json"),
    ("GET", "/testing/docs"),
    ("GET", "/testing/health"),
    ("GET", "/testing/ready"),
    ("GET", "/metrics"),
];

/// The whole application, ready to serve; tests drive it on a real socket.
pub fn router(state: AppState) -> Router {
    let timeout = state.timeout;
    let metrics = state.metrics.clone();
    let routes = routes()
        .route_layer(middleware::from_fn_with_state(metrics, metrics::track))
        .with_state(state);
    layered(routes, timeout)
}

fn routes() -> Router<AppState> {
    let testing = Router::new()
        .route("/personas/generate", post(personas::generate))
        .route("/personas/options", post(options::options))
        .route("/personas/generations", get(records::list))
        .route("/personas/generations/{request_id}", get(records::show))
        .route(
            "/personas/jobs/{job_id}",
            get(jobs::show).delete(jobs::cancel),
        )
        .route(
            "/projects/{project_id}/keys",
            post(keys::create).get(keys::list),
        )
        .route("/projects/{project_id}/keys/{key_id}", delete(keys::revoke))
        .route(
            "/projects/{project_id}/flows",
            put(flows::put).get(flows::list),
        )
        .route(
            "/projects/{project_id}/flows/{reference}",
            get(flows::show).delete(flows::delete),
        )
        .route("/openapi/openapi-viewer.json", get(openapi::serve))
        .route("/docs", get(docs::page))
        .route("/health", get(health::live))
        .route("/ready", get(health::ready));

    Router::new()
        .nest("/testing", testing)
        .route("/metrics", get(metrics::render))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

/// The layers every route sits behind: trace ids, a deadline, problem
/// bodies for panics, CORS. Public so that tests can put their own routes
/// behind them.
pub fn layered(router: Router, timeout: Duration) -> Router {
    router
        .layer(DefaultBodyLimit::disable())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(timeout, deadline))
        .layer(middleware::from_fn(trace::trace))
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

/// Answers 504 when a request outlives its deadline; the work is dropped.
async fn deadline(State(timeout): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout {
            seconds: timeout.as_secs_f64(),
        }
        .into_response(),
    }
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
