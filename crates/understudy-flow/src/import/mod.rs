//! Import: the shapes a flow arrives in, normalised to [`FlowDocument`]s.
//!
//! - a JSON document `{ "flow", "chart": { "nodes", "relations" }, "aiAgents" }`;
//! - a package export, zipped or as an unpacked folder.
//!
//! Everything is read into memory and nothing is ever written to disk, so an
//! archive's entry names cannot reach outside it. Archives and folders are
//! read under [`ImportLimits`], which bound what one import may cost.

mod archive;
mod document;
mod export;
mod fields;
mod folder;
mod package;
mod resources;

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
    #[error("`{file}` is not valid JSON (line {line}, column {column}): {message}")]
    Json {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("not a readable zip archive: {0}")]
    NotAZip(String),
    #[error("the package has no `index.json`")]
    MissingIndex,
    #[error("`index.json` does not describe a package: {0}")]
    NotAPackage(String),
    #[error("the package holds no flow")]
    NoFlows,
    #[error("flow `{flow}` has no chart in the package")]
    FlowWithoutChart { flow: String },
    #[error("archive entry `{name}` has an unsafe name")]
    UnsafeEntryName { name: String },
    #[error("`{name}` is larger than the {limit}-byte limit for one file")]
    EntryTooLarge { name: String, limit: u64 },
    #[error("the import is larger than the {limit}-byte limit in total")]
    TooLarge { limit: u64 },
    #[error("the archive holds more than {limit} entries")]
    TooManyEntries { limit: usize },
}

/// Bounds on what one import may read, so that a hostile archive (a zip
/// bomb, a million tiny entries) fails fast with a typed error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLimits {
    /// The most bytes one file or archive entry may hold once unpacked.
    pub max_entry_bytes: u64,
    /// The most bytes one import may read in total once unpacked.
    pub max_total_bytes: u64,
    /// The most entries an archive may list.
    pub max_entries: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        Self {
            max_entry_bytes: 16 * 1024 * 1024,
            max_total_bytes: 64 * 1024 * 1024,
            max_entries: 20_000,
        }
    }
}

/// Imports every flow in a file (JSON document or zip) or an export folder.
pub fn import_path(path: &Path) -> Result<Vec<FlowDocument>, ImportError> {
    import_path_with(path, &ImportLimits::default())
}

/// [`import_path`] under explicit limits.
pub fn import_path_with(
    path: &Path,
    limits: &ImportLimits,
) -> Result<Vec<FlowDocument>, ImportError> {
    if path.is_dir() {
        let files = folder::read(path, limits)?;
        return export::flows(&files);
    }

    let bytes = folder::read_file(path, limits)?;
    import_bytes_with(&bytes, limits)
}

/// Imports every flow in a body: a JSON document or the bytes of a zip.
pub fn import_bytes(bytes: &[u8]) -> Result<Vec<FlowDocument>, ImportError> {
    import_bytes_with(bytes, &ImportLimits::default())
}

/// [`import_bytes`] under explicit limits.
pub fn import_bytes_with(
    bytes: &[u8],
    limits: &ImportLimits,
) -> Result<Vec<FlowDocument>, ImportError> {
    if bytes.starts_with(b"PK") {
        let files = archive::read(bytes, limits)?;
        return export::flows(&files);
    }

    if bytes.len() as u64 > limits.max_total_bytes {
        return Err(ImportError::TooLarge {
            limit: limits.max_total_bytes,
        });
    }
    let flow = document::flow(bytes)?;
    Ok(vec![flow])
}
