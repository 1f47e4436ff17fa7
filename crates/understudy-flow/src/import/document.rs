//! The JSON document shape: one flow with its chart and, optionally, the
//! AI Agent resources its jobs refer to.
//!
//! `{ "flow": { "_id", "referenceId", "name" }, "chart": { "nodes",
//! "relations" }, "aiAgents": [...] }`. Extra fields are ignored.

use serde_json::Value;

use super::ImportError;
use super::fields::required_str;
use super::fields::{Location, object, optional_str, parse_json, required_array, required_object};
use super::resources;
use crate::document::{AgentResource, FlowDocument, FlowMeta};

/// Reads one flow document from JSON bytes.
pub(super) fn flow(bytes: &[u8]) -> Result<FlowDocument, ImportError> {
    let value = parse_json(bytes, "document")?;
    let root = Location::Path(String::new());
    let top = object(&value, &Location::Path("document".into()))?;

    let flow_location = root.child("flow");
    let flow = required_object(top, "flow", &root)?;
    let meta = FlowMeta {
        id: required_str(flow, "_id", &flow_location)?,
        reference_id: required_str(flow, "referenceId", &flow_location)?,
        name: optional_str(flow, "name"),
    };

    let chart_location = root.child("chart");
    let chart = required_object(top, "chart", &root)?;
    let nodes_location = chart_location.child("nodes");
    let nodes = required_array(chart, "nodes", &chart_location)?
        .iter()
        .enumerate()
        .map(|(index, node)| resources::node(node, &nodes_location.item(index)))
        .collect::<Result<Vec<_>, _>>()?;
    let relations_location = chart_location.child("relations");
    let relations = required_array(chart, "relations", &chart_location)?
        .iter()
        .enumerate()
        .map(|(index, relation)| resources::relation(relation, &relations_location.item(index)))
        .collect::<Result<Vec<_>, _>>()?;

    Ok(FlowDocument {
        flow: meta,
        nodes,
        relations,
        ai_agents: agents(top.get("aiAgents"), &root.child("aiAgents"))?,
    })
}

/// The optional `aiAgents` list.
fn agents(value: Option<&Value>, location: &Location) -> Result<Vec<AgentResource>, ImportError> {
    let Some(value) = value.filter(|value| !value.is_null()) else {
        return Ok(Vec::new());
    };
    let items = value
        .as_array()
        .ok_or_else(|| ImportError::Invalid(format!("`{}` is not an array", location.name())))?;

    items
        .iter()
        .enumerate()
        .map(|(index, agent)| resources::agent(agent, &location.item(index)))
        .collect()
}
