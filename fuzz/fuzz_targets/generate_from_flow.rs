//! Arbitrary bytes imported as a flow, then persona packages generated for
//! it with the offline writer, as `POST /testing/personas/generate` does for
//! a stored flow.
//!
//! Whatever flow import accepts, a valid request for it must get exactly the
//! packages it asked for: a generation that fails its own checks is a 500.

#![no_main]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use libfuzzer_sys::fuzz_target;
use understudy_flow::{discover, import_bytes};
use understudy_persona::{
    GenerationSpec, Language, MissionType, OfflineWriter, PersonaType, generate,
};

const MISSION: &str = include_str!("../../examples/mission-types/resolve-account-access.json");
const PERSONA: &str = include_str!("../../examples/persona-types/impatient.json");

fuzz_target!(|bytes: &[u8]| {
    let Ok(documents) = import_bytes(bytes) else {
        return;
    };

    for document in &documents {
        let capabilities = discover(document);
        if capabilities.jobs.is_empty() {
            continue;
        }
        let scope = capabilities.scope(None).expect("every job is in scope");
        let spec = spec(bytes);

        let generation = run(generate(&scope, &spec, &OfflineWriter));
        match generation {
            Ok(generation) => assert_eq!(generation.packages.len(), spec.packages),
            Err(error) => panic!("generation for an imported flow failed: {error}"),
        }
    }
});

/// A request varied by the input: how many packages and criteria, which
/// language and seed.
fn spec(bytes: &[u8]) -> GenerationSpec {
    let last = bytes.last().copied().unwrap_or(0);
    GenerationSpec {
        mission_type: serde_json::from_str::<MissionType>(MISSION).expect("example mission"),
        persona_type: serde_json::from_str::<PersonaType>(PERSONA).expect("example persona"),
        packages: 1 + usize::from(last % 5),
        criteria_per_package: 1 + usize::from(last / 5 % 4),
        language: if last % 2 == 0 {
            Language::En
        } else {
            Language::De
        },
        seed: bytes.len() as u64 ^ u64::from(last) << 32,
    }
}

/// Drives the pipeline to completion: the offline writer never waits.
fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}
