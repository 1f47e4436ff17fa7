//! One HTTP exchange with a provider: a JSON POST with its credentials,
//! and the response sorted into a typed body, a transient failure worth
//! retrying, or a final rejection.

use std::time::SystemTime;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{ProviderError, Rejection};
use crate::retry::{AttemptError, Transient, parse_retry_after};
use crate::secret::Secret;

/// Statuses worth another attempt besides 429: gateway and overload
/// answers, and Anthropic's 529 "overloaded".
const RETRIED_STATUSES: [u16; 5] = [500, 502, 503, 504, 529];

/// The longest provider message kept in an error.
const MESSAGE_LIMIT: usize = 400;

/// How a provider wants its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyHeader {
    /// `Authorization: Bearer <key>` (OpenAI and compatible servers).
    Bearer,
    /// `api-key: <key>` (Azure OpenAI).
    ApiKey,
    /// `x-api-key: <key>` (Anthropic).
    XApiKey,
}

/// Where one provider's requests go and how they are signed.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    pub client: reqwest::Client,
    pub url: String,
    pub key: Option<Secret>,
    pub key_header: KeyHeader,
    pub headers: HeaderMap,
}

impl Endpoint {
    /// Sends `body` once and reads the reply as `R`.
    pub async fn post<B, R>(&self, body: &B) -> Result<R, AttemptError>
    where
        B: Serialize + ?Sized,
        R: DeserializeOwned,
    {
        let response = self
            .client
            .post(&self.url)
            .headers(self.signed_headers())
            .json(body)
            .send()
            .await
            .map_err(|error| self.transport(error))?;

        let status = response.status().as_u16();
        let retry_after = retry_after(response.headers());
        let bytes = response
            .bytes()
            .await
            .map_err(|error| self.transport(error))?;

        if (200..300).contains(&status) {
            return serde_json::from_slice(&bytes).map_err(|error| {
                AttemptError::Final(ProviderError::InvalidResponse(format!(
                    "{error} in a {} byte body",
                    bytes.len()
                )))
            });
        }

        Err(self.failure(status, retry_after, &bytes))
    }

    fn signed_headers(&self) -> HeaderMap {
        let mut headers = self.headers.clone();
        let Some(key) = &self.key else {
            return headers;
        };

        let (name, value) = match self.key_header {
            KeyHeader::Bearer => (
                reqwest::header::AUTHORIZATION,
                format!("Bearer {}", key.expose()),
            ),
            KeyHeader::ApiKey => (HeaderName::from_static("api-key"), key.expose().to_string()),
            KeyHeader::XApiKey => (
                HeaderName::from_static("x-api-key"),
                key.expose().to_string(),
            ),
        };

        // A key that is not a valid header value is sent as nothing: the
        // provider's 401 then says so, without the key in any message.
        if let Ok(mut value) = HeaderValue::from_str(&value) {
            value.set_sensitive(true);
            headers.insert(name, value);
        }
        headers
    }

    fn transport(&self, error: reqwest::Error) -> AttemptError {
        let detail = self.scrub(&describe_transport(&error));

        if error.is_builder() {
            return AttemptError::Final(ProviderError::Unreachable {
                attempts: 1,
                detail,
            });
        }
        AttemptError::Transient {
            cause: Transient::Transport(detail),
            retry_after: None,
        }
    }

    fn failure(
        &self,
        status: u16,
        retry_after: Option<std::time::Duration>,
        body: &[u8],
    ) -> AttemptError {
        if status == 429 {
            return AttemptError::Transient {
                cause: Transient::RateLimited,
                retry_after,
            };
        }

        // Some compatible servers (llama-cpp-python's, for one) answer a
        // `response_format` they do not support with a 500. Asking again
        // cannot help; the output mode must change, and the error says so.
        let message = self.scrub(&provider_message(body));
        if status >= 500 && refuses_output_mode(&message) {
            return AttemptError::Final(ProviderError::Rejected {
                status,
                reason: Rejection::BadRequest,
                message,
            });
        }
        if RETRIED_STATUSES.contains(&status) {
            return AttemptError::Transient {
                cause: Transient::Server(status),
                retry_after,
            };
        }
        if (500..600).contains(&status) {
            return AttemptError::Final(ProviderError::ServerError {
                status,
                attempts: 1,
            });
        }

        AttemptError::Final(ProviderError::Rejected {
            status,
            reason: Rejection::from_status(status),
            message,
        })
    }

    fn scrub(&self, text: &str) -> String {
        match &self.key {
            Some(key) => key.scrub(text),
            None => text.to_string(),
        }
    }
}

/// Whether a provider's error message is about the output mode asked for.
fn refuses_output_mode(message: &str) -> bool {
    message.contains("response_format") || message.contains("json_schema")
}

/// `retry-after-ms` (sent by OpenAI) is more precise than `Retry-After`.
fn retry_after(headers: &HeaderMap) -> Option<std::time::Duration> {
    let millis = headers
        .get("retry-after-ms")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    if let Some(millis) = millis {
        return Some(std::time::Duration::from_millis(millis));
    }

    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, SystemTime::now())
}

/// The cause chain of a transport error, which names what actually broke
/// (refused, reset, DNS) where the outer error only says "error sending".
fn describe_transport(error: &reqwest::Error) -> String {
    let mut detail = error.to_string();
    let mut source = std::error::Error::source(error);

    while let Some(cause) = source {
        detail.push_str(": ");
        detail.push_str(&cause.to_string());
        source = cause.source();
    }
    detail
}

/// The human part of an error body: `error.message` (OpenAI, Azure,
/// Anthropic), a bare `error` string (Ollama), `message`, or the raw text.
fn provider_message(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let parsed: Option<serde_json::Value> = serde_json::from_str(&text).ok();

    let message = parsed.as_ref().and_then(|value| {
        value
            .pointer("/error/message")
            .or_else(|| value.get("error").filter(|error| error.is_string()))
            .or_else(|| value.get("message"))
            .and_then(|message| message.as_str())
            .map(str::to_string)
    });

    let message = message.unwrap_or_else(|| text.trim().to_string());
    if message.is_empty() {
        return "(no message)".to_string();
    }
    truncate(&message, MESSAGE_LIMIT)
}

fn truncate(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_string();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_message_of_each_provider_error_shape() {
        let openai =
            br#"{"error":{"message":"The model `x` does not exist","code":"model_not_found"}}"#;
        let anthropic =
            br#"{"type":"error","error":{"type":"not_found_error","message":"model: x"}}"#;
        let ollama = br#"{"error":"model 'x' not found"}"#;

        assert_eq!(provider_message(openai), "The model `x` does not exist");
        assert_eq!(provider_message(anthropic), "model: x");
        assert_eq!(provider_message(ollama), "model 'x' not found");
        assert_eq!(provider_message(b"  Bad Gateway \n"), "Bad Gateway");
        assert_eq!(provider_message(b""), "(no message)");
    }

    #[test]
    fn cuts_a_long_message_on_a_character_boundary() {
        let long = "é".repeat(300);

        let cut = provider_message(long.as_bytes());

        assert_eq!(cut.chars().count(), 201);
        assert!(cut.ends_with('…'));
    }
}
