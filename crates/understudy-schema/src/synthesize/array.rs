//! Arrays: a few items, as many as the schema allows, distinct when asked.

use rand::RngExt;
use serde_json::Value;

use super::Synthesizer;
use super::hint::Hint;
use super::person::Person;

/// Items beyond the minimum a person would list unprompted.
const EXTRA_ITEMS: usize = 2;

/// Tries for an item that differs from those already written.
const UNIQUE_TRIES: usize = 8;

impl Synthesizer<'_> {
    pub(super) fn array(&mut self, schema: &Value, hint: &Hint, depth: usize) -> Value {
        let (prefix, rest) = item_schemas(schema);
        let count = self.item_count(schema, prefix.len(), rest.is_some(), depth);
        let unique = schema.get("uniqueItems").and_then(Value::as_bool) == Some(true);

        let mut items: Vec<Value> = Vec::new();
        self.in_array += 1;
        for index in 0..count {
            let item_schema = prefix.get(index).cloned().or_else(|| rest.clone());
            let item_schema =
                item_schema.unwrap_or_else(|| serde_json::json!({ "type": "string" }));
            let item_hint = hint.for_items(&crate::resolve::resolve(self.root, &item_schema));

            let someone_else = (index > 0).then(|| Person::draw(self.rng));
            let first = someone_else.map(|other| std::mem::replace(&mut self.person, other));

            let mut item = self.value(&item_schema, &item_hint, depth + 1);
            for _ in 0..UNIQUE_TRIES {
                if !unique || !items.contains(&item) {
                    break;
                }
                self.person = Person::draw(self.rng);
                item = self.value(&item_schema, &item_hint, depth + 1);
            }
            items.push(item);

            if let Some(first) = first {
                self.person = first;
            }
        }
        self.in_array -= 1;
        Value::Array(items)
    }

    /// Between `minItems` (at least one) and a couple more, capped by
    /// `maxItems` and by what a closed tuple can hold.
    fn item_count(&mut self, schema: &Value, prefix: usize, open: bool, depth: usize) -> usize {
        let bound = |key: &str| schema.get(key).and_then(Value::as_u64).map(|n| n as usize);
        let min = bound("minItems").unwrap_or(0);
        let mut max = bound("maxItems").unwrap_or(usize::MAX);
        if !open {
            max = max.min(prefix.max(min));
        }

        let low = min.max(1).min(max);
        if Self::is_shallow(depth) {
            return min.min(max);
        }
        let high = (low + EXTRA_ITEMS).min(max);
        self.rng.random_range(low..=high)
    }
}

/// The schemas of a tuple's leading positions (`prefixItems`, or draft-4 to
/// 2019-09 array-form `items`), and of every further item (`None` when no
/// more are allowed).
fn item_schemas(schema: &Value) -> (Vec<Value>, Option<Value>) {
    let further = |value: Option<&Value>| match value {
        Some(Value::Bool(false)) => None,
        Some(Value::Bool(true)) | None => Some(serde_json::json!({ "type": "string" })),
        Some(other) => Some(other.clone()),
    };

    if let Some(prefix) = schema.get("prefixItems").and_then(Value::as_array) {
        return (prefix.clone(), further(schema.get("items")));
    }
    match schema.get("items") {
        Some(Value::Array(prefix)) => (prefix.clone(), further(schema.get("additionalItems"))),
        items => (Vec::new(), further(items)),
    }
}
