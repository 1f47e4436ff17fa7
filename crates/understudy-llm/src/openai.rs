//! Chat Completions: OpenAI, any compatible server (Ollama, vLLM, LM
//! Studio, llama.cpp) and Azure OpenAI.
//!
//! `json_schema` mode sends the schema with `strict: true`, which OpenAI
//! only accepts for schemas whose objects all set `additionalProperties:
//! false` and require every property; the caller's schema must be shaped
//! so, or the provider answers 400.

mod wire;

use async_trait::async_trait;
use reqwest::header::HeaderMap;

use crate::completion::{
    Completion, Finish, Provider, Reply, Usage, schema_label, system_with_schema,
};
use crate::config::{ConfigError, OutputMode, ProviderConfig, ProviderKind};
use crate::error::ProviderError;
use crate::http::{Endpoint, KeyHeader};
use crate::retry::CallGuard;
use wire::{ChatRequest, ChatResponse, Message, ResponseFormat, SchemaFormat};

/// A Chat Completions provider.
#[derive(Debug)]
pub struct OpenAiProvider {
    endpoint: Endpoint,
    guard: CallGuard,
    model: String,
    azure: bool,
    output_mode: OutputMode,
    /// Newer OpenAI models refuse `max_tokens`; compatible servers may not
    /// know `max_completion_tokens`.
    limit_field: LimitField,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LimitField {
    MaxTokens,
    MaxCompletionTokens,
}

impl OpenAiProvider {
    /// Builds the provider for an `OpenAi` or `Azure` config.
    pub fn new(config: &ProviderConfig) -> Result<Self, ConfigError> {
        config.validate()?;
        let azure = config.kind == ProviderKind::Azure;

        let base = config.base_url.trim_end_matches('/');
        let url = if azure {
            format!(
                "{base}/openai/deployments/{}/chat/completions?api-version={}",
                config.model, config.api_version
            )
        } else {
            format!("{base}/chat/completions")
        };
        let limit_field = if config.is_hosted() {
            LimitField::MaxCompletionTokens
        } else {
            LimitField::MaxTokens
        };

        Ok(Self {
            endpoint: Endpoint {
                client: crate::client::build(config)?,
                url,
                key: config.api_key.clone(),
                key_header: if azure {
                    KeyHeader::ApiKey
                } else {
                    KeyHeader::Bearer
                },
                headers: HeaderMap::new(),
            },
            guard: crate::client::guard(config),
            model: config.model.clone(),
            azure,
            output_mode: config.output_mode,
            limit_field,
        })
    }

    fn body<'a>(&'a self, request: &'a Completion, system: &'a str) -> ChatRequest<'a> {
        let limit = Some(request.max_tokens);
        let (max_tokens, max_completion_tokens) = match self.limit_field {
            LimitField::MaxTokens => (limit, None),
            LimitField::MaxCompletionTokens => (None, limit),
        };

        ChatRequest {
            model: (!self.azure).then_some(self.model.as_str()),
            messages: [
                Message {
                    role: "system",
                    content: system,
                },
                Message {
                    role: "user",
                    content: &request.user,
                },
            ],
            max_tokens,
            max_completion_tokens,
            temperature: request.temperature,
            response_format: self.response_format(request),
        }
    }

    fn response_format<'a>(&self, request: &'a Completion) -> Option<ResponseFormat<'a>> {
        let (name, schema) = request.json_schema.as_ref()?;

        match self.output_mode {
            OutputMode::JsonSchema => Some(ResponseFormat::JsonSchema {
                json_schema: SchemaFormat {
                    name: schema_label(name),
                    schema,
                    strict: true,
                },
            }),
            OutputMode::JsonObject => Some(ResponseFormat::JsonObject),
            OutputMode::Text => None,
        }
    }
}

#[async_trait]
impl Provider for OpenAiProvider {
    fn model(&self) -> &str {
        &self.model
    }

    async fn complete(&self, request: &Completion) -> Result<Reply, ProviderError> {
        let system = match self.output_mode {
            OutputMode::JsonSchema => request.system.clone(),
            OutputMode::JsonObject | OutputMode::Text => system_with_schema(request),
        };
        let body = self.body(request, &system);
        tracing::debug!(model = %self.model, azure = self.azure, "chat completion");

        let response: ChatResponse = self
            .guard
            .run(request.deadline, || {
                self.endpoint.post::<_, ChatResponse>(&body)
            })
            .await?;

        reply_from(response)
    }
}

fn reply_from(response: ChatResponse) -> Result<Reply, ProviderError> {
    let usage = response.usage.unwrap_or_default();
    let usage = Usage {
        prompt_tokens: usage.prompt_tokens,
        completion_tokens: usage.completion_tokens,
    };
    let choice = response
        .choices
        .into_iter()
        .next()
        .ok_or(ProviderError::NoChoices)?;
    let message = choice.message.ok_or_else(|| {
        ProviderError::InvalidResponse("the first choice has no message".to_string())
    })?;

    if let Some(refusal) = message.refusal.filter(|refusal| !refusal.is_empty()) {
        return Ok(Reply {
            text: refusal,
            finish: Finish::Refusal,
            usage,
        });
    }

    Ok(Reply {
        text: message.content.unwrap_or_default(),
        finish: finish_from(choice.finish_reason.as_deref()),
        usage,
    })
}

fn finish_from(reason: Option<&str>) -> Finish {
    match reason {
        Some("stop") => Finish::Stop,
        Some("length") => Finish::Length,
        Some("content_filter") => Finish::ContentFilter,
        Some(other) => Finish::Other(other.to_string()),
        None => Finish::Other("unspecified".to_string()),
    }
}
