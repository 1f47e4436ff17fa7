//! How a provider is chosen and tuned: [`ProviderConfig`], built in code or
//! read from `UNDERSTUDY_LLM_*` environment variables.

use std::str::FromStr;
use std::time::Duration;

use crate::completion::Completion;
use crate::retry::Backoff;
use crate::secret::Secret;

pub const OPENAI_BASE_URL: &str = "https://api.openai.com/v1";
pub const ANTHROPIC_BASE_URL: &str = "https://api.anthropic.com";
/// The Azure OpenAI API version used when none is set: a GA version with
/// structured outputs.
pub const AZURE_API_VERSION: &str = "2024-10-21";

/// Which HTTP API a provider speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    /// Chat Completions: OpenAI and compatible servers (Ollama, vLLM, LM
    /// Studio, llama.cpp).
    OpenAi,
    /// Chat Completions under Azure's deployment URLs and `api-key` header.
    Azure,
    /// The Anthropic Messages API.
    Anthropic,
}

impl ProviderKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::OpenAi => "openai",
            Self::Azure => "azure",
            Self::Anthropic => "anthropic",
        }
    }

    fn default_base_url(self) -> Option<&'static str> {
        match self {
            Self::OpenAi => Some(OPENAI_BASE_URL),
            Self::Azure => None,
            Self::Anthropic => Some(ANTHROPIC_BASE_URL),
        }
    }

    /// The provider's own key variable, read when `UNDERSTUDY_LLM_API_KEY`
    /// is unset.
    fn key_variable(self) -> &'static str {
        match self {
            Self::OpenAi => "OPENAI_API_KEY",
            Self::Azure => "AZURE_OPENAI_API_KEY",
            Self::Anthropic => "ANTHROPIC_API_KEY",
        }
    }
}

/// How a completion with a schema asks for JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputMode {
    /// The API enforces the schema: `response_format` `json_schema` with
    /// `strict: true` (Chat Completions), a forced tool (Anthropic).
    JsonSchema,
    /// The API guarantees some JSON object (`response_format`
    /// `json_object`); the schema travels in the system prompt.
    JsonObject,
    /// Plain text; the schema travels in the system prompt and the JSON is
    /// extracted from the reply.
    Text,
}

/// Everything needed to build one provider.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderConfig {
    pub kind: ProviderKind,
    /// Chat Completions: up to `/v1`. Azure: the resource endpoint.
    /// Anthropic: the host, without `/v1`.
    pub base_url: String,
    /// The model; for Azure, the deployment name.
    pub model: String,
    pub api_key: Option<Secret>,
    /// Azure only: the `api-version` query parameter.
    pub api_version: String,
    /// The longest one attempt may take.
    pub timeout: Duration,
    /// The longest one call may take, retries and pauses included.
    pub deadline: Duration,
    /// Attempts after the first.
    pub retries: u32,
    /// Calls in flight at once, across all users of this provider.
    pub concurrency: usize,
    pub temperature: f32,
    pub max_tokens: u32,
    pub output_mode: OutputMode,
    pub backoff: Backoff,
}

/// Why a provider cannot be configured. Never holds a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("unknown LLM provider `{0}`; use openai, azure, anthropic or offline")]
    UnknownProvider(String),
    #[error("no model set for the {provider} provider; set UNDERSTUDY_LLM_MODEL")]
    MissingModel { provider: &'static str },
    #[error("no API key for the {provider} provider; set UNDERSTUDY_LLM_API_KEY or {fallback}")]
    MissingKey {
        provider: &'static str,
        fallback: &'static str,
    },
    #[error(
        "no endpoint for the azure provider; set UNDERSTUDY_LLM_BASE_URL or AZURE_OPENAI_ENDPOINT"
    )]
    MissingEndpoint,
    #[error("`{value}` is not a valid URL for UNDERSTUDY_LLM_BASE_URL")]
    InvalidBaseUrl { value: String },
    #[error("`{value}` is not valid for {variable}: {expected}")]
    InvalidValue {
        variable: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
}

impl FromStr for OutputMode {
    type Err = ConfigError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value.trim().to_ascii_lowercase().as_str() {
            "json_schema" => Ok(Self::JsonSchema),
            "json_object" => Ok(Self::JsonObject),
            "text" => Ok(Self::Text),
            _ => Err(ConfigError::InvalidValue {
                variable: "UNDERSTUDY_LLM_OUTPUT",
                value: value.to_string(),
                expected: "json_schema, json_object or text",
            }),
        }
    }
}

impl ProviderConfig {
    /// A config with the defaults: the provider's public base URL (none for
    /// Azure), 60 s per attempt, 3 retries within 180 s, 4 calls at once.
    pub fn new(kind: ProviderKind, model: impl Into<String>) -> Self {
        Self {
            kind,
            base_url: kind.default_base_url().unwrap_or_default().to_string(),
            model: model.into(),
            api_key: None,
            api_version: AZURE_API_VERSION.to_string(),
            timeout: Duration::from_secs(60),
            deadline: Duration::from_secs(180),
            retries: 3,
            concurrency: 4,
            temperature: 0.7,
            max_tokens: 2048,
            output_mode: OutputMode::JsonSchema,
            backoff: Backoff::default(),
        }
    }

    /// A completion with this config's temperature and token limit.
    pub fn completion(&self, system: impl Into<String>, user: impl Into<String>) -> Completion {
        Completion {
            system: system.into(),
            user: user.into(),
            json_schema: None,
            max_tokens: self.max_tokens,
            temperature: self.temperature,
            deadline: None,
        }
    }

    /// Whether this config talks to a provider's public service, where a
    /// key is always needed (a local compatible server may need none).
    pub fn is_hosted(&self) -> bool {
        match self.kind {
            ProviderKind::OpenAi => self.base_url.trim_end_matches('/') == OPENAI_BASE_URL,
            ProviderKind::Azure | ProviderKind::Anthropic => true,
        }
    }

    /// Checks what can be checked without a network: a model, a key where
    /// one is needed, a base URL that parses, limits that make sense.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let provider = self.kind.name();
        if self.model.trim().is_empty() {
            return Err(ConfigError::MissingModel { provider });
        }
        if self.kind == ProviderKind::Azure && self.base_url.trim().is_empty() {
            return Err(ConfigError::MissingEndpoint);
        }
        if reqwest::Url::parse(&self.base_url).is_err() {
            return Err(ConfigError::InvalidBaseUrl {
                value: self.base_url.clone(),
            });
        }
        if self.is_hosted() && self.api_key.is_none() {
            return Err(ConfigError::MissingKey {
                provider,
                fallback: self.kind.key_variable(),
            });
        }

        self.validate_limits()
    }

    fn validate_limits(&self) -> Result<(), ConfigError> {
        let invalid = |variable, value: String, expected| ConfigError::InvalidValue {
            variable,
            value,
            expected,
        };

        if self.timeout.is_zero() {
            return Err(invalid(
                "UNDERSTUDY_LLM_TIMEOUT_SECS",
                "0".into(),
                "more than 0",
            ));
        }
        if self.concurrency == 0 {
            return Err(invalid(
                "UNDERSTUDY_LLM_CONCURRENCY",
                "0".into(),
                "at least 1",
            ));
        }
        let (hottest, expected) = match self.kind {
            ProviderKind::Anthropic => (1.0, "between 0 and 1 for anthropic"),
            ProviderKind::OpenAi | ProviderKind::Azure => (2.0, "between 0 and 2"),
        };
        if !(0.0..=hottest).contains(&self.temperature) {
            let value = self.temperature.to_string();
            return Err(invalid("UNDERSTUDY_LLM_TEMPERATURE", value, expected));
        }
        if self.max_tokens == 0 {
            return Err(invalid(
                "UNDERSTUDY_LLM_MAX_TOKENS",
                "0".into(),
                "at least 1",
            ));
        }
        Ok(())
    }
}

pub mod env;
