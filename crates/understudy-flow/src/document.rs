//! The normalised flow document: one flow, its nodes, relations and the
//! AI Agent resources it refers to, whatever shape it was imported from.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One flow, as the store keeps it and discovery reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowDocument {
    pub flow: FlowMeta,
    pub nodes: Vec<Node>,
    pub relations: Vec<Relation>,
    /// AI Agent resources that jobs of this flow may refer to.
    #[serde(default)]
    pub ai_agents: Vec<AgentResource>,
}

/// A flow's identity: found by `referenceId` or by `_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowMeta {
    #[serde(rename = "_id")]
    pub id: String,
    pub reference_id: String,
    pub name: String,
}

/// A chart node with its config already lifted out of `localizedData`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    #[serde(rename = "_id")]
    pub id: String,
    #[serde(default)]
    pub reference_id: String,
    #[serde(rename = "type")]
    pub node_type: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub is_disabled: bool,
    #[serde(default)]
    pub config: Value,
}

/// How nodes hang together: tools are `children` of their job node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Relation {
    pub node: String,
    #[serde(default)]
    pub children: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// An AI Agent resource: the persona of the agent a job runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentResource {
    #[serde(default, rename = "_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub reference_id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub instructions: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking_style: Option<Value>,
}

impl FlowDocument {
    /// Whether `reference` names this flow, by `referenceId` or `_id`.
    pub fn is_named_by(&self, reference: &str) -> bool {
        self.flow.reference_id == reference || self.flow.id == reference
    }
}
