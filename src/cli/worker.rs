//! `understudy worker`: job workers without an HTTP server, and the job
//! settings `serve` shares.

use std::time::Duration;

use clap::Args;

use crate::api::AppState;
use crate::jobs::{JobSettings, spawn_workers};

/// How this process's workers claim and write jobs.
#[derive(Debug, Args)]
pub struct JobArgs {
    /// Job workers in this process; 0 leaves jobs to other instances.
    #[arg(long, env = "UNDERSTUDY_WORKERS", default_value_t = 2)]
    pub workers: usize,
    /// Milliseconds a claimed job stays held without renewal; a job whose
    /// lease ran out is taken over by another worker.
    #[arg(long, env = "UNDERSTUDY_JOB_LEASE_MS", default_value_t = 15_000)]
    pub job_lease_ms: u64,
    /// Milliseconds an idle worker waits before looking for a job again.
    #[arg(long, env = "UNDERSTUDY_JOB_POLL_MS", default_value_t = 1_000)]
    pub job_poll_ms: u64,
    /// Packages written and stored at a time.
    #[arg(long, env = "UNDERSTUDY_JOB_CHUNK", default_value_t = 10)]
    pub job_chunk: usize,
    /// Milliseconds a worker rests between chunks, to leave room for
    /// requests answered at once.
    #[arg(long, env = "UNDERSTUDY_JOB_PAUSE_MS", default_value_t = 0)]
    pub job_pause_ms: u64,
}

impl From<JobArgs> for JobSettings {
    fn from(args: JobArgs) -> Self {
        JobSettings {
            workers: args.workers,
            lease: Duration::from_millis(args.job_lease_ms.max(1)),
            poll: Duration::from_millis(args.job_poll_ms.max(1)),
            chunk: args.job_chunk.max(1),
            pause: Duration::from_millis(args.job_pause_ms),
        }
    }
}

#[derive(Debug, Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub jobs: JobArgs,
    #[command(flatten)]
    pub llm: super::args::LlmArgs,
}

/// Runs the workers until a shutdown signal arrives.
pub async fn run(state: AppState) -> anyhow::Result<()> {
    let workers = spawn_workers(&state.job_workers());
    if workers.is_empty() {
        anyhow::bail!("no workers to run: give --workers 1 or more");
    }

    super::serve::shutdown().await;
    for worker in workers {
        worker.abort();
    }
    Ok(())
}
