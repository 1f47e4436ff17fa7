//! The near-duplicate measure for descriptions and missions.
//!
//! Two texts are compared as sets of word shingles: the text is
//! lowercased, every character that is not a letter or digit becomes a
//! space, and each run of three consecutive words is one shingle. The
//! similarity is the Jaccard index of the two sets (shared shingles over
//! all shingles). Three-word shingles notice shared phrasing, not shared
//! vocabulary, which is what makes two personas read alike. Texts too
//! short for three-word shingles fall back to pairs of words, and texts of
//! a single word to the words themselves.

mod index;

pub use index::{NearDuplicateIndex, near_duplicate_pairs};

/// Descriptions or missions at or above this similarity are near-duplicates.
pub const NEAR_DUPLICATE_LIMIT: f64 = 0.6;

/// The shingles of one text, ready to compare with many others.
///
/// Shingles are kept as sorted hashes for each width in use (1 to 3
/// words), so comparing two texts is one merge of two short lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shingles {
    words: usize,
    /// Sorted, deduplicated shingle hashes for widths 1, 2 and 3.
    widths: [Vec<u64>; 3],
}

impl Shingles {
    pub fn new(text: &str) -> Self {
        let lowered = text.to_lowercase();
        let words: Vec<&str> = lowered
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let widths = [1, 2, 3].map(|width| hashes(&words, width));
        Shingles {
            words: words.len(),
            widths,
        }
    }

    /// Jaccard similarity with another text, from 0 to 1.
    pub fn similarity(&self, other: &Shingles) -> f64 {
        let shortest = self.words.min(other.words);
        if shortest == 0 {
            return 0.0;
        }

        let width = shortest.min(3);
        let (a, b) = (&self.widths[width - 1], &other.widths[width - 1]);
        let shared = shared(a, b);
        shared as f64 / (a.len() + b.len() - shared) as f64
    }
}

/// The sorted set of `width`-word shingle hashes.
fn hashes(words: &[&str], width: usize) -> Vec<u64> {
    let mut hashes: Vec<u64> = words
        .windows(width.min(words.len()).max(1))
        .filter(|window| !window.is_empty())
        .map(|window| {
            window.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, word| {
                let hash = word.bytes().fold(hash, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
                (hash ^ 0x1f).wrapping_mul(0x0100_0000_01b3)
            })
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// How many values two sorted lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

/// Jaccard similarity of two texts' word shingles, from 0 to 1; 0 when
/// either text has no words.
pub fn similarity(a: &str, b: &str) -> f64 {
    Shingles::new(a).similarity(&Shingles::new(b))
}

/// The highest similarity between any two texts, and which two (by index).
pub fn max_pairwise<S: AsRef<str>>(texts: &[S]) -> (f64, Option<(usize, usize)>) {
    let shingles: Vec<Shingles> = texts.iter().map(|t| Shingles::new(t.as_ref())).collect();

    let mut highest = (0.0, None);
    for i in 0..shingles.len() {
        for j in i + 1..shingles.len() {
            let score = shingles[i].similarity(&shingles[j]);
            if highest.1.is_none() || score > highest.0 {
                highest = (score, Some((i, j)));
            }
        }
    }
    highest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_are_fully_similar_regardless_of_case_and_punctuation() {
        assert_eq!(
            similarity("Block my card, please!", "block my card please"),
            1.0
        );
    }

    #[test]
    fn texts_without_shared_phrases_are_not_similar() {
        assert_eq!(
            similarity("the card was stolen today", "please reset my password now"),
            0.0
        );
    }

    #[test]
    fn changing_the_last_of_six_words_leaves_three_of_five_shingles_shared() {
        // 4 shingles each; the changed last word breaks 1 shingle on each side: 3 / 5.
        let score = similarity("a b c d e f", "a b c d e x");
        assert!((score - 0.6).abs() < 1e-9, "{score}");
    }

    #[test]
    fn two_word_texts_compare_by_word_pairs() {
        assert_eq!(similarity("hello there", "hello there friend"), 0.5);
    }

    #[test]
    fn texts_without_words_share_nothing() {
        assert_eq!(similarity("", "anything"), 0.0);
        assert_eq!(similarity("!!", "..."), 0.0);
    }

    #[test]
    fn max_pairwise_names_the_closest_pair() {
        let texts = [
            "one two three four",
            "five six seven eight",
            "one two three nine",
        ];
        let (score, pair) = max_pairwise(&texts);
        assert_eq!(pair, Some((0, 2)));
        assert!((score - 1.0 / 3.0).abs() < 1e-9, "{score}");
    }

    #[test]
    fn max_pairwise_of_one_text_has_no_pair() {
        assert_eq!(max_pairwise(&["alone"]), (0.0, None));
    }
}
