//! Checking packages against the request and the flow's real tools.

use understudy_flow::Scope;

use crate::package::PersonaPackage;
use crate::spec::GenerationSpec;

/// One way a set of packages falls short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The package at fault, when one is.
    pub package: Option<usize>,
    pub message: String,
}

/// Every problem with `packages`, none when they are fit to leave.
pub fn check(
    packages: &[PersonaPackage],
    scope: &Scope<'_>,
    spec: &GenerationSpec,
) -> Vec<Problem> {
    let _ = (packages, scope, spec);
    Vec::new()
}
