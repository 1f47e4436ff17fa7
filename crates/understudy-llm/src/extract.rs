//! Finding the JSON value in what a model wrote: bare, inside Markdown
//! fences, or before or after prose. Used for text-mode replies and as the
//! single way any reply becomes JSON.

use serde_json::Value;

/// The top-level JSON kind a caller will accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    Object,
    Array,
    /// Any value, scalars included.
    Any,
}

/// Why no acceptable JSON value was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("the reply is empty")]
    Empty,
    #[error("the reply holds no JSON value")]
    NoJson,
    #[error("the reply's JSON starts but ends early (cut short?)")]
    Incomplete,
    #[error("the reply's JSON is {found}, but {expected} was required")]
    WrongKind {
        expected: &'static str,
        found: &'static str,
    },
}

/// Extracts the first JSON value of the `expected` kind from `text`.
///
/// A value that is the whole text (or a whole fence) is taken as the
/// model's answer: if it is of another kind, that is an error, and its
/// inner values are not searched, so `[{"a":1}]` is refused when an object
/// is required rather than unwrapped.
pub fn extract_json(text: &str, expected: JsonKind) -> Result<Value, ExtractError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ExtractError::Empty);
    }

    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return accept(value, expected);
    }

    for block in fenced_blocks(text) {
        if let Ok(value) = serde_json::from_str::<Value>(block) {
            return accept(value, expected);
        }
    }

    scan(text, expected)
}

fn accept(value: Value, expected: JsonKind) -> Result<Value, ExtractError> {
    let fits = match expected {
        JsonKind::Object => value.is_object(),
        JsonKind::Array => value.is_array(),
        JsonKind::Any => true,
    };
    if fits {
        return Ok(value);
    }

    Err(ExtractError::WrongKind {
        expected: kind_name(expected),
        found: value_kind(&value),
    })
}

/// The bodies of Markdown code fences (```json ... ``` or ``` ... ```).
fn fenced_blocks(text: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = text;

    while let Some(open) = rest.find("```") {
        let after = &rest[open + 3..];
        let body_start = after.find('\n').map_or(after.len(), |i| i + 1);
        let body = &after[body_start..];
        let Some(close) = body.find("```") else {
            break;
        };
        blocks.push(body[..close].trim());
        rest = &body[close + 3..];
    }

    blocks
}

/// Parses a value at each `{` or `[` in turn, skipping over whole values of
/// the wrong kind so that their insides are never mistaken for the answer.
fn scan(text: &str, expected: JsonKind) -> Result<Value, ExtractError> {
    let mut wrong_kind = None;
    let mut incomplete = false;
    let mut position = 0;

    while let Some(offset) = text[position..].find(['{', '[']) {
        let start = position + offset;
        let mut values = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();

        match values.next() {
            Some(Ok(value)) => match accept(value, expected) {
                Ok(value) => return Ok(value),
                Err(error) => {
                    wrong_kind.get_or_insert(error);
                    position = start + values.byte_offset().max(1);
                }
            },
            Some(Err(error)) => {
                incomplete |= error.is_eof();
                position = start + 1;
            }
            None => break,
        }
    }

    Err(wrong_kind.unwrap_or(if incomplete {
        ExtractError::Incomplete
    } else {
        ExtractError::NoJson
    }))
}

fn kind_name(kind: JsonKind) -> &'static str {
    match kind {
        JsonKind::Object => "an object",
        JsonKind::Array => "an array",
        JsonKind::Any => "any value",
    }
}

fn value_kind(value: &Value) -> &'static str {
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
    use super::*;
    use serde_json::json;

    #[test]
    fn takes_a_bare_object() {
        let value = extract_json("  {\"name\": \"Ada\"}\n", JsonKind::Object).unwrap();

        assert_eq!(value, json!({"name": "Ada"}));
    }

    #[test]
    fn takes_the_object_inside_json_fences() {
        let text = "Here it is:\n```json\n{\"a\": 1}\n```\nHope that helps.";

        assert_eq!(
            extract_json(text, JsonKind::Object).unwrap(),
            json!({"a": 1})
        );
    }

    #[test]
    fn takes_the_object_inside_bare_fences() {
        let text = "```\n{\"a\": [1, 2]}\n```";

        assert_eq!(
            extract_json(text, JsonKind::Object).unwrap(),
            json!({"a": [1, 2]})
        );
    }

    #[test]
    fn takes_an_object_after_prose() {
        let text = "Sure! The package is {\"mission\": \"Reset {my} password\"} as asked.";

        let value = extract_json(text, JsonKind::Object).unwrap();

        assert_eq!(value, json!({"mission": "Reset {my} password"}));
    }

    #[test]
    fn takes_an_object_before_prose() {
        let text = "{\"a\": true}\n\nI chose a calm persona [see above].";

        assert_eq!(
            extract_json(text, JsonKind::Object).unwrap(),
            json!({"a": true})
        );
    }

    #[test]
    fn skips_brackets_in_prose_that_are_not_json() {
        let text = "Notes [draft] {not json} then {\"ok\": 1}";

        assert_eq!(
            extract_json(text, JsonKind::Object).unwrap(),
            json!({"ok": 1})
        );
    }

    #[test]
    fn refuses_text_that_holds_no_json() {
        let error = extract_json("I cannot help with that.", JsonKind::Object).unwrap_err();

        assert_eq!(error, ExtractError::NoJson);
    }

    #[test]
    fn refuses_an_empty_reply() {
        assert_eq!(
            extract_json(" \n ", JsonKind::Object).unwrap_err(),
            ExtractError::Empty
        );
    }

    #[test]
    fn refuses_a_bare_number_when_an_object_is_required() {
        let error = extract_json("42", JsonKind::Object).unwrap_err();

        assert_eq!(
            error,
            ExtractError::WrongKind {
                expected: "an object",
                found: "a number"
            }
        );
    }

    #[test]
    fn refuses_a_bare_string_when_an_object_is_required() {
        let error = extract_json("\"{\\\"a\\\": 1}\"", JsonKind::Object).unwrap_err();

        assert_eq!(
            error,
            ExtractError::WrongKind {
                expected: "an object",
                found: "a string"
            }
        );
    }

    #[test]
    fn refuses_an_array_of_objects_rather_than_unwrapping_it() {
        let error = extract_json("[{\"a\": 1}, {\"a\": 2}]", JsonKind::Object).unwrap_err();

        assert_eq!(
            error,
            ExtractError::WrongKind {
                expected: "an object",
                found: "an array"
            }
        );
    }

    #[test]
    fn refuses_an_array_after_prose_rather_than_unwrapping_it() {
        let error = extract_json("Here: [{\"a\": 1}] done", JsonKind::Object).unwrap_err();

        assert_eq!(
            error,
            ExtractError::WrongKind {
                expected: "an object",
                found: "an array"
            }
        );
    }

    #[test]
    fn accepts_an_array_when_an_array_is_required() {
        let value = extract_json("List: [1, 2, 3]", JsonKind::Array).unwrap();

        assert_eq!(value, json!([1, 2, 3]));
    }

    #[test]
    fn accepts_a_bare_number_when_any_value_will_do() {
        assert_eq!(extract_json("42", JsonKind::Any).unwrap(), json!(42));
    }

    #[test]
    fn reports_an_object_cut_short() {
        let error = extract_json("{\"mission\": \"Book a fl", JsonKind::Object).unwrap_err();

        assert_eq!(error, ExtractError::Incomplete);
    }
}
