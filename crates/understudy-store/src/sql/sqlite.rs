//! The statements SQLite needs in its own words.

/// Starts a transaction that takes the write lock at once. A deferred
/// SQLite transaction that reads first and writes later cannot wait for
/// another writer and fails with "database is locked"; this one waits.
pub(crate) const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// None needed: [`BEGIN_WRITE`] already holds the one write lock of the
/// whole database, so no two writes to a project's flows interleave.
pub(crate) const LOCK_PROJECT: Option<&str> = None;
