//! JSON Web Tokens as credentials, beside API keys.
//!
//! A token names the projects it may act on and a role, in two claims:
//! `projects` (an array of project ids, or `"*"` for every project) and
//! `role` (`viewer`, `editor` or `admin`); `sub` names the caller in logs.
//! HS256 tokens are checked with a shared secret; RS256 and ES256 tokens
//! with a public key (PEM) or a local JWKS file. `exp` is required, and
//! `exp` and `nbf` are checked with a small leeway; `iss` and `aud` are
//! checked when configured.

use std::path::PathBuf;

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde::Deserialize;

use understudy_store::Role;

/// Where the keys come from and what else a token must say.
#[derive(Debug, Clone, Default)]
pub struct JwtConfig {
    /// Shared secret for HS256.
    pub hs256_secret: Option<String>,
    /// A PEM public key (RSA for RS256, P-256 for ES256).
    pub public_key: Option<PathBuf>,
    /// A local JWKS file whose RSA and P-256 keys are accepted.
    pub jwks: Option<PathBuf>,
    pub issuer: Option<String>,
    pub audience: Option<String>,
    /// Seconds of clock skew allowed on `exp` and `nbf`.
    pub leeway_secs: u64,
}

/// Why a JWT configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum JwtConfigError {
    #[error("cannot read `{path}`: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{path}` holds no RSA or P-256 public key in PEM form")]
    PublicKey { path: PathBuf },
    #[error("`{path}` is not a JWKS document: {detail}")]
    Jwks { path: PathBuf, detail: String },
    #[error("the HS256 secret must be at least 32 bytes")]
    WeakSecret,
}

/// Why a token was refused; every variant is a 401.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the token is malformed")]
    Malformed,
    #[error("the token's algorithm is not accepted by this server")]
    Algorithm,
    #[error("the token is not valid: {0}")]
    Invalid(String),
    #[error("the token's `role` claim is missing or unknown")]
    Role,
}

/// What a valid token grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenGrant {
    pub subject: String,
    /// `None` means every project.
    pub projects: Option<Vec<String>>,
    pub role: Role,
}

/// Checks tokens against the configured keys.
pub struct JwtVerifier {
    keys: Vec<VerifyingKey>,
    config: JwtConfig,
}

struct VerifyingKey {
    kid: Option<String>,
    algorithm: Algorithm,
    key: DecodingKey,
}

#[derive(Debug, Deserialize)]
struct Claims {
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    projects: Option<ProjectsClaim>,
    #[serde(default)]
    role: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ProjectsClaim {
    One(String),
    Many(Vec<String>),
}

impl JwtVerifier {
    /// Loads the keys; `None` when no key of any kind is configured.
    pub fn load(config: JwtConfig) -> Result<Option<Self>, JwtConfigError> {
        let mut keys = Vec::new();

        if let Some(secret) = &config.hs256_secret {
            if secret.len() < 32 {
                return Err(JwtConfigError::WeakSecret);
            }
            let key = DecodingKey::from_secret(secret.as_bytes())
                .map_err(|_| JwtConfigError::WeakSecret)?;
            keys.push(VerifyingKey {
                kid: None,
                algorithm: Algorithm::HS256,
                key,
            });
        }
        if let Some(path) = &config.public_key {
            keys.push(pem_key(path)?);
        }
        if let Some(path) = &config.jwks {
            keys.extend(jwks_keys(path)?);
        }

        if keys.is_empty() {
            return Ok(None);
        }
        Ok(Some(JwtVerifier { keys, config }))
    }

    /// Verifies a token and reads what it grants.
    pub fn verify(&self, token: &str) -> Result<TokenGrant, TokenError> {
        let header = decode_header(token).map_err(|_| TokenError::Malformed)?;
        let key = self.key_for(header.alg, header.kid.as_deref())?;

        let claims = decode::<Claims>(token, &key.key, &self.validation(key.algorithm))
            .map_err(|err| TokenError::Invalid(err.to_string()))?
            .claims;

        let role = claims
            .role
            .as_deref()
            .and_then(|r| r.parse::<Role>().ok())
            .ok_or(TokenError::Role)?;
        let projects = match claims.projects {
            Some(ProjectsClaim::One(p)) if p == "*" => None,
            Some(ProjectsClaim::One(p)) => Some(vec![p]),
            Some(ProjectsClaim::Many(list)) if list.iter().any(|p| p == "*") => None,
            Some(ProjectsClaim::Many(list)) => Some(list),
            None => Some(Vec::new()),
        };

        Ok(TokenGrant {
            subject: claims.sub.unwrap_or_default(),
            projects,
            role,
        })
    }

    /// The key that must have signed a token of this algorithm and kid.
    fn key_for(
        &self,
        algorithm: Algorithm,
        kid: Option<&str>,
    ) -> Result<&VerifyingKey, TokenError> {
        let mut candidates = self.keys.iter().filter(|k| k.algorithm == algorithm);
        match kid {
            Some(kid) => self
                .keys
                .iter()
                .find(|k| k.algorithm == algorithm && k.kid.as_deref() == Some(kid))
                .or_else(|| candidates.find(|k| k.kid.is_none())),
            None => candidates.next(),
        }
        .ok_or(TokenError::Algorithm)
    }

    fn validation(&self, algorithm: Algorithm) -> Validation {
        let mut validation = Validation::new(algorithm);
        validation.leeway = self.config.leeway_secs;
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp"]);
        match &self.config.audience {
            Some(audience) => validation.set_audience(&[audience]),
            None => validation.validate_aud = false,
        }
        if let Some(issuer) = &self.config.issuer {
            validation.set_issuer(&[issuer]);
        }
        validation
    }
}

fn read(path: &PathBuf) -> Result<Vec<u8>, JwtConfigError> {
    std::fs::read(path).map_err(|source| JwtConfigError::Read {
        path: path.clone(),
        source,
    })
}

/// An RSA key verifies RS256; a P-256 key verifies ES256.
fn pem_key(path: &PathBuf) -> Result<VerifyingKey, JwtConfigError> {
    let pem = read(path)?;

    if let Ok(key) = DecodingKey::from_ec_pem(&pem) {
        return Ok(VerifyingKey {
            kid: None,
            algorithm: Algorithm::ES256,
            key,
        });
    }
    if let Ok(key) = DecodingKey::from_rsa_pem(&pem) {
        return Ok(VerifyingKey {
            kid: None,
            algorithm: Algorithm::RS256,
            key,
        });
    }
    Err(JwtConfigError::PublicKey { path: path.clone() })
}

/// The RSA and P-256 keys of a JWKS file; others are passed over.
fn jwks_keys(path: &PathBuf) -> Result<Vec<VerifyingKey>, JwtConfigError> {
    let failure = |detail: String| JwtConfigError::Jwks {
        path: path.clone(),
        detail,
    };
    let set: JwkSet = serde_json::from_slice(&read(path)?).map_err(|e| failure(e.to_string()))?;

    let mut keys = Vec::new();
    for jwk in &set.keys {
        let algorithm = match &jwk.algorithm {
            AlgorithmParameters::RSA(_) => Algorithm::RS256,
            AlgorithmParameters::EllipticCurve(ec) if ec.curve == EllipticCurve::P256 => {
                Algorithm::ES256
            }
            _ => continue,
        };
        let key = DecodingKey::from_jwk(jwk).map_err(|e| failure(e.to_string()))?;
        keys.push(VerifyingKey {
            kid: jwk.common.key_id.clone(),
            algorithm,
            key,
        });
    }

    if keys.is_empty() {
        return Err(failure("it holds no RSA or P-256 key".to_owned()));
    }
    Ok(keys)
}
