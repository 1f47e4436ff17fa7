//! Prometheus metrics: requests by route and status, generation figures.
//!
//! Each application owns its registry, so tests running several servers in
//! one process do not share counts.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::prometheus_text::{CONTENT_TYPE as TEXT_FORMAT, encode};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use super::problem::ApiError;

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct WarningLabels {
    code: String,
}

/// The service's metrics and the registry that renders them.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    packages: Counter,
    generation: Histogram,
    warnings: Family<WarningLabels, Counter>,
}

fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("understudy");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::new_with_constructor(latency_histogram as fn() -> Histogram);
        let packages = Counter::default();
        let generation = latency_histogram();
        let warnings = Family::<WarningLabels, Counter>::default();

        registry.register("http_requests", "HTTP requests served", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request",
            latency.clone(),
        );
        registry.register(
            "packages_generated",
            "Persona packages written",
            packages.clone(),
        );
        registry.register(
            "generation_duration_seconds",
            "Time to plan, write and check one generation",
            generation.clone(),
        );
        registry.register(
            "discovery_warnings",
            "Warnings discovery raised on flows used for generation",
            warnings.clone(),
        );

        Metrics {
            registry,
            requests,
            latency,
            packages,
            generation,
            warnings,
        }
    }
}

impl Metrics {
    /// Counts one generation of `packages` packages that took `elapsed`.
    pub fn generated(&self, packages: usize, elapsed: Duration, warning_codes: &[&str]) {
        self.packages.inc_by(packages as u64);
        self.generation.observe(elapsed.as_secs_f64());
        for code in warning_codes {
            self.warnings
                .get_or_create(&WarningLabels {
                    code: (*code).to_owned(),
                })
                .inc();
        }
    }

    fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let labels = RequestLabels {
            method: method.to_owned(),
            route: route.to_owned(),
            status,
        };
        self.requests.get_or_create(&labels).inc();

        let labels = RouteLabels {
            method: method.to_owned(),
            route: route.to_owned(),
        };
        self.latency
            .get_or_create(&labels)
            .observe(elapsed.as_secs_f64());
    }
}

/// Counts every request by its route template, never by its raw path, so
/// that the number of series stays bounded.
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let started = std::time::Instant::now();

    let response = next.run(request).await;
    metrics.observe(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// `GET /metrics` in the Prometheus text format.
pub async fn render(State(metrics): State<Arc<Metrics>>) -> Result<Response, ApiError> {
    let mut body = String::new();
    encode(&mut body, &metrics.registry).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(([(CONTENT_TYPE, TEXT_FORMAT)], body).into_response())
}
