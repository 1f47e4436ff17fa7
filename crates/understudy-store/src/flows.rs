//! Flows, scoped to a project and known by `_id` or `referenceId`. The
//! document is kept as JSON; this crate does not read its shape.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::projects::ensure_project;
use crate::{Store, StoreError, sql, timestamp};

/// A flow to store, with the counts that listings show.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFlow {
    pub id: String,
    pub reference_id: String,
    pub name: String,
    pub document: Value,
    pub jobs: i64,
    pub tools: i64,
}

/// Whether [`Store::put_flow`] added a flow or replaced one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PutOutcome {
    Created,
    Replaced,
}

/// A flow as listings show it, without its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowSummary {
    pub id: String,
    pub reference_id: String,
    pub name: String,
    pub jobs: i64,
    pub tools: i64,
    pub updated_at: DateTime<Utc>,
}

/// A flow with its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredFlow {
    pub id: String,
    pub reference_id: String,
    pub name: String,
    pub jobs: i64,
    pub tools: i64,
    pub updated_at: DateTime<Utc>,
    pub document: Value,
}

impl Store {
    /// Stores a flow in the project, creating the project if needed. A
    /// stored flow with the same `_id` or the same `referenceId` is the
    /// same flow: it is replaced, and one row remains.
    pub async fn put_flow(&self, project: &str, flow: NewFlow) -> Result<PutOutcome, StoreError> {
        let mut tx = self.pool.begin_with(sql::BEGIN_WRITE).await?;
        ensure_project(&mut *tx, project).await?;

        let replaced = sqlx::query(sql::DELETE_MATCHING_FLOWS)
            .bind(project)
            .bind(&flow.id)
            .bind(&flow.reference_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();

        sqlx::query(sql::INSERT_FLOW)
            .bind(project)
            .bind(&flow.id)
            .bind(&flow.reference_id)
            .bind(&flow.name)
            .bind(flow.document.to_string())
            .bind(flow.jobs)
            .bind(flow.tools)
            .bind(timestamp::now())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;

        let outcome = if replaced > 0 {
            PutOutcome::Replaced
        } else {
            PutOutcome::Created
        };
        tracing::debug!(project, flow = %flow.reference_id, ?outcome, "flow stored");
        Ok(outcome)
    }

    /// The project's flows, ordered by name.
    pub async fn list_flows(&self, project: &str) -> Result<Vec<FlowSummary>, StoreError> {
        let rows = sqlx::query(sql::LIST_FLOWS)
            .bind(project)
            .fetch_all(&self.pool)
            .await?;

        rows.iter().map(read_summary).collect()
    }

    /// The flow whose `referenceId` or `_id` is `reference`.
    pub async fn get_flow(
        &self,
        project: &str,
        reference: &str,
    ) -> Result<Option<StoredFlow>, StoreError> {
        let row = sqlx::query(sql::GET_FLOW)
            .bind(project)
            .bind(reference)
            .fetch_optional(&self.pool)
            .await?;

        row.as_ref().map(read_stored).transpose()
    }

    /// Deletes the flow `reference` names; false when there was none.
    pub async fn delete_flow(&self, project: &str, reference: &str) -> Result<bool, StoreError> {
        let deleted = sqlx::query(sql::DELETE_FLOW)
            .bind(project)
            .bind(reference)
            .execute(&self.pool)
            .await?
            .rows_affected();

        tracing::debug!(project, flow = reference, deleted, "flow deleted");
        Ok(deleted > 0)
    }
}

fn read_summary(row: &SqliteRow) -> Result<FlowSummary, StoreError> {
    let updated_at: String = row.try_get("updated_at")?;

    Ok(FlowSummary {
        id: row.try_get("id")?,
        reference_id: row.try_get("reference_id")?,
        name: row.try_get("name")?,
        jobs: row.try_get("jobs")?,
        tools: row.try_get("tools")?,
        updated_at: timestamp::parse(&updated_at, "flow")?,
    })
}

fn read_stored(row: &SqliteRow) -> Result<StoredFlow, StoreError> {
    let summary = read_summary(row)?;
    let document: String = row.try_get("document")?;
    let document = serde_json::from_str(&document).map_err(|err| StoreError::Corrupt {
        what: "flow document",
        detail: err.to_string(),
    })?;

    Ok(StoredFlow {
        id: summary.id,
        reference_id: summary.reference_id,
        name: summary.name,
        jobs: summary.jobs,
        tools: summary.tools,
        updated_at: summary.updated_at,
        document,
    })
}
