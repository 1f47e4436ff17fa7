//! What a caller asks of a provider and what it gets back, whatever the
//! provider: the [`Provider`] trait and its request and reply types.

use async_trait::async_trait;
use tokio::time::Instant;

use crate::error::ProviderError;
use crate::extract::{ExtractError, JsonKind, extract_json};

/// One LLM provider behind one model. Object-safe, so callers hold an
/// `Arc<dyn Provider>` and tests can stand in their own.
#[async_trait]
pub trait Provider: Send + Sync {
    /// The model (or Azure deployment) this provider talks to, for records.
    fn model(&self) -> &str;

    /// Asks for one completion, with the provider's timeouts, retries and
    /// concurrency limit applied.
    async fn complete(&self, request: &Completion) -> Result<Reply, ProviderError>;
}

/// One request: a system prompt, a user message and, when the reply must be
/// a JSON object, the schema it must follow.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    pub system: String,
    pub user: String,
    /// `(name, schema)`: the name labels the schema for the provider (the
    /// OpenAI schema name, the Anthropic tool name); the schema must be of
    /// type object.
    pub json_schema: Option<(String, serde_json::Value)>,
    pub max_tokens: u32,
    pub temperature: f32,
    /// A point no attempt or retry of this call may pass, on top of the
    /// provider's own deadline; the earlier of the two wins.
    pub deadline: Option<Instant>,
}

/// What the model wrote and why it stopped.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The reply as the model wrote it. With a schema under Anthropic's tool
    /// mode, the tool input serialised as JSON. On a refusal, the refusal.
    pub text: String,
    pub finish: Finish,
    pub usage: Usage,
}

impl Reply {
    /// The JSON object in the reply, whichever output mode produced it: a
    /// bare object in the structured modes, or one found in prose or fences
    /// in text mode.
    pub fn json(&self) -> Result<serde_json::Value, ExtractError> {
        extract_json(&self.text, JsonKind::Object)
    }
}

/// Why the model stopped writing. Anything but `Stop` means the text may be
/// cut short or not an answer at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finish {
    Stop,
    /// The token limit cut the reply short.
    Length,
    /// The model declined to answer.
    Refusal,
    /// The provider's content filter removed or blocked the reply.
    ContentFilter,
    /// A reason this crate does not know, as the provider named it.
    Other(String),
}

/// Tokens billed for one call (zero where a server does not report them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    pub prompt_tokens: u32,
    pub completion_tokens: u32,
}

/// The instruction a schema becomes when the API cannot enforce it: the
/// text and `json_object` modes carry the schema in the system prompt.
pub(crate) fn system_with_schema(request: &Completion) -> String {
    let Some((name, schema)) = &request.json_schema else {
        return request.system.clone();
    };

    format!(
        "{}\n\nReply with one JSON object only, no prose, that follows this JSON Schema \
         (named `{name}`):\n{schema}",
        request.system
    )
}

/// A schema name as the APIs accept it (OpenAI schema names and Anthropic
/// tool names): letters, digits, `_` and `-`, at most 64 characters.
pub(crate) fn schema_label(name: &str) -> String {
    let label: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();

    if label.is_empty() {
        "reply".to_string()
    } else {
        label
    }
}
