//! Shaping goal phrases into names and descriptions: title case, third
//! person, lists.

use super::phrases::Phrases;
use crate::writer::offline::template::{capitalise, join_list};

/// Most words a mission type's name may have.
pub const NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=6;

/// A name in the language's title style: English capitalises every word
/// but the minor ones (never the first); German only the first letter,
/// since its nouns carry their own capitals.
pub fn title(phrases: &Phrases, text: &str) -> String {
    if phrases.minor_words.is_empty() {
        return capitalise(text.trim());
    }

    text.split_whitespace()
        .enumerate()
        .map(|(index, word)| {
            let lower = word.to_lowercase();
            if index > 0 && phrases.minor_words.contains(&lower) {
                lower
            } else {
                capitalise_parts(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "out-of-scope" -> "Out-of-Scope": each part of a hyphenated word.
fn capitalise_parts(word: &str) -> String {
    word.split('-')
        .enumerate()
        .map(|(index, part)| {
            if index > 0 && part.len() <= 2 {
                part.to_owned()
            } else {
                capitalise(part)
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// A goal said to the persona ("block your card") said about them
/// ("block their card").
pub fn third_person(phrases: &Phrases, goal: &str) -> String {
    goal.split(' ')
        .map(|word| {
            let bare = word.trim_end_matches([',', '.']);
            let tail = &word[bare.len()..];
            match phrases.third_person.get(bare) {
                Some(other) => format!("{other}{tail}"),
                None => word.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A goal as a name: leading possessives dropped ("deine Karte sperren"
/// -> "Karte sperren"), in the language's title style.
pub fn goal_name(phrases: &Phrases, goal: &str) -> String {
    let words: Vec<&str> = goal.split_whitespace().collect();
    let kept = match words.split_first() {
        Some((first, rest)) if phrases.name_drops.iter().any(|d| d == first) => rest,
        _ => &words[..],
    };
    title(phrases, &kept.join(" "))
}

/// Whether a name has an acceptable number of words and no clause in it.
pub fn fits_name(name: &str) -> bool {
    NAME_WORDS.contains(&name.split_whitespace().count()) && !name.contains([',', '.', ';'])
}

/// `a`, `a and b`, `a, b and c` in the language.
pub fn all_of(phrases: &Phrases, items: &[String]) -> String {
    join_list(items, &phrases.and)
}

/// `a`, `a or b`, `a, b or c` in the language.
pub fn any_of(phrases: &Phrases, items: &[String]) -> String {
    join_list(items, &phrases.or)
}
