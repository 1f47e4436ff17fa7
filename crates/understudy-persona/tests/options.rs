//! Options: mission types from a flow's tools plus general ones, and the
//! persona type catalogue, whose descriptions really shape the traits.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::json;

use common::{bank, block_card_schema, capabilities, job, spec, tool};
use understudy_flow::{Capabilities, Scope, ToolKind, discover, import_path};
use understudy_persona::options::{NarrowError, Options, narrow, options, persona_types};
use understudy_persona::plan::{AXES, plan};
use understudy_persona::{Language, MissionType};

fn options_of(capabilities: &Capabilities, language: Language) -> Options {
    options(&capabilities.scope(None).unwrap(), language)
}

fn names(options: &Options) -> Vec<&str> {
    options
        .mission_types
        .iter()
        .map(|m| m.name.as_str())
        .collect()
}

fn mission<'o>(options: &'o Options, name: &str) -> &'o MissionType {
    options
        .mission_types
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no mission type `{name}` in {:?}", names(options)))
}

fn with_kind(tool_id: &str, kind: ToolKind) -> understudy_flow::Tool {
    understudy_flow::Tool {
        kind,
        ..tool(tool_id, None)
    }
}

/// Every flow of `examples/`, discovered.
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

fn sentences(text: &str) -> usize {
    text.split_terminator(['.', '!', '?'])
        .filter(|s| !s.trim().is_empty())
        .count()
}

#[test]
fn offers_a_mission_type_per_tool_goal_then_the_general_ones() {
    let options = options_of(&bank(), Language::En);

    assert_eq!(options.simulation_name, "Card Services Simulation");
    assert_eq!(
        names(&options),
        vec![
            "Block Your Card",
            "Ask an Information Question",
            "Make an Out-of-Scope Request",
            "Make a Complaint",
        ]
    );
}

#[test]
fn a_tool_mission_names_what_the_tool_needs_calls_it_and_confirms() {
    let options = options_of(&bank(), Language::En);
    let block = mission(&options, "Block Your Card");

    assert_eq!(
        block.description,
        "The user wants to block their card. The agent needs the Card number and reason and then \
         uses block_card."
    );
    let criteria: Vec<(&str, &str)> = block
        .success_criteria
        .iter()
        .map(|c| (c.name.as_str(), c.description.as_str()))
        .collect();
    assert_eq!(
        criteria,
        vec![
            (
                "Required Details Collected",
                "The agent asks for the Card number and reason before it calls block_card."
            ),
            (
                "Right Tool Called",
                "The agent calls block_card with the details the user gave."
            ),
            (
                "Outcome Confirmed",
                "The agent confirms that the card is blocked."
            ),
        ]
    );
}

#[test]
fn a_tool_without_parameters_gets_no_details_criterion() {
    let flow = capabilities(vec![job("j", "Orders", vec![tool("cancel_order", None)])]);
    let options = options_of(&flow, Language::En);
    let cancel = mission(&options, "Cancel Your Order");

    let criteria: Vec<&str> = cancel
        .success_criteria
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(criteria, vec!["Right Tool Called", "Outcome Confirmed"]);
    assert_eq!(
        cancel.description,
        "The user wants to cancel their order, which the agent does with cancel_order."
    );
}

#[test]
fn tools_that_serve_the_same_goal_are_one_mission_type() {
    let schema = json!({
        "type": "object",
        "properties": { "order_number": { "type": "string" }, "email": { "type": "string" } },
        "required": ["order_number"]
    });
    let flow = capabilities(vec![job(
        "j",
        "Orders",
        vec![
            tool("get_order_status", Some(schema.clone())),
            tool("check_order_status", Some(schema)),
        ],
    )]);
    let options = options_of(&flow, Language::En);

    let lookups: Vec<&MissionType> = options
        .mission_types
        .iter()
        .filter(|m| m.name == "Look Up Your Order Status")
        .collect();
    assert_eq!(lookups.len(), 1);
    assert_eq!(
        lookups[0].success_criteria[0].description,
        "The agent asks for the order number before it calls get_order_status or \
         check_order_status."
    );
}

#[test]
fn goals_that_read_alike_only_in_german_keep_distinct_names() {
    let flow = capabilities(vec![job(
        "j",
        "Travel",
        vec![
            tool("check_flight_status", None),
            tool("check_baggage_status", None),
        ],
    )]);

    let english = options_of(&flow, Language::En);
    let german = options_of(&flow, Language::De);

    assert_eq!(
        &names(&english)[..2],
        ["Look Up Your Flight Status", "Look Up Your Baggage Status"]
    );
    assert_eq!(
        &names(&german)[..2],
        ["Status abfragen", "Anliegen zu Check Baggage Status"]
    );
}

#[test]
fn knowledge_and_handover_tools_bring_their_general_mission_types() {
    let flow = capabilities(vec![job(
        "j",
        "Desk",
        vec![
            with_kind("search_faq", ToolKind::Knowledge),
            with_kind("to_a_person", ToolKind::HandoverToHuman),
            with_kind("to_baggage", ToolKind::HandoverToAgent),
        ],
    )]);
    let options = options_of(&flow, Language::En);

    assert_eq!(
        names(&options),
        vec![
            "Ask an Information Question",
            "Reach a Human Agent",
            "Reach the Right Specialist",
            "Make an Out-of-Scope Request",
            "Make a Complaint",
        ]
    );
    let answer = &mission(&options, "Ask an Information Question").success_criteria[1];
    assert_eq!(answer.name, "Answer From Knowledge");
}

#[test]
fn a_flow_without_an_agent_still_gets_general_mission_types_and_the_catalogue() {
    let flow = capabilities(Vec::new());

    for language in Language::ALL {
        let options = options_of(&flow, language);
        assert_eq!(options.mission_types.len(), 3, "{language:?}");
        assert_eq!(options.persona_types, persona_types(language));
        assert!(options.persona_types.len() >= 8);
    }
    assert_eq!(
        names(&options_of(&flow, Language::De)),
        vec![
            "Eine Sachfrage stellen",
            "Etwas Fachfremdes verlangen",
            "Sich beschweren"
        ]
    );
}

#[test]
fn german_options_are_written_in_german() {
    let options = options_of(&bank(), Language::De);

    assert_eq!(options.simulation_name, "Simulation Card Services");
    let block = mission(&options, "Karte sperren");
    assert_eq!(
        block.description,
        "Die Person möchte ihre Karte sperren. Dafür erfragt der Agent „Kartennummer“ und \
         „Grund“ und ruft dann block_card auf."
    );
    let criteria: Vec<&str> = block
        .success_criteria
        .iter()
        .map(|c| c.description.as_str())
        .collect();
    assert_eq!(
        criteria,
        vec![
            "Der Agent erfragt „Kartennummer“ und „Grund“, bevor er block_card aufruft.",
            "Der Agent ruft block_card mit den Angaben auf, die die Person gemacht hat.",
            "Der Agent bestätigt, dass die Karte gesperrt ist.",
        ]
    );
    assert_eq!(options.persona_types[0].name, "Ungeduldig");
}

/// Names unique, 2 to 6 words, title case; descriptions of one or two
/// sentences; 2 to 4 criteria of one sentence each, in every example flow.
#[test]
fn every_example_offers_well_formed_mission_types_in_both_languages() {
    for flow in example_flows() {
        for language in Language::ALL {
            let options = options_of(&flow, language);
            let label = format!("{} {language:?}", flow.flow_name);

            let unique: BTreeSet<String> =
                names(&options).iter().map(|n| n.to_lowercase()).collect();
            assert_eq!(unique.len(), options.mission_types.len(), "{label}");
            for mission in &options.mission_types {
                assert_well_formed(mission, language, &label);
            }
            let words = options.simulation_name.split_whitespace().count();
            assert!((2..=5).contains(&words), "{}", options.simulation_name);
        }
    }
}

fn assert_well_formed(mission: &MissionType, language: Language, label: &str) {
    let name = &mission.name;
    assert!(
        (2..=6).contains(&name.split_whitespace().count()),
        "{label}: {name}"
    );
    assert!(
        is_title(name, language),
        "{label}: {name} is not title case"
    );
    assert!(
        (1..=2).contains(&sentences(&mission.description)),
        "{label}: {name}"
    );
    assert!(
        (2..=4).contains(&mission.success_criteria.len()),
        "{label}: {name}"
    );

    let criteria: BTreeSet<&str> = mission
        .success_criteria
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        criteria.len(),
        mission.success_criteria.len(),
        "{label}: {name}"
    );
    for criterion in &mission.success_criteria {
        assert!(
            is_title(&criterion.name, language),
            "{label}: {}",
            criterion.name
        );
        assert_eq!(
            sentences(&criterion.description),
            1,
            "{}",
            criterion.description
        );
        assert!(criterion.description.ends_with('.'));
    }
}

/// English: every word capitalised but short function words; German: the
/// first letter.
fn is_title(name: &str, language: Language) -> bool {
    const MINOR: [&str; 9] = ["a", "an", "the", "and", "or", "for", "to", "of", "by"];
    let mut words = name.split_whitespace();
    let first_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let starts = words.next().is_some_and(first_upper);
    match language {
        Language::En => starts && words.all(|w| first_upper(w) || MINOR.contains(&w)),
        Language::De => starts,
    }
}

#[test]
fn both_catalogues_list_the_same_number_of_distinct_types() {
    let english = persona_types(Language::En);
    let german = persona_types(Language::De);

    assert_eq!(english.len(), 12);
    assert_eq!(german.len(), english.len());
    for types in [english, german] {
        let names: BTreeSet<&str> = types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names.len(), types.len());
    }
}

/// The axes each catalogue entry pins, by position; every other axis must
/// stay open. The German entry at the same position pins the same.
/// Axis names and the levels each keeps.
type Pins = &'static [(&'static str, &'static [&'static str])];

const PINS: [(&str, Pins); 12] = [
    ("Impatient", &[("patience", &["low"])]),
    (
        "Confused",
        &[("techComfort", &["low"]), ("goalClarity", &["vague"])],
    ),
    (
        "Tech-Shy Senior",
        &[("ageBand", &["65+"]), ("techComfort", &["low"])],
    ),
    (
        "Non-Native Speaker",
        &[
            ("languageProficiency", &["basic", "intermediate"]),
            ("goalClarity", &["clear"]),
        ],
    ),
    ("Angry", &[("mood", &["angry"])]),
    ("Over-Detailed", &[("verbosity", &["high"])]),
    ("Terse", &[("verbosity", &["low"])]),
    ("Policy Tester", &[("goalClarity", &["clear"])]),
    ("Anxious", &[("mood", &["anxious"])]),
    (
        "Cooperative",
        &[("patience", &["high"]), ("mood", &["cheerful"])],
    ),
    ("Tech-Savvy Expert", &[("techComfort", &["high"])]),
    (
        "On the Go",
        &[("patience", &["low"]), ("channelHabit", &["mobile"])],
    ),
];

/// Choosing "Impatient" really yields low patience, and so on for every
/// axis an entry's description pins, in both languages; no entry pins an
/// axis by accident.
#[test]
fn every_catalogue_persona_type_yields_the_traits_its_description_pins() {
    let flow = bank();
    let scope: Scope<'_> = flow.scope(None).unwrap();

    for language in Language::ALL {
        let catalogue = persona_types(language);
        for (index, (english_name, pins)) in PINS.iter().enumerate() {
            let persona = &catalogue[index];
            if language == Language::En {
                assert_eq!(persona.name, *english_name);
            }
            let mut request = spec(40, 2, 11);
            request.persona_type = persona.clone();
            let plans = plan(&scope, &request);

            for axis in AXES {
                let levels: BTreeSet<&str> = plans
                    .iter()
                    .map(|p| p.traits.level(axis.name).unwrap())
                    .collect();
                let expected: BTreeSet<&str> = pins
                    .iter()
                    .find(|(name, _)| *name == axis.name)
                    .map_or_else(
                        || axis.levels.iter().copied().collect(),
                        |(_, l)| l.iter().copied().collect(),
                    );
                assert_eq!(
                    levels, expected,
                    "{} ({language:?}): {}",
                    persona.name, axis.name
                );
            }
        }
    }
}

#[test]
fn narrows_to_the_jobs_of_one_agent_and_to_one_of_its_jobs() {
    let mut flow = capabilities(vec![
        job(
            "job-a",
            "Cards",
            vec![tool("block_card", Some(block_card_schema()))],
        ),
        job("job-b", "Loans", vec![tool("apply_for_loan", None)]),
        job("job-c", "Accounts", vec![tool("unlock_account", None)]),
    ]);
    flow.jobs[2].agent = flow.jobs[0].agent.clone();

    let jobs = narrow(&flow, Some("agent-job-a"), None).unwrap();
    let ids: Vec<&str> = jobs.iter().map(|j| j.node_id.as_str()).collect();
    assert_eq!(ids, vec!["job-a", "job-c"]);

    let jobs = narrow(&flow, Some("agent-job-a"), Some("ref-job-c")).unwrap();
    let scope = Scope {
        capabilities: &flow,
        jobs: &jobs,
    };
    let options = options(&scope, Language::En);
    assert_eq!(options.simulation_name, "Accounts Simulation");
    assert_eq!(names(&options)[0], "Unlock Your Account");
    assert!(!names(&options).contains(&"Block Your Card"));
}

#[test]
fn refuses_narrowings_that_name_nothing() {
    let flow = capabilities(vec![
        job("job-a", "Cards", Vec::new()),
        job("job-b", "Loans", Vec::new()),
    ]);

    assert_eq!(
        narrow(&flow, None, Some("job-a")),
        Err(NarrowError::JobWithoutAgent)
    );
    assert_eq!(
        narrow(&flow, Some("nobody"), None),
        Err(NarrowError::UnknownAgent("nobody".to_owned()))
    );
    assert_eq!(
        narrow(&flow, Some("agent-job-a"), Some("job-b")),
        Err(NarrowError::UnknownJob {
            agent: "agent-job-a".to_owned(),
            job: "job-b".to_owned(),
        })
    );
    assert_eq!(narrow(&flow, None, None).unwrap().len(), 2);
}
