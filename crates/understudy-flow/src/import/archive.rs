//! Reading a zipped package export into memory, under [`ImportLimits`].
//!
//! Entry sizes are checked twice: against what the archive declares, then
//! against what actually unpacks, since a hostile archive may lie.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::read::ZipFile;

use super::package::{Budget, PackageFiles, is_wanted, root_prefix};
use super::{ImportError, ImportLimits};

/// Reads the files import needs from the bytes of a zip.
pub(super) fn read(bytes: &[u8], limits: &ImportLimits) -> Result<PackageFiles, ImportError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| ImportError::NotAZip(error.to_string()))?;
    if archive.len() > limits.max_entries {
        return Err(ImportError::TooManyEntries {
            limit: limits.max_entries,
        });
    }

    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    if let Some(unsafe_name) = names.iter().find(|name| !is_safe(name)) {
        return Err(ImportError::UnsafeEntryName {
            name: unsafe_name.clone(),
        });
    }
    let prefix = root_prefix(names.iter().map(String::as_str)).ok_or(ImportError::MissingIndex)?;

    let mut files = PackageFiles::default();
    let mut budget = Budget::new(limits);
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|error| ImportError::NotAZip(error.to_string()))?;
        let name = entry.name().to_owned();
        let Some(relative) = name.strip_prefix(&prefix) else {
            continue;
        };
        if entry.is_dir() || !is_wanted(relative) {
            continue;
        }
        let contents = unpack(&mut entry, &name, &mut budget)?;
        files.insert(relative, contents);
    }

    tracing::debug!(
        entries = names.len(),
        kept = files.resources.len(),
        "read package archive"
    );
    Ok(files)
}

/// Unpacks one entry, never reading more than the budget allows.
fn unpack(
    entry: &mut ZipFile<'_, Cursor<&[u8]>>,
    name: &str,
    budget: &mut Budget,
) -> Result<Vec<u8>, ImportError> {
    let allowance = budget.allowance();
    if entry.size() > allowance {
        budget.spend(name, entry.size())?;
    }

    let mut contents = Vec::new();
    entry
        .take(allowance + 1)
        .read_to_end(&mut contents)
        .map_err(|error| ImportError::NotAZip(format!("`{name}`: {error}")))?;
    budget.spend(name, contents.len() as u64)?;
    Ok(contents)
}

/// Whether an entry name stays inside the archive: relative, no `..`, no
/// drive letters or backslashes, no NUL.
fn is_safe(name: &str) -> bool {
    let relative = !name.starts_with('/') && !name.contains(':');
    let plain = !name.contains('\\') && !name.contains('\0');
    relative && plain && name.split('/').all(|part| part != "..")
}

#[cfg(test)]
mod tests {
    use super::is_safe;

    #[test]
    fn accepts_plain_relative_entry_names() {
        assert!(is_safe("travel/flow/64b7f0c2a1d3e4f5a6b7c8d9"));
        assert!(is_safe("index.json"));
    }

    #[test]
    fn rejects_names_that_climb_out_or_are_absolute() {
        assert!(!is_safe("../index.json"));
        assert!(!is_safe("flow/../../etc/passwd"));
        assert!(!is_safe("/etc/passwd"));
        assert!(!is_safe("C:\\flow\\x"));
    }
}
