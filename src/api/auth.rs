//! Who is calling: an API key from `X-API-Key`, checked against the store.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use understudy_store::{KeyPrincipal, Role};

use super::AppState;
use super::problem::ApiError;

/// The header that carries an API key.
pub const API_KEY_HEADER: &str = "x-api-key";

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    pub key_id: String,
    pub project: String,
    pub role: Role,
}

impl Principal {
    /// Allows the call when the caller belongs to `project` with at least
    /// `role`; otherwise a 403 that says which of the two failed.
    pub fn authorize(&self, project: &str, role: Role) -> Result<(), ApiError> {
        if self.project != project {
            return Err(ApiError::Forbidden(format!(
                "these credentials are not valid for project `{project}`"
            )));
        }
        if self.role < role {
            return Err(ApiError::Forbidden(format!(
                "this action needs the {} role; these credentials have {}",
                role.as_str(),
                self.role.as_str()
            )));
        }
        Ok(())
    }
}

impl From<KeyPrincipal> for Principal {
    fn from(key: KeyPrincipal) -> Self {
        Principal {
            key_id: key.key_id,
            project: key.project,
            role: key.role,
        }
    }
}

impl FromRequestParts<AppState> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(API_KEY_HEADER) else {
            return Err(missing_credentials(parts));
        };
        let secret = value
            .to_str()
            .map_err(|_| ApiError::Unauthorized("the API key is not valid".to_owned()))?;

        let key = state
            .store
            .authenticate_key(secret.trim())
            .await
            .map_err(|err| ApiError::Internal(err.to_string()))?
            .ok_or_else(|| ApiError::Unauthorized("the API key is not valid".to_owned()))?;

        tracing::Span::current().record("key", key.key_id.as_str());
        Ok(key.into())
    }
}

fn missing_credentials(parts: &Parts) -> ApiError {
    if parts
        .headers
        .contains_key(axum::http::header::AUTHORIZATION)
    {
        return ApiError::Unauthorized(
            "bearer tokens are not accepted by this server; send an API key in X-API-Key"
                .to_owned(),
        );
    }
    ApiError::Unauthorized("credentials are missing; send an API key in X-API-Key".to_owned())
}
