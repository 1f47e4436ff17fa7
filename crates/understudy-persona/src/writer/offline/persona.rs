//! The persona description: who they are, how they feel, how they talk.
//!
//! Three sentences: identity (name, age, the agent they contact), manner
//! (mood, way of writing, language when it is not their first) and habits
//! (tech comfort with patience, channel or goal clarity). The persona type
//! is described through the traits it pins, never named as a label.

use rand_chacha::ChaCha8Rng;

use super::draft::Draft;
use super::template::{capitalise, fill, pick};
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
    let manner = fill(
        pick(manner_templates, rng),
        &[
            ("first", &draft.person.first),
            ("mood", &draft.trait_phrase("mood", rng)),
            ("verbosity", &draft.trait_phrase("verbosity", rng)),
            ("patience", &draft.trait_phrase("patience", rng)),
            ("language", &draft.trait_phrase("languageProficiency", rng)),
        ],
    );

    let habits = fill(
        pick(&bank.habits, rng),
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
