//! Import: the shapes a flow arrives in, normalised to [`FlowDocument`]s.
//!
//! - a JSON document `{ "flow", "chart": { "nodes", "relations" }, "aiAgents" }`;
//! - a package export, zipped or as an unpacked folder.

use std::path::Path;

use crate::document::FlowDocument;

/// Why a flow could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read `{path}`: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("not a flow document: {0}")]
    Invalid(String),
}

/// Imports every flow in a file (JSON document or zip) or an export folder.
pub fn import_path(path: &Path) -> Result<Vec<FlowDocument>, ImportError> {
    let _ = path;
    Err(ImportError::Invalid("not yet readable".into()))
}

/// Imports every flow in a body: a JSON document or the bytes of a zip.
pub fn import_bytes(bytes: &[u8]) -> Result<Vec<FlowDocument>, ImportError> {
    let _ = bytes;
    Err(ImportError::Invalid("not yet readable".into()))
}
