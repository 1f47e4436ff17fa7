//! What every route shares: CORS, panics as problems, trace ids.

mod common;

use axum::Router;
use axum::routing::get;
use serde_json::Value;

use common::spawn_app;

/// A browser's preflight from any origin is allowed.
#[tokio::test]
async fn allows_a_preflight_from_any_origin() {
    let app = spawn_app().await;

    let response = app
        .client
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/personas/generate", app.base),
        )
        .header("Origin", "https://designer.example.org")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-api-key")
        .send()
        .await
        .unwrap();

    assert!(response.status().is_success());
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let methods = response.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap();
    assert!(methods.contains("POST"));
}

/// A panic in a handler is a 500 problem with a trace id, and the cause is
/// not shown to the client.
#[tokio::test]
async fn a_panic_becomes_a_problem_with_a_trace_id() {
    let routes = Router::new().route("/testing/boom", get(boom));
    let app = understudy::api::layered(routes, std::time::Duration::from_secs(5));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let response = reqwest::get(format!("http://{address}/testing/boom"))
        .await
        .unwrap();

    assert_eq!(response.status(), 500);
    let trace = response.headers()["x-trace-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["traceId"], Value::from(trace));
    assert_eq!(body["code"], "INTERNAL_ERROR");
    assert!(!body.to_string().contains("secret cause"));
}

async fn boom() -> &'static str {
    panic!("secret cause")
}

/// The served document is the project's own, with the generate route.
#[tokio::test]
async fn serves_the_openapi_document() {
    let app = spawn_app().await;

    let document: Value = reqwest::get(format!("{}/openapi/openapi-viewer.json", app.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert!(document["paths"]["/personas/generate"]["post"].is_object());
}
