//! A tool call's arguments as the persona would state them: every value,
//! none left out, in as few words as read well.
//!
//! Plain values read "label value" ("account number BW-12345678"). An
//! address reads as one ("billing address 14 Oak Road, Leeds, LS1 4AP"),
//! with no field names. A list of records reads as one fact with an item
//! each ("final readings electricity (reading 420000), gas (reading
//! 5120)"). Enum values read as words (`no_supply` -> "no supply"), a yes
//! or no in the language, and free text in quotes.

use serde_json::Value;

use understudy_schema::Fact;

use super::bank::Bank;
use super::template::{fill, identifier_words, join_list};
use crate::spec::Language;

/// Words in an object's property names that make it an address.
const ADDRESS_WORDS: &[&str] = &[
    "street", "line1", "line2", "city", "town", "postcode", "postal", "zip", "zipcode", "country",
    "state", "region", "house",
];

/// Leaf names that say nothing without the object they belong to
/// (`paymentMethod.kind` reads "payment method card").
const BARE_LEAVES: &[&str] = &[
    "kind", "type", "method", "mode", "value", "option", "choice",
];

/// One stated fact and the label a criterion can name it by.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    pub text: String,
    pub label: String,
}

/// The facts of one call, grouped and worded, in schema order.
pub fn state(bank: &Bank, language: Language, schema: &Value, arguments: &Value) -> Vec<Stated> {
    let facts = understudy_schema::facts(schema, arguments);
    let words = Words {
        bank,
        language,
        arguments,
    };

    let mut stated = Vec::new();
    let mut index = 0;
    while index < facts.len() {
        let group = group_of(&facts[index].path);
        let end = index
            + facts[index..]
                .iter()
                .take_while(|f| group.is_some() && group_of(&f.path) == group)
                .count()
                .max(1);
        let members = &facts[index..end];
        stated.push(match &group {
            Some(Group::List(name)) => words.list(name, members),
            Some(Group::Object(name)) if is_address(members) => words.address(name, members),
            Some(Group::Object(name)) => words.record(name, members),
            None => words.plain(&members[0]),
        });
        index = end;
    }
    stated.into_iter().flatten().collect()
}

/// What a fact belongs to besides the arguments themselves.
#[derive(Debug, Clone, PartialEq)]
enum Group {
    /// A list of records: `finalReadings[0].reading`.
    List(String),
    /// A nested object: `billingAddress.city`.
    Object(String),
}

fn group_of(path: &str) -> Option<Group> {
    let first = path.split('.').next().unwrap_or(path);
    if let Some((name, _)) = first.split_once('[') {
        return Some(Group::List(name.to_owned()));
    }
    path.contains('.').then(|| Group::Object(first.to_owned()))
}

/// Whether the facts of an object are the parts of an address.
fn is_address(members: &[Fact]) -> bool {
    let parts = members
        .iter()
        .filter(|fact| {
            let leaf = fact.path.rsplit('.').next().unwrap_or(&fact.path);
            identifier_words(leaf)
                .iter()
                .any(|w| ADDRESS_WORDS.contains(&w.as_str()))
        })
        .count();
    parts >= 2 && parts * 2 >= members.len()
}

struct Words<'a> {
    bank: &'a Bank,
    language: Language,
    arguments: &'a Value,
}

impl Words<'_> {
    /// "account number BW-12345678", "yes to paperless billing", "data add
    /// on of 37 GB".
    fn plain(&self, fact: &Fact) -> Option<Stated> {
        let label = self.label(&fact.label);
        let words = &self.bank.words;
        let text = if let Some(answer) = self.yes_or_no(fact) {
            fill(&words.answered, &[("answer", answer), ("label", &label)])
        } else if let Some((measure, unit)) = self.unit_of(fact, &label) {
            let slots = [
                ("label", measure),
                ("value", fact.value.trim()),
                ("unit", unit),
            ];
            fill(&words.measured, &slots)
        } else {
            format!("{label} {}", self.spoken(&fact.value))
        };
        Some(Stated { text, label })
    }

    /// A number whose label ends in a unit ("data add on gb"): the label
    /// without it and the unit as it is written after a number.
    fn unit_of<'l>(&self, fact: &Fact, label: &'l str) -> Option<(&'l str, &'static str)> {
        let number = value_at(self.arguments, &fact.path).is_some_and(Value::is_number);
        let (measure, last) = label.rsplit_once(' ')?;
        let unit = UNITS
            .iter()
            .find(|(word, _)| last.eq_ignore_ascii_case(word))
            .map(|(_, unit)| *unit)?;
        number.then_some((measure, unit))
    }

    /// "billing address 14 Oak Road, Flat 2, Leeds, LS1 4AP".
    fn address(&self, name: &str, members: &[Fact]) -> Option<Stated> {
        let label = self.name_label(name);
        let parts: Vec<String> = members.iter().map(|f| f.value.trim().to_owned()).collect();
        Some(Stated {
            text: format!("{label} {}", parts.join(", ")),
            label,
        })
    }

    /// "payment method card, sort code 12-34-56": the object's name stands
    /// in for leaves that mean nothing on their own.
    fn record(&self, name: &str, members: &[Fact]) -> Option<Stated> {
        let label = self.name_label(name);
        let parts: Vec<String> = members
            .iter()
            .map(|fact| {
                let leaf = fact.path.rsplit('.').next().unwrap_or(&fact.path);
                let bare = identifier_words(leaf)
                    .iter()
                    .all(|w| BARE_LEAVES.contains(&w.as_str()));
                let own = self.label(&fact.label);
                let fact_label = if bare {
                    label.clone()
                } else if leaf == "name" {
                    self.label(&format!(
                        "{} {}",
                        identifier_words(name).join(" "),
                        fact.label
                    ))
                } else {
                    own
                };
                match self.yes_or_no(fact) {
                    Some(answer) => format!("{fact_label}: {answer}"),
                    None => format!("{fact_label} {}", self.spoken(&fact.value)),
                }
            })
            .collect();
        Some(Stated {
            text: parts.join(", "),
            label,
        })
    }

    /// "final readings electricity (reading 420000), gas (reading 5120)".
    fn list(&self, name: &str, members: &[Fact]) -> Option<Stated> {
        let label = self.name_label(name);
        let mut items: Vec<Vec<&Fact>> = Vec::new();
        let mut current = None;
        for fact in members {
            let item = fact.path.split(']').next();
            if item != current || items.is_empty() {
                items.push(Vec::new());
                current = item;
            }
            items.last_mut().expect("pushed above").push(fact);
        }

        let said: Vec<String> = items.iter().map(|item| self.item(item)).collect();
        Some(Stated {
            text: format!("{label} {}", said.join(", ")),
            label,
        })
    }

    /// One record of a list: its first value, the rest labelled after it.
    fn item(&self, facts: &[&Fact]) -> String {
        let Some((head, rest)) = facts.split_first() else {
            return String::new();
        };
        let head = self
            .yes_or_no(head)
            .map_or_else(|| self.spoken(&head.value), str::to_owned);
        if rest.is_empty() {
            return head;
        }
        let details: Vec<String> = rest
            .iter()
            .map(|fact| match self.yes_or_no(fact) {
                Some(answer) => format!("{}: {answer}", self.label(&fact.label)),
                None => format!("{} {}", self.label(&fact.label), self.spoken(&fact.value)),
            })
            .collect();
        format!("{head} ({})", join_list(&details, &self.bank.words.and))
    }

    /// The yes or no of a boolean argument, in the language.
    fn yes_or_no(&self, fact: &Fact) -> Option<&str> {
        let words = &self.bank.words;
        match value_at(self.arguments, &fact.path)? {
            Value::Bool(true) => Some(&words.yes),
            Value::Bool(false) => Some(&words.no),
            _ => None,
        }
    }

    /// A value as the persona says it: enum words with spaces, free text
    /// (several words, not all capitalised like a name) in quotes.
    fn spoken(&self, value: &str) -> String {
        let value = value.trim();
        let words: Vec<&str> = value.split_whitespace().collect();
        let free_text = words.len() > 1
            && !value.contains(", ")
            && (words.len() > 3 || words.iter().any(|w| w.starts_with(char::is_lowercase)));
        let value = humanise(value);
        if free_text {
            let words = &self.bank.words;
            format!("{}{value}{}", words.quote_open, words.quote_close)
        } else {
            value
        }
    }

    /// A property name in words, in the language where it is known.
    fn name_label(&self, name: &str) -> String {
        self.label(&identifier_words(name).join(" "))
    }

    /// A label as it reads in a sentence: in the language's words when the
    /// bank knows them, lowercased in English unless it holds an acronym.
    fn label(&self, label: &str) -> String {
        let label = label.trim();
        if let Some(known) = self.bank.labels.get(&label.to_lowercase()) {
            return known.clone();
        }
        match self.language {
            Language::En => label
                .split_whitespace()
                .map(|w| {
                    if w.chars().filter(|c| c.is_uppercase()).count() > 1 {
                        w.to_owned()
                    } else {
                        w.to_lowercase()
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
            Language::De => label.to_owned(),
        }
    }
}

/// Units that end property names, and how they are written after a number.
const UNITS: &[(&str, &str)] = &[
    ("gb", "GB"),
    ("mb", "MB"),
    ("tb", "TB"),
    ("kb", "KB"),
    ("kg", "kg"),
    ("km", "km"),
    ("kwh", "kWh"),
    ("eur", "EUR"),
    ("usd", "USD"),
    ("gbp", "GBP"),
    ("chf", "CHF"),
    ("pct", "%"),
    ("percent", "%"),
];

/// Enum-like values in words: `no_supply` -> "no supply",
/// `high_bill, other` -> "high bill, other". Identifiers in capitals
/// (`ORD_123`) keep their underscores.
pub fn humanise(value: &str) -> String {
    let enum_like = value.contains('_')
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | ',' | ' '));
    if enum_like {
        value.replace('_', " ")
    } else {
        value.to_owned()
    }
}

/// The argument at a fact's path (`a.b[2].c`).
fn value_at<'v>(arguments: &'v Value, path: &str) -> Option<&'v Value> {
    let mut value = arguments;
    for segment in path.split('.') {
        let (name, indices) = match segment.split_once('[') {
            Some((name, rest)) => (name, Some(rest)),
            None => (segment, None),
        };
        value = value.get(name)?;
        for index in indices.into_iter().flat_map(|rest| rest.split('[')) {
            value = value.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::writer::offline::bank::for_language;

    fn stated(schema: Value, arguments: Value) -> Vec<String> {
        state(
            for_language(Language::En),
            Language::En,
            &schema,
            &arguments,
        )
        .into_iter()
        .map(|s| s.text)
        .collect()
    }

    #[test]
    fn states_every_record_of_a_list_compactly() {
        let reading = json!({ "type": "object", "properties": {
            "meterType": { "type": "string" }, "reading": { "type": "integer" } } });
        let schema = json!({ "type": "object", "properties": {
            "finalReadings": { "type": "array", "items": reading } } });
        let arguments = json!({ "finalReadings": [
            { "meterType": "electricity", "reading": 420000 },
            { "meterType": "gas", "reading": 5120 },
            { "meterType": "water", "reading": 88 }
        ] });
        assert_eq!(
            stated(schema, arguments),
            ["final readings electricity (reading 420000), gas (reading 5120), water (reading 88)"]
        );
    }

    #[test]
    fn states_an_address_without_its_field_names() {
        let schema = json!({ "type": "object", "properties": { "billingAddress": {
            "type": "object", "properties": {
                "line1": { "type": "string" }, "city": { "type": "string" },
                "postcode": { "type": "string" } } } } });
        let arguments = json!({ "billingAddress": {
            "line1": "14 Oak Road", "city": "Leeds", "postcode": "LS1 4AP" } });
        assert_eq!(
            stated(schema, arguments),
            ["billing address 14 Oak Road, Leeds, LS1 4AP"]
        );
    }

    #[test]
    fn states_enum_values_as_words_and_booleans_as_yes_or_no() {
        let schema = json!({ "type": "object", "properties": {
            "severity": { "type": "string", "enum": ["no_supply"] },
            "orderReplacement": { "type": "boolean" } } });
        let arguments = json!({ "severity": "no_supply", "orderReplacement": false });
        assert_eq!(
            stated(schema, arguments),
            ["severity no supply", "no to order replacement"]
        );
    }

    /// `dataAddOnGb: 37` read "data add on gb 37".
    #[test]
    fn states_a_number_with_the_unit_its_name_ends_in() {
        let schema = json!({ "type": "object", "properties": {
            "dataAddOnGb": { "type": "integer" }, "planGb": { "type": "string" } } });
        let arguments = json!({ "dataAddOnGb": 37, "planGb": "unlimited" });
        assert_eq!(
            stated(schema, arguments),
            ["data add on of 37 GB", "plan gb unlimited"]
        );
    }

    #[test]
    fn names_a_bare_leaf_after_its_object() {
        let schema = json!({ "type": "object", "properties": { "paymentMethod": {
            "type": "object", "properties": {
                "kind": { "type": "string" }, "sortCode": { "type": "string" } } } } });
        let arguments =
            json!({ "paymentMethod": { "kind": "direct_debit", "sortCode": "12-34-56" } });
        assert_eq!(
            stated(schema, arguments),
            ["payment method direct debit, sort code 12-34-56"]
        );
    }
}
