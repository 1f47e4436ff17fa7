//! Values a person would give, chosen by the property's name.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use understudy_schema::{synthesize, validate};

/// The value written for a lone required property, over several seeds.
fn written(name: &str, property: Value) -> Vec<Value> {
    let schema = json!({ "type": "object", "properties": { name: property }, "required": [name] });
    (0..12)
        .map(|seed| {
            let arguments = synthesize(&schema, &mut ChaCha8Rng::seed_from_u64(seed));
            assert_eq!(validate(&schema, &arguments), Ok(()));
            arguments[name].clone()
        })
        .collect()
}

fn strings(name: &str, property: Value) -> Vec<String> {
    written(name, property)
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_email_property_gets_a_name_at_an_example_domain() {
    for email in strings("customerEmail", json!({ "type": "string" })) {
        let (local, domain) = email.split_once('@').expect("has @");
        assert!(local.contains('.') && local.chars().all(|c| c.is_ascii_lowercase() || c == '.'));
        assert!(
            domain.ends_with("example.com") || domain.starts_with("example."),
            "{email}"
        );
    }
}

#[test]
fn a_phone_property_gets_an_international_number() {
    for phone in strings("phoneNumber", json!({ "type": "string" })) {
        assert!(phone.starts_with('+') && phone.chars().filter(char::is_ascii_digit).count() >= 10);
    }
}

#[test]
fn name_properties_get_first_last_and_full_names() {
    for first in strings("first_name", json!({ "type": "string" })) {
        assert!(
            !first.contains(' ') && first.chars().next().unwrap().is_uppercase(),
            "{first}"
        );
    }
    for full in strings("customerName", json!({ "type": "string" })) {
        assert_eq!(full.split(' ').count(), 2, "{full}");
    }
}

#[test]
fn a_country_limited_to_two_characters_gets_an_iso_code() {
    for code in strings("country", json!({ "type": "string", "maxLength": 2 })) {
        assert!(
            code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()),
            "{code}"
        );
    }
    assert!(
        strings("country", json!({ "type": "string" }))
            .iter()
            .any(|c| c.len() > 3)
    );
}

#[test]
fn address_parts_get_a_city_a_street_and_a_postal_code() {
    assert!(
        strings("city", json!({ "type": "string" }))
            .iter()
            .all(|c| c.chars().all(char::is_alphabetic))
    );
    assert!(
        strings("street", json!({ "type": "string" }))
            .iter()
            .all(|s| s.contains(char::is_numeric) && s.contains(char::is_alphabetic))
    );
    for code in strings("postalCode", json!({ "type": "string" })) {
        assert!(
            (4..=8).contains(&code.len())
                && code
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || c == ' '),
            "{code}"
        );
    }
}

#[test]
fn an_order_number_gets_a_prefixed_number() {
    for number in strings("orderNumber", json!({ "type": "string" })) {
        assert!(
            number.starts_with("ORD-") && number[4..].parse::<u32>().is_ok(),
            "{number}"
        );
    }
}

#[test]
fn a_reason_gets_a_short_sentence() {
    for reason in strings("reason", json!({ "type": "string" })) {
        assert!(
            reason.ends_with('.') && reason.split(' ').count() >= 4,
            "{reason}"
        );
    }
}

#[test]
fn money_gets_at_most_two_decimals_within_bounds() {
    for amount in written(
        "refundAmount",
        json!({ "type": "number", "minimum": 0, "maximum": 500 }),
    ) {
        let amount = amount.as_f64().unwrap();
        assert!((0.0..=500.0).contains(&amount));
        assert!(
            ((amount * 100.0).round() - amount * 100.0).abs() < 1e-6,
            "{amount}"
        );
    }
}

#[test]
fn a_quantity_gets_a_small_count() {
    for quantity in written("quantity", json!({ "type": "integer", "minimum": 1 })) {
        assert!((1..=4).contains(&quantity.as_i64().unwrap()), "{quantity}");
    }
}

#[test]
fn a_quantity_outside_the_small_counts_still_meets_its_bounds() {
    for quantity in written(
        "quantity",
        json!({ "type": "integer", "minimum": 50, "maximum": 60 }),
    ) {
        assert!(
            (50..=60).contains(&quantity.as_i64().unwrap()),
            "{quantity}"
        );
    }
}

#[test]
fn dates_fall_near_a_fixed_base_date() {
    for date in strings("checkInDate", json!({ "type": "string", "format": "date" })) {
        assert!(
            ("2026-06-16".."2026-08-15").contains(&date.as_str()),
            "{date}"
        );
    }
    for date in strings("purchaseDate", json!({ "type": "string" })) {
        assert!(
            ("2026-04-15".."2026-06-15").contains(&date.as_str()),
            "{date}"
        );
    }
}

#[test]
fn an_email_name_that_must_match_a_pattern_falls_back_to_the_pattern() {
    for email in strings(
        "email",
        json!({ "type": "string", "pattern": "^[0-9]{4}$" }),
    ) {
        assert!(email.len() == 4 && email.parse::<u32>().is_ok(), "{email}");
    }
}

#[test]
fn a_name_in_the_description_guides_a_vaguely_named_property() {
    let property = json!({ "type": "string", "description": "The email of the customer" });
    assert!(strings("value", property).iter().all(|v| v.contains('@')));
}

#[test]
fn the_name_and_email_of_one_person_agree() {
    let schema = json!({ "type": "object", "required": ["firstName", "lastName", "email"], "properties": {
        "firstName": { "type": "string" }, "lastName": { "type": "string" }, "email": { "type": "string" }
    } });
    for seed in 0..10 {
        let arguments = synthesize(&schema, &mut ChaCha8Rng::seed_from_u64(seed));
        let first = arguments["firstName"].as_str().unwrap().to_lowercase();
        let last = arguments["lastName"].as_str().unwrap().to_lowercase();
        assert!(
            arguments["email"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{first}.{last}@")),
            "{arguments}"
        );
    }
}

#[test]
fn each_further_item_of_a_list_of_people_is_someone_else() {
    let passenger = json!({ "type": "object", "required": ["fullName"], "properties": { "fullName": { "type": "string" } } });
    let schema = json!({ "type": "object", "required": ["passengers"], "properties": {
        "passengers": { "type": "array", "items": passenger, "minItems": 3, "maxItems": 3 }
    } });
    let distinct = (0..10)
        .filter(|seed| {
            let arguments = synthesize(&schema, &mut ChaCha8Rng::seed_from_u64(*seed));
            let names = arguments["passengers"].as_array().unwrap();
            names[0] != names[1] && names[1] != names[2] && names[0] != names[2]
        })
        .count();
    assert_eq!(distinct, 10);
}

#[test]
fn a_bare_name_is_a_person_unless_its_description_names_something_else() {
    let data: Value = serde_json::from_str(include_str!("../src/data/values.json")).unwrap();
    let first_names = data["first_names"].as_array().unwrap();
    let companies = data["companies"].as_array().unwrap();

    for name in strings("name", json!({ "type": "string" })) {
        let first = name.split(' ').next().unwrap();
        assert!(first_names.contains(&json!(first)), "{name}");
    }
    let company = json!({ "type": "string", "description": "Name of the company" });
    for name in strings("name", company) {
        assert!(companies.contains(&json!(name)), "{name}");
    }
}
