//! Filling `{placeholder}` templates and shaping the result.

use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// One of the alternatives of a slot (empty when there are none).
pub fn pick<'b>(templates: &'b [String], rng: &mut ChaCha8Rng) -> &'b str {
    templates.choose(rng).map_or("", String::as_str)
}

/// Replaces every `{key}` of `slots` in `template`.
pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (key, value) in slots {
        text = text.replace(&format!("{{{key}}}"), value);
    }
    tidy(&text)
}

/// Collapses doubled spaces and spaces before punctuation left by empty
/// slots.
pub fn tidy(text: &str) -> String {
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (from, to) in [
        (" ,", ","),
        (" .", "."),
        (" ;", ";"),
        (",,", ","),
        (" :", ":"),
    ] {
        text = text.replace(from, to);
    }
    text
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every word capitalised ("order status" -> "Order Status").
pub fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(capitalise)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of an identifier: `get_orderStatus-v2` -> `get order status v2`.
pub fn identifier_words(id: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in id.chars() {
        let boundary = !c.is_alphanumeric() || (c.is_uppercase() && previous_lower);
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current).to_lowercase());
        }
        if c.is_alphanumeric() {
            current.push(c);
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    if !current.is_empty() {
        words.push(current.to_lowercase());
    }
    words
}

/// A user-supplied name as it may sit inside a sentence: its first clause
/// only (a description pasted into a name field must not add sentences or
/// lines), cut to `max` characters.
pub fn inline_name(text: &str, max: usize) -> String {
    let first_line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let mut end = first_line.len();
    for (index, mark) in first_line.char_indices() {
        let next = first_line[index + mark.len_utf8()..].chars().next();
        let ends_clause = matches!(mark, '.' | '!' | '?' | ';' | ':' | '…')
            && next.is_none_or(char::is_whitespace);
        if ends_clause {
            end = index;
            break;
        }
    }
    clamp(&first_line[..end], max)
}

/// Cuts a user-supplied text to at most `max` characters at a word
/// boundary, without a trailing sentence mark, so it can sit inside a
/// sentence.
pub fn clamp(text: &str, max: usize) -> String {
    let text = tidy(text.trim());
    let text = text.trim_end_matches(['.', '!', '?', ':', ';', ',']);
    if text.chars().count() <= max {
        return text.to_owned();
    }

    let mut cut = String::new();
    for word in text.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        text.chars().take(max).collect()
    } else {
        cut.trim_end_matches(['.', '!', '?', ':', ';', ','])
            .to_owned()
    }
}

/// `a`, `a and b`, `a, b and c` with the language's word for "and".
pub fn join_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_slots_and_tidies_empty_ones() {
        let text = fill(
            "Ask {who} to help {extra}, today.",
            &[("who", "Ana"), ("extra", "")],
        );
        assert_eq!(text, "Ask Ana to help, today.");
    }

    #[test]
    fn splits_identifiers_into_words() {
        assert_eq!(
            identifier_words("get_orderStatus-v2"),
            vec!["get", "order", "status", "v2"]
        );
        assert_eq!(
            identifier_words("unlock_account"),
            vec!["unlock", "account"]
        );
    }

    #[test]
    fn clamps_at_a_word_boundary_without_a_full_stop() {
        assert_eq!(
            clamp("Banking assistant for cards.", 100),
            "Banking assistant for cards"
        );
        assert_eq!(clamp("one two three four", 9), "one two");
    }

    #[test]
    fn joins_lists_with_the_word_for_and() {
        let items = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(join_list(&items, "und"), "a, b und c");
    }
}

#[cfg(test)]
mod inline_name_tests {
    use super::inline_name;

    /// A description pasted into a name field keeps only its first clause.
    #[test]
    fn keeps_only_the_first_clause_of_a_name() {
        assert_eq!(
            inline_name(
                "Home textiles and kitchenware. Friendly, upbeat and quick.",
                48
            ),
            "Home textiles and kitchenware"
        );
        assert_eq!(inline_name("Ava\nThe bank's assistant.", 48), "Ava");
        assert_eq!(inline_name("Dr. No", 48), "Dr");
        assert_eq!(inline_name("v2.5 Assistant", 48), "v2.5 Assistant");
    }
}
