//! Success criteria in words: suggested ones as given, tool-grounded ones
//! with the expected call, outcomes from the phrase bank.

use std::collections::BTreeSet;

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::draft::{CallWords, Draft};
use super::template::{capitalise, clamp, fill, join_list, pick, title_case};
use crate::check::{CRITERION_NAME_MAX, CRITERION_TEXT_MAX};
use crate::package::{Criterion, CriterionParams, ExpectedToolCall};
use crate::plan::CriterionPlan;

/// Labels named in a tool criterion before the rest are summed up.
const LABELS_NAMED: usize = 3;

/// Words of a tool id that fit a criterion name; a longer id is named by
/// its goal's title instead of being cut short.
const TOOL_NAME_WORDS: usize = 4;

/// Small words kept in lower case inside a title-case name.
const MINOR_WORDS: [&str; 9] = ["to", "a", "an", "the", "of", "for", "and", "or", "in"];

/// Words of tool ids written in capitals.
const ACRONYMS: [&str; 10] = [
    "faq", "kb", "sms", "pin", "id", "api", "url", "iban", "sim", "vat",
];

/// One criterion per planned criterion, names unique within the package.
pub fn write(draft: &Draft<'_>, rng: &mut ChaCha8Rng) -> Vec<Criterion> {
    // Suggested names are kept as given, so they are reserved first and
    // the names the writer chooses step around them.
    let mut used: BTreeSet<String> = draft
        .plan
        .criteria
        .iter()
        .filter_map(|c| match c {
            CriterionPlan::Suggested { name, .. } => {
                Some(clamp(name, CRITERION_NAME_MAX).to_lowercase())
            }
            _ => None,
        })
        .collect();

    draft
        .plan
        .criteria
        .iter()
        .map(|criterion| match criterion {
            CriterionPlan::Suggested { name, description } => suggested(draft, name, description),
            CriterionPlan::Tool { call } => tool(draft, *call, &mut used, rng),
            CriterionPlan::Outcome { kind } => outcome(draft, kind, &mut used, rng),
        })
        .collect()
}

fn suggested(draft: &Draft<'_>, name: &str, description: &str) -> Criterion {
    let name = clamp(name, CRITERION_NAME_MAX);
    let text = if description.trim().is_empty() {
        fill(
            &draft.bank.criteria.suggested_text,
            &[("name", &draft.quoted(&name))],
        )
    } else {
        sentence(description)
    };
    Criterion::text(CriterionParams {
        name,
        text,
        expected_tool_call: None,
    })
}

fn tool(
    draft: &Draft<'_>,
    index: usize,
    used: &mut BTreeSet<String>,
    rng: &mut ChaCha8Rng,
) -> Criterion {
    let bank = &draft.bank.criteria;
    let call = &draft.calls[index];
    let planned = &draft.plan.tools[index];

    let tool_title = tool_title(call);
    let slots = [
        ("Tool", tool_title.as_str()),
        ("tool", call.tool_id.as_str()),
    ];
    let name = unique_name(&bank.tool_names, &slots, used, rng);

    let templates = if call.labels.is_empty() {
        &bank.tool_texts_without_arguments
    } else {
        &bank.tool_texts
    };
    let text = fill(
        pick(templates, rng),
        &[
            ("tool", &call.tool_id),
            ("details", &details(draft, call)),
            ("done", &call.goal.done),
        ],
    );

    // A tool whose schema discovery rejected takes arguments nobody can
    // know, so its criterion is judged from the transcript alone.
    let expected_tool_call = (!planned.parameters_unusable).then(|| ExpectedToolCall {
        tool: planned.tool_id.clone(),
        arguments: planned.arguments.clone(),
    });
    Criterion::text(CriterionParams {
        name,
        text: sentence(&text),
        expected_tool_call,
    })
}

fn outcome(
    draft: &Draft<'_>,
    kind: &str,
    used: &mut BTreeSet<String>,
    rng: &mut ChaCha8Rng,
) -> Criterion {
    let Some(bank) = draft.bank.criteria.outcomes.get(kind) else {
        let name = unique_name(&[title_case(&kind.replace('_', " "))], &[], used, rng);
        return Criterion::text(CriterionParams {
            text: name.clone(),
            name,
            expected_tool_call: None,
        });
    };

    let goal = draft.goal();
    let slots = [
        ("done", goal.done.as_str()),
        ("agent", draft.agent.as_str()),
    ];
    let name = unique_name(&bank.names, &slots, used, rng);
    let text = fill(pick(&bank.texts, rng), &slots);
    Criterion::text(CriterionParams {
        name,
        text: sentence(&text),
        expected_tool_call: None,
    })
}

/// The tool's id in title case ("Talk to Billing Team"), or its goal's
/// title when the id is too long to name whole.
fn tool_title(call: &CallWords) -> String {
    let words: Vec<&str> = call.words.split_whitespace().collect();
    if words.len() > TOOL_NAME_WORDS {
        return call.goal.title.clone();
    }
    let titled: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(index, word)| {
            if index > 0 && MINOR_WORDS.contains(word) {
                (*word).to_owned()
            } else if ACRONYMS.contains(word) {
                word.to_uppercase()
            } else {
                capitalise(word)
            }
        })
        .collect();
    titled.join(" ")
}

/// "the card number, reason and date the user gave".
fn details(draft: &Draft<'_>, call: &CallWords) -> String {
    let mut labels: Vec<String> = call.labels.iter().take(LABELS_NAMED).cloned().collect();
    if call.labels.len() > LABELS_NAMED {
        labels.push(draft.bank.words.other_details.clone());
    }
    join_list(&labels, &draft.bank.words.and)
}

/// The first alternative not used yet in this package; if all are, the
/// first with a distinguishing numeral.
fn unique_name(
    names: &[String],
    slots: &[(&str, &str)],
    used: &mut BTreeSet<String>,
    rng: &mut ChaCha8Rng,
) -> String {
    let mut options: Vec<String> = names
        .iter()
        .map(|n| clamp(&fill(n, slots), CRITERION_NAME_MAX))
        .collect();
    options.shuffle(rng);

    let name = options
        .iter()
        .find(|n| !used.contains(&n.to_lowercase()))
        .cloned()
        .unwrap_or_else(|| {
            let base = options.first().cloned().unwrap_or_default();
            ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
                .iter()
                .map(|numeral| format!("{base} {numeral}"))
                .find(|n| !used.contains(&n.to_lowercase()))
                .unwrap_or(base)
        });
    used.insert(name.to_lowercase());
    name
}

/// A text cut to the limit and ending in a full stop.
fn sentence(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.chars().count() <= CRITERION_TEXT_MAX && trimmed.ends_with(['.', '!', '?']) {
        return capitalise(trimmed);
    }
    format!("{}.", capitalise(&clamp(trimmed, CRITERION_TEXT_MAX - 1)))
}
