//! `understudy generate`: the same pipeline as the API, on files, no server.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use serde_json::{Value, json};
use uuid::Uuid;

use understudy_flow::{FlowDocument, discover, import_path};

use super::args::{Format, GenerateArgs};
use crate::generation::{GenerateResponse, respond};
use crate::request::{GenerateRequest, Limits};
use crate::writers::Writers;

pub async fn run(args: GenerateArgs, limits: Limits) -> anyhow::Result<()> {
    let document = flow(&args.flow, args.flow_id.as_deref())?;
    let body = request_body(&args, &document)?;
    let request = GenerateRequest::from_value(&body, limits).map_err(|invalid| {
        let lines: Vec<String> = invalid.0.iter().map(|e| e.message.clone()).collect();
        anyhow::anyhow!("{}", lines.join("\n"))
    })?;

    let writers = Writers::from_lookup(|name| args.llm.lookup(name))
        .context("the LLM provider settings are incomplete")?;
    let writer = writers.default_writer();
    let capabilities = discover(&document);
    let response = respond(
        &capabilities,
        &request,
        writer.as_ref(),
        Uuid::new_v4(),
        None,
    )
    .await?;

    let text = render(&response, args.format)?;
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write `{}`", path.display()))?,
        None => std::io::stdout().write_all(text.as_bytes())?,
    }
    Ok(())
}

/// The one flow to work on: the only one in the file, or the one named.
pub(super) fn flow(path: &Path, wanted: Option<&str>) -> anyhow::Result<FlowDocument> {
    let documents =
        import_path(path).with_context(|| format!("cannot import `{}`", path.display()))?;

    if let Some(wanted) = wanted {
        return documents
            .into_iter()
            .find(|d| d.is_named_by(wanted))
            .with_context(|| format!("`{}` holds no flow `{wanted}`", path.display()));
    }

    match <[FlowDocument; 1]>::try_from(documents) {
        Ok([document]) => Ok(document),
        Err(documents) => {
            let names: Vec<String> = documents
                .iter()
                .map(|d| format!("{} ({})", d.flow.reference_id, d.flow.name))
                .collect();
            bail!(
                "`{}` holds {} flows; choose one with --flow-id: {}",
                path.display(),
                documents.len(),
                names.join(", ")
            )
        }
    }
}

/// The request body an API client would send for these arguments.
fn request_body(args: &GenerateArgs, document: &FlowDocument) -> anyhow::Result<Value> {
    let mut body = json!({
        "flowReferenceId": document.flow.reference_id,
        "selectedMissionType": read_json(&args.mission_type)?,
        "selectedPersonaType": read_json(&args.persona_type)?,
        "numberOfSuccessCriteria": args.criteria,
        "requestedPackages": args.packages,
        "language": args.language,
    });
    if let Some(job) = &args.job {
        body["jobNodeId"] = json!(job);
    }
    if let Some(seed) = args.seed {
        body["seed"] = json!(seed);
    }
    Ok(body)
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("`{}` is not valid JSON", path.display()))
}

fn render(response: &GenerateResponse, format: Format) -> anyhow::Result<String> {
    let text = match format {
        Format::Json => serde_json::to_string_pretty(response)? + "\n",
        Format::Yaml => serde_yaml::to_string(response)?,
        Format::Jsonl => {
            let mut lines = String::new();
            for package in &response.persona_packages {
                lines.push_str(&serde_json::to_string(package)?);
                lines.push('\n');
            }
            lines.push_str(&serde_json::to_string(
                &json!({ "metadata": response.metadata }),
            )?);
            lines.push('\n');
            lines
        }
    };
    Ok(text)
}
