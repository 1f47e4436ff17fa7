//! Providers against fake servers on 127.0.0.1: request shapes, reply
//! mapping, retries, timeouts, deadlines, limits and key hygiene.

mod anthropic;
mod fake;
mod openai;
mod retry;

use std::time::Duration;

use serde_json::json;
use understudy_llm::{Backoff, Completion, ProviderConfig, ProviderError, ProviderKind, Secret};

/// The key every test provider holds; no error may show it.
pub const KEY: &str = "sk-test-5ecret-0123456789";

/// A config for `base` with fast backoff so retry tests stay quick.
pub fn config(kind: ProviderKind, base: &str) -> ProviderConfig {
    let mut config = ProviderConfig::new(kind, "test-model");
    config.base_url = base.to_string();
    config.api_key = Some(Secret::new(KEY));
    config.timeout = Duration::from_secs(2);
    config.deadline = Duration::from_secs(10);
    config.retries = 2;
    config.backoff = Backoff {
        first: Duration::from_millis(10),
        max: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(5),
    };
    config
}

pub fn persona_schema() -> serde_json::Value {
    json!({
        "type": "object",
        "properties": { "personaName": { "type": "string" } },
        "required": ["personaName"],
        "additionalProperties": false
    })
}

/// A completion that asks for a JSON object under `persona_schema`.
pub fn structured(config: &ProviderConfig) -> Completion {
    let mut completion = config.completion("You write test users.", "Write one.");
    completion.json_schema = Some(("persona package".to_string(), persona_schema()));
    completion
}

/// Fails if `error` shows the key in its `Display` or `Debug` form.
pub fn assert_key_hidden(error: &ProviderError) {
    let display = error.to_string();
    let debug = format!("{error:?}");
    assert!(!display.contains(KEY), "key in Display: {display}");
    assert!(!debug.contains(KEY), "key in Debug: {debug}");
}
