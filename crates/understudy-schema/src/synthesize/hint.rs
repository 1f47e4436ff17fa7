//! What a value is about, read from the property's name, title and
//! description: the clue that turns "some string" into an email or a city.

use serde_json::Value;

use crate::words;

/// The words that name a value. Name and title words are strong clues;
/// description words are only consulted when those say nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hint {
    words: Vec<String>,
    description: Vec<String>,
}

impl Hint {
    /// The clue for a property called `name` with this (resolved) schema.
    pub(crate) fn for_property(name: &str, schema: &Value) -> Self {
        let mut words = words::split(name);
        if let Some(title) = schema.get("title").and_then(Value::as_str) {
            words.extend(words::split(title));
        }
        let description = schema
            .get("description")
            .and_then(Value::as_str)
            .map(words::split)
            .unwrap_or_default();
        Self { words, description }
    }

    /// The same clue, for the items of an array it names.
    pub(crate) fn for_items(&self, schema: &Value) -> Self {
        let mut hint = self.clone();
        if let Some(title) = schema.get("title").and_then(Value::as_str) {
            hint.words.extend(words::split(title));
        }
        hint
    }

    /// Whether the name or title holds `word` (or its plural).
    pub(crate) fn has(&self, word: &str) -> bool {
        self.words.iter().any(|w| same_word(w, word))
    }

    /// Whether the name or title holds any of `words`.
    pub(crate) fn has_any(&self, words: &[&str]) -> bool {
        words.iter().any(|word| self.has(word))
    }

    /// Whether the name or title holds none of the given words, or only
    /// words from `allowed` besides `word`.
    pub(crate) fn only_with(&self, word: &str, allowed: &[&str]) -> bool {
        self.has(word)
            && self
                .words
                .iter()
                .all(|w| same_word(w, word) || allowed.iter().any(|a| same_word(w, a)))
    }

    /// The description read as if it were the name, for names that say
    /// nothing themselves (`value`, `input`); `None` without a description.
    pub(crate) fn as_described(&self) -> Option<Self> {
        let words = self.description.clone();
        (!words.is_empty()).then(|| Self {
            words,
            description: Vec::new(),
        })
    }

    /// Whether the description, if there is one, says nothing or mentions
    /// any of `words`: a bare `name` is a person's unless its description
    /// says it names something else.
    pub(crate) fn description_allows(&self, words: &[&str]) -> bool {
        self.description.is_empty()
            || words
                .iter()
                .any(|word| self.description.iter().any(|w| same_word(w, word)))
    }

    /// Whether the name or title holds more than one word.
    pub(crate) fn is_compound(&self) -> bool {
        self.words.len() > 1
    }

    /// The name and title words, for identifiers built from them.
    pub(crate) fn words(&self) -> &[String] {
        &self.words
    }
}

fn same_word(candidate: &str, word: &str) -> bool {
    candidate == word
        || candidate.strip_suffix('s') == Some(word)
        || candidate.strip_suffix("es") == Some(word)
}
