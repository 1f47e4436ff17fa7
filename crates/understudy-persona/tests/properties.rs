//! Properties over generated flows: whatever jobs, tools and small object
//! schemas a flow has, counts are exact, every check passes and every
//! expected call validates against its tool's schema.

mod common;

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use common::{capabilities, job, run, spec, tool};
use understudy_persona::Language;
use understudy_persona::plan::{CriterionPlan, plan};

fn property_schema() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({ "type": "string" })),
        Just(json!({ "type": "string", "minLength": 3, "maxLength": 12 })),
        Just(json!({ "type": "integer", "minimum": 1, "maximum": 500 })),
        Just(json!({ "type": "boolean" })),
        Just(json!({ "type": "string", "enum": ["lost", "stolen", "damaged"] })),
        Just(json!({ "type": "string", "format": "email" })),
        Just(json!({ "type": "string", "format": "date" })),
    ]
}

fn object_schema() -> impl Strategy<Value = Option<Value>> {
    let properties = prop::collection::vec((property_schema(), any::<bool>()), 0..4);
    prop_oneof![
        1 => Just(None),
        4 => properties.prop_map(|properties| {
            let mut props = Map::new();
            let mut required = Vec::new();
            for (i, (schema, needed)) in properties.into_iter().enumerate() {
                let name = ["order_id", "email", "reason", "amount"][i].to_owned();
                if needed {
                    required.push(Value::String(name.clone()));
                }
                props.insert(name, schema);
            }
            Some(json!({ "type": "object", "properties": props, "required": required }))
        }),
    ]
}

fn flow() -> impl Strategy<Value = understudy_flow::Capabilities> {
    let tools = prop::collection::vec(object_schema(), 0..4);
    prop::collection::vec(tools, 0..3).prop_map(|jobs| {
        let mut counter = 0;
        capabilities(
            jobs.into_iter()
                .enumerate()
                .map(|(j, schemas)| {
                    let tools = schemas
                        .into_iter()
                        .map(|schema| {
                            counter += 1;
                            let id = ["cancel_order", "get_order_status", "reset_password", "zap"]
                                [counter % 4];
                            tool(&format!("{id}_{counter}"), schema)
                        })
                        .collect();
                    job(&format!("job-{j}"), &format!("Job {j}"), tools)
                })
                .collect(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Over any number of packages, every tool in scope is exercised as
    /// often as any other, give or take one, and every tool a package
    /// exercises has a criterion of its own.
    #[test]
    fn tool_counts_differ_by_at_most_one_and_every_exercised_tool_has_a_criterion(
        flow in flow(),
        packages in 1usize..60,
        criteria in 1usize..7,
        seed in any::<u64>(),
    ) {
        let scope = flow.scope(None).unwrap();
        let plans = plan(&scope, &spec(packages, criteria, seed));

        let mut counts: std::collections::BTreeMap<&str, usize> =
            flow.tools().map(|t| (t.tool_id.as_str(), 0)).collect();
        for package in &plans {
            for call in &package.tools {
                *counts.get_mut(call.tool_id.as_str()).unwrap() += 1;
            }
            let grounded: Vec<usize> = package.criteria.iter().filter_map(|c| match c {
                CriterionPlan::Tool { call } => Some(*call),
                _ => None,
            }).collect();
            prop_assert_eq!(grounded, (0..package.tools.len()).collect::<Vec<_>>());
        }
        if let (Some(most), Some(fewest)) = (counts.values().max(), counts.values().min()) {
            prop_assert!(most - fewest <= 1, "{:?}", counts);
        }
    }

    #[test]
    fn every_generation_is_exact_and_every_expected_call_validates(
        flow in flow(),
        packages in 1usize..101,
        criteria in 1usize..8,
        seed in any::<u64>(),
        german in any::<bool>(),
    ) {
        let mut asked = spec(packages, criteria, seed);
        asked.language = if german { Language::De } else { Language::En };
        let generation = run(&flow, &asked);

        prop_assert_eq!(generation.packages.len(), packages);
        for package in &generation.packages {
            prop_assert_eq!(package.success_criteria.len(), criteria);
            for criterion in &package.success_criteria {
                let Some(call) = &criterion.params.expected_tool_call else { continue };
                let (_, tool) = flow
                    .tools()
                    .map(|t| ((), t))
                    .find(|(_, t)| t.tool_id == call.tool)
                    .expect("the expected tool is in the flow");
                match &tool.parameters {
                    Some(schema) => prop_assert!(understudy_schema::validate(schema, &call.arguments).is_ok()),
                    None => prop_assert_eq!(&call.arguments, &json!({})),
                }
            }
        }
    }
}
