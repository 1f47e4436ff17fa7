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
    UnsupportedLanguage,
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
