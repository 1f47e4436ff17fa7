//! An API key that never shows itself in logs, errors or `Debug` output.

use std::fmt;

/// A provider credential. Its `Debug` and `Display` print a placeholder, so
/// a config or client can be logged or printed whole without leaking it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The key itself, for the one place that needs it: a request header.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Replaces every occurrence of the key in `text`: providers sometimes
    /// echo the key they refused, and that text ends up in an error.
    pub fn scrub(&self, text: &str) -> String {
        if self.0.is_empty() {
            return text.to_string();
        }
        text.replace(&self.0, REDACTED)
    }
}

const REDACTED: &str = "[redacted]";

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_key() {
        let secret = Secret::new("sk-live-123");

        assert_eq!(format!("{secret:?}"), "Secret([redacted])");
        assert_eq!(secret.to_string(), "[redacted]");
        assert_eq!(secret.expose(), "sk-live-123");
    }

    #[test]
    fn scrub_removes_every_echo_of_the_key() {
        let secret = Secret::new("sk-live-123");

        let scrubbed = secret.scrub("bad key sk-live-123 (sk-live-123)");

        assert_eq!(scrubbed, "bad key [redacted] ([redacted])");
    }
}
