//! Writers turn plans into prose. The offline writer is the default.

mod offline;

use async_trait::async_trait;

use understudy_flow::Scope;

use crate::package::PersonaPackage;
use crate::plan::PackagePlan;
use crate::spec::GenerationSpec;

pub use offline::OfflineWriter;

/// What every writer sees besides the plans.
#[derive(Debug, Clone, Copy)]
pub struct WriteContext<'a> {
    pub scope: &'a Scope<'a>,
    pub spec: &'a GenerationSpec,
}

/// Why a writer produced nothing usable.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the writer is unavailable: {0}")]
    Unavailable(String),
    #[error("the writer returned unusable output: {0}")]
    Unusable(String),
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
}
