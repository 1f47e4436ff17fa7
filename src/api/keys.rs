//! `/testing/projects/{projectId}/keys`: admins create, list and revoke
//! a project's API keys. Every instance reads keys from the database on
//! each request, so a revoked key is refused everywhere at once.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use serde_json::Value;

use understudy_store::{KeySummary, Role};

use super::AppState;
use super::auth::Principal;
use super::body::{BodyKind, RawBody};
use super::extract::Path;
use super::problem::ApiError;
use crate::request::{FieldCode, FieldError};

/// A key just created: the only answer that ever holds its secret.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Created {
    id: String,
    project_id: String,
    role: Role,
    secret: String,
}

/// A key as listed, without its secret.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Listed {
    id: String,
    project_id: String,
    role: Role,
    created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    revoked_at: Option<String>,
}

/// `POST`: a new key with the role the body names (`{"role": "editor"}`).
pub async fn create(
    State(state): State<AppState>,
    principal: Principal,
    Path(project): Path<String>,
    body: RawBody,
) -> Result<(StatusCode, Json<impl Serialize>), ApiError> {
    principal.authorize(&project, Role::Admin)?;
    let role = role(&body)?;

    let key = state
        .store
        .create_key(&project, role)
        .await
        .map_err(internal)?;

    let created = Created {
        id: key.id,
        project_id: project,
        role,
        secret: key.secret,
    };
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET`: every key of the project, revoked ones included, oldest first.
pub async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Path(project): Path<String>,
) -> Result<Json<Value>, ApiError> {
    principal.authorize(&project, Role::Admin)?;

    let keys = state.store.list_keys(&project).await.map_err(internal)?;
    let keys: Vec<Listed> = keys.into_iter().map(listed).collect();
    Ok(Json(serde_json::json!({ "keys": keys })))
}

/// `DELETE /{keyId}`: revokes a live key; 204, or 404 when the project
/// has no such live key.
pub async fn revoke(
    State(state): State<AppState>,
    principal: Principal,
    Path((project, key_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    principal.authorize(&project, Role::Admin)?;

    let revoked = state
        .store
        .revoke_key(&project, &key_id)
        .await
        .map_err(internal)?;
    if !revoked {
        return Err(ApiError::NotFound(format!(
            "project `{project}` has no live key `{key_id}`"
        )));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The `role` of a create body.
fn role(body: &RawBody) -> Result<Role, ApiError> {
    if body.kind != BodyKind::Json {
        return Err(ApiError::UnsupportedMediaType(
            "send the key as application/json".to_owned(),
        ));
    }
    let value: Value = serde_json::from_slice(&body.bytes).map_err(|err| {
        FieldError::new(
            "body",
            FieldCode::InvalidJson,
            format!("the body is not valid JSON: {err}"),
        )
    })?;

    match value.get("role") {
        None | Some(Value::Null) => {
            Err(FieldError::new("role", FieldCode::Required, "`role` is required").into())
        }
        Some(Value::String(name)) => name.parse().map_err(|_| {
            FieldError::new(
                "role",
                FieldCode::InvalidType,
                format!("`role` `{name}` is not one of viewer, editor, admin"),
            )
            .into()
        }),
        Some(_) => Err(FieldError::new(
            "role",
            FieldCode::InvalidType,
            "`role` must be a string: viewer, editor or admin",
        )
        .into()),
    }
}

fn listed(key: KeySummary) -> Listed {
    let time =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    Listed {
        id: key.id,
        project_id: key.project,
        role: key.role,
        created_at: time(key.created_at),
        revoked_at: key.revoked_at.map(time),
    }
}

fn internal(err: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(err.to_string())
}
