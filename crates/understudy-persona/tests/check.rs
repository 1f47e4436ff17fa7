//! The check: every way a set of packages can fall short is reported.

mod common;

use serde_json::json;

use common::{bank, run, spec, utility, worried};
use understudy_persona::check::{Problem, check, sentences};
use understudy_persona::{ExpectedToolCall, Language, PersonaPackage};

fn problems_after(change: impl FnOnce(&mut Vec<PersonaPackage>)) -> Vec<Problem> {
    let flow = bank();
    let asked = spec(3, 3, 4);
    let mut packages = run(&flow, &asked).packages;
    change(&mut packages);
    check(&packages, &flow.scope(None).unwrap(), &asked)
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.message.clone()).collect()
}

#[test]
fn good_packages_have_no_problems() {
    assert_eq!(problems_after(|_| {}), vec![]);
}

#[test]
fn reports_a_missing_package() {
    let problems = problems_after(|p| {
        p.pop();
    });
    assert_eq!(messages(&problems), ["expected 3 packages, got 2"]);
}

#[test]
fn reports_a_missing_criterion() {
    let problems = problems_after(|p| {
        p[1].success_criteria.pop();
    });
    assert_eq!(problems[0].package, Some(1));
    assert_eq!(problems[0].message, "expected 3 success criteria, got 2");
}

#[test]
fn reports_empty_and_overlong_fields() {
    let problems = problems_after(|p| {
        p[0].mission = String::new();
        p[2].persona_name = "x".repeat(81);
    });
    let messages = messages(&problems);
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert_eq!(messages[0], "mission is empty");
    assert!(
        messages[1]
            .starts_with("criterion 1 expects `block_card` with values the mission does not state")
    );
    assert_eq!(
        messages[2],
        "personaName has 81 characters, at most 80 allowed"
    );
}

/// A list of readings was cut short in the mission ("reading 420000 and
/// meter type electricity") while the criterion expected every reading.
#[test]
fn reports_the_values_an_expected_call_carries_that_the_mission_leaves_out() {
    let problems = problems_after(|p| {
        p[1].success_criteria[0].params.expected_tool_call = Some(ExpectedToolCall {
            tool: "block_card".to_owned(),
            arguments: json!({ "card_number": "9931", "reason": "stolen" }),
        });
        p[1].mission = "Block the card ending in 9931 at once.".to_owned();
    });
    assert_eq!(
        messages(&problems),
        ["criterion 1 expects `block_card` with values the mission does not state: `stolen`"]
    );
    assert_eq!(problems[0].package, Some(1));
}

#[test]
fn reports_a_one_word_title_and_a_four_sentence_description() {
    let problems = problems_after(|p| {
        p[0].simulation_name = "Block".to_owned();
        p[0].persona_description = "One. Two. Three. Four.".to_owned();
    });
    assert_eq!(
        messages(&problems),
        [
            "simulationName has 1 words, expected 2 to 5",
            "personaDescription has 4 sentences, expected 1 to 3"
        ]
    );
}

#[test]
fn reports_a_criterion_that_is_not_text() {
    let problems = problems_after(|p| p[0].success_criteria[1].kind = "regex".to_owned());
    assert_eq!(
        messages(&problems),
        ["criterion 2 has type `regex`, expected `text`"]
    );
}

#[test]
fn reports_duplicate_names_and_titles() {
    let problems = problems_after(|p| {
        p[1].persona_name = p[0].persona_name.clone();
        p[2].simulation_name = p[0].simulation_name.to_uppercase();
        p[0].success_criteria[2].params.name = p[0].success_criteria[1].params.name.clone();
    });
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert_eq!(problems[0].package, Some(0));
    assert!(
        problems[0]
            .message
            .starts_with("criteria 2 and 3 share the name")
    );
    assert_eq!(problems[1].package, Some(1));
    assert_eq!(problems[2].package, Some(2));
}

#[test]
fn reports_a_call_to_a_tool_outside_the_scope() {
    let problems = problems_after(|p| {
        p[0].success_criteria[0].params.expected_tool_call = Some(ExpectedToolCall {
            tool: "wire_money".to_owned(),
            arguments: json!({}),
        });
    });
    assert_eq!(
        messages(&problems),
        ["criterion 1 expects a call to `wire_money`, which is not in scope"]
    );
}

#[test]
fn reports_arguments_the_schema_rejects() {
    let problems = problems_after(|p| {
        p[0].success_criteria[0].params.expected_tool_call = Some(ExpectedToolCall {
            tool: "block_card".to_owned(),
            arguments: json!({ "reason": "bored" }),
        });
        p[0].mission = format!("{} You are bored.", p[0].mission);
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .message
            .starts_with("criterion 1 calls `block_card` with arguments its schema rejects")
    );
}

#[test]
fn reports_near_duplicate_missions() {
    let problems = problems_after(|p| {
        p[2].mission = format!("{} Now.", p[0].mission);
        p[2].success_criteria = p[0].success_criteria.clone();
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].package, Some(2));
    assert!(
        problems[0]
            .message
            .starts_with("mission is a near-duplicate of package 1's")
    );
}

#[test]
fn counts_sentences_without_tripping_over_abbreviations_or_numbers() {
    assert_eq!(sentences("Ana is 4.5 feet tall, e.g. short. She waits!"), 2);
    assert_eq!(sentences("No full stop at the end"), 1);
    assert_eq!(sentences("One. Two? Three!"), 3);
}

/// `compare_tariffs`, whose schema discovery rejected, was expected with
/// `{}`, which its schema cannot be asked about.
#[test]
fn reports_an_expected_call_to_a_tool_whose_schema_was_rejected() {
    let flow = utility();
    let asked = worried(2, 2, 1, Language::En);
    let mut packages = run(&flow, &asked).packages;
    packages[0].success_criteria[0].params.expected_tool_call = Some(ExpectedToolCall {
        tool: "compare_tariffs".to_owned(),
        arguments: json!({}),
    });
    let problems = check(&packages, &flow.scope(None).unwrap(), &asked);
    assert_eq!(
        messages(&problems),
        [
            "criterion 1 expects a call to `compare_tariffs`, whose parameter schema is unusable; \
          describe the call in the text and expect no arguments"
        ]
    );
}

/// A long list of readings made the mission too long for a fixed limit,
/// so facts were cut; the limit now grows with the values to state.
#[test]
fn a_mission_may_run_as_long_as_the_values_it_states_need() {
    let flow = bank();
    let asked = spec(3, 3, 4);
    let mut packages = run(&flow, &asked).packages;
    let long = format!("Block the card, {}.", "and say so again ".repeat(36));
    packages[0].mission = long.clone();
    for criterion in &mut packages[0].success_criteria {
        criterion.params.expected_tool_call = None;
    }
    let problems = check(&packages, &flow.scope(None).unwrap(), &asked);
    assert_eq!(
        messages(&problems),
        [format!(
            "mission has {} characters, at most 600 allowed",
            long.chars().count()
        )]
    );

    packages[0].success_criteria[0].params.expected_tool_call = Some(ExpectedToolCall {
        tool: "block_card".to_owned(),
        arguments: json!({ "card_number": "1234", "reason": "lost" }),
    });
    packages[0].mission = format!("{long} Card 1234, lost.");
    let problems = check(&packages, &flow.scope(None).unwrap(), &asked);
    assert_eq!(messages(&problems), Vec::<String>::new());
}
