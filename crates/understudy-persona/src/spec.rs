//! What a generation is asked for, already validated.

use serde::{Deserialize, Serialize};

/// A validated request for persona packages.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerationSpec {
    pub mission_type: MissionType,
    pub persona_type: PersonaType,
    /// How many packages to write (at least 1).
    pub packages: usize,
    /// How many criteria each package carries (at least 1).
    pub criteria_per_package: usize,
    pub language: Language,
    /// Every random choice flows from this seed.
    pub seed: u64,
}

/// The kind of goal the personas pursue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MissionType {
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub success_criteria: Vec<SuggestedCriterion>,
}

/// A criterion the mission type suggests: its name is kept, its
/// description becomes the criterion's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestedCriterion {
    pub name: String,
    pub description: String,
}

/// The kind of user the personas are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonaType {
    pub name: String,
    pub description: String,
}

/// The language every text field is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    De,
}

impl Language {
    /// Every supported language, by its code.
    pub const ALL: [Language; 2] = [Language::En, Language::De];

    /// The BCP 47 code (`en`, `de`).
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
        }
    }

    /// Parses a code such as `de` or `de-DE`; the region is ignored.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }
}
