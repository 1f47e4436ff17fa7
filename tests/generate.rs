//! `POST /testing/personas/generate` over real HTTP: the happy path.

mod common;

use std::collections::HashSet;

use serde_json::{Value, json};

use common::openapi::{assert_valid, assert_valid_in};
use common::{PROJECT, request_for, spawn_app};
use understudy_flow::{discover, import_path};

const BANKING: &str = "flows/banking-support.json";

async fn banking_reference(app: &common::TestApp) -> String {
    let imported = app.import_example(BANKING).await;
    imported["flows"][0]["referenceId"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Twenty packages of four criteria: exact counts, valid against both the
/// project's document and the public contract, unique names, grounded calls.
#[tokio::test]
async fn writes_twenty_grounded_packages_that_match_the_contract() {
    let app = spawn_app().await;
    let flow = banking_reference(&app).await;

    let response = app.generate(&request_for(&flow, 20, 4)).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();

    assert_valid("GenerateResponse", &body);
    let contract = common::contract::document();
    assert_valid_in(
        &contract,
        &common::contract::response_pointer("200", "application/json"),
        &body,
    );

    assert_eq!(body["success"], true);
    let packages = body["personaPackages"].as_array().unwrap();
    assert_eq!(packages.len(), 20);
    for package in packages {
        assert_eq!(package["successCriteria"].as_array().unwrap().len(), 4);
    }
    let names: HashSet<&str> = packages
        .iter()
        .map(|p| p["personaName"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 20, "persona names repeat");
    let titles: HashSet<&str> = packages
        .iter()
        .map(|p| p["simulationName"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 20, "simulation names repeat");

    assert_tool_calls_validate(&body);
    assert!(uuid::Uuid::parse_str(body["metadata"]["requestId"].as_str().unwrap()).is_ok());
    assert!(
        chrono::DateTime::parse_from_rfc3339(body["metadata"]["processedAt"].as_str().unwrap())
            .is_ok()
    );
    assert_eq!(body["metadata"]["model"], "understudy-offline");
}

/// Every discovered tool is exercised before any tool repeats.
#[tokio::test]
async fn exercises_every_tool_of_the_flow() {
    let app = spawn_app().await;
    let flow = banking_reference(&app).await;
    let document = import_path(&common::example(BANKING)).unwrap().remove(0);
    let tools: HashSet<String> = discover(&document)
        .tools()
        .map(|t| t.tool_id.clone())
        .collect();

    let body: Value = app
        .generate(&request_for(&flow, tools.len() as u64, 3))
        .await
        .json()
        .await
        .unwrap();

    let exercised: HashSet<String> = body["personaPackages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["focus"]["tools"].as_array().unwrap().clone())
        .map(|t| t.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(exercised, tools);
}

/// The same seed gives the same packages, byte for byte.
#[tokio::test]
async fn the_same_seed_gives_the_same_bytes() {
    let app = spawn_app().await;
    let flow = banking_reference(&app).await;
    let mut request = request_for(&flow, 12, 3);
    request["seed"] = json!(424242);

    let first: Value = app.generate(&request).await.json().await.unwrap();
    let second: Value = app.generate(&request).await.json().await.unwrap();

    let bytes = |body: &Value| serde_json::to_vec(&body["personaPackages"]).unwrap();
    assert_eq!(bytes(&first), bytes(&second));
    assert_eq!(first["metadata"]["seed"], 424242);
    assert_ne!(
        first["metadata"]["requestId"],
        second["metadata"]["requestId"]
    );
}

/// Without a seed one is drawn, echoed, and reproduces the answer.
#[tokio::test]
async fn a_drawn_seed_is_echoed_and_reproduces_the_answer() {
    let app = spawn_app().await;
    let flow = banking_reference(&app).await;
    let request = request_for(&flow, 5, 2);

    let first: Value = app.generate(&request).await.json().await.unwrap();
    let seed = first["metadata"]["seed"]
        .as_u64()
        .expect("a seed is echoed");
    let mut again = request.clone();
    again["seed"] = json!(seed);
    let second: Value = app.generate(&again).await.json().await.unwrap();

    assert_eq!(first["personaPackages"], second["personaPackages"]);
}

/// A misspelt field is no error, but the answer names it.
#[tokio::test]
async fn names_an_unknown_field_in_the_warnings() {
    let app = spawn_app().await;
    let flow = banking_reference(&app).await;
    let mut request = request_for(&flow, 2, 2);
    request["jobNodeID"] = json!("whatever");

    let response = app.generate(&request).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();

    let warnings = body["metadata"]["warnings"].as_array().unwrap();
    let unknown: Vec<&Value> = warnings
        .iter()
        .filter(|w| w["code"] == "UNKNOWN_FIELD")
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0]["field"], "jobNodeID");
    assert!(
        unknown[0]["message"]
            .as_str()
            .unwrap()
            .contains("`jobNodeId`")
    );
}

/// `language: de` writes every text field in German.
#[tokio::test]
async fn writes_german_when_asked() {
    let app = spawn_app().await;
    let flow = banking_reference(&app).await;
    let mut request = request_for(&flow, 6, 3);
    request["language"] = json!("de");

    let body: Value = app.generate(&request).await.json().await.unwrap();

    assert_eq!(body["metadata"]["language"], "de");
    for package in body["personaPackages"].as_array().unwrap() {
        let text =
            format!("{} {}", package["personaDescription"], package["mission"]).to_lowercase();
        let german = [
            " und ", " die ", " der ", " sie ", " ist ", " nicht ", " mit ",
        ];
        assert!(
            german.iter().any(|w| text.contains(w)),
            "not German: {text}"
        );
    }
}

/// A job id narrows the packages to that job's tools.
#[tokio::test]
async fn a_job_node_id_narrows_to_that_job() {
    let app = spawn_app().await;
    let flow = banking_reference(&app).await;
    let document = import_path(&common::example(BANKING)).unwrap().remove(0);
    let capabilities = discover(&document);
    let job = &capabilities.jobs[0];
    let mut request = request_for(&flow, 4, 2);
    request["jobNodeId"] = json!(job.node_id);

    let body: Value = app.generate(&request).await.json().await.unwrap();

    for package in body["personaPackages"].as_array().unwrap() {
        assert_eq!(package["focus"]["jobNodeId"], json!(job.node_id));
    }
}

/// A flow with no AI agent still yields packages, with a warning.
#[tokio::test]
async fn a_flow_without_an_ai_agent_still_yields_packages() {
    let app = spawn_app().await;
    let document = json!({
        "flow": { "_id": "650000000000000000000001", "referenceId": "7d0b0d5e-2b7c-4f57-9d0b-1a1a1a1a1a1a", "name": "Greeting Only" },
        "chart": {
            "nodes": [{ "_id": "650000000000000000000002", "type": "message", "label": "Hello", "config": {} }],
            "relations": [{ "node": "650000000000000000000002", "children": [] }]
        }
    });
    let imported = app
        .client
        .put(format!("{}/projects/{PROJECT}/flows", app.base))
        .header("X-API-Key", &app.editor_key)
        .json(&document)
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), 200);

    let body: Value = app
        .generate(&request_for("7d0b0d5e-2b7c-4f57-9d0b-1a1a1a1a1a1a", 3, 2))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["personaPackages"].as_array().unwrap().len(), 3);
    let codes: Vec<&str> = body["metadata"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"NO_AI_AGENT"), "warnings: {codes:?}");
}

/// Every `expectedToolCall` names a tool of the flow and validates against it.
fn assert_tool_calls_validate(body: &Value) {
    let document = import_path(&common::example(BANKING)).unwrap().remove(0);
    let capabilities = discover(&document);
    let mut calls = 0;

    for package in body["personaPackages"].as_array().unwrap() {
        for criterion in package["successCriteria"].as_array().unwrap() {
            let Some(call) = criterion["params"].get("expectedToolCall") else {
                continue;
            };
            calls += 1;
            let tool = capabilities
                .tools()
                .find(|t| t.tool_id == call["tool"].as_str().unwrap())
                .expect("the expected tool exists in the flow");
            if let Some(schema) = &tool.parameters {
                let result = understudy_schema::validate(schema, &call["arguments"]);
                assert!(
                    result.is_ok(),
                    "{} arguments invalid: {result:?}",
                    tool.tool_id
                );
            }
        }
    }
    assert!(calls >= 20, "only {calls} tool-grounded criteria");
}

/// An ignored field is named in the warnings but never stored: a request
/// padded with a large unknown field leaves a record without it.
#[tokio::test]
async fn records_the_request_without_its_ignored_fields() {
    let app = spawn_app().await;
    let flow = banking_reference(&app).await;
    let mut request = request_for(&flow, 2, 2);
    request["padding"] = json!("x".repeat(1 << 20));
    request["selectedMissionType"]["colour"] = json!("blue");

    let body: Value = app.generate(&request).await.json().await.unwrap();

    let id = body["metadata"]["requestId"].as_str().unwrap();
    let record = app
        .store
        .get_generation(PROJECT, id)
        .await
        .unwrap()
        .expect("a record");
    assert!(record.request.get("padding").is_none());
    assert!(
        record.request["selectedMissionType"]
            .get("colour")
            .is_none()
    );
    assert_eq!(record.request["flowReferenceId"], json!(flow));
    assert_eq!(
        record.request["selectedMissionType"]["name"],
        request["selectedMissionType"]["name"]
    );
}
