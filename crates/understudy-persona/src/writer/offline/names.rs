//! Persona names: a first and a last name from the language's lists,
//! unique within a response.

use std::collections::BTreeSet;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::bank::Bank;
use crate::continuation::Written;

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

/// Hands out names, never the same full name twice and, while the lists
/// last, no first or last name twice either: neither among its own nor
/// among the earlier packages' names it continues after.
#[derive(Debug)]
pub struct NamePicker<'a> {
    earlier: &'a Written,
    full: BTreeSet<String>,
    first: BTreeSet<String>,
    last: BTreeSet<String>,
}

impl<'a> NamePicker<'a> {
    /// A picker that continues after the names `earlier` remembers.
    pub fn after(earlier: &'a Written) -> Self {
        NamePicker {
            earlier,
            full: BTreeSet::new(),
            first: BTreeSet::new(),
            last: BTreeSet::new(),
        }
    }

    fn first_used(&self, name: &str) -> bool {
        self.first.contains(name) || self.earlier.first_names.contains(name)
    }

    fn last_used(&self, name: &str) -> bool {
        self.last.contains(name) || self.earlier.last_names.contains(name)
    }

    fn full_used(&self, name: &str) -> bool {
        self.full.contains(name) || self.earlier.names.contains(name)
    }

    pub fn pick(&mut self, bank: &Bank, rng: &mut ChaCha8Rng) -> Person {
        let (firsts, lasts) = (&bank.names.first, &bank.names.last);

        let fresh = (0..FRESH_ATTEMPTS)
            .map(|_| {
                (
                    rng.random_range(0..firsts.len()),
                    rng.random_range(0..lasts.len()),
                )
            })
            .find(|&(f, l)| !self.first_used(&firsts[f]) && !self.last_used(&lasts[l]));
        let (f, l) = fresh.unwrap_or_else(|| self.any_unused(bank, rng));

        let person = Person {
            first: firsts[f].clone(),
            last: lasts[l].clone(),
        };
        self.full.insert(person.full());
        self.first.insert(person.first.clone());
        self.last.insert(person.last.clone());
        person
    }

    /// The first unused combination from a random starting point; the
    /// lists hold thousands of combinations, far more than any response.
    fn any_unused(&self, bank: &Bank, rng: &mut ChaCha8Rng) -> (usize, usize) {
        let (firsts, lasts) = (bank.names.first.len(), bank.names.last.len());
        let total = firsts * lasts;
        let start = rng.random_range(0..total);
        (0..total)
            .map(|step| (start + step * 7919) % total)
            .map(|at| (at % firsts, at / firsts))
            .find(|&(f, l)| {
                let full = format!("{} {}", bank.names.first[f], bank.names.last[l]);
                !self.full_used(&full)
            })
            .unwrap_or((start % firsts, start / firsts))
    }
}
