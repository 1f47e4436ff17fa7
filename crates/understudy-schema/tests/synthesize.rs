//! Writing arguments that validate, feature by feature.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use understudy_schema::{synthesize, synthesize_valid, validate};

fn object(properties: Value, required: &[&str]) -> Value {
    json!({ "type": "object", "properties": properties, "required": required })
}

/// Synthesizes with `seed`, asserting the result validates.
fn valid(schema: &Value, seed: u64) -> Value {
    let arguments = synthesize(schema, &mut ChaCha8Rng::seed_from_u64(seed));
    assert_eq!(validate(schema, &arguments), Ok(()), "{arguments}");
    arguments
}

/// The value of property `name` over seeds `0..n`, where present.
fn values_of(schema: &Value, name: &str, n: u64) -> Vec<Value> {
    (0..n)
        .filter_map(|seed| valid(schema, seed).get(name).cloned())
        .collect()
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let schema = object(
        json!({
            "email": { "type": "string", "format": "email" },
            "note": { "type": "string" },
            "amount": { "type": "number", "minimum": 1 },
            "items": { "type": "array", "items": { "type": "string" } }
        }),
        &["email"],
    );
    for seed in 0..10 {
        let first = serde_json::to_string(&valid(&schema, seed)).unwrap();
        let second = serde_json::to_string(&valid(&schema, seed)).unwrap();
        assert_eq!(first, second);
    }
}

#[test]
fn different_seeds_write_different_arguments() {
    let schema = object(
        json!({ "customerName": { "type": "string" } }),
        &["customerName"],
    );
    let names: std::collections::BTreeSet<String> = values_of(&schema, "customerName", 20)
        .iter()
        .map(Value::to_string)
        .collect();
    assert!(names.len() > 5, "{names:?}");
}

#[test]
fn writes_properties_in_schema_order() {
    let schema = object(
        json!({ "zeta": { "type": "string" }, "alpha": { "type": "string" }, "mid": { "type": "integer" } }),
        &["zeta", "alpha", "mid"],
    );
    let keys: Vec<String> = valid(&schema, 1)
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["zeta", "alpha", "mid"]);
}

#[test]
fn always_writes_required_and_sometimes_optional_properties() {
    let schema = object(
        json!({ "city": { "type": "string" }, "note": { "type": "string" } }),
        &["city"],
    );
    assert_eq!(values_of(&schema, "city", 50).len(), 50);
    let notes = values_of(&schema, "note", 50).len();
    assert!((15..=45).contains(&notes), "{notes} of 50");
}

#[test]
fn picks_a_value_from_an_enum_and_keeps_a_const() {
    let schema = object(
        json!({
            "reason": { "type": "string", "enum": ["damaged", "wrong_size", "other"] },
            "channel": { "const": "chat" }
        }),
        &["reason", "channel"],
    );
    let reasons = values_of(&schema, "reason", 30);
    assert!(
        reasons
            .iter()
            .all(|r| ["damaged", "wrong_size", "other"].contains(&r.as_str().unwrap()))
    );
    assert!(reasons.iter().any(|r| r != &reasons[0]));
    assert!(values_of(&schema, "channel", 5).iter().all(|c| c == "chat"));
}

#[test]
fn uses_an_example_that_validates() {
    let schema = object(
        json!({ "code": { "type": "string", "pattern": "^X", "examples": ["bad", "X-17"] } }),
        &["code"],
    );
    assert!(values_of(&schema, "code", 10).iter().all(|c| c == "X-17"));
}

#[test]
fn writes_nested_objects_and_arrays_of_objects() {
    let schema = object(
        json!({
            "address": object(json!({ "street": { "type": "string" }, "city": { "type": "string" } }), &["street", "city"]),
            "items": { "type": "array", "minItems": 2, "maxItems": 3, "items": object(
                json!({ "sku": { "type": "string" }, "quantity": { "type": "integer", "minimum": 1, "maximum": 5 } }),
                &["sku", "quantity"],
            ) }
        }),
        &["address", "items"],
    );
    for seed in 0..10 {
        let arguments = valid(&schema, seed);
        assert!(arguments["address"]["city"].is_string());
        let count = arguments["items"].as_array().unwrap().len();
        assert!((2..=3).contains(&count));
    }
}

#[test]
fn fills_min_properties_with_listed_then_additional_properties() {
    let schema = json!({ "type": "object", "properties": { "a": { "type": "string" } }, "minProperties": 3 });
    let arguments = valid(&schema, 2);
    assert_eq!(arguments.as_object().unwrap().len(), 3);
    assert!(arguments.get("a").is_some());
}

#[test]
fn writes_no_unlisted_property_when_additional_properties_are_closed() {
    let schema = json!({
        "type": "object",
        "properties": { "a": { "type": "string" }, "b": { "type": "string" } },
        "additionalProperties": false,
        "maxProperties": 1
    });
    for seed in 0..10 {
        assert!(valid(&schema, seed).as_object().unwrap().len() <= 1);
    }
}

#[test]
fn writes_distinct_items_within_the_item_bounds() {
    let schema = object(
        json!({ "tags": { "type": "array", "items": { "type": "string", "enum": ["a", "b", "c", "d"] },
                          "minItems": 3, "maxItems": 4, "uniqueItems": true } }),
        &["tags"],
    );
    for tags in values_of(&schema, "tags", 20) {
        let tags = tags.as_array().unwrap().clone();
        let distinct: std::collections::BTreeSet<String> =
            tags.iter().map(Value::to_string).collect();
        assert_eq!(distinct.len(), tags.len());
    }
}

#[test]
fn writes_tuples_by_position() {
    let schema = object(
        json!({ "pair": { "type": "array", "prefixItems": [{ "type": "integer" }, { "type": "boolean" }],
                          "items": false, "minItems": 2 } }),
        &["pair"],
    );
    let mut draft7 = object(
        json!({ "legacy": { "type": "array", "items": [{ "type": "string" }, { "type": "integer" }],
                            "additionalItems": false, "minItems": 2 } }),
        &["legacy"],
    );
    draft7["$schema"] = json!("http://json-schema.org/draft-07/schema#");

    for seed in 0..10 {
        let pair = valid(&schema, seed)["pair"].clone();
        assert!(pair[0].is_i64() && pair[1].is_boolean(), "{pair}");
        let legacy = valid(&draft7, seed)["legacy"].clone();
        assert!(legacy[0].is_string() && legacy[1].is_i64(), "{legacy}");
    }
}

#[test]
fn respects_string_lengths() {
    let schema = object(
        json!({ "short": { "type": "string", "minLength": 2, "maxLength": 4 },
                "long": { "type": "string", "minLength": 40 } }),
        &["short", "long"],
    );
    for seed in 0..10 {
        let arguments = valid(&schema, seed);
        assert!((2..=4).contains(&arguments["short"].as_str().unwrap().chars().count()));
    }
}

#[test]
fn writes_a_readable_code_for_a_pattern() {
    let schema = object(
        json!({ "code": { "type": "string", "pattern": "^[A-Z0-9]{6}$" } }),
        &["code"],
    );
    for code in values_of(&schema, "code", 10) {
        let code = code.as_str().unwrap();
        assert_eq!(code.len(), 6);
        assert!(
            code.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
            "{code}"
        );
    }
}

#[test]
fn prefers_a_realistic_value_that_matches_the_pattern() {
    let schema = object(
        json!({ "orderNumber": { "type": "string", "pattern": "^ORD-[0-9]{5}$" } }),
        &["orderNumber"],
    );
    let numbers = values_of(&schema, "orderNumber", 5);
    assert!(
        numbers
            .iter()
            .all(|n| n.as_str().unwrap().starts_with("ORD-"))
    );
}

#[test]
fn writes_every_supported_format() {
    let formats = [
        "email",
        "date",
        "date-time",
        "time",
        "uuid",
        "uri",
        "hostname",
        "ipv4",
        "ipv6",
    ];
    let properties: serde_json::Map<String, Value> = formats
        .iter()
        .map(|f| (f.to_string(), json!({ "type": "string", "format": f })))
        .collect();
    let schema = object(Value::Object(properties), &formats);
    for seed in 0..10 {
        valid(&schema, seed);
    }
}

#[test]
fn respects_inclusive_and_exclusive_bounds_in_both_drafts() {
    let modern = object(
        json!({ "a": { "type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 3 },
                "b": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1 },
                "c": { "type": "integer", "minimum": -5, "maximum": -5 } }),
        &["a", "b", "c"],
    );
    let draft4 = object(
        json!({ "a": { "type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 3, "exclusiveMaximum": true },
                "b": { "type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1, "exclusiveMaximum": true } }),
        &["a", "b"],
    );
    for seed in 0..20 {
        let arguments = valid(&modern, seed);
        assert!([1, 2].contains(&arguments["a"].as_i64().unwrap()));
        assert_eq!(arguments["c"], json!(-5));
        let b = valid(&draft4, seed)["b"].as_f64().unwrap();
        assert!(b > 0.0 && b < 1.0);
    }
}

#[test]
fn writes_multiples_of_the_step() {
    let schema = object(
        json!({ "minutes": { "type": "integer", "multipleOf": 15, "minimum": 10, "maximum": 100 },
                "weight": { "type": "number", "multipleOf": 0.1, "minimum": 0.2, "maximum": 0.9 } }),
        &["minutes", "weight"],
    );
    for seed in 0..20 {
        let arguments = valid(&schema, seed);
        assert_eq!(arguments["minutes"].as_i64().unwrap() % 15, 0);
    }
}

#[test]
fn picks_a_branch_of_one_of_and_any_of_that_validates() {
    let schema = object(
        json!({
            "contact": { "oneOf": [
                object(json!({ "email": { "type": "string", "format": "email" } }), &["email"]),
                object(json!({ "phone": { "type": "string", "pattern": "^\\+[0-9 ]+$" } }), &["phone"]),
            ], "type": "object", "additionalProperties": false, "properties": { "email": {}, "phone": {} } },
            "id": { "anyOf": [{ "type": "integer", "minimum": 1 }, { "type": "string", "format": "uuid" }] }
        }),
        &["contact", "id"],
    );
    for seed in 0..20 {
        valid(&schema, seed);
    }
}

#[test]
fn merges_all_of_and_follows_local_references() {
    let schema = json!({
        "type": "object",
        "$defs": { "named": object(json!({ "firstName": { "type": "string" } }), &["firstName"]) },
        "definitions": { "sku": { "type": "string", "pattern": "^SKU-[0-9]{4}$" } },
        "properties": {
            "person": { "allOf": [
                { "$ref": "#/$defs/named" },
                object(json!({ "age": { "type": "integer", "minimum": 18, "maximum": 99 } }), &["age"])
            ] },
            "sku": { "$ref": "#/definitions/sku" }
        },
        "required": ["person", "sku"]
    });
    for seed in 0..10 {
        let arguments = valid(&schema, seed);
        assert!(arguments["person"]["firstName"].is_string());
        assert!(arguments["person"]["age"].is_i64());
    }
}

#[test]
fn ends_a_recursive_schema() {
    let schema = json!({
        "type": "object",
        "$defs": { "node": object(json!({ "name": { "type": "string" }, "child": { "$ref": "#/$defs/node" } }), &["name"]) },
        "properties": { "tree": { "$ref": "#/$defs/node" } },
        "required": ["tree"]
    });
    for seed in 0..10 {
        valid(&schema, seed);
    }
}

#[test]
fn gives_a_value_rather_than_null_for_a_nullable_property() {
    let schema = object(
        json!({ "city": { "type": ["string", "null"] },
                "zip": { "oneOf": [{ "type": "null" }, { "type": "string", "pattern": "^[0-9]{5}$" }] },
                "legacy": { "type": "string", "nullable": true } }),
        &["city", "zip", "legacy"],
    );
    for seed in 0..10 {
        let arguments = valid(&schema, seed);
        assert!(arguments["city"].is_string() && arguments["zip"].is_string());
    }
}

#[test]
fn reports_an_unsatisfiable_schema_instead_of_returning_it() {
    let schema = object(
        json!({ "n": { "type": "integer", "minimum": 5, "maximum": 1 } }),
        &["n"],
    );
    let errors = synthesize_valid(&schema, &mut ChaCha8Rng::seed_from_u64(0)).unwrap_err();
    assert_eq!(errors[0].path, "/n");
    assert!(
        synthesize(&schema, &mut ChaCha8Rng::seed_from_u64(0))
            .get("n")
            .is_some()
    );
}
