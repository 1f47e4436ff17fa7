//! Arbitrary bytes as a tool's parameter schema, then synthesis of arguments
//! for it.
//!
//! Synthesis must never panic, must be reproducible from its seed, and
//! arguments it calls valid must validate.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use understudy_schema::{check_schema, synthesize, synthesize_valid, validate};

fuzz_target!(|bytes: &[u8]| {
    let (seed, text) = split_seed(bytes);
    let Ok(schema) = serde_json::from_slice::<Value>(text) else {
        return;
    };
    if check_schema(&schema).is_err() {
        return;
    }

    let first = synthesize(&schema, &mut ChaCha8Rng::seed_from_u64(seed));
    let second = synthesize(&schema, &mut ChaCha8Rng::seed_from_u64(seed));
    assert_eq!(first, second, "synthesis is reproducible from its seed");

    if let Ok(arguments) = synthesize_valid(&schema, &mut ChaCha8Rng::seed_from_u64(seed)) {
        assert_eq!(arguments, first, "both entry points agree for one seed");
        if let Err(errors) = validate(&schema, &arguments) {
            panic!("synthesized arguments {arguments} are called valid but fail: {errors:?}");
        }
    }
});

/// The first byte picks the seed, so the fuzzer can vary it cheaply; the
/// rest is the schema.
fn split_seed(bytes: &[u8]) -> (u64, &[u8]) {
    match bytes.split_first() {
        Some((seed, rest)) => (u64::from(*seed), rest),
        None => (0, bytes),
    }
}
