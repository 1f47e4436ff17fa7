//! A reader over a JSON request that collects every field error with its
//! path, so one answer can name all of them.

use serde_json::{Map, Value};

use super::error::{FieldCode, FieldError};
use super::notice::Notice;

/// Walks a request body, remembering what was wrong and what was unknown.
#[derive(Debug, Default)]
pub struct Reader {
    pub errors: Vec<FieldError>,
    pub notices: Vec<Notice>,
}

/// Joins a parent path and a key: `selectedMissionType` + `name`.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

impl Reader {
    pub fn fail(&mut self, field: impl Into<String>, code: FieldCode, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, code, message));
    }

    /// An object field; `None` (with an error when required) otherwise.
    pub fn object<'v>(
        &mut self,
        parent: &'v Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Option<&'v Map<String, Value>> {
        match parent.get(key) {
            None | Some(Value::Null) => {
                self.fail(path, FieldCode::Required, format!("`{path}` is required"));
                None
            }
            Some(Value::Object(object)) => Some(object),
            Some(other) => {
                self.wrong_type(path, "an object", other);
                None
            }
        }
    }

    /// A required, non-empty string of at most `limit` characters.
    pub fn text(
        &mut self,
        parent: &Map<String, Value>,
        key: &str,
        path: &str,
        limit: usize,
    ) -> Option<String> {
        match parent.get(key) {
            None | Some(Value::Null) => {
                self.fail(path, FieldCode::Required, format!("`{path}` is required"));
                None
            }
            Some(value) => self.nonempty_text(value, path, limit),
        }
    }

    /// An optional string; absent and `null` both mean "not given".
    pub fn optional_text(
        &mut self,
        parent: &Map<String, Value>,
        key: &str,
        path: &str,
        limit: usize,
    ) -> Option<String> {
        match parent.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => self.nonempty_text(value, path, limit),
        }
    }

    fn nonempty_text(&mut self, value: &Value, path: &str, limit: usize) -> Option<String> {
        let Value::String(text) = value else {
            self.wrong_type(path, "a string", value);
            return None;
        };

        if text.trim().is_empty() {
            self.fail(
                path,
                FieldCode::Empty,
                format!("`{path}` must not be empty"),
            );
            return None;
        }

        let length = text.chars().count();
        if length > limit {
            let message = format!("`{path}` has {length} characters; at most {limit} are allowed");
            self.fail(path, FieldCode::TooLong, message);
            return None;
        }

        Some(text.trim().to_owned())
    }

    /// A required whole number in `min..=max`.
    pub fn count(
        &mut self,
        parent: &Map<String, Value>,
        key: &str,
        path: &str,
        max: u64,
    ) -> Option<usize> {
        let value = match parent.get(key) {
            None | Some(Value::Null) => {
                self.fail(path, FieldCode::Required, format!("`{path}` is required"));
                return None;
            }
            Some(value) => value,
        };
        let number = self.whole_number(value, path)?;

        if !(1..=i128::from(max)).contains(&number) {
            let message = format!("`{path}` is {value}; it must be between 1 and {max}");
            self.fail(path, FieldCode::OutOfRange, message);
            return None;
        }

        usize::try_from(number).ok()
    }

    /// A JSON integer as i128. As in JSON Schema, a number with a zero
    /// fraction (`2.0`, `1e2`) is an integer; one beyond i128 saturates,
    /// which every range check then refuses.
    pub fn whole_number(&mut self, value: &Value, path: &str) -> Option<i128> {
        let Value::Number(number) = value else {
            self.wrong_type(path, "an integer", value);
            return None;
        };

        if let Some(n) = number.as_i64() {
            return Some(i128::from(n));
        }
        if let Some(n) = number.as_u64() {
            return Some(i128::from(n));
        }

        match number.as_f64() {
            // `as` saturates, so a huge whole number stays out of any range.
            Some(f) if f.fract() == 0.0 => Some(f as i128),
            _ => {
                self.wrong_type(path, "an integer", value);
                None
            }
        }
    }

    pub fn wrong_type(&mut self, path: &str, expected: &str, found: &Value) {
        let message = format!("`{path}` must be {expected}, not {}", kind_of(found));
        self.fail(path, FieldCode::InvalidType, message);
    }

    /// Names every key of `object` that is not in `known`.
    pub fn note_unknown(&mut self, object: &Map<String, Value>, path: &str, known: &[&str]) {
        for key in object.keys().filter(|k| !known.contains(&k.as_str())) {
            self.notices
                .push(Notice::unknown_field(&join(path, key), known));
        }
    }
}

/// A JSON value's kind in words, for messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn count(value: Value) -> (Option<usize>, Vec<FieldError>) {
        let mut reader = Reader::default();
        let body = json!({ "n": value });
        let counted = reader.count(body.as_object().unwrap(), "n", "n", 100);
        (counted, reader.errors)
    }

    /// `2.0` and `1e2` are whole numbers, as JSON Schema says.
    #[test]
    fn reads_whole_numbers_written_as_floats() {
        assert_eq!(count(json!(2.0)).0, Some(2));
        assert_eq!(count(json!(1e2)).0, Some(100));
    }

    /// A huge number is out of range, and the message quotes what was sent
    /// rather than a value it never held.
    #[test]
    fn refuses_a_huge_number_quoting_it_as_sent() {
        let (counted, errors) = count(json!(1e300));

        assert_eq!(counted, None);
        assert_eq!(errors[0].code, FieldCode::OutOfRange);
        assert_eq!(
            errors[0].message,
            "`n` is 1e+300; it must be between 1 and 100"
        );
    }

    #[test]
    fn refuses_negative_zero_and_fractions() {
        assert_eq!(count(json!(-0.0)).1[0].code, FieldCode::OutOfRange);
        assert_eq!(count(json!(2.5)).1[0].code, FieldCode::InvalidType);
    }
}
