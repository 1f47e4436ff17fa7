//! Which criteria each package carries.
//!
//! Order of priority when there is not room for everything: one
//! tool-grounded criterion per tool the package exercises (the plan never
//! gives a package more tools than criteria), then the mission type's
//! suggested criteria (dealt round-robin across packages so every one is
//! used before any repeats), then outcomes chosen for the category, the
//! twist and the traits.

use rand::seq::SliceRandom;

use crate::spec::SuggestedCriterion;

use super::streams::stream;
use super::{Category, CriterionPlan, Traits};

/// Outcomes that fit any package.
pub const OUTCOMES: [&str; 16] = [
    "confirms_result",
    "explains_next_steps",
    "stays_polite",
    "no_invented_information",
    "summarises_request",
    "no_repeated_questions",
    "closes_properly",
    "protects_personal_data",
    "stays_on_topic",
    "plain_language",
    "acknowledges_feeling",
    "one_question_at_a_time",
    "checks_understanding",
    "offers_further_help",
    "uses_given_details",
    "answers_directly",
];

/// Outcomes for edge cases, one per twist (in the order of `EDGE_TWISTS`).
pub const EDGE_OUTCOMES: [&str; 5] = [
    "handles_correction",
    "asks_for_missing_details",
    "handles_both_requests",
    "returns_to_topic",
    "asks_clarifying_question",
];

/// Outcomes for unhappy paths.
pub const UNHAPPY_OUTCOMES: [&str; 3] = [
    "hands_over_on_failure",
    "respects_stated_limit",
    "explains_why_not",
];

/// What a package needs from its criteria.
pub struct Needs<'a> {
    pub index: usize,
    pub tools: usize,
    pub category: Category,
    pub twist: Option<&'a str>,
    pub traits: &'a Traits,
    pub wanted: usize,
}

/// The mission type's suggested criteria, dealt round-robin.
pub struct SuggestedCycle {
    suggested: Vec<SuggestedCriterion>,
    next: usize,
}

impl SuggestedCycle {
    /// Keeps the first of any criteria that share a name.
    pub fn new(suggested: &[SuggestedCriterion]) -> Self {
        let mut unique: Vec<SuggestedCriterion> = Vec::new();
        for criterion in suggested.iter().filter(|c| !c.name.trim().is_empty()) {
            let name = criterion.name.trim().to_lowercase();
            if !unique.iter().any(|u| u.name.trim().to_lowercase() == name) {
                unique.push(criterion.clone());
            }
        }
        SuggestedCycle {
            suggested: unique,
            next: 0,
        }
    }

    /// The next `count` criteria, never more than there are distinct ones.
    fn take(&mut self, count: usize) -> Vec<CriterionPlan> {
        let count = count.min(self.suggested.len());
        (0..count)
            .map(|_| {
                let criterion = &self.suggested[self.next];
                self.next = (self.next + 1) % self.suggested.len();
                CriterionPlan::Suggested {
                    name: criterion.name.trim().to_owned(),
                    description: criterion.description.trim().to_owned(),
                }
            })
            .collect()
    }
}

/// Exactly `needs.wanted` criteria, tool-grounded first, then suggested,
/// then outcomes.
pub fn choose(needs: Needs<'_>, suggested: &mut SuggestedCycle, seed: u64) -> Vec<CriterionPlan> {
    let wanted = needs.wanted;
    let tool_count = needs.tools.min(wanted);
    let tools = (0..tool_count).map(|call| CriterionPlan::Tool { call });
    let suggested = suggested.take(wanted - tool_count);

    let outcomes = wanted - tool_count - suggested.len();
    let outcomes = outcome_kinds(&needs, outcomes, seed)
        .into_iter()
        .map(|kind| CriterionPlan::Outcome {
            kind: kind.to_owned(),
        });

    tools.chain(suggested).chain(outcomes).collect()
}

/// `count` outcome kinds: the ones the scenario calls for first, then the
/// rest of the general ones in seeded order (cycling if more are wanted
/// than exist; the writer then varies their names).
fn outcome_kinds(needs: &Needs<'_>, count: usize, seed: u64) -> Vec<&'static str> {
    let mut kinds = preferred(needs);

    let mut rest: Vec<&'static str> = OUTCOMES
        .iter()
        .copied()
        .filter(|k| !kinds.contains(k))
        .collect();
    rest.shuffle(&mut stream(seed, "criteria.outcomes", needs.index as u64));
    kinds.extend(rest);

    kinds.iter().copied().cycle().take(count).collect()
}

/// The outcomes a package's category, twist and traits make most telling.
fn preferred(needs: &Needs<'_>) -> Vec<&'static str> {
    let mut kinds = match needs.category {
        Category::HappyPath => vec!["confirms_result", "explains_next_steps"],
        Category::EdgeCase => {
            let twist = needs
                .twist
                .and_then(|t| super::EDGE_TWISTS.iter().position(|e| *e == t));
            let mut kinds: Vec<_> = twist.map(|i| EDGE_OUTCOMES[i]).into_iter().collect();
            kinds.push("confirms_result");
            kinds
        }
        Category::UnhappyPath => UNHAPPY_OUTCOMES.to_vec(),
    };

    let traits = needs.traits;
    if matches!(traits.mood.as_str(), "angry" | "frustrated" | "anxious") {
        kinds.push("acknowledges_feeling");
    }
    if traits.tech_comfort == "low" || traits.language_proficiency == "basic" {
        kinds.push("plain_language");
    }
    if traits.goal_clarity == "vague" && !kinds.contains(&"checks_understanding") {
        kinds.push("checks_understanding");
    }
    kinds
}
