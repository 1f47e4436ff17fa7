//! The body of `POST /testing/personas/generate`, read and validated.
//!
//! Validation walks the JSON by hand rather than deserialising it, so that
//! every refusal names the exact field path and a code, and so that fields
//! the contract does not know are reported instead of silently dropped.

mod error;
mod notice;
mod options;
mod reader;

use serde_json::{Map, Value};

use understudy_persona::{Language, MissionType, PersonaType, SuggestedCriterion};

pub use error::{FieldCode, FieldError, Invalid};
pub use notice::Notice;
pub use options::OptionsRequest;
use reader::{Reader, join, kind_of};

/// How large a request may be; the counts are configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most packages a request answered at once may ask for.
    pub max_packages: u64,
    /// Most packages a request answered by a background job may ask for.
    pub max_async_packages: u64,
    pub max_criteria: u64,
    /// Largest body any route reads, a zipped package export included.
    pub max_body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_packages: 100,
            max_async_packages: 10_000,
            max_criteria: 10,
            max_body_bytes: 32 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// The limits a background job's request is validated against: the
    /// larger package maximum, everything else the same.
    pub fn for_async(self) -> Limits {
        Limits {
            max_packages: self.max_async_packages,
            ..self
        }
    }
}

/// Longest identifier (project, flow, job) accepted.
pub const MAX_REFERENCE: usize = 200;
/// Longest name (mission type, persona type, criterion) accepted.
pub const MAX_NAME: usize = 200;
/// Longest description accepted.
pub const MAX_DESCRIPTION: usize = 2000;
/// Most suggested criteria a mission type may carry.
pub const MAX_SUGGESTED_CRITERIA: usize = 50;
/// Seeds stay below 2^53 so that every JSON client reads them exactly.
pub const MAX_SEED: u64 = (1 << 53) - 1;

const FIELDS: &[&str] = &[
    "projectReference",
    "flowReferenceId",
    "jobNodeId",
    "selectedMissionType",
    "selectedPersonaType",
    "numberOfSuccessCriteria",
    "requestedPackages",
    "seed",
    "language",
    "model",
];
const MISSION_FIELDS: &[&str] = &["name", "description", "successCriteria"];
const PERSONA_FIELDS: &[&str] = &["name", "description"];
const CRITERION_FIELDS: &[&str] = &["name", "description"];

/// A generate request that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateRequest {
    /// The project named in the body, if any (`projectReference`).
    pub project_reference: Option<String>,
    pub flow_reference: String,
    pub job_node_id: Option<String>,
    pub mission_type: MissionType,
    pub persona_type: PersonaType,
    pub criteria_per_package: usize,
    pub packages: usize,
    pub language: Language,
    pub seed: Option<u64>,
    /// The writer asked for by its model name; the server's default if absent.
    pub model: Option<String>,
    /// Unknown fields and other things worth saying back.
    pub notices: Vec<Notice>,
}

impl GenerateRequest {
    /// Reads a raw body; malformed JSON is refused with `INVALID_JSON`.
    pub fn from_slice(body: &[u8], limits: Limits) -> Result<Self, Invalid> {
        let value: Value = serde_json::from_slice(body).map_err(|err| {
            let message = format!("the body is not valid JSON: {err}");
            FieldError::new("body", FieldCode::InvalidJson, message)
        })?;

        Self::from_value(&value, limits)
    }

    /// Validates a parsed body, collecting every field error.
    pub fn from_value(value: &Value, limits: Limits) -> Result<Self, Invalid> {
        let Value::Object(body) = value else {
            let message = format!("the body must be a JSON object, not {}", kind_of(value));
            return Err(FieldError::new("body", FieldCode::InvalidType, message).into());
        };

        let mut reader = Reader::default();
        reader.note_unknown(body, "", FIELDS);
        let request = read(&mut reader, body, limits);

        match request {
            Some(request) if reader.errors.is_empty() => Ok(GenerateRequest {
                notices: reader.notices,
                ..request
            }),
            _ => Err(Invalid(reader.errors)),
        }
    }
}

fn read(reader: &mut Reader, body: &Map<String, Value>, limits: Limits) -> Option<GenerateRequest> {
    let project_reference =
        reader.optional_text(body, "projectReference", "projectReference", MAX_REFERENCE);
    let flow_reference = reader.text(body, "flowReferenceId", "flowReferenceId", MAX_REFERENCE);
    let job_node_id = reader.optional_text(body, "jobNodeId", "jobNodeId", MAX_REFERENCE);
    let mission_type = mission_type(reader, body);
    let persona_type = persona_type(reader, body);
    let criteria = reader.count(
        body,
        "numberOfSuccessCriteria",
        "numberOfSuccessCriteria",
        limits.max_criteria,
    );
    let packages = reader.count(
        body,
        "requestedPackages",
        "requestedPackages",
        limits.max_packages,
    );
    let seed = seed(reader, body);
    let language = language(reader, body);
    let model = reader.optional_text(body, "model", "model", MAX_REFERENCE);

    Some(GenerateRequest {
        project_reference,
        flow_reference: flow_reference?,
        job_node_id,
        mission_type: mission_type?,
        persona_type: persona_type?,
        criteria_per_package: criteria?,
        packages: packages?,
        language: language?,
        seed: seed?,
        model,
        notices: Vec::new(),
    })
}

fn mission_type(reader: &mut Reader, body: &Map<String, Value>) -> Option<MissionType> {
    let path = "selectedMissionType";
    let object = reader.object(body, path, path)?;
    reader.note_unknown(object, path, MISSION_FIELDS);

    let named = named(reader, object, path);
    let criteria = suggested_criteria(reader, object, &join(path, "successCriteria"));

    let (name, description) = named?;
    Some(MissionType {
        name,
        description,
        success_criteria: criteria?,
    })
}

fn suggested_criteria(
    reader: &mut Reader,
    mission: &Map<String, Value>,
    path: &str,
) -> Option<Vec<SuggestedCriterion>> {
    let items = match mission.get("successCriteria") {
        None | Some(Value::Null) => {
            reader.fail(path, FieldCode::Required, format!("`{path}` is required"));
            return None;
        }
        Some(Value::Array(items)) => items,
        Some(other) => {
            reader.wrong_type(path, "an array", other);
            return None;
        }
    };

    if items.len() > MAX_SUGGESTED_CRITERIA {
        let message = format!(
            "`{path}` has {} items; at most {MAX_SUGGESTED_CRITERIA} are allowed",
            items.len()
        );
        reader.fail(path, FieldCode::TooMany, message);
        return None;
    }

    let criteria: Vec<Option<SuggestedCriterion>> = items
        .iter()
        .enumerate()
        .map(|(index, item)| suggested_criterion(reader, item, &format!("{path}[{index}]")))
        .collect();
    criteria.into_iter().collect()
}

fn suggested_criterion(
    reader: &mut Reader,
    item: &Value,
    path: &str,
) -> Option<SuggestedCriterion> {
    let Value::Object(object) = item else {
        reader.wrong_type(path, "an object", item);
        return None;
    };
    reader.note_unknown(object, path, CRITERION_FIELDS);

    let (name, description) = named(reader, object, path)?;
    Some(SuggestedCriterion { name, description })
}

fn persona_type(reader: &mut Reader, body: &Map<String, Value>) -> Option<PersonaType> {
    let path = "selectedPersonaType";
    let object = reader.object(body, path, path)?;
    reader.note_unknown(object, path, PERSONA_FIELDS);

    let (name, description) = named(reader, object, path)?;
    Some(PersonaType { name, description })
}

/// The body with only the fields the request knows, for what is stored:
/// an ignored field (however large) is named in the warnings, not kept.
pub fn known_fields(body: &Value) -> Value {
    let mut known = retain(body, FIELDS);

    if let Some(mission) = known.get_mut("selectedMissionType") {
        *mission = retain(mission, MISSION_FIELDS);
        if let Some(Value::Array(criteria)) = mission.get_mut("successCriteria") {
            for criterion in criteria.iter_mut() {
                *criterion = retain(criterion, CRITERION_FIELDS);
            }
        }
    }
    if let Some(persona) = known.get_mut("selectedPersonaType") {
        *persona = retain(persona, PERSONA_FIELDS);
    }
    known
}

/// An object with only the `keys` given; anything else unchanged.
fn retain(value: &Value, keys: &[&str]) -> Value {
    match value {
        Value::Object(object) => Value::Object(
            object
                .iter()
                .filter(|(key, _)| keys.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Checks a project id wherever it comes from (query, path or body): not
/// blank, at most [`MAX_REFERENCE`] characters, no control characters.
pub fn project_id(project: &str, field: &str) -> Result<(), FieldError> {
    if project.trim().is_empty() {
        return Err(FieldError::new(
            field,
            FieldCode::Empty,
            format!("`{field}` must not be empty"),
        ));
    }

    let length = project.chars().count();
    if length > MAX_REFERENCE {
        let message =
            format!("`{field}` has {length} characters; at most {MAX_REFERENCE} are allowed");
        return Err(FieldError::new(field, FieldCode::TooLong, message));
    }

    if project.chars().any(char::is_control) {
        let message = format!("`{field}` must not hold control characters");
        return Err(FieldError::new(field, FieldCode::InvalidType, message));
    }
    Ok(())
}

/// The `name` and `description` every type and criterion carries.
fn named(reader: &mut Reader, object: &Map<String, Value>, path: &str) -> Option<(String, String)> {
    let name = reader.text(object, "name", &join(path, "name"), MAX_NAME);
    let description = reader.text(
        object,
        "description",
        &join(path, "description"),
        MAX_DESCRIPTION,
    );
    Some((name?, description?))
}

/// The `seed` extension: `Some(None)` when absent, `None` when invalid.
fn seed(reader: &mut Reader, body: &Map<String, Value>) -> Option<Option<u64>> {
    let value = match body.get("seed") {
        None | Some(Value::Null) => return Some(None),
        Some(value) => value,
    };
    let number = reader.whole_number(value, "seed")?;

    if !(0..=i128::from(MAX_SEED)).contains(&number) {
        let message = format!("`seed` is {value}; it must be between 0 and {MAX_SEED}");
        reader.fail("seed", FieldCode::OutOfRange, message);
        return None;
    }

    Some(u64::try_from(number).ok())
}

fn language(reader: &mut Reader, body: &Map<String, Value>) -> Option<Language> {
    let code = match body.get("language") {
        None | Some(Value::Null) => return Some(Language::default()),
        Some(Value::String(code)) => code,
        Some(other) => {
            reader.wrong_type("language", "a string", other);
            return None;
        }
    };

    let language = Language::from_code(code);
    if language.is_none() {
        let supported: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
        let message = format!(
            "`language` `{code}` is not supported; use one of {}",
            supported.join(", ")
        );
        reader.fail("language", FieldCode::UnsupportedLanguage, message);
    }
    language
}
