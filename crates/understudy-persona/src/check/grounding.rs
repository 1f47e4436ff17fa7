//! Grounding: every value an expected tool call carries is stated in the
//! mission, so the simulated user can give it and a code-graded check can
//! look for it.
//!
//! Values are compared as a reader would: case does not matter, `_` reads
//! as a space (`no_supply` may be written "no supply"), a number is found
//! as written with nothing but zeros after its last digit (`54.9` in
//! "54.90", `50` in "50.00") and no other digit around it, and a yes or no
//! is found as one of its words. Empty strings and `null` state nothing.

use serde_json::Value;

/// Words that state a `true` or a `false`, in the languages we write.
const YES: &[&str] = &["yes", "true", "ja"];
const NO: &[&str] = &["no", "not", "false", "nein", "nicht", "kein", "keine"];

/// The leaf values of `arguments` that `mission` does not state, as they
/// read in JSON.
pub fn unstated(mission: &str, arguments: &Value) -> Vec<String> {
    let text = normalise(mission);
    let mut missing = Vec::new();
    visit(arguments, &mut |leaf| {
        if !stated(&text, leaf) {
            missing.push(match leaf {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            });
        }
    });
    missing
}

fn visit(value: &Value, each: &mut impl FnMut(&Value)) {
    match value {
        Value::Object(object) => object.values().for_each(|v| visit(v, each)),
        Value::Array(items) => items.iter().for_each(|v| visit(v, each)),
        leaf => each(leaf),
    }
}

fn stated(text: &str, leaf: &Value) -> bool {
    match leaf {
        Value::Null => true,
        Value::Bool(yes) => {
            let words = if *yes { YES } else { NO };
            words.iter().any(|word| has_word(text, word))
        }
        Value::Number(number) => number_forms(number)
            .iter()
            .any(|form| has_number(text, form)),
        Value::String(value) => {
            let value = normalise(value);
            value.is_empty() || text.contains(&value)
        }
        _ => true,
    }
}

/// Lower case, `_` as a space, runs of white space as one.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|part| part == word)
}

/// A number as JSON writes it, as a whole number when it is one, and with
/// a decimal comma.
fn number_forms(number: &serde_json::Number) -> Vec<String> {
    let mut forms = vec![number.to_string()];
    if let Some(float) = number
        .as_f64()
        .filter(|_| !number.is_i64() && !number.is_u64())
    {
        if float.fract() == 0.0 && float.abs() < 1e15 {
            forms.push(format!("{}", float as i64));
        } else {
            forms.push(format!("{float}"));
        }
    }
    let commas: Vec<String> = forms
        .iter()
        .filter(|f| f.contains('.'))
        .map(|f| f.replace('.', ","))
        .collect();
    forms.extend(commas);
    forms
}

/// Whether `form` occurs with no digit right before it and nothing but
/// trailing zeros (after a decimal point) right after it.
fn has_number(text: &str, form: &str) -> bool {
    let mut from = 0;
    while let Some(at) = text[from..].find(form) {
        let start = from + at;
        let end = start + form.len();
        let before = text[..start].chars().next_back();
        if !before.is_some_and(|c| c.is_ascii_digit()) && ends_cleanly(&text[end..], form) {
            return true;
        }
        from = start + form.len().max(1);
    }
    false
}

fn ends_cleanly(rest: &str, form: &str) -> bool {
    let decimal = form.contains(['.', ',']);
    let rest = if decimal {
        rest.trim_start_matches('0')
    } else {
        match rest.strip_prefix(['.', ',']) {
            Some(fraction) if fraction.starts_with('0') => fraction.trim_start_matches('0'),
            _ => rest,
        }
    };
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => false,
        Some('.' | ',') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn finds_strings_whatever_their_case_and_underscores() {
        let arguments = json!({ "severity": "no_supply", "postcode": "M1 1AE" });
        assert!(unstated("There is No Supply at m1 1ae.", &arguments).is_empty());
    }

    #[test]
    fn finds_numbers_as_written_with_trailing_zeros() {
        let arguments = json!({ "amount": 54.9, "whole": 50.0, "reading": 420000 });
        let mission = "Pay 54.90 now, 50.00 later, reading 420000.";
        assert!(unstated(mission, &arguments).is_empty());
    }

    #[test]
    fn a_number_inside_another_number_is_not_stated() {
        let arguments = json!({ "quantity": 4, "amount": 12 });
        assert_eq!(
            unstated("Reading 420000 at 4.5 and 123.", &arguments),
            ["4", "12"]
        );
    }

    #[test]
    fn a_yes_or_no_is_stated_by_its_word() {
        assert!(unstated("Paperless billing: yes.", &json!({ "paperless": true })).is_empty());
        assert_eq!(
            unstated("Paperless billing.", &json!({ "p": false })),
            ["false"]
        );
    }

    #[test]
    fn lists_every_value_a_cut_list_left_out() {
        let arguments = json!({ "readings": [
            { "meterType": "electricity", "reading": 420000 },
            { "meterType": "gas", "reading": 910000 }
        ] });
        let mission =
            "Readings: meter type electricity, reading 420000 and meter type electricity.";
        assert_eq!(unstated(mission, &arguments), ["gas", "910000"]);
    }
}
