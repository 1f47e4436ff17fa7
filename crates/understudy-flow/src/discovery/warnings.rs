//! The warnings discovery gives, each a full sentence that names the node
//! (label and id) so that a flow's author can find and fix it.

use super::{Warning, WarningCode};
use crate::document::{FlowMeta, Node};

/// How a node is named in a message: its label and id, or its id alone.
pub(super) fn describe(node: &Node) -> String {
    if node.label.trim().is_empty() {
        format!("node `{}`", node.id)
    } else {
        format!("`{}` (node `{}`)", node.label, node.id)
    }
}

fn about(code: WarningCode, node: Option<&str>, message: String) -> Warning {
    Warning {
        code,
        message,
        node_id: node.map(str::to_owned),
    }
}

pub(super) fn no_ai_agent(flow: &FlowMeta) -> Warning {
    let message = format!(
        "Flow `{}` (`{}`) has no enabled AI Agent job, so it offers no agent to test.",
        flow.name, flow.reference_id
    );
    about(WarningCode::NoAiAgent, None, message)
}

pub(super) fn missing_agent(job: &Node, reference: &str) -> Warning {
    let message = if reference.is_empty() {
        format!(
            "AI Agent job {} names no AI Agent; it is discovered without one.",
            describe(job)
        )
    } else {
        format!(
            "AI Agent job {} runs AI Agent `{reference}`, which the flow does not hold; \
             it is discovered without one.",
            describe(job)
        )
    };
    about(WarningCode::MissingAgentResource, Some(&job.id), message)
}

pub(super) fn empty_job_description(job: &Node) -> Warning {
    let message = format!("AI Agent job {} has an empty description.", describe(job));
    about(WarningCode::EmptyDescription, Some(&job.id), message)
}

pub(super) fn empty_tool_description(tool: &Node, tool_id: &str) -> Warning {
    let message = format!(
        "Tool `{tool_id}` at {} has an empty description, so the agent has \
         little to go on when choosing it.",
        describe(tool)
    );
    about(WarningCode::EmptyDescription, Some(&tool.id), message)
}

pub(super) fn duplicate_tool_id(tool: &Node, tool_id: &str) -> Warning {
    let message = format!(
        "Tool {} uses tool id `{tool_id}`, which an earlier tool of the flow already uses; \
         it is passed over.",
        describe(tool)
    );
    about(WarningCode::DuplicateToolId, Some(&tool.id), message)
}

pub(super) fn missing_tool_id(tool: &Node, derived: &str) -> Warning {
    let message = format!(
        "Tool {} has no tool id; it is called `{derived}`, derived from its label.",
        describe(tool)
    );
    about(WarningCode::MissingToolId, Some(&tool.id), message)
}

pub(super) fn invalid_parameter_schema(tool: &Node, tool_id: &str, reason: &str) -> Warning {
    let message = format!(
        "Tool `{tool_id}` at {} has an unusable parameter schema ({reason}); \
         its arguments cannot be known, so no package expects a call with arguments to it.",
        describe(tool)
    );
    about(WarningCode::InvalidParameterSchema, Some(&tool.id), message)
}

pub(super) fn unknown_mcp_tools(tool: &Node, server: &str) -> Warning {
    let message = format!(
        "MCP tool {} serves the tools of {server}, which are only known by asking \
         that server; they are not discovered.",
        describe(tool)
    );
    about(WarningCode::UnknownMcpTools, Some(&tool.id), message)
}

pub(super) fn dangling_owner(missing: &str) -> Warning {
    let message = format!("A relation belongs to node `{missing}`, which the flow does not hold.");
    about(WarningCode::DanglingRelation, Some(missing), message)
}

pub(super) fn dangling_child(owner: &Node, missing: &str) -> Warning {
    let message = format!(
        "Node {} lists child `{missing}`, which the flow does not hold; it is passed over.",
        describe(owner)
    );
    about(WarningCode::DanglingRelation, Some(&owner.id), message)
}

pub(super) fn dangling_next(owner: &Node, missing: &str) -> Warning {
    let message = format!(
        "Node {} is followed by node `{missing}`, which the flow does not hold.",
        describe(owner)
    );
    about(WarningCode::DanglingRelation, Some(&owner.id), message)
}
