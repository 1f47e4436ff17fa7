//! The guard around every provider call: a concurrency limit shared by all
//! calls of one provider, a timeout per attempt, bounded retries with
//! exponential backoff and jitter (or the server's `Retry-After`), and a
//! deadline that no attempt or pause may pass.
//!
//! A small loop rather than a retry crate: the deadline has to clamp each
//! attempt's timeout and stop a pause that would cross it, and that state
//! sits more plainly here than around a generic backoff iterator.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::error::ProviderError;

/// How long to pause between attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The pause after the first failure; it doubles after each one.
    pub first: Duration,
    /// The longest pause backoff alone may choose.
    pub max: Duration,
    /// The longest `Retry-After` honoured; a longer one is cut to this.
    pub max_retry_after: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            first: Duration::from_millis(500),
            max: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

/// How one attempt failed, as far as retrying is concerned.
#[derive(Debug)]
pub(crate) enum AttemptError {
    /// Worth another attempt.
    Transient {
        cause: Transient,
        retry_after: Option<Duration>,
    },
    /// No attempt can succeed where this one failed.
    Final(ProviderError),
}

#[derive(Debug)]
pub(crate) enum Transient {
    /// Connection refused or reset, or a body that broke off.
    Transport(String),
    TimedOut(Duration),
    RateLimited,
    Server(u16),
}

impl Transient {
    fn describe(&self) -> String {
        match self {
            Self::Transport(detail) => detail.clone(),
            Self::TimedOut(after) => format!("no answer within {after:?}"),
            Self::RateLimited => "rate limited (429)".to_string(),
            Self::Server(status) => format!("server error ({status})"),
        }
    }

    fn into_error(self, attempts: u32, retry_after: Option<Duration>) -> ProviderError {
        match self {
            Self::Transport(_) | Self::TimedOut(_) => ProviderError::Unreachable {
                attempts,
                detail: self.describe(),
            },
            Self::RateLimited => ProviderError::RateLimited {
                attempts,
                retry_after,
            },
            Self::Server(status) => ProviderError::ServerError { status, attempts },
        }
    }
}

/// Applies the limits of one provider to each of its calls.
#[derive(Debug, Clone)]
pub(crate) struct CallGuard {
    pub timeout: Duration,
    pub budget: Duration,
    pub retries: u32,
    pub backoff: Backoff,
    pub permits: Arc<Semaphore>,
}

impl CallGuard {
    /// Runs `attempt` until it succeeds, fails for good, runs out of
    /// retries or would pass the deadline (the earlier of `deadline` and
    /// now plus the guard's budget).
    pub async fn run<T, F, Fut>(
        &self,
        deadline: Option<Instant>,
        mut attempt: F,
    ) -> Result<T, ProviderError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, AttemptError>>,
    {
        let budget_end = Instant::now() + self.budget;
        let deadline = deadline.map_or(budget_end, |given| given.min(budget_end));
        let mut attempts = 0;
        let mut last = String::from("no attempt started");

        loop {
            let Ok(permit) = tokio::time::timeout_at(deadline, self.permits.acquire()).await else {
                return Err(ProviderError::Deadline { attempts, last });
            };
            let permit = permit.expect("a provider never closes its semaphore");

            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(ProviderError::Deadline { attempts, last });
            }
            let limit = self.timeout.min(left);
            attempts += 1;
            let outcome = tokio::time::timeout(limit, attempt()).await;
            drop(permit);

            let (cause, retry_after) = match outcome {
                Ok(Ok(value)) => return Ok(value),
                Ok(Err(AttemptError::Final(error))) => return Err(error.counted(attempts)),
                Ok(Err(AttemptError::Transient { cause, retry_after })) => (cause, retry_after),
                Err(_) if limit < self.timeout => {
                    last = format!("attempt cut off by the deadline after {limit:?}");
                    return Err(ProviderError::Deadline { attempts, last });
                }
                Err(_) => (Transient::TimedOut(limit), None),
            };
            last = cause.describe();
            tracing::warn!(attempt = attempts, cause = %last, "provider call failed");

            if attempts > self.retries {
                return Err(cause.into_error(attempts, retry_after));
            }

            let pause = match retry_after {
                Some(asked) => asked.min(self.backoff.max_retry_after),
                None => self.backoff.pause(attempts),
            };
            if Instant::now() + pause >= deadline {
                return Err(ProviderError::Deadline { attempts, last });
            }
            tracing::debug!(
                attempt = attempts,
                pause_ms = pause.as_millis() as u64,
                "retrying"
            );
            tokio::time::sleep(pause).await;
        }
    }
}

impl Backoff {
    /// The pause after the `failures`-th failure: exponential, capped, then
    /// jittered over its upper half so that callers that failed together do
    /// not come back together.
    pub(crate) fn pause(&self, failures: u32) -> Duration {
        let doubled = self
            .first
            .saturating_mul(1 << failures.saturating_sub(1).min(16));
        let ceiling = doubled.min(self.max);
        let half = ceiling / 2;
        let spread = half.as_millis() as u64;

        half + Duration::from_millis(rand::random_range(0..=spread))
    }
}

/// Reads `Retry-After` as seconds or as an HTTP date, relative to `now`.
/// A date in the past means "now"; anything unreadable is ignored.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }

    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_retry_after_in_seconds() {
        let now = SystemTime::UNIX_EPOCH;

        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("1.5", now),
            Some(Duration::from_millis(1500))
        );
    }

    #[test]
    fn reads_retry_after_as_an_http_date() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();

        let wait = parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now);

        assert_eq!(wait, Some(Duration::from_secs(30)));
    }

    #[test]
    fn treats_a_past_http_date_as_no_wait() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();

        let wait = parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now);

        assert_eq!(wait, Some(Duration::ZERO));
    }

    #[test]
    fn ignores_an_unreadable_retry_after() {
        assert_eq!(parse_retry_after("soon", SystemTime::UNIX_EPOCH), None);
        assert_eq!(parse_retry_after("-3", SystemTime::UNIX_EPOCH), None);
    }

    #[test]
    fn backoff_doubles_within_its_jitter_band_and_stops_at_the_cap() {
        let backoff = Backoff {
            first: Duration::from_millis(100),
            max: Duration::from_millis(350),
            max_retry_after: Duration::from_secs(1),
        };

        for _ in 0..50 {
            let first = backoff.pause(1);
            let second = backoff.pause(2);
            let capped = backoff.pause(6);

            assert!((50..=100).contains(&first.as_millis()), "{first:?}");
            assert!((100..=200).contains(&second.as_millis()), "{second:?}");
            assert!((175..=350).contains(&capped.as_millis()), "{capped:?}");
        }
    }
}
