//! The persona description: who they are, how they feel, how they talk.
//!
//! Three sentences: identity (name, age, the agent they contact), manner
//! (mood, way of writing, language when it is not their first) and habits
//! (tech comfort with patience, channel or goal clarity). The persona type
//! is described through the traits it pins, never named as a label: the
//! templates chosen are those that say the most pinned traits, so an
//! impatient type's persona is always said to be impatient.

use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::draft::Draft;
use super::template::{capitalise, fill, pick};

/// The slots of the manner templates and the trait axes they say.
const MANNER_SLOTS: &[(&str, &str)] = &[
    ("mood", "mood"),
    ("verbosity", "verbosity"),
    ("patience", "patience"),
    ("language", "languageProficiency"),
];

/// The slots of the habit templates and the trait axes they say.
const HABIT_SLOTS: &[(&str, &str)] = &[
    ("tech", "techComfort"),
    ("channel", "channelHabit"),
    ("goal", "goalClarity"),
    ("patience", "patience"),
];
use crate::check::DESCRIPTION_MAX;

/// A one-to-three-sentence description of the persona.
pub fn describe(draft: &Draft<'_>, rng: &mut ChaCha8Rng) -> String {
    let bank = &draft.bank.description;
    let age = draft.age.to_string();
    let identity = fill(
        pick(&bank.identity, rng),
        &[
            ("name", &draft.person.full()),
            ("first", &draft.person.first),
            ("age", &age),
            ("agent", &draft.agent),
        ],
    );

    let foreign = matches!(
        draft.plan.traits.language_proficiency.as_str(),
        "basic" | "intermediate"
    );
    let manner_templates = if foreign {
        &bank.manner_with_language
    } else {
        &bank.manner
    };
    let manner_template = pick_saying(manner_templates, MANNER_SLOTS, &draft.pinned, rng);
    let unsaid: Vec<&str> = draft
        .pinned
        .iter()
        .copied()
        .filter(|axis| !says(manner_template, MANNER_SLOTS, axis))
        .collect();
    let manner = fill(
        manner_template,
        &[
            ("first", &draft.person.first),
            ("mood", &draft.trait_phrase("mood", rng)),
            ("verbosity", &draft.trait_phrase("verbosity", rng)),
            ("patience", &draft.trait_phrase("patience", rng)),
            ("language", &draft.trait_phrase("languageProficiency", rng)),
        ],
    );

    let habits = fill(
        pick_saying(&bank.habits, HABIT_SLOTS, &unsaid, rng),
        &[
            ("first", &draft.person.first),
            ("tech", &draft.trait_phrase("techComfort", rng)),
            ("channel", &draft.trait_phrase("channelHabit", rng)),
            ("goal", &draft.trait_phrase("goalClarity", rng)),
            ("patience", &draft.trait_phrase("patience", rng)),
        ],
    );

    let sentences = [identity, manner, habits].map(|s| capitalise(&s));
    let full = sentences.join(" ");
    if full.chars().count() <= DESCRIPTION_MAX {
        full
    } else {
        sentences[..2].join(" ")
    }
}

/// A template among those that say the most of the `pinned` axes.
fn pick_saying<'b>(
    templates: &'b [String],
    slots: &[(&str, &str)],
    pinned: &[&str],
    rng: &mut ChaCha8Rng,
) -> &'b str {
    let said = |template: &str| {
        pinned
            .iter()
            .filter(|axis| says(template, slots, axis))
            .count()
    };
    let most = templates.iter().map(|t| said(t)).max().unwrap_or(0);
    let best: Vec<&String> = templates.iter().filter(|t| said(t) == most).collect();

    best.choose(rng).map_or("", |t| t.as_str())
}

/// Whether `template` has the slot that says `axis`.
fn says(template: &str, slots: &[(&str, &str)], axis: &str) -> bool {
    slots
        .iter()
        .any(|(slot, named)| *named == axis && template.contains(&format!("{{{slot}}}")))
}
