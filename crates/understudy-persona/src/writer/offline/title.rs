//! The simulation name: a short title, unique within the response.
//!
//! Built from the goal's title core ("Card Block"), a qualifier drawn from
//! the persona's traits ("Rushed") and a tail for the category or twist
//! ("Three Strikes"). A goal title too long to fit gives way to a general
//! core ("Support Request"); when every combination is taken, the
//! persona's name makes the title unique.

use std::collections::BTreeSet;

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::draft::Draft;
use super::template::fill;
use crate::check::{SIMULATION_NAME_MAX, SIMULATION_NAME_WORDS};
use crate::continuation::Written;
use crate::plan::{AXES, Category};
use crate::spec::Language;

/// Hands out titles, never the same one twice (ignoring case), nor one
/// of the earlier packages' it continues after.
#[derive(Debug)]
pub struct TitlePicker<'a> {
    earlier: &'a BTreeSet<String>,
    used: BTreeSet<String>,
}

impl<'a> TitlePicker<'a> {
    /// A picker that continues after the titles `earlier` remembers.
    pub fn after(earlier: &'a Written) -> Self {
        TitlePicker {
            earlier: &earlier.titles_lower,
            used: BTreeSet::new(),
        }
    }

    pub fn pick(&mut self, draft: &Draft<'_>, rng: &mut ChaCha8Rng) -> String {
        let bank = &draft.bank.title;
        let core = core(draft);

        let mut qualifiers = qualifiers(draft);
        qualifiers.shuffle(rng);
        let mut tails = bank.tails.get(tail_key(draft)).cloned().unwrap_or_default();
        tails.shuffle(rng);
        let mut patterns = bank.patterns.clone();
        patterns.shuffle(rng);

        let first = &draft.person.first;
        let last = &draft.person.last;
        let first_gen = possessive(first, draft.language == Language::En);
        // The goal's own title first; when it is too long to fit a title
        // or every combination is taken, the bank's general cores.
        let mut cores = vec![core.clone()];
        let mut general = bank.cores.clone();
        general.shuffle(rng);
        cores.extend(general);

        let mut candidates = Vec::new();
        for core in &cores {
            for pattern in &patterns {
                for qualifier in &qualifiers {
                    for tail in &tails {
                        let slots = [
                            ("core", core.as_str()),
                            ("qualifier", qualifier),
                            ("tail", tail),
                        ];
                        candidates.push(fill(pattern, &slots));
                    }
                }
            }
        }
        for pattern in &bank.fallbacks {
            let slots = [
                ("core", core.as_str()),
                ("first", first),
                ("last", last),
                ("first_gen", &first_gen),
            ];
            candidates.push(fill(pattern, &slots));
        }

        let title = candidates
            .into_iter()
            .filter(|title| fits(title))
            .find(|title| {
                let key = title.to_lowercase();
                !self.used.contains(&key) && !self.earlier.contains(&key)
            })
            .unwrap_or_else(|| format!("{first} {last}"));
        self.used.insert(title.to_lowercase());
        title
    }
}

fn fits(title: &str) -> bool {
    let words = title.split_whitespace().count();
    SIMULATION_NAME_WORDS.contains(&words) && title.chars().count() <= SIMULATION_NAME_MAX
}

/// The goal's title; patterns that make it too long are passed over.
fn core(draft: &Draft<'_>) -> String {
    draft.goal().title
}

/// The first name as a possessive: "Martha's" / "Marthas", "Max'".
fn possessive(first: &str, apostrophe_s: bool) -> String {
    if apostrophe_s {
        format!("{first}'s")
    } else if first.ends_with(['s', 'x', 'z', 'ß']) {
        format!("{first}'")
    } else {
        format!("{first}s")
    }
}

/// The qualifiers of every trait level the persona has.
fn qualifiers(draft: &Draft<'_>) -> Vec<String> {
    let traits = &draft.plan.traits;
    AXES.iter()
        .filter_map(|axis| {
            let level = traits.level(axis.name)?;
            draft
                .bank
                .title
                .qualifiers
                .get(&format!("{}.{level}", axis.name))
        })
        .flatten()
        .cloned()
        .collect()
}

fn tail_key<'p>(draft: &'p Draft<'_>) -> &'p str {
    match (&draft.plan.twist, draft.plan.category) {
        (Some(twist), _) => twist,
        (None, Category::HappyPath) => "happyPath",
        (None, Category::EdgeCase) => "edgeCase",
        (None, Category::UnhappyPath) => "unhappyPath",
    }
}
