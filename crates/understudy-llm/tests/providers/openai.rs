//! Chat Completions (OpenAI, compatible servers, Azure) against a fake.

use serde_json::json;
use understudy_llm::{
    Finish, OpenAiProvider, OutputMode, Provider, ProviderError, ProviderKind, Rejection, Usage,
};

use crate::fake::{Fake, Step};
use crate::{KEY, assert_key_hidden, config, persona_schema, structured};

fn chat(content: &str, finish: &str) -> serde_json::Value {
    json!({
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [{
            "index": 0,
            "message": { "role": "assistant", "content": content, "refusal": null },
            "finish_reason": finish
        }],
        "usage": { "prompt_tokens": 31, "completion_tokens": 12, "total_tokens": 43 }
    })
}

async fn provider_for(fake: &Fake, mode: OutputMode) -> OpenAiProvider {
    let mut config = config(ProviderKind::OpenAi, &format!("{}/v1", fake.base));
    config.output_mode = mode;
    OpenAiProvider::new(&config).unwrap()
}

/// A structured call sends the schema strictly, signs with a bearer key,
/// and maps the content, `stop` and usage.
#[tokio::test]
async fn completes_with_a_strict_json_schema_and_maps_usage_and_finish() {
    let fake = Fake::serve(vec![Step::ok(chat(r#"{"personaName":"Ada"}"#, "stop"))]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;
    let request = structured(&config(ProviderKind::OpenAi, &fake.base));

    let reply = provider.complete(&request).await.unwrap();

    assert_eq!(reply.text, r#"{"personaName":"Ada"}"#);
    assert_eq!(reply.json().unwrap(), json!({"personaName": "Ada"}));
    assert_eq!(reply.finish, Finish::Stop);
    assert_eq!(
        reply.usage,
        Usage {
            prompt_tokens: 31,
            completion_tokens: 12
        }
    );
    assert_eq!(fake.calls(), 1);

    let seen = &fake.seen()[0];
    assert_eq!(seen.path_and_query, "/v1/chat/completions");
    assert_eq!(
        seen.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(
        seen.body,
        json!({
            "model": "test-model",
            "messages": [
                { "role": "system", "content": "You write test users." },
                { "role": "user", "content": "Write one." }
            ],
            "max_tokens": 2048,
            "temperature": 0.7,
            "response_format": {
                "type": "json_schema",
                "json_schema": { "name": "persona_package", "schema": persona_schema(), "strict": true }
            }
        })
    );
}

/// `json_object` mode asks for any object and puts the schema in the
/// system prompt, since the API will not hold the reply to it.
#[tokio::test]
async fn json_object_mode_carries_the_schema_in_the_system_prompt() {
    let fake = Fake::serve(vec![Step::ok(chat(r#"{"personaName":"Bo"}"#, "stop"))]).await;
    let provider = provider_for(&fake, OutputMode::JsonObject).await;
    let request = structured(&config(ProviderKind::OpenAi, &fake.base));

    provider.complete(&request).await.unwrap();

    let body = &fake.seen()[0].body;
    assert_eq!(body["response_format"], json!({ "type": "json_object" }));
    let system = body["messages"][0]["content"].as_str().unwrap();
    assert!(system.starts_with("You write test users.\n\nReply with one JSON object only"));
    assert!(system.contains(r#""required":["personaName"]"#), "{system}");
}

/// Text mode sends no response format; the JSON is found in the prose.
#[tokio::test]
async fn text_mode_sends_no_response_format_and_the_json_is_extracted() {
    let prose = "Here is the persona:\n```json\n{\"personaName\": \"Cy\"}\n```";
    let fake = Fake::serve(vec![Step::ok(chat(prose, "stop"))]).await;
    let provider = provider_for(&fake, OutputMode::Text).await;
    let request = structured(&config(ProviderKind::OpenAi, &fake.base));

    let reply = provider.complete(&request).await.unwrap();

    assert_eq!(fake.seen()[0].body.get("response_format"), None);
    assert_eq!(reply.text, prose);
    assert_eq!(reply.json().unwrap(), json!({"personaName": "Cy"}));
}

/// A reply cut by the token limit says so.
#[tokio::test]
async fn maps_finish_reason_length() {
    let fake = Fake::serve(vec![Step::ok(chat("{\"personaName\": \"Da", "length"))]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;

    let reply = provider
        .complete(&structured(&config(ProviderKind::OpenAi, "")))
        .await
        .unwrap();

    assert_eq!(reply.finish, Finish::Length);
    assert_eq!(
        reply.json().unwrap_err(),
        understudy_llm::ExtractError::Incomplete
    );
}

/// A filtered reply says so.
#[tokio::test]
async fn maps_finish_reason_content_filter() {
    let fake = Fake::serve(vec![Step::ok(chat("", "content_filter"))]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;

    let reply = provider
        .complete(&structured(&config(ProviderKind::OpenAi, "")))
        .await
        .unwrap();

    assert_eq!(reply.finish, Finish::ContentFilter);
}

/// `message.refusal` becomes a refusal, whatever `finish_reason` says.
#[tokio::test]
async fn maps_a_refusal() {
    let body = json!({
        "choices": [{
            "message": { "role": "assistant", "content": null, "refusal": "I can't help with that." },
            "finish_reason": "stop"
        }],
        "usage": { "prompt_tokens": 9, "completion_tokens": 6 }
    });
    let fake = Fake::serve(vec![Step::ok(body)]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;

    let reply = provider
        .complete(&structured(&config(ProviderKind::OpenAi, "")))
        .await
        .unwrap();

    assert_eq!(reply.finish, Finish::Refusal);
    assert_eq!(reply.text, "I can't help with that.");
    assert_eq!(
        reply.usage,
        Usage {
            prompt_tokens: 9,
            completion_tokens: 6
        }
    );
}

/// An empty `choices` list is its own error, not an empty reply.
#[tokio::test]
async fn no_choices_is_a_typed_error() {
    let fake = Fake::serve(vec![Step::ok(json!({ "choices": [], "usage": null }))]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;

    let error = provider
        .complete(&structured(&config(ProviderKind::OpenAi, "")))
        .await
        .unwrap_err();

    assert!(matches!(error, ProviderError::NoChoices), "{error:?}");
    assert_eq!(fake.calls(), 1);
}

/// A 2xx body that is not Chat Completions JSON is reported, not retried.
#[tokio::test]
async fn an_unreadable_body_is_an_invalid_response() {
    let fake = Fake::serve(vec![Step::status(200, "<html>proxy login</html>")]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;

    let error = provider
        .complete(&structured(&config(ProviderKind::OpenAi, "")))
        .await
        .unwrap_err();

    assert!(
        matches!(error, ProviderError::InvalidResponse(_)),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 1);
}

/// The error of one structured call to a provider that answers `status`
/// with `body`, after asserting that it was asked once only.
async fn refused_once(status: u16, body: String) -> ProviderError {
    let fake = Fake::serve(vec![Step::status(status, body)]).await;
    let provider = provider_for(&fake, OutputMode::JsonSchema).await;

    let error = provider
        .complete(&structured(&config(ProviderKind::OpenAi, "")))
        .await
        .unwrap_err();

    assert_eq!(fake.calls(), 1);
    error
}

/// A 401 is not retried, names the fix, and never shows the key, even
/// when the provider echoes it back.
#[tokio::test]
async fn a_bad_key_is_rejected_once_without_showing_the_key() {
    let echo = json!({ "error": { "message": format!("Incorrect API key provided: {KEY}."), "code": "invalid_api_key" } });
    let error = refused_once(401, echo.to_string()).await;
    let ProviderError::Rejected {
        status,
        reason,
        message,
    } = &error
    else {
        panic!("expected a rejection, got {error:?}");
    };
    assert_eq!((*status, *reason), (401, Rejection::BadKey));
    assert_eq!(message, "Incorrect API key provided: [redacted].");
    assert!(error.to_string().contains("check UNDERSTUDY_LLM_API_KEY"));
    assert_key_hidden(&error);
}

/// llama-cpp-python's server answers a `json_schema` response format it
/// does not know with a 500, which was retried and then reported as a
/// server error: it is a rejection that names the output mode setting.
#[tokio::test]
async fn an_output_mode_refused_with_a_server_error_names_the_setting_once() {
    let body = json!({ "error": { "message": "1 validation error: ('body', 'response_format', 'type'): Input should be 'text' or 'json_object'", "type": "internal_server_error" } });
    let error = refused_once(500, body.to_string()).await;
    assert!(
        matches!(
            error,
            ProviderError::Rejected {
                status: 500,
                reason: Rejection::BadRequest,
                ..
            }
        ),
        "{error:?}"
    );
    let said = error.to_string();
    assert!(said.contains("UNDERSTUDY_LLM_OUTPUT"), "{said}");
    assert!(
        said.contains("Input should be 'text' or 'json_object'"),
        "{said}"
    );
}

/// An unknown model is a 404 that names the model setting, not retried.
#[tokio::test]
async fn an_unknown_model_is_rejected_once_with_the_providers_message() {
    let body = json!({ "error": { "message": "The model `test-model` does not exist", "code": "model_not_found" } });
    let error = refused_once(404, body.to_string()).await;
    assert!(matches!(
        &error,
        ProviderError::Rejected { status: 404, reason: Rejection::NotFound, message }
            if message == "The model `test-model` does not exist"
    ));
    assert!(error.to_string().contains("UNDERSTUDY_LLM_MODEL"));
    assert_key_hidden(&error);
}

/// Azure puts the deployment and API version in the URL, the key in
/// `api-key`, no model in the body, and uses `max_completion_tokens`.
#[tokio::test]
async fn azure_uses_deployment_urls_and_the_api_key_header() {
    let fake = Fake::serve(vec![Step::ok(chat(r#"{"personaName":"Eve"}"#, "stop"))]).await;
    let mut config = config(ProviderKind::Azure, &fake.base);
    config.model = "persona-writer".to_string();
    config.api_version = "2024-10-21".to_string();
    let provider = OpenAiProvider::new(&config).unwrap();

    let reply = provider.complete(&structured(&config)).await.unwrap();

    assert_eq!(reply.json().unwrap(), json!({"personaName": "Eve"}));
    assert_eq!(provider.model(), "persona-writer");
    let seen = &fake.seen()[0];
    assert_eq!(
        seen.path_and_query,
        "/openai/deployments/persona-writer/chat/completions?api-version=2024-10-21"
    );
    assert_eq!(seen.header("api-key"), Some(KEY));
    assert_eq!(seen.header("authorization"), None);
    assert_eq!(seen.body.get("model"), None);
    assert_eq!(seen.body["max_completion_tokens"], json!(2048));
    assert_eq!(seen.body.get("max_tokens"), None);
}

/// A local compatible server (Ollama, vLLM) may be used without a key:
/// no authorization header is sent.
#[tokio::test]
async fn a_local_server_needs_no_key() {
    let fake = Fake::serve(vec![Step::ok(chat("hello", "stop"))]).await;
    let mut config = config(ProviderKind::OpenAi, &format!("{}/v1", fake.base));
    config.api_key = None;
    let provider = understudy_llm::connect(&config).unwrap();

    let reply = provider
        .complete(&config.completion("s", "u"))
        .await
        .unwrap();

    assert_eq!(reply.text, "hello");
    assert_eq!(fake.seen()[0].header("authorization"), None);
}

/// A provider can be logged whole: its `Debug` form holds no key.
#[tokio::test]
async fn a_provider_shows_no_key_in_debug() {
    let openai = OpenAiProvider::new(&config(ProviderKind::OpenAi, "http://127.0.0.1:9")).unwrap();
    let azure = OpenAiProvider::new(&config(ProviderKind::Azure, "http://127.0.0.1:9")).unwrap();

    for shown in [format!("{openai:?}"), format!("{azure:?}")] {
        assert!(!shown.contains(KEY), "{shown}");
        assert!(shown.contains("Secret([redacted])"), "{shown}");
    }
}
