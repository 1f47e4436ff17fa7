//! How packages read: tool ids become the right actions in both
//! languages, the persona type is described rather than named, values and
//! labels read as words, twists fit the persona, and titles and criterion
//! names are whole.

mod common;

use common::{capabilities, job, run, tool, utility, worried};
use understudy_flow::Tool;
use understudy_persona::options::options;
use understudy_persona::{Category, Language, PersonaPackage};

fn packages(language: Language) -> Vec<PersonaPackage> {
    (0..3)
        .flat_map(|seed| run(&utility(), &worried(30, 3, seed, language)).packages)
        .collect()
}

fn mission_of<'p>(packages: &'p [PersonaPackage], tool: &str) -> &'p str {
    packages
        .iter()
        .find(|p| p.focus.tools == [tool])
        .map(|p| p.mission.as_str())
        .unwrap_or_else(|| panic!("no package exercises only `{tool}`"))
}

/// `set_up_payment_plan` read "update your up payment plan",
/// `update_contact_details` "look up your update contact details" and
/// `compare_tariffs` "look up your tariffs".
#[test]
fn tool_ids_with_multi_word_and_missing_verbs_read_as_their_actions() {
    let english = packages(Language::En);
    assert!(mission_of(&english, "set_up_payment_plan").contains("set up a payment plan"));
    assert!(mission_of(&english, "update_contact_details").contains("update your contact details"));
    assert!(mission_of(&english, "compare_tariffs").contains("compare the tariffs"));

    let german = packages(Language::De);
    assert!(
        mission_of(&german, "set_up_payment_plan").contains("einen Ratenplan einzurichten")
            || mission_of(&german, "set_up_payment_plan").contains("einen Ratenplan einrichten")
    );
    assert!(mission_of(&german, "update_contact_details").contains("deine Kontaktdaten"));
    assert!(mission_of(&german, "compare_tariffs").contains("die Tarife"));
}

#[test]
fn mission_types_name_the_same_actions() {
    let scope_flow = utility();
    let scope = scope_flow.scope(None).unwrap();
    let names = |language| -> Vec<String> {
        options(&scope, language)
            .mission_types
            .into_iter()
            .map(|m| m.name)
            .collect()
    };
    let english = names(Language::En);
    for name in [
        "Set Up a Payment Plan",
        "Update Your Contact Details",
        "Compare the Tariffs",
    ] {
        assert!(
            english.iter().any(|n| n == name),
            "{name} not in {english:?}"
        );
    }
    let german = names(Language::De);
    for name in [
        "Einen Ratenplan einrichten",
        "Kontaktdaten ändern",
        "Die Tarife vergleichen",
    ] {
        assert!(german.iter().any(|n| n == name), "{name} not in {german:?}");
    }
}

/// An id that does not read as verb and object is not guessed at: the
/// tool's own description says what the persona wants.
#[test]
fn an_id_that_does_not_parse_takes_its_goal_from_the_description() {
    let wizard = Tool {
        description: "Compares the customer's tariff with the cheapest available.".to_owned(),
        ..tool("tariff_wizard", None)
    };
    let flow = capabilities(vec![job("job-1", "Billing", vec![wizard])]);
    let generation = run(&flow, &worried(3, 2, 4, Language::En));
    for package in &generation.packages {
        assert!(
            package
                .mission
                .contains("compare your tariff with the cheapest available"),
            "{}",
            package.mission
        );
    }
}

/// "a textbook example of the “Worried About Money” persona", "belongs
/// to the “Angry” group".
#[test]
fn descriptions_describe_the_person_without_naming_the_persona_type() {
    for language in [Language::En, Language::De] {
        for package in packages(language) {
            assert!(
                !package.persona_description.contains("Worried About Money"),
                "{}",
                package.persona_description
            );
        }
    }
}

/// "severity no_supply", "order replacement no", "line1 “Bahnhofstrasse 27”".
#[test]
fn missions_say_values_and_labels_in_words() {
    for language in [Language::En, Language::De] {
        for package in packages(language) {
            let mission = &package.mission;
            for raw in [
                "no_supply",
                "low_pressure",
                "job_loss",
                "high_bill",
                "line1",
                "paperless billing no",
            ] {
                assert!(!mission.contains(raw), "{raw} in {mission}");
            }
        }
    }
}

/// An anxious, apologetic persona was told to "demand special treatment".
#[test]
fn unhappy_twists_of_an_anxious_persona_ask_rather_than_demand() {
    let forceful = [
        "demand", "insist", "refuse", "push for", "verlange", "bestehe", "fordere", "lehne",
    ];
    for language in [Language::En, Language::De] {
        for package in packages(language) {
            if package.category != Category::UnhappyPath {
                continue;
            }
            let mission = package.mission.to_lowercase();
            for word in forceful {
                assert!(!mission.contains(word), "{word} in {mission}");
            }
        }
    }
}

/// "George Morales's Case" as a title, "Runs Talk To Billing" as a
/// criterion name.
#[test]
fn titles_and_criterion_names_are_whole() {
    for language in [Language::En, Language::De] {
        for package in packages(language) {
            let title = &package.simulation_name;
            assert!(
                !title.ends_with("'s Case") && !title.starts_with("Der Fall"),
                "{title}"
            );
            if package
                .focus
                .tools
                .iter()
                .any(|t| t == "talk_to_billing_team")
                && language == Language::En
            {
                assert!(
                    package
                        .success_criteria
                        .iter()
                        .any(|c| c.params.name.contains("Talk to Billing Team")),
                    "{:?}",
                    package.success_criteria
                );
            }
        }
    }
}

/// "find out how sort out a bill or supply problem works": the mission
/// type's name reads only as a quoted label.
#[test]
fn the_mission_type_name_appears_only_in_quotes() {
    for language in [Language::En, Language::De] {
        for package in packages(language) {
            let mission = package.mission.to_lowercase();
            let bare = mission.matches("sort out a bill or supply problem").count();
            let quoted = mission
                .matches("“sort out a bill or supply problem”")
                .count()
                + mission
                    .matches("„sort out a bill or supply problem“")
                    .count();
            assert_eq!(bare, quoted, "{}", package.mission);
        }
    }
}

/// An impatient type's personas were often described without a word of
/// impatience (some as relaxed): the trait a type pins is always said.
#[test]
fn every_description_says_the_trait_the_persona_type_pins() {
    let low_patience = [
        "expects an answer within seconds",
        "has little patience for follow-up questions",
        "gets restless after the second question",
        "wants it done now rather than in five steps",
        "hates being put on hold",
    ];
    for seed in 0..3 {
        let mut asked = common::spec(30, 3, seed);
        asked.persona_type = understudy_persona::PersonaType {
            name: "Impatient".to_owned(),
            description: "Short on time and wants it solved at once.".to_owned(),
        };

        for package in run(&utility(), &asked).packages {
            assert_eq!(package.traits.patience, "low");
            let description = package.persona_description.to_lowercase();
            assert!(
                low_patience
                    .iter()
                    .any(|phrase| description.contains(phrase)),
                "{description}"
            );
            assert!(!description.contains("relaxed"), "{description}");
        }
    }
}
