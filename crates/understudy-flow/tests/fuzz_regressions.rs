//! Inputs that fuzzing found to break import or discovery, kept so they stay
//! fixed.

mod common;

use serde_json::{Value, json};
use understudy_flow::WarningCode;

use common::{discover_json, document, job_config, node, relation, tool_config};

/// A flow with one job whose only tool declares `parameters`.
fn flow_with_parameters(parameters: Value) -> Value {
    let mut config = tool_config("look_up_booking");
    config["parameters"] = parameters;
    document(
        vec![
            node("j1", "aiAgentJob", "Support", job_config()),
            node("t1", "aiAgentJobTool", "Look up booking", config),
        ],
        vec![relation("j1", &["t1"], None)],
    )
}

/// A schema that compiles but that no arguments can meet (here a required
/// property that must be at least 5 and at most 2 characters long) was kept
/// as the tool's schema. Packages then expected calls to the tool with
/// arguments its own schema rejects, so every generation for the flow failed
/// its checks and the service answered 500.
#[test]
fn rejects_a_parameter_schema_that_no_arguments_can_satisfy() {
    let schema = json!({
        "type": "object",
        "properties": {"code": {"type": "string", "minLength": 5, "maxLength": 2}},
        "required": ["code"],
    });
    let capabilities = discover_json(&flow_with_parameters(schema));

    let tool = &capabilities.jobs[0].tools[0];
    assert_eq!(tool.tool_id, "look_up_booking");
    assert_eq!(tool.parameters, None);
    assert!(capabilities.has_unusable_parameters(tool));

    let warning = &capabilities.warnings[0];
    assert_eq!(capabilities.warnings.len(), 1);
    assert_eq!(warning.code, WarningCode::InvalidParameterSchema);
    assert_eq!(warning.node_id.as_deref(), Some("t1"));
    let reason = "(no arguments can be written that it accepts: /code: ";
    assert!(warning.message.contains(reason), "{}", warning.message);
    assert!(
        warning.message.contains("is longer than 2 characters"),
        "{}",
        warning.message
    );
}

/// A required property that `additionalProperties: false` forbids is the
/// same contradiction, spelt differently; the fuzzer found it first.
#[test]
fn rejects_a_parameter_schema_that_requires_a_property_it_forbids() {
    let schema = json!({
        "type": "object",
        "properties": {"date": {"type": "string", "format": "date"}},
        "required": ["date", "flightNumber"],
        "additionalProperties": false,
    });
    let capabilities = discover_json(&flow_with_parameters(schema));

    assert_eq!(capabilities.jobs[0].tools[0].parameters, None);
    assert_eq!(
        capabilities
            .warnings
            .iter()
            .map(|warning| warning.code)
            .collect::<Vec<_>>(),
        vec![WarningCode::InvalidParameterSchema]
    );
}

/// A schema that arguments can meet is kept as it is.
#[test]
fn keeps_a_parameter_schema_that_arguments_can_satisfy() {
    let schema = json!({
        "type": "object",
        "properties": {"code": {"type": "string", "minLength": 2, "maxLength": 5}},
        "required": ["code"],
    });
    let capabilities = discover_json(&flow_with_parameters(schema.clone()));

    assert_eq!(capabilities.jobs[0].tools[0].parameters, Some(schema));
    assert!(
        capabilities.warnings.is_empty(),
        "{:?}",
        capabilities.warnings
    );
}
