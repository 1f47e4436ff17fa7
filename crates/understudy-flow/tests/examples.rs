//! The flows, exports and types in the repository's `examples/` folder:
//! they import, and discovery finds exactly what they were written to show.

mod common;

use std::path::PathBuf;

use serde_json::Value;
use understudy_flow::{
    Capabilities, FlowDocument, ToolKind, WarningCode, discover, import_bytes, import_path,
};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn import_one(relative: &str) -> FlowDocument {
    let mut flows = import_path(&examples().join(relative)).unwrap();
    assert_eq!(flows.len(), 1);
    flows.remove(0)
}

fn codes(capabilities: &Capabilities) -> Vec<WarningCode> {
    capabilities.warnings.iter().map(|w| w.code).collect()
}

fn job_tools(capabilities: &Capabilities) -> Vec<(&str, Vec<&str>)> {
    capabilities
        .jobs
        .iter()
        .map(|job| {
            (
                job.name.as_str(),
                job.tools.iter().map(|t| t.tool_id.as_str()).collect(),
            )
        })
        .collect()
}

fn travel_desk() -> Vec<Capabilities> {
    let flows = import_path(&examples().join("exports/travel-desk")).unwrap();
    flows.iter().map(discover).collect()
}

fn by_name<'a>(flows: &'a [Capabilities], name: &str) -> &'a Capabilities {
    flows.iter().find(|flow| flow.flow_name == name).unwrap()
}

#[test]
fn banking_support_has_one_job_five_tools_and_no_warnings() {
    let capabilities = discover(&import_one("flows/banking-support.json"));

    assert_eq!(
        job_tools(&capabilities),
        vec![(
            "Retail Banking Support",
            vec![
                "unlock_account",
                "block_card",
                "report_transaction_dispute",
                "search_help_center",
                "handover_to_advisor",
            ]
        )]
    );
    assert_eq!(capabilities.warnings, vec![]);

    let job = &capabilities.jobs[0];
    let agent = job.agent.as_ref().unwrap();
    assert_eq!(agent.name, "Ava");
    let style = agent.speaking_style.as_ref().unwrap();
    assert_eq!(
        (style.completeness.as_deref(), style.formality.as_deref()),
        (Some("concise"), Some("formal"))
    );

    // `block_card` stores its schema as a JSON string.
    let block = &job.tools[1];
    assert_eq!(
        block.parameters.as_ref().unwrap()["properties"]["cardLastFour"]["pattern"],
        "^[0-9]{4}$"
    );
    let kinds: Vec<_> = job.tools.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ToolKind::Function,
            ToolKind::Function,
            ToolKind::Function,
            ToolKind::Knowledge,
            ToolKind::HandoverToHuman,
        ]
    );
}

#[test]
fn retail_orders_has_six_tools_and_warns_about_an_empty_description_and_a_duplicate() {
    let capabilities = discover(&import_one("flows/retail-orders.json"));

    assert_eq!(
        job_tools(&capabilities),
        vec![(
            "Order Assistant",
            vec![
                "track_order",
                "start_return",
                "change_delivery_address",
                "send_email",
                "check_gift_card_balance",
                "handover_to_customer_care",
            ]
        )]
    );
    assert_eq!(
        codes(&capabilities),
        vec![WarningCode::EmptyDescription, WarningCode::DuplicateToolId]
    );
    let tool = capabilities
        .tools()
        .find(|t| t.tool_id == "start_return")
        .unwrap();
    let items = &tool.parameters.as_ref().unwrap()["properties"]["items"];
    assert_eq!(items["items"]["properties"]["quantity"]["minimum"], 1);
}

#[test]
fn travel_desk_export_holds_two_flows_with_three_jobs() {
    let flows = travel_desk();
    assert_eq!(flows.len(), 2);

    let desk = by_name(&flows, "Travel Desk");
    assert_eq!(
        job_tools(desk),
        vec![
            (
                "Booking Changes",
                vec![
                    "rebook_flight",
                    "check_flight_status",
                    "handover_to_baggage_services",
                    "talk_to_a_person"
                ]
            ),
            (
                "Baggage Services",
                vec![
                    "report_lost_baggage",
                    "check_baggage_claim",
                    "search_baggage_policy",
                    "arrange_bag_delivery"
                ]
            ),
        ]
    );
    assert_eq!(codes(desk), vec![WarningCode::MissingToolId]);
    let agents: Vec<_> = desk
        .jobs
        .iter()
        .map(|j| j.agent.as_ref().unwrap().name.as_str())
        .collect();
    assert_eq!(agents, vec!["Skye", "Juno"]);

    let status = by_name(&flows, "Flight Status Line");
    assert_eq!(
        job_tools(status),
        vec![(
            "Flight Status",
            vec![
                "check_flight_status",
                "subscribe_flight_alerts",
                "airport_ops"
            ]
        )]
    );
    assert_eq!(codes(status), vec![WarningCode::UnknownMcpTools]);
    assert_eq!(status.jobs[0].tools[2].kind, ToolKind::Mcp);
}

#[test]
fn travel_desk_export_imports_the_same_when_zipped_in_its_folder() {
    let root = examples().join("exports");
    let mut entries = Vec::new();
    collect_files(&root, &root.join("travel-desk"), &mut entries);
    let zipped = common::zip(&entries);

    let from_zip: Vec<_> = import_bytes(&zipped)
        .unwrap()
        .iter()
        .map(discover)
        .collect();
    assert_eq!(from_zip, travel_desk());
}

fn collect_files(base: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_files(base, &path, out);
        } else {
            let name = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((name, std::fs::read(&path).unwrap()));
        }
    }
}

#[test]
fn every_example_tool_schema_is_valid_json_schema_with_described_properties() {
    let mut documents = vec![
        import_one("flows/banking-support.json"),
        import_one("flows/retail-orders.json"),
    ];
    documents.extend(import_path(&examples().join("exports/travel-desk")).unwrap());

    let mut schemas = 0;
    for document in &documents {
        for tool in discover(document).tools() {
            let Some(schema) = &tool.parameters else {
                continue;
            };
            schemas += 1;
            jsonschema::draft7::meta::validate(schema)
                .unwrap_or_else(|error| panic!("`{}`: {error}", tool.tool_id));
            jsonschema::draft7::new(schema)
                .unwrap_or_else(|error| panic!("`{}` does not compile: {error}", tool.tool_id));
            assert_described(schema, &tool.tool_id);
        }
    }
    assert_eq!(schemas, 14);
}

/// Every property of an object schema, however deep, has a description.
fn assert_described(schema: &Value, tool: &str) {
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            assert!(
                property.get("description").is_some(),
                "`{tool}`: `{name}` has no description"
            );
            assert_described(property, tool);
        }
    }
    if let Some(items) = schema.get("items") {
        assert_described(items, tool);
    }
}

#[test]
fn mission_and_persona_types_have_the_contract_shape() {
    let missions = read_all("mission-types");
    assert_eq!(missions.len(), 4);
    for mission in &missions {
        assert!(!mission["name"].as_str().unwrap().is_empty());
        assert!(!mission["description"].as_str().unwrap().is_empty());
        let criteria = mission["successCriteria"].as_array().unwrap();
        assert!(criteria.len() >= 3);
        for criterion in criteria {
            assert!(!criterion["name"].as_str().unwrap().is_empty());
            assert!(!criterion["description"].as_str().unwrap().is_empty());
        }
    }

    let personas = read_all("persona-types");
    assert_eq!(personas.len(), 5);
    for persona in &personas {
        let keys: Vec<_> = persona
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, vec!["name", "description"]);
    }
}

fn read_all(folder: &str) -> Vec<Value> {
    let mut paths: Vec<_> = std::fs::read_dir(examples().join(folder))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap())
        .collect()
}
