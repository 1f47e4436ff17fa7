//! The built-in catalogue of persona types, one JSON file per language.
//!
//! Every description uses the words the planner's trait rules react to
//! (see `plan::traits`), so choosing "Impatient" really yields personas of
//! low patience. Both files list the same types in the same order.

use std::sync::LazyLock;

use crate::spec::{Language, PersonaType};

static EN: LazyLock<Vec<PersonaType>> =
    LazyLock::new(|| parse(include_str!("persona-types.en.json"), "en"));
static DE: LazyLock<Vec<PersonaType>> =
    LazyLock::new(|| parse(include_str!("persona-types.de.json"), "de"));

/// Every persona type of the catalogue, in a language.
pub fn persona_types(language: Language) -> &'static [PersonaType] {
    match language {
        Language::En => &EN,
        Language::De => &DE,
    }
}

/// The catalogue ships inside the binary and is covered by tests, so a file
/// that does not parse is a build mistake, not a runtime condition.
fn parse(json: &str, code: &str) -> Vec<PersonaType> {
    serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("the `{code}` persona type catalogue is broken: {e}"))
}
