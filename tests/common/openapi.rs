//! Validating bodies against a schema of the served OpenAPI document.

#![allow(dead_code)]

use serde_json::{Value, json};

/// Asserts `instance` is valid against `#/components/schemas/{name}` of the
/// project's own OpenAPI document.
pub fn assert_valid(name: &str, instance: &Value) {
    let document = understudy::api::openapi_document();
    assert_valid_in(document, &format!("#/components/schemas/{name}"), instance);
}

/// Asserts `instance` is valid against the schema at `pointer` in `document`,
/// resolving local `$ref`s against the whole document.
pub fn assert_valid_in(document: &Value, pointer: &str, instance: &Value) {
    let mut root = json!({ "$ref": pointer });
    root["components"] = document["components"].clone();
    root["paths"] = document["paths"].clone();

    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&root)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid against {pointer}: {errors:#?}");
}
