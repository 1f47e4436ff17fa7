//! What operators see: trace ids they can follow, metrics, health, limits.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use serde_json::Value;

use common::{PROJECT, request_for, spawn_app};
use understudy::api::{AppState, ROUTES, layered, openapi_document, router};
use understudy_persona::OfflineWriter;
use understudy_store::Store;

/// A caller's W3C trace id becomes the request's trace id.
#[tokio::test]
async fn takes_the_trace_id_from_traceparent() {
    let app = spawn_app().await;
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";

    let response = app
        .client
        .get(format!("{}/nothing", app.base))
        .header("traceparent", format!("00-{trace}-00f067aa0ba902b7-01"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.headers()["x-trace-id"], trace);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["traceId"], trace);
}

/// A malformed or all-zero traceparent is ignored, not trusted.
#[tokio::test]
async fn ignores_a_malformed_traceparent() {
    let app = spawn_app().await;

    for header in [
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "banana",
        "00-XYZ-1-01",
    ] {
        let response = app
            .client
            .get(format!("{}/health", app.base))
            .header("traceparent", header)
            .send()
            .await
            .unwrap();
        let trace = response.headers()["x-trace-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(trace.len(), 32, "{header}");
        assert!(!header.contains(&trace), "{header}");
    }
}

#[tokio::test]
async fn counts_requests_and_packages_in_prometheus_metrics() {
    let app = spawn_app().await;
    let imported = app.import_example("flows/retail-orders.json").await;
    let flow = imported["flows"][0]["referenceId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(app.generate(&request_for(&flow, 6, 2)).await.status(), 200);

    let metrics = reqwest::get(app.base.replace("/testing", "/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    let generate = "understudy_http_requests_total{method=\"POST\",route=\"/testing/personas/generate\",status=\"200\"} 1";
    assert!(metrics.contains(generate), "{metrics}");
    assert!(
        metrics.contains("understudy_packages_generated_total 6"),
        "{metrics}"
    );
    assert!(
        metrics.contains("understudy_generation_duration_seconds_count 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("understudy_discovery_warnings_total{code=\"DUPLICATE_TOOL_ID\"} 1"),
        "{metrics}"
    );
}

#[tokio::test]
async fn answers_liveness_and_readiness() {
    let app = spawn_app().await;

    for route in ["health", "ready"] {
        let response = reqwest::get(format!("{}/{route}", app.base)).await.unwrap();
        assert_eq!(response.status(), 200, "{route}");
    }
}

/// A request that outlives its deadline is a 504 problem.
#[tokio::test]
async fn stops_a_request_that_outlives_its_deadline() {
    async fn slow() -> &'static str {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    }
    let app = layered(
        Router::new().route("/testing/slow", get(slow)),
        Duration::from_millis(200),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let response = reqwest::get(format!("http://{address}/testing/slow"))
        .await
        .unwrap();

    assert_eq!(response.status(), 504);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "TIMEOUT");
    assert!(body["traceId"].is_string());
}

/// A body over the limit is a 413 problem, before anything parses it.
#[tokio::test]
async fn refuses_a_body_over_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let key = store
        .create_key(PROJECT, understudy_store::Role::Editor)
        .await
        .unwrap()
        .secret;
    let mut state = AppState::new(store, Arc::new(OfflineWriter));
    state.limits.max_body_bytes = 1024;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(state)).await });

    let response = reqwest::Client::new()
        .put(format!("http://{address}/testing/projects/{PROJECT}/flows"))
        .header("X-API-Key", key)
        .header("Content-Type", "application/json")
        .body(vec![b' '; 4096])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "PAYLOAD_TOO_LARGE");
}

/// The viewer page carries everything it needs: no request leaves the machine.
#[tokio::test]
async fn serves_a_docs_page_that_works_offline() {
    let app = spawn_app().await;

    let response = reqwest::get(format!("{}/docs", app.base)).await.unwrap();

    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let page = response.text().await.unwrap();
    assert!(page.contains("/personas/generate"));
    for external in ["src=\"http", "href=\"http", "@import", "fetch("] {
        assert!(!page.contains(external), "the page loads {external}");
    }
}

/// The document's paths and methods are exactly the routes served.
#[test]
fn documents_exactly_the_routes_served() {
    let document = openapi_document();
    let mut documented = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        let base = item["servers"][0]["url"]
            .as_str()
            .unwrap_or("/testing")
            .trim_end_matches('/');
        for method in ["get", "put", "post", "delete", "patch"] {
            if item.get(method).is_some() {
                documented.push((method.to_uppercase(), format!("{base}{path}")));
            }
        }
    }
    let mut served: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();

    documented.sort();
    served.sort();
    assert_eq!(documented, served);
}

/// Every listed route is routed: none answers 404 or 405.
#[tokio::test]
async fn routes_every_listed_route() {
    let app = spawn_app().await;
    let root = app.base.trim_end_matches("/testing").to_owned();

    for (method, path) in ROUTES {
        let path = path
            .replace("{projectId}", PROJECT)
            .replace("{reference}", "missing");
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response = app
            .client
            .request(method.clone(), format!("{root}{path}"))
            .header("X-API-Key", &app.editor_key)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap_or_default();
        let unrouted = status == 405 || (status == 404 && body.contains("no route"));
        assert!(!unrouted, "{method} {path} is not routed: {status} {body}");
    }
}
