//! Importing the JSON document shape `{ flow, chart, aiAgents }`.

mod common;

use common::*;
use serde_json::{Value, json};
use understudy_flow::{ImportError, ImportLimits, import_bytes, import_bytes_with, import_path};

fn invalid(document: &Value) -> String {
    match import_bytes(document.to_string().as_bytes()) {
        Err(ImportError::Invalid(message)) => message,
        other => panic!("expected an invalid document, got {other:?}"),
    }
}

fn small_document() -> Value {
    document(
        vec![
            node("j1", "aiAgentJob", "Support", job_config()),
            node("t1", "aiAgentJobTool", "Unlock", tool_config("unlock")),
        ],
        vec![relation("j1", &["t1"], None)],
    )
}

#[test]
fn imports_a_document_with_its_flow_nodes_relations_and_agents() {
    let flow = import_one(&small_document());

    assert_eq!(flow.flow.id, "65f000000000000000000001");
    assert_eq!(
        flow.flow.reference_id,
        "8c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
    );
    assert_eq!(flow.flow.name, "Test Flow");
    assert_eq!(flow.nodes.len(), 2);
    assert_eq!(flow.nodes[1].config["toolId"], "unlock");
    assert_eq!(flow.relations[0].children, vec!["t1"]);
    assert_eq!(flow.ai_agents.len(), 1);
    assert_eq!(
        flow.ai_agents[0].speaking_style,
        Some(json!({"completeness": "concise", "formality": 2}))
    );
}

#[test]
fn reads_a_node_config_from_localized_data_when_config_is_absent() {
    let mut localized = node("t1", "aiAgentJobTool", "Unlock", Value::Null);
    localized.as_object_mut().unwrap().remove("config");
    localized["localizedData"] =
        json!([{"localeReference": "en", "config": tool_config("from_locale")}]);
    let flow = import_one(&document(vec![localized], vec![]));

    assert_eq!(flow.nodes[0].config["toolId"], "from_locale");
}

#[test]
fn accepts_nodes_without_label_reference_or_disabled_flag_and_extra_fields() {
    let mut document = document(
        vec![
            json!({"_id": "n1", "type": "aiAgentJob", "position": {"x": 1}, "config": job_config()}),
        ],
        vec![json!({"node": "n1", "next": null, "_id": "r1"})],
    );
    document.as_object_mut().unwrap().remove("aiAgents");
    document["settings"] = json!({"anything": true});
    let flow = import_one(&document);

    assert_eq!(flow.nodes[0].label, "");
    assert_eq!(flow.nodes[0].reference_id, "");
    assert!(!flow.nodes[0].is_disabled);
    assert_eq!(flow.relations[0].next, None);
    assert!(flow.relations[0].children.is_empty());
    assert!(flow.ai_agents.is_empty());
}

#[test]
fn names_the_missing_part_of_an_invalid_document() {
    let base = small_document();

    let mut no_flow = base.clone();
    no_flow.as_object_mut().unwrap().remove("flow");
    assert_eq!(invalid(&no_flow), "`flow` is missing");

    let mut no_reference = base.clone();
    no_reference["flow"]
        .as_object_mut()
        .unwrap()
        .remove("referenceId");
    assert_eq!(invalid(&no_reference), "`flow.referenceId` is missing");

    let mut no_chart = base.clone();
    no_chart.as_object_mut().unwrap().remove("chart");
    assert_eq!(invalid(&no_chart), "`chart` is missing");

    let mut no_nodes = base.clone();
    no_nodes["chart"].as_object_mut().unwrap().remove("nodes");
    assert_eq!(invalid(&no_nodes), "`chart.nodes` is missing");

    let mut no_relations = base.clone();
    no_relations["chart"]
        .as_object_mut()
        .unwrap()
        .remove("relations");
    assert_eq!(invalid(&no_relations), "`chart.relations` is missing");

    let mut nodes_not_array = base.clone();
    nodes_not_array["chart"]["nodes"] = json!({});
    assert_eq!(invalid(&nodes_not_array), "`chart.nodes` is not an array");

    let mut no_type = base.clone();
    no_type["chart"]["nodes"][1]
        .as_object_mut()
        .unwrap()
        .remove("type");
    assert_eq!(invalid(&no_type), "`chart.nodes[1].type` is missing");

    let mut no_relation_node = base.clone();
    no_relation_node["chart"]["relations"][0] = json!({"children": []});
    assert_eq!(
        invalid(&no_relation_node),
        "`chart.relations[0].node` is missing"
    );

    let mut agent_without_reference = base;
    agent_without_reference["aiAgents"] = json!([{"name": "Ava"}]);
    assert_eq!(
        invalid(&agent_without_reference),
        "`aiAgents[0].referenceId` is missing"
    );
}

#[test]
fn rejects_a_document_that_is_not_an_object() {
    assert_eq!(invalid(&json!([1, 2])), "`document` is not an object");
}

#[test]
fn reports_the_line_and_column_of_bad_json() {
    let error = import_bytes(b"{\n  \"flow\": {\n    \"_id\": 12,,\n  }\n}").unwrap_err();

    match error {
        ImportError::Json {
            file, line, column, ..
        } => {
            assert_eq!(file, "document");
            assert_eq!((line, column), (3, 15));
        }
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn refuses_a_document_larger_than_the_limit() {
    let limits = ImportLimits {
        max_total_bytes: 100,
        ..ImportLimits::default()
    };
    let body = small_document().to_string();

    let error = import_bytes_with(body.as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(error, ImportError::TooLarge { limit: 100 }),
        "{error:?}"
    );
}

#[test]
fn imports_a_document_file_by_path() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("flow.json");
    std::fs::write(&path, small_document().to_string()).unwrap();

    let flows = import_path(&path).unwrap();
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0].nodes.len(), 2);
}

#[test]
fn names_the_path_it_cannot_read() {
    let error = import_path(std::path::Path::new("/nonexistent/flow.json")).unwrap_err();

    assert!(matches!(&error, ImportError::Read { path, .. } if path == "/nonexistent/flow.json"));
}
