//! The Anthropic Messages API against a fake.

use serde_json::json;
use understudy_llm::{
    AnthropicProvider, Finish, OutputMode, Provider, ProviderError, ProviderKind, Rejection, Usage,
};

use crate::fake::{Fake, Step};
use crate::{KEY, assert_key_hidden, config, persona_schema, structured};

fn message(content: serde_json::Value, stop_reason: &str) -> serde_json::Value {
    json!({
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "test-model",
        "content": content,
        "stop_reason": stop_reason,
        "usage": { "input_tokens": 40, "output_tokens": 17 }
    })
}

async fn provider_for(fake: &Fake, mode: OutputMode) -> AnthropicProvider {
    let mut config = config(ProviderKind::Anthropic, &fake.base);
    config.output_mode = mode;
    AnthropicProvider::new(&config).unwrap()
}

/// A plain call sends the system prompt and version header, signs with
/// `x-api-key`, and maps text blocks, `end_turn` and usage.
#[tokio::test]
async fn completes_text_and_maps_usage_and_end_turn() {
    let content =
        json!([{ "type": "text", "text": "Hello " }, { "type": "text", "text": "there" }]);
    let fake = Fake::serve(vec![Step::ok(message(content, "end_turn"))]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;
    let config = config(ProviderKind::Anthropic, &fake.base);

    let reply = provider
        .complete(&config.completion("Be brief.", "Greet me."))
        .await
        .unwrap();

    assert_eq!(reply.text, "Hello there");
    assert_eq!(reply.finish, Finish::Stop);
    assert_eq!(
        reply.usage,
        Usage {
            prompt_tokens: 40,
            completion_tokens: 17
        }
    );
    assert_eq!(fake.calls(), 1);

    let seen = &fake.seen()[0];
    assert_eq!(seen.path_and_query, "/v1/messages");
    assert_eq!(seen.header("x-api-key"), Some(KEY));
    assert_eq!(seen.header("anthropic-version"), Some("2023-06-01"));
    assert_eq!(seen.header("authorization"), None);
    assert_eq!(
        seen.body,
        json!({
            "model": "test-model",
            "max_tokens": 2048,
            "system": "Be brief.",
            "messages": [{ "role": "user", "content": "Greet me." }],
            "temperature": 0.7
        })
    );
}

/// With a schema, the answer comes through a forced tool whose input is
/// the JSON object.
#[tokio::test]
async fn a_schema_becomes_a_forced_tool_whose_input_is_the_reply() {
    let content = json!([{
        "type": "tool_use",
        "id": "toolu_1",
        "name": "persona_package",
        "input": { "personaName": "Ada" }
    }]);
    let fake = Fake::serve(vec![Step::ok(message(content, "tool_use"))]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;

    let reply = provider
        .complete(&structured(&config(ProviderKind::Anthropic, "")))
        .await
        .unwrap();

    assert_eq!(reply.text, r#"{"personaName":"Ada"}"#);
    assert_eq!(reply.json().unwrap(), json!({"personaName": "Ada"}));
    assert_eq!(reply.finish, Finish::Stop);

    let body = &fake.seen()[0].body;
    assert_eq!(body["system"], json!("You write test users."));
    assert_eq!(
        body["tools"],
        json!([{
            "name": "persona_package",
            "description": "Give the answer as this tool's input.",
            "input_schema": persona_schema()
        }])
    );
    assert_eq!(
        body["tool_choice"],
        json!({ "type": "tool", "name": "persona_package" })
    );
}

/// In text mode there is no tool; the schema rides in the system prompt.
#[tokio::test]
async fn text_mode_sends_no_tool_and_extracts_the_json() {
    let content = json!([{ "type": "text", "text": "Sure: {\"personaName\": \"Bo\"}" }]);
    let fake = Fake::serve(vec![Step::ok(message(content, "end_turn"))]).await;
    let provider = provider_for(&fake, OutputMode::Text).await;

    let reply = provider
        .complete(&structured(&config(ProviderKind::Anthropic, "")))
        .await
        .unwrap();

    assert_eq!(reply.json().unwrap(), json!({"personaName": "Bo"}));
    let body = &fake.seen()[0].body;
    assert_eq!(body.get("tools"), None);
    assert_eq!(body.get("tool_choice"), None);
    assert!(
        body["system"]
            .as_str()
            .unwrap()
            .contains("follows this JSON Schema")
    );
}

/// `max_tokens` means the reply was cut short.
#[tokio::test]
async fn maps_stop_reason_max_tokens_to_length() {
    let content = json!([{ "type": "text", "text": "{\"personaName\": \"A" }]);
    let fake = Fake::serve(vec![Step::ok(message(content, "max_tokens"))]).await;
    let provider = provider_for(&fake, OutputMode::Text).await;

    let reply = provider
        .complete(&structured(&config(ProviderKind::Anthropic, "")))
        .await
        .unwrap();

    assert_eq!(reply.finish, Finish::Length);
}

/// `refusal` is a refusal.
#[tokio::test]
async fn maps_stop_reason_refusal() {
    let fake = Fake::serve(vec![Step::ok(message(json!([]), "refusal"))]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;

    let reply = provider
        .complete(&structured(&config(ProviderKind::Anthropic, "")))
        .await
        .unwrap();

    assert_eq!(reply.finish, Finish::Refusal);
    assert_eq!(reply.text, "");
}

/// Anthropic's 529 "overloaded" is retried like a 503.
#[tokio::test]
async fn retries_an_overloaded_answer() {
    let overloaded = json!({ "type": "error", "error": { "type": "overloaded_error", "message": "Overloaded" } });
    let content = json!([{ "type": "text", "text": "ok" }]);
    let fake = Fake::serve(vec![
        Step::status(529, overloaded.to_string()),
        Step::ok(message(content, "end_turn")),
    ])
    .await;
    let provider = provider_for(&fake, OutputMode::Text).await;

    let reply = provider
        .complete(&structured(&config(ProviderKind::Anthropic, "")))
        .await
        .unwrap();

    assert_eq!(reply.text, "ok");
    assert_eq!(fake.calls(), 2);
}

/// An unknown model is a 404 rejection with Anthropic's message, tried once.
#[tokio::test]
async fn an_unknown_model_is_rejected_once() {
    let body = json!({ "type": "error", "error": { "type": "not_found_error", "message": "model: test-model" } });
    let fake = Fake::serve(vec![Step::status(404, body.to_string())]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;

    let error = provider
        .complete(&structured(&config(ProviderKind::Anthropic, "")))
        .await
        .unwrap_err();

    assert_eq!(fake.calls(), 1);
    assert!(matches!(
        &error,
        ProviderError::Rejected { status: 404, reason: Rejection::NotFound, message }
            if message == "model: test-model"
    ));
    assert_key_hidden(&error);
}
