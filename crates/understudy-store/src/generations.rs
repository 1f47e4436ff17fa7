//! A record of every generation: who asked for what, which model wrote
//! it, and what came back. Listed newest first, a page at a time.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::FromRow;

use crate::backend::with_pool;
use crate::{Store, StoreError, sql, timestamp};

/// One generation, as recorded and as read back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenerationRecord {
    pub request_id: String,
    pub project: String,
    /// The flow as the request named it. Recording the flow's
    /// `referenceId` lets a filter by flow find every generation of it.
    pub flow_reference: String,
    /// Who asked: a key id or a token subject.
    pub principal: String,
    pub model: String,
    /// The HTTP status the request was answered with.
    pub status: u16,
    pub request: Value,
    pub response: Value,
    pub duration_ms: i64,
    pub created_at: DateTime<Utc>,
}

/// Where a page of generations ended: the next page starts just before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerationCursor {
    pub created_at: DateTime<Utc>,
    pub request_id: String,
}

/// A page of generations, newest first, and the cursor for the next page
/// when there are more.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerationPage {
    pub generations: Vec<GenerationRecord>,
    pub next: Option<GenerationCursor>,
}

impl GenerationRecord {
    /// The cursor that continues a listing after this record.
    pub fn cursor(&self) -> GenerationCursor {
        GenerationCursor {
            created_at: self.created_at,
            request_id: self.request_id.clone(),
        }
    }
}

/// Written as `<RFC 3339 time>_<request id>`, one opaque token for a URL.
impl fmt::Display for GenerationCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}_{}",
            timestamp::format(self.created_at),
            self.request_id
        )
    }
}

/// A cursor token that does not read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed generation cursor `{0}`")]
pub struct MalformedCursor(pub String);

impl FromStr for GenerationCursor {
    type Err = MalformedCursor;

    fn from_str(token: &str) -> Result<Self, Self::Err> {
        let malformed = || MalformedCursor(token.to_owned());

        // An RFC 3339 time holds no `_`, so the first one ends it.
        let (time, request_id) = token.split_once('_').ok_or_else(malformed)?;
        let created_at = DateTime::parse_from_rfc3339(time).map_err(|_| malformed())?;

        Ok(GenerationCursor {
            created_at: created_at.with_timezone(&Utc),
            request_id: request_id.to_owned(),
        })
    }
}

impl Store {
    /// Records a generation; a second record with the same request id is
    /// a [`StoreError::Conflict`].
    pub async fn record_generation(&self, record: &GenerationRecord) -> Result<(), StoreError> {
        let request = record.request.to_string();
        let response = record.response.to_string();
        let created_at = timestamp::format(record.created_at);

        with_pool!(&self.pool, |pool| {
            sqlx::query(sql::INSERT_GENERATION)
                .bind(&record.request_id)
                .bind(&record.project)
                .bind(&record.flow_reference)
                .bind(&record.principal)
                .bind(&record.model)
                .bind(i32::from(record.status))
                .bind(&request)
                .bind(&response)
                .bind(record.duration_ms)
                .bind(&created_at)
                .execute(pool)
                .await
                .map_err(|err| {
                    StoreError::conflict_or_database(err, "generation", &record.request_id)
                })?;
        });

        tracing::debug!(
            project = %record.project,
            request = %record.request_id,
            status = record.status,
            "generation recorded"
        );
        Ok(())
    }

    /// The generation recorded under `request_id` in the project.
    pub async fn get_generation(
        &self,
        project: &str,
        request_id: &str,
    ) -> Result<Option<GenerationRecord>, StoreError> {
        let row: Option<RecordRow> = with_pool!(&self.pool, |pool| {
            sqlx::query_as(sql::GET_GENERATION)
                .bind(project)
                .bind(request_id)
                .fetch_optional(pool)
                .await?
        });

        row.map(RecordRow::read).transpose()
    }

    /// Up to `limit` (at least one) generations of the project, newest
    /// first, of one flow when `flow` is given, starting just before
    /// `before`.
    pub async fn list_generations(
        &self,
        project: &str,
        flow: Option<&str>,
        limit: u32,
        before: Option<&GenerationCursor>,
    ) -> Result<GenerationPage, StoreError> {
        // One row more than asked tells whether another page follows; an
        // empty page could not say where the next one starts.
        let limit = limit.max(1);
        let before_time = before.map(|cursor| timestamp::format(cursor.created_at));
        let before_request = before.map(|cursor| cursor.request_id.as_str());

        let rows: Vec<RecordRow> = with_pool!(&self.pool, |pool| {
            sqlx::query_as(sql::LIST_GENERATIONS)
                .bind(project)
                .bind(flow)
                .bind(&before_time)
                .bind(before_request)
                .bind(i64::from(limit) + 1)
                .fetch_all(pool)
                .await?
        });

        let mut generations = rows
            .into_iter()
            .map(RecordRow::read)
            .collect::<Result<Vec<_>, _>>()?;
        let more = generations.len() > limit as usize;
        generations.truncate(limit as usize);

        let next = more
            .then(|| generations.last().map(GenerationRecord::cursor))
            .flatten();
        Ok(GenerationPage { generations, next })
    }
}

/// A row of [`sql::GET_GENERATION`] and [`sql::LIST_GENERATIONS`].
#[derive(FromRow)]
struct RecordRow {
    request_id: String,
    project_id: String,
    flow_reference: String,
    principal: String,
    model: String,
    status: i32,
    request: String,
    response: String,
    duration_ms: i64,
    created_at: String,
}

impl RecordRow {
    fn read(self) -> Result<GenerationRecord, StoreError> {
        let status = self.status;

        Ok(GenerationRecord {
            request_id: self.request_id,
            project: self.project_id,
            flow_reference: self.flow_reference,
            principal: self.principal,
            model: self.model,
            status: u16::try_from(status).map_err(|_| corrupt(format!("status {status}")))?,
            request: serde_json::from_str(&self.request).map_err(|err| corrupt(err.to_string()))?,
            response: serde_json::from_str(&self.response)
                .map_err(|err| corrupt(err.to_string()))?,
            duration_ms: self.duration_ms,
            created_at: timestamp::parse(&self.created_at, "generation")?,
        })
    }
}

fn corrupt(detail: String) -> StoreError {
    StoreError::Corrupt {
        what: "generation",
        detail,
    }
}
