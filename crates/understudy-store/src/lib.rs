//! The store: projects, flows, API keys, and a record of every generation.
//!
//! SQLite in a data directory is the embedded default. Every read goes to
//! the database, so a CLI and a server sharing a data directory see each
//! other's writes at once.
