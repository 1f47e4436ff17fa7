//! Property names in words: `orderNumber` and `postal_code` as a person
//! would say them.

/// The lowercase words of an identifier: split at `_`, `-`, `.`, spaces,
/// and case changes (`orderID` -> order, id; `SKU2` -> sku2).
pub(crate) fn split(identifier: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = identifier.chars().collect();

    for (index, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut words, &mut current);
            continue;
        }
        let previous = index.checked_sub(1).map(|i| chars[i]);
        let next = chars.get(index + 1);
        let lower_to_upper =
            previous.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) && c.is_uppercase();
        let acronym_end = previous.is_some_and(char::is_uppercase)
            && c.is_uppercase()
            && next.is_some_and(|n| n.is_lowercase());
        if lower_to_upper || acronym_end {
            flush(&mut words, &mut current);
        }
        current.extend(c.to_lowercase());
    }
    flush(&mut words, &mut current);
    words
}

fn flush(words: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// A property's name in words: `orderNumber` -> "order number".
pub(crate) fn in_words(identifier: &str) -> String {
    let words = split(identifier);
    if words.is_empty() {
        identifier.to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_camel_case_into_words() {
        assert_eq!(in_words("orderNumber"), "order number");
    }

    #[test]
    fn splits_snake_and_kebab_case_into_words() {
        assert_eq!(in_words("postal_code"), "postal code");
        assert_eq!(in_words("ship-to-city"), "ship to city");
    }

    #[test]
    fn keeps_an_acronym_together_before_a_new_word() {
        assert_eq!(split("customerIDNumber"), vec!["customer", "id", "number"]);
        assert_eq!(split("orderID"), vec!["order", "id"]);
    }

    #[test]
    fn keeps_digits_with_their_word() {
        assert_eq!(split("address_line2"), vec!["address", "line2"]);
    }
}
