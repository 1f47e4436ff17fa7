//! Seeded sub-streams: one generator per concern and index.
//!
//! Deriving a fresh `ChaCha8Rng` per concern (and per package where it
//! matters) keeps choices independent: adding a criterion does not change
//! the names, and package 7 does not depend on how much randomness
//! package 6 used.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// The generator for one `concern` (a short stable label) and `index`.
pub fn stream(seed: u64, concern: &str, index: u64) -> ChaCha8Rng {
    let label = fnv1a(concern.as_bytes());
    ChaCha8Rng::seed_from_u64(mix(seed ^ mix(label ^ mix(index))))
}

/// Deals `count` values from `choices` in rounds: every round is a fresh
/// shuffle of all choices, so each choice is used once before any is used
/// again and the spread over packages is as wide as it can be.
pub(crate) fn deal<T: Clone>(choices: &[T], count: usize, rng: &mut ChaCha8Rng) -> Vec<T> {
    let mut dealt = Vec::with_capacity(count);
    if choices.is_empty() {
        return dealt;
    }

    while dealt.len() < count {
        let mut round = choices.to_vec();
        round.shuffle(rng);
        let wanted = (count - dealt.len()).min(round.len());
        dealt.extend(round.into_iter().take(wanted));
    }
    dealt
}

/// FNV-1a: a tiny hash whose value never changes across versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The splitmix64 finaliser, so nearby inputs give unrelated seeds.
fn mix(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use rand::RngExt;

    use super::*;

    #[test]
    fn the_same_concern_and_index_give_the_same_stream() {
        let a: u64 = stream(7, "names", 3).random();
        let b: u64 = stream(7, "names", 3).random();
        assert_eq!(a, b);
    }

    #[test]
    fn dealing_uses_every_choice_once_before_any_repeats() {
        let dealt = deal(&[1, 2, 3], 7, &mut stream(1, "deal", 0));
        let mut first_round = dealt[..3].to_vec();
        first_round.sort();
        assert_eq!(first_round, vec![1, 2, 3]);
        assert_eq!(dealt.len(), 7);
    }

    #[test]
    fn different_concerns_or_indices_give_different_streams() {
        let base: u64 = stream(7, "names", 3).random();
        let other_concern: u64 = stream(7, "traits", 3).random();
        let other_index: u64 = stream(7, "names", 4).random();
        assert_ne!(base, other_concern);
        assert_ne!(base, other_index);
    }
}
