//! The package export shape: `index.json` and one file per resource in
//! `flow/`, `chart/`, `nodeData/` and `aiAgent/`, joined into one
//! [`FlowDocument`] per flow.
//!
//! A flow names its chart (`chartReference`), a chart names its flow
//! (`resourceReference`), and each node names its chart. Every flow of the
//! package gets every agent the package holds, since jobs name agents by
//! reference and the package does not say which flow uses which.

use std::collections::HashMap;

use serde_json::Value;

use super::ImportError;
use super::fields::{Location, object, optional_str, parse_json, required_array, required_str};
use super::package::PackageFiles;
use super::resources;
use crate::document::{AgentResource, FlowDocument, FlowMeta, Node, Relation};

/// A chart resource: whose flow it is and how its nodes hang together.
struct Chart {
    id: String,
    flow: String,
    relations: Vec<Relation>,
}

/// A node resource and the chart it belongs to.
struct ChartNode {
    chart: Option<String>,
    node: Node,
}

/// Every flow of a package, in order of the flows' ids.
pub(super) fn flows(files: &PackageFiles) -> Result<Vec<FlowDocument>, ImportError> {
    check_index(files)?;

    let agents = read_folder(files, "aiAgent", resources::agent)?;
    let charts = read_folder(files, "chart", chart)?;
    let nodes = read_folder(files, "nodeData", chart_node)?;

    let flows = files
        .folder("flow")
        .map(|(id, bytes)| {
            let location = Location::File(format!("flow/{id}"));
            let value = parse_json(bytes, location.name())?;
            flow(&value, id, &location, &charts, &nodes, &agents)
        })
        .collect::<Result<Vec<_>, _>>()?;

    if flows.is_empty() {
        return Err(ImportError::NoFlows);
    }
    tracing::debug!(
        flows = flows.len(),
        agents = agents.len(),
        "read package export"
    );
    Ok(flows)
}

/// Checks that `index.json` is there and describes a package.
fn check_index(files: &PackageFiles) -> Result<(), ImportError> {
    let bytes = files.index.as_deref().ok_or(ImportError::MissingIndex)?;
    let value = parse_json(bytes, "index.json")?;
    let index = object(&value, &Location::File("index.json".into()))?;

    match index.get("type").and_then(Value::as_str) {
        Some("package") => {}
        Some(other) => {
            return Err(ImportError::NotAPackage(format!(
                "its `type` is `{other}`, not `package`"
            )));
        }
        None => return Err(ImportError::NotAPackage("it has no `type`".into())),
    }

    tracing::debug!(
        package = optional_str(index, "name"),
        cognigy_version = optional_str(index, "cognigyVersion"),
        "package index"
    );
    Ok(())
}

/// Parses every resource of a folder with `read`.
fn read_folder<T>(
    files: &PackageFiles,
    folder: &str,
    read: impl Fn(&Value, &Location) -> Result<T, ImportError>,
) -> Result<Vec<T>, ImportError> {
    files
        .folder(folder)
        .map(|(id, bytes)| {
            let location = Location::File(format!("{folder}/{id}"));
            read(&parse_json(bytes, location.name())?, &location)
        })
        .collect()
}

fn chart(value: &Value, location: &Location) -> Result<Chart, ImportError> {
    let fields = object(value, location)?;
    let relations = required_array(fields, "relations", location)?
        .iter()
        .enumerate()
        .map(|(index, relation)| resources::relation(relation, &location.item(index)))
        .collect::<Result<Vec<_>, _>>()?;

    Ok(Chart {
        id: required_str(fields, "_id", location)?,
        flow: optional_str(fields, "resourceReference"),
        relations,
    })
}

fn chart_node(value: &Value, location: &Location) -> Result<ChartNode, ImportError> {
    let chart = value
        .get("chartReference")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok(ChartNode {
        chart,
        node: resources::node(value, location)?,
    })
}

/// Joins a flow resource with its chart, nodes and the package's agents.
fn flow(
    value: &Value,
    file_id: &str,
    location: &Location,
    charts: &[Chart],
    nodes: &[ChartNode],
    agents: &[AgentResource],
) -> Result<FlowDocument, ImportError> {
    let fields = object(value, location)?;
    let id = fields
        .get("_id")
        .and_then(Value::as_str)
        .unwrap_or(file_id)
        .to_owned();
    let meta = FlowMeta {
        reference_id: required_str(fields, "referenceId", location)?,
        name: optional_str(fields, "name"),
        id,
    };

    let chart_reference = optional_str(fields, "chartReference");
    let chart = charts
        .iter()
        .find(|chart| !chart_reference.is_empty() && chart.id == chart_reference)
        .or_else(|| charts.iter().find(|chart| chart.flow == meta.id))
        .ok_or_else(|| ImportError::FlowWithoutChart {
            flow: flow_name(&meta),
        })?;

    let only_chart = charts.len() == 1;
    let chart_nodes = nodes
        .iter()
        .filter(|node| match &node.chart {
            Some(reference) => *reference == chart.id,
            None => only_chart,
        })
        .map(|node| node.node.clone())
        .collect();

    Ok(FlowDocument {
        flow: meta,
        nodes: in_chart_order(chart_nodes, &chart.relations),
        relations: chart.relations.clone(),
        ai_agents: agents.to_vec(),
    })
}

/// How a flow is named in messages: its name, else its id.
fn flow_name(meta: &FlowMeta) -> String {
    if meta.name.is_empty() {
        meta.id.clone()
    } else {
        format!("{} ({})", meta.name, meta.id)
    }
}

/// Orders nodes as the chart's relations first mention them, so that jobs
/// and tools are discovered in chart order rather than by file name; nodes
/// no relation mentions keep their id order at the end.
fn in_chart_order(mut nodes: Vec<Node>, relations: &[Relation]) -> Vec<Node> {
    let mut position: HashMap<&str, usize> = HashMap::new();
    let mentioned = relations.iter().flat_map(|relation| {
        std::iter::once(relation.node.as_str())
            .chain(relation.children.iter().map(String::as_str))
            .chain(relation.next.as_deref())
    });
    for id in mentioned {
        let next = position.len();
        position.entry(id).or_insert(next);
    }

    nodes.sort_by_key(|node| {
        position
            .get(node.id.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });
    nodes
}
