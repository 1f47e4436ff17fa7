//! The realistic values synthesis draws from (names, cities, sentences),
//! kept in `data/values.json` so they can grow without touching code.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;

/// The data file, parsed once; it is part of the crate, so a parse failure
/// is a build defect that the crate's own tests catch.
pub(crate) static VALUES: LazyLock<Values> = LazyLock::new(|| {
    serde_json::from_str(include_str!("data/values.json")).expect("values.json is valid")
});

#[derive(Debug, Deserialize)]
pub(crate) struct Values {
    pub first_names: Vec<String>,
    pub last_names: Vec<String>,
    pub email_domains: Vec<String>,
    pub phones: Vec<String>,
    /// Addresses by country, so that a street, a city, its postal code and
    /// the country always belong together.
    pub locales: Vec<Locale>,
    /// Second address lines: a flat, a unit, a floor.
    pub flats: Vec<String>,
    pub currencies: Vec<String>,
    pub languages: Vec<String>,
    pub companies: Vec<String>,
    pub products: Vec<String>,
    pub colors: Vec<String>,
    pub sizes: Vec<String>,
    pub promo_codes: Vec<String>,
    pub reasons: Vec<String>,
    pub notes: Vec<String>,
    pub descriptions: Vec<String>,
    pub questions: Vec<String>,
    pub feedback: Vec<String>,
    pub words: Vec<String>,
    pub identifier_prefixes: BTreeMap<String, String>,
}

/// One country's addresses.
#[derive(Debug, Deserialize)]
pub(crate) struct Locale {
    pub country: Country,
    /// Whether the city comes before the postal code in one line
    /// (`Leeds LS1 4AP`) rather than after it (`10115 Berlin`).
    pub city_first: bool,
    pub streets: Vec<String>,
    pub places: Vec<Place>,
}

/// A city and one of its postal codes.
#[derive(Debug, Deserialize)]
pub(crate) struct Place {
    pub city: String,
    pub postcode: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Country {
    pub name: String,
    pub alpha2: String,
    pub alpha3: String,
}

/// One entry of a list, chosen by the generator.
pub(crate) fn pick<'a, T>(list: &'a [T], rng: &mut ChaCha8Rng) -> &'a T {
    list.choose(rng).expect("data lists are not empty")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses_with_no_empty_list() {
        let values = &*VALUES;
        assert!(!values.first_names.is_empty());
        assert!(!values.reasons.is_empty());
        assert!(
            values
                .locales
                .iter()
                .all(|l| !l.streets.is_empty() && !l.places.is_empty())
        );
        assert_eq!(values.identifier_prefixes["order"], "ORD-");
    }
}
