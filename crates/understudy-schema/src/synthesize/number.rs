//! Numbers and integers: round-ish values inside the bounds, small counts
//! for quantities, prices with cents for money.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

use super::Synthesizer;
use super::hint::Hint;

/// Words that make a number an amount of money.
pub(crate) const MONEY_WORDS: &[&str] = &[
    "amount", "price", "total", "cost", "fee", "refund", "balance", "payment", "sum", "budget",
    "charge", "deposit", "salary", "income", "subtotal", "tip", "fare",
];

/// Words that make a number a small count.
const COUNT_WORDS: &[&str] = &[
    "quantity",
    "qty",
    "count",
    "guest",
    "people",
    "person",
    "passenger",
    "adult",
    "child",
    "children",
    "night",
    "seat",
    "ticket",
    "room",
    "participant",
    "unit",
    "piece",
    "bag",
    "item",
];

/// The span given to a number the schema leaves unbounded.
const DEFAULT_SPAN: f64 = 100.0;

/// A number's allowed range, exclusive ends marked.
#[derive(Debug, Clone, Copy)]
struct Range {
    low: f64,
    low_open: bool,
    high: f64,
    high_open: bool,
}

impl Synthesizer<'_> {
    pub(super) fn number(&mut self, schema: &Value, hint: &Hint, integer: bool) -> Value {
        let range = range_of(schema, hint);
        let step = schema
            .get("multipleOf")
            .and_then(Value::as_f64)
            .filter(|m| *m > 0.0);

        if let Some(candidate) = realistic(hint, integer, self.rng) {
            let value = to_json(candidate, integer);
            if self.accepts(schema, &value) {
                return value;
            }
        }

        let mut last = Value::Null;
        for _ in 0..4 {
            let picked = match step {
                Some(step) => multiple_within(range, step, self.rng),
                None => within(range, integer, self.rng),
            };
            last = to_json(picked, integer);
            if self.accepts(schema, &last) {
                break;
            }
        }
        last
    }
}

/// The value a person would give for a known kind of number, ignoring the
/// bounds (the caller checks them).
fn realistic(hint: &Hint, integer: bool, rng: &mut ChaCha8Rng) -> Option<f64> {
    let value = if hint.has_any(MONEY_WORDS) {
        let whole = f64::from(5 * rng.random_range(2..60_u32));
        let cents = if integer {
            0.0
        } else {
            [0.0, 0.5, 0.9, 0.99, 0.49][rng.random_range(0..5)]
        };
        whole + cents - if cents > 0.0 { 1.0 } else { 0.0 }
    } else if hint.has_any(COUNT_WORDS) {
        f64::from(rng.random_range(1..=4_u32))
    } else if hint.has("age") {
        f64::from(rng.random_range(19..75_u32))
    } else if hint.has_any(&["rating", "stars", "score"]) {
        f64::from(rng.random_range(1..=5_u32))
    } else if hint.has_any(&["percent", "percentage", "discount"]) {
        f64::from(5 * rng.random_range(1..=6_u32))
    } else if hint.has("year") {
        f64::from(rng.random_range(2018..=2026_u32))
    } else {
        return None;
    };
    Some(value)
}

/// The schema's bounds, draft-4 boolean and later numeric exclusive forms
/// alike; a missing end is filled in near the other (money starts at 10).
fn range_of(schema: &Value, hint: &Hint) -> Range {
    let number = |key: &str| schema.get(key).and_then(Value::as_f64);
    let flag = |key: &str| schema.get(key).and_then(Value::as_bool) == Some(true);

    let (mut low, mut low_open) = (number("minimum"), flag("exclusiveMinimum"));
    if let Some(bound) = number("exclusiveMinimum").filter(|b| low.is_none_or(|l| *b >= l)) {
        (low, low_open) = (Some(bound), true);
    }
    let (mut high, mut high_open) = (number("maximum"), flag("exclusiveMaximum"));
    if let Some(bound) = number("exclusiveMaximum").filter(|b| high.is_none_or(|h| *b <= h)) {
        (high, high_open) = (Some(bound), true);
    }

    let floor = if hint.has_any(MONEY_WORDS) { 10.0 } else { 1.0 };
    let (low, high) = match (low, high) {
        (Some(low), Some(high)) => (low, high),
        (Some(low), None) => (low, low.max(floor) + DEFAULT_SPAN),
        (None, Some(high)) if high > floor => (floor, high),
        (None, Some(high)) => (high - DEFAULT_SPAN, high),
        (None, None) => (floor, floor + DEFAULT_SPAN),
    };
    Range {
        low,
        low_open,
        high,
        high_open,
    }
}

/// A round-ish value in the range: a whole number when one fits, rounded to
/// a tenth of the span's order of magnitude when that still fits.
fn within(range: Range, integer: bool, rng: &mut ChaCha8Rng) -> f64 {
    let first = if range.low_open {
        range.low.floor() + 1.0
    } else {
        range.low.ceil()
    };
    let last = if range.high_open {
        range.high.ceil() - 1.0
    } else {
        range.high.floor()
    };
    if first > last {
        return if integer {
            first
        } else {
            inside_fraction(range, rng)
        };
    }

    let value = if last - first < 1e15 {
        first + rng.random_range(0..=(last - first) as u64) as f64
    } else {
        first
    };
    let magnitude = 10f64
        .powf(((last - first).max(1.0)).log10().floor() - 1.0)
        .max(1.0);
    let rounded = (value / magnitude).round() * magnitude;
    if rounded >= first && rounded <= last {
        rounded
    } else {
        value
    }
}

/// A two-decimal value strictly inside a range too narrow for a whole number.
fn inside_fraction(range: Range, rng: &mut ChaCha8Rng) -> f64 {
    let share = rng.random_range(0.2..0.8);
    let value = range.low + (range.high - range.low) * share;
    let rounded = (value * 100.0).round() / 100.0;
    let fits = rounded > range.low && rounded < range.high;
    if fits { rounded } else { value }
}

/// A multiple of `step` in the range, written with as many decimals as the
/// step has, so `0.1 * 3` comes out as `0.3`.
fn multiple_within(range: Range, step: f64, rng: &mut ChaCha8Rng) -> f64 {
    let mut first = (range.low / step).ceil();
    if range.low_open && first * step <= range.low {
        first += 1.0;
    }
    let mut last = (range.high / step).floor();
    if range.high_open && last * step >= range.high {
        last -= 1.0;
    }
    let factor = if last >= first && last - first < 1e15 {
        first + rng.random_range(0..=(last - first) as u64) as f64
    } else {
        first
    };
    round_to(factor * step, decimals(step))
}

fn decimals(step: f64) -> i32 {
    (0..10)
        .find(|&d| ((step * 10f64.powi(d)).round() - step * 10f64.powi(d)).abs() < 1e-9)
        .unwrap_or(10)
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// A whole value as a JSON integer (valid for `number` too), else a float.
fn to_json(value: f64, integer: bool) -> Value {
    let whole = value.fract() == 0.0 && value.abs() < 9.0e15;
    if whole || integer {
        Value::from(value.round() as i64)
    } else {
        serde_json::json!(value)
    }
}
