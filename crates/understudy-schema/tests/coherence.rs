//! The calls of one package agree with each other and with the persona:
//! names and emails are the persona's, a property keeps its value across
//! calls, an address lies in one country, and dates come in order.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use understudy_schema::{Known, synthesize_with, validate};

fn data() -> Value {
    serde_json::from_str(include_str!("../src/data/values.json")).unwrap()
}

/// The locale (country) each of a street, a city and a postal code
/// belongs to in the data file.
fn locales_of(street: &str, city: &str, postcode: &str) -> (Vec<usize>, Vec<usize>) {
    let data = data();
    let locales = data["locales"].as_array().unwrap();
    let with_street = locales
        .iter()
        .enumerate()
        .filter(|(_, l)| l["streets"].as_array().unwrap().contains(&json!(street)))
        .map(|(i, _)| i)
        .collect();
    let with_place = locales
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l["places"]
                .as_array()
                .unwrap()
                .contains(&json!({ "city": city, "postcode": postcode }))
        })
        .map(|(i, _)| i)
        .collect();
    (with_street, with_place)
}

fn address_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "line1": { "type": "string", "minLength": 3 },
            "city": { "type": "string" },
            "postcode": { "type": "string", "pattern": "^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$" },
            "country": { "type": "string" }
        },
        "required": ["line1", "city", "postcode", "country"]
    })
}

/// A persona named Yuki Khan gave the contact name "Jakob Rossi" and
/// `jakob.rossi@example.com`.
#[test]
fn names_and_emails_are_the_persona_s_own() {
    let schema = json!({ "type": "object", "required": ["contact"], "properties": {
        "contact": { "type": "object", "required": ["name", "email"], "properties": {
            "name": { "type": "string" }, "email": { "type": "string", "format": "email" }
        } }
    } });
    for seed in 0..10 {
        let mut known = Known::about("Yuki", "Khan");
        let arguments = synthesize_with(&schema, &mut ChaCha8Rng::seed_from_u64(seed), &mut known);
        assert_eq!(arguments["contact"]["name"], "Yuki Khan");
        let email = arguments["contact"]["email"].as_str().unwrap();
        assert!(email.starts_with("yuki.khan@example."), "{email}");
    }
}

/// One customer gave two different account numbers to two tools of one
/// package.
#[test]
fn a_property_keeps_its_value_across_the_calls_of_a_package() {
    let account = json!({ "type": "string", "pattern": "^BW-[0-9]{8}$" });
    let first = json!({ "type": "object", "required": ["accountNumber", "email"],
        "properties": { "accountNumber": account, "email": { "type": "string", "format": "email" } } });
    let second = json!({ "type": "object", "required": ["accountNumber", "reading"],
        "properties": { "accountNumber": account, "reading": { "type": "integer" } } });
    for seed in 0..10 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut known = Known::new();
        let a = synthesize_with(&first, &mut rng, &mut known);
        let b = synthesize_with(&second, &mut rng, &mut known);
        assert_eq!(a["accountNumber"], b["accountNumber"]);
        assert_eq!(known.value("accountNumber"), Some(&a["accountNumber"]));
    }
}

/// An earlier value the later schema rejects is not forced on it.
#[test]
fn a_shared_value_the_schema_rejects_is_written_afresh() {
    let first = json!({ "type": "object", "required": ["accountNumber"],
        "properties": { "accountNumber": { "type": "string", "pattern": "^BW-[0-9]{8}$" } } });
    let second = json!({ "type": "object", "required": ["accountNumber"],
        "properties": { "accountNumber": { "type": "string", "pattern": "^[0-9]{6}$" } } });
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let mut known = Known::new();
    synthesize_with(&first, &mut rng, &mut known);
    let b = synthesize_with(&second, &mut rng, &mut known);
    assert_eq!(validate(&second, &b), Ok(()));
}

/// A UK address schema got "Berlin" as its city beside a UK postcode.
#[test]
fn an_address_lies_in_one_country_that_its_schema_accepts() {
    let schema = address_schema();
    for seed in 0..20 {
        let arguments = synthesize_with(
            &schema,
            &mut ChaCha8Rng::seed_from_u64(seed),
            &mut Known::new(),
        );
        assert_eq!(validate(&schema, &arguments), Ok(()));
        let text = |key: &str| arguments[key].as_str().unwrap().to_owned();
        let (streets, places) = locales_of(&text("line1"), &text("city"), &text("postcode"));
        assert_eq!(streets, places, "{arguments}");
        assert_eq!(text("country"), "United Kingdom", "{arguments}");
    }
}

#[test]
fn the_addresses_of_one_package_stay_in_one_country() {
    let free = json!({ "type": "object", "required": ["city", "country"],
        "properties": { "city": { "type": "string" }, "country": { "type": "string" } } });
    for seed in 0..10 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut known = Known::new();
        let a = synthesize_with(&free, &mut rng, &mut known);
        let b = synthesize_with(&free, &mut rng, &mut known);
        assert_eq!(a["country"], b["country"]);
    }
}

/// A move-out date fell after the move-in date.
#[test]
fn a_move_out_never_comes_after_the_move_in() {
    let date = json!({ "type": "string", "format": "date" });
    let schema = json!({ "type": "object", "required": ["moveOutDate", "moveInDate", "startDate", "endDate"],
        "properties": { "moveOutDate": date, "moveInDate": date, "startDate": date, "endDate": date } });
    for seed in 0..30 {
        let arguments = synthesize_with(
            &schema,
            &mut ChaCha8Rng::seed_from_u64(seed),
            &mut Known::new(),
        );
        let text = |key: &str| arguments[key].as_str().unwrap().to_owned();
        assert!(text("moveOutDate") <= text("moveInDate"), "{arguments}");
        assert!(text("startDate") <= text("endDate"), "{arguments}");
    }
}

#[test]
fn a_second_address_line_names_a_flat_not_a_random_word() {
    let schema = json!({ "type": "object", "required": ["line1", "line2"], "properties": {
        "line1": { "type": "string" }, "line2": { "type": "string", "maxLength": 80 }
    } });
    let flats = data()["flats"].as_array().unwrap().clone();
    for seed in 0..10 {
        let arguments = synthesize_with(
            &schema,
            &mut ChaCha8Rng::seed_from_u64(seed),
            &mut Known::new(),
        );
        assert!(flats.contains(&arguments["line2"]), "{arguments}");
    }
}
