//! The generation pipeline: plan, write, check, and ask again for the
//! packages that failed their checks when the writer can be asked again.

use std::collections::BTreeMap;
use std::time::Instant;

use tracing::{debug, info, warn};

use understudy_flow::Scope;

use crate::check::{Problem, check};
use crate::package::PersonaPackage;
use crate::plan::{PackagePlan, plan};
use crate::spec::GenerationSpec;
use crate::writer::{Rewrite, UsageMeter, WriteContext, WriteError, Writer, WriterUsage};

/// Rounds of rewriting a generation allows unless told otherwise.
pub const REPAIR_ROUNDS: usize = 2;

/// The packages of one generation and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Generation {
    pub packages: Vec<PersonaPackage>,
    /// The writer's model name.
    pub model: String,
    pub warnings: Vec<GenerationWarning>,
    /// What the writer spent; `None` for a writer that calls no model.
    pub usage: Option<WriterUsage>,
    pub timings: Timings,
}

/// Where the time of a generation went, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Timings {
    pub plan_ms: u64,
    pub write_ms: u64,
    pub check_ms: u64,
    /// Rewriting packages that failed their checks (zero when none did).
    pub repair_ms: u64,
}

/// How a generation may run, beyond what it is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// The point the generation must be done by, passed to the writer.
    pub deadline: Option<Instant>,
    /// How many times packages that fail their checks are asked for
    /// again, when the writer can be asked again.
    pub repair_rounds: usize,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            deadline: None,
            repair_rounds: REPAIR_ROUNDS,
        }
    }
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

/// Plans, writes and checks the packages a spec asks for, with the
/// default options (no deadline, [`REPAIR_ROUNDS`] rounds of repair).
pub async fn generate(
    scope: &Scope<'_>,
    spec: &GenerationSpec,
    writer: &dyn Writer,
) -> Result<Generation, GenerateError> {
    generate_with(scope, spec, writer, GenerateOptions::default()).await
}

/// Plans, writes and checks the packages a spec asks for.
///
/// Packages that fail a check are written again by a writer that
/// [repairs](Writer::repairs), with the reasons, for up to
/// `options.repair_rounds` rounds; the others are kept. A wrong number of
/// packages, or packages still failing after the last round, fail the
/// generation: nothing is patched or swapped for another writer's.
pub async fn generate_with(
    scope: &Scope<'_>,
    spec: &GenerationSpec,
    writer: &dyn Writer,
    options: GenerateOptions,
) -> Result<Generation, GenerateError> {
    let started = Instant::now();
    let model = writer.model();
    let mut timings = Timings::default();

    let plans = timed(&mut timings.plan_ms, || plan(scope, spec));
    debug!(packages = plans.len(), seed = spec.seed, "planned");

    let usage = UsageMeter::default();
    let context = WriteContext {
        scope,
        spec,
        deadline: options.deadline,
        usage: &usage,
    };
    let write_started = Instant::now();
    let mut packages = writer.write(context, &plans).await?;
    timings.write_ms = millis(write_started);
    debug!(packages = packages.len(), model = %model, "written");

    let mut problems = timed(&mut timings.check_ms, || check(&packages, scope, spec));
    for round in 1..=options.repair_rounds {
        let Some(failing) = repairable(writer, &problems, plans.len()) else {
            break;
        };
        debug!(round, packages = failing.len(), model = %model, "rewriting packages that failed their checks");

        let repair_started = Instant::now();
        repair(writer, context, &plans, &mut packages, &failing).await?;
        timings.repair_ms += millis(repair_started);

        problems = timed(&mut timings.check_ms, || check(&packages, scope, spec));
    }

    if !problems.is_empty() {
        warn!(problems = problems.len(), model = %model, seed = spec.seed, "packages failed their checks");
        return Err(GenerateError::Check(problems));
    }

    let usage = Some(usage.snapshot()).filter(|u| u.calls > 0);
    let warnings = warnings(scope);
    info!(
        packages = packages.len(),
        seed = spec.seed,
        model = %model,
        warnings = warnings.len(),
        calls = usage.map_or(0, |u| u.calls),
        repairs = usage.map_or(0, |u| u.repairs),
        duration_ms = millis(started),
        "generated"
    );
    Ok(Generation {
        packages,
        model,
        warnings,
        usage,
        timings,
    })
}

/// The problems of each failing package, by package index; `None` when
/// nothing can be rewritten (no problems, a writer that cannot be asked
/// again, or a problem of the whole set such as a wrong count).
fn repairable(
    writer: &dyn Writer,
    problems: &[Problem],
    planned: usize,
) -> Option<BTreeMap<usize, Vec<String>>> {
    if problems.is_empty() || !writer.repairs() {
        return None;
    }

    let mut failing: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for problem in problems {
        let index = problem.package.filter(|&i| i < planned)?;
        failing
            .entry(index)
            .or_default()
            .push(problem.message.clone());
    }
    Some(failing)
}

/// Asks the writer for the failing packages again and puts the new ones
/// in their places.
async fn repair(
    writer: &dyn Writer,
    context: WriteContext<'_>,
    plans: &[PackagePlan],
    packages: &mut [PersonaPackage],
    failing: &BTreeMap<usize, Vec<String>>,
) -> Result<(), WriteError> {
    let rewrites: Vec<Rewrite<'_>> = failing
        .iter()
        .map(|(&index, problems)| Rewrite {
            plan: &plans[index],
            previous: &packages[index],
            problems,
        })
        .collect();
    let fresh = writer.rewrite(context, &rewrites).await?;

    if fresh.len() != failing.len() {
        return Err(WriteError::Unusable(format!(
            "asked to rewrite {} packages, got {}",
            failing.len(),
            fresh.len()
        )));
    }
    for (&index, package) in failing.keys().zip(fresh) {
        packages[index] = package;
    }
    Ok(())
}

fn timed<T>(total: &mut u64, step: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = step();
    *total += millis(started);
    value
}

fn millis(since: Instant) -> u64 {
    since.elapsed().as_millis() as u64
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
