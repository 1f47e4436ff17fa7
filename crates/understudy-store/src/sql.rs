//! Every SQL statement the store runs, in one place.
//!
//! The statements here are shared: they keep to SQL that SQLite and
//! PostgreSQL both accept (`$n` placeholders, `ON CONFLICT`, text
//! timestamps) and mean the same on both. The few that the dialects must
//! write differently live in [`sqlite`] and [`postgres`] under the same
//! names, and code picks one through `with_pool!`.

pub(crate) mod postgres;
pub(crate) mod sqlite;

pub(crate) const ENSURE_PROJECT: &str = "\
INSERT INTO projects (id, created_at) VALUES ($1, $2)
ON CONFLICT (id) DO NOTHING";

pub(crate) const PROJECT_EXISTS: &str = "SELECT COUNT(*) FROM projects WHERE id = $1";

/// Removes every flow of the project that shares the new flow's `_id` or
/// `referenceId`, so that inserting it afterwards leaves exactly one row.
pub(crate) const DELETE_MATCHING_FLOWS: &str = "\
DELETE FROM flows WHERE project_id = $1 AND (id = $2 OR reference_id = $3)";

pub(crate) const INSERT_FLOW: &str = "\
INSERT INTO flows (project_id, id, reference_id, name, document, jobs, tools, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

pub(crate) const LIST_FLOWS: &str = "\
SELECT id, reference_id, name, jobs, tools, updated_at FROM flows
WHERE project_id = $1
ORDER BY name, id";

/// A reference may be a `referenceId` or an `_id`; a `referenceId` match
/// wins should the two ever name different flows.
pub(crate) const GET_FLOW: &str = "\
SELECT id, reference_id, name, jobs, tools, updated_at, document FROM flows
WHERE project_id = $1 AND (reference_id = $2 OR id = $2)
ORDER BY CASE WHEN reference_id = $2 THEN 0 ELSE 1 END
LIMIT 1";

/// Deletes the one flow [`GET_FLOW`] would return, never two.
pub(crate) const DELETE_FLOW: &str = "\
DELETE FROM flows
WHERE project_id = $1 AND id = (
    SELECT id FROM flows
    WHERE project_id = $1 AND (reference_id = $2 OR id = $2)
    ORDER BY CASE WHEN reference_id = $2 THEN 0 ELSE 1 END
    LIMIT 1
)";

pub(crate) const INSERT_KEY: &str = "\
INSERT INTO api_keys (id, project_id, role, secret_hash, created_at, revoked_at)
VALUES ($1, $2, $3, $4, $5, NULL)";

pub(crate) const GET_KEY: &str = "\
SELECT project_id, role, secret_hash, revoked_at FROM api_keys WHERE id = $1";

pub(crate) const LIST_KEYS: &str = "\
SELECT id, project_id, role, created_at, revoked_at FROM api_keys
WHERE project_id = $1
ORDER BY created_at, id";

pub(crate) const REVOKE_KEY: &str = "\
UPDATE api_keys SET revoked_at = $3
WHERE project_id = $1 AND id = $2 AND revoked_at IS NULL";

pub(crate) const INSERT_GENERATION: &str = "\
INSERT INTO generations (request_id, project_id, flow_reference, principal, model, status,
                         request, response, duration_ms, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

pub(crate) const GET_GENERATION: &str = "\
SELECT request_id, project_id, flow_reference, principal, model, status, request, response,
       duration_ms, created_at
FROM generations
WHERE project_id = $1 AND request_id = $2";

/// Newest first. `$2` filters by flow when not null; `$3`/`$4` are the
/// cursor (created_at, request_id) of the last record already seen.
pub(crate) const LIST_GENERATIONS: &str = "\
SELECT request_id, project_id, flow_reference, principal, model, status, request, response,
       duration_ms, created_at
FROM generations
WHERE project_id = $1
  AND ($2 IS NULL OR flow_reference = $2)
  AND ($3 IS NULL OR created_at < $3 OR (created_at = $3 AND request_id < $4))
ORDER BY created_at DESC, request_id DESC
LIMIT $5";

/// Takes an idempotency key unless the project already holds it; no row
/// affected means another request took it first.
pub(crate) const INSERT_IDEMPOTENCY_KEY: &str = "\
INSERT INTO idempotency_keys (project_id, idempotency_key, request_hash, request_id, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (project_id, idempotency_key) DO NOTHING";

pub(crate) const GET_IDEMPOTENCY_KEY: &str = "\
SELECT request_hash, request_id, created_at FROM idempotency_keys
WHERE project_id = $1 AND idempotency_key = $2";

/// Gives a key up, only as long as it still names the same request.
pub(crate) const DELETE_IDEMPOTENCY_KEY: &str = "\
DELETE FROM idempotency_keys
WHERE project_id = $1 AND idempotency_key = $2 AND request_id = $3";

/// The columns every statement that reads a job returns, in this order.
macro_rules! job_columns {
    () => {
        "id, project_id, flow_reference, principal, request, seed, total, written, status, \
         lease_owner, lease_until, attempts, error, created_at, updated_at, finished_at"
    };
}

pub(crate) use job_columns;

pub(crate) const INSERT_JOB: &str = "\
INSERT INTO jobs (id, project_id, flow_reference, principal, request, seed, total, written,
                  status, lease_owner, lease_until, attempts, error, created_at, updated_at,
                  finished_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 'queued', NULL, NULL, 0, NULL, $8, $8, NULL)";

pub(crate) const GET_JOB: &str = concat!(
    "SELECT ",
    job_columns!(),
    " FROM jobs WHERE project_id = $1 AND id = $2"
);

pub(crate) const FIND_JOB: &str = concat!("SELECT ", job_columns!(), " FROM jobs WHERE id = $1");

/// Stops a job that has not ended; its worker notices at its next write.
pub(crate) const CANCEL_JOB: &str = "\
UPDATE jobs SET status = 'cancelled', lease_owner = NULL, lease_until = NULL,
                updated_at = $3, finished_at = $3
WHERE project_id = $1 AND id = $2 AND status IN ('queued', 'running')";

/// Pushes the lease of a job forward, only for the worker holding it and
/// only while it runs.
pub(crate) const RENEW_JOB_LEASE: &str = "\
UPDATE jobs SET lease_until = $3, updated_at = $4
WHERE id = $1 AND lease_owner = $2 AND status = 'running'";

/// Counts packages about to be stored, for the worker holding the lease,
/// when the job has exactly `$3` packages: so two writers can never both
/// store a chunk at the same place.
pub(crate) const ADVANCE_JOB: &str = "\
UPDATE jobs SET written = $4, lease_until = $5, updated_at = $6
WHERE id = $1 AND lease_owner = $2 AND status = 'running' AND written = $3";

pub(crate) const INSERT_JOB_PACKAGE: &str = "\
INSERT INTO job_packages (job_id, package_index, package) VALUES ($1, $2, $3)";

pub(crate) const LIST_JOB_PACKAGES: &str = "\
SELECT package_index, package FROM job_packages WHERE job_id = $1 ORDER BY package_index";

/// Ends a running job held by the worker as `done` or `failed`.
pub(crate) const END_JOB: &str = "\
UPDATE jobs SET status = $3, error = $4, lease_owner = NULL, lease_until = NULL,
                updated_at = $5, finished_at = $5
WHERE id = $1 AND lease_owner = $2 AND status = 'running'";
