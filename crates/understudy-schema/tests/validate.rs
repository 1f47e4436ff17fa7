//! Checking schemas and validating arguments against them.

use serde_json::json;
use understudy_schema::{CompiledSchema, SchemaError, check_schema, validate};

#[test]
fn accepts_an_object_schema() {
    let schema = json!({ "type": "object", "properties": { "city": { "type": "string" } } });
    assert_eq!(check_schema(&schema), Ok(()));
}

#[test]
fn accepts_a_schema_with_properties_and_no_type() {
    let schema = json!({ "properties": { "city": { "type": "string" } } });
    assert_eq!(check_schema(&schema), Ok(()));
}

#[test]
fn rejects_a_schema_that_is_not_an_object() {
    for schema in [
        json!({ "type": "string" }),
        json!({}),
        json!(true),
        json!("object"),
    ] {
        assert_eq!(
            check_schema(&schema),
            Err(SchemaError::NotAnObjectSchema),
            "{schema}"
        );
    }
}

#[test]
fn rejects_an_object_schema_that_does_not_compile() {
    let schema = json!({ "type": "object", "properties": { "n": { "minimum": "one" } } });
    assert!(matches!(
        check_schema(&schema),
        Err(SchemaError::Invalid(_))
    ));
}

#[test]
fn rejects_a_schema_that_points_at_a_remote_document() {
    let schema = json!({
        "type": "object",
        "properties": { "a": { "$ref": "https://example.com/schemas/address.json" } }
    });
    assert!(matches!(
        check_schema(&schema),
        Err(SchemaError::Invalid(_))
    ));
}

#[test]
fn reports_every_error_with_its_instance_path() {
    let schema = json!({
        "type": "object",
        "properties": {
            "orderNumber": { "type": "string", "pattern": "^ORD-[0-9]{5}$" },
            "items": { "type": "array", "items": {
                "type": "object",
                "properties": { "quantity": { "type": "integer", "minimum": 1 } }
            } }
        },
        "required": ["orderNumber", "email"]
    });
    let arguments = json!({ "orderNumber": "A-1", "items": [{ "quantity": 0 }] });

    let mut errors = validate(&schema, &arguments).unwrap_err();
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["", "/items/0/quantity", "/orderNumber"]);
    assert_eq!(errors[0].message, "\"email\" is a required property");
    assert_eq!(errors[1].message, "0 is less than the minimum of 1");
}

#[test]
fn says_value_instead_of_repeating_a_whole_object() {
    let schema = json!({ "type": "object", "properties": { "a": { "type": "string" } } });
    let errors = validate(&schema, &json!({ "a": { "nested": [1, 2, 3] } })).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "value is not of type \"string\"");
}

#[test]
fn asserts_every_common_format() {
    let cases = [
        ("email", "jana.novak@example.com", "jana.novak"),
        ("date", "2026-06-20", "2026-13-01"),
        ("date-time", "2026-06-20T14:30:00Z", "2026-06-20 14:30"),
        ("time", "14:30:00Z", "25:00:00Z"),
        ("uuid", "6f1c2a9e-3b4d-4c5e-8f70-123456789abc", "6f1c2a9e"),
        ("uri", "https://www.example.com/help", "not a uri"),
        ("ipv4", "203.0.113.7", "203.0.113.700"),
        ("ipv6", "2001:db8::1", "2001:db8:::1"),
        ("hostname", "shop.example.com", "-shop.example.com"),
    ];
    for (format, good, bad) in cases {
        let schema = json!({ "type": "object", "properties": { "v": { "type": "string", "format": format } } });
        assert_eq!(
            validate(&schema, &json!({ "v": good })),
            Ok(()),
            "{format} {good}"
        );
        let errors = validate(&schema, &json!({ "v": bad })).unwrap_err();
        assert_eq!(errors[0].path, "/v", "{format} {bad}");
    }
}

#[test]
fn reads_boolean_exclusive_bounds_as_draft_4() {
    let schema = json!({
        "type": "object",
        "properties": { "n": { "type": "number", "minimum": 0, "exclusiveMinimum": true } }
    });
    assert_eq!(check_schema(&schema), Ok(()));
    assert!(validate(&schema, &json!({ "n": 0 })).is_err());
    assert_eq!(validate(&schema, &json!({ "n": 0.5 })), Ok(()));
}

#[test]
fn reports_a_schema_that_does_not_compile_as_one_error_at_the_root() {
    let schema = json!({ "type": "object", "properties": { "n": { "type": "nonsense" } } });
    let errors = validate(&schema, &json!({})).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "");
    assert!(
        errors[0]
            .message
            .starts_with("the parameter schema is invalid"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_compiled_schema_validates_many_arguments() {
    let schema = json!({
        "type": "object",
        "properties": { "email": { "type": "string", "format": "email" } },
        "required": ["email"]
    });
    let compiled = CompiledSchema::compile(&schema).unwrap();
    assert!(compiled.is_valid(&json!({ "email": "jana.novak@example.com" })));
    assert!(!compiled.is_valid(&json!({ "email": "jana" })));
    assert_eq!(compiled.validate(&json!({})).unwrap_err().len(), 1);
}

#[test]
fn resolves_local_references_to_definitions() {
    let schema = json!({
        "type": "object",
        "definitions": { "sku": { "type": "string", "minLength": 3 } },
        "$defs": { "qty": { "type": "integer", "minimum": 1 } },
        "properties": { "sku": { "$ref": "#/definitions/sku" }, "qty": { "$ref": "#/$defs/qty" } }
    });
    assert_eq!(
        validate(&schema, &json!({ "sku": "ABC", "qty": 2 })),
        Ok(())
    );
    let errors = validate(&schema, &json!({ "sku": "A", "qty": 0 })).unwrap_err();
    assert_eq!(errors.len(), 2);
}
