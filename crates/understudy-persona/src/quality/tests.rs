//! Exact values of every measure on small hand-made packages.

use serde_json::json;

use understudy_flow::{Capabilities, Job, Tool, ToolKind};

use super::*;
use crate::package::{Criterion, CriterionParams, ExpectedToolCall, Focus};
use crate::plan::{Category, Traits};

fn tool(tool_id: &str, parameters: Option<Value>) -> Tool {
    Tool {
        node_id: format!("node-{tool_id}"),
        reference_id: format!("ref-{tool_id}"),
        kind: ToolKind::Function,
        tool_id: tool_id.to_owned(),
        label: tool_id.to_owned(),
        description: String::new(),
        parameters,
    }
}

/// One job with `block_card` (a four-digit card number) and `handover`
/// (no parameters), and a second job with `search`.
fn capabilities() -> Capabilities {
    let schema = json!({
        "type": "object",
        "properties": { "card": { "type": "string", "pattern": "^[0-9]{4}$" } },
        "required": ["card"]
    });
    let job = |id: &str, tools| Job {
        node_id: id.to_owned(),
        reference_id: format!("ref-{id}"),
        name: id.to_owned(),
        description: String::new(),
        instructions: String::new(),
        agent: None,
        tools,
    };
    Capabilities {
        flow_id: "flow".to_owned(),
        flow_reference_id: "flow-ref".to_owned(),
        flow_name: "Cards".to_owned(),
        jobs: vec![
            job(
                "cards",
                vec![tool("block_card", Some(schema)), tool("handover", None)],
            ),
            job("help", vec![tool("search", None)]),
        ],
        warnings: Vec::new(),
    }
}

fn traits(mood: &str, age_band: &str) -> Traits {
    Traits {
        patience: "low".to_owned(),
        verbosity: "low".to_owned(),
        tech_comfort: "low".to_owned(),
        mood: mood.to_owned(),
        language_proficiency: "native".to_owned(),
        age_band: age_band.to_owned(),
        goal_clarity: "clear".to_owned(),
        channel_habit: "mobile".to_owned(),
    }
}

fn call(tool: &str, arguments: Value) -> Criterion {
    Criterion::text(CriterionParams {
        name: format!("Calls {tool}"),
        text: format!("The agent calls {tool}."),
        expected_tool_call: Some(ExpectedToolCall {
            tool: tool.to_owned(),
            arguments,
        }),
    })
}

fn package(name: &str, title: &str, description: &str, criteria: Vec<Criterion>) -> PersonaPackage {
    PersonaPackage {
        simulation_name: title.to_owned(),
        persona_name: name.to_owned(),
        persona_description: description.to_owned(),
        mission: format!("{name} wants the card blocked today."),
        success_criteria: criteria,
        category: Category::HappyPath,
        traits: traits("calm", "18-24"),
        focus: Focus {
            job_node_id: None,
            job: None,
            tools: Vec::new(),
        },
    }
}

#[test]
fn grounding_counts_calls_whose_arguments_their_tool_accepts() {
    let capabilities = capabilities();
    let scope = capabilities.scope(None).unwrap();
    let packages = [
        package(
            "A",
            "One Two",
            "x",
            vec![call("block_card", json!({ "card": "1234" }))],
        ),
        package(
            "B",
            "Three Four",
            "y",
            vec![
                call("block_card", json!({ "card": "12" })),
                call("handover", json!({})),
                call("handover", json!({ "reason": "x" })),
                call("unknown_tool", json!({})),
            ],
        ),
    ];
    assert_eq!(grounding(&packages, &scope), Ratio { part: 2, whole: 5 });
    assert_eq!(grounding(&packages, &scope).share(), Some(0.4));
}

#[test]
fn grounding_of_packages_without_calls_has_no_share() {
    let capabilities = capabilities();
    let scope = capabilities.scope(None).unwrap();
    let packages = [package("A", "One Two", "x", Vec::new())];
    assert_eq!(grounding(&packages, &scope).share(), None);
}

#[test]
fn coverage_counts_tools_in_scope_named_by_a_focus_or_a_call() {
    let capabilities = capabilities();
    let mut focused = package("A", "One Two", "x", vec![call("gone", json!({}))]);
    focused.focus.tools = vec!["handover".to_owned(), "search".to_owned()];
    let called = package("B", "Three Four", "y", vec![call("block_card", json!({}))]);
    let packages = [focused, called];

    let everything = capabilities.scope(None).unwrap();
    assert_eq!(
        tool_coverage(&packages, &everything),
        Ratio { part: 3, whole: 3 }
    );
    let cards = capabilities.scope(Some("cards")).unwrap();
    assert_eq!(
        tool_coverage(&packages, &cards),
        Ratio { part: 2, whole: 2 }
    );
    let help = capabilities.scope(Some("help")).unwrap();
    assert_eq!(
        tool_coverage(&packages[1..], &help),
        Ratio { part: 0, whole: 1 }
    );
}

#[test]
fn names_that_differ_only_in_case_or_spaces_count_once() {
    let names = ["Ana Diaz", " ana diaz", "Ben Ito", "Cy Hall"];
    assert_eq!(unique(names.into_iter()), Ratio { part: 3, whole: 4 });
}

#[test]
fn an_even_spread_has_entropy_one_and_a_single_level_zero() {
    let even = normalised_entropy([2, 2, 2].into_iter(), 3);
    assert!((even - 1.0).abs() < 1e-12, "{even}");
    assert_eq!(normalised_entropy([6, 0, 0].into_iter(), 3), 0.0);
    // Two of three levels, half and half: ln 2 / ln 3.
    let half = normalised_entropy([3, 3].into_iter(), 3);
    assert!((half - 2f64.ln() / 3f64.ln()).abs() < 1e-12, "{half}");
}

#[test]
fn trait_spread_reads_every_axis_and_scales_by_what_the_packages_can_reach() {
    let mut first = package("A", "One Two", "x", Vec::new());
    let mut second = package("B", "Three Four", "y", Vec::new());
    first.traits = traits("calm", "18-24");
    second.traits = traits("angry", "18-24");

    let spread = trait_spread(&[first, second]);
    let names: Vec<&str> = spread.iter().map(|s| s.axis).collect();
    assert_eq!(names, AXES.iter().map(|a| a.name).collect::<Vec<_>>());
    let entropy = |axis: &str| spread.iter().find(|s| s.axis == axis).unwrap().entropy;
    // Two packages can reach at most two moods: two different ones is 1.
    assert_eq!(entropy("mood"), 1.0);
    assert_eq!(entropy("ageBand"), 0.0);
}

#[test]
fn assess_reports_the_closest_descriptions_and_missions() {
    let capabilities = capabilities();
    let scope = capabilities.scope(None).unwrap();
    let packages = [
        package("A", "One Two", "a b c d e f", Vec::new()),
        package("B", "Three Four", "a b c d e x", Vec::new()),
        package("C", "Five Six", "p q r s", Vec::new()),
    ];
    let quality = assess(&packages, &scope);
    assert_eq!(quality.packages, 3);
    assert!((quality.closest_descriptions - 0.6).abs() < 1e-12);
    // "A wants the card blocked today." against "B wants ...": the first
    // of four shingles differs, so 3 shared of 5.
    assert!((quality.closest_missions - 0.6).abs() < 1e-12);
    assert_eq!(quality.unique_persona_names, Ratio { part: 3, whole: 3 });
    assert_eq!(quality.tool_coverage, Ratio { part: 0, whole: 3 });
}
