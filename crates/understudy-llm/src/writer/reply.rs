//! Reading a reply: the JSON object a model wrote, matched to the packages
//! asked for by `index`, each field checked for presence. What is missing
//! becomes a problem to send back; what was not asked for is dropped.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The text of one package as the model wrote it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    pub simulation_name: String,
    pub persona_name: String,
    pub persona_description: String,
    pub mission: String,
    pub criteria: Vec<DraftCriterion>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftCriterion {
    pub name: String,
    pub text: String,
    pub call: Option<DraftCall>,
}

/// The call a model expects; only its arguments may be used, and only
/// when the tool's schema accepts them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftCall {
    pub tool: String,
    /// `None` when the arguments were not a JSON object.
    pub arguments: Option<Value>,
}

/// What one reply held for the packages asked for.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    /// Complete drafts, by package number.
    pub drafts: BTreeMap<usize, Draft>,
    /// What is wrong with the packages that came back incomplete.
    pub problems: BTreeMap<usize, Vec<String>>,
    /// What is wrong with the reply as a whole.
    pub general: Vec<String>,
    /// Entries for packages not asked for, or asked for twice.
    pub dropped: usize,
}

/// Reads `reply` for the packages `wanted`: package number to the number
/// of criteria planned for it.
pub(crate) fn read(reply: &Value, wanted: &BTreeMap<usize, usize>) -> Reading {
    let mut reading = Reading::default();
    let Some(entries) = reply.get("packages").and_then(Value::as_array) else {
        reading
            .general
            .push("the reply has no `packages` array".to_owned());
        return reading;
    };

    for (position, entry) in entries.iter().enumerate() {
        let Some(number) = entry.get("index").and_then(Value::as_u64) else {
            let message = format!("packages[{position}] has no numeric `index`");
            reading.general.push(message);
            continue;
        };
        let number = number as usize;
        let Some(&criteria) = wanted.get(&number) else {
            reading.dropped += 1;
            continue;
        };
        if reading.drafts.contains_key(&number) || reading.problems.contains_key(&number) {
            reading.dropped += 1;
            continue;
        }

        match draft(entry, criteria) {
            Ok(draft) => {
                reading.drafts.insert(number, draft);
            }
            Err(problems) => {
                reading.problems.insert(number, problems);
            }
        }
    }
    reading
}

/// One entry as a draft, or every way it falls short.
fn draft(entry: &Value, criteria: usize) -> Result<Draft, Vec<String>> {
    let empty = Map::new();
    let fields = entry.as_object().unwrap_or(&empty);
    let mut problems = Vec::new();
    let mut text = |name: &str| text(fields, name, name, &mut problems);

    let simulation_name = text("simulationName");
    let persona_name = text("personaName");
    let persona_description = text("personaDescription");
    let mission = text("mission");
    let written = criteria_of(fields, criteria, &mut problems);

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Draft {
        simulation_name,
        persona_name,
        persona_description,
        mission,
        criteria: written,
    })
}

fn criteria_of(
    fields: &Map<String, Value>,
    expected: usize,
    problems: &mut Vec<String>,
) -> Vec<DraftCriterion> {
    let Some(items) = fields.get("successCriteria").and_then(Value::as_array) else {
        problems.push("successCriteria missing".to_owned());
        return Vec::new();
    };
    if items.len() != expected {
        problems.push(format!(
            "successCriteria has {} items, expected {expected}",
            items.len()
        ));
    }

    let empty = Map::new();
    items
        .iter()
        .enumerate()
        .map(|(number, item)| {
            let fields = item.as_object().unwrap_or(&empty);
            let label = |field: &str| format!("successCriteria[{}].{field}", number + 1);
            DraftCriterion {
                name: text(fields, "name", &label("name"), problems),
                text: text(fields, "text", &label("text"), problems),
                call: fields.get("expectedToolCall").and_then(call),
            }
        })
        .collect()
}

/// A non-empty string field, trimmed; a problem when it is not one.
fn text(
    fields: &Map<String, Value>,
    name: &str,
    label: &str,
    problems: &mut Vec<String>,
) -> String {
    match fields.get(name) {
        Some(Value::String(value)) if !value.trim().is_empty() => value.trim().to_owned(),
        Some(Value::String(_)) => {
            problems.push(format!("{label} is empty"));
            String::new()
        }
        Some(_) => {
            problems.push(format!("{label} is not a string"));
            String::new()
        }
        None => {
            problems.push(format!("{label} missing"));
            String::new()
        }
    }
}

/// An expected call with its arguments as an object, whether the model
/// wrote them as a JSON string (as the schema asks) or as an object.
fn call(value: &Value) -> Option<DraftCall> {
    let tool = value.get("tool")?.as_str()?.to_owned();
    let arguments = match value.get("arguments") {
        Some(Value::String(text)) => serde_json::from_str::<Value>(text).ok(),
        Some(other) => Some(other.clone()),
        None => None,
    };
    Some(DraftCall {
        tool,
        arguments: arguments.filter(Value::is_object),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(index: usize) -> Value {
        json!({
            "index": index,
            "simulationName": "Lost Card Abroad",
            "personaName": "Mara Jensen",
            "personaDescription": "A nurse on holiday.",
            "mission": "Block the card ending 1234.",
            "successCriteria": [
                { "name": "Blocks Card", "text": "The agent blocks the card.",
                  "expectedToolCall": { "tool": "block_card", "arguments": "{\"card_number\":\"1234\"}" } }
            ]
        })
    }

    #[test]
    fn reads_arguments_written_as_a_string_or_as_an_object() {
        let wanted = BTreeMap::from([(1, 1), (2, 1)]);
        let mut second = entry(2);
        second["successCriteria"][0]["expectedToolCall"]["arguments"] = json!({ "a": 1 });

        let reading = read(&json!({ "packages": [entry(1), second] }), &wanted);

        let first_call = reading.drafts[&1].criteria[0].call.clone().unwrap();
        let second_call = reading.drafts[&2].criteria[0].call.clone().unwrap();
        assert_eq!(first_call.arguments, Some(json!({ "card_number": "1234" })));
        assert_eq!(second_call.arguments, Some(json!({ "a": 1 })));
    }

    #[test]
    fn names_each_missing_or_empty_field() {
        let mut broken = entry(1);
        broken.as_object_mut().unwrap().remove("personaName");
        broken["mission"] = json!("  ");
        broken["successCriteria"][0]
            .as_object_mut()
            .unwrap()
            .remove("text");

        let reading = read(&json!({ "packages": [broken] }), &BTreeMap::from([(1, 1)]));

        assert_eq!(
            reading.problems[&1],
            [
                "personaName missing",
                "mission is empty",
                "successCriteria[1].text missing"
            ]
        );
        assert!(reading.drafts.is_empty());
    }

    #[test]
    fn drops_packages_not_asked_for_and_repeats() {
        let reply = json!({ "packages": [entry(1), entry(1), entry(7)] });

        let reading = read(&reply, &BTreeMap::from([(1, 1)]));

        assert_eq!(reading.drafts.len(), 1);
        assert_eq!(reading.dropped, 2);
    }
}
