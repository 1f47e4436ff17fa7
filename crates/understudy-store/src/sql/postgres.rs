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
