//! Everything known about one package before its prose is written: the
//! person, the agent, the goal in words and the facts the persona holds.

use rand::RngExt;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::bank::Bank;
use super::goal::{self, Goal, Topic};
use super::names::Person;
use super::template::{clamp, identifier_words, join_list};
use crate::plan::PackagePlan;
use crate::spec::Language;
use crate::writer::WriteContext;

/// Longest user-supplied name (agent, type, topic) woven into prose.
const NAME_MAX: usize = 48;

/// The facts of a mission are cut to fit this many characters.
pub const FACTS_MAX: usize = 200;

/// One tool call as the prose needs it.
#[derive(Debug, Clone)]
pub struct CallWords {
    pub tool_id: String,
    /// "unlock account": the tool id in words.
    pub words: String,
    pub goal: Goal,
    /// "card number 4821 5523 1234 0000", one per argument.
    pub facts: Vec<String>,
    /// "card number", one per argument.
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
    pub persona_type: String,
    pub mission_type: String,
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
        let mission_type = clamp(&spec.mission_type.name, NAME_MAX);
        let topic_name = topic_text(language, &mission_type);

        let calls = plan
            .tools
            .iter()
            .map(|call| {
                let words = identifier_words(&call.tool_id).join(" ");
                let topic = Topic {
                    name: &topic_name,
                    tool_words: &words,
                };
                let goal = goal::for_tool(bank, language, call, &topic, rng);
                let facts = call
                    .parameters
                    .as_ref()
                    .map(|schema| understudy_schema::facts(schema, &call.arguments))
                    .unwrap_or_default();
                CallWords {
                    tool_id: call.tool_id.clone(),
                    facts: facts
                        .iter()
                        .map(|f| fact_text(bank, language, &f.label, &f.value))
                        .collect(),
                    labels: facts
                        .iter()
                        .map(|f| label_text(language, &f.label))
                        .collect(),
                    words,
                    goal,
                }
            })
            .collect();

        let topic = Topic {
            name: &topic_name,
            tool_words: &topic_name,
        };
        Draft {
            bank,
            language,
            plan,
            age: age_in(&plan.traits.age_band, rng),
            agent: agent_name(bank, context, plan),
            persona_type: clamp(&spec.persona_type.name, NAME_MAX),
            general_goal: goal::without_tool(bank, &topic, rng),
            mission_type,
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

    /// The facts of every tool, cut to what fits a mission.
    pub fn facts(&self) -> String {
        let mut kept: Vec<String> = Vec::new();
        let mut length = 0;
        for fact in self.calls.iter().flat_map(|c| &c.facts) {
            length += fact.chars().count() + 2;
            if length > FACTS_MAX {
                break;
            }
            kept.push(fact.clone());
        }
        join_list(&kept, &self.bank.words.and)
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

    /// The persona type as a noun phrase after "a typical", when its last
    /// word names a person; `None` means it is used as a quoted label.
    pub fn type_noun(&self) -> Option<String> {
        let words = &self.bank.words;
        let lowered = self.persona_type.to_lowercase();
        let last = lowered.split_whitespace().last()?;
        words
            .person_nouns
            .iter()
            .any(|n| n == last)
            .then_some(lowered)
    }

    /// A user-supplied label in the language's quotation marks.
    pub fn quoted(&self, text: &str) -> String {
        format!(
            "{}{text}{}",
            self.bank.words.quote_open, self.bank.words.quote_close
        )
    }
}

/// The topic as it reads inside a sentence: lowercased in English unless
/// it holds an acronym; German keeps its capitals.
fn topic_text(language: Language, name: &str) -> String {
    match language {
        Language::En => name
            .split_whitespace()
            .map(|w| {
                if w.chars().filter(|c| c.is_uppercase()).count() > 1 {
                    w.to_owned()
                } else {
                    w.to_lowercase()
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
        Language::De => name.to_owned(),
    }
}

fn label_text(language: Language, label: &str) -> String {
    topic_text(language, label.trim())
}

/// "card number 4821" / "reason “lost on the bus”": free text is quoted
/// so it reads as what the persona says.
fn fact_text(bank: &Bank, language: Language, label: &str, value: &str) -> String {
    let value = value.trim();
    let spoken = value.contains(' ') && value.chars().any(char::is_alphabetic);
    let value = if spoken {
        format!("{}{value}{}", bank.words.quote_open, bank.words.quote_close)
    } else {
        value.to_owned()
    };
    format!("{} {value}", label_text(language, label))
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
    named.map_or_else(|| bank.words.agent.clone(), |name| clamp(name, NAME_MAX))
}
