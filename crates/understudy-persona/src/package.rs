//! A persona package, in the contract's shape plus the extensions we add.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::plan::{Category, Traits};

/// One test user, ready to simulate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonaPackage {
    pub simulation_name: String,
    pub persona_name: String,
    pub persona_description: String,
    pub mission: String,
    pub success_criteria: Vec<Criterion>,
    /// Extension: the scenario category the package was planned as.
    pub category: Category,
    /// Extension: the persona's traits as planned.
    pub traits: Traits,
    /// Extension: the job and tools the package exercises.
    pub focus: Focus,
}

/// A success criterion; always of type `text`, which simulators understand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    #[serde(rename = "type")]
    pub kind: String,
    pub params: CriterionParams,
}

/// A criterion's parameters: a title-case name and one observable sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionParams {
    pub name: String,
    pub text: String,
    /// The call a code-graded check can look for, on tool-grounded criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_tool_call: Option<ExpectedToolCall>,
}

/// A tool call with arguments that validate against the tool's schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpectedToolCall {
    pub tool: String,
    pub arguments: Value,
}

/// What part of the flow a package exercises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Focus {
    /// The job's node `_id`, absent when the flow has no AI agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_node_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    /// The `toolId`s the package exercises.
    pub tools: Vec<String>,
}

impl Criterion {
    /// A `text` criterion.
    pub fn text(params: CriterionParams) -> Self {
        Criterion {
            kind: "text".to_owned(),
            params,
        }
    }
}
