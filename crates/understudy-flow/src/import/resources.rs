//! Nodes, relations and agent resources, read the same way whichever shape
//! they arrive in.

use serde_json::{Map, Value};

use super::ImportError;
use super::fields::{Location, object, optional_str, required_str};
use crate::document::{AgentResource, Node, Relation};

/// Reads a chart node, lifting its config out of `localizedData` when the
/// node does not carry it directly.
pub(super) fn node(value: &Value, location: &Location) -> Result<Node, ImportError> {
    let fields = object(value, location)?;

    Ok(Node {
        id: required_str(fields, "_id", location)?,
        reference_id: optional_str(fields, "referenceId"),
        node_type: required_str(fields, "type", location)?,
        label: optional_str(fields, "label"),
        is_disabled: fields
            .get("isDisabled")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        config: config(fields),
    })
}

/// A node's config: `config`, else `localizedData[0].config`, else empty.
fn config(fields: &Map<String, Value>) -> Value {
    let direct = fields.get("config").filter(|config| config.is_object());
    let localized = fields
        .get("localizedData")
        .and_then(|data| data.get(0))
        .and_then(|first| first.get("config"))
        .filter(|config| config.is_object());

    direct
        .or(localized)
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()))
}

/// Reads a relation; children that are not strings are passed over.
pub(super) fn relation(value: &Value, location: &Location) -> Result<Relation, ImportError> {
    let fields = object(value, location)?;

    let children = fields
        .get("children")
        .and_then(Value::as_array)
        .map(|children| {
            children
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();

    Ok(Relation {
        node: required_str(fields, "node", location)?,
        children,
        next: fields
            .get("next")
            .and_then(Value::as_str)
            .filter(|next| !next.is_empty())
            .map(str::to_owned),
    })
}

/// Reads an AI Agent resource; only its `referenceId` is required, since
/// that is how jobs name it.
pub(super) fn agent(value: &Value, location: &Location) -> Result<AgentResource, ImportError> {
    let fields = object(value, location)?;

    Ok(AgentResource {
        id: fields.get("_id").and_then(Value::as_str).map(str::to_owned),
        reference_id: required_str(fields, "referenceId", location)?,
        name: optional_str(fields, "name"),
        description: optional_str(fields, "description"),
        instructions: optional_str(fields, "instructions"),
        speaking_style: fields
            .get("speakingStyle")
            .filter(|style| !style.is_null())
            .cloned(),
    })
}
