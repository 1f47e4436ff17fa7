//! A generation written a chunk of packages at a time, for background
//! jobs and streamed answers.
//!
//! The plan is made once for the whole generation (it is deterministic
//! for the seed), and each chunk is written and checked knowing the
//! packages before it (see `understudy_persona::continuation`), so the
//! chunks add up to one generation with unique names. A chunked
//! generation can start from packages already written, by this process
//! or another: it continues at the first package not written and never
//! writes one twice.

use understudy_flow::{Capabilities, Scope};
use understudy_persona::check::Problem;
use understudy_persona::continuation::{Written, check_after, write_after};
use understudy_persona::plan::plan;
use understudy_persona::writer::{Rewrite, UsageMeter, WriteContext};
use understudy_persona::{GenerateError, GenerationSpec, PackagePlan, PersonaPackage, Writer};
use uuid::Uuid;

use crate::generation::{self, Assembled, GenerateResponse, GenerationFailure};
use crate::request::{GenerateRequest, Notice};

/// Packages written per chunk unless configured otherwise.
pub const CHUNK: usize = 10;

/// Rounds a writer that repairs is asked to fix a chunk's packages.
const REPAIR_ROUNDS: usize = 2;

/// One generation in progress, a chunk at a time.
pub struct Chunked<'c> {
    capabilities: &'c Capabilities,
    scope: Scope<'c>,
    spec: GenerationSpec,
    plans: Vec<PackagePlan>,
    written: Written,
    packages: Vec<PersonaPackage>,
    chunk: usize,
    usage: UsageMeter,
}

impl<'c> Chunked<'c> {
    /// Plans the whole generation `request` asks for, from `seed`.
    pub fn new(
        capabilities: &'c Capabilities,
        request: &GenerateRequest,
        seed: u64,
        chunk: usize,
    ) -> Result<Self, GenerationFailure> {
        let scope = generation::scope(capabilities, request).map_err(GenerationFailure::Field)?;
        let spec = generation::spec(request, seed);
        let plans = plan(&scope, &spec);

        Ok(Chunked {
            capabilities,
            scope,
            spec,
            plans,
            written: Written::default(),
            packages: Vec::new(),
            chunk: chunk.max(1),
            usage: UsageMeter::default(),
        })
    }

    /// Takes packages already written (indices `0..earlier.len()`), so
    /// that the next chunk continues after them.
    pub fn resume(&mut self, earlier: Vec<PersonaPackage>) {
        for package in &earlier {
            self.written.push(package);
        }
        self.packages.extend(earlier);
    }

    /// How many packages the generation has in all.
    pub fn total(&self) -> usize {
        self.plans.len()
    }

    /// The index of the first package not yet written.
    pub fn next_index(&self) -> usize {
        self.packages.len()
    }

    pub fn is_done(&self) -> bool {
        self.next_index() >= self.total()
    }

    /// Writes and checks the next chunk; `None` when every package is
    /// written. The chunk is kept, so the next call continues after it.
    pub async fn next_chunk(
        &mut self,
        writer: &dyn Writer,
    ) -> Result<Option<Vec<PersonaPackage>>, GenerateError> {
        let first = self.next_index();
        if first >= self.total() {
            return Ok(None);
        }
        let end = (first + self.chunk).min(self.total());
        let plans = &self.plans[first..end];
        let context = WriteContext {
            scope: &self.scope,
            spec: &self.spec,
            deadline: None,
            usage: &self.usage,
        };

        let mut chunk = write_after(writer, context, &self.written, plans).await?;
        if chunk.len() != plans.len() {
            return Err(GenerateError::Check(vec![Problem {
                package: None,
                message: format!("expected {} packages, got {}", plans.len(), chunk.len()),
            }]));
        }

        let mut problems = check_after(&self.written, &chunk, first, &self.scope, &self.spec);
        for _ in 0..REPAIR_ROUNDS {
            if problems.is_empty() || !writer.repairs() {
                break;
            }
            repair(writer, context, plans, first, &mut chunk, &problems).await?;
            problems = check_after(&self.written, &chunk, first, &self.scope, &self.spec);
        }
        if !problems.is_empty() {
            return Err(GenerateError::Check(problems));
        }

        for package in &chunk {
            self.written.push(package);
        }
        self.packages.extend(chunk.iter().cloned());
        Ok(Some(chunk))
    }

    /// The response body of the finished generation, as a synchronous
    /// request for the same packages would answer.
    pub fn response(
        &self,
        request: &GenerateRequest,
        writer: &dyn Writer,
        request_id: Uuid,
    ) -> GenerateResponse {
        generation::assemble(
            self.capabilities,
            request,
            &self.spec,
            Assembled {
                request_id,
                model: writer.model(),
                packages: self.packages.clone(),
                warnings: self.warnings(),
                usage: None,
                timings: None,
            },
        )
    }

    /// What the pipeline would say of this generation as a whole.
    fn warnings(&self) -> Vec<Notice> {
        if !self.scope.jobs.is_empty() {
            return Vec::new();
        }
        vec![Notice::new(
            "NO_AI_AGENT",
            "the flow has no AI Agent job in scope; the packages were written from the \
             mission and persona types alone",
        )]
    }
}

/// Asks a writer that repairs for the failing packages of a chunk again,
/// with the reasons, and puts the new ones in their places.
async fn repair(
    writer: &dyn Writer,
    context: WriteContext<'_>,
    plans: &[PackagePlan],
    first: usize,
    chunk: &mut [PersonaPackage],
    problems: &[Problem],
) -> Result<(), GenerateError> {
    let mut failing: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    for problem in problems {
        let Some(offset) = problem.package.and_then(|index| index.checked_sub(first)) else {
            return Err(GenerateError::Check(problems.to_vec()));
        };
        failing
            .entry(offset)
            .or_default()
            .push(problem.message.clone());
    }

    let previous = chunk.to_vec();
    let rewrites: Vec<Rewrite<'_>> = failing
        .iter()
        .map(|(&offset, reasons)| Rewrite {
            plan: &plans[offset],
            previous: &previous[offset],
            problems: reasons,
        })
        .collect();
    let fresh = writer.rewrite(context, &rewrites).await?;
    if fresh.len() != failing.len() {
        return Err(GenerateError::Check(problems.to_vec()));
    }
    for (&offset, package) in failing.keys().zip(fresh) {
        chunk[offset] = package;
    }
    Ok(())
}
