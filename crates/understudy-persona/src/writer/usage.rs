//! What a writer spent on a generation: model calls and tokens.

use std::sync::atomic::{AtomicU64, Ordering};

/// Counts a writer's model calls while it works; shared by every batch of
/// one generation, so it counts with atomics.
#[derive(Debug, Default)]
pub struct UsageMeter {
    prompt_tokens: AtomicU64,
    completion_tokens: AtomicU64,
    calls: AtomicU64,
    repairs: AtomicU64,
}

/// What a writer spent, as counted by a [`UsageMeter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WriterUsage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    /// Model calls made, answered or not.
    pub calls: u64,
    /// Calls that asked again for packages already asked for.
    pub repairs: u64,
}

impl UsageMeter {
    /// Counts one call; `repair` when it asked again for packages.
    pub fn record(&self, prompt_tokens: u64, completion_tokens: u64, repair: bool) {
        self.prompt_tokens
            .fetch_add(prompt_tokens, Ordering::Relaxed);
        self.completion_tokens
            .fetch_add(completion_tokens, Ordering::Relaxed);
        self.calls.fetch_add(1, Ordering::Relaxed);
        if repair {
            self.repairs.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn snapshot(&self) -> WriterUsage {
        WriterUsage {
            prompt_tokens: self.prompt_tokens.load(Ordering::Relaxed),
            completion_tokens: self.completion_tokens.load(Ordering::Relaxed),
            calls: self.calls.load(Ordering::Relaxed),
            repairs: self.repairs.load(Ordering::Relaxed),
        }
    }
}
