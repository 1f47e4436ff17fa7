//! `understudy demo`: a running service with the example flows, a key and
//! a request ready to paste.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::{Value, json};
use tokio::net::TcpListener;

use understudy_flow::import_path;
use understudy_persona::Language;
use understudy_persona::options::options;
use understudy_store::Role;

use super::args::DemoArgs;
use super::serve;
use crate::api::AppState;
use crate::flows::{self, ImportedFlow};

pub async fn run(state: AppState, args: DemoArgs) -> anyhow::Result<()> {
    let examples = examples_folder(args.examples.as_deref())?;
    let imported = import_examples(&state, &args.project, &examples).await?;
    let key = state.store.create_key(&args.project, Role::Editor).await?;
    let listener = TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;

    let address = listener.local_addr()?;
    let flow = imported.first().context("the examples hold no flow")?;
    let body = request_body(&state, &args.project, flow).await?;

    println!("Imported into project `{}`:", args.project);
    for flow in &imported {
        println!(
            "  {}\t{}\t{} jobs\t{} tools",
            flow.reference_id, flow.name, flow.jobs, flow.tools
        );
    }
    println!("\nAPI key (editor): {}", key.secret);
    println!("\nGenerate five packages:\n");
    println!(
        "curl -s -X POST 'http://{address}/testing/personas/generate?projectId={}' \\\n  -H 'Content-Type: application/json' \\\n  -H 'X-API-Key: {}' \\\n  -d {}\n",
        args.project,
        key.secret,
        shell_quote(&serde_json::to_string(&body)?)
    );
    println!("Serving on http://{address}/testing (Ctrl-C stops).");

    serve::serve(state, listener).await
}

/// The examples shipped with the source, wherever the demo is started.
fn examples_folder(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    let candidates = [
        given.map(Path::to_path_buf),
        Some(PathBuf::from("examples")),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("flows").is_dir())
        .context("cannot find the examples folder; pass --examples PATH")
}

async fn import_examples(
    state: &AppState,
    project: &str,
    examples: &Path,
) -> anyhow::Result<Vec<ImportedFlow>> {
    let mut sources = entries(&examples.join("flows"))?;
    sources.extend(entries(&examples.join("exports"))?);

    let mut imported = Vec::new();
    for source in sources {
        let documents = import_path(&source)
            .with_context(|| format!("cannot import `{}`", source.display()))?;
        imported.extend(flows::import(&state.store, project, documents).await?);
    }
    Ok(imported)
}

/// The entries of a folder in name order; none when it does not exist.
fn entries(folder: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    Ok(paths)
}

/// A request for `flow` with the first mission type and persona type its
/// own options offer, so that what the demo asks for fits the flow.
async fn request_body(
    state: &AppState,
    project: &str,
    flow: &ImportedFlow,
) -> anyhow::Result<Value> {
    let (_, capabilities) = flows::load(&state.store, project, &flow.reference_id)
        .await?
        .context("the imported flow is gone")?;
    let scope = capabilities.scope(None)?;
    let offered = options(&scope, Language::En);
    let mission = offered
        .mission_types
        .first()
        .context("the flow offers no mission type")?;
    let persona = offered
        .persona_types
        .first()
        .context("no persona type is offered")?;

    Ok(json!({
        "flowReferenceId": flow.reference_id,
        "selectedMissionType": mission,
        "selectedPersonaType": persona,
        "numberOfSuccessCriteria": 3,
        "requestedPackages": 5,
    }))
}

/// Quotes a text for a POSIX shell: inside single quotes, a single quote
/// is written as `'\''`.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_a_body_with_an_apostrophe_for_the_shell() {
        let quoted = shell_quote(r#"{"name":"the passenger's bag"}"#);

        assert_eq!(quoted, r#"'{"name":"the passenger'\''s bag"}'"#);
        let echoed = std::process::Command::new("sh")
            .args(["-c", &format!("printf %s {quoted}")])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(echoed.stdout).unwrap(),
            r#"{"name":"the passenger's bag"}"#
        );
    }
}
