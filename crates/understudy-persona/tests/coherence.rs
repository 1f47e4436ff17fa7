//! One package never contradicts itself: its tool calls speak of the
//! persona by name, share one account number, keep an address in one
//! country and put a move-out before the move-in.

mod common;

use serde_json::Value;

use common::{run, utility, worried};
use understudy_persona::{Language, PersonaPackage};

/// The expected arguments of every call of a package, by tool.
fn calls(package: &PersonaPackage) -> Vec<(String, Value)> {
    package
        .success_criteria
        .iter()
        .filter_map(|c| c.params.expected_tool_call.as_ref())
        .map(|call| (call.tool.clone(), call.arguments.clone()))
        .collect()
}

fn packages(language: Language) -> Vec<PersonaPackage> {
    (0..3)
        .flat_map(|seed| run(&utility(), &worried(40, 4, seed, language)).packages)
        .collect()
}

/// The persona "Yuki Khan" gave the contact name "Jakob Rossi" and
/// `jakob.rossi@example.com`.
#[test]
fn contact_names_and_emails_are_the_persona_s_own() {
    let mut seen = 0;
    for language in [Language::En, Language::De] {
        for package in packages(language) {
            for (tool, arguments) in calls(&package) {
                if tool != "update_contact_details" {
                    continue;
                }
                seen += 1;
                assert_eq!(arguments["contact"]["name"], package.persona_name.as_str());
                let email = arguments["contact"]["email"].as_str().unwrap();
                let first = package
                    .persona_name
                    .split(' ')
                    .next()
                    .unwrap()
                    .to_lowercase();
                assert!(
                    email.starts_with(&format!("{first}.")),
                    "{email} for {}",
                    package.persona_name
                );
            }
        }
    }
    assert!(seen > 0);
}

/// One customer gave two different account numbers to two tools of one
/// package.
#[test]
fn the_calls_of_a_package_share_one_account_number() {
    let mut shared = 0;
    for package in packages(Language::En) {
        let numbers: Vec<Value> = calls(&package)
            .into_iter()
            .filter_map(|(_, arguments)| arguments.get("accountNumber").cloned())
            .collect();
        if numbers.len() > 1 {
            shared += 1;
            assert!(numbers.windows(2).all(|w| w[0] == w[1]), "{numbers:?}");
        }
    }
    assert!(
        shared > 0,
        "no package exercised two tools with an account number"
    );
}

#[test]
fn a_move_out_never_comes_after_the_move_in() {
    for package in packages(Language::En) {
        for (tool, arguments) in calls(&package) {
            if tool == "request_move_out" {
                let out = arguments["moveOutDate"].as_str().unwrap();
                let moved_in = arguments["moveInDate"].as_str().unwrap();
                assert!(out <= moved_in, "{arguments}");
            }
        }
    }
}

/// A UK address schema got "Berlin" as its city beside a UK postcode.
#[test]
fn an_address_lies_in_the_country_of_its_postcode() {
    let data: Value =
        serde_json::from_str(include_str!("../../understudy-schema/src/data/values.json")).unwrap();
    let uk = data["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["country"]["alpha2"] == "GB")
        .unwrap();
    let places = uk["places"].as_array().unwrap();

    for package in packages(Language::En) {
        for (tool, arguments) in calls(&package) {
            if tool == "update_contact_details" {
                let address = &arguments["billingAddress"];
                let place =
                    serde_json::json!({ "city": address["city"], "postcode": address["postcode"] });
                assert!(places.contains(&place), "{address}");
            }
        }
    }
}
