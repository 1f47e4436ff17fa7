//! Validation of arguments, and of the schemas themselves.
//!
//! Formats are asserted (an `email` that is not an email is an error), and
//! references are resolved only inside the schema document: a tool schema
//! that points at a remote document does not compile.

use jsonschema::{Draft, ValidationError, Validator};
use serde_json::Value;

/// Longest rendered value an error message quotes before it says "value".
const QUOTED_VALUE_LIMIT: usize = 60;

/// The meta-schema address that marks a schema as draft 4.
const DRAFT_4: &str = "http://json-schema.org/draft-04/schema#";

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

impl std::fmt::Display for ArgumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)
    }
}

/// A schema compiled once, to validate many sets of arguments against it
/// (the checker validates every package against the same tool).
pub struct CompiledSchema {
    validator: Validator,
}

impl std::fmt::Debug for CompiledSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledSchema").finish_non_exhaustive()
    }
}

impl CompiledSchema {
    /// Compiles any schema (object or not) with formats asserted.
    pub fn compile(schema: &Value) -> Result<Self, SchemaError> {
        let mut options = jsonschema::options()
            .should_validate_formats(true)
            .offline();
        if implies_draft_4(schema) {
            options = options.with_draft(Draft::Draft4);
        }
        let validator = options
            .build(schema)
            .map_err(|error| SchemaError::Invalid(error.to_string()))?;
        Ok(Self { validator })
    }

    /// Every way in which `arguments` break the schema, in the order found.
    pub fn validate(&self, arguments: &Value) -> Result<(), Vec<ArgumentError>> {
        let errors: Vec<ArgumentError> = self
            .validator
            .iter_errors(arguments)
            .map(|error| argument_error(&error))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Whether `arguments` validate, without collecting the reasons.
    pub fn is_valid(&self, arguments: &Value) -> bool {
        self.validator.is_valid(arguments)
    }
}

/// Checks that a schema is an object schema that compiles.
pub fn check_schema(schema: &Value) -> Result<(), SchemaError> {
    if !is_object_schema(schema) {
        return Err(SchemaError::NotAnObjectSchema);
    }
    CompiledSchema::compile(schema).map(|_| ())
}

/// Validates arguments against a tool's parameter schema.
///
/// A schema that does not compile yields one error at the root saying so,
/// since no argument can be shown valid against it.
pub fn validate(schema: &Value, arguments: &Value) -> Result<(), Vec<ArgumentError>> {
    match CompiledSchema::compile(schema) {
        Ok(compiled) => compiled.validate(arguments),
        Err(error) => Err(vec![ArgumentError {
            path: String::new(),
            message: error.to_string(),
        }]),
    }
}

/// Whether `value` validates against `schema`, a part of the document
/// `root`: its references are inlined and the document's draft kept, so
/// the part compiles on its own.
pub(crate) fn accepts_within(root: &Value, schema: &Value, value: &Value) -> bool {
    let mut standalone = crate::resolve::inline_references(root, schema);
    if let Some(object) = standalone.as_object_mut() {
        if let Some(dialect) = root.get("$schema") {
            object.insert("$schema".into(), dialect.clone());
        } else if implies_draft_4(root) {
            object.insert("$schema".into(), DRAFT_4.into());
        }
    }
    CompiledSchema::compile(&standalone).is_ok_and(|compiled| compiled.is_valid(value))
}

/// `type: "object"`, or no `type` at all but `properties`.
fn is_object_schema(schema: &Value) -> bool {
    let Some(object) = schema.as_object() else {
        return false;
    };
    match object.get("type") {
        Some(Value::String(kind)) => kind == "object",
        Some(_) => false,
        None => object.contains_key("properties"),
    }
}

/// A schema without `$schema` that uses the boolean `exclusiveMinimum` or
/// `exclusiveMaximum` is written in draft 4, the only draft that knows them
/// (common in tool schemas); any other is left to the crate's detection.
pub(crate) fn implies_draft_4(schema: &Value) -> bool {
    schema.get("$schema").is_none() && uses_boolean_exclusive_bounds(schema)
}

fn uses_boolean_exclusive_bounds(schema: &Value) -> bool {
    match schema {
        Value::Object(object) => object.iter().any(|(key, value)| {
            let boolean_bound = matches!(key.as_str(), "exclusiveMinimum" | "exclusiveMaximum")
                && value.is_boolean();
            boolean_bound || uses_boolean_exclusive_bounds(value)
        }),
        Value::Array(items) => items.iter().any(uses_boolean_exclusive_bounds),
        _ => false,
    }
}

/// A short message: the offending value is quoted only when it is a short
/// scalar, so a message never repeats a whole object.
fn argument_error(error: &ValidationError<'_>) -> ArgumentError {
    let instance = error.instance();
    let short_scalar = !instance.is_object()
        && !instance.is_array()
        && instance.to_string().chars().count() <= QUOTED_VALUE_LIMIT;
    let message = if short_scalar {
        error.to_string()
    } else {
        error.masked_with("value").to_string()
    };
    ArgumentError {
        path: error.instance_path().as_str().to_string(),
        message,
    }
}
