//! Running one claimed job: continue after the stored packages, store
//! each chunk under the lease, record the finished body, end the job.

use std::time::Instant;

use chrono::Utc;
use serde_json::Value;
use uuid::Uuid;

use understudy_persona::{PersonaPackage, Writer};
use understudy_store::{GenerationRecord, Job, StoreError};

use super::Jobs;
use crate::chunked::Chunked;
use crate::flows;
use crate::request::GenerateRequest;

/// How a run ended, short of a finished job.
#[derive(Debug, thiserror::Error)]
enum Stop {
    /// The worker no longer holds the job: it was cancelled, or its lease
    /// ran out and another worker took it over. Nothing more is written.
    #[error("the lease was lost")]
    LeaseLost,
    /// The job cannot be finished; it is marked failed with this reason.
    #[error("{0}")]
    Failed(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Runs a job this worker just claimed, until it is done, fails, or the
/// worker loses its lease.
pub(super) async fn run(jobs: &Jobs, worker: &str, job: Job) {
    let started = Instant::now();
    let mut heartbeat = tokio::spawn(heartbeat(jobs.clone(), worker.to_owned(), job.id.clone()));

    let outcome = tokio::select! {
        outcome = write(jobs, worker, &job) => outcome,
        _ = &mut heartbeat => Err(Stop::LeaseLost),
    };
    heartbeat.abort();

    let elapsed_ms = started.elapsed().as_millis() as u64;
    match outcome {
        Ok(()) => tracing::info!(job = %job.id, worker, elapsed_ms, "job done"),
        Err(Stop::LeaseLost) => {
            tracing::info!(job = %job.id, worker, elapsed_ms, "job no longer held; stopped")
        }
        Err(Stop::Failed(reason)) => {
            tracing::warn!(job = %job.id, worker, reason = %reason, "job failed");
            if let Err(err) = jobs.store.fail_job(&job.id, worker, &reason).await {
                tracing::error!(job = %job.id, cause = %err, "cannot mark the job failed");
            }
        }
        Err(Stop::Store(err)) => {
            // The lease runs out and another worker, or this one, tries
            // again; a database that is down is no reason to fail a job.
            tracing::error!(job = %job.id, worker, cause = %err, "job interrupted by the store")
        }
    }
}

/// Renews the lease three times per lease period; returns only once the
/// worker no longer holds the job.
async fn heartbeat(jobs: Jobs, worker: String, id: String) {
    let lease = jobs.settings.lease;
    loop {
        tokio::time::sleep(lease / 3).await;
        match jobs.store.renew_job_lease(&id, &worker, lease).await {
            Ok(true) => {}
            Ok(false) => return,
            Err(err) => tracing::warn!(job = %id, cause = %err, "cannot renew the lease"),
        }
    }
}

async fn write(jobs: &Jobs, worker: &str, job: &Job) -> Result<(), Stop> {
    let request = GenerateRequest::from_value(&job.request, jobs.limits.for_async())
        .map_err(|invalid| Stop::Failed(invalid.first().message.clone()))?;
    let writer = jobs
        .writers
        .for_request(request.model.as_deref())
        .map_err(|err| Stop::Failed(err.message))?;
    let (_, capabilities) = flows::load(&jobs.store, &job.project, &job.flow_reference)
        .await
        .map_err(|err| Stop::Failed(err.to_string()))?
        .ok_or_else(|| {
            Stop::Failed(format!(
                "project `{}` no longer has flow `{}`",
                job.project, job.flow_reference
            ))
        })?;

    let mut chunked = Chunked::new(&capabilities, &request, job.seed, jobs.settings.chunk)
        .map_err(|failure| Stop::Failed(failure.to_string()))?;
    chunked.resume(stored(jobs, job).await?);
    if chunked.next_index() > 0 {
        tracing::info!(job = %job.id, worker, from = chunked.next_index(), "job continued");
    }

    while !chunked.is_done() {
        if !jobs.settings.pause.is_zero() {
            tokio::time::sleep(jobs.settings.pause).await;
        }
        let first = chunked.next_index() as u64;
        let chunk = chunked
            .next_chunk(writer.as_ref())
            .await
            .map_err(|err| Stop::Failed(err.to_string()))?
            .unwrap_or_default();

        let values: Vec<Value> = chunk.iter().map(to_value).collect();
        let stored = jobs
            .store
            .store_job_packages(&job.id, worker, jobs.settings.lease, first, &values)
            .await?;
        if !stored {
            return Err(Stop::LeaseLost);
        }
    }

    finish(jobs, worker, job, &request, &chunked, writer.as_ref()).await
}

/// The packages earlier workers stored, which must be exactly the
/// indices `0..written`.
async fn stored(jobs: &Jobs, job: &Job) -> Result<Vec<PersonaPackage>, Stop> {
    let rows = jobs.store.job_packages(&job.id).await?;

    let mut packages = Vec::with_capacity(rows.len());
    for (expected, (index, value)) in rows.into_iter().enumerate() {
        if index != expected as u64 {
            return Err(Stop::Failed(format!(
                "stored packages skip from index {expected} to {index}"
            )));
        }
        let package = serde_json::from_value(value)
            .map_err(|err| Stop::Failed(format!("stored package {index} is unreadable: {err}")))?;
        packages.push(package);
    }
    Ok(packages)
}

/// Records the finished body like a synchronous generation's, then ends
/// the job. A worker that died between the two left the record behind;
/// its successor finds it recorded and only ends the job.
async fn finish(
    jobs: &Jobs,
    worker: &str,
    job: &Job,
    request: &GenerateRequest,
    chunked: &Chunked<'_>,
    writer: &dyn Writer,
) -> Result<(), Stop> {
    let request_id = Uuid::parse_str(&job.id).unwrap_or_else(|_| Uuid::new_v4());
    let response = chunked.response(request, writer, request_id);
    let now = Utc::now();
    let record = GenerationRecord {
        request_id: job.id.clone(),
        project: job.project.clone(),
        flow_reference: response.metadata.flow_reference_id.clone(),
        principal: job.principal.clone(),
        model: response.metadata.model.clone(),
        status: 200,
        request: job.request.clone(),
        response: serde_json::to_value(&response).unwrap_or_default(),
        duration_ms: (now - job.created_at).num_milliseconds(),
        created_at: now,
    };

    match jobs.store.record_generation(&record).await {
        Ok(()) | Err(StoreError::Conflict { .. }) => {}
        Err(err) => return Err(err.into()),
    }
    if !jobs.store.finish_job(&job.id, worker).await? {
        return Err(Stop::LeaseLost);
    }
    Ok(())
}

fn to_value(package: &PersonaPackage) -> Value {
    serde_json::to_value(package).unwrap_or_default()
}
