//! The call guard, seen through a Chat Completions provider: which
//! failures are retried, how often, how long it waits, and where it stops.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::time::Instant;
use understudy_llm::{OpenAiProvider, Provider, ProviderConfig, ProviderError, ProviderKind};

use crate::fake::{Fake, Step};
use crate::{assert_key_hidden, config, structured};

fn success() -> Step {
    Step::ok(json!({
        "choices": [{ "message": { "content": "{\"personaName\":\"Ada\"}" }, "finish_reason": "stop" }],
        "usage": { "prompt_tokens": 1, "completion_tokens": 1 }
    }))
}

fn openai(base: &str) -> ProviderConfig {
    config(ProviderKind::OpenAi, &format!("{base}/v1"))
}

async fn call(config: &ProviderConfig) -> Result<understudy_llm::Reply, ProviderError> {
    let provider = OpenAiProvider::new(config).unwrap();
    provider.complete(&structured(config)).await
}

/// A 429 is retried after the `Retry-After` the server asked for.
#[tokio::test]
async fn waits_out_retry_after_on_429_then_succeeds() {
    let fake = Fake::serve(vec![
        Step::status(429, "{}").header("retry-after", "1"),
        success(),
    ])
    .await;
    let started = Instant::now();

    let reply = call(&openai(&fake.base)).await.unwrap();

    assert_eq!(reply.text, "{\"personaName\":\"Ada\"}");
    assert_eq!(fake.calls(), 2);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(1),
        "retried after only {waited:?}"
    );
    assert!(waited < Duration::from_secs(3), "took {waited:?}");
}

/// A `Retry-After` longer than the cap is cut to the cap.
#[tokio::test]
async fn caps_a_long_retry_after() {
    let fake = Fake::serve(vec![
        Step::status(429, "{}").header("retry-after", "3600"),
        success(),
    ])
    .await;
    let mut config = openai(&fake.base);
    config.backoff.max_retry_after = Duration::from_millis(50);
    let started = Instant::now();

    call(&config).await.unwrap();

    assert_eq!(fake.calls(), 2);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

/// A `Retry-After` that would carry the retry past the deadline ends the
/// call at once with `Deadline`, rather than sleeping into it.
#[tokio::test]
async fn stops_at_once_when_retry_after_would_pass_the_deadline() {
    let fake = Fake::serve(vec![
        Step::status(429, "{}").header("retry-after", "4"),
        success(),
    ])
    .await;
    let mut config = openai(&fake.base);
    config.deadline = Duration::from_secs(2);
    let started = Instant::now();

    let error = call(&config).await.unwrap_err();

    assert!(
        matches!(&error, ProviderError::Deadline { attempts: 1, last } if last == "rate limited (429)"),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 1);
    assert!(started.elapsed() < Duration::from_secs(1));
}

/// 500 and 503 are retried, and the third attempt's answer comes back.
#[tokio::test]
async fn retries_500_and_503_then_succeeds() {
    let fake = Fake::serve(vec![
        Step::status(500, "oops"),
        Step::status(503, "busy"),
        success(),
    ])
    .await;

    let reply = call(&openai(&fake.base)).await.unwrap();

    assert_eq!(reply.text, "{\"personaName\":\"Ada\"}");
    assert_eq!(fake.calls(), 3);
}

/// When every attempt meets a 502, the last status comes back typed,
/// after exactly one attempt plus the configured retries.
#[tokio::test]
async fn gives_up_with_the_server_error_when_retries_run_out() {
    let fake = Fake::serve(vec![Step::status(502, "bad gateway")]).await;

    let error = call(&openai(&fake.base)).await.unwrap_err();

    assert!(
        matches!(
            error,
            ProviderError::ServerError {
                status: 502,
                attempts: 3
            }
        ),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 3);
    assert_key_hidden(&error);
}

/// Persistent 429s end as `RateLimited` with the last wait the server asked.
#[tokio::test]
async fn gives_up_rate_limited_when_retries_run_out() {
    let fake = Fake::serve(vec![Step::status(429, "{}").header("retry-after", "0")]).await;
    let mut config = openai(&fake.base);
    config.retries = 1;

    let error = call(&config).await.unwrap_err();

    assert!(
        matches!(error, ProviderError::RateLimited { attempts: 2, retry_after: Some(d) } if d.is_zero()),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 2);
}

/// With no retries configured, one failure is the answer.
#[tokio::test]
async fn zero_retries_means_one_attempt() {
    let fake = Fake::serve(vec![Step::status(503, "busy"), success()]).await;
    let mut config = openai(&fake.base);
    config.retries = 0;

    let error = call(&config).await.unwrap_err();

    assert!(
        matches!(
            error,
            ProviderError::ServerError {
                status: 503,
                attempts: 1
            }
        ),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 1);
}

/// A 401 after a 503 is final: the 401 ends the call, no more attempts.
#[tokio::test]
async fn a_rejection_after_a_retry_ends_the_call() {
    let fake = Fake::serve(vec![
        Step::status(503, "busy"),
        Step::status(401, "{}"),
        success(),
    ])
    .await;

    let error = call(&openai(&fake.base)).await.unwrap_err();

    assert!(
        matches!(error, ProviderError::Rejected { status: 401, .. }),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 2);
}

/// A server slower than the attempt timeout is timed out and retried;
/// when every attempt times out, the provider is `Unreachable`.
#[tokio::test]
async fn times_out_a_slow_server_and_retries_until_unreachable() {
    let fake = Fake::serve(vec![success().after(Duration::from_secs(5))]).await;
    let mut config = openai(&fake.base);
    config.timeout = Duration::from_millis(150);
    let started = Instant::now();

    let error = call(&config).await.unwrap_err();

    assert!(
        matches!(&error, ProviderError::Unreachable { attempts: 3, detail } if detail == "no answer within 150ms"),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 3);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

/// A slow server that times out once and then answers is retried.
#[tokio::test]
async fn a_timed_out_attempt_is_retried() {
    let fake = Fake::serve(vec![success().after(Duration::from_secs(5)), success()]).await;
    let mut config = openai(&fake.base);
    config.timeout = Duration::from_millis(150);

    call(&config).await.unwrap();

    assert_eq!(fake.calls(), 2);
}

/// The caller's deadline cuts the second attempt short: `Deadline`, not a
/// third attempt, and no later than the deadline.
#[tokio::test]
async fn no_attempt_passes_the_callers_deadline() {
    let fake = Fake::serve(vec![success().after(Duration::from_secs(5))]).await;
    let mut config = openai(&fake.base);
    config.timeout = Duration::from_millis(200);
    config.retries = 5;
    let provider = OpenAiProvider::new(&config).unwrap();
    let mut request = structured(&config);
    let started = Instant::now();
    request.deadline = Some(started + Duration::from_millis(320));

    let error = provider.complete(&request).await.unwrap_err();

    assert!(
        matches!(error, ProviderError::Deadline { attempts: 2, .. }),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 2);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(320) && took < Duration::from_millis(600),
        "took {took:?}"
    );
}

/// A refused connection is retried and ends `Unreachable`.
#[tokio::test]
async fn a_refused_connection_is_unreachable_after_retries() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);

    let error = call(&openai(&base)).await.unwrap_err();

    let ProviderError::Unreachable { attempts, detail } = &error else {
        panic!("expected Unreachable, got {error:?}");
    };
    assert_eq!(*attempts, 3);
    assert!(detail.to_lowercase().contains("refused"), "{detail}");
    assert_key_hidden(&error);
}

/// A connection reset before any answer is retried on a new connection
/// (the fake accepts exactly two).
#[tokio::test]
async fn a_reset_connection_is_retried() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let accepted = tokio::spawn(async move {
        let (first, _) = listener.accept().await.unwrap();
        // Closing with the request unread makes the kernel answer with RST.
        first.readable().await.unwrap();
        drop(first);

        let (mut second, _) = listener.accept().await.unwrap();
        read_request(&mut second).await;
        let body = r#"{"choices":[{"message":{"content":"{}"},"finish_reason":"stop"}]}"#;
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        second.write_all(head.as_bytes()).await.unwrap();
        second.write_all(body.as_bytes()).await.unwrap();
        2
    });

    let reply = call(&openai(&base)).await.unwrap();

    assert_eq!(reply.text, "{}");
    assert_eq!(accepted.await.unwrap(), 2);
}

/// Reads one HTTP/1.1 request: headers, then a body of `content-length`.
async fn read_request(stream: &mut tokio::net::TcpStream) {
    let mut seen = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let read = stream.read(&mut chunk).await.unwrap();
        seen.extend_from_slice(&chunk[..read]);
        let text = String::from_utf8_lossy(&seen).to_lowercase();
        let Some(end) = text.find("\r\n\r\n") else {
            continue;
        };
        let length: usize = text
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .map_or(0, |value| value.trim().parse().unwrap());
        if seen.len() >= end + 4 + length || read == 0 {
            return;
        }
    }
}

/// The concurrency limit holds across parallel calls of one provider.
#[tokio::test]
async fn never_has_more_calls_in_flight_than_the_limit() {
    let fake = Fake::serve(vec![success().after(Duration::from_millis(100))]).await;
    let mut config = openai(&fake.base);
    config.concurrency = 2;
    let provider = Arc::new(OpenAiProvider::new(&config).unwrap());
    let request = structured(&config);

    let calls = (0..6).map(|_| {
        let provider = provider.clone();
        let request = request.clone();
        tokio::spawn(async move { provider.complete(&request).await })
    });
    for call in calls.collect::<Vec<_>>() {
        call.await.unwrap().unwrap();
    }

    assert_eq!(fake.calls(), 6);
    assert_eq!(fake.most_in_flight(), 2);
}
