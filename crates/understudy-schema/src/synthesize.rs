//! Writing arguments that a parameter schema accepts.
//!
//! Values are chosen the way a person in a chat would give them: an `email`
//! property gets `jana.novak@example.com`, a `city` gets `Hamburg`, a money
//! amount gets `49.90`. Every realistic candidate is checked against its
//! (sub)schema and replaced by a value built from the constraints when it
//! does not fit, and the whole result is validated before it is returned.
//!
//! Everything random flows from the caller's generator, properties are
//! visited in schema order, and dates count from a fixed base date, so one
//! seed always yields the same bytes.
//!
//! Known gaps: `not`, `if`/`then`/`else`, `contains`, `patternProperties`
//! and `propertyNames` are not steered for; a schema that needs them is met
//! only by the retries, and one that is unsatisfiable or pathological comes
//! back as the best attempt from [`synthesize`] and as errors from
//! [`synthesize_valid`].

mod address;
mod array;
mod dates;
mod format;
mod hint;
mod known;
pub(crate) mod number;
mod object;
mod pattern;
mod person;
mod realistic;
mod string;

use rand::RngExt;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

use crate::resolve::{self, implied_type, merge, type_names};
use crate::validate::{ArgumentError, CompiledSchema, accepts_within};
use address::Address;
use hint::Hint;
pub use known::Known;
pub(crate) use number::MONEY_WORDS;
use person::Person;

/// Whole attempts before synthesis settles for its best result.
const MAX_ATTEMPTS: usize = 8;

/// Branches of a `oneOf`/`anyOf` tried before settling.
const MAX_BRANCH_TRIES: usize = 4;

/// Below this depth, objects get only their required properties and arrays
/// their fewest items, so recursive schemas end.
const SHALLOW_DEPTH: usize = 8;

/// Writes an argument object that validates against `schema`, with values
/// a real user could give (realistic for the property names where it can).
///
/// Deterministic for a given generator state. For a schema no attempt could
/// satisfy (contradictory or pathological), this returns the attempt with
/// the fewest errors; callers that validate (the checker does) catch it,
/// and [`synthesize_valid`] reports it instead.
pub fn synthesize(schema: &Value, rng: &mut ChaCha8Rng) -> Value {
    synthesize_with(schema, rng, &mut Known::new())
}

/// Like [`synthesize`], for one of several calls that must agree: the
/// person, the country and the values `known` holds are kept where the
/// schema accepts them, and what this call adds is remembered in `known`.
pub fn synthesize_with(schema: &Value, rng: &mut ChaCha8Rng, known: &mut Known) -> Value {
    match attempt(schema, rng, known) {
        Ok(arguments) | Err((arguments, _)) => arguments,
    }
}

/// Like [`synthesize`], but returns the errors of the best attempt when no
/// attempt validates against `schema`.
pub fn synthesize_valid(schema: &Value, rng: &mut ChaCha8Rng) -> Result<Value, Vec<ArgumentError>> {
    attempt(schema, rng, &mut Known::new()).map_err(|(_, errors)| errors)
}

/// Whole attempts until one validates; `known` takes in what the returned
/// attempt (the valid one, else the best) added.
fn attempt(
    schema: &Value,
    rng: &mut ChaCha8Rng,
    known: &mut Known,
) -> Result<Value, (Value, Vec<ArgumentError>)> {
    let compiled = CompiledSchema::compile(schema);
    let mut best: Option<(Value, Vec<ArgumentError>, Known)> = None;

    for _ in 0..MAX_ATTEMPTS {
        let mut learned = known.clone();
        let person = match &learned.person {
            Some(person) => person.clone(),
            None => Person::draw(rng),
        };
        learned.person = Some(person.clone());
        let mut synthesizer = Synthesizer {
            root: schema,
            rng: &mut *rng,
            person,
            known: learned,
            path: Vec::new(),
            in_array: 0,
            address: None,
        };
        let arguments = synthesizer.value(schema, &Hint::default(), 0);
        let learned = synthesizer.known;
        let errors = match &compiled {
            Ok(compiled) => match compiled.validate(&arguments) {
                Ok(()) => {
                    *known = learned;
                    return Ok(arguments);
                }
                Err(errors) => errors,
            },
            Err(error) => vec![ArgumentError {
                path: String::new(),
                message: error.to_string(),
            }],
        };
        if best
            .as_ref()
            .is_none_or(|(_, fewest, _)| errors.len() < fewest.len())
        {
            best = Some((arguments, errors, learned));
        }
        if compiled.is_err() {
            break;
        }
    }

    let (arguments, errors, learned) = best.expect("at least one attempt ran");
    *known = learned;
    tracing::debug!(
        errors = errors.len(),
        "synthesized arguments do not validate"
    );
    Err((arguments, errors))
}

/// One synthesis pass over a schema document.
pub(crate) struct Synthesizer<'a> {
    root: &'a Value,
    rng: &'a mut ChaCha8Rng,
    /// Whom names and emails are about; each further item of an array
    /// (a second passenger) is someone else.
    person: Person,
    /// What the package's earlier calls gave, and what this one adds.
    known: Known,
    /// The property names leading to the value being written.
    path: Vec<String>,
    /// How many arrays the value being written sits in: values in lists
    /// belong to their item and are neither shared nor reused.
    in_array: usize,
    /// The address the parts of the object being written come from.
    address: Option<Address>,
}

impl Synthesizer<'_> {
    /// A value for `schema`, found at a place that `hint` names.
    fn value(&mut self, schema: &Value, hint: &Hint, depth: usize) -> Value {
        let schema = resolve::resolve(self.root, schema);
        if let Some(allowed) = schema.as_bool() {
            return if allowed {
                Value::String("yes".into())
            } else {
                Value::Null
            };
        }

        if let Some(constant) = schema.get("const") {
            return constant.clone();
        }
        if let Some(listed) = self.listed(&schema) {
            return listed;
        }
        if let Some(chosen) = self.branch(&schema, hint, depth) {
            return chosen;
        }

        match self.pick_type(&schema) {
            "object" => self.object(&schema, depth),
            "array" => self.array(&schema, hint, depth),
            "integer" => self.number(&schema, hint, true),
            "number" => self.number(&schema, hint, false),
            "boolean" => Value::Bool(realistic::boolean(hint, self.rng)),
            "null" => Value::Null,
            _ => self.string(&schema, hint),
        }
    }

    /// A value the schema lists itself: one of its `enum`, one of its
    /// `examples`, or now and then its `default`, whichever validates.
    fn listed(&mut self, schema: &Value) -> Option<Value> {
        if let Some(options) = schema.get("enum").and_then(Value::as_array) {
            return self
                .first_accepted(schema, options)
                .or_else(|| options.first().cloned());
        }
        if let Some(examples) = schema.get("examples").and_then(Value::as_array) {
            if let Some(example) = self.first_accepted(schema, examples) {
                return Some(example);
            }
        }
        let default = schema.get("default")?;
        let take_default = self.rng.random_bool(0.5);
        (take_default && self.accepts(schema, default)).then(|| default.clone())
    }

    /// The first of `options`, in a seeded order, that the schema accepts.
    fn first_accepted(&mut self, schema: &Value, options: &[Value]) -> Option<Value> {
        let mut order: Vec<&Value> = options.iter().collect();
        order.shuffle(self.rng);
        order
            .into_iter()
            .find(|option| self.accepts(schema, option))
            .cloned()
    }

    /// A value from one branch of a `oneOf` or `anyOf`, tried in a seeded
    /// order with branches that are only `null` last: a person gives a value.
    fn branch(&mut self, schema: &Value, hint: &Hint, depth: usize) -> Option<Value> {
        let keyword = ["oneOf", "anyOf"]
            .into_iter()
            .find(|k| schema.get(*k).is_some())?;
        let branches = schema[keyword].as_array().filter(|b| !b.is_empty())?;
        let mut base = schema.clone();
        base.as_object_mut()?.remove(keyword);

        let mut order: Vec<&Value> = branches.iter().collect();
        order.shuffle(self.rng);
        order.sort_by_key(|branch| is_null_only(&resolve::resolve(self.root, branch)));

        let mut last = None;
        for branch in order.into_iter().take(MAX_BRANCH_TRIES) {
            let narrowed = merge(&base, &resolve::resolve(self.root, branch));
            let value = self.value(&narrowed, hint, depth + 1);
            if self.accepts(schema, &value) {
                return Some(value);
            }
            last = Some(value);
        }
        last
    }

    /// The type to write: the one named, a seeded pick among several named
    /// (`null` only when nothing else is allowed), else the one implied.
    fn pick_type(&mut self, schema: &Value) -> &'static str {
        let named = schema.get("type").map(type_names).unwrap_or_default();
        let concrete: Vec<&str> = named
            .iter()
            .map(String::as_str)
            .filter(|n| *n != "null")
            .collect();
        let pick = match concrete.len() {
            0 if !named.is_empty() => "null",
            0 => implied_type(schema),
            1 => concrete[0],
            n => concrete[self.rng.random_range(0..n)],
        };
        static_type(pick)
    }

    /// Whether `value` validates against `schema`, a part of the document.
    pub(crate) fn accepts(&self, schema: &Value, value: &Value) -> bool {
        accepts_within(self.root, schema, value)
    }

    fn is_shallow(depth: usize) -> bool {
        depth >= SHALLOW_DEPTH
    }
}

fn is_null_only(schema: &Value) -> bool {
    schema
        .get("type")
        .map(type_names)
        .is_some_and(|names| names == ["null"])
}

fn static_type(name: &str) -> &'static str {
    match name {
        "object" => "object",
        "array" => "array",
        "integer" => "integer",
        "number" => "number",
        "boolean" => "boolean",
        "null" => "null",
        _ => "string",
    }
}
