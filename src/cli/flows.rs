//! `understudy flows`: import, list, show and delete a project's flows.

use std::path::Path;

use anyhow::Context;

use understudy_flow::import_path;
use understudy_store::Store;

use super::args::FlowsCommand;
use super::tree;
use crate::flows;

pub async fn run(store: &Store, command: FlowsCommand) -> anyhow::Result<()> {
    match command {
        FlowsCommand::Import { path, project } => import(store, &path, &project).await,
        FlowsCommand::List { project } => list(store, &project).await,
        FlowsCommand::Show { reference, project } => show(store, &project, &reference).await,
        FlowsCommand::Delete { reference, project } => {
            if !store.delete_flow(&project, &reference).await? {
                anyhow::bail!("project `{project}` has no flow `{reference}`");
            }
            println!("Deleted flow {reference}.");
            Ok(())
        }
    }
}

/// Prints `referenceId<TAB>name<TAB>jobs<TAB>tools` per imported flow;
/// replacements and warnings go to standard error.
async fn import(store: &Store, path: &Path, project: &str) -> anyhow::Result<()> {
    let documents =
        import_path(path).with_context(|| format!("cannot import `{}`", path.display()))?;
    let imported = flows::import(store, project, documents).await?;

    for flow in &imported {
        println!(
            "{}\t{}\t{}\t{}",
            flow.reference_id, flow.name, flow.jobs, flow.tools
        );
        if flow.replaced {
            eprintln!(
                "replaced the stored flow {} ({})",
                flow.reference_id, flow.name
            );
        }
        for warning in &flow.warnings {
            eprintln!("warning: {}: {}", flow.reference_id, warning.message);
        }
    }
    Ok(())
}

async fn list(store: &Store, project: &str) -> anyhow::Result<()> {
    for flow in store.list_flows(project).await? {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            flow.reference_id, flow.name, flow.jobs, flow.tools, flow.id
        );
    }
    Ok(())
}

async fn show(store: &Store, project: &str, reference: &str) -> anyhow::Result<()> {
    let (_, capabilities) = flows::load(store, project, reference)
        .await?
        .with_context(|| format!("project `{project}` has no flow `{reference}`"))?;

    print!("{}", tree::render(&capabilities));
    Ok(())
}
