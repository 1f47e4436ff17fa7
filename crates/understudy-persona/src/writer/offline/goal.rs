//! What a persona wants done, in words, from a tool's id and kind.
//!
//! Tool ids usually read verb-then-object (`block_card`,
//! `get_order_status`, `set_up_payment_plan`). Known verbs (one word or
//! two, such as "set up" or "top up") and objects become a goal in the
//! language ("block your card", "deine Karte sperren"); handover,
//! knowledge and e-mail tools have goals of their own. An id that does
//! not read with confidence (an unknown verb, a German object without a
//! known noun) is not guessed at: the tool's own description says what it
//! does (see [`described`](super::described)), and only without one does
//! a general goal around the tool's name serve.

use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use understudy_flow::ToolKind;

use super::bank::{Bank, GoalForms, Noun};
use super::described;
use super::template::{fill, identifier_words, title_case};
use crate::plan::ToolCallPlan;
use crate::spec::Language;

/// Words in tool ids that say nothing about the goal.
const NOISE: [&str; 10] = [
    "tool", "api", "the", "a", "my", "user", "customer", "function", "call", "do",
];

/// Prepositions that may open the object of a verb (`apply_for_loan`).
const PREPOSITIONS: [&str; 7] = ["for", "to", "of", "from", "by", "on", "in"];

/// Words that join two requests: an id holding one is not one goal.
const CONJUNCTIONS: [&str; 3] = ["and", "or", "then"];

/// Verbs that are as often nouns: before a look-up word (`order_status`,
/// `refund_status`) they name what is looked up.
const NOUN_VERBS: [&str; 12] = [
    "order", "return", "book", "request", "report", "quote", "transfer", "file", "move", "plan",
    "refund", "email",
];

/// Verbs that may end an id (`password_reset`) because they are rarely
/// nouns; `order`, `plan` or `return` at the end name a thing.
const TRAILING_VERBS: [&str; 14] = [
    "reset",
    "update",
    "change",
    "cancel",
    "block",
    "unblock",
    "unlock",
    "delete",
    "verify",
    "activate",
    "deactivate",
    "renew",
    "lookup",
    "check",
];
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

    of_tool(bank, language, &call.tool_id, &call.description)
        .unwrap_or_else(|| from_kind(bank, "generic", topic, rng))
}

/// The goal a function tool serves, from its id when that reads with
/// confidence, else from its description.
pub(crate) fn of_tool(
    bank: &Bank,
    language: Language,
    tool_id: &str,
    description: &str,
) -> Option<Goal> {
    parse(bank, language, tool_id).or_else(|| described::goal(bank, language, description))
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

/// A goal from a verb-object tool id, when both parts read with
/// confidence: a known verb and an object of plain words (in German, one
/// the bank knows the noun of).
pub(crate) fn parse(bank: &Bank, language: Language, tool_id: &str) -> Option<Goal> {
    let words: Vec<String> = identifier_words(tool_id)
        .into_iter()
        .filter(|w| !NOISE.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let (verb, object) = split_verb(bank, &words)?;
    let plain = object
        .iter()
        .all(|w| w.chars().all(char::is_alphabetic) && !CONJUNCTIONS.contains(&w.as_str()));
    if !plain {
        return None;
    }
    let forms = bank.goals.verbs.get(&verb)?;
    let slots = object_slots(bank, language, object)?;
    let slots: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Some(realise(forms, &slots))
}

/// The verb entry and the object words: a verb of two words (`set up`)
/// or one at the start (unless it is as often a noun and a look-up word
/// ends the id), else a look-up of an id ending in a look-up word
/// (`order_status`), else a verb at the end (`password_reset`) that is
/// rarely a noun.
fn split_verb<'w>(bank: &Bank, words: &'w [String]) -> Option<(String, &'w [String])> {
    let verb_of = |word: &str| bank.goals.aliases.get(word).cloned();
    let last = words.last()?;

    let two = words.get(..2).and_then(|pair| verb_of(&pair.join(" ")));
    let looked_up = bank.goals.lookup_words.contains(last);
    let leading = verb_of(&words[0])
        .filter(|verb| !looked_up || verb == "lookup" || !NOUN_VERBS.contains(&words[0].as_str()));
    let (verb, object) = if let Some(verb) = two {
        (verb, &words[2..])
    } else if let Some(verb) = leading {
        (verb, &words[1..])
    } else if looked_up {
        ("lookup".to_owned(), words)
    } else if words.len() > 1 && TRAILING_VERBS.contains(&last.as_str()) {
        (verb_of(last)?, &words[..words.len() - 1])
    } else {
        return None;
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
    let noun = lookup_noun(bank, object, false);
    let words = match noun.and_then(|n| n.nom.clone()) {
        Some(said) if noun_covers(bank, object) => said,
        _ => object.join(" "),
    };
    let personal = noun.is_none_or(|noun| noun.personal);
    let owner = if personal { "your" } else { "the" };
    let all: Vec<&str> = words.split_whitespace().collect();
    let short = &all[all.len().saturating_sub(2)..];
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let last = all.last().copied().unwrap_or_default();
    let plural = last.ends_with('s') && !["ss", "us", "is"].iter().any(|end| last.ends_with(end));
    let (has, is) = if plural {
        ("have", "are")
    } else {
        ("has", "is")
    };
    vec![
        ("obj", format!("{owner} {words}")),
        ("obj_def", format!("the {words}")),
        ("obj_acc", format!("the {words}")),
        ("obj_gen", format!("the {words}")),
        ("obj_new", format!("a new {words}")),
        ("obj_a", format!("{article} {words}")),
        ("has", has.to_owned()),
        ("is", is.to_owned()),
        ("words", words.clone()),
        ("Obj", title_case(&short.join(" "))),
    ]
}

/// Whether the bank's noun for `object` is for all of its words.
fn noun_covers(bank: &Bank, object: &[String]) -> bool {
    bank.goals.nouns.contains_key(&object.join(" "))
}

/// German needs the noun's gender for every article; unknown nouns give
/// no goal rather than a wrong one.
fn german_object(bank: &Bank, object: &[String]) -> Option<Vec<(&'static str, String)>> {
    let noun = lookup_noun(bank, object, true)?;
    let nom = noun.nom.clone()?;
    let genitive_form = noun.genitive.clone().unwrap_or_else(|| nom.clone());
    let (possessive, nominative, accusative, genitive, new, indefinite) =
        match noun.gender.as_deref()? {
            "m" => (
                "deinen",
                "der",
                "den",
                format!("des {genitive_form}"),
                "einen neuen",
                "einen",
            ),
            "n" => (
                "dein",
                "das",
                "das",
                format!("des {genitive_form}"),
                "ein neues",
                "ein",
            ),
            "pl" => ("deine", "die", "die", format!("der {nom}"), "neue", ""),
            _ => (
                "deine",
                "die",
                "die",
                format!("der {nom}"),
                "eine neue",
                "eine",
            ),
        };
    let (is, was) = if noun.gender.as_deref() == Some("pl") {
        ("sind", "wurden")
    } else {
        ("ist", "wurde")
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
        ("obj_a", format!("{indefinite} {nom}").trim().to_owned()),
        ("ist", is.to_owned()),
        ("wurde", was.to_owned()),
        ("words", nom.clone()),
        ("Obj", nom),
    ])
}

/// Words of a knowledge or handover tool's id that name the kind of tool
/// rather than what it is about.
const KIND_WORDS: &[&str] = &[
    "search",
    "query",
    "find",
    "lookup",
    "look",
    "get",
    "ask",
    "faq",
    "faqs",
    "kb",
    "knowledge",
    "base",
    "docs",
    "documentation",
    "articles",
    "handover",
    "hand",
    "over",
    "transfer",
    "to",
    "talk",
    "with",
    "escalate",
    "team",
    "agent",
    "human",
    "person",
    "route",
    "forward",
    "connect",
    "send",
    "email",
    "mail",
    "answer",
    "answers",
    "help",
];

/// What a knowledge or handover tool is about, from its id
/// (`search_billing_faq` -> "billing", `handover_to_outages` ->
/// "outages"); in German only when the bank knows the noun.
pub(crate) fn subject(bank: &Bank, language: Language, tool_id: &str) -> Option<String> {
    let words: Vec<String> = identifier_words(tool_id)
        .into_iter()
        .filter(|w| {
            !KIND_WORDS.contains(&w.as_str())
                && !NOISE.contains(&w.as_str())
                && w.chars().all(char::is_alphabetic)
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    match language {
        Language::En => Some(words.join(" ")),
        Language::De => lookup_noun(bank, &words, true).and_then(|noun| noun.nom.clone()),
    }
}

/// The noun for all object words, else the last two, else the last one.
/// Where the noun decides the words (German), a shorter tail only stands
/// for the whole when its noun is marked as a head that keeps its meaning
/// in compounds ("billing address" is an address, a "payment plan" is no
/// tariff plan).
fn lookup_noun<'b>(bank: &'b Bank, object: &[String], strict: bool) -> Option<&'b Noun> {
    let nouns = &bank.goals.nouns;
    let tail = |n: usize| object[object.len().saturating_sub(n)..].join(" ");
    let shorter = |n: usize| {
        nouns
            .get(&tail(n))
            .filter(|noun| object.len() > n && (!strict || noun.head))
    };
    nouns
        .get(&object.join(" "))
        .or_else(|| shorter(2))
        .or_else(|| shorter(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::writer::offline::bank::for_language;

    fn inf(language: Language, tool_id: &str) -> Option<String> {
        parse(for_language(language), language, tool_id).map(|goal| goal.inf)
    }

    #[test]
    fn reads_verbs_of_two_words() {
        assert_eq!(
            inf(Language::En, "set_up_payment_plan").as_deref(),
            Some("set up a payment plan")
        );
        assert_eq!(
            inf(Language::En, "topUpBalance").as_deref(),
            Some("top up your balance")
        );
        assert_eq!(
            inf(Language::De, "set_up_payment_plan").as_deref(),
            Some("einen Ratenplan einrichten")
        );
    }

    #[test]
    fn a_leading_verb_wins_over_a_trailing_look_up_word() {
        assert_eq!(
            inf(Language::En, "update_contact_details").as_deref(),
            Some("update your contact details")
        );
        assert_eq!(
            inf(Language::En, "order_status").as_deref(),
            Some("look up your order status")
        );
        assert_eq!(
            inf(Language::De, "update_contact_details").as_deref(),
            Some("deine Kontaktdaten ändern")
        );
    }

    #[test]
    fn a_plural_object_takes_a_plural_verb() {
        let done = |language, id| parse(for_language(language), language, id).unwrap().done;
        assert_eq!(
            done(Language::En, "update_contact_details"),
            "confirms that the contact details have been updated"
        );
        assert_eq!(
            done(Language::En, "update_address"),
            "confirms that the address has been updated"
        );
        assert_eq!(
            done(Language::De, "update_contact_details"),
            "bestätigt, dass die Kontaktdaten geändert wurden"
        );
    }

    #[test]
    fn compares_rather_than_looks_up() {
        assert_eq!(
            inf(Language::En, "compare_tariffs").as_deref(),
            Some("compare the tariffs")
        );
        assert_eq!(
            inf(Language::De, "compare_tariffs").as_deref(),
            Some("die Tarife vergleichen")
        );
    }

    #[test]
    fn reads_a_verb_at_the_end_only_when_it_is_rarely_a_noun() {
        assert_eq!(
            inf(Language::En, "password_reset").as_deref(),
            Some("reset your password")
        );
        assert_eq!(inf(Language::En, "payment_plan"), None);
    }

    /// "payment plan" was read as "Tarif" because its last word was.
    #[test]
    fn a_german_compound_the_bank_lacks_is_not_read_as_its_last_word() {
        assert_eq!(inf(Language::De, "cancel_pension_plan"), None);
        assert_eq!(
            inf(Language::De, "update_billing_address").as_deref(),
            Some("deine Rechnungsadresse ändern")
        );
        assert_eq!(
            inf(Language::De, "update_shipping_address").as_deref(),
            Some("deine Adresse ändern")
        );
    }

    #[test]
    fn an_id_joining_two_requests_is_not_one_goal() {
        assert_eq!(inf(Language::En, "update_and_send_invoice"), None);
    }
}
