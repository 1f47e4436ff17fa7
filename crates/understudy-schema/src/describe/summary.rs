//! One short line per parameter, for a tree of a flow's tools:
//! `orderNumber: string, required, pattern ^ORD-[0-9]{5}$`.

use serde_json::Value;

use crate::resolve::{implied_type, resolve, type_names};

/// Enum values listed before the rest is counted instead.
const LISTED_VALUES: usize = 8;

/// Property names listed for an object before the rest is elided.
const LISTED_PROPERTIES: usize = 5;

/// One line per top-level parameter, in schema order: its name, type,
/// whether it is required, and its constraints.
pub fn summarize(schema: &Value) -> Vec<String> {
    let root = resolve(schema, schema);
    let required = root
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let properties = root.get("properties").and_then(Value::as_object);

    let lines = properties.into_iter().flatten().map(|(name, property)| {
        let is_required = required.iter().any(|r| r.as_str() == Some(name));
        format!("{name}: {}", parameter(schema, property, is_required))
    });
    lines.collect()
}

fn parameter(root: &Value, property: &Value, required: bool) -> String {
    let property = resolve(root, property);
    let mut parts = Vec::new();

    let listed = listed_values(&property);
    match &listed {
        Some(_) if required => parts.push("required".to_string()),
        Some(_) => {}
        None => parts.push(kind(root, &property)),
    }
    if listed.is_none() && required {
        parts.push("required".to_string());
    }
    parts.extend(listed);
    parts.extend(constraints(&property));
    parts.join(", ")
}

/// `one of a, b, c` for an enum, `always x` for a const.
fn listed_values(property: &Value) -> Option<String> {
    if let Some(constant) = property.get("const") {
        return Some(format!("always {}", plain(constant)));
    }
    let options = property.get("enum").and_then(Value::as_array)?;
    let mut said: Vec<String> = options.iter().take(LISTED_VALUES).map(plain).collect();
    if options.len() > LISTED_VALUES {
        said.push(format!("... ({} values)", options.len()));
    }
    Some(format!("one of {}", said.join(", ")))
}

/// The type in words: `string or null`, `object (street, city)`,
/// `array of object (sku, quantity)`.
fn kind(root: &Value, schema: &Value) -> String {
    if let Some(branches) = ["oneOf", "anyOf"]
        .iter()
        .find_map(|k| schema.get(*k)?.as_array())
    {
        let mut kinds: Vec<String> = Vec::new();
        for branch in branches {
            let said = kind(root, &resolve(root, branch));
            if !kinds.contains(&said) {
                kinds.push(said);
            }
        }
        return kinds.join(" or ");
    }

    let mut names = schema.get("type").map(type_names).unwrap_or_default();
    if names.is_empty() {
        names.push(implied_type(schema).to_string());
    }
    let said: Vec<String> = names
        .iter()
        .map(|name| named_kind(root, schema, name))
        .collect();
    said.join(" or ")
}

fn named_kind(root: &Value, schema: &Value, name: &str) -> String {
    match name {
        "object" => match property_names(schema) {
            Some(names) => format!("object ({names})"),
            None => "object".to_string(),
        },
        "array" => match schema.get("items").filter(|i| i.is_object()) {
            Some(items) => format!("array of {}", kind(root, &resolve(root, items))),
            None => "array".to_string(),
        },
        other => other.to_string(),
    }
}

fn property_names(schema: &Value) -> Option<String> {
    let properties = schema.get("properties").and_then(Value::as_object)?;
    let mut names: Vec<&str> = properties
        .keys()
        .take(LISTED_PROPERTIES)
        .map(String::as_str)
        .collect();
    if properties.len() > LISTED_PROPERTIES {
        names.push("...");
    }
    Some(names.join(", "))
}

fn constraints(schema: &Value) -> Vec<String> {
    let text = |key: &str| schema.get(key).and_then(Value::as_str);
    let number = |key: &str| schema.get(key).filter(|v| v.is_number()).map(plain);

    let mut said = Vec::new();
    said.extend(text("format").map(|f| format!("format {f}")));
    said.extend(text("pattern").map(|p| format!("pattern {p}")));
    said.extend(span(number("minLength"), number("maxLength"), "chars"));
    said.extend(numeric_range(schema));
    said.extend(number("multipleOf").map(|m| format!("multiple of {m}")));
    said.extend(span(number("minItems"), number("maxItems"), "items"));
    if schema.get("uniqueItems").and_then(Value::as_bool) == Some(true) {
        said.push("unique items".to_string());
    }
    said.extend(
        schema
            .get("default")
            .map(|d| format!("default {}", plain(d))),
    );
    said
}

/// `1..10 items`, `at least 3 chars`, `at most 5 items`.
fn span(min: Option<String>, max: Option<String>, unit: &str) -> Option<String> {
    match (min, max) {
        (Some(min), Some(max)) if min == max => Some(format!("exactly {min} {unit}")),
        (Some(min), Some(max)) => Some(format!("{min}..{max} {unit}")),
        (Some(min), None) => Some(format!("at least {min} {unit}")),
        (None, Some(max)) => Some(format!("at most {max} {unit}")),
        (None, None) => None,
    }
}

/// `1..10` for inclusive bounds, else `> 0`, `<= 100` and the like, in
/// draft-4 boolean and later numeric exclusive forms.
fn numeric_range(schema: &Value) -> Vec<String> {
    let number = |key: &str| schema.get(key).filter(|v| v.is_number()).map(plain);
    let flag = |key: &str| schema.get(key).and_then(Value::as_bool) == Some(true);

    let low = match (number("exclusiveMinimum"), number("minimum")) {
        (Some(bound), _) => Some(("> ", bound)),
        (None, Some(bound)) if flag("exclusiveMinimum") => Some(("> ", bound)),
        (None, Some(bound)) => Some((">= ", bound)),
        (None, None) => None,
    };
    let high = match (number("exclusiveMaximum"), number("maximum")) {
        (Some(bound), _) => Some(("< ", bound)),
        (None, Some(bound)) if flag("exclusiveMaximum") => Some(("< ", bound)),
        (None, Some(bound)) => Some(("<= ", bound)),
        (None, None) => None,
    };
    match (low, high) {
        (Some((">= ", low)), Some(("<= ", high))) => vec![format!("{low}..{high}")],
        (low, high) => [low, high]
            .into_iter()
            .flatten()
            .map(|(op, b)| format!("{op}{b}"))
            .collect(),
    }
}

/// A value as it reads in a line: strings without quotes.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
