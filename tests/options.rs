//! `POST /testing/personas/options` over real HTTP: what a flow offers,
//! and that every offer feeds `/personas/generate` unchanged.

mod common;

use std::process::Command;

use serde_json::{Value, json};

use common::openapi::assert_valid_in;
use common::{PROJECT, TestApp, spawn_app};
use understudy_store::Role;

const BANKING: &str = "flows/banking-support.json";
const RETAIL: &str = "flows/retail-orders.json";
const TRAVEL_DESK: &str = "03c3233c-6dd9-5f16-8836-b54fa3a01c9b";
const SKYE: &str = "2b93cb03-16bf-5583-bc99-1c6ecea48160";
const JUNO: &str = "f123c388-805f-5fe7-aca2-85a4b7555ba7";
const BAGGAGE_JOB: &str = "02abe2756c2a7d41620b935a";

fn success_pointer() -> &'static str {
    "#/paths/~1personas~1options/post/responses/200/content/application~1json/schema"
}

fn problem_pointer() -> &'static str {
    "#/components/schemas/ValidationProblem"
}

/// Imports a flow file of `examples/` and answers its `referenceId`.
async fn import(app: &TestApp, relative: &str) -> String {
    let imported = app.import_example(relative).await;
    imported["flows"][0]["referenceId"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Imports both flows of the travel desk export straight into the store.
async fn import_travel_desk(app: &TestApp) -> Vec<String> {
    let documents = understudy_flow::import_path(&common::example("exports/travel-desk")).unwrap();
    let imported = understudy::flows::import(&app.store, PROJECT, documents)
        .await
        .unwrap();
    imported.into_iter().map(|f| f.reference_id).collect()
}

async fn post_options(
    app: &TestApp,
    query: &str,
    body: &Value,
    key: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}/personas/options{query}", app.base))
        .json(body);
    if let Some(key) = key {
        request = request.header("X-API-Key", key);
    }
    request.send().await.expect("the server answers")
}

/// The options of a body, which must be answered with 200.
async fn options(app: &TestApp, body: Value) -> Value {
    let response = post_options(
        app,
        &format!("?projectId={PROJECT}"),
        &body,
        Some(&app.editor_key),
    )
    .await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert_valid_in(
        understudy::api::openapi_document(),
        success_pointer(),
        &answer,
    );
    answer
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect()
}

/// Generates with a mission type and a persona type exactly as options
/// gave them, asserting 200 and the requested counts.
async fn generate_with(
    app: &TestApp,
    flow: &str,
    mission: &Value,
    persona: &Value,
    language: &str,
) {
    let body = json!({
        "flowReferenceId": flow,
        "selectedMissionType": mission,
        "selectedPersonaType": persona,
        "numberOfSuccessCriteria": 3,
        "requestedPackages": 3,
        "seed": 5,
        "language": language,
    });
    let response = app.generate(&body).await;
    let status = response.status();
    let answer: Value = response.json().await.unwrap();
    assert_eq!(
        status, 200,
        "{} / {}: {answer}",
        mission["name"], persona["name"]
    );

    let packages = answer["personaPackages"].as_array().unwrap();
    assert_eq!(packages.len(), 3);
    for package in packages {
        assert_eq!(package["successCriteria"].as_array().unwrap().len(), 3);
    }
}

/// The banking flow's options: valid against the document, its tool goals
/// first, the catalogue, no warnings.
#[tokio::test]
async fn answers_the_options_of_a_flow_valid_against_the_document() {
    let app = spawn_app().await;
    let flow = import(&app, BANKING).await;

    let answer = options(&app, json!({ "flowId": flow })).await;

    assert_eq!(answer["simulationName"], "Banking Support Simulation");
    assert_eq!(
        names(&answer["missionTypes"]),
        vec![
            "Unlock Your Account",
            "Block Your Card",
            "Report Your Transaction Dispute",
            "Ask an Information Question",
            "Reach a Human Agent",
            "Make an Out-of-Scope Request",
            "Make a Complaint",
        ]
    );
    assert_eq!(
        answer["missionTypes"][1]["successCriteria"][0]["description"],
        "The agent asks for the card last four and reason before it calls block_card."
    );
    let personas = names(&answer["personaTypes"]);
    assert!(personas.len() >= 8, "{personas:?}");
    assert_eq!(personas[0], "Impatient");
    assert_eq!(answer["warnings"], json!([]));
}

/// For every example flow, every mission type it offers generates with a
/// persona type, and every persona type with the first mission type, in
/// both languages.
#[tokio::test]
async fn what_options_offers_feeds_generate_unchanged() {
    let app = spawn_app().await;
    let mut flows = vec![import(&app, BANKING).await, import(&app, RETAIL).await];
    flows.extend(import_travel_desk(&app).await);
    assert_eq!(flows.len(), 4);

    for flow in &flows {
        for language in ["en", "de"] {
            let answer = options(&app, json!({ "flowId": flow, "language": language })).await;
            let missions = answer["missionTypes"].as_array().unwrap();
            let personas = answer["personaTypes"].as_array().unwrap();
            assert!(missions.len() >= 3);

            for (index, mission) in missions.iter().enumerate() {
                let persona = &personas[index % personas.len()];
                generate_with(&app, flow, mission, persona, language).await;
            }
            for persona in personas {
                generate_with(&app, flow, &missions[0], persona, language).await;
            }
        }
    }
}

/// A mission type offered for a tool yields packages about that tool
/// only, so its criteria ("the agent calls block_card") hold in every
/// package; reaching a human means the handover tool, and a complaint
/// spreads over every tool.
#[tokio::test]
async fn packages_of_a_tool_goal_exercise_that_tool_alone() {
    let app = spawn_app().await;
    let flow = import(&app, BANKING).await;
    let answer = options(&app, json!({ "flowId": flow })).await;
    let persona = &answer["personaTypes"][0];
    let mission = |name: &str| {
        answer["missionTypes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .unwrap()
            .clone()
    };

    let cases = [
        ("Block Your Card", vec!["block_card"]),
        ("Unlock Your Account", vec!["unlock_account"]),
        ("Reach a Human Agent", vec!["handover_to_advisor"]),
        ("Ask an Information Question", vec!["search_help_center"]),
    ];
    for (name, tools) in cases {
        let focused = focus_tools(&app, &flow, &mission(name), persona).await;
        assert_eq!(focused.len(), 6, "{name}");
        for package_tools in &focused {
            assert_eq!(package_tools, &tools, "{name}");
        }
    }

    let spread = focus_tools(&app, &flow, &mission("Make a Complaint"), persona).await;
    let mut every: Vec<String> = spread.into_iter().flatten().collect();
    every.sort();
    every.dedup();
    assert_eq!(every.len(), 5, "every enabled tool: {every:?}");
}

/// The tools each of six generated packages was planned to exercise.
async fn focus_tools(
    app: &TestApp,
    flow: &str,
    mission: &Value,
    persona: &Value,
) -> Vec<Vec<String>> {
    let body = json!({
        "flowReferenceId": flow,
        "selectedMissionType": mission,
        "selectedPersonaType": persona,
        "numberOfSuccessCriteria": 3,
        "requestedPackages": 6,
        "seed": 11,
    });
    let answer: Value = app.generate(&body).await.json().await.unwrap();
    answer["personaPackages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|package| {
            let tools = package["focus"]["tools"].as_array().unwrap();
            tools
                .iter()
                .map(|t| t.as_str().unwrap().to_owned())
                .collect()
        })
        .collect()
}

/// Narrowed to Juno's baggage job, only that job's tool goals are offered,
/// the title names the job, and the offers generate for that job.
#[tokio::test]
async fn narrowing_by_agent_and_job_offers_only_that_jobs_tool_goals() {
    let app = spawn_app().await;
    import_travel_desk(&app).await;

    let whole = options(&app, json!({ "flowId": TRAVEL_DESK })).await;
    let narrowed = options(
        &app,
        json!({ "flowId": TRAVEL_DESK, "aiagentReferenceId": JUNO, "jobNodeId": BAGGAGE_JOB }),
    )
    .await;
    let by_agent = options(
        &app,
        json!({ "flowId": TRAVEL_DESK, "aiagentReferenceId": JUNO }),
    )
    .await;

    assert!(names(&whole["missionTypes"]).contains(&"Move Your Flight to Another Date"));
    assert_eq!(narrowed["simulationName"], "Baggage Services Simulation");
    assert_eq!(
        names(&narrowed["missionTypes"]),
        vec![
            "Report Your Lost Baggage",
            "Look Up Your Baggage Claim",
            "Schedule Your Bag Delivery",
            "Ask an Information Question",
            "Make an Out-of-Scope Request",
            "Make a Complaint",
        ]
    );
    assert_eq!(by_agent["missionTypes"], narrowed["missionTypes"]);

    let body = json!({
        "flowReferenceId": TRAVEL_DESK,
        "jobNodeId": BAGGAGE_JOB,
        "selectedMissionType": narrowed["missionTypes"][0],
        "selectedPersonaType": narrowed["personaTypes"][0],
        "numberOfSuccessCriteria": 2,
        "requestedPackages": 4,
    });
    let response = app.generate(&body).await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    for package in answer["personaPackages"].as_array().unwrap() {
        assert_eq!(package["focus"]["jobNodeId"], BAGGAGE_JOB);
    }
}

#[tokio::test]
async fn german_answers_are_german() {
    let app = spawn_app().await;
    let flow = import(&app, BANKING).await;

    let answer = options(&app, json!({ "flowId": flow, "language": "de" })).await;

    assert_eq!(answer["simulationName"], "Simulation Banking Support");
    let missions = names(&answer["missionTypes"]);
    assert_eq!(missions[1], "Karte sperren");
    assert!(missions.contains(&"Mit einem Menschen sprechen"));
    assert!(missions.contains(&"Sich beschweren"));
    assert_eq!(
        answer["missionTypes"][1]["description"],
        "Die Person möchte ihre Karte sperren. Dafür erfragt der Agent „Kartenendziffern“ und \
         „Grund“ und ruft dann block_card auf."
    );
    let personas = names(&answer["personaTypes"]);
    assert_eq!(
        &personas[..3],
        ["Ungeduldig", "Verwirrt", "Technikferner Senior"]
    );
}

/// Reading needs only the viewer role, which generate would refuse.
#[tokio::test]
async fn a_viewer_may_ask() {
    let app = spawn_app().await;
    let flow = import(&app, BANKING).await;
    let viewer = app
        .store
        .create_key(PROJECT, Role::Viewer)
        .await
        .unwrap()
        .secret;

    let query = format!("?projectId={PROJECT}");
    let response = post_options(&app, &query, &json!({ "flowId": flow }), Some(&viewer)).await;

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn names_unknown_fields_in_warnings_and_flow_warnings_too() {
    let app = spawn_app().await;
    let flow = import(&app, RETAIL).await;

    let answer = options(&app, json!({ "flowId": flow, "jobNodeID": "x" })).await;

    let codes: Vec<&str> = answer["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        vec!["UNKNOWN_FIELD", "EMPTY_DESCRIPTION", "DUPLICATE_TOOL_ID"]
    );
    assert_eq!(answer["warnings"][0]["field"], "jobNodeID");
}

#[tokio::test]
async fn a_flow_without_an_agent_gets_the_general_mission_types_and_the_catalogue() {
    let app = spawn_app().await;
    let document = json!({
        "flow": {
            "_id": "aaaaaaaaaaaaaaaaaaaaaaaa",
            "referenceId": "0b6c3f1e-0000-4000-8000-000000000001",
            "name": "Greeting"
        },
        "chart": { "nodes": [], "relations": [] }
    });
    let response = app
        .client
        .put(format!("{}/projects/{PROJECT}/flows", app.base))
        .header("X-API-Key", &app.editor_key)
        .json(&document)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let answer = options(&app, json!({ "flowId": "aaaaaaaaaaaaaaaaaaaaaaaa" })).await;

    assert_eq!(
        names(&answer["missionTypes"]),
        vec![
            "Ask an Information Question",
            "Make an Out-of-Scope Request",
            "Make a Complaint"
        ]
    );
    assert_eq!(answer["personaTypes"].as_array().unwrap().len(), 12);
    assert_eq!(answer["warnings"][0]["code"], "NO_AI_AGENT");
}

/// Every refusal: its status, field and code, as problem+json with a trace id.
#[tokio::test]
async fn refuses_each_wrong_request_with_its_field_and_code() {
    let app = spawn_app().await;
    import_travel_desk(&app).await;
    let project = format!("?projectId={PROJECT}");

    let cases = [
        (
            "",
            json!({ "flowId": TRAVEL_DESK }),
            "projectId",
            "PROJECT_REQUIRED",
        ),
        (
            "?projectId=%20",
            json!({ "flowId": TRAVEL_DESK }),
            "projectId",
            "PROJECT_REQUIRED",
        ),
        (&project[..], json!({}), "flowId", "REQUIRED"),
        (
            &project[..],
            json!({ "flowId": "missing" }),
            "flowId",
            "FLOW_NOT_FOUND",
        ),
        (
            &project[..],
            json!({ "flowId": TRAVEL_DESK, "aiagentReferenceId": "nobody" }),
            "aiagentReferenceId",
            "UNKNOWN_AGENT",
        ),
        (
            &project[..],
            json!({ "flowId": TRAVEL_DESK, "jobNodeId": BAGGAGE_JOB }),
            "jobNodeId",
            "INVALID_COMBINATION",
        ),
        (
            &project[..],
            json!({ "flowId": TRAVEL_DESK, "aiagentReferenceId": SKYE, "jobNodeId": BAGGAGE_JOB }),
            "jobNodeId",
            "UNKNOWN_JOB",
        ),
        (
            &project[..],
            json!({ "flowId": TRAVEL_DESK, "language": "fr" }),
            "language",
            "UNSUPPORTED_LANGUAGE",
        ),
        (
            &project[..],
            json!({ "flowId": 7 }),
            "flowId",
            "INVALID_TYPE",
        ),
        (&project[..], json!(["flowId"]), "body", "INVALID_TYPE"),
    ];

    for (query, body, field, code) in cases {
        let response = post_options(&app, query, &body, Some(&app.editor_key)).await;
        assert_refused(response, field, code).await;
    }

    let response = app
        .client
        .post(format!("{}/personas/options{project}", app.base))
        .header("X-API-Key", &app.editor_key)
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_refused(response, "body", "INVALID_JSON").await;
}

async fn assert_refused(response: reqwest::Response, field: &str, code: &str) {
    assert_eq!(response.status(), 400, "{field} {code}");
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["field"], field, "{problem}");
    assert_eq!(problem["code"], code, "{problem}");
    assert!(problem["traceId"].as_str().is_some_and(|t| !t.is_empty()));
    assert_valid_in(
        understudy::api::openapi_document(),
        problem_pointer(),
        &problem,
    );
}

#[tokio::test]
async fn refuses_missing_credentials_and_another_projects_key() {
    let app = spawn_app().await;
    let flow = import(&app, BANKING).await;
    app.store.ensure_project("other").await.unwrap();
    let other = app
        .store
        .create_key("other", Role::Admin)
        .await
        .unwrap()
        .secret;
    let query = format!("?projectId={PROJECT}");
    let body = json!({ "flowId": flow });

    let anonymous = post_options(&app, &query, &body, None).await;
    let foreign = post_options(&app, &query, &body, Some(&other)).await;

    assert_eq!(anonymous.status(), 401);
    assert_eq!(foreign.status(), 403);
}

/// `understudy options` prints the body the API answers.
#[tokio::test]
async fn the_cli_prints_the_same_options_as_the_api() {
    let app = spawn_app().await;
    import_travel_desk(&app).await;
    let answer = options(
        &app,
        json!({ "flowId": TRAVEL_DESK, "aiagentReferenceId": SKYE, "language": "de" }),
    )
    .await;

    let output = Command::new(env!("CARGO_BIN_EXE_understudy"))
        .args(["options", "--flow"])
        .arg(common::example("exports/travel-desk"))
        .args([
            "--flow-id",
            TRAVEL_DESK,
            "--agent",
            SKYE,
            "--language",
            "de",
        ])
        .env_remove("UNDERSTUDY_LOG")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();

    assert_eq!(printed, answer);
}
