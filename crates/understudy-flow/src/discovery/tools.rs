//! One tool node of a job: its kind, the id the agent calls it by, its
//! description and its parameter schema.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::warnings;
use super::{Tool, ToolKind, Warning, parameters};
use crate::document::Node;

/// The tool ids already taken in a flow; tool ids are unique per flow.
#[derive(Debug, Default)]
pub(super) struct ToolIds {
    taken: HashSet<String>,
}

/// The kind of tool a node type is, or `None` when the node is no tool
/// (`aiAgentJobDefault`, `aiAgentToolAnswer`, `message`, ...).
pub(super) fn kind(node_type: &str) -> Option<ToolKind> {
    match node_type {
        "aiAgentJobTool" => Some(ToolKind::Function),
        "aiAgentJobMCPTool" => Some(ToolKind::Mcp),
        "knowledgeTool" => Some(ToolKind::Knowledge),
        "handoverToAiAgentTool" => Some(ToolKind::HandoverToAgent),
        "handoverToHumanAgentTool" => Some(ToolKind::HandoverToHuman),
        "sendEmailTool" => Some(ToolKind::SendEmail),
        "executeWorkflowTool" => Some(ToolKind::ExecuteWorkflow),
        _ => None,
    }
}

/// Discovers one tool node, or `None` when its tool id is already taken.
pub(super) fn tool(
    node: &Node,
    kind: ToolKind,
    tool_ids: &mut ToolIds,
    warnings: &mut Vec<Warning>,
) -> Option<Tool> {
    let empty = Map::new();
    let config = node.config.as_object().unwrap_or(&empty);

    let tool_id = tool_id(node, kind, config, warnings);
    if !tool_ids.taken.insert(tool_id.clone()) {
        warnings.push(warnings::duplicate_tool_id(node, &tool_id));
        return None;
    }

    let (description, parameters) = if kind == ToolKind::Mcp {
        mcp_server(node, config, warnings)
    } else {
        let description = text(config, "description");
        if description.is_empty() {
            warnings.push(warnings::empty_tool_description(node, &tool_id));
        }
        let parameters = parameters::read(config).unwrap_or_else(|reason| {
            warnings.push(warnings::invalid_parameter_schema(node, &tool_id, &reason));
            None
        });
        (description, parameters)
    };

    Some(Tool {
        node_id: node.id.clone(),
        reference_id: node.reference_id.clone(),
        kind,
        tool_id,
        label: node.label.clone(),
        description,
        parameters,
    })
}

/// The tool id: `toolId`, else (with a warning) one derived from the label.
/// An MCP node names a server rather than a tool, so its server `name`
/// serves, with no warning of its own.
fn tool_id(
    node: &Node,
    kind: ToolKind,
    config: &Map<String, Value>,
    warnings: &mut Vec<Warning>,
) -> String {
    let given = text(config, "toolId");
    if !given.is_empty() {
        return given;
    }

    if kind == ToolKind::Mcp {
        let server = snake_case(&text(config, "name"));
        return if server.is_empty() {
            derived_id(node)
        } else {
            server
        };
    }

    let derived = derived_id(node);
    warnings.push(warnings::missing_tool_id(node, &derived));
    derived
}

/// A tool id from the node's label, or from its id when the label has
/// nothing usable.
fn derived_id(node: &Node) -> String {
    let from_label = snake_case(&node.label);
    if from_label.is_empty() {
        format!("tool_{}", node.id)
    } else {
        from_label
    }
}

/// An MCP node's description and (absent) parameters, with the warning that
/// its tools are unknown.
fn mcp_server(
    node: &Node,
    config: &Map<String, Value>,
    warnings: &mut Vec<Warning>,
) -> (String, Option<Value>) {
    let name = text(config, "name");
    let url = text(config, "mcpServerUrl");
    let server = match (name.is_empty(), url.is_empty()) {
        (false, false) => format!("MCP server `{name}` at {url}"),
        (false, true) => format!("MCP server `{name}`"),
        (true, false) => format!("the MCP server at {url}"),
        (true, true) => "an unnamed MCP server".to_owned(),
    };
    warnings.push(warnings::unknown_mcp_tools(node, &server));

    let description = text(config, "description");
    if description.is_empty() {
        return (format!("Tools served by the {server}."), None);
    }
    (description, None)
}

/// A trimmed string field of a config, empty when absent.
pub(super) fn text(config: &Map<String, Value>, key: &str) -> String {
    config
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or_default()
        .to_owned()
}

/// `Report lost baggage!` and `reportLostBaggage` become
/// `report_lost_baggage`: ASCII letters and digits, words joined by `_`.
pub(super) fn snake_case(label: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;

    for character in label.chars() {
        if character.is_ascii_alphanumeric() {
            if character.is_ascii_uppercase() && previous_lower {
                out.push('_');
            }
            out.push(character.to_ascii_lowercase());
            previous_lower = character.is_ascii_lowercase();
        } else {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            previous_lower = false;
        }
    }

    out.trim_end_matches('_').to_owned()
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn derives_snake_case_ids_from_labels() {
        assert_eq!(snake_case("Talk to a person"), "talk_to_a_person");
        assert_eq!(snake_case("  Report lost baggage! "), "report_lost_baggage");
        assert_eq!(snake_case("reportLostBaggage"), "report_lost_baggage");
        assert_eq!(snake_case("Check-in / seat 12A"), "check_in_seat_12a");
        assert_eq!(snake_case("✈️"), "");
    }
}
