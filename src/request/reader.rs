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
            let message = format!("`{path}` is {number}; it must be between 1 and {max}");
            self.fail(path, FieldCode::OutOfRange, message);
            return None;
        }

        usize::try_from(number).ok()
    }

    /// A JSON integer as i128, so that any integer JSON can carry fits.
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

        // A float: whole but huge is out of range, fractional is the wrong type.
        match number.as_f64() {
            Some(f) if f.fract() == 0.0 => Some(if f > 0.0 { i128::MAX } else { i128::MIN }),
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
