//! Strings: a format's value or a realistic one when the schema takes it,
//! else one matching the pattern, else plain words cut to length.

use serde_json::Value;

use super::Synthesizer;
use super::format;
use super::hint::Hint;
use super::pattern::PatternWriter;
use super::person::Person;
use super::realistic;
use crate::data::{VALUES, pick};

/// Realistic candidates tried before building a value from constraints.
const REALISTIC_TRIES: usize = 3;

/// Tries for a pattern match that also meets the other constraints.
const PATTERN_TRIES: usize = 8;

impl Synthesizer<'_> {
    pub(super) fn string(&mut self, schema: &Value, hint: &Hint) -> Value {
        if let Some(value) = self.realistic_string(schema, hint) {
            return Value::String(value);
        }
        if let Some(value) = self.pattern_string(schema) {
            return Value::String(value);
        }
        Value::String(self.plain_string(schema))
    }

    /// The format's value or a realistic one, for the arguments' person
    /// first and then for others (a shorter name may fit where the first
    /// did not).
    fn realistic_string(&mut self, schema: &Value, hint: &Hint) -> Option<String> {
        let format = schema.get("format").and_then(Value::as_str);
        for attempt in 0..REALISTIC_TRIES {
            let person = if attempt == 0 {
                self.person.clone()
            } else {
                Person::draw(self.rng)
            };
            let formatted = format.and_then(|f| format::for_format(f, hint, &person, self.rng));
            let address = self.address.as_ref();
            let candidate =
                formatted.or_else(|| realistic::string(hint, schema, &person, address, self.rng));
            match candidate {
                Some(value) if self.accepts_string(schema, &value) => return Some(value),
                Some(_) => continue,
                None => return None,
            }
        }
        None
    }

    fn pattern_string(&mut self, schema: &Value) -> Option<String> {
        let pattern = schema.get("pattern").and_then(Value::as_str)?;
        let writer = PatternWriter::new(pattern)?;
        let mut last = None;
        for _ in 0..PATTERN_TRIES {
            let value = writer.write(self.rng);
            if self.accepts_string(schema, &value) {
                return Some(value);
            }
            last = Some(value);
        }
        last
    }

    /// Words from the data file, repeated up to `minLength` and cut to
    /// `maxLength`, with no space left dangling at the end.
    fn plain_string(&mut self, schema: &Value) -> String {
        let bound = |key: &str| schema.get(key).and_then(Value::as_u64).map(|n| n as usize);
        let min = bound("minLength").unwrap_or(0);
        let max = bound("maxLength").unwrap_or(usize::MAX).max(min);

        let mut text = pick(&VALUES.words, self.rng).clone();
        while text.chars().count() < min {
            text.push(' ');
            text.push_str(pick::<String>(&VALUES.words, self.rng));
        }
        let mut text: String = text.chars().take(max).collect();
        if text.ends_with(' ') {
            text.pop();
            text.push('x');
        }
        text
    }

    fn accepts_string(&self, schema: &Value, value: &str) -> bool {
        self.accepts(schema, &Value::String(value.to_string()))
    }
}
