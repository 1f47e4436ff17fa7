//! The store: projects, flows, API keys, and a record of every generation.
//!
//! SQLite in a data directory is the embedded default. Every read goes to
//! the database, so a CLI and a server sharing a data directory see each
//! other's writes at once. Several handles, in one process or several,
//! may write the same file: writes wait for each other (up to a busy
//! timeout) rather than fail.
//!
//! Only SQLite is served so far. The SQL lives in one module and keeps to
//! what PostgreSQL also accepts, so a PostgreSQL backend chosen by
//! `DATABASE_URL` can be added beside it with the same migrations.
//!
//! The crate knows nothing of flow or persona types: projects are plain
//! strings, and documents, requests and responses are stored as JSON.

mod error;
mod flows;
mod generations;
mod keys;
mod projects;
mod secret;
mod sql;
mod store;
mod timestamp;

pub use error::StoreError;
pub use flows::{FlowSummary, NewFlow, PutOutcome, StoredFlow};
pub use generations::{GenerationCursor, GenerationPage, GenerationRecord, MalformedCursor};
pub use keys::{KeyPrincipal, KeySummary, NewKey, Role, UnknownRole};
pub use store::{DATABASE_FILE, Store};
