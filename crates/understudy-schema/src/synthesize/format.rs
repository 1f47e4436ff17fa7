//! Strings in a named `format`, and the dates, times and network names
//! that realistic values share with them.
//!
//! Dates count from a fixed base date rather than the clock, so a seed
//! reproduces the same arguments on any day.

use chrono::{Duration, NaiveDate};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::hint::Hint;
use super::person::Person;

/// The day synthesized dates are near.
const BASE_DATE: (i32, u32, u32) = (2026, 6, 15);

/// Words that put a date in the past (a purchase, an incident); others
/// are near-future (a booking, a delivery).
const PAST_WORDS: &[&str] = &[
    "purchase",
    "purchased",
    "bought",
    "ordered",
    "order",
    "incident",
    "issued",
    "created",
    "joined",
    "registered",
    "occurred",
    "happened",
    "last",
    "previous",
    "received",
    "paid",
    "invoice",
    "since",
    "signup",
];

/// Words that mark a date of birth.
const BIRTH_WORDS: &[&str] = &["birth", "born", "dob", "birthday", "birthdate"];

/// A string in `format`, or `None` for a format with no generator here.
pub(super) fn for_format(
    format: &str,
    hint: &Hint,
    person: &Person,
    rng: &mut ChaCha8Rng,
) -> Option<String> {
    let value = match format {
        "email" | "idn-email" => person.email(),
        "date" => date(hint, rng),
        "date-time" => date_time(hint, rng),
        "time" => format!("{}:00Z", clock_time(rng)),
        "uuid" => uuid(rng),
        "uri" | "url" | "iri" | "uri-reference" | "iri-reference" => uri(hint, rng),
        "hostname" | "idn-hostname" => hostname(rng),
        "ipv4" => ipv4(rng),
        "ipv6" => ipv6(rng),
        "phone" | "phone-number" | "tel" | "telephone" => super::realistic::phone(rng),
        _ => return None,
    };
    Some(value)
}

/// A date as `YYYY-MM-DD`: a birthday decades ago, a purchase in the past
/// weeks, anything else in the coming weeks.
pub(super) fn date(hint: &Hint, rng: &mut ChaCha8Rng) -> String {
    let base = NaiveDate::from_ymd_opt(BASE_DATE.0, BASE_DATE.1, BASE_DATE.2).expect("valid");
    let offset = if hint.has_any(BIRTH_WORDS) {
        -rng.random_range(22 * 365..70 * 365)
    } else if hint.has_any(PAST_WORDS) {
        -rng.random_range(1..60)
    } else {
        rng.random_range(2..60)
    };
    (base + Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

/// A date and time in RFC 3339, during opening hours, on a quarter hour.
pub(super) fn date_time(hint: &Hint, rng: &mut ChaCha8Rng) -> String {
    format!("{}T{}:00Z", date(hint, rng), clock_time(rng))
}

/// `HH:MM` between eight in the morning and seven at night.
pub(super) fn clock_time(rng: &mut ChaCha8Rng) -> String {
    let hour = rng.random_range(8..20);
    let minute = 15 * rng.random_range(0..4);
    format!("{hour:02}:{minute:02}")
}

pub(super) fn uuid(rng: &mut ChaCha8Rng) -> String {
    let mut bytes: [u8; 16] = rng.random();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

pub(super) fn uri(hint: &Hint, rng: &mut ChaCha8Rng) -> String {
    let topic = hint.words().first().map_or("help", String::as_str);
    let topic: String = topic.chars().filter(char::is_ascii_alphanumeric).collect();
    let topic = if topic.is_empty() {
        "help".to_string()
    } else {
        topic
    };
    format!(
        "https://www.example.com/{topic}/{}",
        rng.random_range(100..1000)
    )
}

fn hostname(rng: &mut ChaCha8Rng) -> String {
    let names = ["shop", "mail", "portal", "api", "www"];
    format!("{}.example.com", names[rng.random_range(0..names.len())])
}

/// An address in a documentation range, so it names no real host.
pub(super) fn ipv4(rng: &mut ChaCha8Rng) -> String {
    format!("203.0.113.{}", rng.random_range(1..255))
}

fn ipv6(rng: &mut ChaCha8Rng) -> String {
    format!("2001:db8::{:x}", rng.random_range(1..0xffff_u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use serde_json::json;

    fn hint(name: &str) -> Hint {
        Hint::for_property(name, &json!({}))
    }

    #[test]
    fn puts_a_birth_date_decades_before_the_base_date() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let year: i32 = date(&hint("dateOfBirth"), &mut rng)[..4].parse().unwrap();
        assert!((1956..=2004).contains(&year), "{year}");
    }

    #[test]
    fn puts_a_purchase_date_before_and_a_booking_date_after_the_base_date() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        assert!(date(&hint("purchaseDate"), &mut rng).as_str() < "2026-06-15");
        assert!(date(&hint("checkInDate"), &mut rng).as_str() > "2026-06-15");
    }

    #[test]
    fn writes_a_version_4_uuid() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let id = uuid(&mut rng);
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
    }
}
