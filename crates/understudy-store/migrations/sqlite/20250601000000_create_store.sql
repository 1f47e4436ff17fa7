-- Projects, flows, API keys and generation records.
-- Portable SQL: it runs unchanged on SQLite and PostgreSQL. Timestamps are
-- RFC 3339 text in UTC with a fixed width, so text order is time order.

CREATE TABLE projects (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL
);

-- One row per flow in a project; a flow is known by its `_id` and by its
-- `referenceId`, and both are unique within the project.
CREATE TABLE flows (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    reference_id TEXT NOT NULL,
    name TEXT NOT NULL,
    document TEXT NOT NULL,
    jobs BIGINT NOT NULL,
    tools BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (project_id, id)
);

CREATE UNIQUE INDEX flows_by_reference ON flows (project_id, reference_id);

CREATE INDEX flows_by_name ON flows (project_id, name);

-- Only a hash of each secret is kept; `id` is the key id that the secret
-- carries in clear, so a presented secret finds its row directly.
CREATE TABLE api_keys (
    id TEXT NOT NULL PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE INDEX api_keys_by_project ON api_keys (project_id, created_at);

-- A record of every generation, failed ones included. No foreign keys: a
-- request may name a project or flow that does not exist, and the record
-- outlives a deleted flow.
CREATE TABLE generations (
    request_id TEXT NOT NULL PRIMARY KEY,
    project_id TEXT NOT NULL,
    flow_reference TEXT NOT NULL,
    principal TEXT NOT NULL,
    model TEXT NOT NULL,
    status INTEGER NOT NULL,
    request TEXT NOT NULL,
    response TEXT NOT NULL,
    duration_ms BIGINT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX generations_by_time ON generations (project_id, created_at, request_id);

CREATE INDEX generations_by_flow ON generations (project_id, flow_reference, created_at, request_id);
