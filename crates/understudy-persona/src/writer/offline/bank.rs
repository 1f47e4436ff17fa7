//! Phrase banks and name lists, one JSON file per language.
//!
//! Every slot holds several alternative templates with `{placeholders}`;
//! the writer draws one per package. Keeping the prose in data files lets
//! it be read, reviewed and extended without touching code.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::spec::Language;

static EN: LazyLock<Bank> = LazyLock::new(|| parse(include_str!("lang/en.json"), "en"));
static DE: LazyLock<Bank> = LazyLock::new(|| parse(include_str!("lang/de.json"), "de"));

/// The bank for a language.
pub fn for_language(language: Language) -> &'static Bank {
    match language {
        Language::En => &EN,
        Language::De => &DE,
    }
}

/// The banks ship inside the binary and are covered by tests, so a bank
/// that does not parse is a build mistake, not a runtime condition.
fn parse(json: &str, code: &str) -> Bank {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("the `{code}` phrase bank is broken: {e}"))
}

/// All phrases of one language.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bank {
    pub words: Words,
    pub names: Names,
    /// Phrases per `axis.level`, such as `mood.angry`.
    pub traits: BTreeMap<String, Vec<String>>,
    pub description: DescriptionBank,
    pub mission: MissionBank,
    pub title: TitleBank,
    pub criteria: CriteriaBank,
    pub goals: GoalBank,
    /// Parameter labels in the language's words, by the lowercased label
    /// in English words (`account number`); others are used as they are.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

/// Small words the code needs between slots.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Words {
    pub and: String,
    pub quote_open: String,
    pub quote_close: String,
    /// How the agent is called when the flow names none.
    pub agent: String,
    /// Stands for the labels a tool criterion does not name one by one.
    pub other_details: String,
    /// How a yes or a no argument is said.
    pub yes: String,
    pub no: String,
    /// How a yes or no argument is stated: `{answer}` and `{label}`.
    pub answered: String,
    /// How a number with a unit in its name is stated ("data add-on gb"
    /// 37): `{label}` without the unit, `{value}`, `{unit}`.
    pub measured: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub first: Vec<String>,
    pub last: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DescriptionBank {
    /// Who the persona is: name, age and whom they contact. The persona
    /// type is never named; the traits it pins describe the person.
    pub identity: Vec<String>,
    pub manner: Vec<String>,
    pub manner_with_language: Vec<String>,
    pub habits: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MissionBank {
    pub openers: Vec<String>,
    pub situations: Vec<String>,
    pub facts: Vec<String>,
    pub closings: Vec<String>,
    /// Per twist, what the persona does differently; `<twist>.gentle`
    /// holds the same twist for a persona who would not make demands.
    pub twists: BTreeMap<String, Vec<String>>,
    /// When the persona gives up; every one says so plainly.
    pub give_up: Vec<String>,
    /// What an out-of-scope demand can be.
    pub demands: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TitleBank {
    pub patterns: Vec<String>,
    /// Adjectives or short phrases per `axis.level`.
    pub qualifiers: BTreeMap<String, Vec<String>>,
    /// Per category (`happyPath`) or twist (`correction`).
    pub tails: BTreeMap<String, Vec<String>>,
    /// Patterns with the persona's name, when the others are used up.
    pub fallbacks: Vec<String>,
    /// Title cores for a goal whose own title is too long to fit.
    pub cores: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CriteriaBank {
    pub tool_names: Vec<String>,
    pub tool_texts: Vec<String>,
    pub tool_texts_without_arguments: Vec<String>,
    pub outcomes: BTreeMap<String, OutcomeBank>,
    /// The text of a suggested criterion that came without a description.
    pub suggested_text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeBank {
    pub names: Vec<String>,
    pub texts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GoalBank {
    /// Verbs found in tool ids, mapped to the verb entry they mean.
    pub aliases: BTreeMap<String, String>,
    pub verbs: BTreeMap<String, GoalForms>,
    /// Objects found in tool ids (one or two words).
    pub nouns: BTreeMap<String, Noun>,
    /// Last words that make a tool a look-up (`order_status`).
    pub lookup_words: Vec<String>,
    /// Goals per tool kind, and `generic` / `noTool` for the rest.
    pub kinds: BTreeMap<String, Vec<GoalForms>>,
}

/// One goal: as an infinitive, a zu-infinitive (German), a title core
/// and what the agent does once it is reached.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalForms {
    pub inf: String,
    #[serde(default)]
    pub zu: Option<String>,
    pub title: String,
    pub done: String,
}

/// A noun as the language needs it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Noun {
    /// The noun as written, when it differs from the key (every German
    /// noun; English ones such as "move-out").
    #[serde(default)]
    pub nom: Option<String>,
    /// `m`, `f`, `n` or `pl` (German).
    #[serde(default)]
    pub gender: Option<String>,
    /// The genitive form (German masculine and neuter).
    #[serde(default, rename = "gen")]
    pub genitive: Option<String>,
    /// Whether it belongs to the user ("your card") or not ("the weather").
    #[serde(default = "yes")]
    pub personal: bool,
    /// Whether it keeps its meaning at the end of a longer name ("billing
    /// address" is an address), so it may stand for a noun the bank lacks.
    #[serde(default)]
    pub head: bool,
}

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{
        AXES, EDGE_OUTCOMES, EDGE_TWISTS, OUTCOMES, UNHAPPY_OUTCOMES, UNHAPPY_TWISTS,
    };

    fn banks() -> [&'static Bank; 2] {
        [for_language(Language::En), for_language(Language::De)]
    }

    #[test]
    fn every_outcome_has_names_and_texts_in_every_language() {
        for bank in banks() {
            for kind in OUTCOMES
                .iter()
                .chain(&EDGE_OUTCOMES)
                .chain(&UNHAPPY_OUTCOMES)
            {
                let outcome = &bank.criteria.outcomes[*kind];
                assert!(
                    outcome.names.len() >= 2 && !outcome.texts.is_empty(),
                    "{kind}"
                );
            }
        }
    }

    #[test]
    fn every_twist_has_mission_text_and_title_tails() {
        for bank in banks() {
            for twist in EDGE_TWISTS.iter().chain(&UNHAPPY_TWISTS) {
                assert!(bank.mission.twists[*twist].len() >= 3, "{twist}");
                assert!(bank.title.tails[*twist].len() >= 3, "{twist}");
            }
        }
    }

    #[test]
    fn every_trait_level_has_several_phrases() {
        for bank in banks() {
            for axis in AXES.iter().filter(|a| a.name != "ageBand") {
                for level in axis.levels {
                    let key = format!("{}.{level}", axis.name);
                    assert!(bank.traits.get(&key).is_some_and(|p| p.len() >= 2), "{key}");
                }
            }
        }
    }

    #[test]
    fn every_verb_alias_names_a_verb_entry() {
        for bank in banks() {
            for (alias, verb) in &bank.goals.aliases {
                assert!(bank.goals.verbs.contains_key(verb), "{alias} -> {verb}");
            }
            assert!(bank.goals.verbs.contains_key("lookup"));
        }
    }

    #[test]
    fn both_languages_name_enough_people_for_thousands_of_personas() {
        for bank in banks() {
            assert!(bank.names.first.len() * bank.names.last.len() >= 5000);
        }
    }
}
