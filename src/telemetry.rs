//! Log output: readable text by default, JSON when asked, to standard error.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; `UNDERSTUDY_LOG` overrides the filter.
pub fn init(json: bool, default_filter: &str) {
    let filter = EnvFilter::try_from_env("UNDERSTUDY_LOG")
        .unwrap_or_else(|_| EnvFilter::new(default_filter));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());

    let installed = if json {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
    if installed.is_err() {
        tracing::debug!("a subscriber was already installed");
    }
}
