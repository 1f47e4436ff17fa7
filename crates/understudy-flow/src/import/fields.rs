//! Reading fields out of loosely shaped JSON, with errors that name the
//! exact field that is missing or of the wrong type.

use serde_json::{Map, Value};

use super::ImportError;

/// Where a JSON object sits: a path inside a document (`chart.nodes[2]`) or
/// a resource file of a package (`nodeData/64b...`).
#[derive(Debug, Clone)]
pub(super) enum Location {
    Path(String),
    File(String),
}

impl Location {
    /// A location inside this one, for nested objects and array items.
    pub(super) fn child(&self, key: &str) -> Location {
        match self {
            Location::Path(path) if path.is_empty() => Location::Path(key.to_owned()),
            Location::Path(path) => Location::Path(format!("{path}.{key}")),
            Location::File(file) => Location::Path(format!("{file}: {key}")),
        }
    }

    /// The location of item `index` of the array at this location.
    pub(super) fn item(&self, index: usize) -> Location {
        match self {
            Location::Path(path) => Location::Path(format!("{path}[{index}]")),
            Location::File(file) => Location::Path(format!("{file}[{index}]")),
        }
    }

    fn missing(&self, key: &str) -> ImportError {
        ImportError::Invalid(match self {
            Location::Path(_) => format!("`{}` is missing", self.child(key).name()),
            Location::File(file) => format!("`{file}` has no `{key}`"),
        })
    }

    fn wrong_type(&self, key: &str, expected: &str) -> ImportError {
        ImportError::Invalid(match self {
            Location::Path(_) => format!("`{}` is not {expected}", self.child(key).name()),
            Location::File(file) => format!("`{key}` in `{file}` is not {expected}"),
        })
    }

    /// The location as written in messages.
    pub(super) fn name(&self) -> &str {
        match self {
            Location::Path(path) | Location::File(path) => path,
        }
    }
}

/// Parses JSON, keeping the parser's line and column for the message.
pub(super) fn parse_json(bytes: &[u8], file: &str) -> Result<Value, ImportError> {
    serde_json::from_slice(bytes).map_err(|error| ImportError::Json {
        file: file.to_owned(),
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    })
}

/// The value at `location` as an object.
pub(super) fn object<'a>(
    value: &'a Value,
    location: &Location,
) -> Result<&'a Map<String, Value>, ImportError> {
    value
        .as_object()
        .ok_or_else(|| ImportError::Invalid(format!("`{}` is not an object", location.name())))
}

/// A field that must be present and an object.
pub(super) fn required_object<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    location: &Location,
) -> Result<&'a Map<String, Value>, ImportError> {
    match object.get(key) {
        None | Some(Value::Null) => Err(location.missing(key)),
        Some(value) => value
            .as_object()
            .ok_or_else(|| location.wrong_type(key, "an object")),
    }
}

/// A field that must be present and an array.
pub(super) fn required_array<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    location: &Location,
) -> Result<&'a Vec<Value>, ImportError> {
    match object.get(key) {
        None | Some(Value::Null) => Err(location.missing(key)),
        Some(value) => value
            .as_array()
            .ok_or_else(|| location.wrong_type(key, "an array")),
    }
}

/// A field that must be present and a non-empty string.
pub(super) fn required_str(
    object: &Map<String, Value>,
    key: &str,
    location: &Location,
) -> Result<String, ImportError> {
    match object.get(key) {
        None | Some(Value::Null) => Err(location.missing(key)),
        Some(Value::String(text)) if text.is_empty() => Err(location.missing(key)),
        Some(Value::String(text)) => Ok(text.clone()),
        Some(_) => Err(location.wrong_type(key, "a string")),
    }
}

/// A string field that may be absent (then empty); other types are read as
/// absent too, since these fields only inform.
pub(super) fn optional_str(object: &Map<String, Value>, key: &str) -> String {
    object
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}
