//! Writers turn plans into prose. The offline writer is the default.
//!
//! A writer that can be asked again (an LLM) says so through
//! [`Writer::repairs`]; the pipeline then hands it the packages that
//! failed their checks, with the reasons, through [`Writer::rewrite`].

pub(crate) mod offline;
mod usage;

use std::time::Instant;

use async_trait::async_trait;

use understudy_flow::Scope;

use crate::package::PersonaPackage;
use crate::plan::PackagePlan;
use crate::spec::GenerationSpec;

pub use offline::OfflineWriter;
pub use usage::{UsageMeter, WriterUsage};

/// What every writer sees besides the plans.
#[derive(Debug, Clone, Copy)]
pub struct WriteContext<'a> {
    pub scope: &'a Scope<'a>,
    pub spec: &'a GenerationSpec,
    /// The point by which the whole generation must be done; a writer
    /// that cannot finish by then fails with [`WriteError::Deadline`]
    /// rather than keep the caller waiting.
    pub deadline: Option<Instant>,
    /// Where a writer that calls a model counts its calls and tokens.
    pub usage: &'a UsageMeter,
}

/// Why a writer produced nothing usable.
///
/// The variants are the ones a caller answers differently: the HTTP edge
/// maps `Unavailable` to 503, `Unusable` to 502 and `Deadline` to 504.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The model could not be reached or refused the request (rate
    /// limits, server errors, a bad key, an unknown model), retries spent.
    #[error("the writer is unavailable: {0}")]
    Unavailable(String),
    /// The model answered, but not with packages that could be used, even
    /// after being asked again with the reasons.
    #[error("the writer returned unusable output: {0}")]
    Unusable(String),
    /// The deadline passed before the packages were written.
    #[error("the writer ran out of time: {0}")]
    Deadline(String),
}

/// One package that failed its checks, to be written again.
#[derive(Debug, Clone, Copy)]
pub struct Rewrite<'a> {
    pub plan: &'a PackagePlan,
    /// The package as written before.
    pub previous: &'a PersonaPackage,
    /// What is wrong with it, one sentence each.
    pub problems: &'a [String],
}

/// Turns package plans into packages, one per plan, in plan order.
#[async_trait]
pub trait Writer: Send + Sync {
    /// The name reported as `metadata.model`.
    fn model(&self) -> String;

    async fn write(
        &self,
        context: WriteContext<'_>,
        plans: &[PackagePlan],
    ) -> Result<Vec<PersonaPackage>, WriteError>;

    /// Whether packages that fail their checks are worth asking for again.
    /// A deterministic writer would only write the same text twice.
    fn repairs(&self) -> bool {
        false
    }

    /// Writes the given packages again, knowing what was wrong with them;
    /// one package per rewrite, in the same order.
    async fn rewrite(
        &self,
        context: WriteContext<'_>,
        rewrites: &[Rewrite<'_>],
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        let _ = (context, rewrites);
        Err(WriteError::Unusable(format!(
            "the {} writer cannot rewrite packages",
            self.model()
        )))
    }
}
