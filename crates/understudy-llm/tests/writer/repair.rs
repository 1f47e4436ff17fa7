//! The pipeline's repair loop with the LLM writer: packages that fail
//! their checks are written again with the reasons, only those packages,
//! for at most the configured rounds.

use understudy_persona::{GenerateError, Language};

use crate::fake::{Answer, Step, asked, persona_name};
use crate::{run, spec, usage};

/// Personas that share a name are caught by the checks; the later ones
/// are written again, and the first is kept.
#[tokio::test]
async fn rewrites_the_later_of_duplicate_personas() {
    let steps = vec![Step::new(Answer::SamePersona), Step::new(Answer::Valid)];

    let (fake, result) = run(&spec(3), steps).await;

    let generation = result.unwrap();
    assert_eq!(generation.usage, usage(2, 1));
    let names: Vec<&str> = generation
        .packages
        .iter()
        .map(|p| p.persona_name.as_str())
        .collect();
    assert_eq!(names, ["Sam Taylor", &persona_name(2), &persona_name(3)]);

    let rewrite = &fake.prompts()[1];
    assert_eq!(asked(rewrite), [2, 3]);
    assert!(
        rewrite.contains("- package 3: personaName `Sam Taylor` is also used by package 2"),
        "{rewrite}"
    );
    assert!(
        rewrite.contains("Your previous version of this package:"),
        "{rewrite}"
    );
}

/// English prose for a German request fails the language check and is
/// written again in German.
#[tokio::test]
async fn rewrites_packages_in_the_wrong_language() {
    let mut german = spec(3);
    german.language = Language::De;
    let steps = vec![Step::new(Answer::Valid), Step::new(Answer::German)];

    let (fake, result) = run(&german, steps).await;

    let generation = result.unwrap();
    assert_eq!(generation.usage, usage(2, 1));
    assert!(
        generation
            .packages
            .iter()
            .all(|p| p.mission.contains("möchte"))
    );
    let rewrite = &fake.prompts()[1];
    assert_eq!(asked(rewrite), [1, 2, 3]);
    assert!(rewrite.contains("read as English"), "{rewrite}");
}

/// Prose that stays in the wrong language fails the generation with the
/// check's problems after the last round.
#[tokio::test]
async fn fails_the_check_when_the_language_stays_wrong() {
    let mut german = spec(2);
    german.language = Language::De;

    let (fake, result) = run(&german, vec![Step::new(Answer::Valid)]).await;

    let Err(GenerateError::Check(problems)) = result else {
        panic!("expected a check failure, got {result:?}");
    };
    assert_eq!(problems.len(), 2);
    assert!(
        problems
            .iter()
            .all(|p| p.message.contains("expected German"))
    );
    assert_eq!(fake.calls(), 3);
}
