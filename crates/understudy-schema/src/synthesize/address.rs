//! Addresses that hold together: the street, city, postal code and country
//! of one object all come from one country, chosen so that the schema's
//! own constraints (a UK postcode pattern, a country enum) accept them.

use rand::RngExt;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Value};

use super::Synthesizer;
use super::hint::Hint;
use crate::data::{VALUES, pick};

/// One part of an address, as a property's name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Street,
    /// A flat, unit or floor.
    Line2,
    City,
    Postcode,
    Country,
    /// The whole address in one line.
    Whole,
}

/// The part of an address a property names, if it names one.
pub(super) fn part(hint: &Hint) -> Option<Part> {
    let part = if hint.has_any(&["line2", "flat", "apartment", "suite"]) {
        Part::Line2
    } else if hint.has_any(&["street", "line1"]) {
        Part::Street
    } else if hint.has_any(&["city", "town"]) {
        Part::City
    } else if hint.has_any(&["postal", "zip", "postcode", "zipcode", "plz"]) {
        Part::Postcode
    } else if hint.has("country") {
        Part::Country
    } else if hint.has("address") && !hint.has_any(&["ip", "mac", "email", "mail", "web"]) {
        Part::Whole
    } else {
        return None;
    };
    Some(part)
}

/// One address, drawn from one locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Address {
    pub(super) locale: usize,
    street: String,
    city: String,
    postcode: String,
}

impl Address {
    pub(super) fn draw(locale: usize, rng: &mut ChaCha8Rng) -> Self {
        let data = &VALUES.locales[locale];
        let place = pick(&data.places, rng);
        Self {
            locale,
            street: pick(&data.streets, rng).clone(),
            city: place.city.clone(),
            postcode: place.postcode.clone(),
        }
    }

    /// An address anywhere, for a property met outside an address object.
    pub(super) fn anywhere(rng: &mut ChaCha8Rng) -> Self {
        let locale = rng.random_range(0..VALUES.locales.len());
        Self::draw(locale, rng)
    }

    /// The value of one part, shaped as the schema and name ask.
    pub(super) fn value(
        &self,
        part: Part,
        hint: &Hint,
        schema: &Value,
        rng: &mut ChaCha8Rng,
    ) -> String {
        let data = &VALUES.locales[self.locale];
        match part {
            Part::Street => self.street.clone(),
            Part::Line2 => pick(&VALUES.flats, rng).clone(),
            Part::City => self.city.clone(),
            Part::Postcode => self.postcode.clone(),
            Part::Country => {
                let country = &data.country;
                match schema.get("maxLength").and_then(Value::as_u64) {
                    Some(2) => country.alpha2.clone(),
                    Some(3) => country.alpha3.clone(),
                    _ if hint.has_any(&["code", "iso"]) => country.alpha2.clone(),
                    _ => country.name.clone(),
                }
            }
            Part::Whole if data.city_first => {
                format!("{}, {} {}", self.street, self.city, self.postcode)
            }
            Part::Whole => format!("{}, {} {}", self.street, self.postcode, self.city),
        }
    }
}

impl Synthesizer<'_> {
    /// The address an object's parts are written from: one whose parts
    /// every part's schema accepts, in the package's country when it fits,
    /// else in the first country (in seeded order) that does. `None` when
    /// the object has no address part.
    pub(super) fn address_for(&mut self, properties: &Map<String, Value>) -> Option<Address> {
        let parts: Vec<(Part, Hint, Value)> = properties
            .iter()
            .filter_map(|(name, property)| {
                let property = crate::resolve::resolve(self.root, property);
                let hint = Hint::for_property(name, &property);
                part(&hint).map(|part| (part, hint, property))
            })
            .collect();
        if parts.is_empty() {
            return None;
        }

        let mut order: Vec<usize> = (0..VALUES.locales.len()).collect();
        order.shuffle(self.rng);
        if let Some(known) = self.known.locale {
            order.retain(|l| *l != known);
            order.insert(0, known);
        }

        let mut best: Option<(usize, Address)> = None;
        for locale in order {
            let address = Address::draw(locale, self.rng);
            let fitting = parts
                .iter()
                .filter(|(part, hint, schema)| {
                    let value = address.value(*part, hint, schema, self.rng);
                    self.accepts(schema, &Value::String(value))
                })
                .count();
            if best.as_ref().is_none_or(|(most, _)| fitting > *most) {
                best = Some((fitting, address));
            }
            if fitting == parts.len() {
                break;
            }
        }

        let (_, address) = best?;
        self.known.locale.get_or_insert(address.locale);
        Some(address)
    }
}
