//! The options a flow offers one request: what the HTTP route and the CLI
//! answer. The mission types and persona types come from
//! `understudy-persona`; this adds the narrowing's errors and the warnings.

use serde::Serialize;

use understudy_flow::{Capabilities, Scope};
use understudy_persona::options::{NarrowError, Options, narrow, options};

use crate::request::{FieldCode, FieldError, Notice, OptionsRequest};

/// The 200 body of `POST /testing/personas/options`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionsResponse {
    #[serde(flatten)]
    pub options: Options,
    /// Ignored fields and what discovery noticed in the flow.
    pub warnings: Vec<Notice>,
}

/// Narrows the flow as the request asks and lists its options.
pub fn respond(
    capabilities: &Capabilities,
    request: &OptionsRequest,
) -> Result<OptionsResponse, FieldError> {
    let jobs = narrow(
        capabilities,
        request.agent_reference.as_deref(),
        request.job_node_id.as_deref(),
    )
    .map_err(refusal)?;
    let scope = Scope {
        capabilities,
        jobs: &jobs,
    };

    let mut warnings = request.notices.clone();
    warnings.extend(
        capabilities
            .warnings
            .iter()
            .map(|w| Notice::new(w.code.as_str(), w.message.clone())),
    );

    Ok(OptionsResponse {
        options: options(&scope, request.language),
        warnings,
    })
}

fn refusal(error: NarrowError) -> FieldError {
    let message = error.to_string();
    match error {
        NarrowError::UnknownAgent(_) => {
            FieldError::new("aiagentReferenceId", FieldCode::UnknownAgent, message)
        }
        NarrowError::JobWithoutAgent => {
            FieldError::new("jobNodeId", FieldCode::InvalidCombination, message)
        }
        NarrowError::UnknownJob { .. } => {
            FieldError::new("jobNodeId", FieldCode::UnknownJob, message)
        }
    }
}
