//! The LLM writer against a fake model server on 127.0.0.1: batching,
//! grounding, and every way a provider or a reply can fail.

mod fake;
mod grounding;
mod provider;
mod repair;
mod replies;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use understudy_flow::{Agent, Capabilities, Job, Tool, ToolKind};
use understudy_llm::{
    Backoff, LlmWriter, OpenAiProvider, ProviderConfig, ProviderKind, Secret, WriterSettings,
};
use understudy_persona::pipeline::{GenerateOptions, generate_with};
use understudy_persona::plan::{PackagePlan, plan};
use understudy_persona::writer::WriterUsage;
use understudy_persona::{
    GenerateError, Generation, GenerationSpec, Language, MissionType, PersonaType,
    SuggestedCriterion,
};

use fake::{COMPLETION_TOKENS, Fake, PROMPT_TOKENS, Step};

fn tool(tool_id: &str, description: &str, parameters: Value) -> Tool {
    Tool {
        node_id: format!("node-{tool_id}"),
        reference_id: format!("ref-{tool_id}"),
        kind: ToolKind::Function,
        tool_id: tool_id.to_owned(),
        label: tool_id.to_owned(),
        description: description.to_owned(),
        parameters: Some(parameters),
    }
}

/// One job of a bank's assistant with two tools, both with schemas.
pub fn bank() -> Capabilities {
    let block_card = tool(
        "block_card",
        "Blocks a payment card.",
        json!({
            "type": "object",
            "properties": {
                "card_number": { "type": "string", "pattern": "^[0-9]{4}$", "title": "Card number" },
                "reason": { "type": "string", "enum": ["lost", "stolen", "damaged"] }
            },
            "required": ["card_number", "reason"],
            "additionalProperties": false
        }),
    );
    let order_card = tool(
        "order_card",
        "Orders a replacement card.",
        json!({
            "type": "object",
            "properties": {
                "delivery": { "type": "string", "enum": ["standard", "express"] },
                "city": { "type": "string", "minLength": 2 }
            },
            "required": ["delivery", "city"],
            "additionalProperties": false
        }),
    );
    Capabilities {
        flow_id: "flow-1".to_owned(),
        flow_reference_id: "flow-ref-1".to_owned(),
        flow_name: "Card Services".to_owned(),
        jobs: vec![Job {
            node_id: "job-cards".to_owned(),
            reference_id: "ref-job-cards".to_owned(),
            name: "Card Services".to_owned(),
            description: "Blocks and replaces cards.".to_owned(),
            instructions: "Verify the customer before acting.".to_owned(),
            agent: Some(Agent {
                reference_id: "agent-1".to_owned(),
                name: "Bank Assistant".to_owned(),
                description: "Helps customers with their cards.".to_owned(),
                instructions: "Be brief.".to_owned(),
                speaking_style: None,
            }),
            tools: vec![block_card, order_card],
        }],
        warnings: Vec::new(),
    }
}

pub fn spec(packages: usize) -> GenerationSpec {
    GenerationSpec {
        mission_type: MissionType {
            name: "Card Emergency".to_owned(),
            description: "The user needs to stop a card from being misused.".to_owned(),
            success_criteria: vec![
                SuggestedCriterion {
                    name: "Verifies Identity".to_owned(),
                    description: "The agent verifies the user's identity.".to_owned(),
                },
                SuggestedCriterion {
                    name: "Offers Replacement".to_owned(),
                    description: "The agent offers a replacement card.".to_owned(),
                },
            ],
        },
        persona_type: PersonaType {
            name: "Everyday customer".to_owned(),
            description: "A regular customer of the bank.".to_owned(),
        },
        packages,
        criteria_per_package: 3,
        language: Language::En,
        seed: 7,
    }
}

pub fn plans(spec: &GenerationSpec) -> Vec<PackagePlan> {
    let capabilities = bank();
    plan(&capabilities.scope(None).unwrap(), spec)
}

/// A provider config for the fake, with fast backoff.
pub fn config(base: &str) -> ProviderConfig {
    let mut config = ProviderConfig::new(ProviderKind::OpenAi, "fake-model");
    config.base_url = format!("{base}/v1");
    config.api_key = Some(Secret::new("sk-test"));
    config.timeout = Duration::from_secs(2);
    config.deadline = Duration::from_secs(10);
    config.retries = 2;
    config.concurrency = 4;
    config.backoff = Backoff {
        first: Duration::from_millis(10),
        max: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(5),
    };
    config
}

/// Serves `steps` for `spec`'s plans and generates with the defaults.
pub async fn run(
    spec: &GenerationSpec,
    steps: Vec<Step>,
) -> (Fake, Result<Generation, GenerateError>) {
    let fake = Fake::serve(plans(spec), steps).await;
    let result = generate(&config(&fake.base), spec, GenerateOptions::default()).await;
    (fake, result)
}

pub async fn generate(
    config: &ProviderConfig,
    spec: &GenerationSpec,
    options: GenerateOptions,
) -> Result<Generation, GenerateError> {
    let provider = Arc::new(OpenAiProvider::new(config).unwrap());
    let writer = LlmWriter::new(provider, WriterSettings::default());
    let capabilities = bank();
    let scope = capabilities.scope(None).unwrap();
    generate_with(&scope, spec, &writer, options).await
}

/// The usage of `calls` answered calls, `repairs` of them asking again.
pub fn usage(calls: u64, repairs: u64) -> Option<WriterUsage> {
    Some(WriterUsage {
        prompt_tokens: calls * PROMPT_TOKENS,
        completion_tokens: calls * COMPLETION_TOKENS,
        calls,
        repairs,
    })
}
