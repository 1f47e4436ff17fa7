//! A fake Chat Completions server on 127.0.0.1:0 that plays a model
//! writing persona packages. It reads which packages a request asks for
//! from the user prompt (`### Package N`), writes them from the plans it
//! was given, and spoils its answer as each scripted step says (the last
//! step repeats). Every request it receives is kept.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use understudy_persona::plan::{CriterionPlan, PackagePlan};

/// How one answer is spoiled, or not.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Valid,
    /// Valid, with German prose.
    German,
    Fenced,
    AfterProse,
    NotJson,
    Number,
    Array,
    /// The first package asked for has no `personaName`.
    MissingPersonaName,
    /// The last package asked for is left out.
    TooFew,
    /// A package that was not asked for comes too.
    TooMany,
    /// Every package is the same persona.
    SamePersona,
    /// Tool criteria name a tool the flow does not have.
    UnknownTool,
    /// Tool criteria carry arguments their schema rejects.
    BadArguments,
    /// `block_card` criteria carry other arguments the schema accepts.
    OtherArguments,
    Length,
    Refusal,
    ContentFilter,
    NoChoices,
    /// An HTTP status with this body instead of a completion.
    Status(u16, &'static str),
}

/// One scripted answer, after a delay, with extra headers.
#[derive(Debug, Clone)]
pub struct Step {
    pub answer: Answer,
    pub delay: Duration,
    pub headers: Vec<(&'static str, &'static str)>,
}

impl Step {
    pub fn new(answer: Answer) -> Self {
        Step {
            answer,
            delay: Duration::ZERO,
            headers: Vec::new(),
        }
    }

    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn header(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.push((name, value));
        self
    }
}

pub const PROMPT_TOKENS: u64 = 100;
pub const COMPLETION_TOKENS: u64 = 50;

struct Shared {
    steps: Vec<Step>,
    plans: Vec<PackagePlan>,
    calls: AtomicUsize,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    prompts: Mutex<Vec<String>>,
    systems: Mutex<Vec<String>>,
}

/// A running fake; it stops with the test's runtime.
#[derive(Clone)]
pub struct Fake {
    pub base: String,
    shared: Arc<Shared>,
}

impl Fake {
    pub async fn serve(plans: Vec<PackagePlan>, steps: Vec<Step>) -> Self {
        assert!(!steps.is_empty(), "a fake needs at least one step");
        let shared = Arc::new(Shared {
            steps,
            plans,
            calls: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
            most_in_flight: AtomicUsize::new(0),
            prompts: Mutex::new(Vec::new()),
            systems: Mutex::new(Vec::new()),
        });
        let app = Router::new().fallback(answer).with_state(shared.clone());

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Fake { base, shared }
    }

    /// HTTP requests received, retries included.
    pub fn calls(&self) -> usize {
        self.shared.calls.load(Ordering::SeqCst)
    }

    pub fn most_in_flight(&self) -> usize {
        self.shared.most_in_flight.load(Ordering::SeqCst)
    }

    /// The system prompts received, in order of arrival.
    pub fn systems(&self) -> Vec<String> {
        self.shared.systems.lock().unwrap().clone()
    }

    /// The user prompts received, in order of arrival.
    pub fn prompts(&self) -> Vec<String> {
        self.shared.prompts.lock().unwrap().clone()
    }
}

async fn answer(State(shared): State<Arc<Shared>>, body: String) -> Response {
    let index = shared.calls.fetch_add(1, Ordering::SeqCst);
    let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    shared.most_in_flight.fetch_max(now, Ordering::SeqCst);

    let request: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let prompt = request["messages"][1]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    shared.prompts.lock().unwrap().push(prompt.clone());
    let system = request["messages"][0]["content"]
        .as_str()
        .unwrap_or_default();
    shared.systems.lock().unwrap().push(system.to_owned());

    let step = shared.steps[index.min(shared.steps.len() - 1)].clone();
    tokio::time::sleep(step.delay).await;
    shared.in_flight.fetch_sub(1, Ordering::SeqCst);

    let (status, body) = match &step.answer {
        Answer::Status(status, body) => (*status, body.to_string()),
        spoiled => (
            200,
            completion(spoiled, &asked(&prompt), &shared.plans).to_string(),
        ),
    };
    let mut response = (StatusCode::from_u16(status).unwrap(), body).into_response();
    response
        .headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    for (name, value) in step.headers {
        response.headers_mut().insert(name, value.parse().unwrap());
    }
    response
}

/// The package numbers a user prompt asks for.
pub fn asked(prompt: &str) -> Vec<usize> {
    prompt
        .lines()
        .filter_map(|line| line.strip_prefix("### Package "))
        .filter_map(|number| number.trim().parse().ok())
        .collect()
}

fn completion(answer: &Answer, numbers: &[usize], plans: &[PackagePlan]) -> Value {
    let usage = json!({ "prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS });
    let choice = |content: Value, finish: &str| json!({ "choices": [{ "message": content, "finish_reason": finish }], "usage": usage });
    let text = |content: String| choice(json!({ "content": content }), "stop");

    let packages = || written(answer, numbers, plans);
    match answer {
        Answer::Fenced => text(format!("```json\n{}\n```", packages())),
        Answer::AfterProse => text(format!(
            "Here are the packages you asked for:\n{}",
            packages()
        )),
        Answer::NotJson => text("I wrote some lovely personas for you.".to_owned()),
        Answer::Number => text("42".to_owned()),
        Answer::Array => text(packages()["packages"].to_string()),
        Answer::Length => choice(
            json!({ "content": "{\"packages\": [{\"index\": 1, \"simu" }),
            "length",
        ),
        Answer::Refusal => choice(
            json!({ "content": null, "refusal": "I can't help with that." }),
            "stop",
        ),
        Answer::ContentFilter => choice(json!({ "content": "" }), "content_filter"),
        Answer::NoChoices => json!({ "choices": [], "usage": usage }),
        _ => text(packages().to_string()),
    }
}

/// The reply object for `numbers`, spoiled as `answer` says.
fn written(answer: &Answer, numbers: &[usize], plans: &[PackagePlan]) -> Value {
    let german = *answer == Answer::German;
    let mut packages: Vec<Value> = numbers
        .iter()
        .map(|&number| package(number, &plans[number - 1], answer, german))
        .collect();

    match answer {
        Answer::MissingPersonaName => {
            packages[0].as_object_mut().unwrap().remove("personaName");
        }
        Answer::TooFew => {
            packages.pop();
        }
        Answer::TooMany => packages.push(package(1, &plans[0], answer, german)),
        _ => {}
    }
    if *answer == Answer::TooMany {
        packages.last_mut().unwrap()["index"] = json!(999);
    }
    json!({ "packages": packages })
}

const FIRST: [&str; 10] = [
    "Ada", "Ben", "Cleo", "Dev", "Elif", "Finn", "Gia", "Hugo", "Ines", "Jon",
];
const LAST: [&str; 10] = [
    "Novak", "Ortiz", "Park", "Quinn", "Rossi", "Sato", "Tanaka", "Ueda", "Vogel", "Weber",
];
const WORK: [&str; 7] = [
    "nurse", "baker", "pilot", "farmer", "teacher", "welder", "chemist",
];
const CITY: [&str; 11] = [
    "Lyon", "Graz", "Porto", "Turku", "Gdansk", "Bergen", "Cork", "Brno", "Split", "Malmo", "Ghent",
];
const MANNER: [&str; 9] = [
    "briskly",
    "warmly",
    "tersely",
    "nervously",
    "politely",
    "loudly",
    "slowly",
    "vaguely",
    "cheerfully",
];
const TOPIC: [&str; 13] = [
    "savings",
    "travel",
    "rent",
    "fees",
    "limits",
    "refunds",
    "salary",
    "insurance",
    "loans",
    "taxes",
    "gifts",
    "tuition",
    "repairs",
];
const DAY: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The persona name the fake gives package `number`.
pub fn persona_name(number: usize) -> String {
    format!("{} {}", FIRST[number % 10], LAST[(number / 10) % 10])
}

fn package(number: usize, plan: &PackagePlan, answer: &Answer, german: bool) -> Value {
    let name = if *answer == Answer::SamePersona {
        "Sam Taylor".to_owned()
    } else {
        persona_name(number)
    };
    let (work, city, manner) = (WORK[number % 7], CITY[number % 11], MANNER[number % 9]);
    let (topic, day) = (TOPIC[number % 13], DAY[number % 7]);
    let (description, mission) = if german {
        (
            format!("{name} ist {work} aus {city} und schreibt {manner}."),
            format!("{name} möchte Hilfe bei {topic} vor {day} und nennt die Nummer {number}."),
        )
    } else {
        (
            format!("{name} is a {work} from {city} who writes {manner}."),
            format!("{name} wants help with {topic} before {day} and quotes number {number}."),
        )
    };

    // A model that follows the prompt states every value its calls carry.
    let stated = stated_values(plan, answer);
    let mission = if stated.is_empty() {
        mission
    } else if german {
        format!(
            "{} Angaben: {}.",
            mission.trim_end_matches('.'),
            stated.join(", ")
        )
    } else {
        format!(
            "{} Details: {}.",
            mission.trim_end_matches('.'),
            stated.join(", ")
        )
    };

    json!({
        "index": number,
        "simulationName": format!("Card Request {number}"),
        "personaName": name,
        "personaDescription": description,
        "mission": mission,
        "successCriteria": criteria(plan, answer, german),
    })
}

fn criteria(plan: &PackagePlan, answer: &Answer, german: bool) -> Vec<Value> {
    plan.criteria
        .iter()
        .enumerate()
        .map(|(k, criterion)| {
            let call = match criterion {
                CriterionPlan::Tool { call } => expected_call(plan, *call, answer),
                _ => Value::Null,
            };
            let text = if german {
                format!("Der Agent erledigt Schritt {}.", k + 1)
            } else {
                format!("The agent completes step {}.", k + 1)
            };
            json!({ "name": format!("Step {} Done", k + 1), "text": text, "expectedToolCall": call })
        })
        .collect()
}

/// The leaf values of every call the package will carry, as the mission
/// must state them: the model's own arguments where the writer keeps them
/// (valid ones), the planned ones where it does not.
fn stated_values(plan: &PackagePlan, answer: &Answer) -> Vec<String> {
    let answer = match answer {
        Answer::OtherArguments => answer,
        _ => &Answer::Valid,
    };
    let mut values = Vec::new();
    for criterion in &plan.criteria {
        let CriterionPlan::Tool { call } = criterion else {
            continue;
        };
        let call = expected_call(plan, *call, answer);
        let arguments: Value =
            serde_json::from_str(call["arguments"].as_str().unwrap_or("{}")).unwrap_or(Value::Null);
        leaves(&arguments, &mut values);
    }
    values
}

fn leaves(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(object) => object.values().for_each(|v| leaves(v, into)),
        Value::Array(items) => items.iter().for_each(|v| leaves(v, into)),
        Value::String(text) => into.push(text.clone()),
        Value::Bool(true) => into.push("yes".to_owned()),
        Value::Bool(false) => into.push("no".to_owned()),
        Value::Number(number) => into.push(number.to_string()),
        Value::Null => {}
    }
}

fn expected_call(plan: &PackagePlan, call: usize, answer: &Answer) -> Value {
    let tool = &plan.tools[call];
    let mut arguments = tool.arguments.clone();
    let mut name = tool.tool_id.clone();
    match answer {
        Answer::UnknownTool => name = "delete_everything".to_owned(),
        Answer::BadArguments => arguments = json!({}),
        Answer::OtherArguments if name == "block_card" => {
            arguments["card_number"] = json!("9876");
        }
        _ => {}
    }
    json!({ "tool": name, "arguments": arguments.to_string() })
}
