//! Planning: capabilities + spec + seed -> one plan per package.
//!
//! The plan decides everything that must be grounded before any prose is
//! written: who the persona is, which job and tools a package exercises
//! and with which arguments (the persona's own name and email, one value
//! per property across the package's calls), the persona's traits, the
//! scenario category and twist, and what each criterion is about. Every concern draws from its own seeded
//! stream (see [`streams`]), so a seed reproduces the plan exactly and a
//! change in one concern never shifts the choices of another.

mod categories;
mod coverage;
mod criteria;
mod mission;
mod people;
mod streams;
mod traits;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use understudy_flow::{Scope, ToolKind};

use crate::spec::GenerationSpec;

pub use categories::{EDGE_TWISTS, UNHAPPY_TWISTS};
pub use coverage::most_tools;
pub use criteria::{EDGE_OUTCOMES, OUTCOMES, UNHAPPY_OUTCOMES};
pub use people::Person;
pub use streams::stream;
pub use traits::{AXES, Axis, pinned_axes};

/// The scenario a package plays out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Category {
    HappyPath,
    EdgeCase,
    UnhappyPath,
}

/// The persona's traits, drawn from axes shaped by the persona type.
///
/// Every value is one of the levels of its axis in [`AXES`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Traits {
    pub patience: String,
    pub verbosity: String,
    pub tech_comfort: String,
    pub mood: String,
    pub language_proficiency: String,
    pub age_band: String,
    /// How well the persona knows what they want: `vague|partial|clear`.
    pub goal_clarity: String,
    /// How the persona usually writes: `mobile|desktop|dictation`.
    pub channel_habit: String,
}

/// Everything a writer needs to write one package, all grounded.
#[derive(Debug, Clone, PartialEq)]
pub struct PackagePlan {
    pub index: usize,
    pub category: Category,
    /// What makes an edge case or unhappy path one (see [`EDGE_TWISTS`],
    /// [`UNHAPPY_TWISTS`]); `None` on the happy path.
    pub twist: Option<String>,
    pub traits: Traits,
    /// The persona's name; person-like arguments (a contact name, an
    /// email address) are this person's.
    pub person: Person,
    pub job: Option<JobRef>,
    /// The tools the package exercises, each with a criterion of its own.
    pub tools: Vec<ToolCallPlan>,
    pub criteria: Vec<CriterionPlan>,
}

/// The job a package exercises.
#[derive(Debug, Clone, PartialEq)]
pub struct JobRef {
    pub node_id: String,
    pub name: String,
}

/// A tool the persona will need the agent to call, with the arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolCallPlan {
    pub tool_id: String,
    pub description: String,
    pub kind: ToolKind,
    /// The tool's parameter schema, when it takes parameters.
    pub parameters: Option<Value>,
    /// Whether discovery rejected the tool's schema: what it takes is then
    /// unknown, so its criterion expects no call and `arguments` is `{}`.
    pub parameters_unusable: bool,
    /// Arguments that validate against `parameters`; `{}` without them.
    pub arguments: Value,
}

/// What one criterion of a package is about.
#[derive(Debug, Clone, PartialEq)]
pub enum CriterionPlan {
    /// A criterion the mission type suggested.
    Suggested { name: String, description: String },
    /// The agent calls this tool (index into `PackagePlan::tools`).
    Tool { call: usize },
    /// An outcome judged from the transcript alone (one of [`OUTCOMES`],
    /// [`EDGE_OUTCOMES`] or [`UNHAPPY_OUTCOMES`]).
    Outcome { kind: String },
}

/// Plans every package of a generation: exactly `spec.packages` plans,
/// each with exactly `spec.criteria_per_package` criteria.
pub fn plan(scope: &Scope<'_>, spec: &GenerationSpec) -> Vec<PackagePlan> {
    let count = spec.packages;
    let categories = categories::assign(count, spec.seed);
    let twists = categories::twists(&categories, spec.seed);
    let traits = traits::assign(&spec.persona_type, count, spec.seed);
    let people = people::assign(spec.language, count, spec.seed);
    let most = most_tools(spec.criteria_per_package);
    let targets = mission::targets(scope, &spec.mission_type);
    let focuses = coverage::assign(scope, &targets, count, most, spec.seed);
    let mut suggested = criteria::SuggestedCycle::new(&spec.mission_type.success_criteria);

    let mut plans = Vec::with_capacity(count);
    for (index, person) in people.into_iter().enumerate() {
        let focus = &focuses[index];
        let tools = coverage::tool_calls(scope, focus, &person, spec.seed, index);
        let criteria = criteria::choose(
            criteria::Needs {
                index,
                tools: tools.len(),
                category: categories[index],
                twist: twists[index].as_deref(),
                traits: &traits[index],
                wanted: spec.criteria_per_package,
            },
            &mut suggested,
            spec.seed,
        );
        plans.push(PackagePlan {
            index,
            category: categories[index],
            twist: twists[index].clone(),
            traits: traits[index].clone(),
            person,
            job: focus.job.map(|j| JobRef {
                node_id: scope.jobs[j].node_id.clone(),
                name: scope.jobs[j].name.clone(),
            }),
            tools,
            criteria,
        });
    }
    plans
}
