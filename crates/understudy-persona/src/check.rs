//! Checking packages against the request and the flow's real tools.
//!
//! Limits, in characters (Unicode scalar values) unless stated:
//! `simulationName` at most 80 and 2 to 5 words; `personaName` at most 80;
//! `personaDescription` at most 600 and 1 to 3 sentences; `mission` at
//! most 600 plus room for every value its expected calls carry (see
//! [`mission_limit`]); a criterion's name at most 60 and its text at most
//! 300.
//! The prose must be in the language asked for (see [`language`]), and
//! the mission must state every value an expected tool call carries (see
//! [`grounding`]).

pub mod grounding;
pub mod language;

use std::collections::BTreeMap;

use understudy_flow::Scope;

use crate::package::{Criterion, ExpectedToolCall, PersonaPackage};
use crate::similarity::{NEAR_DUPLICATE_LIMIT, near_duplicate_pairs};
use crate::spec::GenerationSpec;

pub const SIMULATION_NAME_MAX: usize = 80;
pub const SIMULATION_NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=5;
pub const PERSONA_NAME_MAX: usize = 80;
pub const DESCRIPTION_MAX: usize = 600;
pub const DESCRIPTION_SENTENCES: std::ops::RangeInclusive<usize> = 1..=3;
/// The most characters of a mission's goal, situation and ending.
pub const MISSION_MAX: usize = 600;

/// Room a mission gets for each value its expected calls carry: the
/// value itself plus this many characters for its label and the words
/// between.
pub const MISSION_ROOM_PER_VALUE: usize = 40;

/// The most characters a mission may have when its expected calls carry
/// `arguments`. A mission is one sentence, but it states every value the
/// calls need (an address, a list of readings), so it may run as long as
/// they make it; a fact is never cut to fit a limit.
pub fn mission_limit<'a>(arguments: impl IntoIterator<Item = &'a serde_json::Value>) -> usize {
    fn room(value: &serde_json::Value) -> usize {
        match value {
            serde_json::Value::Object(object) => object.values().map(room).sum(),
            serde_json::Value::Array(items) => items.iter().map(room).sum(),
            serde_json::Value::String(text) => text.chars().count() + MISSION_ROOM_PER_VALUE,
            other => other.to_string().len() + MISSION_ROOM_PER_VALUE,
        }
    }
    MISSION_MAX + arguments.into_iter().map(room).sum::<usize>()
}
pub const CRITERION_NAME_MAX: usize = 60;
pub const CRITERION_TEXT_MAX: usize = 300;

/// One way a set of packages falls short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The package at fault, when one is.
    pub package: Option<usize>,
    pub message: String,
}

impl Problem {
    fn of(package: usize, message: String) -> Self {
        Problem {
            package: Some(package),
            message,
        }
    }
}

/// Every problem with `packages`, none when they are fit to leave.
pub fn check(
    packages: &[PersonaPackage],
    scope: &Scope<'_>,
    spec: &GenerationSpec,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if packages.len() != spec.packages {
        problems.push(Problem {
            package: None,
            message: format!(
                "expected {} packages, got {}",
                spec.packages,
                packages.len()
            ),
        });
    }

    for (index, package) in packages.iter().enumerate() {
        problems.extend(check_fields(index, package));
        problems.extend(check_criteria(index, package, scope, spec));
        if let Some(message) = language::problem(package, spec.language) {
            problems.push(Problem::of(index, message));
        }
    }

    problems.extend(duplicates(packages, "personaName", |p| &p.persona_name));
    problems.extend(duplicates(packages, "simulationName", |p| {
        &p.simulation_name
    }));
    problems.extend(near_duplicates(packages, "personaDescription", |p| {
        &p.persona_description
    }));
    problems.extend(near_duplicates(packages, "mission", |p| &p.mission));
    problems
}

fn check_fields(index: usize, package: &PersonaPackage) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut limit = |field: &str, value: &str, max: usize| {
        if let Some(message) = length_problem(field, value, max) {
            problems.push(Problem::of(index, message));
        }
    };
    limit(
        "simulationName",
        &package.simulation_name,
        SIMULATION_NAME_MAX,
    );
    limit("personaName", &package.persona_name, PERSONA_NAME_MAX);
    limit(
        "personaDescription",
        &package.persona_description,
        DESCRIPTION_MAX,
    );
    let expected = package
        .success_criteria
        .iter()
        .filter_map(|c| c.params.expected_tool_call.as_ref())
        .map(|call| &call.arguments);
    limit("mission", &package.mission, mission_limit(expected));

    let words = package.simulation_name.split_whitespace().count();
    if !SIMULATION_NAME_WORDS.contains(&words) {
        let message = format!("simulationName has {words} words, expected 2 to 5");
        problems.push(Problem::of(index, message));
    }

    let sentences = sentences(&package.persona_description);
    if !package.persona_description.trim().is_empty() && !DESCRIPTION_SENTENCES.contains(&sentences)
    {
        let message = format!("personaDescription has {sentences} sentences, expected 1 to 3");
        problems.push(Problem::of(index, message));
    }
    problems
}

fn check_criteria(
    index: usize,
    package: &PersonaPackage,
    scope: &Scope<'_>,
    spec: &GenerationSpec,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let criteria = &package.success_criteria;
    if criteria.len() != spec.criteria_per_package {
        let message = format!(
            "expected {} success criteria, got {}",
            spec.criteria_per_package,
            criteria.len()
        );
        problems.push(Problem::of(index, message));
    }

    let mut seen = BTreeMap::new();
    for (number, criterion) in criteria.iter().enumerate() {
        for message in criterion_problems(number, criterion, scope, &package.mission) {
            problems.push(Problem::of(index, message));
        }

        let name = criterion.params.name.trim().to_lowercase();
        if let Some(first) = seen.insert(name, number) {
            let message = format!(
                "criteria {} and {} share the name `{}`",
                first + 1,
                number + 1,
                criterion.params.name
            );
            problems.push(Problem::of(index, message));
        }
    }
    problems
}

fn criterion_problems(
    number: usize,
    criterion: &Criterion,
    scope: &Scope<'_>,
    mission: &str,
) -> Vec<String> {
    let label = format!("criterion {}", number + 1);
    let mut problems = Vec::new();
    if criterion.kind != "text" {
        problems.push(format!(
            "{label} has type `{}`, expected `text`",
            criterion.kind
        ));
    }

    let params = &criterion.params;
    let name = length_problem(&format!("{label} name"), &params.name, CRITERION_NAME_MAX);
    let text = length_problem(&format!("{label} text"), &params.text, CRITERION_TEXT_MAX);
    problems.extend(name.into_iter().chain(text));

    if let Some(call) = &params.expected_tool_call {
        problems.extend(tool_call_problem(&label, call, scope));
        problems.extend(unstated_problem(&label, call, mission));
    }
    problems
}

/// The values an expected call carries that the mission never states.
fn unstated_problem(label: &str, call: &ExpectedToolCall, mission: &str) -> Option<String> {
    let missing = grounding::unstated(mission, &call.arguments);
    if missing.is_empty() {
        return None;
    }
    let listed: Vec<String> = missing.iter().map(|value| format!("`{value}`")).collect();
    Some(format!(
        "{label} expects `{}` with values the mission does not state: {}",
        call.tool,
        listed.join(", ")
    ))
}

/// An expected call must name a tool in scope and carry arguments its
/// schema accepts; a tool without a schema takes an empty object, and a
/// tool whose schema discovery rejected is never expected with arguments,
/// since nobody can know what they would be.
fn tool_call_problem(label: &str, call: &ExpectedToolCall, scope: &Scope<'_>) -> Option<String> {
    let Some((_, tool)) = scope.tools().find(|(_, tool)| tool.tool_id == call.tool) else {
        return Some(format!(
            "{label} expects a call to `{}`, which is not in scope",
            call.tool
        ));
    };
    if scope.has_unusable_parameters(tool) {
        return Some(format!(
            "{label} expects a call to `{}`, whose parameter schema is unusable; \
             describe the call in the text and expect no arguments",
            call.tool
        ));
    }

    let failures = match &tool.parameters {
        Some(schema) => understudy_schema::validate(schema, &call.arguments)
            .err()
            .map(|errors| {
                let reasons: Vec<String> = errors
                    .iter()
                    .map(|e| format!("{} {}", e.path, e.message))
                    .collect();
                reasons.join(", ")
            }),
        None => (call.arguments.as_object().is_none_or(|o| !o.is_empty()))
            .then(|| "the tool takes no arguments".to_owned()),
    };
    failures.map(|reasons| {
        format!(
            "{label} calls `{}` with arguments its schema rejects: {reasons}",
            call.tool
        )
    })
}

fn length_problem(field: &str, value: &str, max: usize) -> Option<String> {
    let length = value.chars().count();
    if value.trim().is_empty() {
        Some(format!("{field} is empty"))
    } else if length > max {
        Some(format!(
            "{field} has {length} characters, at most {max} allowed"
        ))
    } else {
        None
    }
}

/// Sentences, counted as runs of `.`, `!` or `?` that end the text or are
/// followed by a space and a capital letter (so "e.g. this" and "4.5" do
/// not end a sentence).
pub fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '.' | '!' | '?') {
            while i + 1 < chars.len() && matches!(chars[i + 1], '.' | '!' | '?') {
                i += 1;
            }
            let at_end = i + 1 == chars.len();
            let next_starts = chars.get(i + 1).is_some_and(|c| c.is_whitespace())
                && chars[i + 1..]
                    .iter()
                    .find(|c| !c.is_whitespace())
                    .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '„' | '\''));
            if at_end || next_starts {
                count += 1;
            }
        }
        i += 1;
    }
    let unterminated = chars.last().is_some_and(|c| !matches!(c, '.' | '!' | '?'));
    count + usize::from(unterminated)
}

fn duplicates(
    packages: &[PersonaPackage],
    field: &str,
    value: impl Fn(&PersonaPackage) -> &String,
) -> Vec<Problem> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (index, package) in packages.iter().enumerate() {
        let key = value(package).trim().to_lowercase();
        if key.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(key, index) {
            let message = format!(
                "{field} `{}` is also used by package {}",
                value(package),
                first + 1
            );
            problems.push(Problem::of(index, message));
        }
    }
    problems
}

fn near_duplicates(
    packages: &[PersonaPackage],
    field: &str,
    value: impl Fn(&PersonaPackage) -> &String,
) -> Vec<Problem> {
    let texts: Vec<&String> = packages.iter().map(value).collect();
    near_duplicate_pairs(&texts, NEAR_DUPLICATE_LIMIT)
        .into_iter()
        .map(|(earlier, later, score)| {
            let message = format!(
                "{field} is a near-duplicate of package {}'s ({score:.2} >= {NEAR_DUPLICATE_LIMIT})",
                earlier + 1
            );
            Problem::of(later, message)
        })
        .collect()
}
