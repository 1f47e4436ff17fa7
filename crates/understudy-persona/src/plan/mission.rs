//! Which tools a mission type is about.
//!
//! A mission type offered for one tool ("Block Your Card": the agent calls
//! `block_card`) must not yield packages about another tool that still
//! carry its criteria: a package about a coverage question whose criterion
//! says "the agent calls change_plan" contradicts itself, and the judge
//! fails a good conversation. So the tools a mission type names by id are
//! the only ones its packages exercise. A mission type that names none but
//! asks for a human, a specialist or the knowledge base is about the tools
//! of that kind. Any other mission type (a complaint, an out-of-scope
//! request) is about every tool in scope.

use understudy_flow::{Scope, ToolKind};

use crate::spec::MissionType;

/// Words that tie a mission type to a kind of tool, in the languages
/// Understudy writes. Matched in lower case at the start of a word, so
/// that "colleagues" and "Kollegin" count and "acknowledge" does not.
const KIND_CUES: &[(ToolKind, &[&str])] = &[
    (
        ToolKind::HandoverToHuman,
        &["human", "colleague", "mensch", "kolleg"],
    ),
    (
        ToolKind::HandoverToAgent,
        &["specialist", "another team", "fachstelle", "fach-agent"],
    ),
    (ToolKind::Knowledge, &["knowledge", "wissensdatenbank"]),
];

/// The `(job, tool)` pairs of `scope` that packages of `mission` exercise,
/// in scope order: the tools it names, else the tools of the kinds it asks
/// for, else every tool.
pub fn targets(scope: &Scope<'_>, mission: &MissionType) -> Vec<(usize, usize)> {
    let pairs = every_tool(scope);
    let text = texts(mission);

    let named = keep(scope, &pairs, |tool| names_word(&text, &tool.tool_id));
    if !named.is_empty() {
        return named;
    }

    let lower = text.to_lowercase();
    let kinds: Vec<ToolKind> = KIND_CUES
        .iter()
        .filter(|(_, cues)| cues.iter().any(|cue| starts_word(&lower, cue)))
        .map(|(kind, _)| *kind)
        .collect();
    let of_kind = keep(scope, &pairs, |tool| kinds.contains(&tool.kind));
    if !of_kind.is_empty() {
        return of_kind;
    }

    pairs
}

fn every_tool(scope: &Scope<'_>) -> Vec<(usize, usize)> {
    scope
        .jobs
        .iter()
        .enumerate()
        .flat_map(|(j, job)| (0..job.tools.len()).map(move |t| (j, t)))
        .collect()
}

fn keep(
    scope: &Scope<'_>,
    pairs: &[(usize, usize)],
    wanted: impl Fn(&understudy_flow::Tool) -> bool,
) -> Vec<(usize, usize)> {
    pairs
        .iter()
        .copied()
        .filter(|&(j, t)| wanted(&scope.jobs[j].tools[t]))
        .collect()
}

/// The mission type's description and its criteria, in one text.
fn texts(mission: &MissionType) -> String {
    let mut text = mission.description.clone();
    for criterion in &mission.success_criteria {
        text.push('\n');
        text.push_str(&criterion.name);
        text.push('\n');
        text.push_str(&criterion.description);
    }
    text
}

/// Whether `word` stands in `text` as a whole word: not inside a longer
/// identifier, so `card` is not found in `block_card`.
fn names_word(text: &str, word: &str) -> bool {
    occurrences(text, word).any(|(before, after)| {
        !before.is_some_and(part_of_word) && !after.is_some_and(part_of_word)
    })
}

/// Whether a word of `text` starts with `prefix`.
fn starts_word(text: &str, prefix: &str) -> bool {
    occurrences(text, prefix).any(|(before, _)| !before.is_some_and(part_of_word))
}

/// The characters just before and just after each occurrence of `word`.
fn occurrences<'t>(
    text: &'t str,
    word: &'t str,
) -> impl Iterator<Item = (Option<char>, Option<char>)> + 't {
    text.match_indices(word)
        .filter(|_| !word.is_empty())
        .map(move |(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            (before, after)
        })
}

fn part_of_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

#[cfg(test)]
mod tests {
    use super::{names_word, starts_word};

    #[test]
    fn finds_a_tool_id_only_as_a_whole_word() {
        assert!(names_word("The agent calls block_card.", "block_card"));
        assert!(names_word("block_card", "block_card"));
        assert!(!names_word("The agent calls block_card.", "card"));
        assert!(!names_word("The agent calls unblock_card.", "block_card"));
        assert!(!names_word("re-block_card", "block_card"));
        assert!(!names_word("anything", ""));
    }

    #[test]
    fn finds_a_cue_only_at_the_start_of_a_word() {
        assert!(starts_word("a human colleague", "colleague"));
        assert!(starts_word("an die kollegin", "kolleg"));
        assert!(!starts_word("acknowledges the complaint", "knowledge"));
    }
}
