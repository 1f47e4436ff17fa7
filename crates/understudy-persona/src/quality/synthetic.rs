//! Synthetic flows: seeded flow documents of any size, for benchmarks and
//! for judging the writers on flows nobody wrote by hand.
//!
//! A flow holds jobs of at most [`TOOLS_PER_JOB`] tools each. Tool ids are
//! verb-object pairs (`cancel_order_3`) so that the offline writer can say
//! what a tool does; every function tool has a parameter schema mixing the
//! kinds real tools use (patterns, enums, bounded integers, formats), and
//! every eighth tool is a handover or knowledge tool without one.

use rand::RngExt;
use rand::SeedableRng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Value, json};

use understudy_flow::{AgentResource, FlowDocument, FlowMeta, Node, Relation};

/// The most tools one job of a synthetic flow holds.
pub const TOOLS_PER_JOB: usize = 8;

const VERBS: &[&str] = &[
    "cancel", "update", "check", "book", "reset", "refund", "block", "schedule", "track", "verify",
];
const OBJECTS: &[&str] = &[
    "order",
    "booking",
    "password",
    "payment",
    "card",
    "appointment",
    "delivery",
    "subscription",
    "invoice",
    "address",
];
const DOMAINS: &[&str] = &[
    "Orders",
    "Billing",
    "Accounts",
    "Travel",
    "Support",
    "Deliveries",
];

/// A flow with `tools` tool nodes, drawn from `seed`.
pub fn synthetic_flow(tools: usize, seed: u64) -> FlowDocument {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut ids = Ids::default();
    let mut document = FlowDocument {
        flow: FlowMeta {
            id: ids.node(),
            reference_id: ids.reference(),
            name: format!("Synthetic {tools} tools (seed {seed})"),
        },
        nodes: Vec::new(),
        relations: Vec::new(),
        ai_agents: Vec::new(),
    };

    let jobs = tools.div_ceil(TOOLS_PER_JOB).max(1);
    for job in 0..jobs {
        let count = (tools - job * TOOLS_PER_JOB).min(TOOLS_PER_JOB);
        let first = job * TOOLS_PER_JOB;
        add_job(&mut document, &mut ids, &mut rng, first..first + count);
    }
    document
}

/// Adds one job, its agent and the tools numbered `tools`.
fn add_job(
    document: &mut FlowDocument,
    ids: &mut Ids,
    rng: &mut ChaCha8Rng,
    tools: std::ops::Range<usize>,
) {
    let domain = *DOMAINS.choose(rng).expect("domains are listed");
    let agent = AgentResource {
        id: Some(ids.node()),
        reference_id: ids.reference(),
        name: format!("{domain} Assistant"),
        description: format!("Helps customers with {} questions.", domain.to_lowercase()),
        instructions: "Verify the customer before changing anything.".to_owned(),
        speaking_style: None,
    };
    let job = node(
        ids,
        "aiAgentJob",
        &format!("{domain} Agent"),
        json!({
            "aiAgent": agent.reference_id,
            "name": format!("{domain} Agent"),
            "description": format!("Handles {} requests end to end.", domain.to_lowercase()),
            "instructions": "Be brief and confirm every change.",
        }),
    );

    let children: Vec<Node> = tools.map(|number| tool(ids, rng, number)).collect();
    document.relations.push(Relation {
        node: job.id.clone(),
        children: children.iter().map(|c| c.id.clone()).collect(),
        next: None,
    });
    document.nodes.push(job);
    document.nodes.extend(children);
    document.ai_agents.push(agent);
}

/// One tool node: a function tool with a schema, or every eighth a tool
/// that takes no parameters.
fn tool(ids: &mut Ids, rng: &mut ChaCha8Rng, number: usize) -> Node {
    let verb = *VERBS.choose(rng).expect("verbs are listed");
    let object = *OBJECTS.choose(rng).expect("objects are listed");
    let tool_id = format!("{verb}_{object}_{number}");

    if number % TOOLS_PER_JOB == TOOLS_PER_JOB - 1 {
        let kind = if number % 2 == 0 {
            "knowledgeTool"
        } else {
            "handoverToHumanAgentTool"
        };
        let config = json!({
            "toolId": tool_id,
            "description": format!("Answers questions about the {object} policy."),
        });
        return node(ids, kind, &tool_id, config);
    }

    let config = json!({
        "toolId": tool_id,
        "description": format!("Lets the agent {verb} the customer's {object}."),
        "useParameters": true,
        "parameters": parameters(rng, object),
    });
    node(ids, "aiAgentJobTool", &tool_id, config)
}

/// An object schema of one to four distinct properties, the first (a
/// reference) always required.
fn parameters(rng: &mut ChaCha8Rng, object: &str) -> Value {
    let count = rng.random_range(2..=4);
    let mut properties = Map::new();
    let mut required = Vec::new();
    for slot in 0..count {
        let (name, schema) = property(rng, object, slot);
        if properties.contains_key(&name) {
            continue;
        }
        if slot == 0 || rng.random_bool(0.5) {
            required.push(Value::String(name.clone()));
        }
        properties.insert(name, schema);
    }
    json!({ "type": "object", "properties": properties, "required": required })
}

fn property(rng: &mut ChaCha8Rng, object: &str, slot: usize) -> (String, Value) {
    match (slot, rng.random_range(0..5)) {
        (0, _) => (
            format!("{object}Reference"),
            json!({ "type": "string", "pattern": "^[A-Z]{2}[0-9]{6}$",
                    "description": format!("The {object} reference, e.g. AB123456.") }),
        ),
        (_, 0) => (
            "email".to_owned(),
            json!({ "type": "string", "format": "email", "description": "The customer's email." }),
        ),
        (_, 1) => (
            "reason".to_owned(),
            json!({ "type": "string", "enum": ["lost", "damaged", "changed my mind"] }),
        ),
        (_, 2) => (
            "quantity".to_owned(),
            json!({ "type": "integer", "minimum": 1, "maximum": 20 }),
        ),
        (_, 3) => (
            "date".to_owned(),
            json!({ "type": "string", "format": "date", "description": "The date wanted." }),
        ),
        _ => (
            "note".to_owned(),
            json!({ "type": "string", "maxLength": 120, "description": "Anything else to say." }),
        ),
    }
}

fn node(ids: &mut Ids, node_type: &str, label: &str, config: Value) -> Node {
    Node {
        id: ids.node(),
        reference_id: ids.reference(),
        node_type: node_type.to_owned(),
        label: label.to_owned(),
        is_disabled: false,
        config,
    }
}

/// Node ids (24 hex digits) and reference ids (UUIDs) from one counter.
#[derive(Debug, Default)]
struct Ids {
    next: u64,
}

impl Ids {
    fn node(&mut self) -> String {
        self.next += 1;
        format!("{:024x}", self.next)
    }

    fn reference(&mut self) -> String {
        self.next += 1;
        format!("00000000-0000-4000-8000-{:012x}", self.next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_exactly_the_tools_asked_for_in_jobs_of_eight() {
        let capabilities = understudy_flow::discover(&synthetic_flow(20, 3));
        assert_eq!(capabilities.tools().count(), 20);
        let sizes: Vec<usize> = capabilities.jobs.iter().map(|j| j.tools.len()).collect();
        assert_eq!(sizes, vec![8, 8, 4]);
        assert!(
            capabilities.warnings.is_empty(),
            "{:?}",
            capabilities.warnings
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_flow_and_another_seed_another() {
        assert_eq!(synthetic_flow(10, 1), synthetic_flow(10, 1));
        assert_ne!(synthetic_flow(10, 1).nodes, synthetic_flow(10, 2).nodes);
    }
}
