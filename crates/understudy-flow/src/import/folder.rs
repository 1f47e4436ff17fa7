//! Reading an unpacked package export (or one file) from disk into memory,
//! under [`ImportLimits`]. Only `index.json` and the resource folders import
//! needs are read.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::package::{Budget, PackageFiles, RESOURCE_FOLDERS};
use super::{ImportError, ImportLimits};

/// Reads one file, refusing one larger than the limits allow.
pub(super) fn read_file(path: &Path, limits: &ImportLimits) -> Result<Vec<u8>, ImportError> {
    let mut budget = Budget::new(limits);
    read_within(path, &mut budget)
}

/// Reads the files import needs from an export folder; the package may sit
/// in the folder itself or in its one subfolder that holds `index.json`.
pub(super) fn read(path: &Path, limits: &ImportLimits) -> Result<PackageFiles, ImportError> {
    let root = package_root(path)?;
    let mut budget = Budget::new(limits);
    let mut files = PackageFiles::default();

    files.insert(
        "index.json",
        read_within(&root.join("index.json"), &mut budget)?,
    );

    let mut count = 1;
    for folder in RESOURCE_FOLDERS {
        for file in resource_files(&root.join(folder))? {
            count += 1;
            if count > limits.max_entries {
                return Err(ImportError::TooManyEntries {
                    limit: limits.max_entries,
                });
            }
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            let relative = format!("{folder}/{name}");
            files.insert(&relative, read_within(&file, &mut budget)?);
        }
    }

    tracing::debug!(root = %root.display(), kept = files.resources.len(), "read package folder");
    Ok(files)
}

/// Where `index.json` sits: in `path`, or in its only subfolder holding one.
fn package_root(path: &Path) -> Result<PathBuf, ImportError> {
    if path.join("index.json").is_file() {
        return Ok(path.to_owned());
    }

    let mut candidates: Vec<PathBuf> = list(path)?
        .into_iter()
        .filter(|entry| entry.is_dir() && entry.join("index.json").is_file())
        .collect();
    match candidates.len() {
        1 => Ok(candidates.remove(0)),
        _ => Err(ImportError::MissingIndex),
    }
}

/// The plain, visible files of a resource folder, sorted; none when the
/// folder is absent.
fn resource_files(folder: &Path) -> Result<Vec<PathBuf>, ImportError> {
    if !folder.is_dir() {
        return Ok(Vec::new());
    }

    let files = list(folder)?
        .into_iter()
        .filter(|file| file.is_file())
        .filter(|file| {
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            !name.starts_with('.')
        })
        .collect();
    Ok(files)
}

/// A folder's entries, sorted so that import does not depend on the order
/// the file system lists them in.
fn list(folder: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let failed = |source| ImportError::Read {
        path: folder.display().to_string(),
        source,
    };

    let mut entries = fs::read_dir(folder)
        .map_err(failed)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(failed)?;
    entries.sort();
    Ok(entries)
}

/// Reads a file, never more than the budget allows.
fn read_within(path: &Path, budget: &mut Budget) -> Result<Vec<u8>, ImportError> {
    let name = path.display().to_string();
    let failed = |source| ImportError::Read {
        path: name.clone(),
        source,
    };

    let file = File::open(path).map_err(failed)?;
    let declared = file.metadata().map_err(failed)?.len();
    let allowance = budget.allowance();
    if declared > allowance {
        budget.spend(&name, declared)?;
    }

    let mut contents = Vec::new();
    file.take(allowance + 1)
        .read_to_end(&mut contents)
        .map_err(failed)?;
    budget.spend(&name, contents.len() as u64)?;
    Ok(contents)
}
