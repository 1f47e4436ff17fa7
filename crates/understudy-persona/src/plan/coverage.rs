//! Coverage: which job and tools each package exercises, with arguments.
//!
//! The (job, tool) pairs the mission type is about (see [`super::mission`])
//! are dealt in rounds, each round a seeded
//! shuffle, so every tool is exercised before any tool repeats. A package
//! takes one tool, and sometimes a second of the same job out of the same
//! round: when the remaining packages could not otherwise finish the round,
//! or now and then when there are more packages than tools.
//!
//! A package exercises every tool it takes: each gets a criterion of its
//! own (see [`most_tools`]), so counting the tools of the packages is
//! counting what is tested. Since every tool is dealt once per round, over
//! any number of packages the counts of two tools differ by at most one.

use std::collections::VecDeque;

use rand::RngExt;
use rand::seq::SliceRandom;
use serde_json::{Map, Value};

use understudy_flow::Scope;
use understudy_schema::Known;

use super::streams::{deal, stream};
use super::{Person, ToolCallPlan};

/// How often a package takes a second tool when there is room for it.
const PAIRING_CHANCE: f64 = 0.25;

/// The most tools a package may exercise with `criteria` criteria: two at
/// most, and never more than it has criteria, since each tool needs one.
pub fn most_tools(criteria: usize) -> usize {
    criteria.clamp(1, 2)
}

/// The job and tools of one package, as indices into the scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub job: Option<usize>,
    /// `(job index, tool index within the job)`.
    pub tools: Vec<(usize, usize)>,
}

/// The focus of every package, each with at most `most` of the tools
/// `pairs` names.
pub fn assign(
    scope: &Scope<'_>,
    pairs: &[(usize, usize)],
    count: usize,
    most: usize,
    seed: u64,
) -> Vec<Focus> {
    if pairs.is_empty() {
        return jobs_only(scope.jobs.len(), count, seed);
    }

    let mut rng = stream(seed, "coverage", 0);
    let mut round = VecDeque::new();
    let mut focuses = Vec::with_capacity(count);
    for index in 0..count {
        if round.is_empty() {
            round = shuffled(pairs, &mut rng);
        }
        let first = round.pop_front().expect("a fresh round is never empty");
        let mut tools = vec![first];

        let packages_left = count - index - 1;
        let behind = round.len() > packages_left;
        let room = count > pairs.len() && rng.random_bool(PAIRING_CHANCE);
        if most > 1 && (behind || room) {
            if let Some(at) = round.iter().position(|(j, _)| *j == first.0) {
                tools.extend(round.remove(at));
            }
        }

        focuses.push(Focus {
            job: Some(first.0),
            tools,
        });
    }
    focuses
}

/// Packages of a flow whose jobs have no tools: the jobs are dealt.
fn jobs_only(jobs: usize, count: usize, seed: u64) -> Vec<Focus> {
    if jobs == 0 {
        return vec![
            Focus {
                job: None,
                tools: Vec::new()
            };
            count
        ];
    }

    let indices: Vec<usize> = (0..jobs).collect();
    deal(&indices, count, &mut stream(seed, "coverage.jobs", 0))
        .into_iter()
        .map(|job| Focus {
            job: Some(job),
            tools: Vec::new(),
        })
        .collect()
}

fn shuffled(
    pairs: &[(usize, usize)],
    rng: &mut rand_chacha::ChaCha8Rng,
) -> VecDeque<(usize, usize)> {
    let mut round = pairs.to_vec();
    round.shuffle(rng);
    round.into()
}

/// The calls of a package's tools, with seeded arguments for tools that
/// take parameters and `{}` for those that do not (or whose schema is
/// unusable). The calls share what is known: names and emails are the
/// persona's, and a property keeps one value across the calls.
pub fn tool_calls(
    scope: &Scope<'_>,
    focus: &Focus,
    person: &Person,
    seed: u64,
    index: usize,
) -> Vec<ToolCallPlan> {
    let mut known = Known::about(&person.first, &person.last);
    focus
        .tools
        .iter()
        .enumerate()
        .map(|(k, &(j, t))| {
            let tool = &scope.jobs[j].tools[t];
            let concern = format!("arguments.{k}");
            let arguments = match &tool.parameters {
                Some(schema) => {
                    let mut rng = stream(seed, &concern, index as u64);
                    understudy_schema::synthesize_with(schema, &mut rng, &mut known)
                }
                None => Value::Object(Map::new()),
            };
            ToolCallPlan {
                tool_id: tool.tool_id.clone(),
                description: tool.description.clone(),
                kind: tool.kind,
                parameters: tool.parameters.clone(),
                parameters_unusable: scope.has_unusable_parameters(tool),
                arguments,
            }
        })
        .collect()
}
