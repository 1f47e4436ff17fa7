//! Generation jobs: queued by a request, claimed by a worker under a
//! lease, written a chunk of packages at a time, taken over by another
//! worker when the lease runs out.
//!
//! Every write a worker makes names the lease it holds: renewing it,
//! storing packages and ending the job each check, in the same statement,
//! that the job is still running under that worker. A worker that lost
//! its lease (it stalled past the deadline and another took over, or the
//! job was cancelled) finds its next write refused and stops; it can
//! never store a package twice or end a job it no longer holds.

mod row;

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::backend::with_pool;
use crate::{Store, StoreError, sql, timestamp};

use row::{JobRow, PackageRow};

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}

impl JobStatus {
    /// The lowercase name, as stored and as the API shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    /// Whether the job has ended and will not change again.
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            JobStatus::Done | JobStatus::Failed | JobStatus::Cancelled
        )
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for JobStatus {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "queued" => Ok(JobStatus::Queued),
            "running" => Ok(JobStatus::Running),
            "done" => Ok(JobStatus::Done),
            "failed" => Ok(JobStatus::Failed),
            "cancelled" => Ok(JobStatus::Cancelled),
            other => Err(format!("unknown job status `{other}`")),
        }
    }
}

/// A job to queue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    pub id: String,
    pub project: String,
    pub flow_reference: String,
    /// Who asked: a key id or a token subject.
    pub principal: String,
    /// The request body, as the client sent it.
    pub request: Value,
    /// The seed the job's packages are planned from, fixed when queued
    /// so that every worker plans the same packages.
    pub seed: u64,
    /// How many packages the job writes.
    pub total: u64,
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    pub id: String,
    pub project: String,
    pub flow_reference: String,
    pub principal: String,
    pub request: Value,
    pub seed: u64,
    pub total: u64,
    /// Packages stored so far: always the indices `0..written`.
    pub written: u64,
    pub status: JobStatus,
    /// The worker holding the job while it runs.
    pub lease_owner: Option<String>,
    pub lease_until: Option<DateTime<Utc>>,
    /// How many times a worker claimed the job.
    pub attempts: u32,
    /// Why a failed job failed.
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Queues a job; a second job with the same id is a
    /// [`StoreError::Conflict`].
    pub async fn enqueue_job(&self, job: &NewJob) -> Result<(), StoreError> {
        let request = job.request.to_string();

        with_pool!(&self.pool, |pool| {
            sqlx::query(sql::INSERT_JOB)
                .bind(&job.id)
                .bind(&job.project)
                .bind(&job.flow_reference)
                .bind(&job.principal)
                .bind(&request)
                .bind(to_i64(job.seed))
                .bind(to_i64(job.total))
                .bind(timestamp::now())
                .execute(pool)
                .await
                .map_err(|err| StoreError::conflict_or_database(err, "job", &job.id))?;
        });

        tracing::info!(project = %job.project, job = %job.id, total = job.total, "job queued");
        Ok(())
    }

    /// The job `id` of the project.
    pub async fn get_job(&self, project: &str, id: &str) -> Result<Option<Job>, StoreError> {
        let row: Option<JobRow> = with_pool!(&self.pool, |pool| {
            sqlx::query_as(sql::GET_JOB)
                .bind(project)
                .bind(id)
                .fetch_optional(pool)
                .await?
        });

        row.map(JobRow::read).transpose()
    }

    /// The job `id`, whichever project it belongs to; callers check the
    /// project before showing it.
    pub async fn find_job(&self, id: &str) -> Result<Option<Job>, StoreError> {
        let row: Option<JobRow> = with_pool!(&self.pool, |pool| {
            sqlx::query_as(sql::FIND_JOB)
                .bind(id)
                .fetch_optional(pool)
                .await?
        });

        row.map(JobRow::read).transpose()
    }

    /// Cancels a job that has not ended; false when it had ended already
    /// or does not exist. A worker running it stops at its next write.
    pub async fn cancel_job(&self, project: &str, id: &str) -> Result<bool, StoreError> {
        let cancelled = with_pool!(&self.pool, |pool| {
            sqlx::query(sql::CANCEL_JOB)
                .bind(project)
                .bind(id)
                .bind(timestamp::now())
                .execute(pool)
                .await?
                .rows_affected()
        });

        tracing::info!(
            project,
            job = id,
            cancelled = cancelled > 0,
            "job cancel asked"
        );
        Ok(cancelled > 0)
    }

    /// Claims the oldest job that is queued, or running under a lease that
    /// ran out, for `owner` until `lease` from now. Of several workers
    /// claiming at once, each gets a different job or none.
    pub async fn claim_job(&self, owner: &str, lease: Duration) -> Result<Option<Job>, StoreError> {
        let now = Utc::now();
        let row: Option<JobRow> = with_pool!(&self.pool, |pool, dialect| {
            sqlx::query_as(dialect::CLAIM_JOB)
                .bind(owner)
                .bind(timestamp::format(now + lease_delta(lease)))
                .bind(timestamp::format(now))
                .fetch_optional(pool)
                .await?
        });

        let job = row.map(JobRow::read).transpose()?;
        if let Some(job) = &job {
            tracing::info!(
                job = %job.id,
                worker = owner,
                written = job.written,
                total = job.total,
                attempt = job.attempts,
                "job claimed"
            );
        }
        Ok(job)
    }

    /// Extends `owner`'s lease on a running job to `lease` from now; false
    /// when the worker no longer holds it (taken over, cancelled, ended).
    pub async fn renew_job_lease(
        &self,
        id: &str,
        owner: &str,
        lease: Duration,
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let renewed = with_pool!(&self.pool, |pool| {
            sqlx::query(sql::RENEW_JOB_LEASE)
                .bind(id)
                .bind(owner)
                .bind(timestamp::format(now + lease_delta(lease)))
                .bind(timestamp::format(now))
                .execute(pool)
                .await?
                .rows_affected()
        });

        Ok(renewed > 0)
    }

    /// Stores `packages` at the indices `first..` and renews the lease, in
    /// one transaction, when `owner` still holds the running job and the
    /// job has exactly `first` packages; otherwise stores nothing and
    /// answers false.
    pub async fn store_job_packages(
        &self,
        id: &str,
        owner: &str,
        lease: Duration,
        first: u64,
        packages: &[Value],
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let written = first + packages.len() as u64;
        let texts: Vec<String> = packages.iter().map(Value::to_string).collect();

        let stored = with_pool!(&self.pool, |pool, dialect| {
            let mut tx = pool.begin_with(dialect::BEGIN_WRITE).await?;
            let advanced = sqlx::query(sql::ADVANCE_JOB)
                .bind(id)
                .bind(owner)
                .bind(to_i64(first))
                .bind(to_i64(written))
                .bind(timestamp::format(now + lease_delta(lease)))
                .bind(timestamp::format(now))
                .execute(&mut *tx)
                .await?
                .rows_affected();

            if advanced > 0 {
                for (offset, text) in texts.iter().enumerate() {
                    let index = to_i64(first + offset as u64);
                    sqlx::query(sql::INSERT_JOB_PACKAGE)
                        .bind(id)
                        .bind(index)
                        .bind(text)
                        .execute(&mut *tx)
                        .await
                        .map_err(|err| {
                            StoreError::conflict_or_database(err, "job package", &index.to_string())
                        })?;
                }
                tx.commit().await?;
            }
            advanced > 0
        });

        tracing::debug!(
            job = id,
            worker = owner,
            first,
            written,
            stored,
            "job packages stored"
        );
        Ok(stored)
    }

    /// Every package stored for the job, by index, lowest first.
    pub async fn job_packages(&self, id: &str) -> Result<Vec<(u64, Value)>, StoreError> {
        let rows: Vec<PackageRow> = with_pool!(&self.pool, |pool| {
            sqlx::query_as(sql::LIST_JOB_PACKAGES)
                .bind(id)
                .fetch_all(pool)
                .await?
        });

        rows.into_iter().map(PackageRow::read).collect()
    }

    /// Marks the running job `owner` holds as done; false when it no
    /// longer holds it.
    pub async fn finish_job(&self, id: &str, owner: &str) -> Result<bool, StoreError> {
        self.end_job(id, owner, JobStatus::Done, None).await
    }

    /// Marks the running job `owner` holds as failed, saying why; false
    /// when it no longer holds it.
    pub async fn fail_job(&self, id: &str, owner: &str, error: &str) -> Result<bool, StoreError> {
        self.end_job(id, owner, JobStatus::Failed, Some(error))
            .await
    }

    async fn end_job(
        &self,
        id: &str,
        owner: &str,
        status: JobStatus,
        error: Option<&str>,
    ) -> Result<bool, StoreError> {
        let ended = with_pool!(&self.pool, |pool| {
            sqlx::query(sql::END_JOB)
                .bind(id)
                .bind(owner)
                .bind(status.as_str())
                .bind(error)
                .bind(timestamp::now())
                .execute(pool)
                .await?
                .rows_affected()
        });

        tracing::info!(job = id, worker = owner, %status, ended = ended > 0, "job ended");
        Ok(ended > 0)
    }
}

/// Counts are stored as `BIGINT`; no job comes near `i64::MAX`.
fn to_i64(count: u64) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

fn lease_delta(lease: Duration) -> chrono::Duration {
    chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::MAX)
}
