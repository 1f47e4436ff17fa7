//! `understudy report`: how good generated packages are, by the numbers of
//! `understudy_persona::quality`, over the example flows and seeded
//! synthetic flows, at several package counts.
//!
//! With `--input`, a saved generate response (of any writer, an LLM's too)
//! is measured instead, against the flow it names.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;
use serde_json::{Value, json};
use uuid::Uuid;

use understudy_flow::{Capabilities, FlowDocument, discover, import_path};
use understudy_persona::quality::synthetic::synthetic_flow;
use understudy_persona::quality::{Quality, Ratio, assess};
use understudy_persona::{OfflineWriter, PersonaPackage};
use understudy_schema::CompiledSchema;

use crate::generation::respond;
use crate::request::{GenerateRequest, Limits};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Folders whose flow documents, export folders and zipped exports are measured.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "examples/flows,examples/exports"
    )]
    pub flows: Vec<PathBuf>,
    /// The package counts to measure at.
    #[arg(long, value_delimiter = ',', default_value = "10,50,100")]
    pub n: Vec<u64>,
    /// Tool nodes of each seeded synthetic flow measured besides the examples.
    #[arg(long, value_delimiter = ',', default_value = "6,24")]
    pub synthetic_tools: Vec<usize>,
    /// Seed of the synthetic flows and of every generation.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(
        long,
        default_value = "examples/mission-types/resolve-account-access.json"
    )]
    pub mission_type: PathBuf,
    #[arg(long, default_value = "examples/persona-types/impatient.json")]
    pub persona_type: PathBuf,
    /// A saved generate response to measure instead of generating.
    #[arg(long)]
    pub input: Option<PathBuf>,
    /// The flow of `--input`, when it is not among `--flows`.
    #[arg(long, requires = "input")]
    pub flow: Option<PathBuf>,
}

/// One flow to measure, with the name its table is printed under.
struct Subject {
    title: String,
    capabilities: Capabilities,
}

pub async fn run(args: ReportArgs, limits: Limits) -> anyhow::Result<()> {
    let contract = contract()?;
    if let Some(input) = &args.input {
        return report_input(&args, input, &contract);
    }

    for subject in subjects(&args)? {
        let mut rows = Vec::new();
        for &n in &args.n {
            let body = request_body(&args, &subject.capabilities, n)?;
            let request = GenerateRequest::from_value(&body, limits).map_err(|invalid| {
                let lines: Vec<String> = invalid.0.iter().map(|e| e.message.clone()).collect();
                anyhow::anyhow!("{}", lines.join("\n"))
            })?;
            let response = respond(
                &subject.capabilities,
                &request,
                &OfflineWriter,
                Uuid::new_v4(),
                None,
            )
            .await?;

            let valid = contract.is_valid(&serde_json::to_value(&response)?);
            let scope = subject.capabilities.scope(None)?;
            rows.push((valid, assess(&response.persona_packages, &scope)));
        }
        print_tables(&subject.title, &rows);
    }
    Ok(())
}

/// Measures a saved response against the flow its metadata names.
fn report_input(args: &ReportArgs, input: &Path, contract: &CompiledSchema) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(input)
        .with_context(|| format!("cannot read `{}`", input.display()))?;
    let response: Value = serde_json::from_str(&text)
        .with_context(|| format!("`{}` is not JSON", input.display()))?;
    let reference = response["metadata"]["flowReferenceId"]
        .as_str()
        .unwrap_or("");

    let mut documents = Vec::new();
    if let Some(flow) = &args.flow {
        documents.extend(
            import_path(flow).with_context(|| format!("cannot import `{}`", flow.display()))?,
        );
    }
    documents.extend(example_documents(&args.flows)?);
    let document = match (args.flow.is_some(), documents.len()) {
        (true, 1) => documents.remove(0),
        _ => documents
            .into_iter()
            .find(|d| d.is_named_by(reference))
            .with_context(|| format!("no flow `{reference}` found; name its file with --flow"))?,
    };

    let packages: Vec<PersonaPackage> = serde_json::from_value(response["personaPackages"].clone())
        .context("`personaPackages` are not persona packages")?;
    let capabilities = discover(&document);
    let quality = assess(&packages, &capabilities.scope(None)?);
    let title = format!("{} ({})", input.display(), document.flow.name);
    print_tables(&title, &[(contract.is_valid(&response), quality)]);
    Ok(())
}

/// The example flows, then the synthetic ones.
fn subjects(args: &ReportArgs) -> anyhow::Result<Vec<Subject>> {
    let mut subjects: Vec<Subject> = example_documents(&args.flows)?
        .iter()
        .map(|document| Subject {
            title: document.flow.name.clone(),
            capabilities: discover(document),
        })
        .collect();

    for (offset, &tools) in args.synthetic_tools.iter().enumerate() {
        let seed = args.seed + offset as u64;
        subjects.push(Subject {
            title: format!("synthetic, {tools} tools, seed {seed}"),
            capabilities: discover(&synthetic_flow(tools, seed)),
        });
    }
    Ok(subjects)
}

/// Every flow of every entry of the folders, in name order.
fn example_documents(folders: &[PathBuf]) -> anyhow::Result<Vec<FlowDocument>> {
    let mut documents = Vec::new();
    for folder in folders {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
            .with_context(|| format!("cannot list `{}`", folder.display()))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for entry in entries {
            documents.extend(
                import_path(&entry)
                    .with_context(|| format!("cannot import `{}`", entry.display()))?,
            );
        }
    }
    if documents.is_empty() {
        bail!("no flows found in the folders given");
    }
    Ok(documents)
}

fn request_body(args: &ReportArgs, capabilities: &Capabilities, n: u64) -> anyhow::Result<Value> {
    Ok(json!({
        "flowReferenceId": capabilities.flow_reference_id,
        "selectedMissionType": read_json(&args.mission_type)?,
        "selectedPersonaType": read_json(&args.persona_type)?,
        "numberOfSuccessCriteria": 3,
        "requestedPackages": n,
        "seed": args.seed,
    }))
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("`{}` is not valid JSON", path.display()))
}

/// `GenerateResponse` of the served OpenAPI document, as a schema on its
/// own (OpenAPI 3.0 schemas read as draft 4).
fn contract() -> anyhow::Result<CompiledSchema> {
    let document = crate::api::openapi_document();
    let root = json!({
        "$schema": "http://json-schema.org/draft-04/schema#",
        "$ref": "#/components/schemas/GenerateResponse",
        "components": document["components"],
    });
    CompiledSchema::compile(&root).context("the OpenAPI document's GenerateResponse compiles")
}

fn print_tables(title: &str, rows: &[(bool, Quality)]) {
    println!("## {title}\n");
    println!(
        "| N | contract | grounding | tool coverage | unique persona names | unique simulation names | closest descriptions | closest missions |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|");
    for (valid, quality) in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {:.2} | {:.2} |",
            quality.packages,
            if *valid { "valid" } else { "INVALID" },
            ratio(quality.grounding),
            ratio(quality.tool_coverage),
            ratio(quality.unique_persona_names),
            ratio(quality.unique_simulation_names),
            quality.closest_descriptions,
            quality.closest_missions,
        );
    }

    let Some((_, first)) = rows.first() else {
        return;
    };
    let axes: Vec<&str> = first.traits.iter().map(|t| t.axis).collect();
    println!("\ntrait spread (normalised entropy)\n");
    println!("| N | {} |", axes.join(" | "));
    println!("|---:|{}", "---:|".repeat(axes.len()));
    for (_, quality) in rows {
        let cells: Vec<String> = quality
            .traits
            .iter()
            .map(|t| format!("{:.2}", t.entropy))
            .collect();
        println!("| {} | {} |", quality.packages, cells.join(" | "));
    }
    println!();
}

/// `share (part/whole)`, or `-` when there is nothing to count.
fn ratio(ratio: Ratio) -> String {
    match ratio.share() {
        Some(share) => format!("{share:.2} ({}/{})", ratio.part, ratio.whole),
        None => "-".to_owned(),
    }
}
