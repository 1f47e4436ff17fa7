//! The person the arguments are about, so that a name, an email and a
//! username written for one object agree (`Jana Novak`,
//! `jana.novak@example.com`, `jnovak`).

use rand_chacha::ChaCha8Rng;

use crate::data::{VALUES, pick};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    first: String,
    last: String,
}

impl Person {
    pub(crate) fn draw(rng: &mut ChaCha8Rng) -> Self {
        let first = pick(&VALUES.first_names, rng).clone();
        let last = pick(&VALUES.last_names, rng).clone();
        Self { first, last }
    }

    /// A given person, such as the persona the arguments belong to.
    pub(crate) fn named(first: &str, last: &str) -> Self {
        Self {
            first: first.trim().to_owned(),
            last: last.trim().to_owned(),
        }
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
    /// The domain follows from the name, so one person has one address
    /// wherever it is asked for.
    pub(super) fn email(&self) -> String {
        let domains = &VALUES.email_domains;
        let local = format!("{}.{}", self.first_local(), self.last_local());
        let hash = local.bytes().fold(0usize, |hash, byte| {
            hash.wrapping_mul(31) + usize::from(byte)
        });
        format!("{local}@{}", domains[hash % domains.len()])
    }

    /// `jnovak`.
    pub(super) fn username(&self) -> String {
        let initial: String = self.first_local().chars().take(1).collect();
        format!("{initial}{}", self.last_local())
    }

    fn first_local(&self) -> String {
        ascii_lower(&self.first)
    }

    /// The family name without a middle initial (`K. Weber` -> `weber`).
    fn last_local(&self) -> String {
        let family = self.last.rsplit(' ').next().unwrap_or(&self.last);
        ascii_lower(family)
    }
}

/// Lowercase ASCII letters, umlauts and accents spelled out the way an
/// email address would (`Jürgen` -> `juergen`, `Zoë` -> `zoe`).
fn ascii_lower(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'à' | 'á' | 'â' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            c if c.is_ascii_alphabetic() => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_umlauts_out_in_an_email_address() {
        let email = Person::named("Jürgen", "Müller").email();
        assert!(email.starts_with("juergen.mueller@"), "{email}");
    }

    #[test]
    fn leaves_a_middle_initial_out_of_the_email_address() {
        let email = Person::named("Anna", "K. Weber").email();
        assert!(email.starts_with("anna.weber@"), "{email}");
    }

    #[test]
    fn one_person_has_one_email_address() {
        let person = Person::named("Yuki", "Khan");
        assert_eq!(person.email(), person.email());
    }
}
