//! Generation jobs: requests answered in the background, by workers that
//! claim them from the database.
//!
//! Every `understudy serve` runs workers, and `understudy worker` runs
//! them alone. A worker claims the oldest queued job (or one whose lease
//! ran out) under a lease, renews the lease while it works, and stores
//! packages a chunk at a time. When an instance dies, its lease runs out
//! and another worker takes the job over, continuing after the packages
//! already stored: the plan is deterministic for the job's seed, and the
//! store refuses a chunk from anyone but the lease holder, or at any place
//! but the next.

mod run;
mod worker;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use understudy_store::Store;

use crate::request::Limits;
use crate::writers::Writers;

pub use worker::{spawn_workers, worker_name};

/// How workers claim and write jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobSettings {
    /// Workers per process; none in a `serve` that should only answer.
    pub workers: usize,
    /// How long a claim holds without renewal; a worker renews it three
    /// times per lease, and a job whose lease ran out is taken over.
    pub lease: Duration,
    /// How often an idle worker looks for a job.
    pub poll: Duration,
    /// Packages written and stored at once.
    pub chunk: usize,
    /// A rest between chunks, so that background work leaves room for
    /// requests answered at once.
    pub pause: Duration,
}

impl Default for JobSettings {
    fn default() -> Self {
        JobSettings {
            workers: 2,
            lease: Duration::from_secs(15),
            poll: Duration::from_secs(1),
            chunk: crate::chunked::CHUNK,
            pause: Duration::ZERO,
        }
    }
}

/// What a worker needs: where jobs are, what writes them, how.
#[derive(Clone)]
pub struct Jobs {
    pub store: Store,
    /// The writers a job's request may have chosen with `model`.
    pub writers: Writers,
    pub limits: Limits,
    pub settings: JobSettings,
    /// Wakes this process's idle workers when it queues a job, so they
    /// need not wait for their next poll.
    pub wake: Arc<Notify>,
}
