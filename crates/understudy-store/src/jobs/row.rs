//! Rows of the job statements, read back into [`Job`]s.

use serde_json::Value;
use sqlx::FromRow;

use super::Job;
use crate::{StoreError, timestamp};

/// A row of every statement that returns `job_columns!()`.
#[derive(FromRow)]
pub(super) struct JobRow {
    id: String,
    project_id: String,
    flow_reference: String,
    principal: String,
    request: String,
    seed: i64,
    total: i64,
    written: i64,
    status: String,
    lease_owner: Option<String>,
    lease_until: Option<String>,
    attempts: i64,
    error: Option<String>,
    created_at: String,
    updated_at: String,
    finished_at: Option<String>,
}

impl JobRow {
    pub(super) fn read(self) -> Result<Job, StoreError> {
        let time = |text: &str| timestamp::parse(text, "job");

        Ok(Job {
            status: self.status.parse().map_err(corrupt)?,
            request: serde_json::from_str(&self.request).map_err(|e| corrupt(e.to_string()))?,
            seed: count(self.seed, "seed")?,
            total: count(self.total, "total")?,
            written: count(self.written, "written")?,
            attempts: u32::try_from(self.attempts).map_err(|_| corrupt("attempts".to_owned()))?,
            lease_until: self.lease_until.as_deref().map(time).transpose()?,
            created_at: time(&self.created_at)?,
            updated_at: time(&self.updated_at)?,
            finished_at: self.finished_at.as_deref().map(time).transpose()?,
            id: self.id,
            project: self.project_id,
            flow_reference: self.flow_reference,
            principal: self.principal,
            lease_owner: self.lease_owner,
            error: self.error,
        })
    }
}

/// A row of [`crate::sql::LIST_JOB_PACKAGES`].
#[derive(FromRow)]
pub(super) struct PackageRow {
    package_index: i64,
    package: String,
}

impl PackageRow {
    pub(super) fn read(self) -> Result<(u64, Value), StoreError> {
        let index = count(self.package_index, "package index")?;
        let package = serde_json::from_str(&self.package).map_err(|e| corrupt(e.to_string()))?;
        Ok((index, package))
    }
}

fn count(value: i64, what: &str) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| corrupt(format!("{what} {value}")))
}

fn corrupt(detail: String) -> StoreError {
    StoreError::Corrupt {
        what: "job",
        detail,
    }
}
