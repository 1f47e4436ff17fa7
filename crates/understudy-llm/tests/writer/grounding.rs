//! Replies that can be used as they are: packages come back in plan order,
//! grounded in their plans, whatever the model named or wrapped them in.

use std::time::Duration;

use understudy_persona::check::check;
use understudy_persona::plan::CriterionPlan;

use crate::fake::{Answer, Step, asked, persona_name};
use crate::{bank, plans, run, spec, usage};

/// Twelve packages in batches of five take exactly three calls, all in
/// flight at once, and come back in plan order although the first batch
/// answers last.
#[tokio::test]
async fn writes_twelve_packages_in_three_concurrent_calls_in_plan_order() {
    let asked_for = spec(12);
    let steps = vec![
        Step::new(Answer::Valid).after(Duration::from_millis(300)),
        Step::new(Answer::Valid).after(Duration::from_millis(100)),
    ];

    let (fake, result) = run(&asked_for, steps).await;

    let generation = result.unwrap();
    assert_eq!(fake.calls(), 3);
    assert_eq!(fake.most_in_flight(), 3);
    assert_eq!(generation.usage, usage(3, 0));
    assert_eq!(generation.model, "fake-model");
    let mut batches: Vec<Vec<usize>> = fake.prompts().iter().map(|p| asked(p)).collect();
    batches.sort();
    assert_eq!(
        batches,
        [vec![1, 2, 3, 4, 5], vec![6, 7, 8, 9, 10], vec![11, 12]]
    );

    let names: Vec<String> = generation
        .packages
        .iter()
        .map(|p| p.persona_name.clone())
        .collect();
    let expected: Vec<String> = (1..=12).map(persona_name).collect();
    assert_eq!(names, expected);

    let capabilities = bank();
    let scope = capabilities.scope(None).unwrap();
    assert!(check(&generation.packages, &scope, &asked_for).is_empty());
}

/// Category, traits, focus, suggested names and every expected call come
/// from the plan; only the prose is the model's.
#[tokio::test]
async fn takes_everything_grounded_from_the_plan() {
    let asked_for = spec(6);
    let planned = plans(&asked_for);

    let (_, result) = run(&asked_for, vec![Step::new(Answer::Valid)]).await;

    let generation = result.unwrap();
    for (package, plan) in generation.packages.iter().zip(&planned) {
        assert_eq!(package.category, plan.category);
        assert_eq!(package.traits, plan.traits);
        let tools: Vec<&str> = plan.tools.iter().map(|t| t.tool_id.as_str()).collect();
        assert_eq!(package.focus.tools, tools);
        assert_eq!(package.focus.job_node_id.as_deref(), Some("job-cards"));
        for (criterion, planned) in package.success_criteria.iter().zip(&plan.criteria) {
            assert_eq!(criterion.kind, "text");
            let call = criterion.params.expected_tool_call.as_ref();
            match planned {
                CriterionPlan::Suggested { name, .. } => {
                    assert_eq!(&criterion.params.name, name);
                    assert!(call.is_none());
                }
                CriterionPlan::Tool { call: k } => {
                    let call = call.expect("a tool criterion carries its call");
                    assert_eq!(call.tool, plan.tools[*k].tool_id);
                    assert_eq!(call.arguments, plan.tools[*k].arguments);
                }
                CriterionPlan::Outcome { .. } => assert!(call.is_none()),
            }
        }
    }
}

/// A call to a tool the flow does not have is replaced by the planned
/// tool with the planned arguments; nothing is asked again.
#[tokio::test]
async fn keeps_the_planned_tool_when_the_model_names_an_unknown_one() {
    let asked_for = spec(5);
    let planned = plans(&asked_for);

    let (fake, result) = run(&asked_for, vec![Step::new(Answer::UnknownTool)]).await;

    let generation = result.unwrap();
    assert_eq!(fake.calls(), 1);
    assert_eq!(generation.usage, usage(1, 0));
    assert_eq!(calls_of(&generation), planned_calls(&planned));
}

/// Arguments the tool's schema rejects give way to the planned ones.
#[tokio::test]
async fn keeps_the_planned_arguments_when_the_models_break_the_schema() {
    let asked_for = spec(5);
    let planned = plans(&asked_for);

    let (fake, result) = run(&asked_for, vec![Step::new(Answer::BadArguments)]).await;

    let generation = result.unwrap();
    assert_eq!(fake.calls(), 1);
    assert_eq!(calls_of(&generation), planned_calls(&planned));
}

/// Other arguments that the schema accepts are the model's to choose.
#[tokio::test]
async fn takes_the_models_arguments_when_the_schema_accepts_them() {
    let asked_for = spec(5);

    let (_, result) = run(&asked_for, vec![Step::new(Answer::OtherArguments)]).await;

    let generation = result.unwrap();
    let blocks: Vec<String> = calls_of(&generation)
        .into_iter()
        .filter(|(tool, _)| tool == "block_card")
        .map(|(_, arguments)| arguments["card_number"].as_str().unwrap().to_owned())
        .collect();
    assert!(!blocks.is_empty());
    assert!(blocks.iter().all(|number| number == "9876"), "{blocks:?}");
}

/// JSON inside Markdown fences or after a line of prose is found.
#[tokio::test]
async fn reads_packages_in_fences_and_after_prose() {
    for answer in [Answer::Fenced, Answer::AfterProse] {
        let (fake, result) = run(&spec(5), vec![Step::new(answer.clone())]).await;

        let generation = result.unwrap_or_else(|e| panic!("{answer:?}: {e}"));
        assert_eq!(fake.calls(), 1, "{answer:?}");
        assert_eq!(generation.usage, usage(1, 0), "{answer:?}");
        assert_eq!(generation.packages[4].persona_name, persona_name(5));
    }
}

/// Packages that were not asked for are dropped, not passed on.
#[tokio::test]
async fn drops_packages_that_were_not_asked_for() {
    let (fake, result) = run(&spec(5), vec![Step::new(Answer::TooMany)]).await;

    let generation = result.unwrap();
    assert_eq!(fake.calls(), 1);
    assert_eq!(generation.packages.len(), 5);
    assert_eq!(generation.usage, usage(1, 0));
}

fn calls_of(generation: &understudy_persona::Generation) -> Vec<(String, serde_json::Value)> {
    generation
        .packages
        .iter()
        .flat_map(|p| &p.success_criteria)
        .filter_map(|c| c.params.expected_tool_call.as_ref())
        .map(|call| (call.tool.clone(), call.arguments.clone()))
        .collect()
}

fn planned_calls(plans: &[understudy_persona::PackagePlan]) -> Vec<(String, serde_json::Value)> {
    plans
        .iter()
        .flat_map(|plan| {
            plan.criteria.iter().filter_map(|c| match c {
                CriterionPlan::Tool { call } => Some((
                    plan.tools[*call].tool_id.clone(),
                    plan.tools[*call].arguments.clone(),
                )),
                _ => None,
            })
        })
        .collect()
}

/// The prompts carry the agent, every tool with its schema, the language,
/// and for each plan its tools with the planned arguments and facts.
#[tokio::test]
async fn prompts_carry_the_agent_the_tools_and_the_plans() {
    let mut german = spec(2);
    german.language = understudy_persona::Language::De;
    let planned = plans(&german);

    let (fake, _) = run(&german, vec![Step::new(Answer::German)]).await;

    let system = &fake.systems()[0];
    assert!(system.contains("- Name: Bank Assistant"), "{system}");
    assert!(system.contains("  Instructions: Verify the customer before acting."));
    assert!(system.contains(r#"- `block_card` (function): Blocks a payment card."#));
    assert!(system.contains(r#""pattern":"^[0-9]{4}$""#));
    assert!(system.contains("write every text in German (de)"));
    assert!(system.contains("successCriteria: exactly 3 items"));

    let user = &fake.prompts()[0];
    for plan in &planned {
        assert!(user.contains(&format!("### Package {}", plan.index + 1)));
        let tool = &plan.tools[0];
        let line = format!("- `{}` with arguments {}", tool.tool_id, tool.arguments);
        assert!(user.contains(&line), "{user}");
    }
    assert!(user.contains("suggested, keep the name \"Verifies Identity\" exactly"));
}
