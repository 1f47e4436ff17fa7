//! A cheap check that a package's prose is in the language asked for.
//!
//! Counts the stop words of each supported language in the persona
//! description and the mission (the prose a writer writes itself; criterion
//! texts may repeat a mission type's wording in the client's language).
//! Words the languages share in spelling (`in`, `was`, `die`, `will`,
//! `also`, `an`, `am`, `so`, `war`, `hat`) are in neither list. The text is
//! taken for the other language when that language's stop words are at
//! least [`MIN_EVIDENCE`] and outnumber the expected language's: names,
//! tool arguments and a borrowed word or two do not tip it.

use crate::package::PersonaPackage;
use crate::spec::Language;

/// Stop words of the other language needed before a text is called wrong.
pub const MIN_EVIDENCE: usize = 3;

const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "is", "are", "with", "for", "that", "this", "you", "your", "my",
    "it", "be", "has", "have", "not", "they", "she", "he", "her", "his", "their", "who", "what",
    "when", "after", "before", "about", "would", "should", "can", "because", "but", "or", "if",
    "by", "wants", "needs", "from", "been", "does", "them", "than", "just",
];

const GERMAN: &[&str] = &[
    "der", "das", "und", "ist", "nicht", "mit", "für", "ein", "eine", "einen", "einem", "einer",
    "sich", "auf", "dem", "den", "des", "zu", "von", "ich", "sie", "er", "es", "wird", "werden",
    "möchte", "auch", "noch", "nach", "bei", "aus", "wie", "dass", "oder", "aber", "wenn", "seine",
    "ihre", "ihr", "sein", "kein", "keine", "über", "vor", "zum", "zur", "im", "vom", "du", "dein",
    "deine", "sind", "hast", "bist", "soll", "muss",
];

/// The problem with `package`'s language, if its prose reads as another.
pub fn problem(package: &PersonaPackage, expected: Language) -> Option<String> {
    let text = format!("{} {}", package.persona_description, package.mission);
    let (english, german) = counts(&text);

    let (expected_hits, other, other_hits) = match expected {
        Language::En => (english, Language::De, german),
        Language::De => (german, Language::En, english),
    };
    if other_hits < MIN_EVIDENCE || other_hits <= expected_hits {
        return None;
    }
    Some(format!(
        "the persona description and mission read as {} ({other_hits} {} stop words, \
         {expected_hits} {}), expected {}",
        name(other),
        name(other),
        name(expected),
        name(expected)
    ))
}

/// The language a short text reads as by its stop words, if it shows any
/// lead at all.
pub fn reads_as(text: &str) -> Option<Language> {
    let (english, german) = counts(text);
    match english.cmp(&german) {
        std::cmp::Ordering::Greater => Some(Language::En),
        std::cmp::Ordering::Less => Some(Language::De),
        std::cmp::Ordering::Equal => None,
    }
}

/// English and German stop words in `text`.
fn counts(text: &str) -> (usize, usize) {
    let lowered = text.to_lowercase();
    let words = lowered
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());

    words.fold((0, 0), |(english, german), word| {
        (
            english + usize::from(ENGLISH.contains(&word)),
            german + usize::from(GERMAN.contains(&word)),
        )
    })
}

fn name(language: Language) -> &'static str {
    match language {
        Language::En => "English",
        Language::De => "German",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_stop_words_of_each_language() {
        let (english, german) = counts("The user wants to block the card und das ist alles.");

        assert_eq!((english, german), (4, 3));
    }

    #[test]
    fn leaves_words_both_languages_spell_alike_uncounted() {
        assert_eq!(counts("in was die will also an am so war hat"), (0, 0));
    }
}
