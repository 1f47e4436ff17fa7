//! Trait axes, their levels, and how a persona type shapes them.
//!
//! Every axis has ordered levels (English identifiers, serialised as they
//! are). Keywords in the persona type's name and description (English and
//! German) pin an axis to some of its levels; the axes a type leaves open
//! are dealt across the packages so the spread is wide.

use crate::spec::PersonaType;

use super::Traits;
use super::streams::{deal, stream};

/// One trait axis and its levels, from one end of the scale to the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    pub name: &'static str,
    pub levels: &'static [&'static str],
}

/// The vocabulary of traits: every axis and its levels, in one place.
pub const AXES: [Axis; 8] = [
    Axis {
        name: "patience",
        levels: &["low", "medium", "high"],
    },
    Axis {
        name: "verbosity",
        levels: &["low", "medium", "high"],
    },
    Axis {
        name: "techComfort",
        levels: &["low", "medium", "high"],
    },
    Axis {
        name: "mood",
        levels: &["cheerful", "calm", "anxious", "frustrated", "angry"],
    },
    Axis {
        name: "languageProficiency",
        levels: &["basic", "intermediate", "fluent", "native"],
    },
    Axis {
        name: "ageBand",
        levels: &["18-24", "25-34", "35-49", "50-64", "65+"],
    },
    Axis {
        name: "goalClarity",
        levels: &["vague", "partial", "clear"],
    },
    Axis {
        name: "channelHabit",
        levels: &["mobile", "desktop", "dictation"],
    },
];

/// How firmly a keyword pins an axis: a direct statement ("expert") wins
/// over an implication ("senior" suggests lower tech comfort).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Implied,
    Stated,
}

/// Keywords and the levels they pin. A trailing `*` matches a word prefix;
/// several words match consecutive words.
struct Rule {
    keywords: &'static [&'static str],
    pins: &'static [(&'static str, &'static [&'static str], Strength)],
}

use Strength::{Implied, Stated};

const RULES: &[Rule] = &[
    Rule {
        keywords: &[
            "impatient",
            "in a hurry",
            "hurried",
            "rushed",
            "pressed for time",
            "busy",
            "ungeduldig*",
            "eilig*",
            "in eile",
            "gehetzt*",
            "hektisch*",
            "gestresst*",
        ],
        pins: &[("patience", &["low"], Stated)],
    },
    Rule {
        keywords: &["patient", "geduldig*", "gelassen*"],
        pins: &[("patience", &["high"], Stated)],
    },
    Rule {
        keywords: &[
            "confused",
            "confusing",
            "overwhelmed",
            "unsure",
            "puzzled",
            "verwirrt*",
            "überfordert*",
            "unsicher*",
            "ratlos*",
        ],
        pins: &[
            ("techComfort", &["low"], Implied),
            ("goalClarity", &["vague"], Stated),
        ],
    },
    Rule {
        keywords: &[
            "senior",
            "seniors",
            "elderly",
            "older",
            "retired",
            "retiree*",
            "pensioner*",
            "rentner*",
            "älter*",
            "betagt*",
            "ruheständ*",
        ],
        pins: &[
            ("ageBand", &["65+"], Stated),
            ("techComfort", &["low", "medium"], Implied),
        ],
    },
    Rule {
        keywords: &[
            "young",
            "student*",
            "teen*",
            "jung",
            "junge*",
            "junger",
            "schüler*",
            "azubi*",
        ],
        pins: &[("ageBand", &["18-24"], Stated)],
    },
    Rule {
        keywords: &[
            "non native",
            "foreign*",
            "learner*",
            "expat*",
            "immigrant*",
            "tourist*",
            "second language",
            "nicht muttersprachl*",
            "ausländ*",
            "fremdsprach*",
            "zugezogen*",
            "deutschlern*",
            "sprachlern*",
        ],
        pins: &[("languageProficiency", &["basic", "intermediate"], Stated)],
    },
    Rule {
        keywords: &[
            "angry",
            "furious",
            "irate",
            "hostile",
            "wütend*",
            "verärgert*",
            "zornig*",
            "sauer",
            "aufgebracht*",
        ],
        pins: &[("mood", &["angry"], Stated)],
    },
    Rule {
        keywords: &[
            "frustrated",
            "frustration",
            "annoyed",
            "fed up",
            "irritated",
            "frustriert*",
            "genervt*",
            "entnervt*",
        ],
        pins: &[("mood", &["frustrated"], Stated)],
    },
    Rule {
        keywords: &[
            "anxious",
            "worried",
            "nervous",
            "scared",
            "ängstlich*",
            "besorgt*",
            "nervös*",
            "beunruhigt*",
        ],
        pins: &[("mood", &["anxious"], Stated)],
    },
    Rule {
        keywords: &[
            "cheerful",
            "friendly",
            "happy",
            "positive",
            "freundlich*",
            "fröhlich*",
            "gut gelaunt*",
            "positiv*",
        ],
        pins: &[("mood", &["cheerful"], Stated)],
    },
    Rule {
        keywords: &[
            "detailed",
            "verbose",
            "talkative",
            "chatty",
            "long winded",
            "rambling",
            "ausführlich*",
            "gesprächig*",
            "redselig*",
            "detailliert*",
            "geschwätzig*",
        ],
        pins: &[("verbosity", &["high"], Stated)],
    },
    Rule {
        keywords: &[
            "terse",
            "short",
            "brief",
            "laconic",
            "blunt",
            "kurz angebunden*",
            "knapp*",
            "wortkarg*",
            "einsilbig*",
        ],
        pins: &[("verbosity", &["low"], Stated)],
    },
    Rule {
        keywords: &[
            "expert*",
            "technical",
            "developer*",
            "engineer*",
            "power user*",
            "tech savvy",
            "savvy",
            "technisch*",
            "entwickler*",
            "ingenieur*",
            "it profi*",
            "technikaffin*",
        ],
        pins: &[("techComfort", &["high"], Stated)],
    },
    Rule {
        keywords: &[
            "beginner*",
            "novice*",
            "first time",
            "inexperienced",
            "not tech*",
            "anfänger*",
            "neuling*",
            "laie*",
            "unerfahren*",
        ],
        pins: &[("techComfort", &["low"], Stated)],
    },
    Rule {
        keywords: &[
            "on the go",
            "mobile",
            "smartphone*",
            "phone",
            "unterwegs",
            "handy*",
        ],
        pins: &[("channelHabit", &["mobile"], Stated)],
    },
    Rule {
        keywords: &[
            "decisive",
            "knows exactly",
            "straight to the point",
            "zielstrebig*",
            "entschlossen*",
            "weiß genau",
        ],
        pins: &[("goalClarity", &["clear"], Stated)],
    },
];

/// The traits of every package: pinned axes keep to their levels, open
/// axes are dealt across the packages.
pub fn assign(persona: &PersonaType, count: usize, seed: u64) -> Vec<Traits> {
    let words = normalise(&format!("{} {}", persona.name, persona.description));

    let columns: Vec<Vec<&'static str>> = AXES
        .iter()
        .map(|axis| {
            let levels = allowed_levels(axis, &words);
            let concern = format!("traits.{}", axis.name);
            deal(&levels, count, &mut stream(seed, &concern, 0))
        })
        .collect();

    (0..count)
        .map(|i| Traits {
            patience: columns[0][i].to_owned(),
            verbosity: columns[1][i].to_owned(),
            tech_comfort: columns[2][i].to_owned(),
            mood: columns[3][i].to_owned(),
            language_proficiency: columns[4][i].to_owned(),
            age_band: columns[5][i].to_owned(),
            goal_clarity: columns[6][i].to_owned(),
            channel_habit: columns[7][i].to_owned(),
        })
        .collect()
}

/// The axes a persona type pins to fewer levels than the axis has: the
/// traits its name promises, which a description must say.
pub fn pinned_axes(persona: &PersonaType) -> Vec<&'static str> {
    let words = normalise(&format!("{} {}", persona.name, persona.description));

    AXES.iter()
        .filter(|axis| allowed_levels(axis, &words).len() < axis.levels.len())
        .map(|axis| axis.name)
        .collect()
}

impl Traits {
    /// The level of an axis, by the axis name used in [`AXES`].
    pub fn level(&self, axis: &str) -> Option<&str> {
        let level = match axis {
            "patience" => &self.patience,
            "verbosity" => &self.verbosity,
            "techComfort" => &self.tech_comfort,
            "mood" => &self.mood,
            "languageProficiency" => &self.language_proficiency,
            "ageBand" => &self.age_band,
            "goalClarity" => &self.goal_clarity,
            "channelHabit" => &self.channel_habit,
            _ => return None,
        };
        Some(level)
    }
}

/// The levels an axis may take for a persona type, given its words.
fn allowed_levels(axis: &Axis, words: &[String]) -> Vec<&'static str> {
    let mut pinned: Option<(Strength, Vec<&'static str>)> = None;

    for rule in RULES.iter().filter(|rule| mentions(words, rule.keywords)) {
        for &(_, levels, strength) in rule.pins.iter().filter(|pin| pin.0 == axis.name) {
            pinned = Some(combine(pinned.take(), strength, levels));
        }
    }

    pinned.map_or_else(|| axis.levels.to_vec(), |(_, levels)| levels)
}

type Pin = (Strength, Vec<&'static str>);

/// A stronger pin replaces a weaker one; equal pins keep the levels both
/// allow (or the first, when they allow none in common).
fn combine(held: Option<Pin>, strength: Strength, levels: &'static [&'static str]) -> Pin {
    match held {
        None => (strength, levels.to_vec()),
        Some((held, _)) if strength > held => (strength, levels.to_vec()),
        Some((held, kept)) if strength < held => (held, kept),
        Some((held, kept)) => {
            let both: Vec<_> = kept
                .iter()
                .copied()
                .filter(|l| levels.contains(l))
                .collect();
            (held, if both.is_empty() { kept } else { both })
        }
    }
}

/// Lowercase words, split at anything that is not a letter or digit.
fn normalise(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether any keyword occurs in `words`.
fn mentions(words: &[String], keywords: &[&str]) -> bool {
    keywords.iter().any(|keyword| {
        let parts: Vec<&str> = keyword.split(' ').collect();
        words.windows(parts.len()).any(|window| {
            window
                .iter()
                .zip(&parts)
                .all(|(word, part)| matches(word, part))
        })
    })
}

fn matches(word: &str, part: &str) -> bool {
    match part.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => word == part,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn persona(name: &str, description: &str) -> PersonaType {
        PersonaType {
            name: name.to_owned(),
            description: description.to_owned(),
        }
    }

    fn levels_of(traits: &[Traits], axis: &str) -> Vec<String> {
        let mut levels: Vec<String> = traits
            .iter()
            .map(|t| t.level(axis).unwrap().to_owned())
            .collect();
        levels.sort();
        levels.dedup();
        levels
    }

    #[test]
    fn an_impatient_type_has_low_patience_in_every_package() {
        let traits = assign(&persona("Impatient customer", "Wants it done now."), 12, 1);
        assert_eq!(levels_of(&traits, "patience"), vec!["low"]);
    }

    #[test]
    fn a_german_confused_senior_is_old_unsure_and_vague() {
        let traits = assign(
            &persona("Verwirrte Seniorin", "Älter und schnell verwirrt."),
            9,
            3,
        );
        assert_eq!(levels_of(&traits, "ageBand"), vec!["65+"]);
        assert_eq!(levels_of(&traits, "techComfort"), vec!["low"]);
        assert_eq!(levels_of(&traits, "goalClarity"), vec!["vague"]);
    }

    #[test]
    fn a_stated_expert_keeps_high_tech_comfort_despite_being_elderly() {
        let traits = assign(&persona("Elderly expert", "A retired developer."), 6, 3);
        assert_eq!(levels_of(&traits, "techComfort"), vec!["high"]);
    }

    #[test]
    fn impatient_does_not_count_as_patient() {
        let traits = assign(&persona("Ungeduldiger Kunde", ""), 6, 3);
        assert_eq!(levels_of(&traits, "patience"), vec!["low"]);
    }

    #[test]
    fn names_the_axes_a_type_pins() {
        let pinned = pinned_axes(&persona("Impatient", "Terse and in a hurry."));
        assert_eq!(pinned, vec!["patience", "verbosity"]);
        assert!(pinned_axes(&persona("Customer", "Regular user.")).is_empty());
    }

    #[test]
    fn open_axes_spread_over_every_level() {
        let traits = assign(&persona("Customer", "Regular user."), 10, 5);
        assert_eq!(
            levels_of(&traits, "patience"),
            vec!["high", "low", "medium"]
        );
        assert_eq!(levels_of(&traits, "mood").len(), 5);
    }

    #[test]
    fn every_level_belongs_to_its_axis() {
        let traits = assign(&persona("Angry non-native speaker", "terse"), 20, 8);
        for t in &traits {
            for axis in AXES {
                assert!(axis.levels.contains(&t.level(axis.name).unwrap()));
            }
        }
        assert_eq!(levels_of(&traits, "mood"), vec!["angry"]);
        assert_eq!(levels_of(&traits, "verbosity"), vec!["low"]);
        assert_eq!(
            levels_of(&traits, "languageProficiency"),
            vec!["basic", "intermediate"]
        );
    }
}
