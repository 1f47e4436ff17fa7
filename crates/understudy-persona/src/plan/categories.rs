//! Scenario categories and the twist that makes a scenario what it is.

use rand::seq::SliceRandom;

use super::Category;
use super::streams::{deal, stream};

/// What can make a package an edge case; each has a matching outcome.
pub const EDGE_TWISTS: [&str; 5] = [
    "correction",
    "missing_detail",
    "two_requests",
    "topic_change",
    "ambiguous",
];

/// What can make a package an unhappy path.
pub const UNHAPPY_TWISTS: [&str; 3] = ["attempt_limit", "out_of_scope", "insists_on_exception"];

/// A mix of about half happy paths, 30% edge cases and 20% unhappy paths,
/// in seeded order; with three or more packages every category appears.
pub fn assign(count: usize, seed: u64) -> Vec<Category> {
    let (edge, unhappy) = match count {
        0 | 1 => (0, 0),
        2 => (1, 0),
        _ => (share(count, 0.3), share(count, 0.2)),
    };

    let mut categories = vec![Category::HappyPath; count - edge - unhappy];
    categories.extend(vec![Category::EdgeCase; edge]);
    categories.extend(vec![Category::UnhappyPath; unhappy]);
    categories.shuffle(&mut stream(seed, "categories", 0));
    categories
}

/// The twist of each package, spread so that every twist of a category is
/// used before any repeats.
pub fn twists(categories: &[Category], seed: u64) -> Vec<Option<String>> {
    let count = |wanted: Category| categories.iter().filter(|c| **c == wanted).count();
    let mut edge = deal(
        &EDGE_TWISTS,
        count(Category::EdgeCase),
        &mut stream(seed, "twists.edge", 0),
    )
    .into_iter();
    let mut unhappy = deal(
        &UNHAPPY_TWISTS,
        count(Category::UnhappyPath),
        &mut stream(seed, "twists.unhappy", 0),
    )
    .into_iter();

    categories
        .iter()
        .map(|category| match category {
            Category::HappyPath => None,
            Category::EdgeCase => edge.next().map(str::to_owned),
            Category::UnhappyPath => unhappy.next().map(str::to_owned),
        })
        .collect()
}

/// At least one package, and `fraction` of them rounded.
fn share(count: usize, fraction: f64) -> usize {
    ((count as f64 * fraction).round() as usize).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(categories: &[Category]) -> [usize; 3] {
        let count = |wanted: Category| categories.iter().filter(|c| **c == wanted).count();
        [
            count(Category::HappyPath),
            count(Category::EdgeCase),
            count(Category::UnhappyPath),
        ]
    }

    #[test]
    fn ten_packages_split_five_three_two() {
        assert_eq!(tally(&assign(10, 4)), [5, 3, 2]);
    }

    #[test]
    fn three_packages_hold_every_category_once() {
        assert_eq!(tally(&assign(3, 4)), [1, 1, 1]);
    }

    #[test]
    fn a_single_package_is_a_happy_path() {
        assert_eq!(assign(1, 9), vec![Category::HappyPath]);
    }

    #[test]
    fn only_edge_and_unhappy_packages_get_a_twist() {
        let categories = assign(20, 2);
        let twists = twists(&categories, 2);
        for (category, twist) in categories.iter().zip(&twists) {
            assert_eq!(*category == Category::HappyPath, twist.is_none());
        }
    }
}
