//! Every refusal of the generate route: status, `field`, `code`, trace id.

mod common;

use serde_json::{Value, json};

use common::openapi::assert_valid;
use common::{PROJECT, TestApp, request_for, spawn_app};
use understudy_store::Role;

async fn app_with_flow() -> (TestApp, String) {
    let app = spawn_app().await;
    let imported = app.import_example("flows/banking-support.json").await;
    let flow = imported["flows"][0]["referenceId"]
        .as_str()
        .unwrap()
        .to_owned();
    (app, flow)
}

/// Reads a problem answer and checks what every problem carries.
async fn problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let header_trace = response.headers()["x-trace-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = response.json().await.unwrap();

    assert_eq!(body["traceId"], json!(header_trace));
    assert_eq!(body["status"], json!(status));
    for member in ["type", "title", "detail", "error", "code"] {
        assert!(body[member].is_string(), "`{member}` missing in {body}");
    }
    assert_valid("Problem", &body);
    body
}

async fn assert_refused(app: &TestApp, request: &Value, field: &str, code: &str) {
    let body = problem(app.generate(request).await, 400).await;
    assert_valid("ValidationProblem", &body);
    assert_eq!(body["field"], json!(field), "in {body}");
    assert_eq!(body["code"], json!(code), "in {body}");
}

#[tokio::test]
async fn refuses_malformed_json() {
    let (app, _) = app_with_flow().await;
    let response = app
        .generate_raw("application/json", "{\"flowReferenceId\": ")
        .await;

    let body = problem(response, 400).await;
    assert_eq!(body["field"], "body");
    assert_eq!(body["code"], "INVALID_JSON");
}

#[tokio::test]
async fn refuses_a_body_that_is_not_an_object() {
    let (app, _) = app_with_flow().await;
    assert_refused(&app, &json!([1, 2]), "body", "INVALID_TYPE").await;
}

#[tokio::test]
async fn refuses_each_missing_required_field() {
    let (app, flow) = app_with_flow().await;
    let required = [
        "flowReferenceId",
        "selectedMissionType",
        "selectedPersonaType",
        "numberOfSuccessCriteria",
        "requestedPackages",
    ];

    for field in required {
        let mut request = request_for(&flow, 2, 2);
        request.as_object_mut().unwrap().remove(field);
        assert_refused(&app, &request, field, "REQUIRED").await;
    }
}

#[tokio::test]
async fn refuses_missing_fields_inside_the_types() {
    let (app, flow) = app_with_flow().await;
    let cases = [
        ("/selectedMissionType", "name", "selectedMissionType.name"),
        (
            "/selectedMissionType",
            "description",
            "selectedMissionType.description",
        ),
        (
            "/selectedMissionType",
            "successCriteria",
            "selectedMissionType.successCriteria",
        ),
        ("/selectedPersonaType", "name", "selectedPersonaType.name"),
        (
            "/selectedPersonaType",
            "description",
            "selectedPersonaType.description",
        ),
        (
            "/selectedMissionType/successCriteria/1",
            "name",
            "selectedMissionType.successCriteria[1].name",
        ),
    ];

    for (parent, key, field) in cases {
        let mut request = request_for(&flow, 2, 2);
        request
            .pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key);
        assert_refused(&app, &request, field, "REQUIRED").await;
    }
}

#[tokio::test]
async fn refuses_wrong_types() {
    let (app, flow) = app_with_flow().await;
    let cases = [
        ("/requestedPackages", json!("5"), "requestedPackages"),
        (
            "/numberOfSuccessCriteria",
            json!(2.5),
            "numberOfSuccessCriteria",
        ),
        ("/flowReferenceId", json!(12), "flowReferenceId"),
        (
            "/selectedMissionType",
            json!("support"),
            "selectedMissionType",
        ),
        (
            "/selectedPersonaType/name",
            json!(["a"]),
            "selectedPersonaType.name",
        ),
        (
            "/selectedMissionType/successCriteria",
            json!({}),
            "selectedMissionType.successCriteria",
        ),
        (
            "/selectedMissionType/successCriteria/0",
            json!("x"),
            "selectedMissionType.successCriteria[0]",
        ),
    ];

    for (pointer, value, field) in cases {
        let mut request = request_for(&flow, 2, 2);
        *request.pointer_mut(pointer).unwrap() = value;
        assert_refused(&app, &request, field, "INVALID_TYPE").await;
    }
}

#[tokio::test]
async fn refuses_counts_outside_their_range() {
    let (app, flow) = app_with_flow().await;
    let cases = [
        ("requestedPackages", json!(0)),
        ("requestedPackages", json!(-3)),
        ("requestedPackages", json!(101)),
        ("requestedPackages", json!(1e30)),
        ("numberOfSuccessCriteria", json!(0)),
        ("numberOfSuccessCriteria", json!(11)),
    ];

    for (field, value) in cases {
        let mut request = request_for(&flow, 2, 2);
        request[field] = value;
        assert_refused(&app, &request, field, "OUT_OF_RANGE").await;
    }
}

#[tokio::test]
async fn accepts_the_largest_counts_allowed() {
    let (app, flow) = app_with_flow().await;
    let response = app.generate(&request_for(&flow, 100, 10)).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn refuses_empty_names() {
    let (app, flow) = app_with_flow().await;
    let cases = [
        ("/selectedMissionType/name", "selectedMissionType.name"),
        ("/selectedPersonaType/name", "selectedPersonaType.name"),
        (
            "/selectedMissionType/successCriteria/1/name",
            "selectedMissionType.successCriteria[1].name",
        ),
        ("/flowReferenceId", "flowReferenceId"),
    ];

    for (pointer, field) in cases {
        let mut request = request_for(&flow, 2, 2);
        *request.pointer_mut(pointer).unwrap() = json!("   ");
        assert_refused(&app, &request, field, "EMPTY").await;
    }
}

#[tokio::test]
async fn refuses_strings_over_their_limits() {
    let (app, flow) = app_with_flow().await;
    let cases = [
        ("/selectedMissionType/name", 201, "selectedMissionType.name"),
        (
            "/selectedPersonaType/description",
            2001,
            "selectedPersonaType.description",
        ),
        (
            "/selectedMissionType/successCriteria/0/description",
            2001,
            "selectedMissionType.successCriteria[0].description",
        ),
        ("/flowReferenceId", 201, "flowReferenceId"),
    ];

    for (pointer, length, field) in cases {
        let mut request = request_for(&flow, 2, 2);
        *request.pointer_mut(pointer).unwrap() = json!("x".repeat(length));
        assert_refused(&app, &request, field, "TOO_LONG").await;
    }
}

#[tokio::test]
async fn refuses_an_unknown_flow() {
    let (app, _) = app_with_flow().await;
    let request = request_for("00000000-0000-4000-8000-000000000000", 2, 2);
    assert_refused(&app, &request, "flowReferenceId", "FLOW_NOT_FOUND").await;
}

#[tokio::test]
async fn refuses_a_job_node_id_that_is_not_a_job_of_the_flow() {
    let (app, flow) = app_with_flow().await;
    let mut request = request_for(&flow, 2, 2);
    request["jobNodeId"] = json!("ffffffffffffffffffffffff");
    assert_refused(&app, &request, "jobNodeId", "UNKNOWN_JOB").await;
}

#[tokio::test]
async fn refuses_an_unsupported_language() {
    let (app, flow) = app_with_flow().await;
    let mut request = request_for(&flow, 2, 2);
    request["language"] = json!("fr");
    assert_refused(&app, &request, "language", "UNSUPPORTED_LANGUAGE").await;
}

#[tokio::test]
async fn refuses_a_seed_out_of_range() {
    let (app, flow) = app_with_flow().await;
    let mut request = request_for(&flow, 2, 2);
    request["seed"] = json!(-1);
    assert_refused(&app, &request, "seed", "OUT_OF_RANGE").await;
}

#[tokio::test]
async fn names_every_wrong_field_at_once() {
    let (app, flow) = app_with_flow().await;
    let mut request = request_for(&flow, 0, 0);
    request["language"] = json!("xx");

    let body = problem(app.generate(&request).await, 400).await;

    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["numberOfSuccessCriteria", "requestedPackages", "language"]
    );
    assert_eq!(body["field"], "numberOfSuccessCriteria");
}

#[tokio::test]
async fn needs_a_project() {
    let (app, flow) = app_with_flow().await;
    let response = app
        .client
        .post(format!("{}/personas/generate", app.base))
        .header("X-API-Key", &app.editor_key)
        .json(&request_for(&flow, 2, 2))
        .send()
        .await
        .unwrap();

    let body = problem(response, 400).await;
    assert_eq!(body["field"], "projectId");
    assert_eq!(body["code"], "PROJECT_REQUIRED");
}

#[tokio::test]
async fn takes_the_project_from_the_body() {
    let (app, flow) = app_with_flow().await;
    let mut request = request_for(&flow, 2, 2);
    request["projectReference"] = json!(PROJECT);
    let response = app
        .client
        .post(format!("{}/personas/generate", app.base))
        .header("X-API-Key", &app.editor_key)
        .json(&request)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn refuses_two_projects_that_differ() {
    let (app, flow) = app_with_flow().await;
    let mut request = request_for(&flow, 2, 2);
    request["projectReference"] = json!("other");
    assert_refused(&app, &request, "projectReference", "PROJECT_MISMATCH").await;
}

#[tokio::test]
async fn refuses_a_missing_or_unknown_key() {
    let (app, flow) = app_with_flow().await;
    let request = request_for(&flow, 2, 2);

    let missing = problem(app.generate_with_key(&request, None).await, 401).await;
    assert_eq!(missing["code"], "UNAUTHORIZED");

    let forged = format!("{}x", app.editor_key);
    let unknown = problem(app.generate_with_key(&request, Some(&forged)).await, 401).await;
    assert_eq!(unknown["code"], "UNAUTHORIZED");
}

#[tokio::test]
async fn forbids_a_key_of_another_project_and_a_viewer_key() {
    let (app, flow) = app_with_flow().await;
    let request = request_for(&flow, 2, 2);
    app.store.ensure_project("other").await.unwrap();
    let other = app
        .store
        .create_key("other", Role::Admin)
        .await
        .unwrap()
        .secret;
    let viewer = app
        .store
        .create_key(PROJECT, Role::Viewer)
        .await
        .unwrap()
        .secret;

    let foreign = problem(app.generate_with_key(&request, Some(&other)).await, 403).await;
    assert_eq!(foreign["code"], "FORBIDDEN");
    let weak = problem(app.generate_with_key(&request, Some(&viewer)).await, 403).await;
    assert_eq!(weak["code"], "FORBIDDEN");
}

#[tokio::test]
async fn refuses_a_body_that_is_not_json() {
    let (app, _) = app_with_flow().await;
    let response = app.generate_raw("text/plain", "hello").await;

    let body = problem(response, 415).await;
    assert_eq!(body["code"], "UNSUPPORTED_MEDIA_TYPE");
}

#[tokio::test]
async fn answers_unknown_routes_and_methods_with_problems() {
    let app = spawn_app().await;

    let missing = app
        .client
        .get(format!("{}/nothing-here", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(problem(missing, 404).await["code"], "NOT_FOUND");

    let wrong = app
        .client
        .get(format!("{}/personas/generate", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(problem(wrong, 405).await["code"], "METHOD_NOT_ALLOWED");
}

/// An over-long project id is a 400 naming the field, never a 403 that
/// echoes it back.
#[tokio::test]
async fn refuses_an_over_long_project_id_on_every_route() {
    let (app, flow) = app_with_flow().await;
    let long = "p".repeat(5000);

    let generate = app
        .client
        .post(format!("{}/personas/generate?projectId={long}", app.base))
        .header("X-API-Key", &app.editor_key)
        .json(&request_for(&flow, 2, 2))
        .send()
        .await
        .unwrap();
    let body = problem(generate, 400).await;
    assert_eq!(
        (body["field"].as_str(), body["code"].as_str()),
        (Some("projectId"), Some("TOO_LONG"))
    );
    assert!(!body.to_string().contains(&long));

    let list = app
        .client
        .get(format!("{}/projects/{long}/flows", app.base))
        .header("X-API-Key", &app.editor_key)
        .send()
        .await
        .unwrap();
    let body = problem(list, 400).await;
    assert_eq!(
        (body["field"].as_str(), body["code"].as_str()),
        (Some("projectId"), Some("TOO_LONG"))
    );
}
