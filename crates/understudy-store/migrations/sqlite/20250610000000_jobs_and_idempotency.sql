-- Idempotency keys, generation jobs and the packages jobs have written.
-- Portable SQL, as the first migration: it runs unchanged on SQLite and
-- PostgreSQL, and timestamps are fixed-width RFC 3339 text in UTC.

-- One row per key a client sent with a generate request, scoped to the
-- project. The unique primary key is what lets only one of two
-- concurrent requests with the same key generate; `request_hash` tells a
-- retry from a different request, `request_id` finds the recorded result
-- (a generation record, or the job of an asynchronous request).
CREATE TABLE idempotency_keys (
    project_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    request_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (project_id, idempotency_key)
);

-- A generation that runs in the background. A worker claims a job by
-- writing its name into `lease_owner` and a deadline into `lease_until`,
-- renews the deadline while it works, and loses the job to another worker
-- once the deadline passes. `written` counts the packages stored so far,
-- always the indices 0 to written - 1.
CREATE TABLE jobs (
    id TEXT NOT NULL PRIMARY KEY,
    project_id TEXT NOT NULL,
    flow_reference TEXT NOT NULL,
    principal TEXT NOT NULL,
    request TEXT NOT NULL,
    seed BIGINT NOT NULL,
    total BIGINT NOT NULL,
    written BIGINT NOT NULL,
    status TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    attempts BIGINT NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT
);

CREATE INDEX jobs_by_status ON jobs (status, created_at, id);

-- The packages of a job, stored as they are written. The primary key
-- means no index is ever stored twice, whichever worker writes it.
CREATE TABLE job_packages (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    package_index BIGINT NOT NULL,
    package TEXT NOT NULL,
    PRIMARY KEY (job_id, package_index)
);
