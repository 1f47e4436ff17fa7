//! Validation of arguments, and of the schemas themselves.

use serde_json::Value;

/// A schema that cannot serve as a tool's parameter schema.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SchemaError {
    #[error("the parameter schema is not an object schema")]
    NotAnObjectSchema,
    #[error("the parameter schema is invalid: {0}")]
    Invalid(String),
}

/// One way in which arguments break their schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgumentError {
    /// JSON pointer to the offending value, `""` for the whole.
    pub path: String,
    pub message: String,
}

/// Checks that a schema is an object schema that compiles.
pub fn check_schema(schema: &Value) -> Result<(), SchemaError> {
    let _ = schema;
    Ok(())
}

/// Validates arguments against a tool's parameter schema.
pub fn validate(schema: &Value, arguments: &Value) -> Result<(), Vec<ArgumentError>> {
    let _ = (schema, arguments);
    Ok(())
}
