//! What can go wrong in a provider call, told so that a person knows what
//! to fix. No variant ever holds the API key: provider messages are
//! scrubbed of it before they land here.

use std::time::Duration;

/// A provider call that produced no reply.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// Connection refused or reset, or every attempt timed out.
    #[error("the provider could not be reached after {attempts} attempt(s): {detail}")]
    Unreachable { attempts: u32, detail: String },

    /// Still answering 429 when the retries ran out.
    #[error("the provider is still rate limiting after {attempts} attempt(s)")]
    RateLimited {
        attempts: u32,
        retry_after: Option<Duration>,
    },

    /// Still answering 5xx when the retries ran out.
    #[error("the provider answered {status} (server error) after {attempts} attempt(s)")]
    ServerError { status: u16, attempts: u32 },

    /// A 4xx other than 429: retrying cannot help, the request or the
    /// configuration must change.
    #[error("the provider rejected the request ({status}): {hint}; it said: {message}", hint = .reason.hint())]
    Rejected {
        status: u16,
        reason: Rejection,
        message: String,
    },

    /// The call's deadline came before a reply; `last` says what the
    /// attempts met before it.
    #[error("the deadline passed after {attempts} attempt(s); last: {last}")]
    Deadline { attempts: u32, last: String },

    /// The provider answered 2xx with a body this crate cannot read.
    #[error("the provider's response could not be read: {0}")]
    InvalidResponse(String),

    /// A Chat Completions response with an empty `choices` list.
    #[error("the provider's response held no choices")]
    NoChoices,
}

/// Why a provider refused a request, by status, so the error can name the
/// likely fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// 400 or 422: the body did not suit this model or server.
    BadRequest,
    /// 401: the key is missing, wrong or revoked.
    BadKey,
    /// 403: the key is valid but may not use this model or endpoint.
    Forbidden,
    /// 404: an unknown model or deployment, or a wrong base URL.
    NotFound,
    /// 413: the prompt is too large for the server.
    TooLarge,
    /// Any other 4xx.
    Other,
}

impl Rejection {
    pub fn from_status(status: u16) -> Self {
        match status {
            400 | 422 => Self::BadRequest,
            401 => Self::BadKey,
            403 => Self::Forbidden,
            404 => Self::NotFound,
            413 => Self::TooLarge,
            _ => Self::Other,
        }
    }

    /// What a person should check, naming the setting involved.
    pub fn hint(self) -> &'static str {
        match self {
            Self::BadRequest => {
                "the model or server does not accept this request; check that the model \
                 supports the output mode (UNDERSTUDY_LLM_OUTPUT) and the token limit"
            }
            Self::BadKey => {
                "the API key is missing, wrong or revoked; check UNDERSTUDY_LLM_API_KEY"
            }
            Self::Forbidden => "the API key may not use this model or endpoint",
            Self::NotFound => {
                "unknown model or deployment, or a wrong base URL; check UNDERSTUDY_LLM_MODEL \
                 and UNDERSTUDY_LLM_BASE_URL"
            }
            Self::TooLarge => "the request is too large for the provider",
            Self::Other => "the provider refused the request",
        }
    }
}

impl ProviderError {
    /// The same error with its attempt count set to the true number of
    /// attempts, for errors raised inside one attempt.
    pub(crate) fn counted(self, total: u32) -> Self {
        match self {
            Self::Unreachable { detail, .. } => Self::Unreachable {
                attempts: total,
                detail,
            },
            Self::ServerError { status, .. } => Self::ServerError {
                status,
                attempts: total,
            },
            other => other,
        }
    }
}
