//! The statements SQLite needs in its own words.

/// Starts a transaction that takes the write lock at once. A deferred
/// SQLite transaction that reads first and writes later cannot wait for
/// another writer and fails with "database is locked"; this one waits.
pub(crate) const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// None needed: [`BEGIN_WRITE`] already holds the one write lock of the
/// whole database, so no two writes to a project's flows interleave.
pub(crate) const LOCK_PROJECT: Option<&str> = None;

/// Claims the oldest job that is queued or whose lease ran out. SQLite
/// has one writer at a time, so choosing the row and taking it in one
/// statement is already atomic.
pub(crate) const CLAIM_JOB: &str = concat!(
    "UPDATE jobs SET status = 'running', lease_owner = $1, lease_until = $2, ",
    "attempts = attempts + 1, updated_at = $3 ",
    "WHERE id = (SELECT id FROM jobs ",
    "WHERE status = 'queued' OR (status = 'running' AND lease_until < $3) ",
    "ORDER BY created_at, id LIMIT 1) ",
    "RETURNING ",
    crate::sql::job_columns!()
);
