//! Grounding: every value an expected call carries is stated in the
//! mission, in every category and language, and a tool whose schema was
//! rejected is expected without arguments by no criterion.

mod common;

use std::path::Path;

use common::{run, utility, worried};
use understudy_flow::{Capabilities, discover, import_path};
use understudy_persona::check::grounding::unstated;
use understudy_persona::plan::plan;
use understudy_persona::quality::synthetic::synthetic_flow;
use understudy_persona::{Category, Language, PersonaPackage};

/// Every expected value a package's mission leaves unstated.
fn unstated_values(packages: &[PersonaPackage]) -> Vec<(usize, String)> {
    let mut missing = Vec::new();
    for (index, package) in packages.iter().enumerate() {
        for criterion in &package.success_criteria {
            if let Some(call) = &criterion.params.expected_tool_call {
                for value in unstated(&package.mission, &call.arguments) {
                    missing.push((index, value));
                }
            }
        }
    }
    missing
}

fn example_flows() -> Vec<Capabilities> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    [
        "flows/banking-support.json",
        "flows/retail-orders.json",
        "exports/travel-desk",
    ]
    .iter()
    .flat_map(|path| import_path(&root.join(path)).unwrap())
    .map(|document| discover(&document))
    .collect()
}

/// A list of three readings was stated as "meter type electricity,
/// reading 420000 and meter type electricity": the rest was cut.
#[test]
fn every_reading_of_a_list_is_stated_in_the_mission() {
    for seed in 0..6 {
        let generation = run(&utility(), &worried(24, 3, seed, Language::En));
        let readings: Vec<&PersonaPackage> = generation
            .packages
            .iter()
            .filter(|p| p.focus.tools.iter().any(|t| t == "submit_meter_reading"))
            .collect();
        assert!(!readings.is_empty());
        assert_eq!(unstated_values(&generation.packages), vec![], "seed {seed}");
    }
}

/// Unhappy paths carried exact expected arguments and no facts at all, and
/// German missions named none.
#[test]
fn unhappy_and_german_missions_state_every_expected_value() {
    for language in [Language::En, Language::De] {
        for seed in 0..4 {
            let generation = run(&utility(), &worried(30, 4, seed, language));
            let unhappy = generation
                .packages
                .iter()
                .filter(|p| p.category == Category::UnhappyPath)
                .count();
            assert!(unhappy > 0);
            assert_eq!(unstated_values(&generation.packages), vec![]);
        }
    }
}

#[test]
fn the_example_flows_state_every_value_for_up_to_a_hundred_packages() {
    for flow in example_flows() {
        for language in [Language::En, Language::De] {
            for packages in [1, 7, 100] {
                let asked = worried(packages, 4, packages as u64 + 3, language);
                let generation = run(&flow, &asked);
                assert_eq!(unstated_values(&generation.packages), vec![]);
            }
        }
    }
}

#[test]
fn synthetic_flows_state_every_value_for_a_hundred_packages() {
    for seed in 0..3 {
        let flow = discover(&synthetic_flow(20, seed));
        for language in [Language::En, Language::De] {
            let generation = run(&flow, &worried(100, 3, seed, language));
            assert_eq!(unstated_values(&generation.packages), vec![]);
        }
    }
}

/// `compare_tariffs`, whose schema was not valid JSON, was expected with
/// `arguments: {}`.
#[test]
fn a_tool_whose_schema_was_rejected_gets_a_criterion_without_an_expected_call() {
    let flow = utility();
    let asked = worried(18, 3, 5, Language::En);
    let plans = plan(&flow.scope(None).unwrap(), &asked);
    let planned = plans
        .iter()
        .flat_map(|p| &p.tools)
        .find(|t| t.tool_id == "compare_tariffs")
        .expect("every tool is planned within 18 packages");
    assert!(planned.parameters_unusable);

    let generation = run(&flow, &asked);
    let comparing: Vec<&PersonaPackage> = generation
        .packages
        .iter()
        .filter(|p| p.focus.tools.iter().any(|t| t == "compare_tariffs"))
        .collect();
    assert!(!comparing.is_empty());
    for package in comparing {
        let calls: Vec<&str> = package
            .success_criteria
            .iter()
            .filter_map(|c| c.params.expected_tool_call.as_ref())
            .map(|call| call.tool.as_str())
            .collect();
        assert!(!calls.contains(&"compare_tariffs"), "{calls:?}");
        assert!(
            package
                .success_criteria
                .iter()
                .any(|c| c.params.text.contains("compare_tariffs"))
        );
    }
}
