//! The worker loop: claim a job, run it under a renewed lease, repeat.

use std::time::Duration;

use tokio::task::JoinHandle;
use uuid::Uuid;

use super::Jobs;
use super::run::run;

/// A name for the `n`th worker of this process, unique across instances:
/// it holds the process id (to find the process behind a lease) and a
/// random part (process ids repeat across machines and containers).
pub fn worker_name(n: usize) -> String {
    let random = Uuid::new_v4().simple().to_string();
    format!("understudy-{}-{}-w{n}", std::process::id(), &random[..8])
}

/// Starts `jobs.settings.workers` workers on the current runtime; they
/// run until the runtime stops.
pub fn spawn_workers(jobs: &Jobs) -> Vec<JoinHandle<()>> {
    let workers = jobs.settings.workers;
    if workers > 0 {
        tracing::info!(
            workers,
            lease_ms = jobs.settings.lease.as_millis() as u64,
            chunk = jobs.settings.chunk,
            "job workers started"
        );
    }
    (0..workers)
        .map(|n| tokio::spawn(work(jobs.clone(), worker_name(n))))
        .collect()
}

async fn work(jobs: Jobs, name: String) {
    loop {
        match jobs.store.claim_job(&name, jobs.settings.lease).await {
            Ok(Some(job)) => run(&jobs, &name, job).await,
            Ok(None) => idle(&jobs, jobs.settings.poll).await,
            Err(err) => {
                tracing::warn!(worker = %name, cause = %err, "cannot claim a job");
                idle(&jobs, jobs.settings.poll).await;
            }
        }
    }
}

/// Waits for the next poll, or less when this process queues a job.
async fn idle(jobs: &Jobs, poll: Duration) {
    let _ = tokio::time::timeout(poll, jobs.wake.notified()).await;
}
