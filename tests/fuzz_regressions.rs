//! Inputs that fuzzing found to make the service misbehave, replayed over
//! HTTP so they stay fixed end to end.

mod common;

use serde_json::{Value, json};

use common::{PROJECT, example_json, request_for, spawn_app};

/// The banking example with every function tool's schema replaced by one
/// that compiles but that no arguments can meet.
fn banking_with_unsatisfiable_schemas() -> Value {
    let mut flow = example_json("flows/banking-support.json");
    let nodes = flow["chart"]["nodes"].as_array_mut().expect("nodes");
    for node in nodes.iter_mut().filter(|n| n["type"] == "aiAgentJobTool") {
        node["config"]["useParameters"] = json!(true);
        node["config"]["parameters"] = json!({
            "type": "object",
            "properties": {"code": {"type": "string", "minLength": 5, "maxLength": 2}},
            "required": ["code"],
        });
    }
    flow
}

/// Such a flow imported fine, but every package grounded in one of its
/// tools expected a call with arguments the tool's schema rejects, so the
/// generation failed its own checks and the answer was a 500.
#[tokio::test]
async fn generates_for_a_flow_whose_tool_schemas_no_arguments_can_satisfy() {
    let app = spawn_app().await;
    let flow = banking_with_unsatisfiable_schemas();

    let imported: Value = app
        .client
        .put(format!("{}/projects/{PROJECT}/flows", app.base))
        .header("X-API-Key", &app.editor_key)
        .json(&flow)
        .send()
        .await
        .expect("the import answers")
        .json()
        .await
        .expect("a JSON body");
    let refused: Vec<&str> = imported["flows"][0]["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter(|warning| warning["code"] == "INVALID_PARAMETER_SCHEMA")
        .filter_map(|warning| warning["nodeId"].as_str())
        .collect();
    // The enabled function tools; the fourth is switched off in the example.
    assert_eq!(
        refused,
        vec![
            "c17fd56fba81a9599dd455a9",
            "b508e94d926aee633d75b03c",
            "57332b9b4886360cc0fbdde8"
        ],
        "{imported}"
    );

    let reference = flow["flow"]["referenceId"].as_str().expect("a referenceId");
    let mut request = request_for(reference, 6, 3);
    request["seed"] = json!(7);
    let response = app.generate(&request).await;

    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(
        body["personaPackages"].as_array().expect("packages").len(),
        6
    );
}

/// An agent resource whose name holds sentence stops (here a description
/// pasted into the name field) is woven into every persona description,
/// which then has more sentences than the check allows: every generation
/// for the flow failed its checks and the answer was a 500. Names woven
/// into prose now keep only their first clause.
#[tokio::test]
async fn generates_when_the_agent_name_holds_sentence_stops() {
    let app = spawn_app().await;
    let mut flow = example_json("flows/banking-support.json");
    flow["aiAgents"][0]["name"] =
        json!("Home textiles and kitchenware. Friendly, upbeat and quick to offer a solution.");

    let response = app
        .client
        .put(format!("{}/projects/{PROJECT}/flows", app.base))
        .header("X-API-Key", &app.editor_key)
        .json(&flow)
        .send()
        .await
        .expect("the import answers");
    assert_eq!(response.status(), 200);

    let reference = flow["flow"]["referenceId"].as_str().expect("a referenceId");
    let mut request = request_for(reference, 5, 3);
    request["seed"] = json!(1);
    let response = app.generate(&request).await;

    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(
        body["personaPackages"].as_array().expect("packages").len(),
        5
    );
}
