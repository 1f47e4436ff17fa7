//! A goal from a tool's own description, for ids that do not read with
//! confidence: "Compares the customer's tariff with the cheapest
//! available." becomes "compare your tariff with the cheapest available".
//!
//! Only the first clause is used, and only when it opens with a verb in
//! the third person ("Records", "Looks up", "Vergleicht") in the language
//! asked for; a description in another language, or one that does not
//! say what the tool does, gives no goal.

use super::bank::{Bank, GoalForms};
use super::goal::{Goal, realise};
use super::template::{capitalise, title_case};
use crate::check::language::reads_as;
use crate::spec::Language;

/// Most words of a clause used as a goal; a longer one is cut at a comma
/// or a condition ("when", "if") when it has one.
const CLAUSE_WORDS: usize = 12;

/// Openings that say nothing of what the tool does and are dropped.
const OPENINGS: &[&str] = &[
    "lets the agent ",
    "allows the agent to ",
    "allows the customer to ",
    "allows the user to ",
    "allows customers to ",
    "allows users to ",
    "used to ",
    "use this to ",
    "use to ",
    "this tool ",
    "tool to ",
    "a tool to ",
];

/// Third persons spelled out, so that "your" can stand for them.
const OWNERS: &[(&str, &str)] = &[
    ("the customer's", "your"),
    ("a customer's", "your"),
    ("the user's", "your"),
    ("a user's", "your"),
    ("the caller's", "your"),
    ("their", "your"),
    ("the customer", "you"),
    ("the user", "you"),
    ("the caller", "you"),
];

/// The goal the description states, if it states one in `language`.
pub fn goal(bank: &Bank, language: Language, description: &str) -> Option<Goal> {
    let clause = first_clause(description)?;
    if reads_as(&clause).is_some_and(|said| said != language) {
        return None;
    }
    let inf = match language {
        Language::En => english(&clause)?,
        Language::De => german(&clause)?,
    };
    let zu = match language {
        Language::En => inf.clone(),
        Language::De => german_zu(&inf),
    };

    let forms = GoalForms {
        inf,
        zu: Some(zu),
        title: bank.goals.kinds["generic"][0].title.clone(),
        done: bank.goals.kinds["generic"][0].done.clone(),
    };
    let topic = title_case(&clause_topic(&clause));
    if topic.is_empty() {
        return None;
    }
    Some(realise(
        &forms,
        &[("topic", &topic), ("Topic", &topic), ("Tool_words", &topic)],
    ))
}

/// The first sentence, cut at a colon or semicolon, and at a comma or a
/// condition when it runs long.
fn first_clause(description: &str) -> Option<String> {
    let sentence = description.split(['.', ';', ':', '(', '\n']).next()?.trim();
    let mut clause = sentence.to_owned();
    if clause.split_whitespace().count() > CLAUSE_WORDS {
        for cut in [", ", " when ", " if ", " unless ", " wenn ", " falls "] {
            if let Some(at) = clause.find(cut) {
                clause.truncate(at);
            }
        }
    }
    let words = clause.split_whitespace().count();
    (2..=CLAUSE_WORDS + 4).contains(&words).then_some(clause)
}

/// "Compares the customer's tariff" -> "compare your tariff".
fn english(clause: &str) -> Option<String> {
    let mut lowered = clause.to_lowercase();
    for opening in OPENINGS {
        if let Some(rest) = lowered.strip_prefix(opening) {
            lowered = rest.to_owned();
        }
    }
    let (verb, rest) = lowered.split_once(' ')?;
    let next = rest.split_whitespace().next().unwrap_or_default();
    if ["of", "for", "about", "and", "or", "to"].contains(&next) {
        return None;
    }
    let verb = infinitive(verb)?;

    let mut rest = format!(" {rest} ");
    for (owner, yours) in OWNERS {
        rest = rest.replace(&format!(" {owner} "), &format!(" {yours} "));
    }
    Some(format!("{verb} {}", rest.trim()))
}

/// The infinitive of a verb in the third person singular.
fn infinitive(verb: &str) -> Option<String> {
    let verb = match verb {
        "has" => "have".to_owned(),
        "does" => "do".to_owned(),
        "goes" => "go".to_owned(),
        "is" | "was" | "this" | "the" | "a" | "an" => return None,
        _ if verb.ends_with("ies") && verb.len() > 4 => format!("{}y", &verb[..verb.len() - 3]),
        _ if ["ches", "shes", "sses", "xes", "zes"]
            .iter()
            .any(|end| verb.ends_with(end)) =>
        {
            verb[..verb.len() - 2].to_owned()
        }
        _ if verb.ends_with('s')
            && !["ss", "us", "is"].iter().any(|end| verb.ends_with(end))
            && verb.len() > 3 =>
        {
            verb[..verb.len() - 1].to_owned()
        }
        _ => return None,
    };
    Some(verb)
}

/// German particles that split off a verb ("gibt ... weiter").
const PARTICLES: &[&str] = &[
    "ab", "an", "auf", "aus", "ein", "fest", "frei", "mit", "nach", "vor", "weiter", "zu",
    "zurück", "durch", "um", "bereit",
];

/// Irregular German verbs in the third person, and their infinitives.
const IRREGULAR: &[(&str, &str)] = &[
    ("gibt", "geben"),
    ("nimmt", "nehmen"),
    ("hilft", "helfen"),
    ("liest", "lesen"),
    ("sieht", "sehen"),
    ("lässt", "lassen"),
    ("hält", "halten"),
    ("trägt", "tragen"),
    ("fährt", "fahren"),
    ("hat", "haben"),
    ("wird", "werden"),
];

/// "Vergleicht den Tarif mit dem günstigsten" -> "den Tarif mit dem
/// günstigsten vergleichen", the verb at the end as German wants it.
fn german(clause: &str) -> Option<String> {
    let (verb, rest) = clause.split_once(' ')?;
    let verb = verb.to_lowercase();
    let mut rest: Vec<&str> = rest.split_whitespace().collect();
    let particle = rest
        .last()
        .filter(|last| PARTICLES.contains(&last.to_lowercase().as_str()))
        .map(|p| p.to_lowercase());
    if particle.is_some() {
        rest.pop();
    }

    let stem = match IRREGULAR.iter().find(|(third, _)| *third == verb) {
        Some((_, inf)) => (*inf).to_owned(),
        None if verb.ends_with("iert") => format!("{}en", &verb[..verb.len() - 1]),
        None if verb.ends_with("ert") || verb.ends_with("elt") => {
            format!("{}n", &verb[..verb.len() - 1])
        }
        None if verb.ends_with("et") => format!("{}en", &verb[..verb.len() - 2]),
        None if verb.ends_with('t') && verb.len() > 3 => format!("{}en", &verb[..verb.len() - 1]),
        None => return None,
    };
    let verb = format!("{}{stem}", particle.unwrap_or_default());
    Some(format!("{} {verb}", rest.join(" ")).trim().to_owned())
}

/// The zu-infinitive: "vergleichen" -> "zu vergleichen", "weitergeben" ->
/// "weiterzugeben".
fn german_zu(inf: &str) -> String {
    let (head, verb) = inf.rsplit_once(' ').unwrap_or(("", inf));
    let particle = PARTICLES
        .iter()
        .filter(|p| verb.starts_with(**p) && verb.len() > p.len() + 3)
        .max_by_key(|p| p.len());
    let zu = match particle {
        Some(p) => format!("{p}zu{}", &verb[p.len()..]),
        None => format!("zu {verb}"),
    };
    format!("{head} {zu}").trim().to_owned()
}

/// Words that end the object of a clause ("tariff" in "the tariff with
/// the cheapest"), or lead into it.
const BREAKS: &[&str] = &[
    "with", "for", "to", "from", "over", "into", "at", "on", "in", "by", "of", "and", "or", "mit",
    "für", "zu", "von", "über", "bei", "an", "und", "oder",
];
const LEADS: &[&str] = &[
    "the", "a", "an", "your", "their", "its", "up", "out", "der", "die", "das", "den", "dem",
    "des", "ein", "eine", "einen", "einem",
];

/// The object the clause is about, for a title: the words after the verb
/// up to the first preposition, without articles or possessives
/// ("Compares the customer's tariff with ..." -> "Tariff").
fn clause_topic(clause: &str) -> String {
    let lead = |w: &&str| LEADS.contains(&w.to_lowercase().as_str());
    let words: Vec<&str> = clause
        .split_whitespace()
        .skip(1)
        .skip_while(lead)
        .take_while(|w| !BREAKS.contains(&w.to_lowercase().as_str()))
        .filter(|w| {
            !LEADS.contains(&w.to_lowercase().as_str()) && w.chars().all(char::is_alphabetic)
        })
        .collect();
    let kept = &words[words.len().saturating_sub(2)..];
    capitalise(&kept.join(" "))
}

/// Words that open the list of what a search tool covers: "Searches the
/// help center for fees, opening hours and card limits."
const COVERS: &[&str] = &[" for ", " about ", " on ", " nach ", " zu ", " über "];

/// Items of a list that name no subject a person asks about.
const NOT_SUBJECTS: &[&str] = &[
    "how-to articles",
    "articles",
    "more",
    "other topics",
    "mehr",
];

/// The subjects a knowledge tool's description says it covers, in order:
/// "Searches the bank's help center for fees, opening hours, card limits
/// and how-to articles." gives fees, opening hours and card limits. None
/// when the description names no list, or is written in another language.
pub fn subjects(language: Language, description: &str) -> Vec<String> {
    let sentence = description
        .split(['.', ';', ':', '(', '\n'])
        .next()
        .unwrap_or_default();
    if reads_as(sentence).is_some_and(|said| said != language) {
        return Vec::new();
    }
    let covered = COVERS
        .iter()
        .filter_map(|cover| sentence.find(cover).map(|at| at + cover.len()))
        .min();
    let Some(at) = covered else {
        return Vec::new();
    };

    sentence[at..]
        .split([',', '/'])
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" und ")))
        .flat_map(|part| part.split(" or ").flat_map(|p| p.split(" oder ")))
        .map(|item| item.trim().trim_start_matches("the ").to_owned())
        .filter(|item| {
            let words = item.split_whitespace().count();
            (1..=3).contains(&words) && !NOT_SUBJECTS.contains(&item.to_lowercase().as_str())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::writer::offline::bank::for_language;

    #[test]
    fn reads_the_subjects_a_knowledge_tool_covers() {
        assert_eq!(
            subjects(
                Language::En,
                "Searches the bank's help center for fees, opening hours, card limits and how-to articles."
            ),
            ["fees", "opening hours", "card limits"]
        );
        assert_eq!(
            subjects(
                Language::De,
                "Durchsucht die Hilfe nach Gebühren, Öffnungszeiten oder Kartenlimits."
            ),
            ["Gebühren", "Öffnungszeiten", "Kartenlimits"]
        );
        assert!(subjects(Language::En, "Searches the knowledge base.").is_empty());
        assert!(
            subjects(
                Language::De,
                "Searches the help center for fees and limits."
            )
            .is_empty()
        );
    }

    fn inf(language: Language, description: &str) -> Option<String> {
        goal(for_language(language), language, description).map(|g| g.inf)
    }

    #[test]
    fn turns_an_english_description_into_a_goal_for_the_persona() {
        assert_eq!(
            inf(
                Language::En,
                "Compares the customer's tariff with the cheapest available."
            )
            .as_deref(),
            Some("compare your tariff with the cheapest available")
        );
        assert_eq!(
            inf(
                Language::En,
                "Spreads an outstanding balance over monthly instalments."
            )
            .as_deref(),
            Some("spread an outstanding balance over monthly instalments")
        );
    }

    #[test]
    fn puts_the_german_verb_at_the_end() {
        assert_eq!(
            inf(
                Language::De,
                "Vergleicht den Tarif mit dem günstigsten Angebot."
            )
            .as_deref(),
            Some("den Tarif mit dem günstigsten Angebot vergleichen")
        );
        assert_eq!(
            inf(Language::De, "Gibt den Fall an das Abrechnungsteam weiter.").as_deref(),
            Some("den Fall an das Abrechnungsteam weitergeben")
        );
        assert_eq!(german_zu("den Fall weitergeben"), "den Fall weiterzugeben");
    }

    #[test]
    fn gives_no_goal_from_a_description_in_another_language_or_without_a_verb() {
        assert_eq!(
            inf(
                Language::De,
                "Compares the customer's tariff with the cheapest available."
            ),
            None
        );
        assert_eq!(inf(Language::En, "Tariff comparison."), None);
        assert_eq!(inf(Language::En, "Details of the current order."), None);
    }
}
