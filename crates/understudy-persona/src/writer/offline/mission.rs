//! The mission: one sentence with the goal, the facts the tools need and,
//! by category, a twist or the point at which the persona gives up.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::draft::Draft;
use super::template::{capitalise, fill, pick, tidy};
use crate::check::MISSION_MAX;
use crate::plan::Category;

/// How often a mission carries a situation ("before your trip on Friday").
const SITUATION_CHANCE: f64 = 0.7;

/// A mission in one sentence, never longer than the check allows.
pub fn write(draft: &Draft<'_>, rng: &mut ChaCha8Rng) -> String {
    let bank = &draft.bank.mission;
    let goal = draft.goal();
    let topic = draft.quoted(&draft.mission_type);
    let slots = [
        ("goal", goal.inf.as_str()),
        ("goal_zu", goal.zu.as_str()),
        ("agent", draft.agent.as_str()),
        ("topic", topic.as_str()),
    ];

    let opener = fill(pick(&bank.openers, rng), &slots);
    let situation = if rng.random_bool(SITUATION_CHANCE) {
        fill(pick(&bank.situations, rng), &slots)
    } else {
        String::new()
    };
    let facts = draft.facts();
    let facts = if facts.is_empty() {
        String::new()
    } else {
        fill(pick(&bank.facts, rng), &[("facts", &facts)])
    };
    let ending = ending(draft, rng);

    // Shorter forms first drop the situation, then the facts, so the
    // goal and the category's ending always survive.
    let forms = [
        [&opener, &situation, &facts, &ending],
        [&opener, &String::new(), &facts, &ending],
        [&opener, &String::new(), &String::new(), &ending],
    ];
    forms
        .iter()
        .map(|parts| {
            capitalise(&tidy(&format!(
                "{} {} {} {}.",
                parts[0], parts[1], parts[2], parts[3]
            )))
        })
        .find(|mission| mission.chars().count() <= MISSION_MAX)
        .unwrap_or_else(|| capitalise(&tidy(&format!("{opener}."))))
}

/// A closing on the happy path, the twist on an edge case, the twist and
/// the point of giving up on an unhappy path.
fn ending(draft: &Draft<'_>, rng: &mut ChaCha8Rng) -> String {
    let bank = &draft.bank.mission;
    let twist = draft
        .plan
        .twist
        .as_deref()
        .and_then(|t| bank.twists.get(t))
        .map(|texts| pick(texts, rng).to_owned())
        .unwrap_or_default();
    let demand = pick(&bank.demands, rng).to_owned();
    let twist = fill(&twist, &[("demand", &demand), ("agent", &draft.agent)]);

    match draft.plan.category {
        Category::HappyPath => pick(&bank.closings, rng).to_owned(),
        Category::EdgeCase => twist,
        Category::UnhappyPath => format!("{twist}{}", pick(&bank.give_up, rng)),
    }
}
