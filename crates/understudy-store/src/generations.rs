//! A record of every generation: who asked for what, which model wrote
//! it, and what came back. Listed newest first, a page at a time.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

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
        sqlx::query(sql::INSERT_GENERATION)
            .bind(&record.request_id)
            .bind(&record.project)
            .bind(&record.flow_reference)
            .bind(&record.principal)
            .bind(&record.model)
            .bind(i32::from(record.status))
            .bind(record.request.to_string())
            .bind(record.response.to_string())
            .bind(record.duration_ms)
            .bind(timestamp::format(record.created_at))
            .execute(&self.pool)
            .await
            .map_err(|err| {
                StoreError::conflict_or_database(err, "generation", &record.request_id)
            })?;

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
        let row = sqlx::query(sql::GET_GENERATION)
            .bind(project)
            .bind(request_id)
            .fetch_optional(&self.pool)
            .await?;

        row.as_ref().map(read_record).transpose()
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
        let rows = sqlx::query(sql::LIST_GENERATIONS)
            .bind(project)
            .bind(flow)
            .bind(before.map(|cursor| timestamp::format(cursor.created_at)))
            .bind(before.map(|cursor| cursor.request_id.as_str()))
            .bind(i64::from(limit) + 1)
            .fetch_all(&self.pool)
            .await?;

        let mut generations = rows
            .iter()
            .map(read_record)
            .collect::<Result<Vec<_>, _>>()?;
        let more = generations.len() > limit as usize;
        generations.truncate(limit as usize);

        let next = more
            .then(|| generations.last().map(GenerationRecord::cursor))
            .flatten();
        Ok(GenerationPage { generations, next })
    }
}

fn read_record(row: &SqliteRow) -> Result<GenerationRecord, StoreError> {
    let status: i32 = row.try_get("status")?;
    let request: String = row.try_get("request")?;
    let response: String = row.try_get("response")?;
    let created_at: String = row.try_get("created_at")?;

    Ok(GenerationRecord {
        request_id: row.try_get("request_id")?,
        project: row.try_get("project_id")?,
        flow_reference: row.try_get("flow_reference")?,
        principal: row.try_get("principal")?,
        model: row.try_get("model")?,
        status: u16::try_from(status).map_err(|_| corrupt(format!("status {status}")))?,
        request: serde_json::from_str(&request).map_err(|err| corrupt(err.to_string()))?,
        response: serde_json::from_str(&response).map_err(|err| corrupt(err.to_string()))?,
        duration_ms: row.try_get("duration_ms")?,
        created_at: timestamp::parse(&created_at, "generation")?,
    })
}

fn corrupt(detail: String) -> StoreError {
    StoreError::Corrupt {
        what: "generation",
        detail,
    }
}
