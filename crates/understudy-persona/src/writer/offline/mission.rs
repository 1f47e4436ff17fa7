//! The mission: one sentence with the goal, the facts the tools need and,
//! by category, a twist or the point at which the persona gives up.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::draft::Draft;
use super::template::{capitalise, fill, pick, tidy};
use crate::check::mission_limit;
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

    // A shorter form drops the situation. The goal, every fact and the
    // category's ending always stay: a mission without a fact would expect
    // a call the persona cannot make.
    let full = sentence(&[&opener, &situation, &facts, &ending]);
    let limit = mission_limit(draft.plan.tools.iter().map(|t| &t.arguments));
    if full.chars().count() <= limit {
        return full;
    }
    sentence(&[&opener, &facts, &ending])
}

fn sentence(parts: &[&str]) -> String {
    capitalise(&tidy(&format!("{}.", parts.join(" "))))
}

/// Whether the persona would ask rather than demand: worried, cheerful or
/// patient people do not insist on exceptions, so their twists are put
/// as requests.
fn is_gentle(draft: &Draft<'_>) -> bool {
    let traits = &draft.plan.traits;
    match traits.mood.as_str() {
        "angry" | "frustrated" => false,
        "anxious" | "cheerful" => true,
        _ => traits.patience == "high",
    }
}

/// A closing on the happy path, the twist on an edge case, the twist and
/// the point of giving up on an unhappy path.
fn ending(draft: &Draft<'_>, rng: &mut ChaCha8Rng) -> String {
    let bank = &draft.bank.mission;
    let twist = draft
        .plan
        .twist
        .as_deref()
        .and_then(|t| {
            let gentle = bank.twists.get(&format!("{t}.gentle"));
            match gentle {
                Some(gentle) if is_gentle(draft) => Some(gentle),
                _ => bank.twists.get(t),
            }
        })
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
