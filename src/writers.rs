//! Which writer writes a request's text: the offline writer, or an LLM.
//!
//! The offline writer is always there. An LLM provider joins it when one is
//! configured (`UNDERSTUDY_LLM_PROVIDER` and friends, or the CLI flags of
//! the same meaning) and then writes by default. A request may name a
//! writer with the `model` extension, but only one of [`Writers::models`]:
//! the offline writer, the configured model, and the models the operator
//! allowed with `UNDERSTUDY_LLM_MODELS`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use understudy_llm::{ConfigError, LlmWriter, ProviderConfig, WriterSettings, connect};
use understudy_persona::{OfflineWriter, Writer};

use crate::request::{FieldCode, FieldError};

/// The environment variable that lists extra models a request may ask for.
pub const MODELS_ENV: &str = "UNDERSTUDY_LLM_MODELS";

/// The writers a server or a CLI run may use, by model name.
#[derive(Clone)]
pub struct Writers {
    by_model: BTreeMap<String, Arc<dyn Writer>>,
    default: String,
    /// The configured provider's deadline per call, when one is set.
    llm_deadline: Option<Duration>,
}

impl Writers {
    /// Only the offline writer.
    pub fn offline() -> Self {
        Writers::single(Arc::new(OfflineWriter))
    }

    /// Only `writer`, under its model name.
    pub fn single(writer: Arc<dyn Writer>) -> Self {
        let name = writer.model();
        Writers {
            by_model: BTreeMap::from([(name.clone(), writer)]),
            default: name,
            llm_deadline: None,
        }
    }

    /// The offline writer, plus an LLM writer for the configured model and
    /// each allowed model (same provider, same settings); the configured
    /// model writes by default.
    pub fn with_provider(config: &ProviderConfig, allowed: &[String]) -> Result<Self, ConfigError> {
        let mut writers = Writers::offline();

        let mut models = vec![config.model.clone()];
        models.extend(allowed.iter().filter(|m| !m.trim().is_empty()).cloned());
        for model in models {
            let config = ProviderConfig {
                model: model.trim().to_owned(),
                ..config.clone()
            };
            let writer = LlmWriter::new(connect(&config)?, WriterSettings::from_config(&config));
            writers
                .by_model
                .insert(config.model.clone(), Arc::new(writer));
        }

        writers.default = config.model.clone();
        writers.llm_deadline = Some(config.deadline);
        tracing::info!(
            provider = ?config.kind,
            model = %config.model,
            models = writers.by_model.len(),
            "LLM writer configured"
        );
        Ok(writers)
    }

    /// Reads the provider from a lookup (the environment, or flags first);
    /// only the offline writer when no provider is set.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let allowed: Vec<String> = lookup(MODELS_ENV)
            .map(|list| list.split(',').map(str::to_owned).collect())
            .unwrap_or_default();

        match ProviderConfig::from_lookup(lookup)? {
            Some(config) => Writers::with_provider(&config, &allowed),
            None => Ok(Writers::offline()),
        }
    }

    /// How long a model call may take, all retries included, when an LLM
    /// provider is configured.
    pub fn llm_deadline(&self) -> Option<Duration> {
        self.llm_deadline
    }

    /// The writer for `model`, or the default when none is named.
    pub fn get(&self, model: Option<&str>) -> Option<Arc<dyn Writer>> {
        let name = model.unwrap_or(&self.default);
        self.by_model.get(name).cloned()
    }

    /// The writer a request asked for with `model`, or the default; a
    /// model this server does not offer is refused on the `model` field.
    pub fn for_request(&self, model: Option<&str>) -> Result<Arc<dyn Writer>, FieldError> {
        self.get(model).ok_or_else(|| {
            let offered: Vec<&str> = self.models().collect();
            FieldError::new(
                "model",
                FieldCode::ModelNotAvailable,
                format!(
                    "model `{}` is not available on this server; use one of {}",
                    model.unwrap_or_default(),
                    offered.join(", ")
                ),
            )
        })
    }

    /// The default writer.
    pub fn default_writer(&self) -> Arc<dyn Writer> {
        self.by_model[&self.default].clone()
    }

    /// Every model a request may name.
    pub fn models(&self) -> impl Iterator<Item = &str> {
        self.by_model.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn has_only_the_offline_writer_without_a_provider() {
        let writers = Writers::from_lookup(lookup(&[])).unwrap();

        assert_eq!(writers.models().collect::<Vec<_>>(), ["understudy-offline"]);
        assert_eq!(writers.default_writer().model(), "understudy-offline");
        assert!(writers.get(Some("gpt-4o")).is_none());
    }

    #[test]
    fn writes_with_the_configured_model_and_allows_the_listed_ones() {
        let writers = Writers::from_lookup(lookup(&[
            ("UNDERSTUDY_LLM_PROVIDER", "openai"),
            ("UNDERSTUDY_LLM_BASE_URL", "http://127.0.0.1:9/v1"),
            ("UNDERSTUDY_LLM_MODEL", "llama3.1"),
            ("UNDERSTUDY_LLM_MODELS", "qwen2.5, mistral"),
        ]))
        .unwrap();

        assert_eq!(
            writers.models().collect::<Vec<_>>(),
            ["llama3.1", "mistral", "qwen2.5", "understudy-offline"]
        );
        assert_eq!(writers.default_writer().model(), "llama3.1");
        assert_eq!(writers.get(Some("mistral")).unwrap().model(), "mistral");
        assert_eq!(
            writers.get(Some("understudy-offline")).unwrap().model(),
            "understudy-offline"
        );
        assert!(writers.get(Some("gpt-4o")).is_none());
    }
}
