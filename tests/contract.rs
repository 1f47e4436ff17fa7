//! The project's own OpenAPI document keeps the public contract's paths,
//! fields, types, formats and required lists.

mod common;

use serde_json::Value;

/// Follows a local `$ref` (and a single-branch `allOf` merge) in `document`.
fn resolve<'a>(document: &'a Value, schema: &'a Value) -> Value {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let pointer = reference.trim_start_matches('#');
        return resolve(
            document,
            document.pointer(pointer).expect("the $ref resolves"),
        );
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = serde_json::Map::new();
        for part in parts {
            if let Value::Object(object) = resolve(document, part) {
                for (key, value) in object {
                    merged.insert(key, value);
                }
            }
        }
        return Value::Object(merged);
    }
    schema.clone()
}

/// Every property, type, format and required list of `theirs` is in `ours`.
fn assert_keeps(path: &str, contract: &Value, theirs: &Value, document: &Value, ours: &Value) {
    let theirs = resolve(contract, theirs);
    let ours = resolve(document, ours);

    for key in ["type", "format"] {
        assert_eq!(ours.get(key), theirs.get(key), "`{key}` differs at {path}");
    }
    assert_eq!(
        ours.get("required"),
        theirs.get("required"),
        "`required` differs at {path}"
    );

    if let Some(properties) = theirs.get("properties").and_then(Value::as_object) {
        for (name, schema) in properties {
            let mine = ours["properties"]
                .get(name)
                .unwrap_or_else(|| panic!("{path}.{name} is missing"));
            assert_keeps(&format!("{path}.{name}"), contract, schema, document, mine);
        }
    }
    if let Some(items) = theirs.get("items") {
        assert_keeps(
            &format!("{path}[]"),
            contract,
            items,
            document,
            &ours["items"],
        );
    }
}

fn operation(document: &Value) -> &Value {
    &document["paths"]["/personas/generate"]["post"]
}

#[test]
fn keeps_the_request_schema_of_the_contract() {
    let contract = common::contract::document();
    let ours = understudy::api::openapi_document();

    let theirs = &operation(&contract)["requestBody"]["content"]["application/json"]["schema"];
    let mine = &operation(ours)["requestBody"]["content"]["application/json"]["schema"];

    assert_keeps("request", &contract, theirs, ours, mine);
}

#[test]
fn keeps_the_query_parameter_of_the_contract() {
    let contract = common::contract::document();
    let ours = understudy::api::openapi_document();

    assert_eq!(
        operation(ours)["parameters"][0]["name"],
        operation(&contract)["parameters"][0]["name"]
    );
    assert_eq!(operation(ours)["parameters"][0]["in"], "query");
    assert_eq!(operation(ours)["parameters"][0]["required"], false);
}

#[test]
fn keeps_every_response_schema_of_the_contract() {
    let contract = common::contract::document();
    let ours = understudy::api::openapi_document();

    for (status, response) in operation(&contract)["responses"].as_object().unwrap() {
        let theirs = &response["content"]["application/json"]["schema"];
        let mine = resolve(ours, &operation(ours)["responses"][status]);
        let content = &mine["content"];
        let media = if status == "200" {
            "application/json"
        } else {
            "application/problem+json"
        };
        assert_keeps(
            &format!("response {status}"),
            &contract,
            theirs,
            ours,
            &content[media]["schema"],
        );
    }
}

#[test]
fn keeps_the_security_schemes_of_the_contract() {
    let contract = common::contract::document();
    let ours = understudy::api::openapi_document();

    for scheme in ["bearerAuth", "apiKeyAuth"] {
        let theirs = &contract["components"]["securitySchemes"][scheme];
        let mine = &ours["components"]["securitySchemes"][scheme];
        for key in ["type", "scheme", "in", "name"] {
            assert_eq!(mine.get(key), theirs.get(key), "{scheme}.{key} differs");
        }
    }
}
