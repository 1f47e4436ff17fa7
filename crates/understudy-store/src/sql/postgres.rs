//! The statements PostgreSQL needs in its own words.

/// Read committed, whatever the server's default: each statement sees
/// what was committed before it began, so a writer that waited for
/// [`LOCK_PROJECT`] then sees the flows the previous holder left.
pub(crate) const BEGIN_WRITE: &str = "BEGIN ISOLATION LEVEL READ COMMITTED";

/// Locks the project's row until the transaction ends. Every write to a
/// project's flows takes it first, so two instances replacing one flow
/// queue up instead of both finding nothing to replace and both
/// inserting it.
pub(crate) const LOCK_PROJECT: Option<&str> =
    Some("SELECT id FROM projects WHERE id = $1 FOR UPDATE");

/// Claims the oldest job that is queued or whose lease ran out. Rows
/// another worker is claiming at this moment are skipped, not waited
/// for, so workers on several instances never block on one another.
pub(crate) const CLAIM_JOB: &str = concat!(
    "UPDATE jobs SET status = 'running', lease_owner = $1, lease_until = $2, ",
    "attempts = attempts + 1, updated_at = $3 ",
    "WHERE id = (SELECT id FROM jobs ",
    "WHERE status = 'queued' OR (status = 'running' AND lease_until < $3) ",
    "ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) ",
    "RETURNING ",
    crate::sql::job_columns!()
);
