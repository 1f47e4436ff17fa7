//! A generation written in chunks, each knowing the packages before it,
//! is the generation written in one call: no name, title or text repeats
//! across chunks, and a worker that takes over midway continues it.

mod common;

use understudy_persona::continuation::{Written, check_after, write_after};
use understudy_persona::plan::plan;
use understudy_persona::writer::{UsageMeter, WriteContext};
use understudy_persona::{OfflineWriter, PersonaPackage};

use common::{bank, block_on, spec};

/// Writes `packages` packages ten at a time, remembering each chunk.
fn chunked(packages: usize, seed: u64) -> Vec<PersonaPackage> {
    let capabilities = bank();
    let scope = capabilities.scope(None).unwrap();
    let spec = spec(packages, 3, seed);
    let plans = plan(&scope, &spec);
    let usage = UsageMeter::default();
    let context = WriteContext {
        scope: &scope,
        spec: &spec,
        deadline: None,
        usage: &usage,
    };

    let mut written = Written::default();
    let mut all = Vec::new();
    for chunk in plans.chunks(10) {
        let packages = block_on(write_after(&OfflineWriter, context, &written, chunk)).unwrap();
        let problems = check_after(&written, &packages, all.len(), &scope, &spec);
        assert_eq!(problems, [], "chunk from {}", all.len());
        for package in &packages {
            written.push(package);
        }
        all.extend(packages);
    }
    all
}

#[test]
fn writes_in_chunks_exactly_what_one_call_writes() {
    let capabilities = bank();
    let scope = capabilities.scope(None).unwrap();
    let spec = spec(300, 3, 11);
    let plans = plan(&scope, &spec);
    let usage = UsageMeter::default();
    let context = WriteContext {
        scope: &scope,
        spec: &spec,
        deadline: None,
        usage: &usage,
    };

    let whole = OfflineWriter.write_packages(context, &plans);

    assert_eq!(chunked(300, 11), whole);
}

#[test]
fn keeps_persona_names_unique_across_five_hundred_packages_in_chunks() {
    let packages = chunked(500, 3);

    let names: std::collections::BTreeSet<_> = packages
        .iter()
        .map(|p| p.persona_name.to_lowercase())
        .collect();
    let titles: std::collections::BTreeSet<_> = packages
        .iter()
        .map(|p| p.simulation_name.to_lowercase())
        .collect();
    assert_eq!(packages.len(), 500);
    assert_eq!(names.len(), 500);
    assert_eq!(titles.len(), 500);
}

#[test]
fn reports_a_name_an_earlier_chunk_already_used() {
    let capabilities = bank();
    let scope = capabilities.scope(None).unwrap();
    let spec = spec(20, 3, 5);
    let packages = chunked(20, 5);
    let mut written = Written::default();
    for package in &packages[..10] {
        written.push(package);
    }
    let mut second = packages[10..].to_vec();
    second[3].persona_name = packages[2].persona_name.clone();

    let problems = check_after(&written, &second, 10, &scope, &spec);

    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].package, Some(13));
    assert_eq!(
        problems[0].message,
        format!(
            "personaName `{}` is also used by an earlier package",
            packages[2].persona_name
        )
    );
}
