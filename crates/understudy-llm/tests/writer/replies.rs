//! Replies that cannot be used as they are: each is asked for again with
//! the reasons, for only the packages still missing, within the repair
//! attempts; past them the write fails as unusable.

use understudy_persona::writer::WriterUsage;
use understudy_persona::{GenerateError, WriteError};

use crate::fake::{Answer, COMPLETION_TOKENS, PROMPT_TOKENS, Step, asked};
use crate::{run, spec, usage};

/// A reply that is not JSON is asked for again, saying so.
#[tokio::test]
async fn asks_again_after_a_reply_that_is_not_json() {
    let steps = vec![Step::new(Answer::NotJson), Step::new(Answer::Valid)];

    let (fake, result) = run(&spec(5), steps).await;

    assert_eq!(result.unwrap().usage, usage(2, 1));
    let prompts = fake.prompts();
    assert!(
        prompts[1].contains("- the reply was not one JSON object: the reply holds no JSON value"),
        "{}",
        prompts[1]
    );
    assert_eq!(asked(&prompts[1]), [1, 2, 3, 4, 5]);
}

/// A bare number and a bare array are not the object asked for.
#[tokio::test]
async fn asks_again_after_a_bare_number_or_an_array() {
    for (answer, found) in [(Answer::Number, "a number"), (Answer::Array, "an array")] {
        let steps = vec![Step::new(answer.clone()), Step::new(Answer::Valid)];

        let (fake, result) = run(&spec(5), steps).await;

        assert_eq!(result.unwrap().usage, usage(2, 1), "{answer:?}");
        let reason = format!("the reply's JSON is {found}, but an object was required");
        assert!(fake.prompts()[1].contains(&reason), "{answer:?}");
    }
}

/// A package with a missing field is asked for alone, with the field named.
#[tokio::test]
async fn asks_again_for_only_the_package_with_a_missing_field() {
    let steps = vec![
        Step::new(Answer::MissingPersonaName),
        Step::new(Answer::Valid),
    ];

    let (fake, result) = run(&spec(5), steps).await;

    let generation = result.unwrap();
    assert_eq!(generation.usage, usage(2, 1));
    assert_eq!(generation.packages.len(), 5);
    let second = &fake.prompts()[1];
    assert_eq!(asked(second), [1]);
    assert!(
        second.contains("- package 1: personaName missing"),
        "{second}"
    );
}

/// A package left out of the reply is asked for again.
#[tokio::test]
async fn asks_again_for_a_package_left_out() {
    let steps = vec![Step::new(Answer::TooFew), Step::new(Answer::Valid)];

    let (fake, result) = run(&spec(5), steps).await;

    assert_eq!(result.unwrap().usage, usage(2, 1));
    let second = &fake.prompts()[1];
    assert_eq!(asked(second), [5]);
    assert!(
        second.contains("- package 5: missing from the reply"),
        "{second}"
    );
}

/// A reply cut short by the token limit splits the batch in halves,
/// asked for side by side.
#[tokio::test]
async fn splits_a_batch_whose_reply_hit_the_token_limit() {
    let steps = vec![Step::new(Answer::Length), Step::new(Answer::Valid)];

    let (fake, result) = run(&spec(5), steps).await;

    let generation = result.unwrap();
    assert_eq!(generation.packages.len(), 5);
    assert_eq!(generation.usage, usage(3, 2));
    let mut halves: Vec<Vec<usize>> = fake.prompts()[1..].iter().map(|p| asked(p)).collect();
    halves.sort();
    assert_eq!(halves, [vec![1, 2], vec![3, 4, 5]]);
}

/// A single package cut short is asked again to be shorter, and fails as
/// unusable once the repair attempts are spent.
#[tokio::test]
async fn splits_down_to_single_packages_and_then_gives_up() {
    let (fake, result) = run(&spec(1), vec![Step::new(Answer::Length)]).await;

    let error = result.unwrap_err();
    assert!(
        matches!(&error, GenerateError::Write(WriteError::Unusable(m)) if m.contains("cut short by the token limit")),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 3);
}

/// A refusal or a content filter is asked once more.
#[tokio::test]
async fn asks_once_more_after_a_refusal_or_a_content_filter() {
    for answer in [Answer::Refusal, Answer::ContentFilter] {
        let steps = vec![Step::new(answer.clone()), Step::new(Answer::Valid)];

        let (fake, result) = run(&spec(5), steps).await;

        assert_eq!(result.unwrap().usage, usage(2, 1), "{answer:?}");
        assert!(fake.prompts()[1].contains("the last reply declined the task"));
    }
}

/// A second refusal ends the write as unusable.
#[tokio::test]
async fn fails_after_a_second_refusal() {
    let (fake, result) = run(&spec(5), vec![Step::new(Answer::Refusal)]).await;

    let error = result.unwrap_err();
    assert!(
        matches!(&error, GenerateError::Write(WriteError::Unusable(m)) if m.ends_with("I can't help with that.")),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 2);
}

/// A response with no choices is asked for again; its tokens go
/// uncounted, as the provider reports the response as an error.
#[tokio::test]
async fn asks_again_after_a_response_without_choices() {
    let steps = vec![Step::new(Answer::NoChoices), Step::new(Answer::Valid)];

    let (fake, result) = run(&spec(5), steps).await;

    let expected = WriterUsage {
        prompt_tokens: PROMPT_TOKENS,
        completion_tokens: COMPLETION_TOKENS,
        calls: 2,
        repairs: 1,
    };
    assert_eq!(result.unwrap().usage, Some(expected));
    assert!(fake.prompts()[1].contains("- the response held no choices"));
}

/// Output that stays unusable fails the write after one call and two
/// repairs, with the reason; no package is passed on.
#[tokio::test]
async fn fails_as_unusable_when_the_repairs_run_out() {
    let (fake, result) = run(&spec(5), vec![Step::new(Answer::NotJson)]).await;

    let error = result.unwrap_err();
    assert!(
        matches!(&error, GenerateError::Write(WriteError::Unusable(m)) if m == "the reply was not one JSON object: the reply holds no JSON value"),
        "{error:?}"
    );
    assert_eq!(fake.calls(), 3);
}
