//! Objects: every required property, some optional ones, in schema order.

use rand::RngExt;
use serde_json::{Map, Value};

use super::hint::Hint;
use super::{Synthesizer, dates};

/// How often an optional property is filled in, as a person volunteers
/// some details and not others.
const OPTIONAL_PROPERTY_CHANCE: f64 = 0.6;

/// Names for properties added only to reach `minProperties`.
const EXTRA_PROPERTY_NAMES: &[&str] = &["note", "comment", "detail", "remark", "extra"];

impl Synthesizer<'_> {
    pub(super) fn object(&mut self, schema: &Value, depth: usize) -> Value {
        let empty = Map::new();
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let required = names(schema.get("required"));
        let names = self.chosen_names(schema, properties, &required, depth);
        let address = self.address_for(properties);
        let outer = std::mem::replace(&mut self.address, address);

        let mut object = Map::new();
        for name in &names {
            let property = match properties.get(name) {
                Some(property) => property.clone(),
                None => self.unlisted_property_schema(schema),
            };
            self.path.push(name.clone());
            let value = self.property(name, &property, depth);
            self.path.pop();
            object.insert(name.clone(), value);
        }
        self.address = outer;

        let schemas: Map<String, Value> = names
            .iter()
            .map(|name| match properties.get(name) {
                Some(property) => (name.clone(), property.clone()),
                None => (name.clone(), self.unlisted_property_schema(schema)),
            })
            .collect();
        dates::order(&mut object, |name, value| {
            schemas
                .get(name)
                .is_some_and(|property| self.accepts(property, value))
        });
        Value::Object(object)
    }

    /// One property's value: the one an earlier call gave at the same
    /// place when the property accepts it, else a fresh one, remembered
    /// for later calls. Values inside lists belong to their item and are
    /// neither reused nor remembered.
    fn property(&mut self, name: &str, property: &Value, depth: usize) -> Value {
        let shared = self.in_array == 0;
        let path = self.path.join(".");
        let earlier = self.known.value(&path).cloned();
        if let Some(earlier) = earlier.filter(|v| shared && self.accepts(property, v)) {
            return earlier;
        }

        let hint = Hint::for_property(name, &crate::resolve::resolve(self.root, property));
        let value = self.value(property, &hint, depth + 1);
        if shared && !value.is_object() && !value.is_array() && !value.is_null() {
            self.known.remember(&path, &value);
        }
        value
    }

    /// The property names to fill in: listed ones in schema order, then
    /// required names the schema does not list, then extras for
    /// `minProperties`.
    fn chosen_names(
        &mut self,
        schema: &Value,
        properties: &Map<String, Value>,
        required: &[String],
        depth: usize,
    ) -> Vec<String> {
        let mut chosen: Vec<String> = Vec::new();
        for name in properties.keys() {
            let wanted = required.contains(name)
                || (!Self::is_shallow(depth) && self.rng.random_bool(OPTIONAL_PROPERTY_CHANCE));
            if wanted {
                chosen.push(name.clone());
            }
        }
        add_dependencies(schema, &mut chosen);
        drop_optional_beyond_maximum(schema, required, &mut chosen);

        let (min, _) = property_count_bounds(schema);
        for name in properties.keys() {
            if chosen.len() >= min {
                break;
            }
            if !chosen.contains(name) {
                chosen.push(name.clone());
            }
        }
        chosen.sort_by_key(|name| properties.keys().position(|key| key == name));

        for name in required {
            if !chosen.contains(name) {
                chosen.push(name.clone());
            }
        }
        if allows_unlisted(schema) {
            for extra in EXTRA_PROPERTY_NAMES {
                if chosen.len() >= min {
                    break;
                }
                if !chosen.iter().any(|c| c == extra) {
                    chosen.push(extra.to_string());
                }
            }
        }
        chosen
    }

    /// The schema a property the object does not list must meet.
    fn unlisted_property_schema(&self, schema: &Value) -> Value {
        match schema.get("additionalProperties") {
            Some(Value::Object(extra)) => Value::Object(extra.clone()),
            _ => serde_json::json!({ "type": "string" }),
        }
    }
}

/// The strings of a `required`-like array.
fn names(list: Option<&Value>) -> Vec<String> {
    let items = list.and_then(Value::as_array).into_iter().flatten();
    items.filter_map(Value::as_str).map(String::from).collect()
}

/// Adds what `dependentRequired` (or draft-4 array `dependencies`) demands
/// of the chosen properties.
fn add_dependencies(schema: &Value, chosen: &mut Vec<String>) {
    for keyword in ["dependentRequired", "dependencies"] {
        let Some(rules) = schema.get(keyword).and_then(Value::as_object) else {
            continue;
        };
        let mut index = 0;
        while index < chosen.len() {
            for name in names(rules.get(&chosen[index])) {
                if !chosen.contains(&name) {
                    chosen.push(name);
                }
            }
            index += 1;
        }
    }
}

fn drop_optional_beyond_maximum(schema: &Value, required: &[String], chosen: &mut Vec<String>) {
    let (_, max) = property_count_bounds(schema);
    while chosen.len() > max {
        let Some(position) = chosen.iter().rposition(|n| !required.contains(n)) else {
            break;
        };
        chosen.remove(position);
    }
}

fn property_count_bounds(schema: &Value) -> (usize, usize) {
    let bound = |key: &str| schema.get(key).and_then(Value::as_u64).map(|n| n as usize);
    (
        bound("minProperties").unwrap_or(0),
        bound("maxProperties").unwrap_or(usize::MAX),
    )
}

fn allows_unlisted(schema: &Value) -> bool {
    !matches!(schema.get("additionalProperties"), Some(Value::Bool(false)))
        && !matches!(
            schema.get("unevaluatedProperties"),
            Some(Value::Bool(false))
        )
}
