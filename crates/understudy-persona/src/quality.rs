//! How good a set of packages is, as numbers any writer can be judged by.
//!
//! Pure functions over packages and the scope they were written for:
//! grounding (expected calls whose arguments their tool's schema accepts),
//! tool coverage, unique names, the closest two descriptions and missions,
//! and the spread of traits. They read only what a response carries, so a
//! saved response of any writer is measured the same way. [`synthetic`]
//! makes seeded flows of any size to measure on.

pub mod synthetic;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use understudy_flow::Scope;
use understudy_schema::CompiledSchema;

use crate::package::PersonaPackage;
use crate::plan::AXES;
use crate::similarity::max_pairwise;

/// A share: `part` of `whole`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub part: usize,
    pub whole: usize,
}

impl Ratio {
    /// `part / whole`, or `None` when there is nothing to count.
    pub fn share(self) -> Option<f64> {
        (self.whole > 0).then(|| self.part as f64 / self.whole as f64)
    }
}

/// How spread one trait axis is over the packages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TraitSpread {
    pub axis: &'static str,
    /// Shannon entropy of the axis's levels, divided by the most that
    /// many packages can reach (`ln min(levels, packages)`): 1 is as
    /// even as possible, 0 is one level for all.
    pub entropy: f64,
}

/// Every measure of one set of packages.
#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    pub packages: usize,
    pub grounding: Ratio,
    pub tool_coverage: Ratio,
    pub unique_persona_names: Ratio,
    pub unique_simulation_names: Ratio,
    /// The highest similarity between two descriptions (0 with fewer than two).
    pub closest_descriptions: f64,
    pub closest_missions: f64,
    pub traits: Vec<TraitSpread>,
}

/// Measures `packages` against the scope they were written for.
pub fn assess(packages: &[PersonaPackage], scope: &Scope<'_>) -> Quality {
    let descriptions: Vec<&str> = packages
        .iter()
        .map(|p| p.persona_description.as_str())
        .collect();
    let missions: Vec<&str> = packages.iter().map(|p| p.mission.as_str()).collect();

    Quality {
        packages: packages.len(),
        grounding: grounding(packages, scope),
        tool_coverage: tool_coverage(packages, scope),
        unique_persona_names: unique(packages.iter().map(|p| p.persona_name.as_str())),
        unique_simulation_names: unique(packages.iter().map(|p| p.simulation_name.as_str())),
        closest_descriptions: max_pairwise(&descriptions).0,
        closest_missions: max_pairwise(&missions).0,
        traits: trait_spread(packages),
    }
}

/// Expected tool calls whose tool is in scope and whose arguments its
/// schema accepts (a tool without a schema accepts only `{}`), of all
/// expected tool calls.
pub fn grounding(packages: &[PersonaPackage], scope: &Scope<'_>) -> Ratio {
    let schemas: BTreeMap<&str, Option<Option<CompiledSchema>>> = scope
        .tools()
        .map(|(_, tool)| {
            let compiled = tool.parameters.as_ref().map(CompiledSchema::compile);
            (tool.tool_id.as_str(), compiled.map(Result::ok))
        })
        .collect();

    let calls = packages
        .iter()
        .flat_map(|p| &p.success_criteria)
        .filter_map(|c| c.params.expected_tool_call.as_ref());
    let mut ratio = Ratio { part: 0, whole: 0 };
    for call in calls {
        ratio.whole += 1;
        let valid = match schemas.get(call.tool.as_str()) {
            None => false,
            Some(None) => call.arguments.as_object().is_some_and(|o| o.is_empty()),
            Some(Some(None)) => false,
            Some(Some(Some(schema))) => schema.is_valid(&call.arguments),
        };
        ratio.part += usize::from(valid);
    }
    ratio
}

/// Distinct tools in scope that some package exercises (in its focus or
/// an expected call), of all tools in scope.
pub fn tool_coverage(packages: &[PersonaPackage], scope: &Scope<'_>) -> Ratio {
    let in_scope: BTreeSet<&str> = scope.tools().map(|(_, t)| t.tool_id.as_str()).collect();
    let focused = packages.iter().flat_map(|p| p.focus.tools.iter());
    let called = packages
        .iter()
        .flat_map(|p| &p.success_criteria)
        .filter_map(|c| c.params.expected_tool_call.as_ref().map(|call| &call.tool));
    let exercised: BTreeSet<&str> = focused
        .chain(called)
        .map(String::as_str)
        .filter(|tool| in_scope.contains(tool))
        .collect();

    Ratio {
        part: exercised.len(),
        whole: in_scope.len(),
    }
}

/// Distinct values (trimmed, case ignored) of all values.
pub fn unique<'a>(values: impl Iterator<Item = &'a str>) -> Ratio {
    let mut seen = BTreeSet::new();
    let mut whole = 0;
    for value in values {
        whole += 1;
        seen.insert(value.trim().to_lowercase());
    }
    Ratio {
        part: seen.len(),
        whole,
    }
}

/// The normalised entropy of every trait axis, in the order of [`AXES`].
pub fn trait_spread(packages: &[PersonaPackage]) -> Vec<TraitSpread> {
    let traits: Vec<Value> = packages
        .iter()
        .map(|p| serde_json::to_value(&p.traits).unwrap_or_default())
        .collect();

    AXES.iter()
        .map(|axis| {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for value in &traits {
                let level = value.get(axis.name).and_then(Value::as_str).unwrap_or("");
                *counts.entry(level).or_default() += 1;
            }
            let reachable = axis.levels.len().min(packages.len());
            TraitSpread {
                axis: axis.name,
                entropy: normalised_entropy(counts.values().copied(), reachable),
            }
        })
        .collect()
}

/// Shannon entropy of `counts` over `ln(reachable)`; 0 when at most one
/// outcome is reachable.
pub fn normalised_entropy(counts: impl Iterator<Item = usize> + Clone, reachable: usize) -> f64 {
    let total: usize = counts.clone().sum();
    if total == 0 || reachable < 2 {
        return 0.0;
    }

    let entropy: f64 = counts
        .filter(|&c| c > 0)
        .map(|c| {
            let p = c as f64 / total as f64;
            p * (total as f64 / c as f64).ln()
        })
        .sum();
    entropy / (reachable as f64).ln()
}

#[cfg(test)]
mod tests;
