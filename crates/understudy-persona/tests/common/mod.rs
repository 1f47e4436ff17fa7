//! Fixtures shared by the integration tests: small capabilities built by
//! hand, specs, and a way to run the pipeline without an async runtime.

#![allow(dead_code)]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use serde_json::{Value, json};

use understudy_flow::{Agent, Capabilities, Job, Tool, ToolKind};
use understudy_persona::{
    Generation, GenerationSpec, Language, MissionType, OfflineWriter, PersonaType,
    SuggestedCriterion, generate,
};

/// Runs a future that never waits on I/O (the offline writer's) to the end.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}

pub fn tool(tool_id: &str, parameters: Option<Value>) -> Tool {
    Tool {
        node_id: format!("node-{tool_id}"),
        reference_id: format!("ref-{tool_id}"),
        kind: ToolKind::Function,
        tool_id: tool_id.to_owned(),
        label: tool_id.to_owned(),
        description: format!("Runs {tool_id}."),
        parameters,
    }
}

pub fn job(node_id: &str, name: &str, tools: Vec<Tool>) -> Job {
    Job {
        node_id: node_id.to_owned(),
        reference_id: format!("ref-{node_id}"),
        name: name.to_owned(),
        description: format!("{name} job"),
        instructions: String::new(),
        agent: Some(Agent {
            reference_id: format!("agent-{node_id}"),
            name: "Bank Assistant".to_owned(),
            description: "Helps customers with their cards and accounts.".to_owned(),
            instructions: String::new(),
            speaking_style: None,
        }),
        tools,
    }
}

pub fn capabilities(jobs: Vec<Job>) -> Capabilities {
    Capabilities {
        flow_id: "flow-1".to_owned(),
        flow_reference_id: "flow-ref-1".to_owned(),
        flow_name: "Card Services".to_owned(),
        jobs,
        warnings: Vec::new(),
    }
}

pub fn block_card_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "card_number": { "type": "string", "pattern": "^[0-9]{4}$", "title": "Card number" },
            "reason": { "type": "string", "enum": ["lost", "stolen", "damaged"] }
        },
        "required": ["card_number", "reason"]
    })
}

/// One job with one tool that takes a card number and a reason.
pub fn bank() -> Capabilities {
    capabilities(vec![job(
        "job-cards",
        "Card Services",
        vec![tool("block_card", Some(block_card_schema()))],
    )])
}

/// One job with `count` tools, each with a small schema.
pub fn many_tools(count: usize) -> Capabilities {
    let tools = (0..count)
        .map(|i| {
            tool(
                &format!("tool_{i}"),
                Some(json!({
                    "type": "object",
                    "properties": { "reference": { "type": "string" } },
                    "required": ["reference"]
                })),
            )
        })
        .collect();
    capabilities(vec![job("job-1", "Support", tools)])
}

pub fn spec(packages: usize, criteria: usize, seed: u64) -> GenerationSpec {
    GenerationSpec {
        mission_type: MissionType {
            name: "Card Emergency".to_owned(),
            description: "The user needs to stop a card from being misused.".to_owned(),
            success_criteria: vec![
                SuggestedCriterion {
                    name: "Verifies Identity".to_owned(),
                    description: "The agent verifies the user's identity before acting.".to_owned(),
                },
                SuggestedCriterion {
                    name: "Offers Replacement".to_owned(),
                    description: "The agent offers to send a replacement card.".to_owned(),
                },
                SuggestedCriterion {
                    name: "Warns About Fraud".to_owned(),
                    description: "The agent tells the user how to spot fraudulent payments."
                        .to_owned(),
                },
            ],
        },
        persona_type: PersonaType {
            name: "Everyday customer".to_owned(),
            description: "A regular customer of the bank.".to_owned(),
        },
        packages,
        criteria_per_package: criteria,
        language: Language::En,
        seed,
    }
}

pub fn run(capabilities: &Capabilities, spec: &GenerationSpec) -> Generation {
    let scope = capabilities
        .scope(None)
        .expect("the whole flow is in scope");
    block_on(generate(&scope, spec, &OfflineWriter)).expect("the offline writer passes every check")
}
