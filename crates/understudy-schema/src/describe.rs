//! Schemas and arguments in words.

use serde_json::Value;

/// One fact a persona knows because a tool needs it: "order number: A-1234".
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Path of the argument, such as `address.city`.
    pub path: String,
    /// A human label: the property's title, else its name in words.
    pub label: String,
    /// The value as a person would say it.
    pub value: String,
}

/// The facts a set of arguments holds, leaves only, in schema order.
pub fn facts(schema: &Value, arguments: &Value) -> Vec<Fact> {
    let _ = (schema, arguments);
    Vec::new()
}

/// One line per parameter: `name: type (required; constraints)`.
pub fn summarize(schema: &Value) -> Vec<String> {
    let _ = schema;
    Vec::new()
}
