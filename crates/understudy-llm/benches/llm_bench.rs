//! How long the LLM writer takes when the model is the only cost: a fake
//! model on loopback answers every batch with valid packages after a fixed
//! latency L. With every batch in flight at once, a generation should take
//! about one L, and must take under 1.5 L plus a little overhead.
//!
//! Run: `cargo bench -p understudy-llm --bench llm-bench [-- --latency-ms 200
//! --packages 50 --batch 5 --concurrency 10]`.

#[allow(dead_code)]
#[path = "../tests/writer/fake.rs"]
mod fake;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use understudy_flow::{Agent, Capabilities, Job, Tool, ToolKind};
use understudy_llm::{LlmWriter, OpenAiProvider, ProviderConfig, ProviderKind, WriterSettings};
use understudy_persona::pipeline::{GenerateOptions, generate_with};
use understudy_persona::plan::plan;
use understudy_persona::{GenerationSpec, Language, MissionType, PersonaType};

use fake::{Answer, Fake, Step};

/// What one run measures with.
struct Setup {
    latency: Duration,
    packages: usize,
    batch: usize,
    concurrency: usize,
}

/// Time allowed on top of 1.5 L for planning, checking and loopback HTTP.
const OVERHEAD: Duration = Duration::from_millis(100);

#[tokio::main]
async fn main() {
    let setup = setup(std::env::args().collect());
    let capabilities = capabilities();
    let scope = capabilities
        .scope(None)
        .expect("the whole flow is in scope");
    let spec = spec(setup.packages);

    let fake = Fake::serve(
        plan(&scope, &spec),
        vec![Step::new(Answer::Valid).after(setup.latency)],
    )
    .await;
    let mut config = ProviderConfig::new(ProviderKind::OpenAi, "bench-model");
    config.base_url = format!("{}/v1", fake.base);
    config.concurrency = setup.concurrency;
    let provider = Arc::new(OpenAiProvider::new(&config).expect("the bench config is valid"));
    let settings = WriterSettings {
        batch_size: setup.batch,
        ..WriterSettings::default()
    };
    let writer = LlmWriter::new(provider, settings);

    let started = Instant::now();
    let generation = generate_with(&scope, &spec, &writer, GenerateOptions::default())
        .await
        .expect("the fake's packages pass every check");
    let wall = started.elapsed();

    let usage = generation.usage.expect("the LLM writer counts its calls");
    let ratio = wall.as_secs_f64() / setup.latency.as_secs_f64();
    let limit = setup.latency.mul_f64(1.5) + OVERHEAD;
    println!(
        "| packages | batch | concurrency | L (ms) | calls | prompt tokens | completion tokens | repairs | wall (ms) | wall/L |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {ratio:.2} |",
        setup.packages,
        setup.batch,
        setup.concurrency,
        setup.latency.as_millis(),
        usage.calls,
        usage.prompt_tokens,
        usage.completion_tokens,
        usage.repairs,
        wall.as_millis(),
    );
    println!(
        "most calls in flight: {}; limit 1.5 L + {} ms = {} ms: {}",
        fake.most_in_flight(),
        OVERHEAD.as_millis(),
        limit.as_millis(),
        if wall <= limit { "within" } else { "EXCEEDED" }
    );
    if wall > limit {
        std::process::exit(1);
    }
}

/// Reads `--latency-ms`, `--packages`, `--batch` and `--concurrency`;
/// other arguments (cargo's `--bench`) are passed over.
fn setup(args: Vec<String>) -> Setup {
    let value = |name: &str, default: u64| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(|v| {
                v.parse()
                    .unwrap_or_else(|_| panic!("{name} takes a number"))
            })
            .unwrap_or(default)
    };
    Setup {
        latency: Duration::from_millis(value("--latency-ms", 200)),
        packages: value("--packages", 50) as usize,
        batch: value("--batch", 5) as usize,
        concurrency: value("--concurrency", 10) as usize,
    }
}

fn spec(packages: usize) -> GenerationSpec {
    GenerationSpec {
        mission_type: MissionType {
            name: "Card Emergency".to_owned(),
            description: "The user needs to stop a card from being misused.".to_owned(),
            success_criteria: Vec::new(),
        },
        persona_type: PersonaType {
            name: "Everyday customer".to_owned(),
            description: "A regular customer of the bank.".to_owned(),
        },
        packages,
        criteria_per_package: 3,
        language: Language::En,
        seed: 1,
    }
}

fn capabilities() -> Capabilities {
    let tool = |tool_id: &str, parameters| Tool {
        node_id: format!("node-{tool_id}"),
        reference_id: format!("ref-{tool_id}"),
        kind: ToolKind::Function,
        tool_id: tool_id.to_owned(),
        label: tool_id.to_owned(),
        description: format!("Runs {tool_id}."),
        parameters: Some(parameters),
    };
    let block_card = json!({
        "type": "object",
        "properties": { "card_number": { "type": "string", "pattern": "^[0-9]{4}$" } },
        "required": ["card_number"]
    });
    let order_card = json!({
        "type": "object",
        "properties": { "delivery": { "type": "string", "enum": ["standard", "express"] } },
        "required": ["delivery"]
    });
    Capabilities {
        flow_id: "flow-bench".to_owned(),
        flow_reference_id: "flow-ref-bench".to_owned(),
        flow_name: "Card Services".to_owned(),
        jobs: vec![Job {
            node_id: "job-cards".to_owned(),
            reference_id: "ref-job-cards".to_owned(),
            name: "Card Services".to_owned(),
            description: "Blocks and replaces cards.".to_owned(),
            instructions: String::new(),
            agent: Some(Agent {
                reference_id: "agent-1".to_owned(),
                name: "Bank Assistant".to_owned(),
                description: "Helps customers with their cards.".to_owned(),
                instructions: String::new(),
                speaking_style: None,
            }),
            tools: vec![
                tool("block_card", block_card),
                tool("order_card", order_card),
            ],
        }],
        warnings: Vec::new(),
    }
}
