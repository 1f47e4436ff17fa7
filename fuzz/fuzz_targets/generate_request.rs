//! Arbitrary bytes as the body of `POST /testing/personas/generate`.
//!
//! Validation may refuse the body, but never panic; a refusal names at least
//! one field, and an accepted request keeps within the limits it was read
//! under.

#![no_main]

use libfuzzer_sys::fuzz_target;
use understudy::request::{
    GenerateRequest, Limits, MAX_DESCRIPTION, MAX_NAME, MAX_REFERENCE, MAX_SEED,
    MAX_SUGGESTED_CRITERIA,
};

fuzz_target!(|bytes: &[u8]| {
    let limits = Limits::default();
    let request = match GenerateRequest::from_slice(bytes, limits) {
        Ok(request) => request,
        Err(invalid) => {
            assert!(!invalid.0.is_empty(), "a refusal names a field");
            assert!(
                !invalid.first().field.is_empty(),
                "a refusal has a field path"
            );
            return;
        }
    };

    assert!((1..=limits.max_packages as usize).contains(&request.packages));
    assert!((1..=limits.max_criteria as usize).contains(&request.criteria_per_package));
    assert!(request.seed.is_none_or(|seed| seed <= MAX_SEED));

    check_text(&request.flow_reference, MAX_REFERENCE);
    request
        .project_reference
        .iter()
        .for_each(|r| check_text(r, MAX_REFERENCE));
    request
        .job_node_id
        .iter()
        .for_each(|r| check_text(r, MAX_REFERENCE));
    check_text(&request.mission_type.name, MAX_NAME);
    check_text(&request.mission_type.description, MAX_DESCRIPTION);
    check_text(&request.persona_type.name, MAX_NAME);
    check_text(&request.persona_type.description, MAX_DESCRIPTION);

    let criteria = &request.mission_type.success_criteria;
    assert!(criteria.len() <= MAX_SUGGESTED_CRITERIA);
    for criterion in criteria {
        check_text(&criterion.name, MAX_NAME);
        check_text(&criterion.description, MAX_DESCRIPTION);
    }

    let again = GenerateRequest::from_slice(bytes, limits).expect("validation is deterministic");
    assert_eq!(again, request);
});

/// An accepted text is trimmed, not blank, and within its limit.
fn check_text(text: &str, limit: usize) {
    assert!(!text.trim().is_empty(), "accepted text is not blank");
    assert_eq!(text, text.trim(), "accepted text is trimmed");
    assert!(
        text.chars().count() <= limit,
        "accepted text is within {limit} characters"
    );
}
