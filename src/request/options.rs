//! The body of `POST /testing/personas/options`, read and validated the
//! way a generate body is: every refusal names its field and a code, and
//! unknown fields are noted rather than dropped.

use serde_json::{Map, Value};

use understudy_persona::Language;

use super::reader::{Reader, kind_of};
use super::{FieldCode, FieldError, Invalid, MAX_REFERENCE, Notice, language};

const FIELDS: &[&str] = &["flowId", "aiagentReferenceId", "jobNodeId", "language"];

/// An options request that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionsRequest {
    /// The flow, by its `referenceId` or `_id`.
    pub flow_reference: String,
    /// Narrows to the jobs of one agent, by the agent's `referenceId`.
    pub agent_reference: Option<String>,
    /// Narrows further to one job of that agent.
    pub job_node_id: Option<String>,
    pub language: Language,
    /// Unknown fields, named back in `warnings`.
    pub notices: Vec<Notice>,
}

impl OptionsRequest {
    /// Reads a raw body; malformed JSON is refused with `INVALID_JSON`.
    pub fn from_slice(body: &[u8]) -> Result<Self, Invalid> {
        let value: Value = serde_json::from_slice(body).map_err(|err| {
            let message = format!("the body is not valid JSON: {err}");
            FieldError::new("body", FieldCode::InvalidJson, message)
        })?;

        Self::from_value(&value)
    }

    /// Validates a parsed body, collecting every field error.
    pub fn from_value(value: &Value) -> Result<Self, Invalid> {
        let Value::Object(body) = value else {
            let message = format!("the body must be a JSON object, not {}", kind_of(value));
            return Err(FieldError::new("body", FieldCode::InvalidType, message).into());
        };

        let mut reader = Reader::default();
        reader.note_unknown(body, "", FIELDS);
        let request = read(&mut reader, body);

        match request {
            Some(request) if reader.errors.is_empty() => Ok(OptionsRequest {
                notices: reader.notices,
                ..request
            }),
            _ => Err(Invalid(reader.errors)),
        }
    }
}

fn read(reader: &mut Reader, body: &Map<String, Value>) -> Option<OptionsRequest> {
    let flow_reference = reader.text(body, "flowId", "flowId", MAX_REFERENCE);
    let agent_reference = reader.optional_text(
        body,
        "aiagentReferenceId",
        "aiagentReferenceId",
        MAX_REFERENCE,
    );
    let job_node_id = reader.optional_text(body, "jobNodeId", "jobNodeId", MAX_REFERENCE);
    let language = language(reader, body);

    // A job is looked up among its agent's jobs, so it needs the agent.
    let agent_absent = matches!(body.get("aiagentReferenceId"), None | Some(Value::Null));
    if job_node_id.is_some() && agent_absent {
        reader.fail(
            "jobNodeId",
            FieldCode::InvalidCombination,
            "`jobNodeId` narrows within one agent; name that agent in `aiagentReferenceId` too",
        );
    }

    Some(OptionsRequest {
        flow_reference: flow_reference?,
        agent_reference,
        job_node_id,
        language: language?,
        notices: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn codes(body: Value) -> Vec<(String, &'static str)> {
        let invalid = OptionsRequest::from_value(&body).unwrap_err();
        invalid
            .0
            .iter()
            .map(|e| (e.field.clone(), e.code.as_str()))
            .collect()
    }

    #[test]
    fn reads_a_full_request() {
        let request = OptionsRequest::from_value(&json!({
            "flowId": " flow-1 ",
            "aiagentReferenceId": "agent-1",
            "jobNodeId": "job-1",
            "language": "de-DE",
        }))
        .unwrap();

        assert_eq!(request.flow_reference, "flow-1");
        assert_eq!(request.agent_reference.as_deref(), Some("agent-1"));
        assert_eq!(request.job_node_id.as_deref(), Some("job-1"));
        assert_eq!(request.language, Language::De);
        assert!(request.notices.is_empty());
    }

    #[test]
    fn refuses_a_job_without_its_agent() {
        assert_eq!(
            codes(json!({ "flowId": "f", "jobNodeId": "job-1" })),
            vec![("jobNodeId".to_owned(), "INVALID_COMBINATION")]
        );
    }

    #[test]
    fn names_every_wrong_field() {
        assert_eq!(
            codes(json!({ "aiagentReferenceId": 7, "language": "fr" })),
            vec![
                ("flowId".to_owned(), "REQUIRED"),
                ("aiagentReferenceId".to_owned(), "INVALID_TYPE"),
                ("language".to_owned(), "UNSUPPORTED_LANGUAGE"),
            ]
        );
    }

    #[test]
    fn notes_a_misspelt_field_and_goes_on() {
        let request =
            OptionsRequest::from_value(&json!({ "flowId": "f", "jobNodeID": "j" })).unwrap();

        assert_eq!(request.notices.len(), 1);
        assert_eq!(request.notices[0].field.as_deref(), Some("jobNodeID"));
        assert!(
            request.notices[0]
                .message
                .contains("did you mean `jobNodeId`?")
        );
    }
}
