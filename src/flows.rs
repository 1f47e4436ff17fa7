//! Flows in a project: import them into the store, and load them back.

use serde::Serialize;

use understudy_flow::{Capabilities, FlowDocument, Warning, discover};
use understudy_store::{NewFlow, PutOutcome, Store, StoreError};

/// One flow as an import reports it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedFlow {
    pub reference_id: String,
    #[serde(rename = "_id")]
    pub id: String,
    pub name: String,
    pub jobs: usize,
    pub tools: usize,
    /// Whether a flow with this id was already stored and is now replaced.
    pub replaced: bool,
    pub warnings: Vec<Warning>,
}

/// Why a stored flow could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the stored flow `{reference}` is unreadable: {source}")]
    Corrupt {
        reference: String,
        source: serde_json::Error,
    },
}

/// Stores every document in `project` (created if new), replacing flows
/// that share an id, and says what was discovered in each.
pub async fn import(
    store: &Store,
    project: &str,
    documents: Vec<FlowDocument>,
) -> Result<Vec<ImportedFlow>, StoreError> {
    store.ensure_project(project).await?;

    let mut imported = Vec::with_capacity(documents.len());
    for document in documents {
        imported.push(import_one(store, project, document).await?);
    }
    Ok(imported)
}

async fn import_one(
    store: &Store,
    project: &str,
    document: FlowDocument,
) -> Result<ImportedFlow, StoreError> {
    let capabilities = discover(&document);
    let jobs = capabilities.jobs.len();
    let tools = capabilities.tools().count();

    let new_flow = NewFlow {
        id: document.flow.id.clone(),
        reference_id: document.flow.reference_id.clone(),
        name: document.flow.name.clone(),
        document: serde_json::to_value(&document).expect("a flow document serialises"),
        jobs: jobs as i64,
        tools: tools as i64,
    };
    let outcome = store.put_flow(project, new_flow).await?;
    tracing::info!(
        project,
        flow = %document.flow.reference_id,
        jobs,
        tools,
        replaced = outcome == PutOutcome::Replaced,
        "flow imported"
    );

    Ok(ImportedFlow {
        reference_id: document.flow.reference_id,
        id: document.flow.id,
        name: document.flow.name,
        jobs,
        tools,
        replaced: outcome == PutOutcome::Replaced,
        warnings: capabilities.warnings,
    })
}

/// A stored flow and what discovery finds in it, by `referenceId` or `_id`.
pub async fn load(
    store: &Store,
    project: &str,
    reference: &str,
) -> Result<Option<(FlowDocument, Capabilities)>, LoadError> {
    let Some(stored) = store.get_flow(project, reference).await? else {
        return Ok(None);
    };

    let document: FlowDocument =
        serde_json::from_value(stored.document).map_err(|source| LoadError::Corrupt {
            reference: reference.to_owned(),
            source,
        })?;
    let capabilities = discover(&document);
    Ok(Some((document, capabilities)))
}
