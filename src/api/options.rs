//! `POST /testing/personas/options`: the mission types and persona types a
//! stored flow offers, to be sent back unchanged to generate.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use understudy_store::Role;

use super::AppState;
use super::auth::Principal;
use super::body::{BodyKind, RawBody};
use super::extract::Query;
use super::problem::ApiError;
use crate::flows;
use crate::options::{OptionsResponse, respond};
use crate::request::{FieldCode, FieldError, OptionsRequest};

/// The query string: the project is named here and only here.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionsQuery {
    pub project_id: Option<String>,
}

/// Validates, resolves the flow, narrows it and lists its options. Reading
/// only, so a viewer may ask.
pub async fn options(
    State(state): State<AppState>,
    principal: Principal,
    Query(query): Query<OptionsQuery>,
    body: RawBody,
) -> Result<Json<OptionsResponse>, ApiError> {
    if body.kind != BodyKind::Json {
        return Err(ApiError::UnsupportedMediaType(
            "send the request as application/json".to_owned(),
        ));
    }

    let request = OptionsRequest::from_slice(&body.bytes)?;
    let project = project(query.project_id)?;
    tracing::Span::current().record("project", project.as_str());
    principal.authorize(&project, Role::Viewer)?;

    let (_, capabilities) = flows::load(&state.store, &project, &request.flow_reference)
        .await
        .map_err(|err| ApiError::Internal(err.to_string()))?
        .ok_or_else(|| unknown_flow(&project, &request.flow_reference))?;

    let response = respond(&capabilities, &request)?;
    tracing::info!(
        flow = %request.flow_reference,
        mission_types = response.options.mission_types.len(),
        persona_types = response.options.persona_types.len(),
        "options listed"
    );
    Ok(Json(response))
}

fn project(query: Option<String>) -> Result<String, ApiError> {
    query
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .ok_or_else(|| {
            FieldError::new(
                "projectId",
                FieldCode::ProjectRequired,
                "name the project in the `projectId` query",
            )
            .into()
        })
}

fn unknown_flow(project: &str, reference: &str) -> ApiError {
    FieldError::new(
        "flowId",
        FieldCode::FlowNotFound,
        format!("project `{project}` has no flow `{reference}`; import it first"),
    )
    .into()
}
