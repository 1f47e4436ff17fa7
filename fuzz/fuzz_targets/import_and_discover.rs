//! Arbitrary bytes (a JSON flow document or a zipped package export) through
//! import, then discovery of every imported flow.
//!
//! Import may refuse the bytes, but never panic; what it accepts must survive
//! the store's JSON round trip unchanged, and discovery of it must hold the
//! promises the rest of the pipeline relies on.

#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use understudy_flow::{Capabilities, FlowDocument, discover, import_bytes};

fuzz_target!(|bytes: &[u8]| {
    let Ok(documents) = import_bytes(bytes) else {
        return;
    };
    assert!(
        !documents.is_empty(),
        "an import that succeeds holds a flow"
    );

    for document in &documents {
        check_round_trip(document);

        let capabilities = discover(document);
        check_capabilities(document, &capabilities);
        assert_eq!(
            discover(document),
            capabilities,
            "discovery is deterministic"
        );
    }
});

/// The store keeps a document as JSON text and reads it back.
fn check_round_trip(document: &FlowDocument) {
    let stored = serde_json::to_vec(document).expect("a flow document serialises");
    let loaded: FlowDocument =
        serde_json::from_slice(&stored).expect("a stored flow document reads back");
    assert_eq!(&loaded, document, "a flow document survives the store");
}

fn check_capabilities(document: &FlowDocument, capabilities: &Capabilities) {
    assert_eq!(capabilities.flow_id, document.flow.id);
    assert_eq!(capabilities.flow_reference_id, document.flow.reference_id);

    let enabled_jobs = document
        .nodes
        .iter()
        .filter(|node| node.node_type == "aiAgentJob" && !node.is_disabled)
        .count();
    assert_eq!(
        capabilities.jobs.len(),
        enabled_jobs,
        "every enabled job is found"
    );

    let mut tool_ids = HashSet::new();
    for tool in capabilities.tools() {
        assert!(
            tool_ids.insert(tool.tool_id.as_str()),
            "tool id `{}` is unique in the flow",
            tool.tool_id
        );
        assert!(!tool.tool_id.is_empty(), "a tool has an id");
        if let Some(schema) = &tool.parameters {
            assert!(
                understudy_schema::check_schema(schema).is_ok(),
                "a discovered parameter schema is a usable object schema"
            );
        }
    }

    serde_json::to_vec(capabilities).expect("capabilities serialise");
}
