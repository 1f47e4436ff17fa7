//! A package from its plan and the model's draft. The plan decides what
//! is grounded (category, traits, focus, the suggested criterion names,
//! the tool of every tool criterion); the draft gives the prose, and the
//! arguments of an expected call only when the tool's schema accepts them.

use serde_json::{Map, Value};

use understudy_persona::plan::{CriterionPlan, PackagePlan, ToolCallPlan};
use understudy_persona::{Criterion, CriterionParams, ExpectedToolCall, Focus, PersonaPackage};

use super::reply::{Draft, DraftCriterion};

/// The package for `plan`, written from `draft` (whose criteria match the
/// plan's in number and order).
pub(crate) fn package(plan: &PackagePlan, draft: Draft) -> PersonaPackage {
    let success_criteria = plan
        .criteria
        .iter()
        .zip(draft.criteria)
        .map(|(planned, written)| criterion(plan, planned, written))
        .collect();

    PersonaPackage {
        simulation_name: draft.simulation_name,
        persona_name: draft.persona_name,
        persona_description: draft.persona_description,
        mission: draft.mission,
        success_criteria,
        category: plan.category,
        traits: plan.traits.clone(),
        focus: Focus {
            job_node_id: plan.job.as_ref().map(|j| j.node_id.clone()),
            job: plan.job.as_ref().map(|j| j.name.clone()),
            tools: plan.tools.iter().map(|t| t.tool_id.clone()).collect(),
        },
    }
}

fn criterion(plan: &PackagePlan, planned: &CriterionPlan, written: DraftCriterion) -> Criterion {
    let (name, expected_tool_call) = match planned {
        CriterionPlan::Suggested { name, .. } => (name.clone(), None),
        CriterionPlan::Tool { call } => {
            // A tool whose schema was rejected gets no expected call: no
            // arguments could be known to be valid.
            let call = plan
                .tools
                .get(*call)
                .filter(|tool| !tool.parameters_unusable)
                .map(|tool| expected_call(tool, &written));
            (written.name, call)
        }
        CriterionPlan::Outcome { .. } => (written.name, None),
    };

    Criterion::text(CriterionParams {
        name,
        text: written.text,
        expected_tool_call,
    })
}

/// The planned tool, with the model's arguments when they are for that
/// tool and its schema accepts them, else the planned arguments.
fn expected_call(tool: &ToolCallPlan, written: &DraftCriterion) -> ExpectedToolCall {
    let offered = written
        .call
        .as_ref()
        .filter(|call| call.tool == tool.tool_id)
        .and_then(|call| call.arguments.clone());

    let arguments = match offered {
        Some(arguments) if accepts(tool, &arguments) => arguments,
        offered => {
            if offered.is_some() {
                tracing::debug!(tool = %tool.tool_id, "model arguments rejected by the schema; keeping the planned ones");
            }
            tool.arguments.clone()
        }
    };
    ExpectedToolCall {
        tool: tool.tool_id.clone(),
        arguments,
    }
}

fn accepts(tool: &ToolCallPlan, arguments: &Value) -> bool {
    match &tool.parameters {
        Some(schema) => understudy_schema::validate(schema, arguments).is_ok(),
        None => *arguments == Value::Object(Map::new()),
    }
}
