//! The Anthropic Messages API. With a schema in `json_schema` mode the
//! reply comes through a tool whose `input_schema` is the schema and which
//! `tool_choice` forces, so the tool's input is the JSON answer; in the
//! other modes the schema travels in the system prompt.

mod wire;

use async_trait::async_trait;
use reqwest::header::{HeaderMap, HeaderValue};

use crate::completion::{
    Completion, Finish, Provider, Reply, Usage, schema_label, system_with_schema,
};
use crate::config::{ConfigError, OutputMode, ProviderConfig};
use crate::error::ProviderError;
use crate::http::{Endpoint, KeyHeader};
use crate::retry::CallGuard;
use wire::{Block, MessagesRequest, MessagesResponse, Tool, ToolChoice, UserMessage};

/// The API version this crate's request and response types follow.
const API_VERSION: &str = "2023-06-01";

/// A Messages API provider.
#[derive(Debug)]
pub struct AnthropicProvider {
    endpoint: Endpoint,
    guard: CallGuard,
    model: String,
    output_mode: OutputMode,
}

impl AnthropicProvider {
    pub fn new(config: &ProviderConfig) -> Result<Self, ConfigError> {
        config.validate()?;

        let mut headers = HeaderMap::new();
        headers.insert("anthropic-version", HeaderValue::from_static(API_VERSION));

        Ok(Self {
            endpoint: Endpoint {
                client: crate::client::build(config)?,
                url: format!("{}/v1/messages", config.base_url.trim_end_matches('/')),
                key: config.api_key.clone(),
                key_header: KeyHeader::XApiKey,
                headers,
            },
            guard: crate::client::guard(config),
            model: config.model.clone(),
            output_mode: config.output_mode,
        })
    }

    /// The schema as a forced tool, when the mode asks the API to hold
    /// the reply to it.
    fn answer_tool<'a>(&self, request: &'a Completion) -> Option<Tool<'a>> {
        let (name, schema) = request.json_schema.as_ref()?;
        (self.output_mode == OutputMode::JsonSchema).then(|| Tool {
            name: schema_label(name),
            description: "Give the answer as this tool's input.",
            input_schema: schema,
        })
    }
}

#[async_trait]
impl Provider for AnthropicProvider {
    fn model(&self) -> &str {
        &self.model
    }

    async fn complete(&self, request: &Completion) -> Result<Reply, ProviderError> {
        let tool = self.answer_tool(request);
        let system = match tool {
            Some(_) => request.system.clone(),
            None => system_with_schema(request),
        };
        let tool_name = tool.as_ref().map(|tool| tool.name.clone());
        let tool_choice = tool_name
            .clone()
            .map(|name| ToolChoice { kind: "tool", name });
        let body = MessagesRequest {
            model: &self.model,
            max_tokens: request.max_tokens,
            system: &system,
            messages: [UserMessage {
                role: "user",
                content: &request.user,
            }],
            temperature: request.temperature,
            tools: tool.into_iter().collect(),
            tool_choice,
        };
        tracing::debug!(model = %self.model, "messages call");

        let response: MessagesResponse = self
            .guard
            .run(request.deadline, || {
                self.endpoint.post::<_, MessagesResponse>(&body)
            })
            .await?;

        Ok(reply_from(response, tool_name.as_deref()))
    }
}

/// The forced tool's input when the reply holds it (the structured
/// answer), else the text blocks joined.
fn reply_from(response: MessagesResponse, tool_name: Option<&str>) -> Reply {
    let usage = response.usage.unwrap_or_default();
    let usage = Usage {
        prompt_tokens: usage.input_tokens,
        completion_tokens: usage.output_tokens,
    };
    let finish = finish_from(response.stop_reason.as_deref());

    let mut texts = Vec::new();
    for block in response.content {
        match block {
            Block::ToolUse { name, input } if Some(name.as_str()) == tool_name => {
                return Reply {
                    text: input.to_string(),
                    finish,
                    usage,
                };
            }
            Block::ToolUse { .. } => {}
            Block::Text { text } => texts.push(text),
            Block::Other => {}
        }
    }

    Reply {
        text: texts.concat(),
        finish,
        usage,
    }
}

fn finish_from(reason: Option<&str>) -> Finish {
    match reason {
        Some("end_turn" | "stop_sequence" | "tool_use") => Finish::Stop,
        Some("max_tokens") => Finish::Length,
        Some("refusal") => Finish::Refusal,
        Some(other) => Finish::Other(other.to_string()),
        None => Finish::Other("unspecified".to_string()),
    }
}
