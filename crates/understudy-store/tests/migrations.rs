//! The two backends' migrations: a twin for every version, saying the
//! same thing in each dialect.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The migrations of one backend, by file name, with comment lines and
/// blank lines left out.
fn statements(backend: &str) -> BTreeMap<String, String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);

    fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let text = fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, without_comments(&text))
        })
        .collect()
}

fn without_comments(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// PostgreSQL's twin differs only in comparing text byte by byte, which
/// SQLite does anyway; anything else added to one must go in both.
#[test]
fn gives_every_migration_an_equivalent_twin_on_the_other_backend() {
    let sqlite = statements("sqlite");
    let postgres = statements("postgres");

    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>()
    );
    assert!(!sqlite.is_empty());
    for (name, statements) in &postgres {
        assert_eq!(
            statements.replace(r#" COLLATE "C""#, ""),
            sqlite[name],
            "{name}"
        );
    }
}
