//! Who is calling: an API key (`X-API-Key`) or a JWT (`Authorization: Bearer`).

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use understudy_store::{KeyPrincipal, Role};

use super::AppState;
use super::problem::ApiError;
use crate::jwt::TokenGrant;

/// The header that carries an API key.
pub const API_KEY_HEADER: &str = "x-api-key";

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    /// `key:<id>` or `jwt:<sub>`: who, for logs and records; never a secret.
    pub subject: String,
    /// The projects it may act on; `None` means every project.
    pub projects: Option<Vec<String>>,
    pub role: Role,
}

impl Principal {
    /// Allows the call when the caller may act on `project` with at least
    /// `role`; otherwise a 403 that says which of the two failed.
    /// The project id is checked first, so a malformed one is a 400 on
    /// every route, never a 403 that echoes it.
    pub fn authorize(&self, project: &str, role: Role) -> Result<(), ApiError> {
        crate::request::project_id(project, "projectId")?;

        let allowed = match &self.projects {
            None => true,
            Some(projects) => projects.iter().any(|p| p == project),
        };
        if !allowed {
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
            subject: format!("key:{}", key.key_id),
            projects: Some(vec![key.project]),
            role: key.role,
        }
    }
}

impl From<TokenGrant> for Principal {
    fn from(grant: TokenGrant) -> Self {
        Principal {
            subject: format!("jwt:{}", grant.subject),
            projects: grant.projects,
            role: grant.role,
        }
    }
}

impl FromRequestParts<AppState> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let principal = if let Some(value) = parts.headers.get(API_KEY_HEADER) {
            let secret = value.to_str().map_err(|_| invalid_key())?;
            by_key(state, secret.trim()).await?
        } else if let Some(value) = parts.headers.get(AUTHORIZATION) {
            let token = bearer_token(value.to_str().unwrap_or_default())?;
            by_token(state, token)?
        } else {
            return Err(ApiError::Unauthorized(
                "credentials are missing; send an API key in X-API-Key or a bearer token"
                    .to_owned(),
            ));
        };

        tracing::Span::current().record("principal", principal.subject.as_str());
        Ok(principal)
    }
}

async fn by_key(state: &AppState, secret: &str) -> Result<Principal, ApiError> {
    let key = state
        .store
        .authenticate_key(secret)
        .await
        .map_err(|err| ApiError::Internal(err.to_string()))?
        .ok_or_else(invalid_key)?;
    Ok(key.into())
}

fn by_token(state: &AppState, token: &str) -> Result<Principal, ApiError> {
    let Some(verifier) = &state.jwt else {
        return Err(ApiError::Unauthorized(
            "bearer tokens are not accepted: this server has no JWT key configured".to_owned(),
        ));
    };

    let grant = verifier.verify(token).map_err(|err| {
        tracing::debug!(reason = %err, "token refused");
        ApiError::Unauthorized(format!("{err}"))
    })?;
    Ok(grant.into())
}

/// The token of an `Authorization: Bearer <token>` header.
fn bearer_token(header: &str) -> Result<&str, ApiError> {
    let (scheme, token) = header.trim().split_once(' ').unwrap_or((header, ""));
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::Unauthorized(
            "the Authorization header must be `Bearer <token>`".to_owned(),
        ));
    }
    Ok(token.trim())
}

fn invalid_key() -> ApiError {
    ApiError::Unauthorized("the API key is not valid".to_owned())
}
