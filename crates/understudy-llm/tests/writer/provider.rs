//! Provider failures: what the provider retries is invisible to the
//! writer; what it cannot fix ends the write as unavailable, and the
//! deadline ends it on time.

use std::time::{Duration, Instant};

use understudy_persona::pipeline::GenerateOptions;
use understudy_persona::{GenerateError, WriteError};

use crate::fake::{Answer, Fake, Step};
use crate::{config, generate, plans, run, spec, usage};

/// A 429 is waited out as its Retry-After asks, inside one writer call.
#[tokio::test]
async fn waits_out_a_429_with_retry_after() {
    let steps = vec![
        Step::new(Answer::Status(429, "{}")).header("retry-after", "1"),
        Step::new(Answer::Valid),
    ];
    let started = Instant::now();

    let (fake, result) = run(&spec(5), steps).await;

    assert_eq!(result.unwrap().usage, usage(1, 0));
    assert_eq!(fake.calls(), 2);
    assert!(started.elapsed() >= Duration::from_secs(1));
}

/// 500 and 503 are retried by the provider; the writer sees one call.
#[tokio::test]
async fn rides_out_500_and_503() {
    let steps = vec![
        Step::new(Answer::Status(500, "oops")),
        Step::new(Answer::Status(503, "busy")),
        Step::new(Answer::Valid),
    ];

    let (fake, result) = run(&spec(5), steps).await;

    assert_eq!(result.unwrap().usage, usage(1, 0));
    assert_eq!(fake.calls(), 3);
}

/// A server that keeps answering 503 makes the writer unavailable.
#[tokio::test]
async fn is_unavailable_when_the_server_keeps_failing() {
    let (fake, result) = run(&spec(5), vec![Step::new(Answer::Status(503, "busy"))]).await;

    let error = result.unwrap_err();
    assert!(
        matches!(&error, GenerateError::Write(WriteError::Unavailable(m)) if m.contains("answered 503")),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 3);
}

/// Attempts that time out, every one, make the writer unavailable.
#[tokio::test]
async fn is_unavailable_when_every_attempt_times_out() {
    let asked_for = spec(5);
    let fake = Fake::serve(
        plans(&asked_for),
        vec![Step::new(Answer::Valid).after(Duration::from_secs(2))],
    )
    .await;
    let mut config = config(&fake.base);
    config.timeout = Duration::from_millis(150);

    let error = generate(&config, &asked_for, GenerateOptions::default())
        .await
        .unwrap_err();

    assert!(
        matches!(&error, GenerateError::Write(WriteError::Unavailable(m)) if m.contains("could not be reached after 3 attempt(s)")),
        "{error:?}"
    );
}

/// A refused connection makes the writer unavailable.
#[tokio::test]
async fn is_unavailable_when_the_connection_is_refused() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);

    let error = generate(&config(&base), &spec(5), GenerateOptions::default())
        .await
        .unwrap_err();

    assert!(
        matches!(&error, GenerateError::Write(WriteError::Unavailable(m)) if m.contains("could not be reached")),
        "{error:?}"
    );
}

/// A rejected key makes the writer unavailable with the provider's hint.
#[tokio::test]
async fn is_unavailable_with_the_hint_when_the_key_is_rejected() {
    let body = r#"{"error":{"message":"Incorrect API key provided"}}"#;

    let (fake, result) = run(&spec(5), vec![Step::new(Answer::Status(401, body))]).await;

    let error = result.unwrap_err();
    let GenerateError::Write(WriteError::Unavailable(message)) = &error else {
        panic!("expected unavailable, got {error:?}");
    };
    assert!(
        message.contains("check UNDERSTUDY_LLM_API_KEY"),
        "{message}"
    );
    assert!(message.contains("Incorrect API key provided"), "{message}");
    assert_eq!(fake.calls(), 1);
}

/// A slow model meets the request's deadline: the write ends on time.
#[tokio::test]
async fn stops_at_the_deadline() {
    let asked_for = spec(12);
    let fake = Fake::serve(
        plans(&asked_for),
        vec![Step::new(Answer::Valid).after(Duration::from_secs(3))],
    )
    .await;
    let started = Instant::now();
    let options = GenerateOptions {
        deadline: Some(started + Duration::from_millis(300)),
        ..GenerateOptions::default()
    };

    let error = generate(&config(&fake.base), &asked_for, options)
        .await
        .unwrap_err();

    assert!(
        matches!(&error, GenerateError::Write(WriteError::Deadline(_))),
        "{error:?}"
    );
    let took = started.elapsed();
    assert!(took < Duration::from_millis(600), "took {took:?}");
}
