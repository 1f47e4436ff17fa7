//! Keeping texts apart: of a few candidates, take one unlike the others.
//!
//! Each text is drawn up to [`ATTEMPTS`] times from the package's stream;
//! the first candidate whose closest earlier text is below [`TARGET`] is
//! kept, else the candidate with the lowest such similarity. The draws are
//! seeded, so the choice is as reproducible as a single draw.

use crate::similarity::Shingles;

/// How many candidates a text may be drawn from.
const ATTEMPTS: usize = 24;

/// Well under the near-duplicate limit, so the check never trips.
const TARGET: f64 = 0.4;

/// The texts of one field accepted so far, after those of the earlier
/// packages it continues after.
#[derive(Debug, Default)]
pub struct Variety<'a> {
    earlier: &'a [Shingles],
    accepted: Vec<Shingles>,
}

impl<'a> Variety<'a> {
    /// Keeps texts apart from `earlier` too.
    pub fn after(earlier: &'a [Shingles]) -> Self {
        Variety {
            earlier,
            accepted: Vec::new(),
        }
    }

    /// Draws candidates from `draw` and keeps the most distinct one.
    pub fn pick(&mut self, mut draw: impl FnMut() -> String) -> String {
        let mut best: Option<(f64, String, Shingles)> = None;

        for _ in 0..ATTEMPTS {
            let text = draw();
            let shingles = Shingles::new(&text);
            let closest = self.closest(&shingles);
            if closest < TARGET {
                best = Some((closest, text, shingles));
                break;
            }
            if best.as_ref().is_none_or(|(score, _, _)| closest < *score) {
                best = Some((closest, text, shingles));
            }
        }

        let (_, text, shingles) = best.expect("at least one candidate is drawn");
        self.accepted.push(shingles);
        text
    }

    fn closest(&self, shingles: &Shingles) -> f64 {
        self.earlier
            .iter()
            .chain(&self.accepted)
            .map(|other| other.similarity(shingles))
            .fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_a_candidate_unlike_the_texts_already_kept() {
        let mut variety = Variety::default();
        variety.pick(|| "the quick brown fox jumps".to_owned());

        let mut candidates = ["the quick brown fox jumps", "a slow green turtle walks"].into_iter();
        let kept = variety.pick(|| {
            candidates
                .next()
                .unwrap_or("the quick brown fox")
                .to_owned()
        });
        assert_eq!(kept, "a slow green turtle walks");
    }
}
