//! Property tests: whatever object schema proptest builds from the features
//! tools use, synthesized arguments validate against it, and a seed always
//! writes the same bytes.

use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Value, json};
use understudy_schema::{Known, synthesize, synthesize_with, validate};

/// Names that steer realistic values, so that those are checked against
/// constraints they were not written for.
const NAMES: &[&str] = &[
    "email",
    "phone",
    "firstName",
    "customerName",
    "city",
    "postal_code",
    "country",
    "orderNumber",
    "quantity",
    "refundAmount",
    "reason",
    "note",
    "checkInDate",
    "value",
    "code",
    "age",
    "rating",
    "currency",
    "website",
    "bookingId",
];

const PATTERNS: &[&str] = &[
    "^[A-Z0-9]{6}$",
    "^ORD-[0-9]{5}$",
    "^\\d{3,5}$",
    "^[a-z]+(-[a-z]+)*$",
    "^\\+?[0-9 ]{7,15}$",
    "[A-Z]{2}",
    "^(EUR|USD|GBP)$",
];

const FORMATS: &[&str] = &[
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

fn string_schema() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({ "type": "string" })),
        (0..6u64, 2..30u64).prop_map(
            |(min, extra)| json!({ "type": "string", "minLength": min, "maxLength": min + extra })
        ),
        prop::sample::select(PATTERNS).prop_map(|p| json!({ "type": "string", "pattern": p })),
        prop::sample::select(FORMATS).prop_map(|f| json!({ "type": "string", "format": f })),
        prop::collection::vec("[a-z_]{1,8}", 2..5)
            .prop_map(|values| json!({ "type": "string", "enum": values })),
        Just(json!({ "type": ["string", "null"], "maxLength": 40 })),
    ]
}

fn number_schema() -> impl Strategy<Value = Value> {
    let bounds = (
        -50i64..50,
        2i64..200,
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![None, Some(1.0), Some(2.0), Some(5.0)]),
    );
    (bounds, any::<bool>()).prop_map(|((low, span, low_open, high_open, step), integer)| {
        let mut schema = Map::new();
        schema.insert(
            "type".into(),
            json!(if integer { "integer" } else { "number" }),
        );
        let (low_key, high_key) = (
            if low_open {
                "exclusiveMinimum"
            } else {
                "minimum"
            },
            if high_open {
                "exclusiveMaximum"
            } else {
                "maximum"
            },
        );
        schema.insert(low_key.into(), json!(low));
        if span % 3 != 0 {
            schema.insert(high_key.into(), json!(low + span + 10));
        }
        if let Some(step) = step {
            schema.insert(
                "multipleOf".into(),
                if integer {
                    json!(step as i64)
                } else {
                    json!(step / 4.0)
                },
            );
        }
        Value::Object(schema)
    })
}

fn leaf_schema() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => string_schema(),
        3 => number_schema(),
        1 => Just(json!({ "type": "boolean" })),
        1 => Just(json!({ "const": "fixed" })),
    ]
}

fn object_of(property: impl Strategy<Value = Value>) -> impl Strategy<Value = Value> {
    let properties = prop::collection::vec((prop::sample::select(NAMES), property), 1..6);
    (properties, prop::collection::vec(any::<bool>(), 6), any::<bool>()).prop_map(
        |(properties, required_flags, closed)| {
            let properties: Map<String, Value> =
                properties.into_iter().map(|(n, s)| (n.to_string(), s)).collect();
            let required: Vec<&String> =
                properties.keys().zip(&required_flags).filter(|(_, r)| **r).map(|(n, _)| n).collect();
            json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": !closed })
        },
    )
}

fn array_of(item: impl Strategy<Value = Value>) -> impl Strategy<Value = Value> {
    (item, 0..3u64, 0..4u64).prop_map(|(item, min, extra)| {
        json!({ "type": "array", "items": item, "minItems": min, "maxItems": min + extra })
    })
}

fn unique_array() -> impl Strategy<Value = Value> {
    (0..3u64).prop_map(|min| {
        json!({ "type": "array", "items": { "type": "string", "pattern": "^[A-Z0-9]{6}$" },
                "minItems": min, "maxItems": min + 3, "uniqueItems": true })
    })
}

fn property_schema() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![4 => leaf_schema(), 1 => unique_array()];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            2 => object_of(inner.clone()),
            2 => array_of(inner.clone()),
            1 => prop::collection::vec(inner, 2..3).prop_map(|branches| json!({ "anyOf": branches })),
        ]
    })
}

fn tool_schema() -> impl Strategy<Value = Value> {
    object_of(property_schema())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn synthesized_arguments_validate(schema in tool_schema(), seed in any::<u64>()) {
        for offset in 0..4 {
            let arguments = synthesize(&schema, &mut ChaCha8Rng::seed_from_u64(seed.wrapping_add(offset)));
            prop_assert_eq!(validate(&schema, &arguments), Ok(()), "{} for {}", arguments, schema);
        }
    }

    #[test]
    fn the_same_seed_writes_the_same_bytes(schema in tool_schema(), seed in any::<u64>()) {
        let first = synthesize(&schema, &mut ChaCha8Rng::seed_from_u64(seed));
        let second = synthesize(&schema, &mut ChaCha8Rng::seed_from_u64(seed));
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
    }

    #[test]
    fn calls_that_share_what_is_known_still_validate(
        first in tool_schema(),
        second in tool_schema(),
        seed in any::<u64>(),
    ) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut known = Known::about("Zoë", "O'Brien");
        for schema in [&first, &second, &first] {
            let arguments = synthesize_with(schema, &mut rng, &mut known);
            prop_assert_eq!(validate(schema, &arguments), Ok(()), "{} for {}", arguments, schema);
        }
    }

    #[test]
    fn draft_4_boolean_bounds_are_met(low in -20i64..20, span in 2i64..50, integer in any::<bool>(), seed in any::<u64>()) {
        let kind = if integer { "integer" } else { "number" };
        let schema = json!({ "type": "object", "required": ["n"], "properties": { "n": {
            "type": kind, "minimum": low, "exclusiveMinimum": true, "maximum": low + span, "exclusiveMaximum": true
        } } });
        let arguments = synthesize(&schema, &mut ChaCha8Rng::seed_from_u64(seed));
        prop_assert_eq!(validate(&schema, &arguments), Ok(()), "{}", arguments);
    }
}
