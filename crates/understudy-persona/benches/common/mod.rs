//! What the benchmarks share: the banking example flow and a request
//! shaped like the examples' account-access mission for impatient users.

#![allow(dead_code)]

use std::path::PathBuf;

use understudy_flow::{Capabilities, discover, import_path};
use understudy_persona::{GenerationSpec, Language, MissionType, PersonaType};

/// The repository's `examples/` folder.
pub fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// What discovery finds in `examples/flows/banking-support.json`.
pub fn banking() -> Capabilities {
    let path = examples().join("flows/banking-support.json");
    let documents = import_path(&path).expect("the banking example imports");
    discover(&documents[0])
}

/// `packages` packages of three criteria, in English, from seed 42.
pub fn spec(packages: usize) -> GenerationSpec {
    let read = |path: &str| {
        let text = std::fs::read_to_string(examples().join(path)).expect("the example exists");
        serde_json::from_str::<serde_json::Value>(&text).expect("the example is JSON")
    };
    let mission: MissionType =
        serde_json::from_value(read("mission-types/resolve-account-access.json"))
            .expect("a mission type");
    let persona: PersonaType =
        serde_json::from_value(read("persona-types/impatient.json")).expect("a persona type");

    GenerationSpec {
        mission_type: mission,
        persona_type: persona,
        packages,
        criteria_per_package: 3,
        language: Language::En,
        seed: 42,
    }
}
