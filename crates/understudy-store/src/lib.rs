//! The store: projects, flows, API keys, a record of every generation,
//! idempotency keys, and generation jobs with the packages they wrote.
//!
//! Two backends serve the same schema and the same behaviour. SQLite in a
//! data directory is the embedded default: a CLI and a server sharing a
//! data directory see each other's writes at once, and writes wait for
//! each other rather than fail. PostgreSQL, chosen by a `postgres://`
//! URL, serves when several instances share one database: flow writes
//! lock their project's row, and migrations run under the migrator's
//! advisory lock, so instances may write and start at the same time.
//!
//! Callers hold a [`Store`] and never see which backend is beneath it.
//! The SQL lives in one module and is shared wherever the dialects agree;
//! each backend has its own migrations folder, kept equivalent.
//!
//! The crate knows nothing of flow or persona types: projects are plain
//! strings, and documents, requests and responses are stored as JSON.

mod backend;
mod error;
mod flows;
mod generations;
mod health;
mod idempotency;
mod jobs;
mod keys;
mod projects;
mod secret;
mod sql;
mod store;
mod timestamp;

pub use backend::Backend;
pub use backend::sqlite::DATABASE_FILE;
pub use error::StoreError;
pub use flows::{FlowSummary, NewFlow, PutOutcome, StoredFlow};
pub use generations::{GenerationCursor, GenerationPage, GenerationRecord, MalformedCursor};
pub use idempotency::{IdempotencyClaim, IdempotencyRecord};
pub use jobs::{Job, JobStatus, NewJob};
pub use keys::{KeyPrincipal, KeySummary, NewKey, Role, UnknownRole};
pub use store::Store;
