//! Fixtures shared by the integration tests: small capabilities built by
//! hand, specs, and a way to run the pipeline without an async runtime.

#![allow(dead_code)]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use serde_json::{Value, json};

use understudy_flow::{Agent, Capabilities, Job, Tool, ToolKind, Warning, WarningCode};
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

/// A utility company's flow, built to break the writer where real flows
/// did: multi-word and unknown verbs in tool ids, a list of readings, an
/// address, dates that must follow each other, a contact person, an
/// account number two tools share, a schema that discovery rejected and a
/// handover.
pub fn utility() -> Capabilities {
    let account = json!({ "type": "string", "pattern": "^BW-[0-9]{8}$" });
    let reading = json!({ "type": "object", "required": ["meterType", "reading"], "properties": {
        "meterType": { "type": "string", "enum": ["electricity", "gas", "water"] },
        "reading": { "type": "integer", "minimum": 0, "maximum": 999999 }
    } });
    let address = json!({ "type": "object", "required": ["line1", "city", "postcode"], "properties": {
        "line1": { "type": "string", "minLength": 3 },
        "city": { "type": "string" },
        "postcode": { "type": "string", "pattern": "^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$" }
    } });
    let date = json!({ "type": "string", "format": "date" });
    let tools = vec![
        tool(
            "submit_meter_reading",
            Some(
                json!({ "type": "object", "required": ["accountNumber", "readings"], "properties": {
                "accountNumber": account,
                "readings": { "type": "array", "items": reading, "minItems": 3, "maxItems": 3 }
            } }),
            ),
        ),
        tool(
            "set_up_payment_plan",
            Some(
                json!({ "type": "object", "required": ["accountNumber", "monthlyAmount", "reasons"], "properties": {
                "accountNumber": account,
                "monthlyAmount": { "type": "number", "minimum": 10, "maximum": 500 },
                "reasons": { "type": "array", "items": { "type": "string", "enum": ["job_loss", "high_bill"] },
                             "minItems": 1, "uniqueItems": true }
            } }),
            ),
        ),
        tool(
            "update_contact_details",
            Some(
                json!({ "type": "object", "required": ["accountNumber", "contact", "billingAddress"], "properties": {
                "accountNumber": account,
                "contact": { "type": "object", "required": ["name", "email"], "properties": {
                    "name": { "type": "string" }, "email": { "type": "string", "format": "email" }
                } },
                "billingAddress": address,
                "paperlessBilling": { "type": "boolean" }
            } }),
            ),
        ),
        Tool {
            description: "Compares the customer's tariff with the cheapest available.".to_owned(),
            ..tool("compare_tariffs", None)
        },
        tool(
            "request_move_out",
            Some(
                json!({ "type": "object", "required": ["accountNumber", "moveOutDate", "moveInDate", "severity"],
                "properties": {
                    "accountNumber": account, "moveOutDate": date, "moveInDate": date,
                    "severity": { "type": "string", "enum": ["no_supply", "low_pressure"] }
                } }),
            ),
        ),
        Tool {
            kind: ToolKind::HandoverToHuman,
            ..tool("talk_to_billing_team", None)
        },
    ];
    let mut flow = capabilities(vec![job("job-utility", "Billing and Moves", tools)]);
    flow.warnings.push(Warning {
        code: WarningCode::InvalidParameterSchema,
        message: "Tool `compare_tariffs` has an unusable parameter schema.".to_owned(),
        node_id: Some("node-compare_tariffs".to_owned()),
    });
    flow
}

/// A spec for the utility flow, for an anxious, apologetic persona type.
pub fn worried(packages: usize, criteria: usize, seed: u64, language: Language) -> GenerationSpec {
    let mut asked = spec(packages, criteria, seed);
    asked.persona_type = PersonaType {
        name: "Worried About Money".to_owned(),
        description: "Anxious about a high bill, apologetic, needs reassurance.".to_owned(),
    };
    asked.mission_type = MissionType {
        name: "Sort Out a Bill or Supply Problem".to_owned(),
        description: "The customer wants a billing or supply issue resolved.".to_owned(),
        success_criteria: vec![SuggestedCriterion {
            name: "Account Confirmed".to_owned(),
            description: "The agent confirms the account number before changing anything."
                .to_owned(),
        }],
    };
    asked.language = language;
    asked
}
