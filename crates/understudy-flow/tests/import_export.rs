//! Importing package exports: zipped (with or without a wrapping folder)
//! and unpacked, and the ways a package can be refused.

mod common;

use std::path::Path;

use common::*;
use serde_json::json;
use understudy_flow::{
    FlowDocument, ImportError, ImportLimits, discover, import_bytes, import_bytes_with, import_path,
};

fn write_folder(root: &Path, files: &[(String, Vec<u8>)]) {
    for (name, contents) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

/// What every import of `package_files()` must give.
fn assert_is_the_test_package(flows: &[FlowDocument]) {
    assert_eq!(flows.len(), 1);
    let flow = &flows[0];
    assert_eq!(flow.flow.id, "65f000000000000000000009");
    assert_eq!(flow.flow.reference_id, "f-ref");
    assert_eq!(flow.flow.name, "Exported");
    assert_eq!(flow.nodes.len(), 2);
    assert_eq!(flow.relations.len(), 2);
    assert_eq!(flow.ai_agents.len(), 1);

    let capabilities = discover(flow);
    assert_eq!(tool_ids(&capabilities), vec!["unlock"]);
    assert_eq!(capabilities.jobs[0].agent.as_ref().unwrap().name, "Ava");
    assert_eq!(capabilities.warnings, vec![]);
}

fn replace(files: &mut [(String, Vec<u8>)], name: &str, value: serde_json::Value) {
    let entry = files.iter_mut().find(|(n, _)| n == name).unwrap();
    entry.1 = value.to_string().into_bytes();
}

#[test]
fn imports_a_zipped_package() {
    assert_is_the_test_package(&import_bytes(&zip(&package_files())).unwrap());
}

#[test]
fn imports_a_zipped_package_wrapped_in_one_folder() {
    let files = wrapped(package_files(), "travel-desk");
    assert_is_the_test_package(&import_bytes(&zip(&files)).unwrap());
}

#[test]
fn imports_an_unpacked_package_folder() {
    let folder = tempfile::tempdir().unwrap();
    write_folder(folder.path(), &package_files());
    assert_is_the_test_package(&import_path(folder.path()).unwrap());
}

#[test]
fn imports_a_folder_whose_only_subfolder_holds_the_package() {
    let folder = tempfile::tempdir().unwrap();
    write_folder(folder.path(), &wrapped(package_files(), "export"));
    assert_is_the_test_package(&import_path(folder.path()).unwrap());
}

#[test]
fn imports_a_zip_file_by_path() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("package.zip");
    std::fs::write(&path, zip(&package_files())).unwrap();
    assert_is_the_test_package(&import_path(&path).unwrap());
}

#[test]
fn tolerates_resource_files_with_a_json_extension() {
    let files: Vec<_> = package_files()
        .into_iter()
        .map(|(name, contents)| match name.as_str() {
            "index.json" => (name, contents),
            _ => (format!("{name}.json"), contents),
        })
        .collect();
    assert_is_the_test_package(&import_bytes(&zip(&files)).unwrap());
}

#[test]
fn imports_every_flow_with_only_the_nodes_of_its_own_chart() {
    let mut files = package_files();
    let second_chart = "65c000000000000000000002";
    let second_flow = "65f00000000000000000000a";
    let mut job = node(
        "65b000000000000000000003",
        "aiAgentJob",
        "Other",
        job_config(),
    );
    job["chartReference"] = json!(second_chart);
    files.extend(
        [
            (
                format!("flow/{second_flow}"),
                json!({"_id": second_flow, "referenceId": "g-ref", "name": "Second"}),
            ),
            (
                format!("chart/{second_chart}"),
                json!({"_id": second_chart, "resourceReference": second_flow, "relations": []}),
            ),
            ("nodeData/65b000000000000000000003".to_owned(), job),
        ]
        .map(|(name, value)| (name, value.to_string().into_bytes())),
    );

    let flows = import_bytes(&zip(&files)).unwrap();
    let names: Vec<_> = flows
        .iter()
        .map(|f| (f.flow.name.as_str(), f.nodes.len()))
        .collect();
    assert_eq!(names, vec![("Exported", 2), ("Second", 1)]);
    assert_eq!(flows[1].ai_agents.len(), 1);
}

#[test]
fn refuses_a_package_without_an_index() {
    let files: Vec<_> = package_files()
        .into_iter()
        .filter(|(n, _)| n != "index.json")
        .collect();
    assert!(matches!(
        import_bytes(&zip(&files)),
        Err(ImportError::MissingIndex)
    ));

    let folder = tempfile::tempdir().unwrap();
    write_folder(folder.path(), &files);
    assert!(matches!(
        import_path(folder.path()),
        Err(ImportError::MissingIndex)
    ));
}

#[test]
fn refuses_an_index_that_is_not_a_package() {
    let mut files = package_files();
    replace(
        &mut files,
        "index.json",
        json!({"type": "snapshot", "name": "Test"}),
    );

    let error = import_bytes(&zip(&files)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`index.json` does not describe a package: its `type` is `snapshot`, not `package`"
    );
}

#[test]
fn refuses_a_flow_whose_chart_is_not_in_the_package() {
    let files: Vec<_> = package_files()
        .into_iter()
        .filter(|(n, _)| !n.starts_with("chart/"))
        .collect();

    let error = import_bytes(&zip(&files)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "flow `Exported (65f000000000000000000009)` has no chart in the package"
    );
}

#[test]
fn refuses_a_package_with_no_flow() {
    let files: Vec<_> = package_files()
        .into_iter()
        .filter(|(n, _)| !n.starts_with("flow/"))
        .collect();
    assert!(matches!(
        import_bytes(&zip(&files)),
        Err(ImportError::NoFlows)
    ));
}

#[test]
fn names_the_resource_file_that_is_not_json() {
    let mut files = package_files();
    files[1].1 = b"{ \"_id\": ".to_vec();

    match import_bytes(&zip(&files)).unwrap_err() {
        ImportError::Json { file, line, .. } => {
            assert_eq!(file, "flow/65f000000000000000000009");
            assert_eq!(line, 1);
        }
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn names_the_resource_that_lacks_a_field() {
    let mut files = package_files();
    replace(
        &mut files,
        "nodeData/65b000000000000000000002",
        json!({"_id": "65b000000000000000000002"}),
    );

    let error = import_bytes(&zip(&files)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "not a flow document: `nodeData/65b000000000000000000002` has no `type`"
    );
}

#[test]
fn refuses_bytes_that_look_like_a_zip_but_are_not() {
    let error = import_bytes(b"PK\x03\x04 certainly not a zip").unwrap_err();
    assert!(matches!(error, ImportError::NotAZip(_)), "{error:?}");
}

#[test]
fn refuses_an_entry_name_that_climbs_out_of_the_archive() {
    let mut files = package_files();
    files.push(("../../etc/cron.d/evil".to_owned(), b"x".to_vec()));

    let error = import_bytes(&zip(&files)).unwrap_err();
    assert!(
        matches!(&error, ImportError::UnsafeEntryName { name } if name == "../../etc/cron.d/evil"),
        "{error:?}"
    );
}

#[test]
fn refuses_an_entry_that_unpacks_beyond_the_per_file_limit() {
    let mut files = package_files();
    // Compresses to a few hundred bytes, unpacks to a megabyte.
    files.push((
        "aiAgent/65aa0000000000000000000f".to_owned(),
        vec![b' '; 1 << 20],
    ));
    let limits = ImportLimits {
        max_entry_bytes: 64 * 1024,
        ..ImportLimits::default()
    };

    let error = import_bytes_with(&zip(&files), &limits).unwrap_err();
    assert!(
        matches!(&error, ImportError::EntryTooLarge { name, limit: 65536 } if name == "aiAgent/65aa0000000000000000000f"),
        "{error:?}"
    );
}

#[test]
fn refuses_a_package_beyond_the_total_limit() {
    let limits = ImportLimits {
        max_total_bytes: 600,
        ..ImportLimits::default()
    };

    let error = import_bytes_with(&zip(&package_files()), &limits).unwrap_err();
    assert!(
        matches!(error, ImportError::TooLarge { limit: 600 }),
        "{error:?}"
    );
}

#[test]
fn refuses_an_archive_with_too_many_entries() {
    let limits = ImportLimits {
        max_entries: 3,
        ..ImportLimits::default()
    };

    let error = import_bytes_with(&zip(&package_files()), &limits).unwrap_err();
    assert!(
        matches!(error, ImportError::TooManyEntries { limit: 3 }),
        "{error:?}"
    );
}

#[test]
fn does_not_unpack_entries_outside_the_folders_it_reads() {
    let mut files = package_files();
    files.push((
        "knowledgeStore/65e000000000000000000001".to_owned(),
        vec![b' '; 1 << 20],
    ));
    let limits = ImportLimits {
        max_entry_bytes: 64 * 1024,
        ..ImportLimits::default()
    };

    assert_is_the_test_package(&import_bytes_with(&zip(&files), &limits).unwrap());
}
