//! Notices: things a caller should know about a request that still succeeded.

use serde::Serialize;

/// One entry of `metadata.warnings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Notice {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Notice {
            code: code.into(),
            message: message.into(),
            field: None,
        }
    }

    /// A field the contract does not know, with the likely intended one.
    pub fn unknown_field(path: &str, known: &[&str]) -> Self {
        let key = path.rsplit('.').next().unwrap_or(path);
        let mut message = format!("`{path}` is not a known field and was ignored");
        if let Some(near) = nearest(key, known) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }

        Notice {
            code: "UNKNOWN_FIELD".to_owned(),
            message,
            field: Some(path.to_owned()),
        }
    }
}

/// The known name closest to `key`: same letters in another case, or at
/// most two edits away.
fn nearest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = key.to_lowercase();
    known
        .iter()
        .map(|k| (edits(&lower, &k.to_lowercase()), *k))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// Levenshtein distance; names are short, so the quadratic table is fine.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();

    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }

    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_field_a_misspelling_meant() {
        let notice = Notice::unknown_field("jobNodeID", &["jobNodeId", "flowReferenceId"]);

        assert_eq!(
            notice.message,
            "`jobNodeID` is not a known field and was ignored; did you mean `jobNodeId`?"
        );
        assert_eq!(notice.field.as_deref(), Some("jobNodeID"));
    }

    #[test]
    fn suggests_nothing_for_an_unrelated_field() {
        let notice = Notice::unknown_field("colour", &["jobNodeId"]);

        assert_eq!(
            notice.message,
            "`colour` is not a known field and was ignored"
        );
    }
}
