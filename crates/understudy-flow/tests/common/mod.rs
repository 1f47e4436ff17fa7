//! Builders for small flows and packages, shared by the integration tests.
#![allow(dead_code)]

use std::io::{Cursor, Write};

use serde_json::{Value, json};
use understudy_flow::{Capabilities, FlowDocument, discover, import_bytes};
use zip::write::SimpleFileOptions;

pub const AGENT_REF: &str = "5b0e4f3c-8a1d-4c6e-9f2b-7d3a1e6c8b40";

/// A chart node with its config under `config`.
pub fn node(id: &str, node_type: &str, label: &str, config: Value) -> Value {
    json!({
        "_id": id,
        "referenceId": format!("00000000-0000-4000-8000-{id:0>12}"),
        "type": node_type,
        "label": label,
        "isDisabled": false,
        "config": config,
    })
}

/// The same node, switched off.
pub fn disabled(mut node: Value) -> Value {
    node["isDisabled"] = json!(true);
    node
}

/// A tool config with an object schema of one string property.
pub fn tool_config(tool_id: &str) -> Value {
    json!({
        "toolId": tool_id,
        "description": format!("Does {tool_id}."),
        "useParameters": true,
        "parameters": {
            "type": "object",
            "properties": {"id": {"type": "string", "description": "What to act on."}},
            "required": ["id"],
        },
        "condition": "",
    })
}

pub fn job_config() -> Value {
    json!({
        "aiAgent": AGENT_REF,
        "name": "Support",
        "description": "Helps customers.",
        "instructions": "Be kind.",
    })
}

pub fn agent() -> Value {
    json!({
        "_id": "65aa00000000000000000001",
        "referenceId": AGENT_REF,
        "name": "Ava",
        "description": "A calm support agent.",
        "instructions": "Confirm before acting.",
        "speakingStyle": {"completeness": "concise", "formality": 2},
    })
}

pub fn relation(node: &str, children: &[&str], next: Option<&str>) -> Value {
    json!({"node": node, "children": children, "next": next})
}

/// A document of shape `{ flow, chart, aiAgents }`.
pub fn document(nodes: Vec<Value>, relations: Vec<Value>) -> Value {
    json!({
        "flow": {
            "_id": "65f000000000000000000001",
            "referenceId": "8c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            "name": "Test Flow",
        },
        "chart": {"nodes": nodes, "relations": relations},
        "aiAgents": [agent()],
    })
}

pub fn import_one(document: &Value) -> FlowDocument {
    let mut flows = import_bytes(document.to_string().as_bytes()).expect("imports");
    assert_eq!(flows.len(), 1);
    flows.remove(0)
}

pub fn discover_json(document: &Value) -> Capabilities {
    discover(&import_one(document))
}

pub fn tool_ids(capabilities: &Capabilities) -> Vec<&str> {
    capabilities
        .tools()
        .map(|tool| tool.tool_id.as_str())
        .collect()
}

/// Zips `(name, contents)` entries in memory.
pub fn zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, contents) in entries {
        writer
            .start_file(name.as_str(), SimpleFileOptions::default())
            .unwrap();
        writer.write_all(contents).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The files of a small package export: one flow, its chart, a job with one
/// tool, and the agent; plus a `locale/` file that import ignores.
pub fn package_files() -> Vec<(String, Vec<u8>)> {
    let chart = "65c000000000000000000001";
    let flow = "65f000000000000000000009";
    let mut job = node(
        "65b000000000000000000001",
        "aiAgentJob",
        "Support",
        json!(null),
    );
    job["localizedData"] = json!([{"localeReference": "l-1", "config": job_config()}]);
    job["chartReference"] = json!(chart);
    let mut tool = node(
        "65b000000000000000000002",
        "aiAgentJobTool",
        "Unlock",
        json!(null),
    );
    tool["localizedData"] = json!([{"localeReference": "l-1", "config": tool_config("unlock")}]);
    tool["chartReference"] = json!(chart);

    let files = [
        (
            "index.json".to_owned(),
            json!({"type": "package", "name": "Test", "cognigyVersion": "2025.20.0"}),
        ),
        (
            format!("flow/{flow}"),
            json!({"_id": flow, "referenceId": "f-ref", "name": "Exported", "chartReference": chart}),
        ),
        (
            format!("chart/{chart}"),
            json!({"_id": chart, "resourceReference": flow, "relations": [
                relation("65b000000000000000000001", &["65b000000000000000000002"], None),
                relation("65b000000000000000000002", &[], None),
            ]}),
        ),
        ("nodeData/65b000000000000000000001".to_owned(), job),
        ("nodeData/65b000000000000000000002".to_owned(), tool),
        ("aiAgent/65aa00000000000000000001".to_owned(), agent()),
        (
            "locale/65d000000000000000000001".to_owned(),
            json!({"name": "en-US"}),
        ),
    ];
    files
        .into_iter()
        .map(|(name, value)| (name, value.to_string().into_bytes()))
        .collect()
}

/// The package's files under one wrapping folder.
pub fn wrapped(files: Vec<(String, Vec<u8>)>, folder: &str) -> Vec<(String, Vec<u8>)> {
    files
        .into_iter()
        .map(|(name, contents)| (format!("{folder}/{name}"), contents))
        .collect()
}
