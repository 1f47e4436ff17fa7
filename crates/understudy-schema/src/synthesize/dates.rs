//! Dates that follow each other: in one object, a date whose name says it
//! starts something (`startDate`, `dateFrom`, `moveOutDate`) is never after
//! the date that ends it (`endDate`, `dateTo`, `moveInDate`).

use serde_json::{Map, Value};

use crate::words;

/// Word pairs that name the first and the last of two dates whatever
/// their order in the schema.
const ORDERED: &[(&str, &str)] = &[
    ("start", "end"),
    ("start", "finish"),
    ("begin", "end"),
    ("from", "to"),
    ("from", "until"),
    ("departure", "return"),
    ("outbound", "return"),
    ("pickup", "dropoff"),
    ("pickup", "return"),
    ("first", "last"),
    ("earliest", "latest"),
];

/// Word pairs whose order only the schema gives: a move out comes before
/// a move in, a check-in before a check-out.
const IN_SCHEMA_ORDER: &[(&str, &str)] = &[("out", "in"), ("in", "out")];

/// Puts the dates of every start-end pair of `object` in order, keeping
/// a swap only when both properties accept the swapped values.
pub(super) fn order(object: &mut Map<String, Value>, accepts: impl Fn(&str, &Value) -> bool) {
    let names: Vec<String> = object.keys().cloned().collect();
    for (i, earlier) in names.iter().enumerate() {
        for later in &names[i + 1..] {
            let Some((first, last)) = pair(earlier, later) else {
                continue;
            };
            let (Some(a), Some(b)) = (date_of(&object[first]), date_of(&object[last])) else {
                continue;
            };
            if a <= b {
                continue;
            }
            let (a, b) = (object[first].clone(), object[last].clone());
            if accepts(first, &b) && accepts(last, &a) {
                object.insert(first.to_owned(), b);
                object.insert(last.to_owned(), a);
            }
        }
    }
}

/// Which of two properties names the first date and which the last, when
/// their names differ only in a pair of such words.
fn pair<'n>(earlier: &'n str, later: &'n str) -> Option<(&'n str, &'n str)> {
    let a = words::split(earlier);
    let b = words::split(later);
    if a.len() != b.len() {
        return None;
    }
    let differing: Vec<(&String, &String)> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
    let [(x, y)] = differing.as_slice() else {
        return None;
    };

    if ORDERED.contains(&(x.as_str(), y.as_str())) {
        return Some((earlier, later));
    }
    if ORDERED.contains(&(y.as_str(), x.as_str())) {
        return Some((later, earlier));
    }
    IN_SCHEMA_ORDER
        .contains(&(x.as_str(), y.as_str()))
        .then_some((earlier, later))
}

/// The date a value holds (`2026-06-20`, or a date-time's date and time),
/// as text that sorts in time order.
fn date_of(value: &Value) -> Option<&str> {
    let text = value.as_str()?;
    let bytes = text.as_bytes();
    let dated = bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[7] == b'-';
    dated.then_some(text)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn ordered(value: Value) -> Value {
        let mut object = value.as_object().cloned().unwrap();
        order(&mut object, |_, _| true);
        Value::Object(object)
    }

    #[test]
    fn puts_a_move_out_before_the_move_in() {
        let object = ordered(json!({ "moveOutDate": "2026-07-22", "moveInDate": "2026-07-11" }));
        assert_eq!(
            object,
            json!({ "moveOutDate": "2026-07-11", "moveInDate": "2026-07-22" })
        );
    }

    #[test]
    fn puts_an_end_after_the_start_whatever_the_schema_order() {
        let object = ordered(json!({ "endDate": "2026-07-01", "startDate": "2026-07-09" }));
        assert_eq!(
            object,
            json!({ "endDate": "2026-07-09", "startDate": "2026-07-01" })
        );
    }

    #[test]
    fn leaves_unrelated_dates_alone() {
        let object = json!({ "birthDate": "2026-07-22", "startDate": "2026-07-11" });
        assert_eq!(ordered(object.clone()), object);
    }
}
