//! Arguments and schemas in words.

use serde_json::json;
use understudy_schema::{Fact, facts, summarize};

fn fact(path: &str, label: &str, value: &str) -> Fact {
    Fact {
        path: path.into(),
        label: label.into(),
        value: value.into(),
    }
}

#[test]
fn lists_leaves_in_schema_order_with_paths_and_labels() {
    let schema = json!({
        "type": "object",
        "properties": {
            "orderNumber": { "type": "string" },
            "address": { "type": "object", "properties": {
                "postal_code": { "type": "string" }, "city": { "type": "string", "title": "Town" }
            } },
            "items": { "type": "array", "items": { "type": "object", "properties": {
                "sku": { "type": "string" }, "quantity": { "type": "integer" }
            } } }
        }
    });
    let arguments = json!({
        "items": [{ "quantity": 2, "sku": "SKU-1" }],
        "address": { "city": "Berlin", "postal_code": "10115" },
        "orderNumber": "ORD-12345"
    });
    assert_eq!(
        facts(&schema, &arguments),
        vec![
            fact("orderNumber", "order number", "ORD-12345"),
            fact("address.postal_code", "postal code", "10115"),
            fact("address.city", "Town", "Berlin"),
            fact("items[0].sku", "sku", "SKU-1"),
            fact("items[0].quantity", "quantity", "2"),
        ]
    );
}

#[test]
fn says_values_as_a_person_would() {
    let schema = json!({ "type": "object", "properties": {
        "giftWrap": { "type": "boolean" },
        "weight": { "type": "number" },
        "count": { "type": "number" },
        "totalPrice": { "type": "number" },
        "refundAmount": { "type": "number" },
        "tags": { "type": "array", "items": { "type": "string" } },
        "middleName": { "type": ["string", "null"] }
    } });
    let arguments = json!({
        "giftWrap": false, "weight": 2.5, "count": 3.0, "totalPrice": 49.9,
        "refundAmount": 120, "tags": ["red", "blue"], "middleName": null, "extra_note": "hi"
    });
    let said: Vec<(String, String)> = facts(&schema, &arguments)
        .into_iter()
        .map(|f| (f.label, f.value))
        .collect();
    let expected = [
        ("gift wrap", "no"),
        ("weight", "2.5"),
        ("count", "3"),
        ("total price", "49.90"),
        ("refund amount", "120.00"),
        ("tags", "red, blue"),
        ("extra note", "hi"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(l, v)| (l.to_string(), v.to_string()))
        .collect();
    assert_eq!(said, expected);
}

#[test]
fn follows_references_and_the_matching_branch_for_titles() {
    let schema = json!({
        "type": "object",
        "$defs": { "email": { "type": "string", "title": "E-mail address" } },
        "properties": {
            "email": { "$ref": "#/$defs/email" },
            "contact": { "oneOf": [
                { "type": "object", "properties": { "phone": { "type": "string", "title": "Mobile" } }, "required": ["phone"] },
                { "type": "object", "properties": { "fax": { "type": "string" } }, "required": ["fax"] }
            ] }
        }
    });
    let arguments =
        json!({ "email": "jana.novak@example.com", "contact": { "phone": "+49 151 2345 6789" } });
    assert_eq!(
        facts(&schema, &arguments),
        vec![
            fact("email", "E-mail address", "jana.novak@example.com"),
            fact("contact.phone", "Mobile", "+49 151 2345 6789"),
        ]
    );
}

#[test]
fn summarizes_one_line_per_parameter() {
    let schema = json!({
        "type": "object",
        "properties": {
            "orderNumber": { "type": "string", "pattern": "^ORD-[0-9]{5}$" },
            "items": { "type": "array", "minItems": 1, "maxItems": 10, "items": {
                "type": "object", "properties": { "sku": { "type": "string" }, "quantity": { "type": "integer" } }
            } },
            "reason": { "type": "string", "enum": ["damaged", "wrong_size", "other"] },
            "email": { "type": "string", "format": "email" },
            "note": { "type": ["string", "null"], "maxLength": 200 },
            "amount": { "type": "number", "exclusiveMinimum": 0, "maximum": 500 },
            "nights": { "type": "integer", "minimum": 1, "maximum": 14 },
            "channel": { "const": "chat" }
        },
        "required": ["orderNumber", "items", "reason"]
    });
    assert_eq!(
        summarize(&schema),
        vec![
            "orderNumber: string, required, pattern ^ORD-[0-9]{5}$",
            "items: array of object (sku, quantity), required, 1..10 items",
            "reason: required, one of damaged, wrong_size, other",
            "email: string, format email",
            "note: string or null, at most 200 chars",
            "amount: number, > 0, <= 500",
            "nights: integer, 1..14",
            "channel: always chat",
        ]
    );
}

#[test]
fn summarizes_referenced_parameters_and_their_alternatives() {
    let schema = json!({
        "type": "object",
        "definitions": { "address": { "type": "object", "properties": { "city": {}, "street": {} } } },
        "properties": {
            "address": { "$ref": "#/definitions/address" },
            "id": { "anyOf": [{ "type": "integer" }, { "type": "string", "format": "uuid" }] }
        },
        "required": ["address"]
    });
    assert_eq!(
        summarize(&schema),
        vec![
            "address: object (city, street), required",
            "id: integer or string"
        ]
    );
}
