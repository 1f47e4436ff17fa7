//! The facts a set of arguments holds, as a person would say them.

use serde_json::Value;

use crate::resolve::{merge, resolve, type_names};
use crate::synthesize::MONEY_WORDS;
use crate::validate::accepts_within;
use crate::words;

/// One fact a persona knows because a tool needs it: "order number: A-1234".
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Path of the argument, such as `address.city` or `items[0].sku`.
    pub path: String,
    /// A human label: the property's title, else its name in words.
    pub label: String,
    /// The value as a person would say it.
    pub value: String,
}

/// The facts a set of arguments holds, leaves only, in schema order.
///
/// Listed properties come in the schema's order, unlisted ones after them
/// in the arguments' order. An array of plain values is one fact
/// (`tags: red, blue`); an array of objects gives facts per item. `null`
/// says nothing and gives no fact.
pub fn facts(schema: &Value, arguments: &Value) -> Vec<Fact> {
    let mut found = Vec::new();
    let walker = Walker { root: schema };
    walker.walk(schema, arguments, "", None, &mut found);
    found
}

struct Walker<'a> {
    root: &'a Value,
}

impl Walker<'_> {
    fn walk(
        &self,
        schema: &Value,
        value: &Value,
        path: &str,
        name: Option<&str>,
        found: &mut Vec<Fact>,
    ) {
        let schema = self.matching_branch(&resolve(self.root, schema), value);
        match value {
            Value::Null => {}
            Value::Object(object) => {
                let listed = schema.get("properties").and_then(Value::as_object);
                for (key, property) in listed.into_iter().flatten() {
                    if let Some(inner) = object.get(key) {
                        self.walk(property, inner, &join(path, key), Some(key), found);
                    }
                }
                let unlisted_schema = match schema.get("additionalProperties") {
                    Some(extra @ Value::Object(_)) => extra.clone(),
                    _ => Value::Object(Default::default()),
                };
                for (key, inner) in object {
                    if listed.is_none_or(|l| !l.contains_key(key)) {
                        self.walk(&unlisted_schema, inner, &join(path, key), Some(key), found);
                    }
                }
            }
            Value::Array(items) if items.iter().all(is_plain) => {
                if !items.is_empty() {
                    let said: Vec<String> = items.iter().map(|i| say(&schema, name, i)).collect();
                    found.push(fact(&schema, path, name, said.join(", ")));
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let item_schema = item_schema(&schema, index);
                    self.walk(&item_schema, item, &format!("{path}[{index}]"), name, found);
                }
            }
            plain => found.push(fact(&schema, path, name, say(&schema, name, plain))),
        }
    }

    /// For a `oneOf`/`anyOf`, the first branch the value meets, merged with
    /// the rest of the schema, so its titles and property order apply.
    fn matching_branch(&self, schema: &Value, value: &Value) -> Value {
        let Some(branches) = ["oneOf", "anyOf"]
            .iter()
            .find_map(|k| schema.get(*k).and_then(Value::as_array))
        else {
            return schema.clone();
        };
        let branch = branches
            .iter()
            .find(|b| accepts_within(self.root, b, value));
        match branch {
            Some(branch) => merge(schema, &resolve(self.root, branch)),
            None => schema.clone(),
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn is_plain(value: &Value) -> bool {
    !value.is_object() && !value.is_array()
}

/// The schema of the array item at `index`: its tuple position, else the
/// schema every item shares.
fn item_schema(schema: &Value, index: usize) -> Value {
    let positional = schema
        .get("prefixItems")
        .or_else(|| schema.get("items").filter(|i| i.is_array()))
        .and_then(|p| p.get(index));
    let shared = schema.get("items").filter(|i| i.is_object());
    positional
        .or(shared)
        .cloned()
        .unwrap_or(Value::Object(Default::default()))
}

fn fact(schema: &Value, path: &str, name: Option<&str>, value: String) -> Fact {
    let label = match schema.get("title").and_then(Value::as_str) {
        Some(title) => title.to_string(),
        None => name.map_or_else(|| "value".to_string(), words::in_words),
    };
    Fact {
        path: path.to_string(),
        label,
        value,
    }
}

/// Strings as they are, yes/no for booleans, whole numbers without `.0`,
/// money with two decimals.
fn say(schema: &Value, name: Option<&str>, value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Bool(yes) => if *yes { "yes" } else { "no" }.to_string(),
        Value::Number(number) if is_money(schema, name) && !number.is_i64() && !number.is_u64() => {
            format!("{:.2}", number.as_f64().unwrap_or_default())
        }
        Value::Number(number) if is_money(schema, name) => {
            let integer_typed = schema
                .get("type")
                .map(type_names)
                .is_some_and(|t| t == ["integer"]);
            if integer_typed {
                number.to_string()
            } else {
                format!("{number}.00")
            }
        }
        Value::Number(number) => match number.as_f64() {
            Some(float) if !number.is_i64() && !number.is_u64() => format!("{float}"),
            _ => number.to_string(),
        },
        other => other.to_string(),
    }
}

fn is_money(schema: &Value, name: Option<&str>) -> bool {
    let title = schema
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut said = words::split(name.unwrap_or_default());
    said.extend(words::split(title));
    said.iter().any(|w| {
        MONEY_WORDS
            .iter()
            .any(|m| w == m || w.strip_suffix('s') == Some(m))
    })
}
