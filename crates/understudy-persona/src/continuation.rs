//! Writing one generation in chunks, as a background job or a stream does:
//! each chunk is written and checked knowing the packages before it, so
//! the whole set is as unique as one written at once.
//!
//! [`Written`] remembers what the chunks so far hold (persona names,
//! simulation names, the shingles of descriptions and missions). The
//! offline writer continues from it exactly where it left off, so a
//! generation written in chunks, by one worker or several in turn, is
//! byte for byte the generation written in one call. Another writer
//! writes each chunk on its own; [`check_after`] then finds any clash with
//! earlier chunks, which a writer that repairs is asked to fix.

use std::collections::BTreeSet;

use understudy_flow::Scope;

use crate::check::{Problem, check};
use crate::package::PersonaPackage;
use crate::plan::PackagePlan;
use crate::similarity::{NEAR_DUPLICATE_LIMIT, Shingles};
use crate::spec::GenerationSpec;
use crate::writer::{OfflineWriter, WriteContext, WriteError, Writer};

/// What the packages written so far hold that later ones must not repeat.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// Persona and simulation names, trimmed and lowercased, as the
    /// check compares them.
    pub(crate) names_lower: BTreeSet<String>,
    pub(crate) titles_lower: BTreeSet<String>,
    pub(crate) descriptions: Vec<Shingles>,
    pub(crate) missions: Vec<Shingles>,
}

impl Written {
    /// Remembers one package, the next in index order.
    pub fn push(&mut self, package: &PersonaPackage) {
        self.names_lower.insert(key(&package.persona_name));
        self.titles_lower.insert(key(&package.simulation_name));
        self.descriptions
            .push(Shingles::new(&package.persona_description));
        self.missions.push(Shingles::new(&package.mission));
    }

    /// How many packages have been remembered.
    pub fn len(&self) -> usize {
        self.descriptions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.descriptions.is_empty()
    }
}

/// Writes the packages of `plans`, which continue a generation whose
/// earlier packages `written` remembers. The offline writer continues its
/// choices from them; any other writer is asked for the chunk as it is.
///
/// The offline writer is known by its model name: it is the only writer
/// that reports [`OfflineWriter::MODEL`], and it has no settings, so a
/// fresh one is the same writer.
pub async fn write_after(
    writer: &dyn Writer,
    context: WriteContext<'_>,
    written: &Written,
    plans: &[PackagePlan],
) -> Result<Vec<PersonaPackage>, WriteError> {
    if writer.model() == OfflineWriter::MODEL {
        return Ok(OfflineWriter.write_after(context, written, plans));
    }
    writer.write(context, plans).await
}

/// Every problem with `chunk`, the packages from index `first` of a
/// generation whose earlier packages `written` remembers: the checks of
/// [`check`] within the chunk (with indices counted in the whole
/// generation), and names and texts that repeat an earlier package's.
pub fn check_after(
    written: &Written,
    chunk: &[PersonaPackage],
    first: usize,
    scope: &Scope<'_>,
    spec: &GenerationSpec,
) -> Vec<Problem> {
    let chunk_spec = GenerationSpec {
        packages: chunk.len(),
        ..spec.clone()
    };
    let mut problems: Vec<Problem> = check(chunk, scope, &chunk_spec)
        .into_iter()
        .map(|problem| Problem {
            package: problem.package.map(|index| index + first),
            message: problem.message,
        })
        .collect();

    for (offset, package) in chunk.iter().enumerate() {
        let index = first + offset;
        for message in clashes(written, package) {
            problems.push(Problem {
                package: Some(index),
                message,
            });
        }
    }
    problems
}

/// How one package repeats the packages written before it.
fn clashes(written: &Written, package: &PersonaPackage) -> Vec<String> {
    let mut messages = Vec::new();
    if written.names_lower.contains(&key(&package.persona_name)) {
        messages.push(format!(
            "personaName `{}` is also used by an earlier package",
            package.persona_name
        ));
    }
    if written
        .titles_lower
        .contains(&key(&package.simulation_name))
    {
        messages.push(format!(
            "simulationName `{}` is also used by an earlier package",
            package.simulation_name
        ));
    }

    let texts = [
        (
            "personaDescription",
            &package.persona_description,
            &written.descriptions,
        ),
        ("mission", &package.mission, &written.missions),
    ];
    for (field, text, earlier) in texts {
        let shingles = Shingles::new(text);
        let closest = earlier
            .iter()
            .map(|other| other.similarity(&shingles))
            .fold(0.0, f64::max);
        if closest >= NEAR_DUPLICATE_LIMIT {
            messages.push(format!(
                "{field} is a near-duplicate of an earlier package's ({closest:.2} >= {NEAR_DUPLICATE_LIMIT})"
            ));
        }
    }
    messages
}

fn key(text: &str) -> String {
    text.trim().to_lowercase()
}
