//! What a persona wants done, in words, from a tool's id and kind.
//!
//! Tool ids usually read verb-then-object (`block_card`,
//! `get_order_status`). Known verbs and objects become a goal in the
//! language ("block your card", "deine Karte sperren"); handover,
//! knowledge and e-mail tools have goals of their own; anything else gets
//! a general goal built around the topic.

use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use understudy_flow::ToolKind;

use super::bank::{Bank, GoalForms, Noun};
use super::template::{fill, identifier_words, title_case};
use crate::plan::ToolCallPlan;
use crate::spec::Language;

/// Words in tool ids that say nothing about the goal.
const NOISE: [&str; 10] = [
    "tool", "api", "the", "a", "my", "user", "customer", "function", "call", "do",
];

/// Prepositions that may open the object of a verb (`apply_for_loan`).
const PREPOSITIONS: [&str; 7] = ["for", "to", "of", "from", "by", "on", "in"];

/// A goal in the forms the templates need.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    /// "block your card" / "deine Karte sperren".
    pub inf: String,
    /// "block your card" / "deine Karte zu sperren".
    pub zu: String,
    /// A title core: "Card Block" / "Sperrung der Karte".
    pub title: String,
    /// What the agent does once it is reached, as a verb phrase.
    pub done: String,
}

/// What a topic is called, for goals that are built around it.
pub struct Topic<'a> {
    pub name: &'a str,
    pub tool_words: &'a str,
}

/// The goal of one tool call.
pub fn for_tool(
    bank: &Bank,
    language: Language,
    call: &ToolCallPlan,
    topic: &Topic<'_>,
    rng: &mut ChaCha8Rng,
) -> Goal {
    let kind = match call.kind {
        ToolKind::HandoverToHuman => Some("handoverToHuman"),
        ToolKind::HandoverToAgent => Some("handoverToAgent"),
        ToolKind::Knowledge => Some("knowledge"),
        ToolKind::SendEmail => Some("sendEmail"),
        _ => None,
    };
    if let Some(kind) = kind {
        return from_kind(bank, kind, topic, rng);
    }

    parse(bank, language, &call.tool_id).unwrap_or_else(|| from_kind(bank, "generic", topic, rng))
}

/// The goal of a package that exercises no tool.
pub fn without_tool(bank: &Bank, topic: &Topic<'_>, rng: &mut ChaCha8Rng) -> Goal {
    from_kind(bank, "noTool", topic, rng)
}

fn from_kind(bank: &Bank, kind: &str, topic: &Topic<'_>, rng: &mut ChaCha8Rng) -> Goal {
    let forms = bank.goals.kinds[kind]
        .choose(rng)
        .expect("every goal kind has alternatives");
    let slots = [
        ("topic", topic.name),
        ("tool_words", topic.tool_words),
        ("Topic", &title_case(topic.name)),
        ("Tool_words", &title_case(topic.tool_words)),
    ];
    realise(forms, &slots)
}

pub(crate) fn realise(forms: &GoalForms, slots: &[(&str, &str)]) -> Goal {
    let inf = fill(&forms.inf, slots);
    Goal {
        zu: forms
            .zu
            .as_deref()
            .map_or_else(|| inf.clone(), |zu| fill(zu, slots)),
        inf,
        title: fill(&forms.title, slots),
        done: fill(&forms.done, slots),
    }
}

/// A goal from a verb-object tool id, when both parts are known.
pub(crate) fn parse(bank: &Bank, language: Language, tool_id: &str) -> Option<Goal> {
    let words: Vec<String> = identifier_words(tool_id)
        .into_iter()
        .filter(|w| !NOISE.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let (verb, object) = split_verb(bank, &words)?;
    let forms = bank.goals.verbs.get(&verb)?;
    let slots = object_slots(bank, language, object)?;
    let slots: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Some(realise(forms, &slots))
}

/// The verb entry and the object words. Ids ending in a look-up word
/// (`order_status`) are look-ups of everything but a leading look-up verb.
fn split_verb<'w>(bank: &Bank, words: &'w [String]) -> Option<(String, &'w [String])> {
    let verb_of = |word: &str| bank.goals.aliases.get(word).cloned();
    let last = words.last()?;

    let (verb, object) = if bank.goals.lookup_words.contains(last) {
        match verb_of(&words[0]) {
            Some(verb) if verb == "lookup" => (verb, &words[1..]),
            _ => ("lookup".to_owned(), words),
        }
    } else {
        (verb_of(&words[0])?, &words[1..])
    };
    let skip = object
        .iter()
        .take_while(|w| PREPOSITIONS.contains(&w.as_str()))
        .count();
    let object = &object[skip..];
    (!object.is_empty()).then_some((verb, object))
}

/// The object slots: `{obj}`, `{obj_def}`, `{obj_gen}`, `{Obj}`.
fn object_slots(
    bank: &Bank,
    language: Language,
    object: &[String],
) -> Option<Vec<(&'static str, String)>> {
    match language {
        Language::En => Some(english_object(bank, object)),
        Language::De => german_object(bank, object),
    }
}

fn english_object(bank: &Bank, object: &[String]) -> Vec<(&'static str, String)> {
    let words = object.join(" ");
    let personal = lookup_noun(bank, object).is_none_or(|noun| noun.personal);
    let owner = if personal { "your" } else { "the" };
    let short = &object[object.len().saturating_sub(2)..];
    vec![
        ("obj", format!("{owner} {words}")),
        ("obj_def", format!("the {words}")),
        ("obj_acc", format!("the {words}")),
        ("obj_gen", format!("the {words}")),
        ("obj_new", format!("a new {words}")),
        ("words", words.clone()),
        ("Obj", title_case(&short.join(" "))),
    ]
}

/// German needs the noun's gender for every article; unknown nouns give
/// no goal rather than a wrong one.
fn german_object(bank: &Bank, object: &[String]) -> Option<Vec<(&'static str, String)>> {
    let noun = lookup_noun(bank, object)?;
    let nom = noun.nom.clone()?;
    let genitive_form = noun.genitive.clone().unwrap_or_else(|| nom.clone());
    let (possessive, nominative, accusative, genitive, new) = match noun.gender.as_deref()? {
        "m" => (
            "deinen",
            "der",
            "den",
            format!("des {genitive_form}"),
            "einen neuen",
        ),
        "n" => (
            "dein",
            "das",
            "das",
            format!("des {genitive_form}"),
            "ein neues",
        ),
        _ => ("deine", "die", "die", format!("der {nom}"), "eine neue"),
    };
    let owned = if noun.personal {
        possessive
    } else {
        accusative
    };
    Some(vec![
        ("obj", format!("{owned} {nom}")),
        ("obj_def", format!("{nominative} {nom}")),
        ("obj_acc", format!("{accusative} {nom}")),
        ("obj_gen", genitive),
        ("obj_new", format!("{new} {nom}")),
        ("words", nom.clone()),
        ("Obj", nom),
    ])
}

/// The noun for all object words, else the last two, else the last one.
fn lookup_noun<'b>(bank: &'b Bank, object: &[String]) -> Option<&'b Noun> {
    let nouns = &bank.goals.nouns;
    let tail = |n: usize| object[object.len().saturating_sub(n)..].join(" ");
    nouns
        .get(&object.join(" "))
        .or_else(|| nouns.get(&tail(2)))
        .or_else(|| nouns.get(&tail(1)))
}
