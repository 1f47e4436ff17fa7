//! One generation, from a validated request and a flow to the response body.
//!
//! Shared by the HTTP route and the CLI, so both print the same body.

use std::time::Instant;

use chrono::{SecondsFormat, Utc};
use serde::Serialize;
use uuid::Uuid;

use understudy_flow::{Capabilities, Scope, Warning};
use understudy_persona::pipeline::{GenerateOptions, Timings, generate_with};
use understudy_persona::writer::WriterUsage;
use understudy_persona::{GenerateError, GenerationSpec, PersonaPackage, Writer};

use crate::request::{FieldCode, FieldError, GenerateRequest, MAX_SEED, Notice};

/// The 200 body of `POST /testing/personas/generate`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateResponse {
    pub success: bool,
    pub persona_packages: Vec<PersonaPackage>,
    pub metadata: Metadata,
}

/// What the contract calls metadata, plus our documented extensions.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    pub request_id: Uuid,
    pub processed_at: String,
    pub model: String,
    /// Extension: the seed that reproduces this response.
    pub seed: u64,
    /// Extension: the language the text is written in.
    pub language: String,
    /// Extension: the flow and job the packages were planned for.
    pub flow_reference_id: String,
    /// Extension: things worth knowing about an otherwise good answer.
    pub warnings: Vec<Notice>,
    /// Extension: what the model spent, when a model wrote the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<UsageReport>,
    /// Extension: where the time went, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timings: Option<TimingsReport>,
}

/// Tokens and calls a model writer spent on one generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageReport {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub calls: u64,
    /// Calls that asked again for packages that failed their checks.
    pub repairs: u64,
}

/// The phases of one generation, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimingsReport {
    pub plan_ms: u64,
    pub write_ms: u64,
    pub check_ms: u64,
    pub repair_ms: u64,
}

impl From<WriterUsage> for UsageReport {
    fn from(usage: WriterUsage) -> Self {
        UsageReport {
            prompt_tokens: usage.prompt_tokens as u64,
            completion_tokens: usage.completion_tokens as u64,
            calls: usage.calls as u64,
            repairs: usage.repairs as u64,
        }
    }
}

impl From<Timings> for TimingsReport {
    fn from(timings: Timings) -> Self {
        TimingsReport {
            plan_ms: timings.plan_ms,
            write_ms: timings.write_ms,
            check_ms: timings.check_ms,
            repair_ms: timings.repair_ms,
        }
    }
}

/// Why a request that passed validation still got no packages.
#[derive(Debug, thiserror::Error)]
pub enum GenerationFailure {
    #[error("{}", .0.message)]
    Field(FieldError),
    #[error(transparent)]
    Generate(#[from] GenerateError),
}

/// Plans, writes and checks the packages a request asks for.
pub async fn respond(
    capabilities: &Capabilities,
    request: &GenerateRequest,
    writer: &dyn Writer,
    request_id: Uuid,
    deadline: Option<Instant>,
) -> Result<GenerateResponse, GenerationFailure> {
    let scope = scope(capabilities, request).map_err(GenerationFailure::Field)?;

    let spec = spec(request, draw_seed(request));
    let options = GenerateOptions {
        deadline,
        ..GenerateOptions::default()
    };
    let generation = generate_with(&scope, &spec, writer, options).await?;

    let warnings = generation
        .warnings
        .iter()
        .map(|w| Notice::new(w.code, w.message.clone()))
        .collect();
    Ok(assemble(
        capabilities,
        request,
        &spec,
        Assembled {
            request_id,
            model: generation.model,
            packages: generation.packages,
            warnings,
            usage: generation.usage.map(UsageReport::from),
            timings: Some(generation.timings.into()),
        },
    ))
}

/// The part of the flow a request narrows the work to.
pub fn scope<'c>(
    capabilities: &'c Capabilities,
    request: &GenerateRequest,
) -> Result<Scope<'c>, FieldError> {
    capabilities
        .scope(request.job_node_id.as_deref())
        .map_err(|err| FieldError::new("jobNodeId", FieldCode::UnknownJob, err.to_string()))
}

/// The request's seed, or a fresh one when it gave none.
pub fn draw_seed(request: &GenerateRequest) -> u64 {
    request
        .seed
        .unwrap_or_else(|| rand::random_range(0..=MAX_SEED))
}

/// The generation spec of a request, planned from `seed`.
pub fn spec(request: &GenerateRequest, seed: u64) -> GenerationSpec {
    GenerationSpec {
        mission_type: request.mission_type.clone(),
        persona_type: request.persona_type.clone(),
        packages: request.packages,
        criteria_per_package: request.criteria_per_package,
        language: request.language,
        seed,
    }
}

/// What a generation produced, however it was written.
#[derive(Debug, Clone)]
pub struct Assembled {
    pub request_id: Uuid,
    pub model: String,
    pub packages: Vec<PersonaPackage>,
    /// What the generation itself noticed, beside the request's and the
    /// flow's own warnings.
    pub warnings: Vec<Notice>,
    pub usage: Option<UsageReport>,
    pub timings: Option<TimingsReport>,
}

/// The response body for packages written for `request`: the same body
/// whether they were written at once, streamed or written by a job.
pub fn assemble(
    capabilities: &Capabilities,
    request: &GenerateRequest,
    spec: &GenerationSpec,
    assembled: Assembled,
) -> GenerateResponse {
    let mut warnings = request.notices.clone();
    warnings.extend(capabilities.warnings.iter().map(flow_notice));
    warnings.extend(assembled.warnings);

    GenerateResponse {
        success: true,
        persona_packages: assembled.packages,
        metadata: Metadata {
            request_id: assembled.request_id,
            processed_at: Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
            model: assembled.model,
            seed: spec.seed,
            language: spec.language.code().to_owned(),
            flow_reference_id: capabilities.flow_reference_id.clone(),
            warnings,
            usage: assembled.usage,
            timings: assembled.timings,
        },
    }
}

fn flow_notice(warning: &Warning) -> Notice {
    Notice::new(warning.code.as_str(), warning.message.clone())
}
