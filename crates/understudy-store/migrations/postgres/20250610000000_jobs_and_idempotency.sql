-- Idempotency keys, generation jobs and the packages jobs have written:
-- the PostgreSQL twin of the SQLite migration of the same version. Text
-- compares byte by byte (`COLLATE "C"`), as SQLite's does, and timestamps
-- are fixed-width RFC 3339 text in UTC.

-- One row per key a client sent with a generate request, scoped to the
-- project. The unique primary key is what lets only one of two
-- concurrent requests with the same key generate; `request_hash` tells a
-- retry from a different request, `request_id` finds the recorded result
-- (a generation record, or the job of an asynchronous request).
CREATE TABLE idempotency_keys (
    project_id TEXT COLLATE "C" NOT NULL,
    idempotency_key TEXT COLLATE "C" NOT NULL,
    request_hash TEXT COLLATE "C" NOT NULL,
    request_id TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (project_id, idempotency_key)
);

-- A generation that runs in the background. A worker claims a job by
-- writing its name into `lease_owner` and a deadline into `lease_until`,
-- renews the deadline while it works, and loses the job to another worker
-- once the deadline passes. `written` counts the packages stored so far,
-- always the indices 0 to written - 1.
CREATE TABLE jobs (
    id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    project_id TEXT COLLATE "C" NOT NULL,
    flow_reference TEXT COLLATE "C" NOT NULL,
    principal TEXT COLLATE "C" NOT NULL,
    request TEXT COLLATE "C" NOT NULL,
    seed BIGINT NOT NULL,
    total BIGINT NOT NULL,
    written BIGINT NOT NULL,
    status TEXT COLLATE "C" NOT NULL,
    lease_owner TEXT COLLATE "C",
    lease_until TEXT COLLATE "C",
    attempts BIGINT NOT NULL,
    error TEXT COLLATE "C",
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    finished_at TEXT COLLATE "C"
);

CREATE INDEX jobs_by_status ON jobs (status, created_at, id);

-- The packages of a job, stored as they are written. The primary key
-- means no index is ever stored twice, whichever worker writes it.
CREATE TABLE job_packages (
    job_id TEXT COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    package_index BIGINT NOT NULL,
    package TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (job_id, package_index)
);
