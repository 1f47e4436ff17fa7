//! The generation pipeline: plan, write, check.

use std::time::Instant;

use tracing::{debug, info, warn};

use understudy_flow::Scope;

use crate::check::{Problem, check};
use crate::package::PersonaPackage;
use crate::plan::plan;
use crate::spec::GenerationSpec;
use crate::writer::{WriteContext, WriteError, Writer};

/// The packages of one generation and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Generation {
    pub packages: Vec<PersonaPackage>,
    /// The writer's model name.
    pub model: String,
    pub warnings: Vec<GenerationWarning>,
}

/// Something the caller should know about an otherwise good generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerationWarning {
    pub code: &'static str,
    pub message: String,
}

/// Why a generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("the packages failed their checks: {}", summary(.0))]
    Check(Vec<Problem>),
}

fn summary(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Plans, writes and checks the packages a spec asks for.
///
/// A writer that returns the wrong number of packages, or packages that
/// fail any check, fails the generation: nothing is patched or swapped.
pub async fn generate(
    scope: &Scope<'_>,
    spec: &GenerationSpec,
    writer: &dyn Writer,
) -> Result<Generation, GenerateError> {
    let started = Instant::now();
    let model = writer.model();

    let plans = plan(scope, spec);
    debug!(packages = plans.len(), seed = spec.seed, "planned");

    let context = WriteContext { scope, spec };
    let packages = writer.write(context, &plans).await?;
    debug!(packages = packages.len(), model = %model, "written");

    let problems = check(&packages, scope, spec);
    if !problems.is_empty() {
        warn!(problems = problems.len(), model = %model, seed = spec.seed, "packages failed their checks");
        return Err(GenerateError::Check(problems));
    }

    let warnings = warnings(scope);
    info!(
        packages = packages.len(),
        seed = spec.seed,
        model = %model,
        warnings = warnings.len(),
        duration_ms = started.elapsed().as_millis() as u64,
        "generated"
    );
    Ok(Generation {
        packages,
        model,
        warnings,
    })
}

fn warnings(scope: &Scope<'_>) -> Vec<GenerationWarning> {
    if !scope.jobs.is_empty() {
        return Vec::new();
    }
    vec![GenerationWarning {
        code: "NO_AI_AGENT",
        message: "the flow has no AI Agent job in scope; the packages were written from the \
                  mission and persona types alone"
            .to_owned(),
    }]
}
