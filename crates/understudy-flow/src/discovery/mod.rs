//! Discovery: a flow document in, its capabilities out. Pure, no I/O.
//!
//! Jobs are the enabled `aiAgentJob` nodes, in the order the document lists
//! them; a job's tools are the enabled tool nodes among its relation
//! `children`, in the order they are listed there. What discovery cannot
//! use (a dangling relation, a schema that is not an object schema, a
//! duplicate tool id) becomes a [`Warning`] and discovery goes on.

mod chart;
mod jobs;
mod parameters;
mod tools;
mod warnings;

use serde::Serialize;
use serde_json::Value;

use crate::document::FlowDocument;
use chart::Chart;
use tools::ToolIds;

/// What a flow's AI agents can do, as discovery found it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    pub flow_id: String,
    pub flow_reference_id: String,
    pub flow_name: String,
    pub jobs: Vec<Job>,
    pub warnings: Vec<Warning>,
}

/// An enabled AI Agent job node and the tools it may call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub node_id: String,
    pub reference_id: String,
    /// The job's name from its config, else the node label.
    pub name: String,
    pub description: String,
    pub instructions: String,
    /// The agent resource the job runs, when the flow holds it.
    pub agent: Option<Agent>,
    pub tools: Vec<Tool>,
}

/// The AI Agent behind a job: its persona.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    pub reference_id: String,
    pub name: String,
    pub description: String,
    pub instructions: String,
    pub speaking_style: Option<SpeakingStyle>,
}

/// How the agent speaks, as free-form settings (`completeness`, `formality`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpeakingStyle {
    pub completeness: Option<String>,
    pub formality: Option<String>,
}

/// A tool an AI Agent job may call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tool {
    pub node_id: String,
    pub reference_id: String,
    pub kind: ToolKind,
    /// The name the agent calls it by (`toolId`); unique in a flow.
    pub tool_id: String,
    pub label: String,
    pub description: String,
    /// The parameter schema, when the tool uses parameters and its schema
    /// parsed as an object schema. `None` means the tool takes no arguments,
    /// unless discovery rejected its schema: then its arguments are unknown
    /// (see [`Capabilities::has_unusable_parameters`]).
    pub parameters: Option<Value>,
}

/// The tool node types an AI Agent job may have as children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ToolKind {
    /// `aiAgentJobTool`: a tool the flow implements itself.
    Function,
    /// `aiAgentJobMCPTool`: a server whose tools are only known by asking it.
    Mcp,
    /// `knowledgeTool`: a search in a knowledge store.
    Knowledge,
    /// `handoverToAiAgentTool`.
    HandoverToAgent,
    /// `handoverToHumanAgentTool`.
    HandoverToHuman,
    /// `sendEmailTool`.
    SendEmail,
    /// `executeWorkflowTool`.
    ExecuteWorkflow,
}

/// Something discovery noticed and passed over.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
}

/// The kinds of warnings discovery gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WarningCode {
    NoAiAgent,
    MissingAgentResource,
    DuplicateToolId,
    EmptyDescription,
    MissingToolId,
    InvalidParameterSchema,
    UnknownMcpTools,
    DanglingRelation,
}

impl WarningCode {
    /// The code as serialised, such as `DUPLICATE_TOOL_ID`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::NoAiAgent => "NO_AI_AGENT",
            WarningCode::MissingAgentResource => "MISSING_AGENT_RESOURCE",
            WarningCode::DuplicateToolId => "DUPLICATE_TOOL_ID",
            WarningCode::EmptyDescription => "EMPTY_DESCRIPTION",
            WarningCode::MissingToolId => "MISSING_TOOL_ID",
            WarningCode::InvalidParameterSchema => "INVALID_PARAMETER_SCHEMA",
            WarningCode::UnknownMcpTools => "UNKNOWN_MCP_TOOLS",
            WarningCode::DanglingRelation => "DANGLING_RELATION",
        }
    }
}

impl ToolKind {
    /// The kind as serialised, such as `handoverToHuman`.
    pub fn as_str(self) -> &'static str {
        match self {
            ToolKind::Function => "function",
            ToolKind::Mcp => "mcp",
            ToolKind::Knowledge => "knowledge",
            ToolKind::HandoverToAgent => "handoverToAgent",
            ToolKind::HandoverToHuman => "handoverToHuman",
            ToolKind::SendEmail => "sendEmail",
            ToolKind::ExecuteWorkflow => "executeWorkflow",
        }
    }
}

/// The part of a flow's capabilities a request works on: every job, or one.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub capabilities: &'a Capabilities,
    pub jobs: &'a [Job],
}

/// A `jobNodeId` that names no enabled job of the flow.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not an AI Agent job of this flow")]
pub struct UnknownJob(pub String);

impl Capabilities {
    /// Every tool of every job, in flow order.
    pub fn tools(&self) -> impl Iterator<Item = &Tool> {
        self.jobs.iter().flat_map(|job| job.tools.iter())
    }

    /// Whether discovery rejected the tool's parameter schema (it is not
    /// valid JSON, not an object schema, or does not compile). Such a tool
    /// has no `parameters`, like one that takes no arguments, but what it
    /// takes is unknown rather than nothing; the rejection is recorded as
    /// an `INVALID_PARAMETER_SCHEMA` warning on the tool's node, which is
    /// what this reads, so the two cannot disagree.
    pub fn has_unusable_parameters(&self, tool: &Tool) -> bool {
        self.warnings.iter().any(|warning| {
            warning.code == WarningCode::InvalidParameterSchema
                && warning.node_id.as_deref() == Some(tool.node_id.as_str())
        })
    }

    /// Narrows to one job (by `_id` or `referenceId`), or keeps them all.
    pub fn scope(&self, job: Option<&str>) -> Result<Scope<'_>, UnknownJob> {
        let Some(wanted) = job else {
            return Ok(Scope {
                capabilities: self,
                jobs: &self.jobs,
            });
        };
        let index = self
            .jobs
            .iter()
            .position(|j| j.node_id == wanted || j.reference_id == wanted)
            .ok_or_else(|| UnknownJob(wanted.to_owned()))?;
        Ok(Scope {
            capabilities: self,
            jobs: &self.jobs[index..=index],
        })
    }
}

impl Scope<'_> {
    /// Whether discovery rejected the tool's parameter schema; see
    /// [`Capabilities::has_unusable_parameters`].
    pub fn has_unusable_parameters(&self, tool: &Tool) -> bool {
        self.capabilities.has_unusable_parameters(tool)
    }

    /// Every tool in scope, in flow order.
    pub fn tools(&self) -> impl Iterator<Item = (&Job, &Tool)> {
        self.jobs
            .iter()
            .flat_map(|job| job.tools.iter().map(move |tool| (job, tool)))
    }
}

/// Finds the jobs, agents and tools of a flow. Never fails: what it cannot
/// use becomes a warning.
pub fn discover(document: &FlowDocument) -> Capabilities {
    let chart = Chart::new(document);
    let mut warnings = Vec::new();
    let mut tool_ids = ToolIds::default();

    let jobs: Vec<Job> = document
        .nodes
        .iter()
        .filter(|node| node.node_type == jobs::JOB_NODE_TYPE && !node.is_disabled)
        .map(|node| {
            jobs::job(
                node,
                &chart,
                &document.ai_agents,
                &mut tool_ids,
                &mut warnings,
            )
        })
        .collect();

    warnings.extend(chart.dangling_relations());
    if jobs.is_empty() {
        warnings.push(warnings::no_ai_agent(&document.flow));
    }

    let capabilities = Capabilities {
        flow_id: document.flow.id.clone(),
        flow_reference_id: document.flow.reference_id.clone(),
        flow_name: document.flow.name.clone(),
        jobs,
        warnings,
    };
    tracing::debug!(
        flow = %capabilities.flow_reference_id,
        jobs = capabilities.jobs.len(),
        tools = capabilities.tools().count(),
        warnings = capabilities.warnings.len(),
        "discovered flow capabilities"
    );
    capabilities
}

#[cfg(test)]
mod code_tests {
    use super::*;

    #[test]
    fn names_codes_and_kinds_as_they_serialise() {
        let codes = [
            WarningCode::NoAiAgent,
            WarningCode::MissingAgentResource,
            WarningCode::DuplicateToolId,
            WarningCode::EmptyDescription,
            WarningCode::MissingToolId,
            WarningCode::InvalidParameterSchema,
            WarningCode::UnknownMcpTools,
            WarningCode::DanglingRelation,
        ];
        for code in codes {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }

        let kinds = [
            ToolKind::Function,
            ToolKind::Mcp,
            ToolKind::Knowledge,
            ToolKind::HandoverToAgent,
            ToolKind::HandoverToHuman,
            ToolKind::SendEmail,
            ToolKind::ExecuteWorkflow,
        ];
        for kind in kinds {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}
