//! A tool's parameter schema, as its config stores it: a JSON object, or a
//! string holding one. Only an object schema that some arguments can meet
//! is usable as arguments.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Value};

/// Seeds synthesis is tried with before a schema is called unsatisfiable:
/// synthesis draws at random, and one unlucky draw should not condemn a
/// schema that arguments can meet.
const SYNTHESIS_SEEDS: [u64; 3] = [0, 1, 2];

/// How many of synthesis' complaints a warning repeats.
const REASONS_SHOWN: usize = 3;

/// The tool's parameter schema: `Ok(None)` when the tool takes no arguments
/// (`useParameters` is false, or nothing is declared), `Err` with a reason
/// when a schema is declared but cannot be used.
pub(super) fn read(config: &Map<String, Value>) -> Result<Option<Value>, String> {
    if config.get("useParameters").and_then(Value::as_bool) == Some(false) {
        return Ok(None);
    }

    let schema = match config.get("parameters") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(text)) if text.trim().is_empty() => return Ok(None),
        Some(Value::String(text)) => serde_json::from_str(text)
            .map_err(|error| format!("its parameters string is not valid JSON: {error}"))?,
        Some(value) => value.clone(),
    };

    // An empty object is the placeholder an editor leaves: nothing declared.
    if schema.as_object().is_some_and(Map::is_empty) {
        return Ok(None);
    }

    check_object_schema(&schema)?;
    understudy_schema::check_schema(&schema).map_err(|error| error.to_string())?;
    check_satisfiable(&schema)?;
    Ok(Some(schema))
}

/// A schema that compiles may still accept no arguments at all (`minLength`
/// above `maxLength`, a required property that `additionalProperties: false`
/// forbids). Every package grounded in such a tool would fail its checks, so
/// the schema is refused here, where the flow's author is told why.
fn check_satisfiable(schema: &Value) -> Result<(), String> {
    let mut errors = Vec::new();
    for seed in SYNTHESIS_SEEDS {
        match understudy_schema::synthesize_valid(schema, &mut ChaCha8Rng::seed_from_u64(seed)) {
            Ok(_) => return Ok(()),
            Err(found) => errors = found,
        }
    }

    let reasons: Vec<String> = errors
        .iter()
        .take(REASONS_SHOWN)
        .map(ToString::to_string)
        .collect();
    Err(format!(
        "no arguments can be written that it accepts: {}",
        reasons.join("; ")
    ))
}

/// An object schema says `type: "object"`, or declares `properties` and no
/// other type.
fn check_object_schema(schema: &Value) -> Result<(), String> {
    let Some(fields) = schema.as_object() else {
        return Err("the schema is not a JSON object".into());
    };

    match fields.get("type") {
        Some(Value::String(kind)) if kind == "object" => Ok(()),
        Some(other) => Err(format!("its `type` is {other}, not \"object\"")),
        None if fields.contains_key("properties") => Ok(()),
        None => Err("it has neither `type: \"object\"` nor `properties`".into()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::read;

    fn config(value: Value) -> serde_json::Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn reads_a_schema_stored_as_an_object() {
        let schema = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        let found = read(&config(
            json!({"useParameters": true, "parameters": schema}),
        ));
        assert_eq!(found, Ok(Some(schema)));
    }

    #[test]
    fn reads_a_schema_stored_as_a_json_string() {
        let text = r#"{"properties": {"id": {"type": "string"}}}"#;
        let found = read(&config(json!({"parameters": text})));
        assert_eq!(
            found,
            Ok(Some(json!({"properties": {"id": {"type": "string"}}})))
        );
    }

    #[test]
    fn takes_no_arguments_when_parameters_are_switched_off() {
        let schema = json!({"type": "object"});
        let found = read(&config(
            json!({"useParameters": false, "parameters": schema}),
        ));
        assert_eq!(found, Ok(None));
    }

    #[test]
    fn takes_no_arguments_when_nothing_is_declared() {
        assert_eq!(read(&config(json!({"useParameters": true}))), Ok(None));
        assert_eq!(read(&config(json!({"parameters": ""}))), Ok(None));
        assert_eq!(read(&config(json!({"parameters": {}}))), Ok(None));
    }

    #[test]
    fn rejects_a_schema_that_is_not_an_object() {
        let found = read(&config(json!({"parameters": {"type": "string"}})));
        assert_eq!(
            found,
            Err("its `type` is \"string\", not \"object\"".to_owned())
        );

        let found = read(&config(json!({"parameters": [1, 2]})));
        assert_eq!(found, Err("the schema is not a JSON object".to_owned()));

        let found = read(&config(json!({"parameters": {"required": ["id"]}})));
        assert_eq!(
            found,
            Err("it has neither `type: \"object\"` nor `properties`".to_owned())
        );
    }

    #[test]
    fn rejects_a_parameters_string_that_is_not_json() {
        let found = read(&config(json!({"parameters": "{\"type\": \"object\""})));
        let reason = found.unwrap_err();
        assert!(
            reason.starts_with("its parameters string is not valid JSON: EOF while parsing"),
            "{reason}"
        );
    }
}
