//! A package export held in memory: `index.json` and the resource files of
//! the folders import reads, whether they came from a zip or a folder.

use std::collections::BTreeMap;

use super::{ImportError, ImportLimits};

/// The resource folders import reads; every other folder is ignored.
pub(super) const RESOURCE_FOLDERS: [&str; 4] = ["flow", "chart", "nodeData", "aiAgent"];

/// The files of one package, by their path relative to the package root.
#[derive(Debug, Default)]
pub(super) struct PackageFiles {
    pub index: Option<Vec<u8>>,
    /// `(folder, file name)` to contents, sorted so that import is
    /// deterministic whatever order the archive or file system lists.
    pub resources: BTreeMap<(String, String), Vec<u8>>,
}

impl PackageFiles {
    /// Keeps a file if import needs it; `relative` is relative to the root.
    pub(super) fn insert(&mut self, relative: &str, contents: Vec<u8>) {
        if relative == "index.json" {
            self.index = Some(contents);
        } else if let Some((folder, file)) = resource_path(relative) {
            self.resources
                .insert((folder.to_owned(), file.to_owned()), contents);
        }
    }

    /// The resources of one folder, as `(id, contents)`, sorted by id.
    pub(super) fn folder<'a>(
        &'a self,
        wanted: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.resources
            .iter()
            .filter(move |((folder, _), _)| folder == wanted)
            .map(|((_, file), contents)| (resource_id(file), contents.as_slice()))
    }
}

/// Whether a path relative to the package root names a file import reads.
pub(super) fn is_wanted(relative: &str) -> bool {
    relative == "index.json" || resource_path(relative).is_some()
}

/// Splits `folder/file` when the folder is one import reads and the file is
/// a resource (not hidden, not nested deeper).
fn resource_path(relative: &str) -> Option<(&str, &str)> {
    let (folder, file) = relative.split_once('/')?;
    let is_resource = RESOURCE_FOLDERS.contains(&folder)
        && !file.is_empty()
        && !file.contains('/')
        && !file.starts_with('.');
    is_resource.then_some((folder, file))
}

/// A resource's id: its file name, without a `.json` extension if any.
fn resource_id(file: &str) -> &str {
    file.strip_suffix(".json").unwrap_or(file)
}

/// The root of a package among an archive's entry names: where `index.json`
/// sits, either at the top or inside one wrapping folder. `None` when no
/// entry is an `index.json` at either depth.
pub(super) fn root_prefix<'a>(names: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut wrapped = None;
    for name in names {
        if name == "index.json" {
            return Some(String::new());
        }
        if let Some(folder) = name.strip_suffix("/index.json")
            && !folder.is_empty()
            && !folder.contains('/')
            && wrapped.is_none()
        {
            wrapped = Some(format!("{folder}/"));
        }
    }
    wrapped
}

/// Counts the bytes an import has read against its limits.
#[derive(Debug)]
pub(super) struct Budget {
    limits: ImportLimits,
    used: u64,
}

impl Budget {
    pub(super) fn new(limits: &ImportLimits) -> Self {
        Self {
            limits: *limits,
            used: 0,
        }
    }

    /// The most bytes the next file may hold: the smaller of the per-file
    /// limit and what is left of the total.
    pub(super) fn allowance(&self) -> u64 {
        let left = self.limits.max_total_bytes.saturating_sub(self.used);
        self.limits.max_entry_bytes.min(left)
    }

    /// Records a file of `size` bytes, or says which limit it breaks.
    pub(super) fn spend(&mut self, name: &str, size: u64) -> Result<(), ImportError> {
        if size > self.limits.max_entry_bytes {
            return Err(ImportError::EntryTooLarge {
                name: name.to_owned(),
                limit: self.limits.max_entry_bytes,
            });
        }
        if self.used + size > self.limits.max_total_bytes {
            return Err(ImportError::TooLarge {
                limit: self.limits.max_total_bytes,
            });
        }
        self.used += size;
        Ok(())
    }
}
