//! The JSON schema every reply of the LLM writer must follow, shaped for
//! OpenAI's strict mode: every object closed (`additionalProperties:
//! false`) with every property required, optional values nullable.
//!
//! Tool arguments differ per tool and strict mode cannot hold an open
//! object, so they travel as a JSON object written as a string; the
//! writer parses it and validates it against the tool's own schema.

use serde_json::{Value, json};

use understudy_flow::Scope;

/// The name the schema goes by in requests.
pub(crate) const NAME: &str = "persona_packages";

/// The reply schema for a generation over `scope`: `expectedToolCall.tool`
/// is one of the tools in scope, or the call is null.
pub(crate) fn reply(scope: &Scope<'_>) -> Value {
    let tools: Vec<&str> = scope.tools().map(|(_, t)| t.tool_id.as_str()).collect();

    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["packages"],
        "properties": {
            "packages": { "type": "array", "items": package(&tools) }
        }
    })
}

fn package(tools: &[&str]) -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": [
            "index", "simulationName", "personaName", "personaDescription", "mission",
            "successCriteria"
        ],
        "properties": {
            "index": { "type": "integer", "description": "the package's number as planned" },
            "simulationName": { "type": "string" },
            "personaName": { "type": "string" },
            "personaDescription": { "type": "string" },
            "mission": { "type": "string" },
            "successCriteria": { "type": "array", "items": criterion(tools) }
        }
    })
}

fn criterion(tools: &[&str]) -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["name", "text", "expectedToolCall"],
        "properties": {
            "name": { "type": "string" },
            "text": { "type": "string" },
            "expectedToolCall": expected_call(tools)
        }
    })
}

fn expected_call(tools: &[&str]) -> Value {
    if tools.is_empty() {
        return json!({ "type": "null" });
    }
    json!({
        "anyOf": [
            { "type": "null" },
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["tool", "arguments"],
                "properties": {
                    "tool": { "type": "string", "enum": tools },
                    "arguments": {
                        "type": "string",
                        "description": "the arguments as a JSON object, written as a string"
                    }
                }
            }
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every object of a strict schema is closed and requires all its
    /// properties, or OpenAI answers 400.
    fn assert_strict(schema: &Value) {
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            assert_eq!(schema["additionalProperties"], json!(false), "{schema}");
            let required: Vec<&str> = schema["required"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let listed: Vec<&str> = properties.keys().map(String::as_str).collect();
            assert_eq!(required, listed);
        }
        match schema {
            Value::Object(map) => map.values().for_each(assert_strict),
            Value::Array(items) => items.iter().for_each(assert_strict),
            _ => {}
        }
    }

    #[test]
    fn every_object_is_closed_and_requires_all_its_properties() {
        assert_strict(&package(&["block_card"]));
        assert_strict(&package(&[]));
    }

    #[test]
    fn names_only_the_tools_in_scope() {
        let call = expected_call(&["block_card", "order_card"]);

        assert_eq!(
            call["anyOf"][1]["properties"]["tool"]["enum"],
            json!(["block_card", "order_card"])
        );
        assert_eq!(expected_call(&[]), json!({ "type": "null" }));
    }
}
