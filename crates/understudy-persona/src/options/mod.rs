//! The options a flow offers before anything is generated: the mission
//! types its agents can serve, a catalogue of persona types and a
//! suggested title. A client picks one mission type and one persona type
//! and sends them unchanged to generation.

mod catalogue;
mod general;
mod phrases;
mod scope;
mod tools;
mod words;

use serde::Serialize;

use understudy_flow::Scope;

use crate::spec::{Language, MissionType, PersonaType};
use crate::writer::offline::template::fill;

pub use catalogue::persona_types;
pub use scope::{NarrowError, narrow};

/// Words of the flow, agent or job name kept in the suggested title.
const SUBJECT_WORDS: usize = 4;

/// What a client may choose from for one flow, or part of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    /// A suggested title for a simulation of this scope.
    pub simulation_name: String,
    /// One per goal the tools in scope serve, then the general ones.
    pub mission_types: Vec<MissionType>,
    /// The built-in catalogue.
    pub persona_types: Vec<PersonaType>,
}

/// The options of a scope, in a language. Deterministic: the same scope
/// always gets the same options. Names of mission types are unique.
pub fn options(scope: &Scope<'_>, language: Language) -> Options {
    let phrases = phrases::for_language(language);

    let mut mission_types = tools::mission_types(scope, language, phrases);
    for general in general::mission_types(scope, phrases) {
        let taken = mission_types
            .iter()
            .any(|m| m.name.to_lowercase() == general.name.to_lowercase());
        if !taken {
            mission_types.push(general);
        }
    }

    Options {
        simulation_name: simulation_name(scope, phrases),
        mission_types,
        persona_types: persona_types(language).to_vec(),
    }
}

/// "Banking Support Simulation": named after the one job or the one agent
/// the scope was narrowed to, else after the flow.
fn simulation_name(scope: &Scope<'_>, phrases: &phrases::Phrases) -> String {
    let narrowed = scope.jobs.len() < scope.capabilities.jobs.len();
    let agents: Vec<&str> = scope
        .jobs
        .iter()
        .filter_map(|job| job.agent.as_ref().map(|a| a.name.as_str()))
        .collect();
    let one_agent = agents
        .first()
        .filter(|first| agents.len() == scope.jobs.len() && agents.iter().all(|a| a == *first));

    let candidates = [
        scope
            .jobs
            .first()
            .filter(|_| narrowed && scope.jobs.len() == 1)
            .map(|j| j.name.as_str()),
        one_agent.filter(|_| narrowed).copied(),
        Some(scope.capabilities.flow_name.as_str()),
        one_agent.copied(),
    ];
    let subject = candidates
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|name| !name.is_empty())
        .unwrap_or(&phrases.default_subject);

    let subject: Vec<&str> = subject.split_whitespace().take(SUBJECT_WORDS).collect();
    let subject = words::title(phrases, &subject.join(" "));
    fill(&phrases.simulation_name, &[("subject", &subject)])
}
