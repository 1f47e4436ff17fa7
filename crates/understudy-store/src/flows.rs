//! Flows, scoped to a project and known by `_id` or `referenceId`. The
//! document is kept as JSON; this crate does not read its shape.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::FromRow;

use crate::backend::with_pool;
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
        let document = flow.document.to_string();

        let replaced = with_pool!(&self.pool, |pool, dialect| {
            let mut tx = pool.begin_with(dialect::BEGIN_WRITE).await?;
            ensure_project!(&mut *tx, project);
            if let Some(lock) = dialect::LOCK_PROJECT {
                sqlx::query(lock).bind(project).execute(&mut *tx).await?;
            }

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
                .bind(&document)
                .bind(flow.jobs)
                .bind(flow.tools)
                .bind(timestamp::now())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            replaced
        });

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
        let rows: Vec<SummaryRow> = with_pool!(&self.pool, |pool| {
            sqlx::query_as(sql::LIST_FLOWS)
                .bind(project)
                .fetch_all(pool)
                .await?
        });

        rows.into_iter().map(SummaryRow::read).collect()
    }

    /// The flow whose `referenceId` or `_id` is `reference`.
    pub async fn get_flow(
        &self,
        project: &str,
        reference: &str,
    ) -> Result<Option<StoredFlow>, StoreError> {
        let row: Option<StoredRow> = with_pool!(&self.pool, |pool| {
            sqlx::query_as(sql::GET_FLOW)
                .bind(project)
                .bind(reference)
                .fetch_optional(pool)
                .await?
        });

        row.map(StoredRow::read).transpose()
    }

    /// Deletes the flow `reference` names; false when there was none. It
    /// waits for a replacement in progress, so it deletes the flow as that
    /// left it rather than miss it.
    pub async fn delete_flow(&self, project: &str, reference: &str) -> Result<bool, StoreError> {
        let deleted = with_pool!(&self.pool, |pool, dialect| {
            let mut tx = pool.begin_with(dialect::BEGIN_WRITE).await?;
            if let Some(lock) = dialect::LOCK_PROJECT {
                sqlx::query(lock).bind(project).execute(&mut *tx).await?;
            }

            let deleted = sqlx::query(sql::DELETE_FLOW)
                .bind(project)
                .bind(reference)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            deleted
        });

        tracing::debug!(project, flow = reference, deleted, "flow deleted");
        Ok(deleted > 0)
    }
}

/// A row of [`sql::LIST_FLOWS`], as both backends return it.
#[derive(FromRow)]
struct SummaryRow {
    id: String,
    reference_id: String,
    name: String,
    jobs: i64,
    tools: i64,
    updated_at: String,
}

/// A row of [`sql::GET_FLOW`]: a summary and the document.
#[derive(FromRow)]
struct StoredRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    document: String,
}

impl SummaryRow {
    fn read(self) -> Result<FlowSummary, StoreError> {
        Ok(FlowSummary {
            id: self.id,
            reference_id: self.reference_id,
            name: self.name,
            jobs: self.jobs,
            tools: self.tools,
            updated_at: timestamp::parse(&self.updated_at, "flow")?,
        })
    }
}

impl StoredRow {
    fn read(self) -> Result<StoredFlow, StoreError> {
        let summary = self.summary.read()?;
        let document = serde_json::from_str(&self.document).map_err(|err| StoreError::Corrupt {
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
}
