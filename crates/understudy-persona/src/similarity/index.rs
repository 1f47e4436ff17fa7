//! Finding near-duplicates without comparing every pair.
//!
//! Prefix filtering, as in exact similarity joins: put each text's
//! three-word shingles in one global order and keep the first
//! `|x| - ceil(t * |x|) + 1` of them, its prefix. Two texts whose
//! similarity is at least `t` share at least `ceil(t * |x|)` shingles, so
//! their prefixes share one. Only texts that share a prefix shingle are
//! compared, with [`Shingles::similarity`] itself, so the matches are
//! exactly those a comparison of every pair finds. When all texts are known
//! up front the order puts rare shingles first, which keeps the lists of
//! texts per shingle short; otherwise the order is the shingles' hashes.
//!
//! Texts of one or two words are compared by narrower shingles, so they
//! are compared with every text directly; they are rare in prose.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::Shingles;

/// Shingles are already hashes, so the maps key on them as they are.
type ByShingle<V> = HashMap<u64, V, BuildHasherDefault<ShingleHasher>>;

/// Passes a shingle's hash through; keys that are not one `u64` are
/// folded in with FNV-1a so the hasher stays correct for any key.
#[derive(Debug, Default)]
struct ShingleHasher(u64);

impl Hasher for ShingleHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 ^= value;
    }
}

/// The shingle width that texts of three words or more are compared by.
const WIDTH: usize = 3;

/// Texts added one by one, each asked for the earlier texts at or above a
/// similarity threshold.
#[derive(Debug, Clone)]
pub struct NearDuplicateIndex {
    threshold: f64,
    texts: Vec<Shingles>,
    /// The texts (by position) whose prefix holds a shingle, with the
    /// shingle's place in that text's order.
    postings: ByShingle<Vec<(usize, usize)>>,
    /// Texts of one or two words.
    short: Vec<usize>,
    /// How many texts of the whole set hold each shingle; empty when the
    /// set is not known up front.
    rarity: ByShingle<u32>,
}

impl NearDuplicateIndex {
    /// An empty index for matches at or above `threshold`.
    pub fn new(threshold: f64) -> Self {
        Self::with_rarity(threshold, ByShingle::default())
    }

    fn with_rarity(threshold: f64, rarity: ByShingle<u32>) -> Self {
        NearDuplicateIndex {
            threshold,
            texts: Vec::new(),
            postings: ByShingle::default(),
            short: Vec::new(),
            rarity,
        }
    }

    /// How many texts were added.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Adds a text; it is known by its position from then on.
    pub fn insert(&mut self, shingles: Shingles) {
        let prefix = self.prefix(&shingles);
        self.insert_with(shingles, prefix);
    }

    /// Every added text whose similarity with `shingles` is at or above the
    /// threshold, with that similarity, by position.
    pub fn matches(&self, shingles: &Shingles) -> Vec<(usize, f64)> {
        self.matches_with(shingles, &self.prefix(shingles))
    }

    /// [`matches`](Self::matches), then [`insert`](Self::insert), ordering
    /// the text's shingles once.
    pub fn matches_then_insert(&mut self, shingles: Shingles) -> Vec<(usize, f64)> {
        let prefix = self.prefix(&shingles);
        let found = self.matches_with(&shingles, &prefix);
        self.insert_with(shingles, prefix);
        found
    }

    fn insert_with(&mut self, shingles: Shingles, prefix: Vec<u64>) {
        let position = self.texts.len();
        if shingles.words >= WIDTH {
            for (place, shingle) in prefix.into_iter().enumerate() {
                let posting = (position, place);
                self.postings.entry(shingle).or_default().push(posting);
            }
        } else if shingles.words > 0 {
            self.short.push(position);
        }
        self.texts.push(shingles);
    }

    fn matches_with(&self, shingles: &Shingles, prefix: &[u64]) -> Vec<(usize, f64)> {
        let mut candidates: Vec<usize> = if self.threshold <= 0.0 || shingles.words < WIDTH {
            (0..self.texts.len()).collect()
        } else {
            let mut candidates = self.sharing_a_prefix_shingle(shingles, prefix);
            candidates.extend(&self.short);
            candidates
        };
        candidates.sort_unstable();
        candidates.dedup();

        candidates
            .into_iter()
            .filter_map(|position| {
                let score = self.texts[position].similarity(shingles);
                (score >= self.threshold).then_some((position, score))
            })
            .collect()
    }

    /// The texts whose prefix shares a shingle with `prefix` and that can
    /// still share enough shingles to match. Both texts' shingles are in
    /// one order, so at the shingles' places `i` and `j` the shingles
    /// shared so far are all counted, and at most `min(rest of each)` more
    /// can follow (the positional filter of exact similarity joins).
    fn sharing_a_prefix_shingle(&self, shingles: &Shingles, prefix: &[u64]) -> Vec<usize> {
        let size = shingles.widths[WIDTH - 1].len();
        let mut shared: HashMap<usize, usize, BuildHasherDefault<ShingleHasher>> =
            HashMap::default();
        let mut hopeless = Vec::new();

        for (i, shingle) in prefix.iter().enumerate() {
            for &(position, j) in self.postings.get(shingle).into_iter().flatten() {
                let other = self.texts[position].widths[WIDTH - 1].len();
                let count = shared.entry(position).or_default();
                let most = *count + 1 + (size - i - 1).min(other - j - 1);
                if most >= least_overlap(size, other, self.threshold) {
                    *count += 1;
                } else {
                    hopeless.push(position);
                }
            }
        }

        hopeless.sort_unstable();
        let mut candidates: Vec<usize> = shared
            .into_iter()
            .filter(|&(position, count)| count > 0 && hopeless.binary_search(&position).is_err())
            .map(|(position, _)| position)
            .collect();
        candidates.sort_unstable();
        candidates
    }

    /// The first shingles of a text in the index's order.
    fn prefix(&self, shingles: &Shingles) -> Vec<u64> {
        let all = &shingles.widths[WIDTH - 1];
        let keep = prefix_length(all.len(), self.threshold);
        if self.rarity.is_empty() {
            return all[..keep.min(all.len())].to_vec();
        }

        let mut ranked: Vec<(u32, u64)> = all
            .iter()
            .map(|&s| (self.rarity.get(&s).copied().unwrap_or(0), s))
            .collect();
        ranked.sort_unstable();
        ranked.truncate(keep);
        ranked.into_iter().map(|(_, s)| s).collect()
    }
}

/// The fewest shingles two sets of `a` and `b` shingles must share for
/// their similarity to reach `threshold`: `o / (a + b - o) >= t` holds
/// exactly when `o >= t * (a + b) / (1 + t)`, rounded a hair down.
fn least_overlap(a: usize, b: usize, threshold: f64) -> usize {
    (threshold * (a + b) as f64 / (1.0 + threshold) - 1e-9)
        .ceil()
        .max(1.0) as usize
}

/// How many shingles of a set of `size` its prefix keeps.
fn prefix_length(size: usize, threshold: f64) -> usize {
    // The least overlap a match needs, rounded a hair down so that float
    // error can only lengthen the prefix, never shorten it.
    let needed = (threshold * size as f64 - 1e-9).ceil().max(1.0) as usize;
    size + 1 - needed.min(size)
}

/// Every pair of texts at or above `threshold`, as `(earlier, later,
/// similarity)`, ordered by the later text and then the earlier one: the
/// pairs and the order of comparing every later text with every earlier.
pub fn near_duplicate_pairs<S: AsRef<str>>(
    texts: &[S],
    threshold: f64,
) -> Vec<(usize, usize, f64)> {
    let shingles: Vec<Shingles> = texts.iter().map(|t| Shingles::new(t.as_ref())).collect();

    let mut rarity: ByShingle<u32> = ByShingle::default();
    for text in shingles.iter().filter(|s| s.words >= WIDTH) {
        for &shingle in &text.widths[WIDTH - 1] {
            *rarity.entry(shingle).or_default() += 1;
        }
    }

    let mut index = NearDuplicateIndex::with_rarity(threshold, rarity);
    let mut pairs = Vec::new();
    for (later, text) in shingles.into_iter().enumerate() {
        let found = index.matches_then_insert(text);
        pairs.extend(
            found
                .into_iter()
                .map(|(earlier, score)| (earlier, later, score)),
        );
    }
    pairs
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::similarity::similarity;

    /// What comparing every later text with every earlier one finds.
    fn every_pair(texts: &[String], threshold: f64) -> Vec<(usize, usize, f64)> {
        let mut pairs = Vec::new();
        for later in 0..texts.len() {
            for earlier in 0..later {
                let score = similarity(&texts[earlier], &texts[later]);
                if score >= threshold {
                    pairs.push((earlier, later, score));
                }
            }
        }
        pairs
    }

    #[test]
    fn finds_the_one_close_pair_among_unrelated_texts() {
        let texts = [
            "please block my card right now",
            "i want to change my delivery address",
            "please block my card right away",
            "what are your opening hours today",
        ];
        let pairs = near_duplicate_pairs(&texts, 0.6);
        assert_eq!(pairs, vec![(0, 2, 0.6)]);
    }

    #[test]
    fn compares_texts_of_one_or_two_words_with_every_text() {
        let texts = ["hello there", "hello there friend", "bye", "bye"];
        assert_eq!(
            near_duplicate_pairs(&texts, 0.5),
            vec![(0, 1, 0.5), (2, 3, 1.0)]
        );
    }

    #[test]
    fn an_index_without_rarity_answers_like_comparing_every_text() {
        let mut index = NearDuplicateIndex::new(0.4);
        for text in ["a b c d e f", "g h i j k l", "a b c d x y"] {
            index.insert(Shingles::new(text));
        }
        // Against the third text: 2 shared of 6 shingles, a third, below 0.4.
        let found = index.matches(&Shingles::new("a b c d e z"));
        assert_eq!(found, vec![(0, 0.6)]);
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn a_prefix_keeps_enough_shingles_for_the_least_overlap() {
        assert_eq!(prefix_length(10, 0.6), 5);
        assert_eq!(prefix_length(5, 0.6), 3);
        assert_eq!(prefix_length(3, 1.0), 1);
        assert_eq!(prefix_length(4, 0.0), 4);
    }

    proptest! {
        /// Texts over a vocabulary of six words share many shingles, which
        /// is where a filter that dropped a pair would show.
        #[test]
        fn finds_exactly_the_pairs_that_comparing_every_pair_finds(
            texts in prop::collection::vec(
                prop::collection::vec(prop::sample::select(vec!["a", "b", "c", "d", "e", "f"]), 0..9)
                    .prop_map(|words| words.join(" ")),
                0..24,
            ),
            threshold in prop::sample::select(vec![0.0, 0.2, 0.4, 0.5, 0.6, 0.75, 1.0]),
        ) {
            prop_assert_eq!(near_duplicate_pairs(&texts, threshold), every_pair(&texts, threshold));

            let mut index = NearDuplicateIndex::new(threshold);
            for (later, text) in texts.iter().enumerate() {
                let shingles = Shingles::new(text);
                let expected: Vec<(usize, f64)> = every_pair(&texts[..=later], threshold)
                    .into_iter()
                    .filter(|&(_, l, _)| l == later)
                    .map(|(earlier, _, score)| (earlier, score))
                    .collect();
                prop_assert_eq!(index.matches(&shingles), expected);
                index.insert(shingles);
            }
        }
    }
}
