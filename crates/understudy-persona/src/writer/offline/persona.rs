//! The persona description: who they are, how they feel, how they talk.
//!
//! Three sentences: identity (name, age, persona type, the agent they
//! contact), manner (mood, way of writing, language when it is not their
//! first) and habits (tech comfort with patience, channel or goal clarity).

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::draft::Draft;
use super::template::{capitalise, fill, pick};
use crate::check::DESCRIPTION_MAX;

/// How often the persona type is woven in as a noun ("a typical impatient
/// customer") when it reads as one, rather than as a quoted label.
const NOUN_FRAMING: f64 = 0.6;

/// A one-to-three-sentence description of the persona.
pub fn describe(draft: &Draft<'_>, rng: &mut ChaCha8Rng) -> String {
    let bank = &draft.bank.description;
    let age = draft.age.to_string();
    let quoted_type = draft.quoted(&draft.persona_type);
    let type_noun = draft.type_noun().filter(|_| rng.random_bool(NOUN_FRAMING));

    let identity_templates = match &type_noun {
        Some(_) if !bank.identity_noun.is_empty() => &bank.identity_noun,
        _ => &bank.identity_profile,
    };
    let identity = fill(
        pick(identity_templates, rng),
        &[
            ("name", &draft.person.full()),
            ("first", &draft.person.first),
            ("age", &age),
            ("type_noun", type_noun.as_deref().unwrap_or_default()),
            ("type", &quoted_type),
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
