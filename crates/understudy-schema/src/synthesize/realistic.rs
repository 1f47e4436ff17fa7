//! Values a person would give for a property, chosen by what its name,
//! title or description says it is. Each is only a candidate: the caller
//! checks it against the schema and falls back when it does not fit.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

use super::address::{self, Address};
use super::format;
use super::hint::Hint;
use super::person::Person;
use crate::data::{VALUES, pick};

/// Words that, beside `name`, still make it a person's name.
const PERSON_WORDS: &[&str] = &[
    "full",
    "customer",
    "contact",
    "passenger",
    "guest",
    "holder",
    "user",
    "client",
    "patient",
    "recipient",
    "sender",
    "account",
    "card",
    "your",
    "person",
    "traveler",
    "traveller",
    "member",
    "owner",
    "driver",
    "buyer",
    "employee",
    "caller",
    "attendee",
    "applicant",
];

/// Words that make a property an identifier when they follow a kind
/// (`orderNumber`, `bookingRef`).
const IDENTIFIER_WORDS: &[&str] = &[
    "number",
    "id",
    "no",
    "nr",
    "num",
    "code",
    "ref",
    "reference",
    "identifier",
];

/// Words that agree to something, answered "yes" more often than not.
const CONSENT_WORDS: &[&str] = &[
    "confirm",
    "confirmed",
    "agree",
    "agreed",
    "consent",
    "accept",
    "accepted",
    "terms",
];

/// `customerName`, or a bare `name` whose description (if any) is about a
/// person rather than, say, a project.
fn names_a_person(hint: &Hint) -> bool {
    hint.only_with("name", PERSON_WORDS)
        && (hint.is_compound() || hint.description_allows(PERSON_WORDS))
}

/// A realistic string for the place `hint` names, if it names one.
/// Address parts come from `address`, the address of the object being
/// written, when there is one.
pub(super) fn string(
    hint: &Hint,
    schema: &Value,
    person: &Person,
    address: Option<&Address>,
    rng: &mut ChaCha8Rng,
) -> Option<String> {
    let found = Found {
        schema,
        person,
        address,
    };
    found.by_name(hint, rng).or_else(|| {
        let described = hint.as_described()?;
        found.by_name(&described, rng)
    })
}

/// What a value may be drawn from besides the lists.
struct Found<'a> {
    schema: &'a Value,
    person: &'a Person,
    address: Option<&'a Address>,
}

impl Found<'_> {
    fn by_name(&self, hint: &Hint, rng: &mut ChaCha8Rng) -> Option<String> {
        personal(hint, self.person, rng)
            .or_else(|| self.place(hint, rng))
            .or_else(|| commerce(hint, rng))
            .or_else(|| moment(hint, rng))
            .or_else(|| text(hint, rng))
    }

    /// An address part, or a currency or language.
    fn place(&self, hint: &Hint, rng: &mut ChaCha8Rng) -> Option<String> {
        if let Some(part) = address::part(hint) {
            let value = match self.address {
                Some(address) => address.value(part, hint, self.schema, rng),
                None => Address::anywhere(rng).value(part, hint, self.schema, rng),
            };
            return Some(value);
        }
        let values = &*VALUES;
        let value = if hint.has_any(&["currency"]) {
            pick(&values.currencies, rng).clone()
        } else if hint.has_any(&["language", "lang", "locale"]) {
            pick(&values.languages, rng).clone()
        } else {
            return None;
        };
        Some(value)
    }
}

fn personal(hint: &Hint, person: &Person, rng: &mut ChaCha8Rng) -> Option<String> {
    let values = &*VALUES;
    let value = if hint.has_any(&["email", "mail", "emailaddress"]) {
        person.email()
    } else if hint.has_any(&["phone", "mobile", "telephone", "tel", "cell", "phonenumber"]) {
        phone(rng)
    } else if hint.has_any(&["firstname", "givenname", "forename"])
        || (hint.has("name") && hint.has_any(&["first", "given"]))
    {
        person.first_name()
    } else if hint.has_any(&["lastname", "surname", "familyname"])
        || (hint.has("name") && hint.has_any(&["last", "family"]))
    {
        person.last_name()
    } else if hint.has_any(&["username", "login", "handle", "nickname"]) {
        person.username()
    } else if hint.has("fullname") || names_a_person(hint) {
        person.full_name()
    } else if hint.has_any(&[
        "company",
        "organization",
        "organisation",
        "employer",
        "business",
    ]) {
        pick(&values.companies, rng).clone()
    } else {
        return None;
    };
    Some(value)
}

fn commerce(hint: &Hint, rng: &mut ChaCha8Rng) -> Option<String> {
    let values = &*VALUES;
    if hint.has_any(&["promo", "coupon", "voucher", "discount"]) {
        return Some(pick(&values.promo_codes, rng).clone());
    }
    let kind = hint.words().iter().find_map(|word| {
        let singular = word.strip_suffix('s').unwrap_or(word);
        values
            .identifier_prefixes
            .get_key_value(word.as_str())
            .or_else(|| values.identifier_prefixes.get_key_value(singular))
    });
    let names_identifier = hint.has_any(IDENTIFIER_WORDS);
    match kind {
        Some((kind, prefix)) if names_identifier || kind == "reference" || kind == "sku" => {
            Some(identifier(kind, prefix, rng))
        }
        Some((kind, _)) if kind == "product" => Some(pick(&values.products, rng).clone()),
        _ if hint.has_any(&["account", "iban"]) && names_identifier => {
            Some(format!("{}", rng.random_range(10_000_000..99_999_999)))
        }
        _ if hint.has_any(&["item", "article"]) && hint.has("name") => {
            Some(pick(&values.products, rng).clone())
        }
        _ if hint.has_any(&["id", "identifier"]) => {
            Some(format!("{}", rng.random_range(100_000..999_999)))
        }
        _ if hint.has_any(&["color", "colour"]) => Some(pick(&values.colors, rng).clone()),
        _ if hint.has("size") => Some(pick(&values.sizes, rng).clone()),
        _ => None,
    }
}

/// `ORD-48213`, `LH417`, a room number: the shapes such numbers take.
fn identifier(kind: &str, prefix: &str, rng: &mut ChaCha8Rng) -> String {
    match kind {
        "flight" => format!("{prefix}{}", rng.random_range(100..1000)),
        "room" => format!("{}", rng.random_range(1..6) * 100 + rng.random_range(1..40)),
        "tracking" => format!("{prefix}{}", rng.random_range(100_000_000..999_999_999_u32)),
        _ => format!("{prefix}{}", rng.random_range(10_000..100_000)),
    }
}

fn moment(hint: &Hint, rng: &mut ChaCha8Rng) -> Option<String> {
    let value = if hint.has_any(&["datetime", "timestamp"])
        || hint.words().last().is_some_and(|w| w == "at")
    {
        format::date_time(hint, rng)
    } else if hint.has_any(&["date", "day", "birthday", "dob", "birthdate"]) {
        format::date(hint, rng)
    } else if hint.has("time") {
        format::clock_time(rng)
    } else if hint.has_any(&["url", "website", "link", "homepage", "uri"]) {
        format::uri(hint, rng)
    } else if hint.has("ip") {
        format::ipv4(rng)
    } else if hint.has_any(&["uuid", "guid"]) {
        format::uuid(rng)
    } else {
        return None;
    };
    Some(value)
}

fn text(hint: &Hint, rng: &mut ChaCha8Rng) -> Option<String> {
    let values = &*VALUES;
    let list = if hint.has_any(&["reason", "cause", "why"]) {
        &values.reasons
    } else if hint.has_any(&[
        "note",
        "comment",
        "instruction",
        "remark",
        "request",
        "preference",
    ]) {
        &values.notes
    } else if hint.has_any(&[
        "description",
        "detail",
        "issue",
        "problem",
        "complaint",
        "message",
        "summary",
        "symptom",
    ]) {
        &values.descriptions
    } else if hint.has_any(&["question", "query", "inquiry", "enquiry"]) {
        &values.questions
    } else if hint.has_any(&["feedback", "review"]) {
        &values.feedback
    } else {
        return None;
    };
    Some(pick(list, rng).clone())
}

/// `+49 151 2345 6789`.
pub(super) fn phone(rng: &mut ChaCha8Rng) -> String {
    pick(&VALUES.phones, rng).clone()
}

/// A yes or no: consent-like flags lean to yes, others are a coin toss.
pub(super) fn boolean(hint: &Hint, rng: &mut ChaCha8Rng) -> bool {
    let chance = if hint.has_any(CONSENT_WORDS) {
        0.9
    } else {
        0.5
    };
    rng.random_bool(chance)
}
