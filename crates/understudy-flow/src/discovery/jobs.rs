//! One AI Agent job node: its config, the agent it runs and its tools.

use serde_json::{Map, Value};

use super::chart::Chart;
use super::tools::{self, ToolIds, text};
use super::warnings;
use super::{Agent, Job, SpeakingStyle, Warning};
use crate::document::{AgentResource, Node};

/// The node type of an AI Agent job.
pub(super) const JOB_NODE_TYPE: &str = "aiAgentJob";

/// Discovers an enabled job node and its enabled tool children.
pub(super) fn job(
    node: &Node,
    chart: &Chart<'_>,
    agents: &[AgentResource],
    tool_ids: &mut ToolIds,
    warnings: &mut Vec<Warning>,
) -> Job {
    let empty = Map::new();
    let config = node.config.as_object().unwrap_or(&empty);

    let configured_name = text(config, "name");
    let name = if configured_name.is_empty() {
        node.label.trim().to_owned()
    } else {
        configured_name
    };
    let description = text(config, "description");
    if description.is_empty() {
        warnings.push(warnings::empty_job_description(node));
    }

    let reference = text(config, "aiAgent");
    let agent = find_agent(agents, &reference).map(agent);
    if agent.is_none() {
        warnings.push(warnings::missing_agent(node, &reference));
    }

    let tools = chart
        .children(&node.id)
        .filter(|child| !child.is_disabled)
        .filter_map(|child| tools::kind(&child.node_type).map(|kind| (child, kind)))
        .filter_map(|(child, kind)| tools::tool(child, kind, tool_ids, warnings))
        .collect();

    Job {
        node_id: node.id.clone(),
        reference_id: node.reference_id.clone(),
        name,
        description,
        instructions: text(config, "instructions"),
        agent,
        tools,
    }
}

/// The agent a job names, by `referenceId` or, failing that, by `_id`.
fn find_agent<'a>(agents: &'a [AgentResource], reference: &str) -> Option<&'a AgentResource> {
    if reference.is_empty() {
        return None;
    }
    agents
        .iter()
        .find(|agent| agent.reference_id == reference)
        .or_else(|| {
            agents
                .iter()
                .find(|agent| agent.id.as_deref() == Some(reference))
        })
}

fn agent(resource: &AgentResource) -> Agent {
    Agent {
        reference_id: resource.reference_id.clone(),
        name: resource.name.clone(),
        description: resource.description.clone(),
        instructions: resource.instructions.clone(),
        speaking_style: resource.speaking_style.as_ref().and_then(speaking_style),
    }
}

/// The agent's `speakingStyle`; its settings may be strings or numbers and
/// are kept as text.
fn speaking_style(value: &Value) -> Option<SpeakingStyle> {
    let fields = value.as_object()?;
    let setting = |key: &str| match fields.get(key)? {
        Value::String(text) if text.trim().is_empty() => None,
        Value::String(text) => Some(text.trim().to_owned()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    };

    Some(SpeakingStyle {
        completeness: setting("completeness"),
        formality: setting("formality"),
    })
}
