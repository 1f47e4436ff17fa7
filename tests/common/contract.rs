//! The public contract, read from `shared/` beside the repository.

#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

/// Where the contract lives: `UNDERSTUDY_CONTRACT`, else `../shared/contract/`.
pub fn path() -> PathBuf {
    std::env::var_os("UNDERSTUDY_CONTRACT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/contract/personas-generate.openapi.yaml")
        })
}

/// The contract as JSON; tests that compare against it need it present.
pub fn document() -> Value {
    let path = path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "the contract is needed at {} (set UNDERSTUDY_CONTRACT): {err}",
            path.display()
        )
    });
    serde_yaml::from_str(&text).expect("the contract is YAML")
}

/// JSON pointer of a response schema of the generate route.
pub fn response_pointer(status: &str, media: &str) -> String {
    format!(
        "#/paths/~1personas~1generate/post/responses/{status}/content/{}/schema",
        media.replace('/', "~1")
    )
}
