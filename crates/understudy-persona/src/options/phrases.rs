//! The words of the options, one JSON file per language: how tool goals
//! become mission types, the general mission types, the suggested title.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::spec::{Language, MissionType, SuggestedCriterion};

static EN: LazyLock<Phrases> = LazyLock::new(|| parse(include_str!("missions.en.json"), "en"));
static DE: LazyLock<Phrases> = LazyLock::new(|| parse(include_str!("missions.de.json"), "de"));

/// The phrases of a language.
pub fn for_language(language: Language) -> &'static Phrases {
    match language {
        Language::En => &EN,
        Language::De => &DE,
    }
}

/// The files ship inside the binary and are covered by tests, so one that
/// does not parse is a build mistake, not a runtime condition.
fn parse(json: &str, code: &str) -> Phrases {
    serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("the `{code}` mission phrases are broken: {e}"))
}

/// All phrases of one language.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Phrases {
    /// The suggested title, around `{subject}`.
    pub simulation_name: String,
    /// The subject of the title when the flow names nothing.
    pub default_subject: String,
    /// Words kept in lower case inside a title (English); empty when the
    /// language does not title-case.
    pub minor_words: Vec<String>,
    /// Second-person words of a goal and their third-person forms, so
    /// "block your card" describes "the user" as "block their card".
    pub third_person: BTreeMap<String, String>,
    /// Leading words dropped from a goal that names a mission type
    /// ("deine Karte sperren" -> "Karte sperren").
    pub name_drops: Vec<String>,
    pub and: String,
    pub or: String,
    /// How a parameter's label is quoted in running text.
    pub label: String,
    /// Stands for the labels not named one by one.
    pub other_details: String,
    pub tool: ToolPhrases,
    pub general: GeneralMissions,
}

/// How a goal served by tools is described and judged.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ToolPhrases {
    /// `{goal}`, `{tools}`.
    pub description: String,
    /// `{goal}`, `{tools}`, `{labels}`.
    pub description_with_details: String,
    pub details: SuggestedCriterion,
    pub called: SuggestedCriterion,
    pub called_without_details: SuggestedCriterion,
    /// `{done}`: what the agent does once the goal is reached.
    pub confirmed: SuggestedCriterion,
}

/// Mission types any agent can be tested with, some only when the flow
/// has the tool they need.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GeneralMissions {
    pub information: MissionType,
    /// Replaces `information` when a knowledge tool is in scope.
    pub information_from_knowledge: MissionType,
    pub human_handover: MissionType,
    pub specialist_handover: MissionType,
    pub out_of_scope: MissionType,
    pub complaint: MissionType,
}
