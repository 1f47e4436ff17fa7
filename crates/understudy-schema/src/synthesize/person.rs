//! The person the arguments are about, so that a name, an email and a
//! username written for one object agree (`Jana Novak`,
//! `jana.novak@example.com`, `jnovak`).

use rand_chacha::ChaCha8Rng;

use crate::data::{VALUES, pick};

#[derive(Debug, Clone)]
pub(super) struct Person {
    first: String,
    last: String,
}

impl Person {
    pub(super) fn draw(rng: &mut ChaCha8Rng) -> Self {
        let first = pick(&VALUES.first_names, rng).clone();
        let last = pick(&VALUES.last_names, rng).clone();
        Self { first, last }
    }

    pub(super) fn first_name(&self) -> String {
        self.first.clone()
    }

    pub(super) fn last_name(&self) -> String {
        self.last.clone()
    }

    pub(super) fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    /// `jana.novak@example.com`, at one of the reserved example domains.
    pub(super) fn email(&self, rng: &mut ChaCha8Rng) -> String {
        let domain = pick(&VALUES.email_domains, rng);
        format!(
            "{}.{}@{domain}",
            ascii_lower(&self.first),
            ascii_lower(&self.last)
        )
    }

    /// `jnovak`.
    pub(super) fn username(&self) -> String {
        let initial: String = ascii_lower(&self.first).chars().take(1).collect();
        format!("{initial}{}", ascii_lower(&self.last))
    }
}

fn ascii_lower(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
