//! What every provider builds the same way from its config: the HTTP
//! client and the call guard.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::config::{ConfigError, ProviderConfig};
use crate::retry::CallGuard;

/// One client per provider, so its connections are pooled and reused.
/// Timeouts are not set here: the guard applies them per attempt.
pub(crate) fn build(config: &ProviderConfig) -> Result<reqwest::Client, ConfigError> {
    reqwest::Client::builder()
        .user_agent(concat!("understudy-llm/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(config.timeout)
        .build()
        .map_err(|error| ConfigError::Client(error.to_string()))
}

pub(crate) fn guard(config: &ProviderConfig) -> CallGuard {
    CallGuard {
        timeout: config.timeout,
        budget: config.deadline,
        retries: config.retries,
        backoff: config.backoff,
        permits: Arc::new(Semaphore::new(config.concurrency)),
    }
}
