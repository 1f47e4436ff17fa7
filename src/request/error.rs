//! Field-level validation errors, as the contract's 400 body names them.

use serde::Serialize;

/// Why a field was refused; serialised as the contract's `code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FieldCode {
    InvalidJson,
    InvalidType,
    Required,
    OutOfRange,
    Empty,
    TooLong,
    TooMany,
    ProjectRequired,
    ProjectMismatch,
    FlowNotFound,
    UnknownJob,
    UnknownAgent,
    InvalidCombination,
    UnsupportedLanguage,
    ModelNotAvailable,
    InvalidFlow,
}

impl FieldCode {
    /// The code as serialised, such as `OUT_OF_RANGE`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldCode::InvalidJson => "INVALID_JSON",
            FieldCode::InvalidType => "INVALID_TYPE",
            FieldCode::Required => "REQUIRED",
            FieldCode::OutOfRange => "OUT_OF_RANGE",
            FieldCode::Empty => "EMPTY",
            FieldCode::TooLong => "TOO_LONG",
            FieldCode::TooMany => "TOO_MANY",
            FieldCode::ProjectRequired => "PROJECT_REQUIRED",
            FieldCode::ProjectMismatch => "PROJECT_MISMATCH",
            FieldCode::FlowNotFound => "FLOW_NOT_FOUND",
            FieldCode::UnknownJob => "UNKNOWN_JOB",
            FieldCode::UnknownAgent => "UNKNOWN_AGENT",
            FieldCode::InvalidCombination => "INVALID_COMBINATION",
            FieldCode::UnsupportedLanguage => "UNSUPPORTED_LANGUAGE",
            FieldCode::ModelNotAvailable => "MODEL_NOT_AVAILABLE",
            FieldCode::InvalidFlow => "INVALID_FLOW",
        }
    }
}

/// One refused field: where (`selectedMissionType.successCriteria[1].name`),
/// why, and a sentence a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: FieldCode,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: FieldCode, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

/// Every field a request got wrong, in document order; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    /// The first error, which the contract's single `field` reports.
    pub fn first(&self) -> &FieldError {
        &self.0[0]
    }
}

impl From<FieldError> for Invalid {
    fn from(error: FieldError) -> Self {
        Invalid(vec![error])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_code_as_it_serialises() {
        let codes = [
            FieldCode::InvalidJson,
            FieldCode::InvalidType,
            FieldCode::Required,
            FieldCode::OutOfRange,
            FieldCode::Empty,
            FieldCode::TooLong,
            FieldCode::TooMany,
            FieldCode::ProjectRequired,
            FieldCode::ProjectMismatch,
            FieldCode::FlowNotFound,
            FieldCode::UnknownJob,
            FieldCode::UnknownAgent,
            FieldCode::InvalidCombination,
            FieldCode::UnsupportedLanguage,
            FieldCode::ModelNotAvailable,
            FieldCode::InvalidFlow,
        ];
        for code in codes {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
