//! Mission types from the tools in scope: one per goal the agent serves.
//!
//! A tool's goal comes from the offline writer's phrasing of tool ids
//! (`block_card` -> "block your card"), so that options and packages speak
//! of a tool alike. Tools whose goals read the same are one mission type.
//! Knowledge and handover tools serve the general mission types instead.

use serde_json::Value;

use understudy_flow::{Scope, Tool, ToolKind};

use super::phrases::Phrases;
use super::words::{NAME_WORDS, all_of, any_of, fits_name, goal_name, third_person, title};
use crate::spec::{Language, MissionType, SuggestedCriterion};
use crate::writer::offline::bank::{self, Bank};
use crate::writer::offline::goal::{self, Goal};
use crate::writer::offline::template::{fill, identifier_words, title_case};

/// Parameter labels named in a sentence before the rest are summed up.
const LABELS_NAMED: usize = 3;

/// One goal and every tool in scope that serves it.
struct ToolGoal {
    /// The goal's English name, lowercased: tools whose goals read the
    /// same in English serve one goal in every language.
    key: String,
    name: String,
    goal: Goal,
    /// The first tool's id in words, for a name of last resort.
    words: String,
    tools: Vec<String>,
    labels: Vec<String>,
}

/// One mission type per distinct goal of the tools in scope, in flow order.
pub fn mission_types(scope: &Scope<'_>, language: Language, phrases: &Phrases) -> Vec<MissionType> {
    let mut goals: Vec<ToolGoal> = Vec::new();
    for (_, tool) in scope.tools() {
        let Some(found) = goal_of(language, phrases, tool) else {
            continue;
        };
        match goals.iter_mut().find(|g| g.key == found.key) {
            Some(known) => known.absorb(found),
            None => goals.push(found),
        }
    }

    distinct_names(&mut goals, language, phrases);
    goals.iter().map(|g| g.mission_type(phrases)).collect()
}

/// The goal a tool serves, unless a general mission type covers it.
fn goal_of(language: Language, phrases: &Phrases, tool: &Tool) -> Option<ToolGoal> {
    let words = identifier_words(&tool.tool_id).join(" ");
    if words.is_empty() || serves_general_goal(tool.kind) {
        return None;
    }

    let (goal, name) = phrased(language, phrases, tool, &words);
    let key = match language {
        Language::En => name.to_lowercase(),
        _ => phrased(
            Language::En,
            super::phrases::for_language(Language::En),
            tool,
            &words,
        )
        .1
        .to_lowercase(),
    };

    Some(ToolGoal {
        key,
        name,
        goal,
        words,
        tools: vec![tool.tool_id.clone()],
        labels: tool
            .parameters
            .as_ref()
            .map(|schema| labels(bank::for_language(language), schema))
            .unwrap_or_default(),
    })
}

/// Knowledge and handover tools serve the general mission types.
fn serves_general_goal(kind: ToolKind) -> bool {
    matches!(
        kind,
        ToolKind::Knowledge | ToolKind::HandoverToHuman | ToolKind::HandoverToAgent
    )
}

/// A tool's goal and the mission type's name for it, in one language: the
/// goal said as a name ("Block Your Card") when it reads as one, else the
/// goal's title ("Card Block").
fn phrased(language: Language, phrases: &Phrases, tool: &Tool, words: &str) -> (Goal, String) {
    let bank = bank::for_language(language);
    let parsed = match tool.kind {
        ToolKind::SendEmail => None,
        _ => goal::of_tool(bank, language, &tool.tool_id, &tool.description),
    };

    match parsed {
        Some(goal) => {
            let name = goal_name(phrases, &goal.inf);
            let name = if fits_name(&name) {
                name
            } else {
                title(phrases, &goal.title)
            };
            (goal, at_most_words(&name))
        }
        None => {
            let kind = if tool.kind == ToolKind::SendEmail {
                "sendEmail"
            } else {
                "generic"
            };
            let goal = kind_goal(bank, language, kind, words);
            let name = at_most_words(&title(phrases, &goal.title));
            (goal, name)
        }
    }
}

/// Two goals may read alike in one language though not in English (German
/// looks up "flight status" as "Status"); the later one is then named
/// after its tool, and numbered if even that is taken.
fn distinct_names(goals: &mut [ToolGoal], language: Language, phrases: &Phrases) {
    let bank = bank::for_language(language);
    let mut taken: Vec<String> = Vec::new();

    for goal in goals.iter_mut() {
        if taken.contains(&goal.name.to_lowercase()) {
            let generic = kind_goal(bank, language, "generic", &goal.words);
            goal.name = at_most_words(&title(phrases, &generic.title));
        }
        let mut number = 2;
        let base = at_most_words_of(&goal.name, NAME_WORDS.end() - 1);
        while taken.contains(&goal.name.to_lowercase()) {
            goal.name = format!("{base} {number}");
            number += 1;
        }
        taken.push(goal.name.to_lowercase());
    }
}

/// The first goal of a kind, built around the tool's words. The writer
/// draws among a kind's goals; a mission type needs one stable name.
fn kind_goal(bank: &Bank, language: Language, kind: &str, words: &str) -> Goal {
    let forms = &bank.goals.kinds[kind][0];
    let titled = title_case(words);
    let topic = match language {
        Language::En => words,
        Language::De => titled.as_str(),
    };
    let slots = [
        ("topic", topic),
        ("tool_words", words),
        ("Topic", titled.as_str()),
        ("Tool_words", titled.as_str()),
    ];
    goal::realise(forms, &slots)
}

fn at_most_words(name: &str) -> String {
    at_most_words_of(name, *NAME_WORDS.end())
}

fn at_most_words_of(name: &str, most: usize) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    words[..words.len().min(most)].join(" ")
}

/// What a tool needs, in words: its required parameters (every parameter
/// when none is marked required), by title or by name, in the language's
/// words where the bank knows them.
fn labels(bank: &Bank, schema: &Value) -> Vec<String> {
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();

    properties
        .iter()
        .filter(|(name, _)| required.is_empty() || required.contains(&name.as_str()))
        .map(
            |(name, property)| match property.get("title").and_then(Value::as_str) {
                Some(title) if !title.trim().is_empty() => title.trim().to_owned(),
                _ => identifier_words(name).join(" "),
            },
        )
        .map(|label| {
            bank.labels
                .get(&label.to_lowercase())
                .cloned()
                .unwrap_or(label)
        })
        .filter(|label| !label.is_empty())
        .collect()
}

impl ToolGoal {
    /// Takes in another tool with the same goal and what it needs.
    fn absorb(&mut self, other: ToolGoal) {
        for tool in other.tools {
            if !self.tools.contains(&tool) {
                self.tools.push(tool);
            }
        }
        for label in other.labels {
            if !self.labels.contains(&label) {
                self.labels.push(label);
            }
        }
    }

    fn mission_type(&self, phrases: &Phrases) -> MissionType {
        let words = &phrases.tool;
        let tools = any_of(phrases, &self.tools);
        let labels = self.labels_text(phrases);
        let goal = third_person(phrases, &self.goal.inf);
        let slots = [
            ("goal", goal.as_str()),
            ("tools", tools.as_str()),
            ("labels", labels.as_str()),
            ("done", self.goal.done.as_str()),
        ];

        let (description, called) = if self.labels.is_empty() {
            (&words.description, &words.called_without_details)
        } else {
            (&words.description_with_details, &words.called)
        };
        let mut criteria = Vec::new();
        if !self.labels.is_empty() {
            criteria.push(criterion(&words.details, &slots));
        }
        criteria.push(criterion(called, &slots));
        criteria.push(criterion(&words.confirmed, &slots));

        MissionType {
            name: self.name.clone(),
            description: fill(description, &slots),
            success_criteria: criteria,
        }
    }

    /// "card last four and reason", quoted as the language quotes labels.
    fn labels_text(&self, phrases: &Phrases) -> String {
        let mut named: Vec<String> = self
            .labels
            .iter()
            .take(LABELS_NAMED)
            .map(|label| fill(&phrases.label, &[("label", label)]))
            .collect();
        if self.labels.len() > LABELS_NAMED {
            named.push(phrases.other_details.clone());
        }
        all_of(phrases, &named)
    }
}

fn criterion(template: &SuggestedCriterion, slots: &[(&str, &str)]) -> SuggestedCriterion {
    SuggestedCriterion {
        name: template.name.clone(),
        description: fill(&template.description, slots),
    }
}
