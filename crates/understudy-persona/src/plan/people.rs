//! Persona names: a first and a last name from the language's lists,
//! unique within a generation.
//!
//! The plan names the persona, not the writer, because the name is
//! grounded: a tool's contact name and email are the persona's own.

use std::collections::BTreeSet;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::streams::stream;
use crate::spec::Language;
use crate::writer::offline::bank::{self, Bank};

/// Random draws before settling for a name whose parts were used before.
const FRESH_ATTEMPTS: usize = 24;

/// A persona's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub first: String,
    pub last: String,
}

impl Person {
    pub fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// One name per package, unique within the generation, each drawn from
/// the package's own stream.
pub fn assign(language: Language, count: usize, seed: u64) -> Vec<Person> {
    let bank = bank::for_language(language);
    let mut picker = NamePicker::default();
    (0..count)
        .map(|index| picker.pick(bank, &mut stream(seed, "people", index as u64)))
        .collect()
}

/// Hands out names, never the same full name twice and, while the lists
/// last, no first or last name twice either.
#[derive(Debug, Default)]
struct NamePicker {
    full: BTreeSet<String>,
    first: BTreeSet<String>,
    last: BTreeSet<String>,
}

impl NamePicker {
    fn first_used(&self, name: &str) -> bool {
        self.first.contains(name)
    }

    fn last_used(&self, name: &str) -> bool {
        self.last.contains(name)
    }

    fn full_used(&self, name: &str) -> bool {
        self.full.contains(name)
    }

    fn pick(&mut self, bank: &Bank, rng: &mut ChaCha8Rng) -> Person {
        let (firsts, lasts) = (&bank.names.first, &bank.names.last);

        let fresh = (0..FRESH_ATTEMPTS)
            .map(|_| {
                (
                    rng.random_range(0..firsts.len()),
                    rng.random_range(0..lasts.len()),
                )
            })
            .find(|&(f, l)| !self.first_used(&firsts[f]) && !self.last_used(&lasts[l]));
        let person = match fresh {
            Some((f, l)) => Person {
                first: firsts[f].clone(),
                last: lasts[l].clone(),
            },
            None => self.any_unused(bank, rng),
        };
        self.full.insert(person.full());
        self.first.insert(person.first.clone());
        self.last.insert(person.last.clone());
        person
    }

    /// The first unused combination from a random starting point. The
    /// lists hold thousands of combinations; a generation larger than
    /// that (a background job may ask for ten thousand packages) goes on
    /// with a middle initial, "Anna K. Weber", rather than repeat a name.
    fn any_unused(&self, bank: &Bank, rng: &mut ChaCha8Rng) -> Person {
        let (firsts, lasts) = (&bank.names.first, &bank.names.last);
        let total = firsts.len() * lasts.len();
        let start = rng.random_range(0..total);

        let initials = std::iter::once(None).chain(INITIALS.chars().map(Some));
        for initial in initials {
            let unused = (0..total)
                .map(|step| (start + step * 7919) % total)
                .map(|at| person(firsts, lasts, at, initial))
                .find(|person| !self.full_used(&person.full()));
            if let Some(person) = unused {
                return person;
            }
        }
        person(firsts, lasts, start, None)
    }
}

/// Middle initials that tell people apart once every pairing of a first
/// and a last name is taken.
const INITIALS: &str = "ABCDEFGHJKLMNPRSTVW";

/// The person at position `at` of every pairing of a first and a last
/// name, with a middle initial if given.
fn person(firsts: &[String], lasts: &[String], at: usize, initial: Option<char>) -> Person {
    let last = &lasts[at / firsts.len()];
    Person {
        first: firsts[at % firsts.len()].clone(),
        last: match initial {
            Some(initial) => format!("{initial}. {last}"),
            None => last.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// More people than there are pairings of a first and a last name
    /// still get names of their own.
    #[test]
    fn goes_on_with_middle_initials_once_every_pairing_is_taken() {
        let bank = bank::for_language(Language::En);
        let pairings = bank.names.first.len() * bank.names.last.len();
        let mut picker = NamePicker::default();

        let names: BTreeSet<String> = (0..pairings + 50)
            .map(|n| picker.pick(bank, &mut stream(1, "people", n as u64)).full())
            .collect();

        assert_eq!(names.len(), pairings + 50);
        let initialled = names.iter().filter(|n| n.contains(". ")).count();
        assert_eq!(initialled, 50);
    }
}
