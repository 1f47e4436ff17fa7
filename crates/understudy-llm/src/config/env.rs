//! Reading a [`ProviderConfig`] from `UNDERSTUDY_LLM_*` variables. The
//! lookup is a parameter, so tests pass a map instead of touching the
//! process environment.

use std::str::FromStr;
use std::time::Duration;

use super::{ConfigError, OutputMode, ProviderConfig, ProviderKind};
use crate::secret::Secret;

pub const PROVIDER: &str = "UNDERSTUDY_LLM_PROVIDER";
pub const BASE_URL: &str = "UNDERSTUDY_LLM_BASE_URL";
pub const MODEL: &str = "UNDERSTUDY_LLM_MODEL";
pub const API_KEY: &str = "UNDERSTUDY_LLM_API_KEY";
pub const API_VERSION: &str = "UNDERSTUDY_LLM_API_VERSION";
pub const TIMEOUT_SECS: &str = "UNDERSTUDY_LLM_TIMEOUT_SECS";
pub const DEADLINE_SECS: &str = "UNDERSTUDY_LLM_DEADLINE_SECS";
pub const RETRIES: &str = "UNDERSTUDY_LLM_RETRIES";
pub const CONCURRENCY: &str = "UNDERSTUDY_LLM_CONCURRENCY";
pub const TEMPERATURE: &str = "UNDERSTUDY_LLM_TEMPERATURE";
pub const MAX_TOKENS: &str = "UNDERSTUDY_LLM_MAX_TOKENS";
pub const OUTPUT: &str = "UNDERSTUDY_LLM_OUTPUT";
/// Azure's own endpoint variable, read when `UNDERSTUDY_LLM_BASE_URL` is
/// unset.
pub const AZURE_ENDPOINT: &str = "AZURE_OPENAI_ENDPOINT";

impl ProviderConfig {
    /// Reads the process environment; see [`ProviderConfig::from_lookup`].
    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads a config through `lookup`. `Ok(None)` means no provider: the
    /// provider variable is unset, empty or `offline`. Empty values count
    /// as unset.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>, ConfigError> {
        let read = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };

        let Some(kind) = read(PROVIDER) else {
            return Ok(None);
        };
        let kind = match kind.to_ascii_lowercase().as_str() {
            "offline" => return Ok(None),
            "openai" => ProviderKind::OpenAi,
            "azure" => ProviderKind::Azure,
            "anthropic" => ProviderKind::Anthropic,
            _ => return Err(ConfigError::UnknownProvider(kind)),
        };

        let mut config = Self::new(kind, read(MODEL).unwrap_or_default());
        let azure_endpoint = || {
            (kind == ProviderKind::Azure)
                .then(|| read(AZURE_ENDPOINT))
                .flatten()
        };
        if let Some(base_url) = read(BASE_URL).or_else(azure_endpoint) {
            config.base_url = base_url;
        }
        config.api_key = read(API_KEY)
            .or_else(|| read(kind.key_variable()))
            .map(Secret::new);

        apply_tuning(&mut config, &read)?;
        config.validate()?;
        Ok(Some(config))
    }
}

fn apply_tuning(
    config: &mut ProviderConfig,
    read: &impl Fn(&str) -> Option<String>,
) -> Result<(), ConfigError> {
    if let Some(version) = read(API_VERSION) {
        config.api_version = version;
    }
    if let Some(secs) = parse::<u64>(read, TIMEOUT_SECS, "a whole number of seconds")? {
        config.timeout = Duration::from_secs(secs);
    }
    if let Some(secs) = parse::<u64>(read, DEADLINE_SECS, "a whole number of seconds")? {
        config.deadline = Duration::from_secs(secs);
    }
    if let Some(retries) = parse::<u32>(read, RETRIES, "a whole number")? {
        config.retries = retries;
    }
    if let Some(concurrency) = parse::<usize>(read, CONCURRENCY, "a whole number")? {
        config.concurrency = concurrency;
    }
    if let Some(temperature) = parse::<f32>(read, TEMPERATURE, "a number between 0 and 2")? {
        config.temperature = temperature;
    }
    if let Some(max_tokens) = parse::<u32>(read, MAX_TOKENS, "a whole number")? {
        config.max_tokens = max_tokens;
    }
    if let Some(mode) = read(OUTPUT) {
        config.output_mode = OutputMode::from_str(&mode)?;
    }
    Ok(())
}

fn parse<T: FromStr>(
    read: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    expected: &'static str,
) -> Result<Option<T>, ConfigError> {
    let Some(value) = read(variable) else {
        return Ok(None);
    };

    value
        .parse()
        .map(Some)
        .map_err(|_| ConfigError::InvalidValue {
            variable,
            value,
            expected,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn config_from(pairs: &[(&str, &str)]) -> Result<Option<ProviderConfig>, ConfigError> {
        let vars: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ProviderConfig::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn no_provider_or_offline_means_no_provider() {
        assert_eq!(config_from(&[]).unwrap(), None);
        assert_eq!(config_from(&[(PROVIDER, "offline")]).unwrap(), None);
        assert_eq!(config_from(&[(PROVIDER, "  ")]).unwrap(), None);
    }

    #[test]
    fn reads_an_openai_config_with_defaults() {
        let config = config_from(&[
            (PROVIDER, "openai"),
            (MODEL, "gpt-4o-mini"),
            ("OPENAI_API_KEY", "sk-env"),
        ])
        .unwrap()
        .unwrap();

        assert_eq!(config.kind, ProviderKind::OpenAi);
        assert_eq!(config.base_url, "https://api.openai.com/v1");
        assert_eq!(config.model, "gpt-4o-mini");
        assert_eq!(config.api_key, Some(Secret::new("sk-env")));
        assert_eq!(config.timeout, Duration::from_secs(60));
        assert_eq!(config.retries, 3);
        assert_eq!(config.concurrency, 4);
        assert_eq!(config.output_mode, OutputMode::JsonSchema);
    }

    #[test]
    fn the_understudy_key_wins_over_the_providers_own_variable() {
        let config = config_from(&[
            (PROVIDER, "anthropic"),
            (MODEL, "claude-sonnet-4-5"),
            (API_KEY, "chosen"),
            ("ANTHROPIC_API_KEY", "ignored"),
        ])
        .unwrap()
        .unwrap();

        assert_eq!(config.base_url, "https://api.anthropic.com");
        assert_eq!(config.api_key, Some(Secret::new("chosen")));
    }

    #[test]
    fn reads_every_tuning_variable() {
        let config = config_from(&[
            (PROVIDER, "OpenAI"),
            (BASE_URL, "http://127.0.0.1:11434/v1"),
            (MODEL, "llama3.2"),
            (TIMEOUT_SECS, "5"),
            (DEADLINE_SECS, "20"),
            (RETRIES, "0"),
            (CONCURRENCY, "1"),
            (TEMPERATURE, "0.2"),
            (MAX_TOKENS, "512"),
            (OUTPUT, "text"),
        ])
        .unwrap()
        .unwrap();

        assert_eq!(config.api_key, None);
        assert_eq!(config.base_url, "http://127.0.0.1:11434/v1");
        assert_eq!(config.timeout, Duration::from_secs(5));
        assert_eq!(config.deadline, Duration::from_secs(20));
        assert_eq!(config.retries, 0);
        assert_eq!(config.concurrency, 1);
        assert_eq!(config.temperature, 0.2);
        assert_eq!(config.max_tokens, 512);
        assert_eq!(config.output_mode, OutputMode::Text);
    }

    #[test]
    fn azure_reads_its_endpoint_key_and_api_version() {
        let config = config_from(&[
            (PROVIDER, "azure"),
            (MODEL, "persona-writer"),
            (AZURE_ENDPOINT, "https://example-resource.openai.azure.com"),
            ("AZURE_OPENAI_API_KEY", "az-key"),
            (API_VERSION, "2025-01-01-preview"),
        ])
        .unwrap()
        .unwrap();

        assert_eq!(config.base_url, "https://example-resource.openai.azure.com");
        assert_eq!(config.api_key, Some(Secret::new("az-key")));
        assert_eq!(config.api_version, "2025-01-01-preview");
    }

    #[test]
    fn rejects_an_unknown_provider() {
        let error = config_from(&[(PROVIDER, "gemini")]).unwrap_err();

        assert_eq!(error, ConfigError::UnknownProvider("gemini".into()));
    }

    #[test]
    fn rejects_a_missing_model() {
        let error = config_from(&[(PROVIDER, "openai"), (API_KEY, "k")]).unwrap_err();

        assert_eq!(error, ConfigError::MissingModel { provider: "openai" });
    }

    #[test]
    fn rejects_a_hosted_provider_without_a_key() {
        let error = config_from(&[(PROVIDER, "anthropic"), (MODEL, "claude")]).unwrap_err();

        assert_eq!(
            error,
            ConfigError::MissingKey {
                provider: "anthropic",
                fallback: "ANTHROPIC_API_KEY"
            }
        );
        assert_eq!(
            error.to_string(),
            "no API key for the anthropic provider; set UNDERSTUDY_LLM_API_KEY or ANTHROPIC_API_KEY"
        );
    }

    #[test]
    fn rejects_azure_without_an_endpoint() {
        let error = config_from(&[(PROVIDER, "azure"), (MODEL, "d"), (API_KEY, "k")]).unwrap_err();

        assert_eq!(error, ConfigError::MissingEndpoint);
    }

    #[test]
    fn rejects_numbers_and_modes_it_cannot_read() {
        let base = [(PROVIDER, "openai"), (MODEL, "m"), (API_KEY, "k")];
        let with = |extra: (&'static str, &'static str)| {
            let mut pairs = base.to_vec();
            pairs.push(extra);
            config_from(&pairs).unwrap_err()
        };

        assert_eq!(
            with((RETRIES, "three")),
            ConfigError::InvalidValue {
                variable: RETRIES,
                value: "three".into(),
                expected: "a whole number"
            }
        );
        assert!(matches!(
            with((OUTPUT, "yaml")),
            ConfigError::InvalidValue {
                variable: OUTPUT,
                ..
            }
        ));
        assert!(matches!(
            with((CONCURRENCY, "0")),
            ConfigError::InvalidValue {
                variable: CONCURRENCY,
                ..
            }
        ));
        assert!(matches!(
            with((TEMPERATURE, "3")),
            ConfigError::InvalidValue {
                variable: TEMPERATURE,
                ..
            }
        ));
        assert!(matches!(
            with((BASE_URL, "not a url")),
            ConfigError::InvalidBaseUrl { .. }
        ));
    }

    #[test]
    fn anthropic_takes_temperatures_up_to_one_only() {
        let base = [(PROVIDER, "anthropic"), (MODEL, "claude"), (API_KEY, "k")];
        let with = |temperature: &'static str| {
            let mut pairs = base.to_vec();
            pairs.push((TEMPERATURE, temperature));
            config_from(&pairs)
        };

        assert_eq!(with("1").unwrap().unwrap().temperature, 1.0);
        assert_eq!(
            with("1.5").unwrap_err(),
            ConfigError::InvalidValue {
                variable: TEMPERATURE,
                value: "1.5".into(),
                expected: "between 0 and 1 for anthropic"
            }
        );
    }

    #[test]
    fn a_config_shows_no_key_in_debug() {
        let config = config_from(&[
            (PROVIDER, "openai"),
            (MODEL, "m"),
            (API_KEY, "sk-topsecret"),
        ])
        .unwrap()
        .unwrap();

        assert!(!format!("{config:?}").contains("sk-topsecret"));
    }
}
