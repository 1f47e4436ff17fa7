//! Planning: capabilities + spec + seed -> one plan per package.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use understudy_flow::Scope;

use crate::spec::GenerationSpec;

/// The scenario a package plays out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Category {
    HappyPath,
    EdgeCase,
    UnhappyPath,
}

/// The persona's traits, drawn from axes shaped by the persona type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Traits {
    pub patience: String,
    pub verbosity: String,
    pub tech_comfort: String,
    pub mood: String,
    pub language_proficiency: String,
    pub age_band: String,
}

/// Everything a writer needs to write one package, all grounded.
#[derive(Debug, Clone, PartialEq)]
pub struct PackagePlan {
    pub index: usize,
    pub category: Category,
    pub traits: Traits,
    pub job: Option<JobRef>,
    pub tools: Vec<ToolCallPlan>,
    pub criteria: Vec<CriterionPlan>,
}

/// The job a package exercises.
#[derive(Debug, Clone, PartialEq)]
pub struct JobRef {
    pub node_id: String,
    pub name: String,
}

/// A tool the persona will need the agent to call, with the arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolCallPlan {
    pub tool_id: String,
    pub description: String,
    pub arguments: Value,
}

/// What one criterion of a package is about.
#[derive(Debug, Clone, PartialEq)]
pub enum CriterionPlan {
    /// A criterion the mission type suggested.
    Suggested { name: String, description: String },
    /// The agent calls this tool (index into `PackagePlan::tools`).
    Tool { call: usize },
    /// An outcome judged from the transcript alone.
    Outcome { kind: String },
}

/// Plans every package of a generation.
pub fn plan(scope: &Scope<'_>, spec: &GenerationSpec) -> Vec<PackagePlan> {
    let _ = (scope, spec);
    Vec::new()
}
