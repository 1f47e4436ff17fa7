//! Discovery over small hand-built flows: jobs, tools, agents and every
//! kind of warning.

mod common;

use common::*;
use serde_json::json;
use understudy_flow::{ToolKind, WarningCode};

const JOB: &str = "65b000000000000000000001";

fn codes(capabilities: &understudy_flow::Capabilities) -> Vec<WarningCode> {
    capabilities.warnings.iter().map(|w| w.code).collect()
}

/// A flow with one job whose children are `tools` (ids `t1`, `t2`, ...).
fn flow_with_tools(tools: Vec<serde_json::Value>) -> serde_json::Value {
    let ids: Vec<String> = tools
        .iter()
        .map(|t| t["_id"].as_str().unwrap().to_owned())
        .collect();
    let children: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut nodes = vec![node(JOB, "aiAgentJob", "Support", job_config())];
    nodes.extend(tools);
    document(nodes, vec![relation(JOB, &children, None)])
}

#[test]
fn discovers_a_job_its_agent_and_its_tools_without_warnings() {
    let capabilities = discover_json(&flow_with_tools(vec![
        node(
            "t1",
            "aiAgentJobTool",
            "Unlock",
            tool_config("unlock_account"),
        ),
        node(
            "t2",
            "knowledgeTool",
            "Search",
            json!({"toolId": "search", "description": "Searches."}),
        ),
    ]));

    assert_eq!(capabilities.warnings, vec![]);
    assert_eq!(capabilities.jobs.len(), 1);
    let job = &capabilities.jobs[0];
    assert_eq!(
        (job.name.as_str(), job.description.as_str()),
        ("Support", "Helps customers.")
    );
    assert_eq!(job.instructions, "Be kind.");
    let agent = job.agent.as_ref().unwrap();
    assert_eq!(agent.name, "Ava");
    let style = agent.speaking_style.as_ref().unwrap();
    assert_eq!(style.completeness.as_deref(), Some("concise"));
    assert_eq!(style.formality.as_deref(), Some("2"));
    assert_eq!(tool_ids(&capabilities), vec!["unlock_account", "search"]);
    assert_eq!(job.tools[0].kind, ToolKind::Function);
    assert_eq!(job.tools[1].kind, ToolKind::Knowledge);
    assert_eq!(job.tools[1].parameters, None);
}

#[test]
fn reads_parameters_stored_as_an_object_or_as_a_json_string() {
    let mut as_string = tool_config("as_string");
    as_string["parameters"] = json!(as_string["parameters"].to_string());
    let capabilities = discover_json(&flow_with_tools(vec![
        node("t1", "aiAgentJobTool", "Object", tool_config("as_object")),
        node("t2", "aiAgentJobTool", "String", as_string),
    ]));

    let expected = tool_config("x")["parameters"].clone();
    let tools: Vec<_> = capabilities.tools().collect();
    assert_eq!(tools[0].parameters.as_ref(), Some(&expected));
    assert_eq!(tools[1].parameters.as_ref(), Some(&expected));
    assert_eq!(capabilities.warnings, vec![]);
}

#[test]
fn treats_a_tool_with_parameters_switched_off_as_taking_no_arguments() {
    let mut config = tool_config("no_args");
    config["useParameters"] = json!(false);
    let capabilities = discover_json(&flow_with_tools(vec![node(
        "t1",
        "aiAgentJobTool",
        "T",
        config,
    )]));

    let tool = &capabilities.jobs[0].tools[0];
    assert_eq!(tool.parameters, None);
    assert!(!capabilities.has_unusable_parameters(tool));
    assert_eq!(capabilities.warnings, vec![]);
}

#[test]
fn warns_about_a_parameter_schema_that_is_not_an_object_schema() {
    let mut not_object = tool_config("not_object");
    not_object["parameters"] = json!({"type": "string"});
    let mut not_json = tool_config("not_json");
    not_json["parameters"] = json!("{\"type\": ");
    let capabilities = discover_json(&flow_with_tools(vec![
        node("t1", "aiAgentJobTool", "Not object", not_object),
        node("t2", "aiAgentJobTool", "Not JSON", not_json),
    ]));

    assert_eq!(
        codes(&capabilities),
        vec![
            WarningCode::InvalidParameterSchema,
            WarningCode::InvalidParameterSchema
        ]
    );
    assert_eq!(tool_ids(&capabilities), vec!["not_object", "not_json"]);
    assert!(capabilities.tools().all(|tool| tool.parameters.is_none()));
    assert!(
        capabilities
            .tools()
            .all(|tool| capabilities.has_unusable_parameters(tool))
    );
    assert_eq!(
        capabilities.warnings[0].message,
        "Tool `not_object` at `Not object` (node `t1`) has an unusable parameter schema \
         (its `type` is \"string\", not \"object\"); its arguments cannot be known, so no \
         package expects a call with arguments to it."
    );
    assert_eq!(capabilities.warnings[1].node_id.as_deref(), Some("t2"));
}

#[test]
fn keeps_the_first_of_two_tools_with_the_same_id() {
    let capabilities = discover_json(&flow_with_tools(vec![
        node("t1", "aiAgentJobTool", "First", tool_config("track_order")),
        node("t2", "aiAgentJobTool", "Second", tool_config("track_order")),
        node("t3", "aiAgentJobTool", "Third", tool_config("start_return")),
    ]));

    assert_eq!(tool_ids(&capabilities), vec!["track_order", "start_return"]);
    assert_eq!(capabilities.jobs[0].tools[0].node_id, "t1");
    assert_eq!(codes(&capabilities), vec![WarningCode::DuplicateToolId]);
    assert_eq!(
        capabilities.warnings[0].message,
        "Tool `Second` (node `t2`) uses tool id `track_order`, which an earlier tool of the \
         flow already uses; it is passed over."
    );
}

#[test]
fn warns_about_empty_job_and_tool_descriptions() {
    let mut tool = tool_config("quiet");
    tool["description"] = json!("  ");
    let mut job = job_config();
    job["description"] = json!("");
    let document = document(
        vec![
            node(JOB, "aiAgentJob", "Support", job),
            node("t1", "aiAgentJobTool", "Quiet", tool),
        ],
        vec![relation(JOB, &["t1"], None)],
    );
    let capabilities = discover_json(&document);

    assert_eq!(
        codes(&capabilities),
        vec![WarningCode::EmptyDescription, WarningCode::EmptyDescription]
    );
    assert_eq!(capabilities.warnings[0].node_id.as_deref(), Some(JOB));
    assert_eq!(capabilities.warnings[1].node_id.as_deref(), Some("t1"));
    assert_eq!(tool_ids(&capabilities), vec!["quiet"]);
}

#[test]
fn derives_a_missing_tool_id_from_the_label() {
    let mut config = tool_config("");
    config.as_object_mut().unwrap().remove("toolId");
    let capabilities = discover_json(&flow_with_tools(vec![node(
        "t1",
        "handoverToHumanAgentTool",
        "Talk to a Person!",
        config,
    )]));

    assert_eq!(tool_ids(&capabilities), vec!["talk_to_a_person"]);
    assert_eq!(
        capabilities.jobs[0].tools[0].kind,
        ToolKind::HandoverToHuman
    );
    assert_eq!(codes(&capabilities), vec![WarningCode::MissingToolId]);
    assert_eq!(
        capabilities.warnings[0].message,
        "Tool `Talk to a Person!` (node `t1`) has no tool id; it is called \
         `talk_to_a_person`, derived from its label."
    );
}

#[test]
fn discovers_an_mcp_node_as_one_tool_whose_tools_are_unknown() {
    let config = json!({"name": "airport-ops", "mcpServerUrl": "https://mcp.example.test/sse"});
    let capabilities = discover_json(&flow_with_tools(vec![node(
        "t1",
        "aiAgentJobMCPTool",
        "Ops",
        config,
    )]));

    let tool = &capabilities.jobs[0].tools[0];
    assert_eq!(
        (tool.kind, tool.tool_id.as_str()),
        (ToolKind::Mcp, "airport_ops")
    );
    assert_eq!(
        tool.description,
        "Tools served by the MCP server `airport-ops` at https://mcp.example.test/sse."
    );
    assert_eq!(tool.parameters, None);
    assert_eq!(codes(&capabilities), vec![WarningCode::UnknownMcpTools]);
}

#[test]
fn warns_when_the_flow_has_no_enabled_job() {
    let document = document(
        vec![
            disabled(node(JOB, "aiAgentJob", "Support", job_config())),
            node("t1", "aiAgentJobTool", "Unlock", tool_config("unlock")),
            node("m1", "message", "Hello", json!({"text": "Hi"})),
        ],
        vec![relation(JOB, &["t1"], Some("m1"))],
    );
    let capabilities = discover_json(&document);

    assert!(capabilities.jobs.is_empty());
    assert_eq!(capabilities.tools().count(), 0);
    assert_eq!(codes(&capabilities), vec![WarningCode::NoAiAgent]);
    assert_eq!(
        capabilities.warnings[0].message,
        "Flow `Test Flow` (`8c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b`) has no enabled AI Agent \
         job, so it offers no agent to test."
    );
}

#[test]
fn leaves_out_disabled_tools_and_nodes_that_are_not_tools() {
    let capabilities = discover_json(&flow_with_tools(vec![
        node("t0", "aiAgentJobDefault", "Default", json!({})),
        disabled(node("t1", "aiAgentJobTool", "Off", tool_config("off"))),
        node("t2", "aiAgentToolAnswer", "Answer", json!({})),
        node("t3", "say", "Hello", json!({})),
        node(
            "t4",
            "sendEmailTool",
            "Mail",
            json!({"toolId": "send_email", "description": "Mails."}),
        ),
        node(
            "t5",
            "executeWorkflowTool",
            "Run",
            tool_config("run_workflow"),
        ),
        node(
            "t6",
            "handoverToAiAgentTool",
            "To bags",
            json!({"toolId": "to_bags", "description": "Bags."}),
        ),
    ]));

    assert_eq!(
        tool_ids(&capabilities),
        vec!["send_email", "run_workflow", "to_bags"]
    );
    let kinds: Vec<_> = capabilities.tools().map(|tool| tool.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ToolKind::SendEmail,
            ToolKind::ExecuteWorkflow,
            ToolKind::HandoverToAgent
        ]
    );
    assert_eq!(capabilities.warnings, vec![]);
}

#[test]
fn discovers_a_job_without_its_agent_when_the_flow_lacks_the_resource() {
    let mut config = job_config();
    config["aiAgent"] = json!("4d6c0a55-0000-4000-8000-000000000000");
    let mut document = document(vec![node(JOB, "aiAgentJob", "Support", config)], vec![]);
    document["aiAgents"] = json!([]);
    let capabilities = discover_json(&document);

    assert_eq!(capabilities.jobs.len(), 1);
    assert_eq!(capabilities.jobs[0].agent, None);
    assert_eq!(
        codes(&capabilities),
        vec![WarningCode::MissingAgentResource]
    );
    assert_eq!(
        capabilities.warnings[0].message,
        "AI Agent job `Support` (node `65b000000000000000000001`) runs AI Agent \
         `4d6c0a55-0000-4000-8000-000000000000`, which the flow does not hold; it is \
         discovered without one."
    );
}

#[test]
fn finds_an_agent_by_its_id_when_the_job_names_it_so() {
    let mut config = job_config();
    config["aiAgent"] = json!("65aa00000000000000000001");
    let capabilities = discover_json(&document(
        vec![node(JOB, "aiAgentJob", "Support", config)],
        vec![],
    ));

    assert_eq!(
        capabilities.jobs[0].agent.as_ref().unwrap().reference_id,
        AGENT_REF
    );
    assert_eq!(capabilities.warnings, vec![]);
}

#[test]
fn warns_about_relations_that_name_missing_nodes() {
    let document = document(
        vec![
            node(JOB, "aiAgentJob", "Support", job_config()),
            node("t1", "aiAgentJobTool", "Unlock", tool_config("unlock")),
        ],
        vec![
            relation(JOB, &["t1", "ghost"], Some("gone")),
            relation("nobody", &[], None),
        ],
    );
    let capabilities = discover_json(&document);

    assert_eq!(tool_ids(&capabilities), vec!["unlock"]);
    assert_eq!(codes(&capabilities), vec![WarningCode::DanglingRelation; 3]);
    assert_eq!(
        capabilities.warnings[0].message,
        "Node `Support` (node `65b000000000000000000001`) lists child `ghost`, which the flow \
         does not hold; it is passed over."
    );
    assert_eq!(capabilities.warnings[2].node_id.as_deref(), Some("nobody"));
}

#[test]
fn uses_the_label_when_a_job_has_no_configured_name() {
    let mut config = job_config();
    config.as_object_mut().unwrap().remove("name");
    let capabilities = discover_json(&document(
        vec![node(JOB, "aiAgentJob", "Desk", config)],
        vec![],
    ));

    assert_eq!(capabilities.jobs[0].name, "Desk");
}

#[test]
fn scopes_to_one_job_by_node_id_or_reference_id() {
    let second = "65b000000000000000000002";
    let document = document(
        vec![
            node(JOB, "aiAgentJob", "One", job_config()),
            node(second, "aiAgentJob", "Two", job_config()),
            node("t1", "aiAgentJobTool", "A", tool_config("a")),
            node("t2", "aiAgentJobTool", "B", tool_config("b")),
        ],
        vec![
            relation(JOB, &["t1"], None),
            relation(second, &["t2"], None),
        ],
    );
    let capabilities = discover_json(&document);

    let by_id = capabilities.scope(Some(second)).unwrap();
    let tools: Vec<_> = by_id
        .tools()
        .map(|(_, tool)| tool.tool_id.as_str())
        .collect();
    assert_eq!(tools, vec!["b"]);
    let reference = capabilities.jobs[0].reference_id.clone();
    assert_eq!(
        capabilities.scope(Some(&reference)).unwrap().jobs[0].node_id,
        JOB
    );
    assert_eq!(capabilities.scope(None).unwrap().jobs.len(), 2);
    assert!(capabilities.scope(Some("nope")).is_err());
}

#[test]
fn warns_about_an_object_schema_that_does_not_compile() {
    let mut config = tool_config("broken");
    config["parameters"]["properties"]["id"]["type"] = json!("banana");
    let capabilities = discover_json(&flow_with_tools(vec![node(
        "t1",
        "aiAgentJobTool",
        "Broken",
        config,
    )]));

    assert_eq!(tool_ids(&capabilities), vec!["broken"]);
    assert_eq!(capabilities.jobs[0].tools[0].parameters, None);
    assert_eq!(
        codes(&capabilities),
        vec![WarningCode::InvalidParameterSchema]
    );
}

/// A tool whose parameters string was not valid JSON looked exactly like
/// one that takes no arguments, so packages expected calls to it with `{}`.
#[test]
fn tells_a_rejected_schema_apart_from_a_tool_that_takes_no_arguments() {
    let mut broken = tool_config("compare_tariffs");
    broken["parameters"] = json!("{\"type\": \"object\", \"properties\": {}");
    let mut none = tool_config("talk_to_billing");
    none["useParameters"] = json!(false);
    let capabilities = discover_json(&flow_with_tools(vec![
        node("t1", "aiAgentJobTool", "Compare", broken),
        node("t2", "aiAgentJobTool", "Billing", none),
    ]));

    let tools: Vec<_> = capabilities.tools().collect();
    assert_eq!(tools[0].parameters, None);
    assert_eq!(tools[1].parameters, None);
    let scope = capabilities.scope(None).unwrap();
    assert!(scope.has_unusable_parameters(tools[0]));
    assert!(!scope.has_unusable_parameters(tools[1]));
}
