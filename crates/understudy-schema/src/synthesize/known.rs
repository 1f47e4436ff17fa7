//! What is already known when arguments are written, so that the calls of
//! one package never contradict each other: whom they are about, the
//! country they live in, and the values earlier calls gave.

use std::collections::BTreeMap;

use serde_json::Value;

use super::person::Person;

/// The facts shared by every call of one package.
///
/// Pass the same `Known` to [`synthesize_with`](super::synthesize_with) for
/// each call in turn: names and emails are the person's, addresses stay in
/// one country, and a property at the same place (`accountNumber`,
/// `contact.email`) gets the value it got before whenever its schema
/// accepts that value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Known {
    pub(crate) person: Option<Person>,
    /// The locale (an index into the address data) addresses are in.
    pub(crate) locale: Option<usize>,
    /// Plain values by property path (`accountNumber`, `contact.email`).
    values: BTreeMap<String, Value>,
}

impl Known {
    /// Nothing known yet: the first call draws a person of its own, whom
    /// later calls keep.
    pub fn new() -> Self {
        Self::default()
    }

    /// Arguments about the given person: their names, email address and
    /// username come from `first` and `last`.
    pub fn about(first: &str, last: &str) -> Self {
        Self {
            person: Some(Person::named(first, last)),
            ..Self::default()
        }
    }

    /// The value an earlier call gave at `path`, if any.
    pub fn value(&self, path: &str) -> Option<&Value> {
        self.values.get(path)
    }

    /// Keeps the first value given at `path`.
    pub(crate) fn remember(&mut self, path: &str, value: &Value) {
        if !self.values.contains_key(path) {
            self.values.insert(path.to_owned(), value.clone());
        }
    }
}
