//! LLM providers over their real HTTP APIs: Chat Completions (OpenAI,
//! compatible servers, Azure OpenAI) and the Anthropic Messages API.
//!
//! Every call goes through one guard per provider: a concurrency limit, a
//! timeout per attempt, bounded retries with backoff for rate limits,
//! overloads and broken connections, and a deadline no retry may pass.
//! Failures come back as a typed [`ProviderError`] that says what to fix;
//! the API key never appears in a log line, an error or `Debug` output.
//!
//! The providers know nothing of personas; [`writer`] builds on them the
//! LLM writer of persona packages, with its prompts in `prompts/`.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use understudy_llm::{Finish, ProviderConfig, connect};
//!
//! // `None` when UNDERSTUDY_LLM_PROVIDER is unset or `offline`.
//! let Some(config) = ProviderConfig::from_env()? else { return Ok(()) };
//! let provider = connect(&config)?;
//!
//! let mut request = config.completion("You write test users.", "Write one.");
//! let schema = serde_json::json!({"type": "object", "properties": {}});
//! request.json_schema = Some(("persona".into(), schema));
//!
//! let reply = provider.complete(&request).await?;
//! if reply.finish == Finish::Stop {
//!     let package = reply.json()?;
//!     println!("{package} ({} tokens)", reply.usage.completion_tokens);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Known gaps: no streaming (replies are short JSON objects), and one
//! system and one user message per call (no multi-turn history).

pub mod anthropic;
mod client;
pub mod completion;
pub mod config;
pub mod error;
pub mod extract;
mod http;
pub mod openai;
mod retry;
pub mod secret;
pub mod writer;

use std::sync::Arc;

pub use anthropic::AnthropicProvider;
pub use completion::{Completion, Finish, Provider, Reply, Usage};
pub use config::{ConfigError, OutputMode, ProviderConfig, ProviderKind};
pub use error::{ProviderError, Rejection};
pub use extract::{ExtractError, JsonKind, extract_json};
pub use openai::OpenAiProvider;
pub use retry::Backoff;
pub use secret::Secret;
pub use writer::{LlmWriter, WriterSettings};

/// Builds the provider a config names.
pub fn connect(config: &ProviderConfig) -> Result<Arc<dyn Provider>, ConfigError> {
    Ok(match config.kind {
        ProviderKind::OpenAi | ProviderKind::Azure => Arc::new(OpenAiProvider::new(config)?),
        ProviderKind::Anthropic => Arc::new(AnthropicProvider::new(config)?),
    })
}
