//! The prose: unhappy missions give up, German output is German, names
//! and titles are unique and well formed.

mod common;

use std::collections::BTreeSet;

use common::{bank, capabilities, run, spec};
use understudy_persona::{Category, Language};

const GIVING_UP_EN: [&str; 3] = ["end the chat", "leave the chat", "give up"];
const GIVING_UP_DE: [&str; 3] = ["beende den Chat", "gib auf", "brich das Gespräch ab"];

#[test]
fn unhappy_missions_say_when_the_persona_gives_up() {
    for (language, phrases) in [(Language::En, GIVING_UP_EN), (Language::De, GIVING_UP_DE)] {
        let mut asked = spec(30, 3, 12);
        asked.language = language;
        let packages = run(&bank(), &asked).packages;
        let unhappy: Vec<_> = packages
            .iter()
            .filter(|p| p.category == Category::UnhappyPath)
            .collect();
        assert_eq!(unhappy.len(), 6);
        for package in unhappy {
            assert!(
                phrases.iter().any(|p| package.mission.contains(p)),
                "{}",
                package.mission
            );
        }
    }
}

#[test]
fn german_output_is_german_without_english_template_words() {
    let mut german = spec(40, 10, 21);
    german.language = Language::De;
    german.mission_type.success_criteria.clear();
    let english_words: BTreeSet<&str> = [
        "the", "your", "and", "with", "who", "when", "agent's", "user", "is", "to", "ask", "get",
    ]
    .into();

    for flow in [bank(), capabilities(Vec::new())] {
        for package in run(&flow, &german).packages {
            let mut texts = vec![package.persona_description.clone(), package.mission.clone()];
            texts.extend(
                package
                    .success_criteria
                    .iter()
                    .map(|c| c.params.text.clone()),
            );
            let all = texts.join(" ");
            let words: BTreeSet<String> = all
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .map(str::to_lowercase)
                .collect();
            let leftovers: Vec<_> = words
                .iter()
                .filter(|w| english_words.contains(w.as_str()))
                .collect();
            assert!(leftovers.is_empty(), "{leftovers:?} in {all}");
            assert!(
                words.contains("der") || words.contains("die") || words.contains("und"),
                "{all}"
            );
            // Missions speak to the persona informally, never with "Sie".
            let formal = [" Sie ", " Ihre", " Ihr ", " Ihnen"]
                .iter()
                .any(|w| package.mission.contains(w));
            assert!(!formal, "{}", package.mission);
        }
    }
}

#[test]
fn german_missions_use_the_german_object_and_verb() {
    let mut german = spec(5, 2, 2);
    german.language = Language::De;
    for package in run(&bank(), &german).packages {
        assert!(package.mission.contains("Karte"), "{}", package.mission);
        assert!(package.mission.contains("sperr"), "{}", package.mission);
    }
}

#[test]
fn persona_names_are_full_names_and_unique_across_a_hundred_packages() {
    for language in Language::ALL {
        let mut asked = spec(100, 1, 77);
        asked.language = language;
        let packages = run(&bank(), &asked).packages;
        let names: BTreeSet<_> = packages.iter().map(|p| p.persona_name.clone()).collect();
        assert_eq!(names.len(), 100);
        for name in names {
            assert_eq!(name.split_whitespace().count(), 2, "{name}");
            assert!(!name.chars().any(|c| c.is_ascii_digit()), "{name}");
        }
    }
}

#[test]
fn simulation_names_are_short_title_case_and_unique() {
    let packages = run(&bank(), &spec(100, 1, 5)).packages;
    let titles: BTreeSet<_> = packages
        .iter()
        .map(|p| p.simulation_name.to_lowercase())
        .collect();
    assert_eq!(titles.len(), 100);
    for package in &packages {
        let words: Vec<&str> = package.simulation_name.split_whitespace().collect();
        assert!(
            (2..=5).contains(&words.len()),
            "{}",
            package.simulation_name
        );
        let small = [
            "a", "an", "the", "of", "on", "for", "and", "to", "at", "by", "in", "with",
        ];
        for word in words.iter().filter(|w| !small.contains(w)) {
            assert!(
                word.chars().next().unwrap().is_uppercase(),
                "{}",
                package.simulation_name
            );
        }
    }
}

#[test]
fn descriptions_mention_the_age_and_the_agent() {
    for package in run(&bank(), &spec(10, 1, 3)).packages {
        let description = &package.persona_description;
        assert!(description.contains("Bank Assistant"), "{description}");
        assert!(
            description.chars().any(|c| c.is_ascii_digit()),
            "{description}"
        );
    }
}
