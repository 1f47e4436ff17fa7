//! End-to-end generation with the offline writer: counts, determinism,
//! checks across sizes, flows without tools.

mod common;

use common::{bank, block_on, capabilities, many_tools, run, spec};
use understudy_persona::{GenerateError, OfflineWriter, generate};

#[test]
fn writes_exactly_the_requested_packages_and_criteria() {
    let generation = run(&bank(), &spec(7, 5, 1));
    assert_eq!(generation.packages.len(), 7);
    for package in &generation.packages {
        assert_eq!(package.success_criteria.len(), 5);
    }
    assert_eq!(generation.model, "understudy-offline");
    assert!(generation.warnings.is_empty());
}

#[test]
fn the_same_seed_gives_identical_bytes() {
    let first = serde_json::to_vec(&run(&bank(), &spec(12, 4, 42)).packages).unwrap();
    let second = serde_json::to_vec(&run(&bank(), &spec(12, 4, 42)).packages).unwrap();
    assert_eq!(first, second);
}

#[test]
fn different_seeds_give_different_packages() {
    let first = serde_json::to_vec(&run(&bank(), &spec(5, 4, 1)).packages).unwrap();
    let second = serde_json::to_vec(&run(&bank(), &spec(5, 4, 2)).packages).unwrap();
    assert_ne!(first, second);
}

#[test]
fn passes_every_check_for_many_sizes() {
    for packages in [1, 3, 20, 100] {
        for criteria in [1, 4, 10] {
            for flow in [bank(), many_tools(3), capabilities(Vec::new())] {
                let generation = run(&flow, &spec(packages, criteria, packages as u64 * 31));
                assert_eq!(generation.packages.len(), packages);
            }
        }
    }
}

#[test]
fn passes_every_check_in_german() {
    for packages in [1, 20, 100] {
        let mut german = spec(packages, 10, 9);
        german.language = understudy_persona::Language::De;
        assert_eq!(run(&bank(), &german).packages.len(), packages);
    }
}

#[test]
fn a_flow_without_jobs_still_gets_packages_and_a_warning() {
    let generation = run(&capabilities(Vec::new()), &spec(4, 3, 5));
    assert_eq!(generation.packages.len(), 4);
    assert_eq!(generation.warnings.len(), 1);
    assert_eq!(generation.warnings[0].code, "NO_AI_AGENT");
    for package in &generation.packages {
        assert!(package.focus.job.is_none());
        assert!(package.focus.tools.is_empty());
        assert!(
            package
                .success_criteria
                .iter()
                .all(|c| c.params.expected_tool_call.is_none())
        );
    }
}

#[test]
fn tool_criteria_carry_the_planned_call() {
    let generation = run(&bank(), &spec(6, 3, 8));
    for package in &generation.packages {
        let call = package.success_criteria[0]
            .params
            .expected_tool_call
            .as_ref()
            .unwrap();
        assert_eq!(call.tool, "block_card");
        let arguments = call.arguments.as_object().unwrap();
        assert_eq!(arguments.len(), 2, "{arguments:?}");
        let card = arguments["card_number"].as_str().unwrap();
        assert!(
            package.mission.contains(card),
            "{} lacks {card}",
            package.mission
        );
    }
}

#[test]
fn a_writer_with_too_few_packages_fails_the_check() {
    struct Short;

    #[async_trait::async_trait]
    impl understudy_persona::Writer for Short {
        fn model(&self) -> String {
            "short".to_owned()
        }

        async fn write(
            &self,
            context: understudy_persona::writer::WriteContext<'_>,
            plans: &[understudy_persona::PackagePlan],
        ) -> Result<Vec<understudy_persona::PersonaPackage>, understudy_persona::WriteError>
        {
            Ok(OfflineWriter.write_packages(context, &plans[1..]))
        }
    }

    let flow = bank();
    let scope = flow.scope(None).unwrap();
    let error = block_on(generate(&scope, &spec(3, 2, 1), &Short)).unwrap_err();
    let GenerateError::Check(problems) = error else {
        panic!("expected a check failure")
    };
    assert_eq!(problems[0].message, "expected 3 packages, got 2");
}
