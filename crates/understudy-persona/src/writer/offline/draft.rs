//! Everything known about one package before its prose is written: the
//! person, the agent, the goal in words and the facts the persona holds.

use rand::RngExt;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use understudy_flow::ToolKind;

use super::bank::Bank;
use super::described;
use super::facts;
use super::goal::{self, Goal, Topic};
use super::template::{identifier_words, inline_name, join_list, title_case};
use crate::plan::{PackagePlan, Person, ToolCallPlan};
use crate::spec::Language;
use crate::writer::WriteContext;

/// Longest user-supplied name (agent, type, topic) woven into prose.
const NAME_MAX: usize = 48;

/// One tool call as the prose needs it.
#[derive(Debug, Clone)]
pub struct CallWords {
    pub tool_id: String,
    /// "unlock account": the tool id in words.
    pub words: String,
    pub goal: Goal,
    /// "card number 4821 5523 1234 0000", every argument stated (see
    /// [`facts`](super::facts)).
    pub facts: Vec<String>,
    /// "card number", one per stated fact.
    pub labels: Vec<String>,
}

/// A package's plan, with the words its prose is built from.
pub struct Draft<'a> {
    pub bank: &'static Bank,
    pub language: Language,
    pub plan: &'a PackagePlan,
    pub person: Person,
    pub age: u32,
    /// Who the persona talks to: the agent's name, else the job's.
    pub agent: String,
    pub mission_type: String,
    /// The trait axes the persona type pins, which the description says.
    pub pinned: Vec<&'static str>,
    pub calls: Vec<CallWords>,
    /// The goal of a package without tools.
    pub general_goal: Goal,
}

impl<'a> Draft<'a> {
    pub fn new(
        bank: &'static Bank,
        context: WriteContext<'_>,
        plan: &'a PackagePlan,
        person: Person,
        rng: &mut ChaCha8Rng,
    ) -> Self {
        let spec = context.spec;
        let language = spec.language;
        let mission_type = inline_name(&spec.mission_type.name, NAME_MAX);
        let quoted_type = quote(bank, &mission_type);

        let calls = plan
            .tools
            .iter()
            .map(|call| {
                let words = identifier_words(&call.tool_id).join(" ");
                let name = topic_of(bank, language, call, &words, &quoted_type, rng);
                let topic = Topic {
                    name: &name,
                    tool_words: &words,
                };
                let goal = goal::for_tool(bank, language, call, &topic, rng);
                let stated = call
                    .parameters
                    .as_ref()
                    .map(|schema| facts::state(bank, language, schema, &call.arguments))
                    .unwrap_or_default();
                let mut labels: Vec<String> = Vec::new();
                for fact in &stated {
                    if !labels.contains(&fact.label) {
                        labels.push(fact.label.clone());
                    }
                }
                CallWords {
                    tool_id: call.tool_id.clone(),
                    facts: stated.into_iter().map(|f| f.text).collect(),
                    labels,
                    words,
                    goal,
                }
            })
            .collect();

        let topic = Topic {
            name: &quoted_type,
            tool_words: &quoted_type,
        };
        Draft {
            bank,
            language,
            plan,
            age: age_in(&plan.traits.age_band, rng),
            agent: agent_name(bank, context, plan),
            general_goal: goal::without_tool(bank, &topic, rng),
            mission_type,
            pinned: crate::plan::pinned_axes(&spec.persona_type),
            calls,
            person,
        }
    }

    /// The package's goal: every tool's goal joined, or the general one.
    pub fn goal(&self) -> Goal {
        let goals: Vec<&Goal> = self.calls.iter().map(|c| &c.goal).collect();
        let Some(first) = goals.first() else {
            return self.general_goal.clone();
        };
        let join = |part: fn(&Goal) -> &String| {
            let parts: Vec<String> = goals.iter().map(|g| part(g).clone()).collect();
            join_list(&parts, &self.bank.words.and)
        };
        Goal {
            inf: join(|g| &g.inf),
            zu: join(|g| &g.zu),
            title: first.title.clone(),
            done: join(|g| &g.done),
        }
    }

    /// The facts of every tool, all of them (a mission that leaves one
    /// out would expect a call the persona cannot make), each once: two
    /// calls of a package share their account number.
    pub fn facts(&self) -> String {
        let mut all: Vec<String> = Vec::new();
        for fact in self.calls.iter().flat_map(|c| &c.facts) {
            if !all.contains(fact) {
                all.push(fact.clone());
            }
        }
        join_list(&all, &self.bank.words.and)
    }

    /// A phrase for a trait level, such as `mood.angry`.
    pub fn trait_phrase(&self, axis: &str, rng: &mut ChaCha8Rng) -> String {
        let level = self.plan.traits.level(axis).unwrap_or_default();
        self.bank
            .traits
            .get(&format!("{axis}.{level}"))
            .and_then(|phrases| phrases.choose(rng))
            .cloned()
            .unwrap_or_default()
    }

    /// A user-supplied label in the language's quotation marks.
    pub fn quoted(&self, text: &str) -> String {
        format!(
            "{}{text}{}",
            self.bank.words.quote_open, self.bank.words.quote_close
        )
    }
}

/// A user-supplied name in the language's quotation marks.
fn quote(bank: &Bank, text: &str) -> String {
    format!("{}{text}{}", bank.words.quote_open, bank.words.quote_close)
}

/// What a tool's goal is about. A knowledge or handover tool is about
/// what its id names ("billing", "outages"); a general goal in German
/// names the tool in quotes. Otherwise, and when the id names nothing
/// the language can say, the mission type in quotes: a name like "Sort
/// Out a Bill or Supply Problem" reads well only as a quoted label.
fn topic_of(
    bank: &Bank,
    language: Language,
    call: &ToolCallPlan,
    words: &str,
    quoted_type: &str,
    rng: &mut ChaCha8Rng,
) -> String {
    // What a person asks a knowledge tool is one of the subjects its
    // description lists ("fees, opening hours, card limits"), when it
    // lists any: a tool id such as `search_help_center` names none.
    let listed = match call.kind {
        ToolKind::Knowledge => described::subjects(language, &call.description),
        _ => Vec::new(),
    };
    if let Some(subject) = listed.choose(rng) {
        return match language {
            Language::En => subject.clone(),
            Language::De => quote(bank, subject),
        };
    }

    let about_something = matches!(
        call.kind,
        ToolKind::Knowledge | ToolKind::HandoverToAgent | ToolKind::HandoverToHuman
    );
    if about_something {
        return match (goal::subject(bank, language, &call.tool_id), language) {
            (Some(subject), Language::En) => subject,
            (Some(subject), Language::De) => quote(bank, &subject),
            (None, _) => quoted_type.to_owned(),
        };
    }
    match language {
        Language::En => quoted_type.to_owned(),
        Language::De => quote(bank, &title_case(words)),
    }
}

/// An age inside the band, such as 41 for `35-49`.
fn age_in(band: &str, rng: &mut ChaCha8Rng) -> u32 {
    let bounds: Vec<u32> = band
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    match bounds.as_slice() {
        [low, high] if low <= high => rng.random_range(*low..=*high),
        [low] => rng.random_range(*low..=*low + 17),
        _ => rng.random_range(25..=60),
    }
}

fn agent_name(bank: &Bank, context: WriteContext<'_>, plan: &PackagePlan) -> String {
    let job = plan
        .job
        .as_ref()
        .and_then(|job| context.scope.jobs.iter().find(|j| j.node_id == job.node_id));
    let named = job
        .and_then(|job| job.agent.as_ref().map(|a| a.name.as_str()))
        .filter(|name| !name.trim().is_empty())
        .or(job.map(|job| job.name.as_str()))
        .filter(|name| !name.trim().is_empty());
    named
        .map(|name| inline_name(name, NAME_MAX))
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| bank.words.agent.clone())
}
