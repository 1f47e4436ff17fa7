//! Reading a schema as one flat view: local `$ref`s followed, `allOf` merged.
//!
//! Synthesis and description both want to ask "what does this value have to
//! be?" without chasing references or intersecting branches at every step.
//! Merging is an approximation (keywords that cannot be intersected keep the
//! first branch's value); callers validate their results against the
//! original schema, so an approximation can cost a retry, never a wrong
//! answer.

use serde_json::{Map, Value};

/// How deep references may nest before a schema is read as empty, so that a
/// recursive schema cannot recurse forever.
const MAX_REFERENCE_DEPTH: usize = 16;

/// Keywords whose merged value is the larger of the two.
const LOWER_BOUNDS: &[&str] = &[
    "minimum",
    "exclusiveMinimum",
    "minLength",
    "minItems",
    "minProperties",
];

/// Keywords whose merged value is the smaller of the two.
const UPPER_BOUNDS: &[&str] = &[
    "maximum",
    "exclusiveMaximum",
    "maxLength",
    "maxItems",
    "maxProperties",
];

/// The schema with its `$ref` (and the `$ref`s it leads to) and its `allOf`
/// merged into one object; other keywords untouched.
pub(crate) fn resolve(root: &Value, schema: &Value) -> Value {
    resolve_at(root, schema, 0)
}

fn resolve_at(root: &Value, schema: &Value, depth: usize) -> Value {
    let Some(object) = schema.as_object() else {
        return schema.clone();
    };
    if depth > MAX_REFERENCE_DEPTH {
        return Value::Object(Map::new());
    }

    let mut flat = object.clone();
    let reference = flat.remove("$ref");
    let all_of = flat.remove("allOf");
    let mut merged = Value::Object(flat);

    if let Some(target) = reference
        .as_ref()
        .and_then(|r| r.as_str())
        .and_then(|r| follow(root, r))
    {
        merged = merge(&resolve_at(root, target, depth + 1), &merged);
    }
    for branch in all_of.iter().filter_map(Value::as_array).flatten() {
        merged = merge(&merged, &resolve_at(root, branch, depth + 1));
    }
    merged
}

/// The schema a local reference (`#/$defs/address`, `#/definitions/x`, or
/// any JSON pointer into the document) points at.
pub(crate) fn follow<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    root.pointer(pointer)
}

/// Both schemas' constraints in one object, as far as keywords intersect.
pub(crate) fn merge(first: &Value, second: &Value) -> Value {
    let (Some(first), Some(second)) = (first.as_object(), second.as_object()) else {
        return if second.as_bool() == Some(false) {
            second.clone()
        } else {
            first.clone()
        };
    };

    let mut merged = first.clone();
    for (key, value) in second {
        let combined = match merged.get(key) {
            None => value.clone(),
            Some(existing) => merge_keyword(key, existing, value),
        };
        merged.insert(key.clone(), combined);
    }
    Value::Object(merged)
}

fn merge_keyword(key: &str, existing: &Value, incoming: &Value) -> Value {
    match key {
        "properties" => merge_properties(existing, incoming),
        "required" => union(existing, incoming),
        "type" => intersect_types(existing, incoming),
        "enum" => intersect_values(existing, incoming),
        _ if LOWER_BOUNDS.contains(&key) => pick_number(existing, incoming, f64::max),
        _ if UPPER_BOUNDS.contains(&key) => pick_number(existing, incoming, f64::min),
        "items" | "additionalProperties" | "not" if existing.is_object() => {
            serde_json::json!({ "allOf": [existing, incoming] })
        }
        _ => existing.clone(),
    }
}

fn merge_properties(existing: &Value, incoming: &Value) -> Value {
    let mut properties = existing.as_object().cloned().unwrap_or_default();
    for (name, schema) in incoming.as_object().into_iter().flatten() {
        let combined = match properties.get(name) {
            Some(current) => serde_json::json!({ "allOf": [current, schema] }),
            None => schema.clone(),
        };
        properties.insert(name.clone(), combined);
    }
    Value::Object(properties)
}

fn union(existing: &Value, incoming: &Value) -> Value {
    let mut items = existing.as_array().cloned().unwrap_or_default();
    for item in incoming.as_array().into_iter().flatten() {
        if !items.contains(item) {
            items.push(item.clone());
        }
    }
    Value::Array(items)
}

fn intersect_values(existing: &Value, incoming: &Value) -> Value {
    let incoming = incoming.as_array().cloned().unwrap_or_default();
    let kept = existing.as_array().into_iter().flatten();
    Value::Array(kept.filter(|v| incoming.contains(v)).cloned().collect())
}

/// Types both allow; `integer` survives against `number`.
fn intersect_types(existing: &Value, incoming: &Value) -> Value {
    let incoming = type_names(incoming);
    let allowed = |name: &str| {
        incoming
            .iter()
            .any(|other| other == name || (name == "integer" && other == "number"))
    };
    let mut kept: Vec<String> = type_names(existing)
        .into_iter()
        .filter(|n| allowed(n))
        .collect();
    if kept.is_empty() && type_names(existing).iter().any(|n| n == "number") {
        kept = incoming.into_iter().filter(|n| n == "integer").collect();
    }
    Value::Array(kept.into_iter().map(Value::String).collect())
}

/// The names in a `type` keyword, whether a string or an array of strings.
pub(crate) fn type_names(types: &Value) -> Vec<String> {
    match types {
        Value::String(name) => vec![name.clone()],
        Value::Array(names) => names
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

fn pick_number(existing: &Value, incoming: &Value, pick: fn(f64, f64) -> f64) -> Value {
    match (existing.as_f64(), incoming.as_f64()) {
        (Some(a), Some(b)) if existing.is_u64() && incoming.is_u64() => {
            Value::from(pick(a, b) as u64)
        }
        (Some(a), Some(b)) => serde_json::json!(pick(a, b)),
        _ => existing.clone(),
    }
}

/// Keywords that only constrain numbers.
const NUMBER_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "multipleOf",
    "exclusiveMinimum",
    "exclusiveMaximum",
];

/// The type a value for this (resolved) schema should take when it names
/// none: read from the keywords it carries.
pub(crate) fn implied_type(schema: &Value) -> &'static str {
    let has = |key: &str| schema.get(key).is_some();
    if has("properties") || has("required") || has("additionalProperties") {
        "object"
    } else if has("items") || has("prefixItems") || has("minItems") || has("maxItems") {
        "array"
    } else if NUMBER_KEYWORDS.iter().any(|key| has(key)) {
        "number"
    } else {
        "string"
    }
}

/// Keywords whose values are data, not schemas: a `$ref` key inside them is
/// not a reference.
const DATA_KEYWORDS: &[&str] = &["enum", "const", "examples", "default"];

/// A copy of `schema` with every local `$ref` replaced by what it points at,
/// so that it can be compiled on its own, away from the document that held
/// its definitions. References nested deeper than the limit become `{}`
/// (anything), which only loosens a check that the whole schema repeats.
pub(crate) fn inline_references(root: &Value, schema: &Value) -> Value {
    inline_at(root, schema, 0)
}

fn inline_at(root: &Value, schema: &Value, depth: usize) -> Value {
    match schema {
        Value::Object(object) => {
            if depth > MAX_REFERENCE_DEPTH {
                return Value::Object(Map::new());
            }
            let mut inlined = Map::new();
            for (key, value) in object {
                let value = if DATA_KEYWORDS.contains(&key.as_str()) {
                    value.clone()
                } else {
                    inline_at(root, value, depth)
                };
                inlined.insert(key.clone(), value);
            }
            let target = inlined.remove("$ref");
            let target = target
                .as_ref()
                .and_then(Value::as_str)
                .and_then(|r| follow(root, r));
            if let Some(target) = target {
                let all_of = vec![inline_at(root, target, depth + 1)];
                inlined.insert("allOf".into(), append_all_of(inlined.get("allOf"), all_of));
            }
            Value::Object(inlined)
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|i| inline_at(root, i, depth)).collect())
        }
        other => other.clone(),
    }
}

fn append_all_of(existing: Option<&Value>, mut added: Vec<Value>) -> Value {
    let mut all_of = existing
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    all_of.append(&mut added);
    Value::Array(all_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merging_keeps_the_tighter_bounds_and_every_required_name() {
        let merged = merge(
            &json!({ "minimum": 1, "maximum": 10, "required": ["a"] }),
            &json!({ "minimum": 3, "maximum": 20, "required": ["b", "a"] }),
        );
        assert_eq!(
            merged,
            json!({ "minimum": 3, "maximum": 10, "required": ["a", "b"] })
        );
    }

    #[test]
    fn merging_number_with_integer_leaves_integer() {
        let merged = merge(
            &json!({ "type": ["number", "null"] }),
            &json!({ "type": "integer" }),
        );
        assert_eq!(merged["type"], json!(["integer"]));
    }

    #[test]
    fn merging_intersects_enums_in_the_first_order() {
        let merged = merge(
            &json!({ "enum": ["a", "b", "c"] }),
            &json!({ "enum": ["c", "a"] }),
        );
        assert_eq!(merged["enum"], json!(["a", "c"]));
    }

    #[test]
    fn resolving_follows_a_reference_and_keeps_its_siblings() {
        let root = json!({ "$defs": { "code": { "type": "string", "maxLength": 8 } } });
        let resolved = resolve(&root, &json!({ "$ref": "#/$defs/code", "minLength": 2 }));
        assert_eq!(
            resolved,
            json!({ "type": "string", "maxLength": 8, "minLength": 2 })
        );
    }

    #[test]
    fn inlining_replaces_references_so_a_part_stands_alone() {
        let root = json!({ "definitions": { "n": { "type": "integer" } } });
        let part = json!({ "properties": { "n": { "$ref": "#/definitions/n" } } });
        let inlined = inline_references(&root, &part);
        assert_eq!(
            inlined,
            json!({ "properties": { "n": { "allOf": [{ "type": "integer" }] } } })
        );
    }
}
