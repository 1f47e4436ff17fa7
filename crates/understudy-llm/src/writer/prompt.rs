//! The prompts of the LLM writer, rendered from the templates in
//! `prompts/`: the system prompt says who the agent is and what to write;
//! the user prompt lists the plans of one batch.

use std::sync::LazyLock;

use minijinja::Environment;
use serde::Serialize;
use serde_json::Value;

use understudy_flow::Scope;
use understudy_persona::plan::{CriterionPlan, PackagePlan};
use understudy_persona::writer::WriteContext;
use understudy_persona::{Language, PersonaPackage};

static TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut environment = Environment::new();
    environment.set_trim_blocks(true);
    environment.set_lstrip_blocks(true);
    environment
        .add_template("system", include_str!("../../prompts/system.j2"))
        .expect("the system prompt template parses");
    environment
        .add_template("user", include_str!("../../prompts/user.j2"))
        .expect("the user prompt template parses");
    environment
});

/// One package asked for: its plan and, when it is asked for again, what
/// was wrong before.
#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    /// Where the package goes among the packages of one write.
    pub position: usize,
    pub plan: &'a PackagePlan,
    pub previous: Option<&'a PersonaPackage>,
    /// Why the checks sent the package back, kept for every attempt.
    pub reasons: &'a [String],
    /// What was wrong with the package in the last reply.
    pub faults: Vec<String>,
}

impl Item<'_> {
    /// The package's number in prompts and replies, counted from 1 as the
    /// checks count packages.
    pub fn number(&self) -> usize {
        self.plan.index + 1
    }
}

#[derive(Serialize)]
struct SystemView {
    agents: Vec<AgentView>,
    jobs: Vec<JobView>,
    tools: Vec<ToolView>,
    mission: NamedView,
    persona: NamedView,
    language: &'static str,
    criteria: usize,
}

#[derive(Serialize)]
struct AgentView {
    name: String,
    description: String,
    instructions: String,
    style: String,
}

#[derive(Serialize)]
struct JobView {
    name: String,
    description: String,
    instructions: String,
}

#[derive(Serialize)]
struct ToolView {
    id: String,
    kind: &'static str,
    description: String,
    schema: String,
}

#[derive(Serialize)]
struct NamedView {
    name: String,
    description: String,
}

#[derive(Serialize)]
struct UserView {
    general: Vec<String>,
    packages: Vec<PackageView>,
}

#[derive(Serialize)]
struct PackageView {
    index: usize,
    /// The persona's name, which the planned arguments already carry.
    person: String,
    category: String,
    twist: Option<String>,
    traits: String,
    job: Option<String>,
    tools: Vec<CallView>,
    criteria: Vec<String>,
    previous: Option<String>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct CallView {
    id: String,
    arguments: String,
    facts: Vec<String>,
}

/// The system prompt: the agent, its tools, the job and the style rules.
pub(crate) fn system(context: WriteContext<'_>) -> String {
    let spec = context.spec;
    let view = SystemView {
        agents: agents(context.scope),
        jobs: jobs(context.scope),
        tools: tools(context.scope),
        mission: NamedView {
            name: spec.mission_type.name.clone(),
            description: spec.mission_type.description.clone(),
        },
        persona: NamedView {
            name: spec.persona_type.name.clone(),
            description: spec.persona_type.description.clone(),
        },
        language: language_name(spec.language),
        criteria: spec.criteria_per_package,
    };
    render("system", &view)
}

/// The user prompt for one batch, with the problems of the last attempt.
pub(crate) fn user(items: &[Item<'_>], general: &[String]) -> String {
    let view = UserView {
        general: general.to_vec(),
        packages: items.iter().map(package).collect(),
    };
    render("user", &view)
}

fn render(name: &str, view: &impl Serialize) -> String {
    TEMPLATES
        .get_template(name)
        .and_then(|template| template.render(view))
        .expect("the prompt templates render every view")
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::En => "English (en)",
        Language::De => "German (de)",
    }
}

/// The agents behind the jobs in scope, each once.
fn agents(scope: &Scope<'_>) -> Vec<AgentView> {
    let mut seen = Vec::new();
    let mut views = Vec::new();
    for agent in scope.jobs.iter().filter_map(|job| job.agent.as_ref()) {
        if seen.contains(&&agent.reference_id) {
            continue;
        }
        seen.push(&agent.reference_id);

        let style = agent.speaking_style.as_ref().map(|style| {
            let parts = [
                ("completeness", &style.completeness),
                ("formality", &style.formality),
            ];
            let said: Vec<String> = parts
                .iter()
                .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name} {v}")))
                .collect();
            said.join(", ")
        });
        views.push(AgentView {
            name: agent.name.clone(),
            description: agent.description.clone(),
            instructions: agent.instructions.clone(),
            style: style.unwrap_or_default(),
        });
    }
    views
}

fn jobs(scope: &Scope<'_>) -> Vec<JobView> {
    scope
        .jobs
        .iter()
        .map(|job| JobView {
            name: job.name.clone(),
            description: job.description.clone(),
            instructions: job.instructions.clone(),
        })
        .collect()
}

fn tools(scope: &Scope<'_>) -> Vec<ToolView> {
    scope
        .tools()
        .map(|(_, tool)| ToolView {
            id: tool.tool_id.clone(),
            kind: tool.kind.as_str(),
            description: tool.description.clone(),
            schema: tool.parameters.as_ref().map_or_else(
                || "none, it takes no arguments".to_owned(),
                Value::to_string,
            ),
        })
        .collect()
}

fn package(item: &Item<'_>) -> PackageView {
    let plan = item.plan;
    PackageView {
        index: item.number(),
        person: plan.person.full(),
        category: to_text(&plan.category),
        twist: plan.twist.clone(),
        traits: traits(plan),
        job: plan.job.as_ref().map(|job| job.name.clone()),
        tools: plan
            .tools
            .iter()
            .map(|call| CallView {
                id: call.tool_id.clone(),
                arguments: call.arguments.to_string(),
                facts: facts(call.parameters.as_ref(), &call.arguments),
            })
            .collect(),
        criteria: plan.criteria.iter().map(|c| criterion(plan, c)).collect(),
        previous: item.previous.map(previous),
        problems: item.reasons.iter().chain(&item.faults).cloned().collect(),
    }
}

/// The traits as `name level` pairs, in the order of the trait axes.
fn traits(plan: &PackagePlan) -> String {
    let value = serde_json::to_value(&plan.traits).unwrap_or_default();
    let pairs: Vec<String> = value
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, level)| format!("{name} {}", level.as_str().unwrap_or_default()))
        .collect();
    pairs.join(", ")
}

fn facts(schema: Option<&Value>, arguments: &Value) -> Vec<String> {
    let Some(schema) = schema else {
        return Vec::new();
    };
    understudy_schema::facts(schema, arguments)
        .into_iter()
        .map(|fact| format!("{}: {}", fact.label, fact.value))
        .collect()
}

fn criterion(plan: &PackagePlan, criterion: &CriterionPlan) -> String {
    match criterion {
        CriterionPlan::Suggested { name, description } => {
            format!("suggested, keep the name \"{name}\" exactly: {description}")
        }
        CriterionPlan::Tool { call } => {
            let tool = plan.tools.get(*call).map_or("", |t| t.tool_id.as_str());
            format!("the agent calls `{tool}` with the right arguments (set expectedToolCall)")
        }
        CriterionPlan::Outcome { kind } => format!("outcome: {}", kind.replace('_', " ")),
    }
}

/// The package as written before, without the parts the plan fixes.
fn previous(package: &PersonaPackage) -> String {
    let criteria: Vec<Value> = package
        .success_criteria
        .iter()
        .map(|c| serde_json::json!({ "name": c.params.name, "text": c.params.text }))
        .collect();
    serde_json::json!({
        "simulationName": package.simulation_name,
        "personaName": package.persona_name,
        "personaDescription": package.persona_description,
        "mission": package.mission,
        "successCriteria": criteria,
    })
    .to_string()
}

fn to_text(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(text)) => text,
        _ => String::new(),
    }
}
